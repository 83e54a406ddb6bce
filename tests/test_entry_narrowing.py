"""A union parameter the body narrows at its entry (gotui/evidence/entry.py): each member is followed
through the leading isinstance tests; when all but one are converted or rejected before the body, the
Go signature takes that one (docs/evidence.md, "Unions narrowed at the entry")."""

from __future__ import annotations

import ast
import textwrap

from test_rules_support import check_package, converted_package, translate_module

from gotui.evidence.annotations import module_aliases, union_members
from gotui.evidence.entry import entry_narrowing
from gotui.llm.base import CONVERTED, PARTIAL


def narrowing(src: str, param: str, cls: str | None = None):
    tree = ast.parse(textwrap.dedent(src))
    aliases = module_aliases(tree)
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and any(a.arg == param for a in n.args.args))
    ann = next(a.annotation for a in fn.args.args if a.arg == param)
    return entry_narrowing(fn, param, union_members(ann, aliases), aliases, cls)


def test_python_slugify_nested_checks_decode_bytes_and_bytearray():
    # python-slugify 9.2: guards on other parameters first, then a nested test on `text`
    assert narrowing('''
        def slugify(text: str | bytes | bytearray, max_length: int = 0, separator: str = "-") -> str:
            if isinstance(max_length, bool) or not isinstance(max_length, int):
                raise TypeError("max_length must be an int")
            if not isinstance(separator, str):
                raise TypeError("separator must be str")
            if not isinstance(text, str):
                if not isinstance(text, (bytes, bytearray)):
                    raise TypeError("text must be str, bytes or bytearray")
                text = text.decode("utf-8", "ignore")
            return text
    ''', "text") == ("str", "bytes converted, bytearray converted at entry")


def test_semver_compare_converts_every_member_but_the_class_itself():
    # semver 3.1: `cls = type(self)`, an alias's __args__ and a tuple of kinds; every member but the
    # class converts before the body, and the class's own path raises or reaches it
    assert narrowing('''
        from typing import Collection, Dict, Union
        String = Union[str, bytes]

        class Version:
            def compare(self, other: Union["Version", Dict[str, int], Collection[int], str]) -> int:
                cls = type(self)
                if isinstance(other, String.__args__):
                    other = cls.parse(other)
                elif isinstance(other, dict):
                    other = cls(**other)
                elif isinstance(other, (tuple, list)):
                    other = cls(*other)
                elif not isinstance(other, cls):
                    raise TypeError("Expected str, bytes, dict, tuple, list, or Version")
                return 0
    ''', "other", cls="Version") == ("Version", "dict[str, int] converted, list[int] converted, str converted at entry")


def test_none_that_reaches_the_body_keeps_the_member_optional():
    assert narrowing('''
        def f(v: str | bytes | None) -> str:
            if isinstance(v, bytes):
                v = v.decode()
            return v or ""
    ''', "v") == (("opt", "str"), "bytes converted at entry")


def test_members_the_body_handles_apart_are_not_narrowed():
    # a branch that returns is the body at work, not a conversion: both members reach it
    assert narrowing('''
        def norm(v: str | int) -> str:
            if isinstance(v, str):
                return v.strip()
            return str(v + 1)
    ''', "v") is None
    # a use of the value before any test: every member reaches the body
    assert narrowing('''
        def f(v: str | bytes) -> int:
            n = len(v)
            if isinstance(v, bytes):
                v = v.decode()
            return n
    ''', "v") is None
    # an int-annotated value may be a bool, and a float one an int: such a test is followed both ways
    assert narrowing('''
        def f(v: float | str) -> str:
            if isinstance(v, int):
                v = str(v)
            if isinstance(v, str):
                return v
            return "x"
    ''', "v") is None


SOURCE = textwrap.dedent('''
    from typing import Union

    String = Union[str, bytes]


    def shout(word: String, times: int) -> str:
        """The word, stripped, with a bang, `times` times."""
        if isinstance(word, bytes):
            word = word.decode("utf-8")
        elif not isinstance(word, String.__args__):
            raise TypeError("not expecting type")
        return (word.strip() + "!") * times


    def both(v: Union[str, int]) -> str:
        if isinstance(v, str):
            return v
        return str(v + 1)


    def loud(word: String) -> str:
        return shout(word, 2)


    def twice(word: String) -> str:
        return shout(word, 1) + str(len(word))
''')


def test_the_signature_takes_the_member_and_says_what_callers_convert(tmp_path):
    _, _, out = translate_module("words.py", SOURCE)
    s = out["shout"]
    assert s.status == CONVERTED, s.error
    assert "func Shout(word string, times int) (string, error) {" in s.go
    assert ("// gotui: `word` is String in Python; usage: line 7: String narrowed to str (bytes converted at entry): "
            "Go takes what reaches the body unchanged, so a caller converts the rest first.") in s.go
    assert "`isinstance(word, bytes)` is always false here (`word` is a Go string, its union annotation narrowed by the body's entry" in s.go
    assert out["both"].status == PARTIAL and "func Both(v any)" in out["both"].go
    # a union only handed on, whole, to a function whose entry narrows it: narrowed as there
    assert "func Loud(word string) (string, error) {" in out["loud"].go, out["loud"].go
    assert "String narrowed to str, passed to shout(word) (bytes converted at entry there)" in out["loud"].go
    # read otherwise too (len of bytes counts bytes): not narrowed
    assert "func Twice(word any)" in out["twice"].go, out["twice"].go


def test_check_compares_a_unit_narrowed_at_its_entry_on_the_member(tmp_path):
    repo = converted_package(tmp_path, "words", SOURCE)
    results = check_package(repo, "words")
    for unit in ("shout", "loud"):
        assert results[f"words/__init__.py::{unit}"]["status"] == "pass", results[f"words/__init__.py::{unit}"]


def test_a_union_only_ever_read_as_str_of_it_is_a_str():
    # semver 3.1's Version.__init__: prerelease (str | bytes | int | None) is only `str(prerelease)`
    src = '''
        from typing import Optional, Union
        String = Union[str, bytes]

        def pre(prerelease: Optional[Union[String, int]] = None) -> Optional[str]:
            return None if prerelease is None else str(prerelease)
    '''
    assert narrowing(src, "prerelease") == (("opt", "str"), "bytes, int made a str by str() where they are used")
    # any other read of it (here `len`) leaves the union alone
    assert narrowing('''
        def n(v: str | int) -> int:
            return len(str(v)) + len(v)
    ''', "v") is None
