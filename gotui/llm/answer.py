"""Get the Go out of a model's answer, and check that it parses.

Decisions (see docs/prompts.md):
- Fenced blocks tagged go/golang win over untagged ones; untagged blocks count only when there is no
  tagged one. Of those, the LARGEST block is the translation. Models put usage examples, tests or the
  "before" of a fix in the other blocks, and concatenating them would duplicate declarations. One
  exception: a block that holds nothing but imports (some models put the import block apart) has its
  imports merged into the chosen block.
- No fences at all: the text from the first line that starts a Go declaration (or a comment right above
  it) to the end, if that parses; otherwise the answer is garbage.
- An unclosed fence (the answer was cut off) runs to the end of the text; it then usually fails to parse.
- `<think>...</think>` sections (reasoning models served by Ollama, vLLM) are dropped first.
- A `package` clause is stripped. `func main` is left alone: the reviewer sees it.
- The result must parse with tree-sitter-go (prefixed with a package clause) and hold at least one
  top-level declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gotui.parse.treesitter import first_error_line, parse_go

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$", re.MULTILINE)
_THINK = re.compile(r"<think>.*?(</think>|\Z)", re.DOTALL | re.IGNORECASE)
_PACKAGE = re.compile(r"^\s*package\s+\w+\s*;?\s*$", re.MULTILINE)
_DECL_START = re.compile(r"^(func|type|import|const|var)\b|^//", re.MULTILINE)
_GO_TAGS = {"go", "golang"}
DECLARATIONS = {"function_declaration", "method_declaration", "type_declaration", "const_declaration", "var_declaration"}
TODO_MARK = "TODO(gotui)"


@dataclass(frozen=True)
class Block:
    lang: str
    code: str
    closed: bool


@dataclass(frozen=True)
class ExtractedGo:
    go: str  # the declarations, without a package clause; "" when there is none
    error: str | None = None  # why the answer cannot be used; None when `go` parses

    @property
    def ok(self) -> bool:
        return self.error is None


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced block, in order. A fence closes only with the same character, at least as long."""
    blocks: list[Block] = []
    pos = 0
    while True:
        m = _FENCE.search(text, pos)
        if m is None:
            return blocks
        fence, lang = m.group(1), m.group(2).lower()
        start = m.end() + 1
        closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.MULTILINE)
        c = closing.search(text, start)
        if c is None:
            blocks.append(Block(lang, text[start:], closed=False))
            return blocks
        blocks.append(Block(lang, text[start : c.start()], closed=True))
        pos = c.end()


def strip_package(go: str) -> str:
    return _PACKAGE.sub("", go, count=1).strip("\n")


def _only_imports(go: str) -> bool:
    body = strip_package(go).strip()
    if not body.startswith("import"):
        return False
    root = parse_go(("package p\n" + body).encode("utf-8")).root_node
    kinds = {c.type for c in root.named_children} - {"package_clause", "comment"}
    return not root.has_error and kinds == {"import_declaration"}


def check_go(go: str, bodies: bool = True) -> str | None:
    """None when `go` parses as top-level declarations, else why not (with the line, counted in `go`).

    `bodies`: every function must have one (a translation); False for a plan's bodiless declarations."""
    if not go.strip():
        return "no Go code in the answer"
    tree = parse_go(("package p\n" + go).encode("utf-8"))
    line = first_error_line(tree)
    if line is not None:
        shown = go.split("\n")[max(0, line - 2)] if line >= 2 else ""
        return f"the Go does not parse (line {max(1, line - 1)}: {shown.strip()[:80]!r})"
    if not any(c.type in DECLARATIONS for c in tree.root_node.named_children):
        return "the Go has no declarations"
    for c in tree.root_node.named_children if bodies else ():
        # `func f() T` without a body parses (Go allows it for assembly) but never builds here
        if c.type in ("function_declaration", "method_declaration") and c.child_by_field_name("body") is None:
            name = c.child_by_field_name("name")
            label = name.text.decode("utf-8", "replace") if name is not None else "a function"
            return f"the Go declares {label} without a body (line {max(1, c.start_point[0])})"
    return None


def _merge_imports(imports: list[str], main: str) -> str:
    return "\n\n".join([*(strip_package(i).strip() for i in imports), main])


def extract_go(text: str, bodies: bool = True) -> ExtractedGo:
    """The translation in a model's answer (`bodies`: False for a plan's declarations); see the module docstring."""
    text = _THINK.sub("", text or "").replace("\r\n", "\n")
    blocks = fenced_blocks(text)
    tagged = [b for b in blocks if b.lang in _GO_TAGS]
    candidates = tagged or [b for b in blocks if b.lang == ""]
    if candidates:
        imports = [b.code for b in candidates if _only_imports(b.code)]
        rest = [b for b in candidates if not _only_imports(b.code)]
        if not rest:
            return ExtractedGo("", "the answer holds only an import block")
        main = max(rest, key=lambda b: len(b.code.strip()))
        go = strip_package(main.code)
        if imports and not go.lstrip().startswith("import"):
            go = _merge_imports(imports, go)
        go = go.strip("\n") + "\n"
        error = check_go(go, bodies)
        if error is not None and not main.closed:
            error = "the answer was cut off inside the go block"
        return ExtractedGo(go, error)
    if blocks:
        langs = ", ".join(sorted({b.lang or "untagged" for b in blocks}))
        return ExtractedGo("", f"no go block in the answer (found {langs})")
    # no fences: the answer may be bare Go, perhaps after a line of prose
    body = strip_package(text)
    m = _DECL_START.search(body)
    if m is None:
        return ExtractedGo("", "no Go code in the answer")
    go = body[m.start() :].strip("\n") + "\n"
    error = check_go(go, bodies)
    return ExtractedGo(go, error)


def has_todo(go: str) -> bool:
    """The model marked something it could not translate faithfully."""
    return TODO_MARK in go
