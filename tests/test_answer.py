from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gotui.llm.answer import check_go, extract_go, fenced_blocks, has_todo

FUNC = "func Add(a int, b int) int {\n\treturn a + b\n}\n"
MAIN = "func main() {\n\tfmt.Println(Add(1, 2))\n}\n"


def test_prose_around_one_block() -> None:
    got = extract_go(f"Sure! Here it is:\n\n```go\n{FUNC}```\n\nThis keeps the semantics.")
    assert got.ok and got.go == FUNC


def test_largest_go_block_wins_over_usage_example() -> None:
    got = extract_go(f"```go\n{FUNC}\nfunc Sub(a, b int) int {{ return a - b }}\n```\nUsage:\n```go\n{MAIN}```")
    assert got.ok
    assert "func Sub" in got.go and "func main" not in got.go


def test_go_tagged_blocks_beat_untagged_and_python() -> None:
    text = f"Python was:\n```python\ndef add(a, b):\n    return a + b\n```\n```\nsome shell output that is much longer than the function itself\n```\n```golang\n{FUNC}```"
    got = extract_go(text)
    assert got.ok and got.go == FUNC


def test_import_only_block_is_merged() -> None:
    got = extract_go('```go\nimport "strings"\n```\n\n```go\nfunc Up(s string) string { return strings.ToUpper(s) }\n```')
    assert got.ok
    assert got.go.startswith('import "strings"\n\nfunc Up')


def test_package_clause_is_stripped() -> None:
    got = extract_go(f"```go\npackage shop\n\nimport \"fmt\"\n\n{FUNC}```")
    assert got.ok
    assert "package" not in got.go and got.go.startswith('import "fmt"')


def test_missing_fences_with_a_line_of_prose() -> None:
    got = extract_go(f"Here is the translation:\n{FUNC}")
    assert got.ok and got.go == FUNC


def test_tilde_fences_and_windows_newlines() -> None:
    got = extract_go(("~~~go\n" + FUNC + "~~~\n").replace("\n", "\r\n"))
    assert got.ok and got.go == FUNC


def test_think_section_is_dropped() -> None:
    got = extract_go(f"<think>maybe ```go\nfunc Wrong() {{\n```</think>\n```go\n{FUNC}```")
    assert got.ok and got.go == FUNC


def test_prose_only_is_an_error() -> None:
    got = extract_go("I'm sorry, I cannot translate this function.")
    assert not got.ok and got.go == ""
    assert got.error == "no Go code in the answer"


def test_only_python_block_is_an_error() -> None:
    got = extract_go("```python\nx = 1\n```")
    assert not got.ok and "no go block" in (got.error or "")


def test_cut_off_answer() -> None:
    got = extract_go("```go\nfunc Add(a int, b int) int {\n\treturn a +")
    assert not got.ok and got.error == "the answer was cut off inside the go block"


def test_syntax_error_names_the_line() -> None:
    got = extract_go("```go\nfunc Add(a int) int {\n\treturn a +\n}\n```")
    assert not got.ok
    assert got.error is not None and "line 2" in got.error and "return a +" in got.error


def test_statements_are_not_declarations() -> None:
    assert check_go("x := 1\n") is not None
    assert check_go("// only a comment\n") == "the Go has no declarations"
    assert check_go("type Cents int64\n") is None


def test_nested_backticks_in_a_raw_string() -> None:
    body = "func Q() string {\n\treturn `a ``` b`\n}\n"
    blocks = fenced_blocks(f"````go\n{body}````")
    assert blocks[0].code == body
    assert extract_go(f"````go\n{body}````").go == body


def test_has_todo() -> None:
    assert has_todo("// TODO(gotui): decimal rounding\nfunc F() {}\n")
    assert not has_todo(FUNC)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    got = extract_go(text)
    assert got.ok == (got.error is None)
    if got.ok:
        assert check_go(got.go) is None


IDENT = st.from_regex(r"[A-Z][A-Za-z0-9]{0,8}", fullmatch=True)
PROSE = st.text(alphabet=st.characters(blacklist_characters="`~<", blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=100, deadline=None)
@given(IDENT, PROSE, PROSE)
def test_fenced_function_survives_any_prose(name: str, before: str, after: str) -> None:
    go = f"func {name}() int {{\n\treturn 1\n}}\n"
    got = extract_go(f"{before}\n```go\n{go}```\n{after}")
    assert got.ok and got.go == go


def test_function_without_body_is_refused() -> None:
    """`func f() map[K]struct{}` parses (Go allows a body-less declaration) but never builds."""
    got = extract_go("```go\nfunc suppress(units []*Unit) map[*Unit]struct{}\n```")
    assert not got.ok
    assert "suppress without a body" in (got.error or "")
    assert extract_go("```go\nfunc keep() map[string]struct{} {\n\treturn nil\n}\n```").ok
