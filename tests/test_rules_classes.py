"""The rules backend on classes as real libraries write them (cachetools, semver): nested classes, class
names repeated across modules, fields set outside __init__, inheritance, calls to a base class's methods.
Every test asserts the Go produced, and the translated units build and vet as one package."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from gotui.golang.helpers import helper_source
from gotui.golang.toolchain import require_toolchain
from gotui.llm.base import CONVERTED, PARTIAL, Translation, TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.parse.units import ParsedModule, parse_module


def module(src: str, path: str = "pkg/mod.py") -> ParsedModule:
    return parse_module(path, textwrap.dedent(src).encode())


def translate_all(mods: list[ParsedModule], evidence: dict[tuple[str, str], dict[str, str]] | None = None) -> tuple[RulesTranslator, dict[str, Translation]]:
    tr = RulesTranslator(modules=mods)
    if evidence:
        tr.use_evidence(evidence)
    out = {}
    for m in mods:
        for u in m.units:
            out[u.qualname if len(mods) == 1 else f"{m.path}::{u.qualname}"] = tr.translate(TranslationRequest(unit=u, module=m))
    return tr, out


def builds(tmp_path: Path, tr: RulesTranslator, mods: list[ParsedModule], texts: list[str]) -> None:
    """The texts (and each module's preamble) as one Go package: `go build` and `go vet` pass."""
    imports: set[str] = set()
    decls = []
    for text in texts + [tr.preamble(m) for m in mods]:
        if text.startswith("import ("):
            head, text = text.split(")\n\n", 1)
            imports |= set(re.findall(r'"([a-z/]+)"', head))
        decls.append(text)
    helpers = helper_source("x", texts) or ""
    src = "package x\n\n" + ("import (\n" + "".join(f'\t"{p}"\n' for p in sorted(imports)) + ")\n\n" if imports else "") + "\n".join(decls)
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "x.go").write_text(src)
    if helpers:
        (tmp_path / "gotui_helpers.go").write_text(helpers)
    tc = require_toolchain()
    for cmd in (["build", "./..."], ["vet", "./..."]):
        out = tc.run(cmd, cwd=tmp_path)
        assert out.returncode == 0, out.stderr + src


LINKS = '''
class Cache:
    class _Link:
        __slots__ = ("count", "next", "prev")

        def __init__(self, count: int) -> None:
            self.count = count

        def insert(self, next):
            self.next = next
            self.prev = prev = next.prev
            prev.next = next.prev = self

        def unlink(self):
            next = self.next
            prev = self.prev
            prev.next = next
            next.prev = prev

    def __init__(self) -> None:
        self.root = Cache._Link(0)

class Other:
    class _Link:
        def __init__(self, name: str) -> None:
            self.name = name

        def label(self) -> str:
            return self.name.upper()
'''


def test_nested_classes_get_package_unique_names_and_their_methods_translate(tmp_path):
    m = module(LINKS)
    ev = {("pkg/mod.py", "Cache._Link.insert"): {"next": "_Link"}}
    tr, out = translate_all([m], ev)
    link = out["Cache._Link"]
    assert link.status == CONVERTED, link.error
    # the first nested _Link keeps the plain name, the second takes its outer class's (as llm/plan names them)
    assert "type Link struct {" in link.go and "func NewLink(count int) *Link {" in link.go, link.go
    assert "Next  *Link" in link.go and "Prev  *Link" in link.go
    assert "set outside __init__" in link.go  # zero value in Go, AttributeError in Python: said
    other = out["Other._Link"]
    assert other.status == CONVERTED and "type OtherLink struct {" in other.go, other.go
    assert out["Other._Link.label"].status == CONVERTED and "func (l *OtherLink) Label() string {" in out["Other._Link.label"].go
    ins = out["Cache._Link.insert"]
    assert ins.status == CONVERTED, ins.error
    assert "func (l *Link) Insert(next *Link) {" in ins.go and "l.Prev = chain1" in ins.go and "next.Prev = chain2" in ins.go, ins.go
    assert out["Cache._Link.unlink"].status == CONVERTED
    assert out["Cache"].status == CONVERTED and "Root *Link" in out["Cache"].go and "NewLink(0)" in out["Cache"].go
    builds(tmp_path, tr, [m], [t.go for t in out.values()])


def test_a_class_name_repeated_in_another_module_is_refused_under_a_name_of_its_own(tmp_path):
    a = module('''
        class _Wrapper:
            def __init__(self, n: int) -> None:
                self.n = n

            def get(self) -> int:
                return self.n
    ''', "pkg/a.py")
    b = module('''
        class _Wrapper:
            def __init__(self, s: str) -> None:
                self.s = s

            def get(self) -> str:
                return self.s
    ''', "pkg/b.py")
    tr, out = translate_all([a, b])
    assert out["pkg/a.py::_Wrapper"].status == CONVERTED and "type wrapper struct" not in out["pkg/a.py::_Wrapper"].go
    assert "type Wrapper struct {" in out["pkg/a.py::_Wrapper"].go
    dup = out["pkg/b.py::_Wrapper"]
    assert dup.status == PARTIAL and "has the name of the class in pkg/a.py" in (dup.error or "")
    assert "type BWrapper struct" in dup.go, dup.go
    meth = out["pkg/b.py::_Wrapper.get"]
    assert meth.status == PARTIAL and "func (w *BWrapper) Get(" in meth.go, meth.go
    builds(tmp_path, tr, [a, b], [t.go for t in out.values()])
