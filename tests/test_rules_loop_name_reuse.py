"""A loop variable's name reused by a local of another block (python-slugify's `upper_dict = ...` in one
loop, `for upper_dict in insertions` in the next) is two Go variables; a name whose value could pass
between a loop and the code around it is still refused (gotui/llm/rules/scopes.py)."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, translate_module

SOURCE = textwrap.dedent('''
    def doubled_sum(xs: list[int]) -> int:
        t = 0
        for x in xs:
            t += x
        for y in xs:
            x = y * 2
            t += x
        return t


    def pairs(words: list[str]) -> list[str]:
        out = []
        for w in words:
            pair = w.upper() + "/" + w
            if pair not in out:
                out.append(pair)
        res = []
        for pair in out:
            res.append(pair + "!")
        return res
''')


def test_a_name_shared_by_a_loop_and_another_blocks_local_is_two_go_variables():
    _, _, out = translate_module("m.py", SOURCE)
    for name in ("doubled_sum", "pairs"):
        assert out[name].status == "converted", out[name].go
    assert "x2 := y * 2" in out["doubled_sum"].go


def test_a_loop_variable_read_after_a_loop_that_may_not_have_run_is_refused_unless_it_had_a_value():
    _, _, out = translate_module("m.py", textwrap.dedent('''
        def last_or_five(xs: list[int]) -> int:
            x = 5
            for x in xs:
                pass
            return x


        def after(xs: list[int]) -> int:
            for x in xs:
                pass
            return x


        def inside(xs: list[int]) -> int:
            x = 0
            t = 0
            for y in xs:
                for x in xs:
                    t += x
                t += x
            return t
    '''))
    # a value before the loop: after it, the name holds the last item, or that value when xs is empty
    for name in ("last_or_five", "inside"):
        assert out[name].status == "converted", (name, out[name].error)
    # nothing before it: on an empty xs Python raises UnboundLocalError, and Go would read 0
    assert out["after"].status == "partial"
    assert "which may not have run" in out["after"].error, out["after"].error


def test_check_passes_them(tmp_path):
    repo = converted_package(tmp_path, "reuse", SOURCE)
    assert_pass(check_package(repo, "reuse"), "reuse", ("doubled_sum", "pairs"))
