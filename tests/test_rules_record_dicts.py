"""A dict display used as a record (string-literal keys, values of several types), as jmespath builds its
AST nodes and a service builds a JSON reply: Go's `map[string]any`, each value held as it is
(gotui/llm/rules/literals.py `_record_values`; docs/offline-translator.md)."""

from __future__ import annotations

from test_rules_support import build_and_vet, go_test_package, translate_module

SOURCE = '''
from typing import Any


def field(name: str):
    return {"type": "field", "children": [], "value": name}


def node(name: str) -> dict[str, Any]:
    return {"type": "field", "children": [], "value": name}


def reply(count: int, ok: bool):
    return {"status": "ok" if ok else "error", "count": count, "ratio": 0.5}


def ops(prefix: str) -> list[int]:
    table = {">": (1,), "<": (-1,), "==": (0,), "!=": (-1, 1), ">=": (0, 1), "<=": (-1, 0)}
    return list(table[prefix])


def sizes(n: int) -> dict[str, float]:
    return {"small": n, "large": n * 2.5}
'''


def test_a_record_dict_is_a_map_of_any_and_one_of_a_single_type_stays_typed(tmp_path):
    tr, m, out = translate_module("recs.py", SOURCE)
    for name in ("field", "node", "reply", "ops", "sizes"):
        assert out[name].status == "converted", (name, out[name].error)
    assert 'map[string]any{"type": "field", "children": []any{}, "value": name}' in out["field"].go, out["field"].go
    assert '"children": []any{}' in out["node"].go  # an empty list put into an `any`: a []any
    assert 'map[string]any{"status": ' in out["reply"].go
    # tuples of several lengths, one element type: a []int each, not `any` (semver's `Version.match`)
    assert "map[string][]int{" in out["ops"].go, out["ops"].go
    assert "map[string]float64{" in out["sizes"].go, out["sizes"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


EQ_SOURCE = '''
from typing import Any


def node_of(kind: str, n: int) -> dict[str, Any]:
    return {"type": kind, "n": n, "children": []}


def is_field(kind: str, n: int) -> bool:
    node = node_of(kind, n)
    return node["type"] == "field" and "leaf" != node["type"]


def n_is_text(n: int) -> bool:
    return node_of("x", n)["n"] == "1"
'''

EQ_TEST = """package x

import "testing"

func TestTextEquality(t *testing.T) {
	if !IsField("field", 1) || IsField("leaf", 1) || IsField("Field", 1) {
		t.Fatal("IsField")
	}
	if NIsText(1) { // 1 == "1" is False in Python: an int in an any is no string in Go either
		t.Fatal("NIsText")
	}
}
"""


def test_a_value_of_several_types_compared_with_a_text(tmp_path):
    """`node["type"] == "field"`: Go compares the `any` by its dynamic type and value, equal only to that
    string, as a Python str is equal only to a str; refused where the package subclasses str."""
    tr, m, out = translate_module("x.py", EQ_SOURCE)
    for name in ("node_of", "is_field", "n_is_text"):
        assert out[name].status == "converted", (name, out[name].error)
    assert 'pyKey(node, "type") == "field"' in out["is_field"].go, out["is_field"].go
    texts = [t.go for t in out.values()]
    code, output = go_test_package(tmp_path, tr, m, texts, EQ_TEST)
    assert code == 0, output
    _, _, enum_out = translate_module("y.py", "from enum import Enum\n\n\nclass Color(str, Enum):\n    RED = 'red'\n" + EQ_SOURCE)
    assert enum_out["is_field"].status == "partial" and "subclass of str" in enum_out["is_field"].error
