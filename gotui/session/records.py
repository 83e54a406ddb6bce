"""What the session holds, as Python values: unit states, a unit's record, an attempt."""

from __future__ import annotations

from dataclasses import dataclass, fields

from gotui.parse.units import python_qualname

PENDING, CONVERTED, ACCEPTED, REJECTED, EDITED, STALE = "pending", "converted", "accepted", "rejected", "edited", "stale"
STATES = (PENDING, CONVERTED, ACCEPTED, REJECTED, EDITED, STALE)
# States whose Go goes onto the branch: an edit is the reviewer's own approved text.
COMMITTABLE = (ACCEPTED, EDITED)
# States that record a decision about a particular version of the Python.
DECIDED = (CONVERTED, ACCEPTED, REJECTED, EDITED)
# States a reviewer chose: a new translation must not silently replace them.
REVIEWED = (ACCEPTED, REJECTED, EDITED)
# Where a decision came from: None is this machine; a pull writes "pulled:<remote> <ref>@<commit>".
PULLED = "pulled:"


class SessionError(Exception):
    pass


@dataclass
class UnitRecord:
    id: str
    path: str
    qualname: str
    kind: str
    line: int
    end_line: int
    source_hash: str
    source: str
    state: str
    go: str
    backend: str
    model: str
    status: str
    error: str | None
    attempt_id: int | None
    decided_hash: str | None
    decided_source: str | None
    stale_from: str | None
    check_status: str | None
    check_detail: str | None
    updated_at: float
    updated_by: str
    present: int
    origin: str | None = None  # None: decided here; "pulled:...": taken from a review ref
    vetted_by: str | None = None  # who here explicitly checked pulled Go (None: nobody yet)

    @property
    def name(self) -> str:
        return python_qualname(self.qualname).rsplit(".", 1)[-1]

    @property
    def needs_local_review(self) -> bool:
        """The Go came from a pull and nobody here has accepted or explicitly checked it since."""
        return bool(self.origin and self.origin.startswith(PULLED)) and self.vetted_by is None


@dataclass
class Attempt:
    id: int
    unit_id: str
    go: str
    status: str
    backend: str
    model: str
    error: str | None
    instruction: str | None
    source_hash: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    repair_rounds: int
    cached: int
    created_at: float
    origin: str | None = None


UNIT_COLUMNS = tuple(f.name for f in fields(UnitRecord))
ATTEMPT_COLUMNS = tuple(f.name for f in fields(Attempt))
# The columns an attempt row is written with (besides its id and unit), in one place for every writer.
ATTEMPT_FIELDS = ("go", "status", "backend", "model", "error", "instruction", "source_hash", "prompt_tokens",
                  "completion_tokens", "cost", "repair_rounds", "cached", "created_at", "origin")
HISTORY_COLUMNS = ("id", "unit_id", "action", "prev_state", "prev_go", "prev_attempt_id", "prev_decided_hash",
                   "prev_decided_source", "prev_stale_from", "at", "actor", "prev_origin")
