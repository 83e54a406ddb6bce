"""The one way the translator says "I cannot do this faithfully"."""

from __future__ import annotations


class Unsupported(Exception):
    """Raised anywhere in a translation; the unit becomes a TODO with a panicking body."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason
