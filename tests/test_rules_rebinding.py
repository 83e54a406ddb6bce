"""A name bound again to a value of another type (`x = int(x)`, `xs = set(xs)`, `s = len(s)`) becomes a
second Go variable (assign._rebinding_versionable): Python names change type, Go variables do not.

Only where it is sound: the statement is one of the function body's own (it runs once, and all that
follows sees the new value), it reads the old value, and no nested function or lambda names it (a
Python closure sees whatever value the name holds when it runs). humanize's `_suppress_lower_units`
(`suppress = set(suppress)`) is the real case; `value = int(value)` is everywhere."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, translate_module

SOURCE = textwrap.dedent('''
    def widened(xs: list[int]) -> list[int]:
        xs = set(xs)
        xs.add(0)
        return sorted(xs)


    def doubled(n: str) -> int:
        n = int(n)
        return n * 2


    def measured(s: str, loud: bool) -> str:
        if loud:
            s = s.upper()
        s = len(s)
        return str(s) + "!"


    def parsed_only(n: str) -> int:
        n = int(n)
        return 0


    def joined(words: list[str]) -> str:
        words = ",".join(words)
        words = words.upper()
        return words
''')


def test_a_rebinding_with_a_new_type_is_a_new_variable():
    _, _, out = translate_module("m.py", SOURCE)
    for name in ("widened", "doubled", "measured", "parsed_only", "joined"):
        assert out[name].status == "converted", (name, out[name].error)
    assert "xs2 := pySet(xs)" in out["widened"].go
    assert "return n2 * 2, nil" in out["doubled"].go  # the raising call's own variable is the new one
    assert "s2 := utf8.RuneCountInString(s)" in out["measured"].go


def test_check_passes_them(tmp_path):
    repo = converted_package(tmp_path, "rebind", SOURCE)
    assert_pass(check_package(repo, "rebind"), "rebind", ("widened", "doubled", "measured", "parsed_only", "joined"))


def test_unsound_rebindings_stay_refused():
    src = textwrap.dedent('''
        def in_branch(n: str, ok: bool) -> int:
            if ok:
                n = int(n)
            return len(n)


        def captured(n: str) -> int:
            def f() -> str:
                return n
            n = int(n)
            return len(f())


        def in_loop(xs: list[str]) -> int:
            t = 0
            for x in xs:
                x = int(x)
                t += x
            return t


        def unread(n: str) -> int:
            n = 5
            return n
    ''')
    _, _, out = translate_module("m.py", src)
    for name in ("in_branch", "captured", "in_loop", "unread"):
        assert out[name].status == "partial", (name, out[name].go)
        assert "cannot use int as str" in out[name].go, (name, out[name].go)
