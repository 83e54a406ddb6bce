"""A loop over a local dict built from a literal and never changed ranges over its keys in the
literal's order (semver 3.1's `for name, value in version_parts.items(): if value < 0: raise`): the
first key that fails is the same in both languages, so the loop is no longer refused for its order."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, build_and_vet, check_package, converted_package, translate_module

from gotui.llm.base import CONVERTED, PARTIAL

SOURCE = textwrap.dedent('''
    def check(major: int, minor: int, patch: int) -> int:
        parts = {"major": major, "minor": minor, "patch": patch}
        for name, value in parts.items():
            if value < 0:
                raise ValueError("{!r} is negative".format(name))
        total = 0
        for v in parts.values():
            total = total * 10 + v
        return total + parts["minor"]


    def first_negative(a: int, b: int) -> str:
        d = {"a": a, "b": b}
        for k in d:
            if d[k] < 0:
                return k
        return ""


    def changed(a: int, b: int) -> str:
        d = {"a": a, "b": b}
        d["c"] = a + b
        for k in d:
            if d[k] < 0:
                return k
        return ""
''')


def test_a_literal_dict_is_iterated_in_its_literal_order(tmp_path):
    tr, m, out = translate_module("parts.py", SOURCE)
    c = out["check"]
    assert c.status == CONVERTED, c.error
    assert 'for _, name := range []string{"major", "minor", "patch"} {\n\t\tvalue := parts[name]' in c.go, c.go
    assert 'for _, key := range []string{"major", "minor", "patch"} {\n\t\tv := parts[key]' in c.go
    assert out["first_negative"].status == CONVERTED
    assert 'for _, k := range []string{"a", "b"} {' in out["first_negative"].go
    # a dict changed after it is built has keys only the run knows: still refused for its order
    assert out["changed"].status == PARTIAL and "Go maps in random order" in (out["changed"].error or "")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_check_compares_the_first_failing_key(tmp_path):
    repo = converted_package(tmp_path, "parts", SOURCE)
    results = check_package(repo, "parts")
    assert_pass(results, "parts", ("check", "first_negative"))
