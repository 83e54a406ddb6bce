"""The `/` filter as pure functions: what a typed filter keeps, and which unit a typed name means."""

from __future__ import annotations

from typing import Callable, Iterable


from gotui.parse.units import python_qualname
from gotui.widgets.unit_list import (
    UnitRow,
)

FILTER_FIELDS = ("name", "path", "state", "kind", "rule", "check")


def make_filter(text: str) -> Callable[[UnitRow], bool] | None:
    """Every word must match the name, path, state, kind or a note rule; `state:stale` picks one field."""
    terms = text.lower().split()
    if not terms:
        return None
    parsed: list[tuple[str | None, str]] = []
    for term in terms:
        name, sep, value = term.partition(":")
        parsed.append((name, value) if sep and name in FILTER_FIELDS else (None, term))

    def keep(row: UnitRow) -> bool:
        fields = {
            "name": row.qualname.lower(),
            "path": row.path.lower(),
            "state": f"{row.state} {row.badge}",
            "kind": row.kind,
            "rule": " ".join(row.rules),
            "check": row.check_status or "unchecked",
        }
        for name, value in parsed:
            if name is not None:
                if value not in fields[name]:
                    return False
            elif not any(value in f for f in fields.values()):
                return False
        return True

    return keep


def match_tier(row: UnitRow, text: str) -> int | None:
    """How closely a filter names a unit: 0 qualname as typed, 1 in any case, 2 name as typed, 3 in any case."""
    words = [t for t in text.split() if ":" not in t or t.split(":", 1)[0].lower() not in FILTER_FIELDS]
    qualname = row.qualname
    name = python_qualname(qualname).rsplit(".", 1)[-1]
    if qualname in words:
        return 0
    lower = {w.lower() for w in words}
    if qualname.lower() in lower:
        return 1
    if name in words:
        return 2
    return 3 if name.lower() in lower else None


def exact_match(rows: Iterable[UnitRow], text: str) -> str | None:
    """The unit a filter names outright: a plain word equal to its qualified name, else to its name.

    So `/subtotal` or `/Cart.subtotal` selects that unit even when other names contain the word.
    The filter ignores case; here the exact spelling wins over another case (`A` and `a` are
    both methods of Django's DateFormat), then the first in list order.
    """
    best: tuple[int, str] | None = None
    for row in rows:
        tier = match_tier(row, text)
        if tier == 0:
            return row.id
        if tier is not None and (best is None or tier < best[0]):
            best = (tier, row.id)
    return best[1] if best else None
