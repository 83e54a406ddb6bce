"""pyReDyn (gohelpers/redyn.go): a pattern only the run knows, written in RE2's syntax when first used.

Each case runs Python's `re` and the Go helper on the same pattern, flags and texts, and compares
re.search/match/fullmatch (span and groups), re.sub with a template and re.subn's count. Patterns Go
cannot mean the same way must panic NotImplementedError (never answer), and patterns Python rejects
raise re.error in Go too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from test_rules_support import run_with_helpers

pytestmark = [pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra"),
              pytest.mark.filterwarnings("ignore::FutureWarning")]  # `[[:alpha:]]`: Python warns of a possible nested set

TEXTS = ["", "\n", "abc", "fox\n", "fly\n", "a\nfly", "x\n\n", "box\nbox", "oo\n\n", "Abc 123", "a1b22c333", "été 2024", "x_y-z", "foo\n", "foo\nbar", "  spaced\tout ", "日本語12", "a{,3}", "aaaa",
         "[x]", "$5.00", "person", "people", "Quiz", "octopi", "--a--b--"]

# (pattern, flags, template): each agrees with Python on every text
AGREE = [
    (r"\d+", 0, r"<\g<0>>"),
    (r"(\w+)\s+(\d+)", 0, r"\2 \1"),
    (r"(?P<word>[a-z]+)(\d)?", 0, r"\g<word>|\2|"),
    (r"^(\w)(.*)$", 0, r"\2\1"),
    (r"(?i)^(quiz)$", 0, r"\1zes"),
    (r"(?i)(octop|vir)i$", 0, r"\1us"),
    (r"(?i)(p)eople$", 0, r"\1\2erson" if False else r"\1erson"),
    (r"[^a-z0-9\-_]+", re.I, "-"),
    (re.escape("-") + "{2,}", 0, "-"),
    (r"a{,3}", 0, "#"),
    (r"a{2}|b{1,}", 0, "+"),
    (r"[\w-]+", 0, "W"),
    (r"[\s]+", 0, "_"),
    (r"[^\W]+", 0, "w"),
    (r"[\]\[]", 0, "B"),
    (r"\$(\d+)\.(\d\d)", 0, r"\1 dollars \2"),
    ("(?x) a \\d  # a then a digit\n | z", 0, "!"),
    (r"\x41|\u00e9|\0", re.I, "<>"),
    (r"(a)|(b)", 0, r"[\1\2]"),
    (r"[a-c]+?", 0, r"\g<0>\n"),
    (r"\Aab|c\Z", 0, "^"),
    (r"\d+", re.A, r"\\"),
    (r"\b\w", re.A, "B"),
    (r".", re.S, "."),
    (r"[.]+", 0, r"\."),
    (r"(a|ab)(c|bcd)(d*)", 0, r"\3\2\1"),
    (r"(\w+?)(\d+)", 0, r"\g<2>\g<1>"),
    (r"\S+|\D\d", 0, "s"),
    (r"[\d\s]+", 0, "ds"),
    (r"(?i)ÉTÉ|[à-ÿ]+", 0, "u"),
    (r"(?s)o.+", 0, "o"),
    (r"(b)?c", 0, r"[\1]"),
    (r"\(|\)|\[x\]|\{", 0, r"\g<0>\g<0>"),
    (r"[[:alpha:]]", 0, "P"),
    (r"$", 0, "s"),
    (r"(?i)$", 0, "<end>"),
    (r"(?i)(x|ch|ss|sh)$", 0, r"\1es"),
    (r"(o+)$", 0, r"[\g<0>]"),
    (r"\w$", 0, "W"),
    (r"o\n?$", 0, "N"),
    (r"(?i)([^aeiouy]|qu)y$", 0, r"\1ies"),
    (r"[^x]$", 0, "!"),
    (r"\s$", 0, "_"),
    (r"(?i)\b(fish|sheep)\Z", 0, "F"),
    (r"\Bo|\b\w", 0, "b"),
]

# (pattern, flags): Go must refuse (panic NotImplementedError), never answer
REFUSED = [
    (r"(?<=a)b", 0), (r"a(?!b)", 0), (r"(a)\1", 0), (r"(?P<x>a)(?P=x)", 0), (r"^a", re.M),
    (r"(?i:a)b", 0), (r"a*+", 0), (r"(?>a)", 0), (r"\w", re.I | re.A), (r"[\W\d]", 0), (r"a{1001}", 0),
]

# patterns Python rejects: re.error in Go too
BAD = [r"(a", r"a)", r"*a", r"a**", r"[a", r"\q", r"[z-a]", r"(?P<1>a)", r"a{3,2}"]


def _python(pattern: str, flags: int, template: str, text: str) -> dict:
    rx = re.compile(pattern, flags)
    out: dict = {}
    for how in ("search", "match", "fullmatch"):
        m = getattr(rx, how)(text)
        out[how] = None if m is None else [list(m.span())] + [list(m.span(k)) for k in range(1, rx.groups + 1)]
    if re.search(pattern, "", flags) is None and not any(m.end() == m.start() for m in rx.finditer(text)):
        out["sub"] = list(rx.subn(template, text))
    return out


def _go_program(cases: list[tuple[str, int, str, list[str]]], refused: list[tuple[str, int]], bad: list[str]) -> str:
    lines = ["package main", "", 'import (\n\t"encoding/json"\n\t"fmt"\n\t"unicode/utf8"\n)', "",
             "func span(s string, a, b int) []int {",
             "\tif a < 0 {\n\t\treturn []int{-1, -1}\n\t}",
             "\treturn []int{utf8.RuneCountInString(s[:a]), utf8.RuneCountInString(s[:b])}",
             "}", "",
             "func kind(f func()) (k string) {",
             "\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tif e, ok := r.(*pyException); ok {\n\t\t\t\tk = e.kind\n\t\t\t} else {\n\t\t\t\tk = fmt.Sprint(r)\n\t\t\t}\n\t\t}\n\t}()",
             "\tf()\n\treturn \"\"",
             "}", "",
             "func main() {",
             "\tout := []any{}"]
    for pattern, flags, template, texts in cases:
        for text in texts:
            lines += [
                "\t{",
                "\t\trow := map[string]any{}",
                "\t\tif k := kind(func() {",
                f"\t\tr := pyReDyn({json.dumps(pattern)}, {int(flags)})",
                f"\t\ts := {json.dumps(text)}",
                '\t\tfor _, how := range []string{"search", "match", "fullmatch"} {',
                "\t\t\tm := r.Find(s, how)",
                "\t\t\tif m == nil {\n\t\t\t\trow[how] = nil\n\t\t\t\tcontinue\n\t\t\t}",
                "\t\t\tspans := [][]int{}",
                "\t\t\tfor k := 0; k < len(m.loc)/2; k++ {\n\t\t\t\tspans = append(spans, span(s, m.loc[2*k], m.loc[2*k+1]))\n\t\t\t}",
                "\t\t\trow[how] = spans",
                "\t\t}",
                f"\t\tif !r.nullable {{\n\t\t\tn := r.Subn({json.dumps(template)}, s)\n\t\t\trow[\"sub\"] = []any{{n.F0, n.F1}}\n\t\t}}",
                "\t\t}); k != \"\" {\n\t\t\trow = map[string]any{\"panic\": k}\n\t\t}",
                "\t\tout = append(out, row)",
                "\t}",
            ]
    for pattern, flags in refused:
        lines.append(f"\tout = append(out, kind(func() {{ pyReDyn({json.dumps(pattern)}, {int(flags)}) }}))")
    for pattern in bad:
        lines.append(f"\tout = append(out, kind(func() {{ pyReDyn({json.dumps(pattern)}, 0) }}))")
    lines += ["\tb, _ := json.Marshal(out)", "\tfmt.Println(string(b))", "}", ""]
    return "\n".join(lines)


def test_runtime_patterns_agree_with_python(tmp_path: Path) -> None:
    cases = [(p, f, t, TEXTS) for p, f, t in AGREE]
    src = _go_program(cases, REFUSED, BAD)
    got = run_with_helpers(tmp_path, src)
    inputs = [(p, f, t, x) for p, f, t, texts in cases for x in texts]
    want = [_python(p, f, t, text) for p, f, t, text in inputs]
    rows, kinds = got[:len(want)], got[len(want):]
    for (p, f, t, text), g, w in zip(inputs, rows, want):
        if g.get("panic") == "NotImplementedError" and "$" in p.replace(r"\$", "") and "\n" in text[:-1]:
            continue  # a `$` Go's (?m:$) would read otherwise on a newline before the end: refused (pyReText)
        if g.get("panic") == "NotImplementedError" and r"\b" in p.lower() and not text.isascii():
            continue  # a Unicode \b on a text that is not ASCII: refused (Go's \b is ASCII)
        if "sub" not in w:
            g.pop("sub", None)  # Python places empty matches where Go's ReplaceAll does not: refused there
        assert g == w, (p, f, t, text)
    assert kinds[:len(REFUSED)] == ["NotImplementedError"] * len(REFUSED), list(zip(REFUSED, kinds))
    assert kinds[len(REFUSED):] == ["error"] * len(BAD), list(zip(BAD, kinds[len(REFUSED):]))
    for p in BAD:
        with pytest.raises(re.error):
            re.compile(p)


def test_re_escape_is_pythons() -> None:
    # the same special set as Python's re.escape, which pyReEscape writes out
    special = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"
    assert all(re.escape(c) == "\\" + c for c in special)
    assert re.escape("a_b1é") == "a_b1é"


RULES = r'''
import re

RULES = [
    (r"(?i)(quiz)$", r"\1zes"),
    (r"(?i)^(ox)$", r"\1en"),
    (r"(?i)(matr|vert|ind)(?:ix|ex)$", r"\1ices"),
    (r"(?i)s$", "s"),
    (r"$", "s"),
]


def plural(word: str) -> str:
    """
    >>> plural("quiz")
    'quizzes'
    >>> plural("Matrix")
    'Matrices'
    >>> plural("cat")
    'cats'
    """
    for rule, replacement in RULES:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word


def dashed(text: str, separator: str = "-") -> str:
    """
    >>> dashed("Hello,  World!")
    'hello-world'
    >>> dashed("a b", "__")
    'a__b'
    """
    text = re.sub(r"(?i)[^a-z0-9\-_]+", separator, text)
    if separator:
        sep = re.escape(separator)
        text = re.sub(r"%s{2,}" % sep, separator, text)
        text = re.sub(r"(?i)^{sep}|{sep}$".format(sep=sep), "", text)
    return text.lower()


def first_word(text: str, pattern: str) -> str:
    m = re.match(pattern, text)
    return m.group() if m else ""


def groups_of(text: str, pattern: str) -> str:
    m = re.search(pattern, text)
    return m.group(1) if m else ""


def spaced(text: str, pattern: str) -> str:
    return re.sub(pattern, lambda m: " " + m.group(0), text)


UNCOUNTABLE = {"fish", "sheep", "rice"}


def singular(word: str) -> str:
    for name in UNCOUNTABLE:
        if re.search(r"(?i)\b(%s)\Z" % name, word):
            return word
    return re.sub(r"(?i)s$", "", word)


def titled(text: str) -> str:
    return re.sub(r"\b('?\w)", lambda m: m.group(1).capitalize(), text.title())


def titled_ascii(text: str) -> str:
    return re.sub(r"\b('?\w)", lambda m: m.group(1).upper(), text.title(), flags=re.ASCII)
'''

RULES_RUN = '''
from rules import plural, dashed, first_word, singular, titled, titled_ascii
for t in ("they're here", "o'neil mc-donald", "x"):
    titled(t)
    titled_ascii(t)
for w in ("fish", "goldfish", "cats", "Sheep", "bus"):
    singular(w)
for w in ("quiz", "ox", "Vertex", "bus", "cat", "", "OX"):
    plural(w)
for t, s in (("Hello,  World!", "-"), ("a b", "__"), ("--x--", "-"), ("été 2024", "+"), ("a.b", ".")):
    dashed(t, s)
for t, p in (("hello world", r"\\w+"), ("12 ab", r"\\d+"), ("x", "y")):
    first_word(t, p)
'''


def test_patterns_the_run_knows_translate_and_check(tmp_path: Path) -> None:
    from gotui.llm.base import CONVERTED
    from gotui.session.store import Session
    from test_rules_support import check_package, replace_go, traced_package
    import subprocess
    import sys

    repo = traced_package(tmp_path, "rules", RULES, RULES_RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "rules", "--backend", "rules", "-q"], cwd=repo, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    units = {u.qualname: u for u in Session(repo / ".gotui").units()}
    for name in ("plural", "dashed", "first_word"):
        assert units[name].status == CONVERTED, (name, units[name].error)
    assert 'pyReDyn(rule, 0).Test(word, "search")' in units["plural"].go and "pyReDyn(rule, 0).Sub(replacement, word)" in units["plural"].go
    assert "pyReEscape(separator)" in units["dashed"].go
    # the run's groups are not known here: only the whole match; a lambda would read groups
    assert units["groups_of"].status != CONVERTED and units["spaced"].status != CONVERTED
    assert "only the run knows" in (units["spaced"].error or ""), units["spaced"].error
    # a loop over a set that returns a value no iteration changes: the same whichever returns first
    assert units["singular"].status == CONVERTED, units["singular"].error
    got = check_package(repo, "rules")
    for name in ("plural", "dashed", "first_word"):
        assert got[f"rules/__init__.py::{name}"]["status"] == "pass", got[f"rules/__init__.py::{name}"]
    # its `\b` is Go's ASCII one: on a text that is not ASCII the Go refuses, which check reports, never a pass
    sing = got["rules/__init__.py::singular"]
    assert sing["status"] == "diverged" and "not ASCII" in sing["detail"], sing
    # the same for a literal pattern's \b (its subject checked by pyReASCII); under re.ASCII it is Go's own
    assert "pyReASCII(pyTitle(text))" in units["titled"].go, units["titled"].go
    assert got["rules/__init__.py::titled"]["status"] == "diverged" and "not ASCII" in got["rules/__init__.py::titled"]["detail"]
    assert got["rules/__init__.py::titled_ascii"]["status"] == "pass", got["rules/__init__.py::titled_ascii"]
    replace_go(repo, "rules/__init__.py::plural", 'Test(word, "search")', 'Test(word, "match")')
    assert check_package(repo, "rules")["rules/__init__.py::plural"]["status"] == "diverged"
