"""Library rules (docs/hazards.md, "Libraries"): imports with and without a Go counterpart, regular
expressions and datetimes. Each rule's check is the function named after it (`regex-re2` →
`regex_re2`). The table of libraries itself is library_table.py.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from gotui.parse.hazards.library_table import Library, library_for
from gotui.parse.hazards.syntax import F_ATTRIBUTE, call_args, short, string_value, text
from gotui.parse.hazards.walker import Walker, qual


def library_note(w: Walker, node: Node, module: str) -> None:
    """An import of a known library: once per library per module, by the table's rule for it."""
    found = library_for(module)
    if found is None:
        return
    name, lib = found
    if lib.rule is None or name in w.libraries:
        return  # one note per library per module is enough
    w.libraries.add(name)
    IMPORT_RULES[lib.rule](w, node, name, lib)


def library_use(w: Walker, node: Node, fn: Node) -> None:
    """A call into a known library inside a def: noted at the first such call of each library in
    each def, so the unit's own notes say what it uses (the import's note is at the top of the file)."""
    # the chain's first name: `os.path.join` → os (`f(x).y` gives "f(x)", never an import)
    full = w.imports.get((fn.text or b"").partition(b".")[0].decode("utf-8", "replace"))
    if full is None:
        return
    found = library_for(full)
    if found is None or found[1].rule is None:
        return
    name, lib = found
    key = "lib:" + name
    noted = w.func.noted
    if key in noted:
        return
    noted.add(key)
    IMPORT_RULES[lib.rule](w, node, name, lib, short(fn, 60))


def _used(used: str) -> str:
    return f"`{used}(…)` here: " if used else ""


def import_no_go_equivalent(w: Walker, node: Node, name: str, lib: Library, used: str = "") -> None:
    w.note("import-no-go-equivalent", node, message=f"{_used(used)}{name} has no Go equivalent ({lib.go}): {lib.advice}")


def import_go_module(w: Walker, node: Node, name: str, lib: Library, used: str = "") -> None:
    w.note("import-go-module", node, message=f"{_used(used)}{name} has no standard-library counterpart in Go: {lib.advice}", hint=f"Use {lib.go}.")


def import_go_stdlib(w: Walker, node: Node, name: str, lib: Library, used: str = "") -> None:
    w.note("import-go-stdlib", node, message=f"{_used(used)}{name} → {lib.go} in Go: {lib.advice}", hint=f"Use {lib.go}.")


IMPORT_RULES = {"import-no-go-equivalent": import_no_go_equivalent, "import-go-module": import_go_module,
                "import-go-stdlib": import_go_stdlib}


REGEX_FUNCS = frozenset({"compile", "match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split"})


_RE2_BAD = [
    (re.compile(r"(?<!\\)\(\?<?[=!]"), "lookaround"),
    (re.compile(r"(?<!\\)\\\\?[1-9]"), "a backreference"),
    (re.compile(r"\(\?P="), "a named backreference"),
    (re.compile(r"(?<!\\)[*+?}]\+"), "a possessive quantifier"),
    (re.compile(r"\(\?>"), "an atomic group"),
    (re.compile(r"(?<!\\)\\\\?Z"), "\\Z"),
    (re.compile(r"\(\?\("), "a conditional"),
]


def _regex_name(fn: Node, recv: Node | None) -> str:
    return text(fn.child_by_field_id(F_ATTRIBUTE)) if recv is not None else (fn.text or b"").decode()


