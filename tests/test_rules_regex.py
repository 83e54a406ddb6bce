"""Python regular expressions as Go RE2 patterns (gotui/llm/rules/regex.py): what converts, what is refused.

Behaviour against real Python is checked end to end in tests/rules_cases/algos/regexes.py (run by
test_rules_cases.py); here the conversion itself."""

from __future__ import annotations

import re

import pytest

from gotui.llm.rules.regex import PY_SPACE, convert, go_template
from gotui.llm.rules.todo import Unsupported
from test_rules_support import go_test_package, translate_module


def _expand(cls: str) -> set[int]:
    """The code points of a class body written with \\t, \\r, \\x{..} and ranges (as PY_SPACE is)."""
    tokens = re.findall(r"\\x\{([0-9a-f]+)\}|\\([tr])|(-)", cls)
    points: list[int | str] = []
    for hexa, esc, dash in tokens:
        points.append("-" if dash else int(hexa, 16) if hexa else {"t": 9, "r": 13}[esc])
    out: set[int] = set()
    i = 0
    while i < len(points):
        if i + 2 < len(points) and points[i + 1] == "-":
            out.update(range(points[i], points[i + 2] + 1))  # type: ignore[arg-type, operator]
            i += 3
        else:
            out.add(points[i])  # type: ignore[arg-type]
            i += 1
    return out


def test_python_whitespace_is_written_out_exactly():
    python = {c for c in range(0x110000) if re.match(r"\s", chr(c))}
    assert _expand(PY_SPACE) == python


@pytest.mark.parametrize("pattern,go", [
    (r"([A-Z]+)([A-Z][a-z])", "([A-Z]+)([A-Z][a-z])"),
    (r"\d+", r"[\p{Nd}]+"),
    (r"[\w-]", r"[\p{L}\p{N}_\-]"),
    (r"(?i)usd ?", "(?i)usd ?"),
    (r"a{2,5}?b*", "a{2,5}?b*"),
    (r"(?:^|_)(.)", "(?:^|_)(.)"),
    (r"x$", "x(?m:$)"),
    (r"\Ax\Z", r"\Ax\z"),
    (r"(?P<k>a)", "(a)"),
    (r"[^a-c.]", r"[^a-c\.]"),
    ("é\u2003", r"\x{e9}\x{2003}"),
    (r"[\W_]+", r"[^\p{L}\p{N}]+"),  # the complement of \w without `_`
    (r"[^\W_]", r"[\p{L}\p{N}]"),
    (r"[\W\s-]", r"[^\p{L}\p{N}_]"),  # \s and `-` lie in \W already
    (r"[\D.]", r"[^\p{Nd}]"),
])
def test_patterns_that_mean_the_same_in_go(pattern: str, go: str):
    assert convert(pattern).go == go


def test_group_facts_for_the_callers():
    rx = convert(r"(a)(b)?(?:(c)|d)(?P<e>e)+")
    assert rx.groups == 4 and rx.names == {"e": 4}
    assert rx.always == {0, 1, 4}  # 2 is optional, 3 in one branch of an alternation
    assert convert("a$").dollar and not convert("a").dollar
    assert convert("a*").can_be_empty and not convert("a+").can_be_empty


@pytest.mark.parametrize("pattern,flags,why", [
    (r"a(?=b)", 0, "lookahead"),
    (r"(?<!a)b", 0, "lookahead/lookbehind"),
    (r"(a)\1", 0, "backreference"),
    (r"^a", re.MULTILINE, "MULTILINE"),
    (r"(?i:a)b", 0, "scoped to a group"),
    (r"[\Wx]", 0, "items of the class it negates"),  # \w without x: RE2 cannot subtract from \p{L}
    (r"[\W\d]", 0, "overlaps"),
    (r"[\W_]", re.IGNORECASE, "IGNORECASE"),
    (r"[\W\S]", 0, "negated class"),
    (r"a{2000}", 0, "over 1000"),
    (r"(", 0, "does not compile"),
    (r"a", re.ASCII | re.IGNORECASE, "re.ASCII with IGNORECASE"),
])
def test_what_go_cannot_mean_the_same_is_refused(pattern: str, flags: int, why: str):
    with pytest.raises(Unsupported) as exc:
        convert(pattern, flags)
    assert why in exc.value.reason


