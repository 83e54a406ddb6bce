"""`repr()` of an int, float, bool or str, and `raise KeyError(key)`, whose message is the repr of its
argument (gotui/llm/rules/formatting.repr_of): cachetools' `__missing__`, and any lookup that raises."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, translate_module

SOURCE = textwrap.dedent('''
    def lookup(table: dict[str, int], key: str) -> int:
        if key not in table:
            raise KeyError(key)
        return table[key]


    def lookup_n(table: dict[int, str], key: int) -> str:
        if key not in table:
            raise KeyError(key)
        return table[key]


    def shown(name: str, n: int, x: float, ok: bool) -> str:
        return "name=" + repr(name) + " n=" + repr(n) + " x=" + repr(x) + " ok=" + repr(ok)
''')


def test_repr_and_key_errors_translate():
    _, _, out = translate_module("m.py", SOURCE)
    for name, t in out.items():
        assert t.status == "converted", (name, t.error)
    assert 'pyRaise("KeyError", pyReprStr(key))' in out["lookup"].go
    _, _, other = translate_module("m.py", "class C:\n    pass\n\n\ndef f(c: C) -> str:\n    return repr(c)\n")
    assert other["f"].status == "partial" and "repr() of C" in other["f"].error


def test_check_compares_the_repr_messages(tmp_path):
    # check compares results and that both sides fail together; the repr texts in `shown` are results
    repo = converted_package(tmp_path, "reprs", SOURCE)
    assert_pass(check_package(repo, "reprs"), "reprs", ("lookup", "lookup_n", "shown"))

