"""The symbol ledger: Go signatures already decided, so later units call them by the same names and types."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

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


class UnitLedger(Mapping[str, str]):
    """The ledger as one unit's request shows it: every other unit, those of its own module by plain
    qualname, the rest by id. Built when first read, so a translator that never reads it (the offline
    one) does not pay for a copy of the whole ledger per unit (ten thousand on Django)."""

    def __init__(self, ledger: Mapping[str, str], unit_id: str, path: str) -> None:
        self._ledger, self._unit_id, self._path = ledger, unit_id, path
        self._view: dict[str, str] | None = None

    def _built(self) -> dict[str, str]:
        if self._view is None:
            view: dict[str, str] = {}
            for uid, sigs in self._ledger.items():
                if uid != self._unit_id:
                    path, qualname = uid.split("::", 1)
                    view[qualname if path == self._path else uid] = sigs  # same module: by plain name
            self._view = view
        return self._view

    def __getitem__(self, key: str) -> str:
        return self._built()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())
