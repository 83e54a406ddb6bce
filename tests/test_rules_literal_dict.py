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


RETURNED = textwrap.dedent('''
    from typing import Optional, Union

    Part = Union[int, Optional[str]]


    def parts(major: int, label: str) -> dict[str, int]:
        """A new dict each call, its keys in this order."""
        return {"major": major, "minor": major + 1, "patch": len(label)}


    def spelled(major: int, label: str) -> str:
        return ", ".join(f"{k}={v}" for k, v in parts(major, label).items())


    class Version:
        def __init__(self, major: int, pre: Optional[str]) -> None:
            self.major = major
            self.pre = pre

        def to_dict(self) -> dict[str, Part]:
            return dict(major=self.major, pre=self.pre)

        def __repr__(self) -> str:
            s = ", ".join("%s=%r" % (key, val) for key, val in self.to_dict().items())
            return "Version(%s)" % s


    class Base:
        def table(self) -> dict[str, int]:
            return {"a": 1, "b": 2}

        def first(self) -> str:
            for k in self.table():
                return k
            return ""


    class Other(Base):
        def table(self) -> dict[str, int]:
            return {"b": 2, "a": 1}
''')


def test_a_dict_a_call_returns_from_a_display_is_iterated_in_its_order(tmp_path):
    tr, m, out = translate_module("ver.py", RETURNED)
    s = out["spelled"]
    assert s.status == CONVERTED, s.error
    # the call runs once, before the loop, and its keys are visited in the display's order
    assert 'd := Parts(major, label)\n\tfor _, k := range []string{"major", "minor", "patch"} {\n\t\tv := d[k]' in s.go, s.go
    r = out["Version.__repr__"]
    assert r.status == CONVERTED, r.error
    assert '[]string{"major", "pre"}' in r.go and "pyReprOf(val)" in r.go, r.go
    # a subclass overrides the method: its dict may have another order
    assert out["Base.first"].status == PARTIAL and "random order" in (out["Base.first"].error or "")
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_check_compares_a_returned_dict_iterated_and_repr_of_any(tmp_path):
    repo = converted_package(tmp_path, "ver", RETURNED)
    results = check_package(repo, "ver")
    assert_pass(results, "ver", ("spelled", "Version.__repr__"))
