r"""A final `$` (Python: the end, or before a final newline) in a substitution or a match test
(regex.Regex.tail). Go's `(?m:$)` also matches before an inner newline, so gotui used to check the text
at run time (pyReText panics on a newline before the end): inflection's `humanize` was `diverged` on
'line\nbreak'. Where X cannot match a newline, `X$` is exactly `X(\n?)\z`: a substitution writes the
newline group back, a test only asks whether there is a match. Elsewhere the run-time check stays."""

from __future__ import annotations

from test_rules_support import assert_pass, check_package, converted_package, translate_module

SOURCE = r'''
import re


def strip_id(word: str) -> str:
    """
    >>> strip_id("user_id")
    'user'
    >>> strip_id("user_id\n")
    'user\n'
    >>> strip_id("a_id\nb_id")
    'a_id\nb'
    """
    return re.sub(r"_id$", "", word)


def lower_word(s: str) -> bool:
    """
    >>> lower_word("abc\n")
    True
    >>> lower_word("ab\nc")
    False
    """
    return bool(re.match(r"^[a-z]+$", s))


def ends_in_digits(s: str) -> bool:
    """
    >>> ends_in_digits("a1\n")
    True
    >>> ends_in_digits("1\na")
    False
    """
    if re.search(r"[0-9]+$", s):
        return True
    return False


def shout_last(s: str) -> str:
    """
    >>> shout_last("hi there\n")
    'hi THERE\n'
    >>> shout_last("hi\nthere")
    'hi\nTHERE'
    """
    return re.sub(r"([a-z]+)$", lambda m: m.group(1).upper(), s)
'''


def test_a_final_dollar_needs_no_run_time_check():
    _, _, out = translate_module("m.py", SOURCE)
    for name in ("strip_id", "lower_word", "ends_in_digits", "shout_last"):
        assert out[name].status == "converted", (name, out[name].error)
        assert "pyReText" not in out[name].go, out[name].go
    assert r"`_id(\n?)\z`" in out["strip_id"].go and '"${1}"' in out["strip_id"].go
    assert "+ m[2]" in out["shout_last"].go


def test_check_passes_them_on_texts_with_newlines(tmp_path):
    repo = converted_package(tmp_path, "dollar", SOURCE)
    assert_pass(check_package(repo, "dollar"), "dollar", ("strip_id", "lower_word", "ends_in_digits", "shout_last"))


def test_a_dollar_after_what_can_match_a_newline_keeps_the_run_time_check():
    src = r'''
import re


def trim(s: str) -> str:
    return re.sub(r"\s+$", "", s)
'''
    _, _, out = translate_module("m.py", src)
    assert out["trim"].status == "converted", out["trim"].error
    assert "pyReText(s)" in out["trim"].go


DOTALL = r'''
import re


def inner(s: str) -> str:
    """
    >>> inner("<a\nb>")
    'a\nb'
    >>> inner("<ab")
    ''
    """
    m = re.match(r"<(.*)>", s, re.S)
    if m is None:
        return ""
    return m.group(1)


def unsigned(s: str) -> str:
    """
    >>> unsigned(" - 1\n2")
    '1\n2'
    """
    m = re.match(r"\s*[+-]?\s*(?P<rest>.*)", s, flags=re.DOTALL)
    return m.group("rest") if m else ""
'''


def test_dotall_patterns_convert_and_check_on_texts_with_newlines(tmp_path):
    got = translate_module("dotall.py", DOTALL)[2]
    for name in ("inner", "unsigned"):
        assert got[name].status == "converted", (name, got[name].error)
    assert "(?s:.)" in got["inner"].go
    repo = converted_package(tmp_path, "dotall", DOTALL)
    assert_pass(check_package(repo, "dotall"), "dotall", ("inner", "unsigned"))
