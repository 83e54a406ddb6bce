"""A partial unit's Go keeps a result when its Python returns a value (Django's `GEOSGeometryBase.srid`).

The getter returns None on one path and a value the translator cannot type on the other
(`s = capi.geos_get_srid(self.ptr)`). Its result type could not be inferred, and the evidence's guess
was None (the one return it could read), so the partial Go declared no result, while a caller used
`g.Srid()` as a value: the package did not build (`convert`'s build gate demoted the caller). A result
the evidence says is None is not taken when another `return` gives a value: the stub's result is
`any`, and a caller that needs its type stays a TODO.
"""

from __future__ import annotations

from pathlib import Path

from gotui.llm.base import CONVERTED
from test_rules_support import build_and_vet, translate_module

SOURCE = '''
import capi


class G:
    def __init__(self, ptr: int) -> None:
        self.ptr = ptr

    @property
    def srid(self):
        s = capi.geos_get_srid(self.ptr)
        if s == 0:
            return None
        else:
            return s

    def topology(self, other: int) -> "G":
        return make(other, self.srid)


def make(ptr: int, srid) -> G:
    return G(ptr)
'''


def test_a_partial_getter_keeps_a_result_and_its_caller_builds(tmp_path: Path) -> None:
    tr, m, out = translate_module("pkg/g.py", SOURCE)
    assert "func (g *G) Srid() any {" in out["G.srid"].go, out["G.srid"].go
    assert out["G.topology"].status != CONVERTED and "has no Go signature" in out["G.topology"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])
