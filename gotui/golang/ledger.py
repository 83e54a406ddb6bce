"""The symbol ledger: Go signatures already decided, so later units call them by the same names and types."""

from __future__ import annotations

from collections.abc import Mapping

from gotui.golang.lazy import LazyMapping
from gotui.parse.treesitter import parse_go

_DECLS = ("function_declaration", "method_declaration", "type_declaration")


def signatures(go: str) -> list[str]:
    """Each top-level func, method and type of a Go text, without bodies (`func Add(a, b int) int`)."""
    src = go.encode("utf-8")
    tree = parse_go(b"package p\n" + src if not go.lstrip().startswith("package") else src)
    offset = 0 if go.lstrip().startswith("package") else len(b"package p\n")
    out: list[str] = []
    for node in tree.root_node.named_children:
        if node.type not in _DECLS:
            continue
        body = node.child_by_field_name("body")
        end = body.start_byte if body is not None and node.type != "type_declaration" else node.end_byte
        text = (b"package p\n" + src if offset else src)[node.start_byte:end].decode("utf-8", "replace").strip()
        out.append(" ".join(text.split()) if node.type != "type_declaration" else text)
    return out


def build_ledger(decided: dict[str, str]) -> dict[str, str]:
    """python qualname -> Go signatures (joined by newlines) for every unit that has Go."""
    ledger: dict[str, str] = {}
    for qualname, go in decided.items():
        sigs = signatures(go) if go.strip() else []
        if sigs:
            ledger[qualname] = "\n".join(sigs)
    return ledger


def unit_ledger(ledger: Mapping[str, str], unit_id: str, path: str) -> Mapping[str, str]:
    """The ledger as one unit's request shows it: every other unit, those of its own module by plain
    qualname, the rest by id. Built when first read, so a translator that never reads it (the offline
    one) does not pay for a copy of the whole ledger per unit (ten thousand on Django)."""

    def view() -> dict[str, str]:
        out: dict[str, str] = {}
        for uid, sigs in ledger.items():
            if uid != unit_id:
                where, qualname = uid.split("::", 1)
                out[qualname if where == path else uid] = sigs  # same module: by plain name
        return out

    return LazyMapping(view)
