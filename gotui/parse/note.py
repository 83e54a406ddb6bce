"""A hazard note: something in the Python that does not carry over to Go as written."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
        return asdict(self)


def notes_in(notes: list[Note], line: int, end_line: int) -> list[Note]:
    """The notes that fall within [line, end_line], sorted by line."""
    return sorted(n for n in notes if line <= n.line <= end_line)
