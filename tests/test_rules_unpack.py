"""Unpacking list rows in a loop (`for old, new in pairs`), and re.sub() with a replacement that is a
module constant: both from python-slugify, tried on real code and compared by check."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, build_and_vet, check_package, converted_package, translate_module

from gotui.llm.base import CONVERTED, PARTIAL

SOURCE = textwrap.dedent('''
    import re

    SEPARATOR = "-"
    SPACES = re.compile(r"[ _]+")


    def apply(text: str, replacements: list[list[str]]) -> str:
        for old, new in replacements:
            text = text.replace(old, new)
        return text


    def firsts(rows: list[list[int]]) -> int:
        total = 0
        for a, _ in rows:
            total += a
        return total


    def dashed(text: str) -> str:
        return SPACES.sub(SEPARATOR, text)


    def pairs(rows: list[list[int]]) -> list[int]:
        return [a + b for a, b in rows]
''')


def test_list_rows_unpack_in_a_loop_with_pythons_length_check(tmp_path):
    tr, m, out = translate_module("text.py", SOURCE)
    apply = out["apply"]
    assert apply.status == CONVERTED, apply.error
    assert "for _, row := range replacements {\n\t\tif err := pyCheckUnpack(len(row), 2); err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t\told, new_ := row[0], row[1]" in apply.go, apply.go
    assert out["firsts"].status == CONVERTED and "a, _ := row[0], row[1]" in out["firsts"].go
    # a comprehension has no statement to check the length in: refused, said so
    assert out["pairs"].status == PARTIAL and "unpacking lists in a comprehension" in (out["pairs"].error or "")
    # a module constant bound to a string is a replacement template like a literal
    assert out["dashed"].status == CONVERTED and '.ReplaceAllString(text, "-")' in out["dashed"].go, out["dashed"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_check_compares_rows_of_every_length(tmp_path):
    # generated rows have 0..n items: Python's ValueError on a row that is not a pair must be Go's too
    repo = converted_package(tmp_path, "text", SOURCE)
    results = check_package(repo, "text")
    assert_pass(results, "text", ("apply", "firsts", "dashed"))