def regex_re2(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """re.compile/match/search/sub/split … with a literal pattern that RE2 rejects."""
    if recv is not None and recv.type != "identifier":
        return  # x.y.split(...), f().sub(...): never re.<name> (and .split is common)
    name = _regex_name(fn, recv)
    if name == "split" and recv is None:
        return  # a bare split(...) is str.split's business
    if qual(w, fn) != f"re.{name}":
        return
    pos, kw, _ = call_args(args)
    pat = pos[0] if pos else kw.get("pattern")
    raw = text(pat, 2000) if pat is not None and pat.type in ("string", "concatenated_string") else ""
    if raw:
        for rx, what in _RE2_BAD:
            if rx.search(raw):
                w.note("regex-re2", node, message=f"This pattern uses {what}, which Go's RE2-based regexp rejects: it won't compile.")
                break


def regex_match_anchor(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """re.match/re.fullmatch (unless the match pattern starts with ^), and .match/.fullmatch on a compiled regex."""
    name = _regex_name(fn, recv)
    if name not in ("match", "fullmatch"):
        return
    if qual(w, fn) == f"re.{name}":
        pos, kw, _ = call_args(args)
        pat = pos[0] if pos else kw.get("pattern")
        value = string_value(pat)
        if name == "match" and value is not None and value.startswith("^"):
            return
        w.note("regex-match-anchor", node, hint="Anchor the Go pattern: `^(?:" + ("...)$" if name == "fullmatch" else "...)") + "` and use MatchString/FindStringSubmatch.")
    elif recv is not None and w.kind(recv) == "regex":
        w.note("regex-match-anchor", node, hint="Anchor the compiled Go pattern with ^ (and $ for fullmatch).")


def datetime_naive(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    q = qual(w, fn)
    if not q.startswith("datetime.datetime."):
        return
    pos, kw, _ = call_args(args)
    name = q.rsplit(".", 1)[-1]
    if name.startswith("utc"):
        w.note("datetime-naive", node, message=f"{name}() returns a naive datetime that means UTC only by convention (deprecated since 3.12); Go's time.Time carries its zone.",
               hint="`time.Now().UTC()` / `time.Unix(s, 0).UTC()`.")
    elif (name in ("now", "today") and not pos and "tz" not in kw) or (name == "fromtimestamp" and len(pos) < 2 and "tz" not in kw):
        w.note("datetime-naive", node)


_STRFTIME = {
    "Y": "2006", "y": "06", "m": "01", "d": "02", "H": "15", "I": "03", "M": "04", "S": "05", "f": "000000",
    "p": "PM", "b": "Jan", "B": "January", "a": "Mon", "A": "Monday", "z": "-0700", "Z": "MST", "j": "002", "%": "%",
    "e": "_2",
}


def strftime_layout(fmt: str) -> str | None:
    out = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%" and i + 1 < len(fmt):
            code = fmt[i + 1]
            if code not in _STRFTIME:
                return None
            out.append(_STRFTIME[code])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def datetime_format(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is None:
        return
    name = text(fn.child_by_field_id(F_ATTRIBUTE))
    pos, _, _ = call_args(args)
    if name == "isoformat":
        w.note("datetime-format", node, message="isoformat() of a naive datetime has no UTC offset and omits microseconds when they are zero; Go's time.RFC3339 always has an offset.",
               hint="Match it with `t.Format(\"2006-01-02T15:04:05.999999\")`, or put both sides on UTC with an offset (RFC3339Nano).")
        return
    fmt_node = pos[0] if name == "strftime" and pos else pos[1] if name == "strptime" and len(pos) > 1 else None
    value = string_value(fmt_node)
    layout = strftime_layout(value) if value is not None else None
    if layout is not None:
        call_go = f"t.Format(\"{layout}\")" if name == "strftime" else f"time.Parse(\"{layout}\", s)"
        w.note("datetime-format", node, hint=f"`{call_go}` (Go layouts spell the reference time Mon Jan 2 15:04:05 MST 2006).")
    elif name == "fromisoformat":
        w.note("datetime-format", node, message="fromisoformat accepts several ISO 8601 shapes (with or without time and offset); time.Parse takes exactly one layout.",
               hint="`time.Parse(time.RFC3339, s)`, or try the few layouts the data really uses.")
    else:
        w.note("datetime-format", node)
