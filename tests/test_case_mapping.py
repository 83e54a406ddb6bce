"""The str case helpers (gohelpers/unicode.go) against Python's own: upper(), lower(), title() and
capitalize() of every character whose case mapping is not itself, and of texts where a character's
neighbours decide (a word-final sigma, the letter after an apostrophe, a titlecase digraph).

Python's full mappings give several characters for some ("ß".upper() is "SS", "ﬁ".title() is "Fi");
Go's unicode package maps one to one, so the helpers read those from tables generated from Python's
unicodedata. Characters Unicode added after Python's version are left out (the two may differ there)."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from gotui.golang.helpers import helper_source
from gotui.golang.toolchain import find_toolchain
from test_rules_support import go

pytestmark = pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")

TEXTS = ["they're bill's friends from the UK", "ǅemal ǆungla", "ﬁsh ﬁre", "ΣΑΣ ΣΑΣ.", "ὈΔΥΣΣΕΎΣ", "straße", "İstanbul",
         "hello world", "a1b2", "", "ŉ", "3rd place", "ᾳ ᾼ", "o'NEIL mc", "ǰ"]


def _chars() -> list[str]:
    out = []
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if unicodedata.category(ch) == "Cn" or 0xD800 <= c <= 0xDFFF:
            continue
        if ch.upper() != ch or ch.lower() != ch or ch.title() != ch:
            out.append(ch)
    return out


def test_case_helpers_agree_with_python(tmp_path: Path) -> None:
    texts = _chars() + TEXTS
    src = "\n".join([
        "package main", "", 'import (\n\t"encoding/json"\n\t"fmt"\n)', "",
        "func main() {",
        f"\tvar texts []string\n\t_ = json.Unmarshal([]byte({json.dumps(json.dumps(texts))}), &texts)",
        "\tout := [][]string{}",
        "\tfor _, s := range texts {",
        "\t\tout = append(out, []string{pyUpper(s), pyLower(s), pyTitle(s), pyCapitalize(s)})",
        "\t}",
        "\tb, _ := json.Marshal(out)",
        "\tfmt.Println(string(b))",
        "}", "",
    ])
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.23\n")
    (tmp_path / "main.go").write_text(src)
    (tmp_path / "helpers.go").write_text(helper_source("main", [src]) or "")
    code, output = go(["run", "."], tmp_path)
    assert code == 0, output[-3000:]
    got = json.loads(output.strip().splitlines()[-1])
    wrong = [(s, g, [s.upper(), s.lower(), s.title(), s.capitalize()]) for s, g in zip(texts, got)
             if g != [s.upper(), s.lower(), s.title(), s.capitalize()]]
    assert not wrong, wrong[:10]
