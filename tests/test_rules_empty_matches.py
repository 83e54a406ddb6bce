"""`re.sub` with a pattern that can match the empty string (regex.Regex.greedy, relower._empty_on_empty).

Python replaces an empty match right after a previous match; Go's ReplaceAll skips it. The two agree
when that replacement is empty (a template of group references only, or a lambda of a group through
case methods) and the pattern prefers consuming at every choice, so the non-empty matches are the
same: inflection's `humanize` (`re.sub(r"(?i)([a-z\\d]*)", lambda m: m.group(1).lower(), word)`).
Anything else stays refused, `re.subn` too (its count includes the skipped matches)."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, translate_module

SOURCE = textwrap.dedent(r'''
    import re


    def humanize(word: str) -> str:
        word = word.replace("_", " ")
        word = re.sub(r"(?i)([a-z\d]*)", lambda m: m.group(1).lower(), word)
        return re.sub(r"^\w", lambda m: m.group(0).upper(), word)


    def digits_kept(s: str) -> str:
        return re.sub(r"([0-9]*)", r"\1", s)


    def words_upper(s: str) -> str:
        return re.sub(r"(\w*)", lambda m: m.group(1).upper().strip(), s)
''')


def test_empty_matches_with_an_empty_replacement_translate_and_pass(tmp_path):
    _, _, out = translate_module("m.py", SOURCE)
    for name in ("humanize", "digits_kept", "words_upper"):
        assert out[name].status == "converted", (name, out[name].error)
    repo = converted_package(tmp_path, "rx", SOURCE)
    assert_pass(check_package(repo, "rx"), "rx", ("humanize", "digits_kept", "words_upper"))


def test_other_empty_matches_stay_refused():
    src = textwrap.dedent(r'''
        import re


        def stars(s: str) -> str:
            return re.sub(r"x*", "-", s)


        def lazy(s: str) -> str:
            return re.sub(r"(a*?)", r"\1", s)


        def either(s: str) -> str:
            return re.sub(r"(|a)", r"\1", s)


        def counted(s: str) -> int:
            return re.subn(r"([0-9]*)", r"\1", s)[1]


        def suffixed(s: str) -> str:
            return re.sub(r"(\w*)", lambda m: m.group(1) + "!", s)
    ''')
    _, _, out = translate_module("m.py", src)
    for name in ("stars", "lazy", "either", "counted", "suffixed"):
        assert out[name].status == "partial", (name, out[name].go)
        assert "can match the empty string" in out[name].error, (name, out[name].error)
