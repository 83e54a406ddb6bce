"""Gates: what `accept --all`, `a` in the review and `gotui commit` refuse to take without a word.

A reviewer can always overrule a gate (`accept ID --force`, `commit --force`, confirming in the
review screen); what a gate never does is let a TODO stub, a diverged unit or one that does not
build slip onto the branch unnoticed. The reasons are one line each, for the CLI and the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

TODO_MARK = "TODO(gotui)"
CHECKABLE = ("converted", "accepted", "edited")  # states whose Go `gotui check` builds and compares
FAILING_CHECKS = ("diverged", "build_failed")


class _Record(Protocol):
    id: str
    state: str
    go: str
    status: str
    error: str | None
    check_status: str | None
    check_detail: str | None


@dataclass(frozen=True)
class Blocked:
    id: str
    reason: str

    def line(self) -> str:
        return f"{self.id}: {self.reason}"


def accept_blocker(rec: _Record) -> str | None:
    """Why this unit's Go should not be accepted in bulk (None: nothing against it)."""
    if rec.status == "partial" or TODO_MARK in rec.go:
        why = f" ({rec.error})" if rec.error else ""
        return f"partial: the Go holds a TODO{why}"
    if rec.status == "failed" or not rec.go.strip():
        return "no Go to accept"
    if rec.check_status in FAILING_CHECKS:
        return f"check {rec.check_status}: {rec.check_detail or 'no detail'}"
    return None


def commit_blockers(records: Iterable[_Record], committable: Iterable[str]) -> list[Blocked]:
    """Units about to be committed (state in `committable`) whose latest check failed."""
    states = set(committable)
    return [Blocked(r.id, f"check {r.check_status}: {r.check_detail or 'no detail'}")
            for r in records if r.state in states and r.check_status in FAILING_CHECKS]
