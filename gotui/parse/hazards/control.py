"""Control flow and error rules (docs/hazards.md, "Control flow and errors"). Each rule's check is
the function named after it (`raise-error` → `raise_error`); a rule checked at several places has
`<rule>_<where>` variants.
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.hazards.syntax import (
    F_NAME,
    F_SUBJECT,
    F_SUPERCLASSES,
    F_VALUE,
    call_args,
    identifiers,
    line_of,
    named,
    param_parts,
    short,
    text,
)
from gotui.parse.hazards.walker import DICT_KINDS, Frame, Walker


def loop_closure_capture(w: Walker, node: Node, body: Node | None, params: Node | None) -> None:
    """A closure made inside a loop that reads the loop variable: late binding vs Go 1.22."""
    if w.marks.get(node.id) == "immediate":
        return
    targets: set[str] = set()
    loop = w.loop
    while loop is not None and loop.func is w.func:
        targets |= loop.targets
        loop = loop.prev_loop
    if not targets:
        return
    bound = {param_parts(p)[0] for p in named(params)}
    used = (identifiers(body) - bound) & targets
    if used:
        names = ", ".join(sorted(used))
        w.note("loop-closure-capture", node, end=node if node.type == "lambda" else node.child_by_field_id(F_NAME),
               message=f"This closure reads the loop variable {names}: Python closures see its last value when called after "
                       "the loop; since Go 1.22 each iteration has its own variable.")


def async_await(w: Walker, node: Node, name_node: Node | None) -> None:
    """`async def`."""
    first = node.child(0)
    if first is not None and first.type == "async":
        w.note("async-await", node, end=name_node)


def generator(w: Walker, node: Node, f: Frame) -> None:
    """The first yield of a def (f): a generator, a @contextmanager or a yield fixture."""
    if any(d.rsplit(".", 1)[-1] in ("contextmanager", "asynccontextmanager") for d in f.decorators):
        w.note("generator", node, message="A @contextmanager runs the code before yield on entry and the rest on exit; Go has no with.",
               hint="A function that sets up and returns a cleanup func: `cleanup, err := setup(); defer cleanup()`.")
    elif any(d.rsplit(".", 1)[-1] == "fixture" for d in f.decorators):
        w.note("generator", node, message="A yield fixture runs teardown after the test; Go tests have no fixtures.",
               hint="A helper that sets up and registers teardown with t.Cleanup.")
    else:
        w.note("generator", node)


def loop_else(w: Walker, alt: Node) -> None:
    """The else clause of a for or while loop."""
    w.note_lines("loop-else", line_of(alt), line_of(alt))


def with_statement(w: Walker, node: Node) -> None:
    """A with block; open(), suppress(), locks and transactions get their own idiom."""
    clause = next((c for c in node.named_children if c.type == "with_clause"), None)
    header = text(clause, 600)
    end = clause if clause is not None else node
    if "open(" in header:
        w.note("with-statement", node, end=end, hint="`f, err := os.Open(path); if err != nil { return err }; defer f.Close()` (os.ReadFile/os.WriteFile for whole files).")
    elif "suppress(" in header:
        w.note("with-statement", node, end=end, message="contextlib.suppress swallows the listed exceptions; Go has none to swallow.",
               hint="Call, then ignore the specific error explicitly: `if err := f(); err != nil && !errors.Is(err, fs.ErrNotExist) { return err }`.")
    elif "lock" in header.lower() or "mutex" in header.lower():
        w.note("with-statement", node, end=end, hint="`mu.Lock(); defer mu.Unlock()` (a func literal when the locked region is shorter than the function).")
    elif "atomic(" in header or "transaction" in header:
        w.note("with-statement", node, end=end, hint="`tx, err := db.BeginTx(ctx, nil)`; `defer tx.Rollback()`; `tx.Commit()` at the end.")
    else:
        w.note("with-statement", node, end=end)


_EXC_HINTS = {
    "ValueError": ("ValueError here usually comes from int()/float() or .index(); in Go those report an err or -1 to test, not an exception.",
                   "Test the error result of strconv.Atoi / the -1 of slices.Index right after the call."),
    "KeyError": ("A missing map key is not an error in Go: the read returns the zero value.",
                 "`v, ok := m[k]; if !ok { ... }` in place of the except KeyError branch."),
    "IndexError": ("An index out of range panics in Go; there is nothing to catch as an error.",
                   "Check `i < len(s)` before indexing."),
    "StopIteration": ("Go iteration has no StopIteration: loops end, channel receives report ok=false.",
                      "`v, ok := <-ch` or a `for ... range` loop."),
    "AttributeError": ("AttributeError and TypeError are programming errors that Go's compiler catches, or panics (nil pointer) at run time.",
                       "Remove the except; check for nil where a value may be absent."),
    "TypeError": ("AttributeError and TypeError are programming errors that Go's compiler catches, or panics (nil pointer) at run time.",
                  "Remove the except; check for nil where a value may be absent."),
    "ImportError": ("Optional imports don't exist in Go: every package is linked at build time.",
                    "Pick one implementation, or use build tags for platform-specific code."),
    "ModuleNotFoundError": ("Optional imports don't exist in Go: every package is linked at build time.",
                            "Pick one implementation, or use build tags for platform-specific code."),
    "FileNotFoundError": ("os functions return an error value; a missing file is matched with errors.Is.",
                          "`if errors.Is(err, fs.ErrNotExist) { ... }`."),
    "OSError": ("os functions return an error value to test after each call.",
                "`if err != nil { ... }`; errors.Is(err, fs.ErrNotExist) / fs.ErrPermission for specific cases."),
    "IOError": ("os functions return an error value to test after each call.",
                "`if err != nil { ... }`; errors.Is(err, fs.ErrNotExist) / fs.ErrPermission for specific cases."),
}


def except_names(node: Node) -> tuple[list[str], Node]:
    """(the exception class names an except clause catches, last names only; the node its header ends at)."""
    value = node.child_by_field_id(F_VALUE)
    if value is None:
        for c in node.named_children:
            if c.type not in ("block", "comment"):
                value = c
                break
    if value is not None and value.type == "as_pattern":
        value = value.named_child(0)
    names: list[str] = []
    if value is not None:
        items = named(value) if value.type in ("tuple", "parenthesized_expression") else [value]
        names = [text(i, 120).rsplit(".", 1)[-1] for i in items]
    header_end = node.children[0] if node.child_count else node
    if value is not None:
        header_end = value
    return names, header_end


def is_broad(names: list[str]) -> bool:
    return not names or any(n in ("Exception", "BaseException") for n in names)


def broad_except(w: Walker, node: Node, header_end: Node) -> None:
    """A bare except, or except Exception/BaseException."""
    w.note("broad-except", node, end=header_end)


def try_except(w: Walker, node: Node, names: list[str], header_end: Node) -> None:
    """An except clause for named exceptions; the first one with a Go idiom of its own sets the message."""
    for n in names:
        if n in _EXC_HINTS:
            msg, hint = _EXC_HINTS[n]
            w.note("try-except", node, end=header_end, message=msg, hint=hint)
            return
    w.note("try-except", node, end=header_end)


def try_finally(w: Walker, node: Node) -> None:
    w.note_lines("try-finally", line_of(node), line_of(node))


def raise_error(w: Walker, node: Node) -> None:
    parts = named(node)
    if not parts:
        w.note("raise-error", node, message="A bare raise re-raises the exception being handled; in Go the error is a value you return.",
               hint="`return ..., err` (wrap with `fmt.Errorf(\"context: %w\", err)` to add context).")
        return
    exc = text(parts[0], 200).split("(", 1)[0].rsplit(".", 1)[-1]
    if exc == "NotImplementedError":
        w.note("raise-error", node, message="raise NotImplementedError marks an abstract method; Go expresses that with an interface.",
               hint="Declare the method in an interface and implement it on each concrete type.")
    elif w.func.name == "__init__":
        w.note("raise-error", node, message="A constructor that raises becomes a Go constructor function that returns an error.",
               hint="`func NewT(...) (*T, error)` and `return nil, fmt.Errorf(...)`.")
    elif any(c.type == "from" for c in node.children):
        w.note("raise-error", node, hint="`return ..., fmt.Errorf(\"...: %w\", err)`: %w keeps the cause for errors.Is/errors.As, like raise ... from.")
    else:
        w.note("raise-error", node)


def global_statement(w: Walker, node: Node) -> None:
    w.note("global-statement", node)


def nonlocal_statement(w: Walker, node: Node) -> None:
    w.note("nonlocal-statement", node)


def assert_statement(w: Walker, node: Node) -> None:
    w.note("assert-statement", node)


def match_statement(w: Walker, node: Node) -> None:
    subject = node.child_by_field_id(F_SUBJECT)
    w.note("match-statement", node, end=subject or node.children[0])


def chained_comparison(w: Walker, node: Node, ops: list[Node], parts: list[Node]) -> None:
    """`a < b < c` (ops: the comparison operators, parts: the operands)."""
    w.note("chained-comparison", node, hint=f"`{' && '.join(f'{short(parts[i], 20)} {ops[i].type} {short(parts[i + 1], 20)}' for i in range(min(len(ops), len(parts) - 1)))}`; store a middle operand in a variable first if it is a call.")


def list_index_valueerror(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = call_args(args)
    if recv is None or star or kw or not 1 <= len(pos) <= 3 or recv.type == "identifier" and text(recv) in w.imports:
        return
    if w.kind(recv) in DICT_KINDS:
        return
    if w.kind(recv) == "str" or recv.type == "string":
        w.note("list-index-valueerror", node, message="str.index raises ValueError when the substring is absent; Go's strings.Index returns -1 (a byte offset).",
               hint="`i := strings.Index(s, sub); if i < 0 { ... }`.")
    else:
        w.note("list-index-valueerror", node)


_BUILTIN_EXCEPTIONS = frozenset(
    "Exception BaseException ValueError KeyError IndexError TypeError RuntimeError LookupError "
    "ArithmeticError OSError IOError AttributeError NotImplementedError PermissionError "
    "FileNotFoundError TimeoutError ConnectionError StopIteration Warning UserWarning".split()
)


def class_bases(node: Node) -> list[str]:
    """The names a class definition lists as its bases (keywords like metaclass= left out)."""
    return [text(c, 120) for c in named(node.child_by_field_id(F_SUPERCLASSES)) if c.type in ("identifier", "attribute")]


def exception_class(w: Walker, node: Node, name_node: Node | None, name: str, bases: list[str]) -> bool:
    """A class deriving from an exception (remembered for its subclasses); True when it is one."""
    excs = w.exceptions
    exc_bases = [b for b in bases if b.rsplit(".", 1)[-1] in _BUILTIN_EXCEPTIONS or b in excs
                 or b.endswith(("Error", "Exception", "Warning"))]
    if exc_bases:
        excs.add(name)
        user = [b for b in exc_bases if b in excs]
        if user:
            w.note("exception-class", node, end=name_node,
                   message=f"{name} subclasses {user[0]}, so `except {user[0]}` catches it too; Go errors have no class hierarchy.",
                   hint=f"Give the {name} error an Is (or Unwrap) method so errors.Is(err, Err{user[0]}) matches, or test with errors.As for each type.")
        else:
            w.note("exception-class", node, end=name_node)
        return True
    return False
