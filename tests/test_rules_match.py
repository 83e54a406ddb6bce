"""Match objects as values (`m = PATTERN.search(s)`, `re.match(...)`, a class's compiled pattern):
Go `*pyMatch`, nil for None; `m.group(k)`, `m.start(k)`, `m.end(k)` and `m.span(k)` once the body
knows `m` is not None (gotui/llm/rules/relower.py, docs/offline-translator.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import CONVERTED, PARTIAL
from gotui.session.project import Project
from test_rules_support import build_and_vet, check_package, converted_package, translate_module

SRC = r'''
import re
from typing import ClassVar, Optional, Pattern

LAST = re.compile(r"(?:[^\d]*(\d+)[^\d]*)+")
KV = re.compile(r"(?P<key>\w+)=(?P<val>\w+)?")


def increment(string: str) -> str:
    """
    >>> increment("rc.9")
    'rc.10'
    >>> increment("é1x")
    'é2x'
    >>> increment("none")
    'none'
    """
    match = LAST.search(string)
    if match:
        next_ = str(int(match.group(1)) + 1)
        start, end = match.span(1)
        string = string[: max(end - len(next_), start)] + next_ + string[end:]
    return string


def key_at(text: str) -> str:
    """
    >>> key_at("ключ=1")
    'ключ@4'
    >>> key_at("=1")
    ''
    """
    m = KV.match(text)
    if m is None:
        return ""
    return m.group("key") + "@" + str(m.end(1))


def value_of(text: str) -> Optional[str]:
    m = KV.match(text)
    return m.group("val") if m else None


def second(text: str) -> str:
    m = re.fullmatch(r"(\w+)=(\w*)", text)
    if not m:
        return "?"
    return m.group(2) + "@" + str(m.start(2))


def whole(text: str) -> str:
    m = re.search(r"\d+", text)
    return m.group() if m is not None else ""


def unguarded(text: str) -> str:
    m = KV.match(text)
    return m.group(1)


PRE = re.compile(r"(?:(.*)\.)?(\d+)\Z")


def bump_pre(string: str) -> str:
    """
    >>> bump_pre("rc.1")
    'rc.2'
    >>> bump_pre("7")
    '8'
    >>> bump_pre("rc")
    'rc.0'
    """
    match = PRE.search(string)
    if match:
        next_ = str(int(match.group(2)) + 1)
        string = match.group(1) + "." + next_ if match.group(1) else next_
    else:
        string += ".0"
    return string


def head(text: str) -> str:
    """
    >>> head("a.b.3")
    'a.b'
    >>> head("3")
    ''
    """
    m = PRE.match(text)
    if m is not None and m.group(1) is not None:
        return m.group(1)
    return ""


class Version:
    _LAST: ClassVar[Pattern[str]] = re.compile(r"(\d+)\Z")

    @staticmethod
    def last_number(s: str) -> int:
        """
        >>> Version.last_number("build.17")
        17
        """
        m = Version._LAST.search(s)
        return int(m.group(1)) if m else -1


def tail_number(text: str) -> str:
    """Python's `$` matches before a final newline too: group 0 ends there.

    >>> tail_number("rc.12\\n")
    '12@3:5'
    >>> tail_number("12\\nrc")
    ''
    """
    m = re.search(r"(\d+)$", text)
    if m is None:
        return ""
    return m.group() + "@" + str(m.start()) + ":" + str(m.end()) + m.group(1)[:0]


def last_part(text: str) -> str:
    """
    >>> last_part("a.b.3\\n")
    '3'
    >>> last_part("x\\n.3")
    '?'
    """
    m = re.match(r"^(.*\.)?(\d+)$", text)
    return m.group(2) if m else "?"
'''


def test_match_objects_lower_to_py_match_once_known_not_none() -> None:
    _, _, got = translate_module("matches.py", SRC)
    inc = got["increment"]
    assert inc.status == CONVERTED, inc.error
    assert "match := pyReSearch(pyRe(" in inc.go and "match.Group(1)" in inc.go and "match.Span(1)" in inc.go, inc.go
    key = got["key_at"]
    assert key.status == CONVERTED and "m.Group(1)" in key.go and "m.End(1)" in key.go, key.go
    assert r"\A(?:" in key.go  # re.match anchors at the start
    # an optional group may be None: *string
    val = got["value_of"]
    assert val.status == CONVERTED and "m.GroupOpt(2)" in val.go and "func ValueOf(text string) *string {" in val.go, val.go
    # `if not m: return` narrows m to not None after it
    sec = got["second"]
    assert sec.status == CONVERTED and "if m == nil {" in sec.go and "m.Start(2)" in sec.go, sec.go
    assert got["whole"].status == CONVERTED and "m.Group(0)" in got["whole"].go


def test_an_optional_group_tested_first_is_a_string_inside_the_test() -> None:
    _, _, got = translate_module("matches.py", SRC)
    bump = got["bump_pre"]
    assert bump.status == CONVERTED, bump.error
    assert "if match.GroupOpt(1) != nil && *match.GroupOpt(1) != \"\" {" in bump.go and "*match.GroupOpt(1) + \".\"" in bump.go, bump.go
    # `a and b`: b is read knowing what a decided (m is not None, then its group)
    h = got["head"]
    assert h.status == CONVERTED and "if m != nil && m.GroupOpt(1) != nil {" in h.go and "return *m.GroupOpt(1)" in h.go, h.go


def test_a_match_that_may_be_none_is_not_used_unguarded() -> None:
    _, _, got = translate_module("matches.py", SRC)
    assert got["unguarded"].status == PARTIAL
    assert "may be None" in got["unguarded"].error


def test_a_class_level_compiled_pattern_is_a_literal_too() -> None:
    _, _, got = translate_module("matches.py", SRC)
    last = got["Version.last_number"]
    assert last.status == CONVERTED, last.error
    assert "m := pyReSearch(pyRe(`([\\p{Nd}]+)\\z`), s)" in last.go, last.go
    # a final `$`: `(\n?)\z` and the helper that ends group 0 before that newline, no run-time check
    tail = got["tail_number"]
    assert tail.status == CONVERTED, tail.error
    assert "pyReSearchTail(pyRe(`([\\p{Nd}]+)(\\n?)\\z`), text)" in tail.go, tail.go


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_the_package_builds_and_vets(tmp_path: Path) -> None:
    tr, m, got = translate_module("matches.py", SRC)
    build_and_vet(tmp_path, tr, [m], [t.go for t in got.values()])


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_check_passes_on_the_doctests_and_catches_a_wrong_offset(tmp_path: Path) -> None:
    repo = converted_package(tmp_path, "matches", SRC)
    got = check_package(repo, "matches")
    for name in ("increment", "key_at", "second", "whole", "bump_pre", "head", "Version.last_number", "tail_number", "last_part"):
        uid = f"matches/__init__.py::{name}"
        assert got[uid]["status"] == "pass", (uid, got[uid])
    # positions count characters, as Python's do: a byte offset would diverge on "ключ=1"
    project = Project(repo / "matches")
    rec = project.session.get("matches/__init__.py::key_at")
    project.session.edit(rec.id, rec.go.replace("strconv.Itoa(m.End(1))", "strconv.Itoa(len(m.Group(1)))"))
    assert check_package(repo, "matches")["matches/__init__.py::key_at"]["status"] == "diverged"
    # group 0 that kept the final newline would diverge on "rc.12\n"
    rec = project.session.get("matches/__init__.py::tail_number")
    project.session.edit(rec.id, rec.go.replace("pyReSearchTail(", "pyReSearch("))
    assert check_package(repo, "matches")["matches/__init__.py::tail_number"]["status"] == "diverged"