def test_dotall_writes_each_dot_to_match_a_newline():
    # re.S (pytimeparse's sign pattern): Go's `(?s:.)` matches a newline as Python's `.` then does
    assert convert(r"<(.*)>", re.DOTALL).go == "<((?s:.)*)>"
    assert convert(r"<(.*)>").go == "<(.*)>"
    # a final `$` after a DOTALL dot has no exact tail form (the dot can take the final newline)
    assert convert(r"x.*$").tail == r"x.*(\n?)\z" and convert(r"x.*$", re.DOTALL).tail is None


def test_ascii_flag_makes_classes_and_boundaries_ascii():
    assert convert(r"\b\w+\d\b", re.ASCII).go == r"\b[0-9A-Za-z_]+[0-9]\b"
    assert not convert(r"\bcat\b", re.ASCII).ascii_text
    # without re.ASCII, Go's ASCII \b is Python's on an ASCII text: the subject is checked at run time
    assert convert(r"\bcat\b").ascii_text and convert(r"\bcat\b").go == r"\bcat\b"
    # under re.ASCII the kept part of a negated class is written out
    assert convert(r"[\W_x]", re.ASCII).go == "[^" + "".join(c for c in map(chr, range(128)) if re.match(r"\w", c, re.ASCII) and c not in "_x") + "]"


def test_templates():
    rx = convert(r"(?P<k>\w+)=(\w+)")
    assert go_template(r"\2=\g<k> costs $1\n", rx) == "${2}=${1} costs $$1\n"
    assert go_template(r"\g<2>\\", rx) == "${2}\\"
    with pytest.raises(Unsupported):
        go_template(r"\3", rx)
    with pytest.raises(Unsupported):
        go_template(r"\q", rx)


_LOOP = '''
import re

WORD = re.compile(r"[a-z]+")


def shout_all(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out.append(re.sub(r"([a-z])([A-Z])", r"\\1_\\2", line))
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text)
'''

_LOOP_TEST = '''package x

import "testing"

func TestCompiledOnce(t *testing.T) {
	got := ShoutAll([]string{"fooBar", "aB cD"})
	if len(got) != 2 || got[0] != "foo_Bar" || got[1] != "a_B c_D" {
		t.Fatalf("ShoutAll: %q", got)
	}
	if w := Words("ab 12 cd"); len(w) != 2 || w[0] != "ab" || w[1] != "cd" {
		t.Fatalf("Words: %q", w)
	}
	if pyRe(`[a-z]+`) != pyRe(`[a-z]+`) {
		t.Fatal("pyRe compiled the same pattern twice")
	}
}
'''


def test_a_pattern_is_compiled_once_per_program_not_on_every_call(tmp_path):
    """Python's re module keeps the patterns it compiled; a regexp.MustCompile in a function body would
    compile again on every call (in a loop, on every iteration). The translation uses pyRe, which compiles
    a pattern on its first use and hands back the same *regexp.Regexp afterwards."""
    tr, m, out = translate_module("x.py", _LOOP)
    texts = [out["shout_all"].go, out["words"].go]
    for name in ("shout_all", "words"):
        assert out[name].status == "converted", out[name].error
        assert "MustCompile" not in out[name].go and "pyRe(`" in out[name].go, out[name].go
    code, output = go_test_package(tmp_path, tr, m, texts, _LOOP_TEST)
    assert code == 0, output


_VALUES = '''
import re
from typing import Pattern

ENDS = re.compile(r"[a-z]+$")
WORD = re.compile(r"(?P<w>[a-z]+)")


def count(text: str, pattern: Pattern[str]) -> int:
    return len(pattern.findall(text))


def whole(text: str, pattern: Pattern[str]) -> str:
    m = pattern.search(text)
    return m.group("w") if m else ""


def ends(text: str, pattern: Pattern[str]) -> bool:
    return bool(pattern.search(text))


def uses_ends(text: str) -> bool:
    return ends(text, ENDS)


def raw(data: bytes, pattern: Pattern[bytes]) -> bool:
    return bool(pattern.search(data))
'''


def test_a_pattern_handed_on_as_a_value_is_refused_where_go_would_not_know_it():
    """A `Pattern[str]` parameter is a *regexp.Regexp; its groups are not known where it is used (only the
    whole match), and a pattern with Python's `$` is not handed on (Go's `$` differs and nothing checks the
    text there). Converted uses run against Python in tests/rules_cases/algos/regexes.py."""
    _, _, out = translate_module("x.py", _VALUES)
    assert "findall" in out["count"].error and out["count"].status == "partial"
    assert "m.group(" in out["whole"].error
    assert out["ends"].status == "converted" and "func Ends(text string, pattern *regexp.Regexp) bool" in out["ends"].go
    assert "Python's `$`" in out["uses_ends"].error
    assert out["raw"].status == "partial"
