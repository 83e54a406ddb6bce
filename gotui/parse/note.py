"""A hazard note: something in the Python that does not carry over to Go as written."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "risk")


@dataclass(frozen=True, order=True)
class Note:
    path: str
    line: int
    end_line: int
    rule: str
    severity: str  # info, warning or risk
    message: str
    go_hint: str

    def to_json(self) -> dict:
        # by hand: dataclasses.asdict deep-copies every field, which costs seconds on 20k notes
        return {"path": self.path, "line": self.line, "end_line": self.end_line, "rule": self.rule,
                "severity": self.severity, "message": self.message, "go_hint": self.go_hint}


def notes_in(notes: list[Note], line: int, end_line: int) -> list[Note]:
    """The notes that fall within [line, end_line], sorted by line."""
    return sorted(n for n in notes if line <= n.line <= end_line)
