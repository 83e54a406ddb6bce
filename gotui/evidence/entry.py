"""A union parameter the function narrows at its entry, read from the body without running it.

Real code often takes a union and makes it one type before anything else:

    def parse(version: str | bytes) -> Version:
        if isinstance(version, bytes):
            version = version.decode("UTF-8")
        elif not isinstance(version, String.__args__):
            raise TypeError(...)
        ...                                  # from here on, `version` is a str

The leading statements are followed once per member of the union, with the parameter taken to be a
value of that member: an `isinstance` test (or `is None`) on it is decided where the member decides it
and followed both ways where it does not; a branch that rebinds the parameter converts the member, one
that raises rejects it. When exactly one member (None aside) reaches the rest of the body unchanged,
that member is the parameter's type there, and the Go signature can take it: what Python converts or
rejects at entry is said in the note, and callers convert before they call.

Only leading statements are read: `if` tests of the parameter's type, guards on other names that only
raise, a docstring and `cls = type(self)`. Any other statement begins the body, which the member then
reaches as it is; a type test this cannot decide is followed both ways. So a member is only ever said
to be converted or rejected when every path of the entry does so before the body sees it.
"""

from __future__ import annotations

import ast
import copy

from gotui.evidence.model import NONE, Term, spell

PASS, CONVERTED, REJECTED = "pass", "converted", "rejected"

_BUILTIN = {"str", "bytes", "bytearray", "int", "float", "bool", "complex", "dict", "list", "tuple", "set",
            "frozenset", "type", "object"}


class _Stop(Exception):
    """The entry cannot be read for this member: no narrowing."""


def entry_narrowing(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str, members: tuple[Term, ...],
                    aliases: dict[str, ast.expr], cls: str | None) -> tuple[Term, str] | None:
    """(the member that reaches the body unchanged, or `member | None`; what happens to the others) or None."""
    outcomes: dict[Term, set[str]] = {}
    try:
        for m in members:
            outcomes[m] = _run(list(fn.body), name, m, {"__aliases__": aliases, "__cls__": cls}, 0)
    except (_Stop, RecursionError):
        return _str_at_every_use(fn, name, members)
    passing = [m for m in members if m != NONE and PASS in outcomes[m]]
    if len(passing) != 1:
        return _str_at_every_use(fn, name, members)
    kept = passing[0]
    fate = [f"{spell(m)} {'converted' if outcomes[m] == {CONVERTED} else 'rejected' if outcomes[m] == {REJECTED} else 'converted or rejected'}"
            for m in members if m != kept and not (m == NONE and PASS in outcomes[m])]
    if not fate:
        return None
    term: Term = ("opt", kept) if NONE in members and PASS in outcomes[NONE] else kept
    return term, f"{', '.join(fate)} at entry"


def entry_conversion(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str, member: Term, aliases: dict[str, ast.expr],
                     cls: str | None) -> ast.expr | None:
    """What the entry makes of a value of `member` that it converts: the expression of the one
    assignment its branch holds (`other = cls.parse(other)` for a str), with `cls = type(self)` and
    a classmethod's `cls` written as the class's name; None where the entry is not that plain (a test
    it cannot decide for the member first, a branch of more than the assignment, an expression that
    reads the parameter twice or another local). A caller that passes such a value can then convert
    it itself, as the Go signature, which takes the kept member only, requires."""
    env: dict = {"__aliases__": aliases, "__cls__": cls}
    first = _params(fn)[:1]
    if cls and first and first[0].arg == "cls":  # a classmethod's own class
        env["cls"] = cls
    stmts = list(fn.body)
    while stmts:
        s = stmts.pop(0)
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
            continue
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) and _is_type_of_self(s.value):
            env[s.targets[0].id] = cls
            continue
        if not (isinstance(s, ast.If) and _mentions(s.test, name)):
            return None
        try:
            decided = _test(s.test, name, member, env)
        except _Stop:
            return None
        if decided is None:
            return None
        if decided is False:
            stmts = list(s.orelse)  # an elif chain goes on in the else branch
            continue
        body = s.body
        if len(body) != 1 or not isinstance(body[0], ast.Assign) or len(body[0].targets) != 1 \
                or not (isinstance(body[0].targets[0], ast.Name) and body[0].targets[0].id == name):
            return None
        value = body[0].value
        reads = [n for n in ast.walk(value) if isinstance(n, ast.Name)]
        if sum(1 for n in reads if n.id == name) != 1:
            return None
        bound = {k for k in env if not k.startswith("__")}
        if any(n.id != name and n.id in {a.arg for a in _params(fn)} - bound for n in reads):
            return None  # another parameter: the caller would not have it

        class Rename(ast.NodeTransformer):
            def visit_Name(self, n: ast.Name) -> ast.AST:
                return ast.copy_location(ast.Name(env[n.id], n.ctx), n) if n.id in bound and env[n.id] else n

        return Rename().visit(copy.deepcopy(value))
    return None


def _str_at_every_use(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str, members: tuple[Term, ...]) -> tuple[Term, str] | None:
    """`str` when str is a member and the body only ever reads the parameter as `str(p)` (or tests
    `p is None`): semver's `self._prerelease = None if prerelease is None else str(prerelease)`. Each
    other member becomes a str where it is used, so the body sees a str whatever was passed."""
    if "str" not in members or not read_only_as_str(fn, name):
        return None
    others = [spell(m) for m in members if m not in ("str", NONE)]
    if not others:
        return None
    term: Term = ("opt", "str") if NONE in members else "str"
    return term, f"{', '.join(others)} made a str by str() where {'it is' if len(others) == 1 else 'they are'} used"


def read_only_as_str(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether the body reads parameter `name` only as `str(name)` or tests it against None (and no nested
    function has a parameter of that name): whatever is passed, the body sees a str or None."""
    own = _params(fn)
    if any(isinstance(a, ast.arg) and a.arg == name and a not in own for a in ast.walk(fn)):
        return False  # a nested function's parameter of that name
    uses = [n for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == name]
    allowed: set[int] = set()
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "str" and len(n.args) == 1 \
                and not n.keywords and isinstance(n.args[0], ast.Name) and n.args[0].id == name:
            allowed.add(id(n.args[0]))
        if _none_test(n, name) is not None:
            allowed.add(id(n.left))  # type: ignore[attr-defined]
    return bool(uses) and all(id(n) in allowed and isinstance(n.ctx, ast.Load) for n in uses)


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    a = fn.args
    return [*a.posonlyargs, *a.args, *a.kwonlyargs, *([a.vararg] if a.vararg else []), *([a.kwarg] if a.kwarg else [])]


def _run(stmts: list[ast.stmt], name: str, m: Term, env: dict, depth: int) -> set[str]:
    if depth > 20:
        raise _Stop
    for i, s in enumerate(stmts):
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
            continue  # a docstring
        if isinstance(s, ast.Raise):
            return {REJECTED}
        if isinstance(s, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = s.targets if isinstance(s, ast.Assign) else [s.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return {CONVERTED}
            if (not _mentions(s, name) and isinstance(s, ast.Assign) and len(targets) == 1 and isinstance(targets[0], ast.Name)
                    and _is_type_of_self(s.value)):
                env = {**env, targets[0].id: env["__cls__"]}  # `cls = type(self)`
                continue
            return {PASS}
        if isinstance(s, ast.If):
            if not _mentions(s.test, name):
                if s.orelse or not s.body or not isinstance(s.body[-1], ast.Raise) or _mentions(s, name):
                    return {PASS}  # the entry ends: the member reaches the body as it is
                continue  # a guard on other names
            try:
                decided = _test(s.test, name, m, env)
            except _Stop:
                return {PASS}  # a test of its value, not its type: the body has begun
            rest = stmts[i + 1:]
            out: set[str] = set()
            if decided is not False:
                out |= _run(list(s.body) + rest, name, m, env, depth + 1)
            if decided is not True:
                out |= _run(list(s.orelse) + rest, name, m, env, depth + 1)
            return out
        return {PASS}  # the body has begun: the member reaches it as it is
    return {PASS}


def _test(node: ast.expr, name: str, m: Term, env: dict) -> bool | None:
    """Whether `node` holds for a value of member m: True, False, or None when it may go either way."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        v = _test(node.operand, name, m, env)
        return None if v is None else not v
    if isinstance(node, ast.BoolOp):
        vals = [_test(v, name, m, env) for v in node.values]
        if isinstance(node.op, ast.And):
            return False if False in vals else True if all(v is True for v in vals) else None
        return True if True in vals else False if all(v is False for v in vals) else None
    is_test = _none_test(node, name)
    if is_test is not None:
        return (m == NONE) == is_test
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance" \
            and len(node.args) == 2 and not node.keywords and isinstance(node.args[0], ast.Name) and node.args[0].id == name:
        return _instance(m, node.args[1], env)
    if _mentions(node, name):
        raise _Stop  # `if not version:`, `len(version)`: not a test of its type
    return None


def _instance(m: Term, kinds: ast.expr, env: dict) -> bool | None:
    names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    vals: list[bool | None] = []
    for n in names:
        if isinstance(n, ast.Attribute) and n.attr == "__args__" and isinstance(n.value, ast.Name) \
                and n.value.id in env["__aliases__"]:
            from_alias = alias_names(env["__aliases__"][n.value.id])
            if from_alias is None:
                return None
            vals += [_is_a(m, k) for k in from_alias]
        elif isinstance(n, ast.Name):
            vals.append(_is_a(m, env[n.id] if n.id in env and n.id != "__aliases__" else n.id))
        else:
            return None
    return True if True in vals else False if all(v is False for v in vals) else None


def alias_names(node: ast.expr) -> list[str] | None:
    """The plain names of a `Union[str, bytes]` alias (what `Alias.__args__` holds), or None (the raise
    analysis reads them too: rules/raisekinds.py)."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)):
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if all(isinstance(p, ast.Name) for p in parts):
            return [p.id for p in parts]  # type: ignore[attr-defined]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = alias_names(node.left), alias_names(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.Name):
        return [node.id]
    return None


def _is_a(m: Term, kind: str | None) -> bool | None:
    """isinstance(value of member m, kind): decided where the member's type decides it."""
    if kind is None:
        return None
    head = m[0] if isinstance(m, tuple) else m
    if head == "opt":
        return None
    if m == NONE:
        return kind == "object" or (False if kind in _BUILTIN else None)
    if head == kind:
        return True
    if kind == "object":
        return True
    if head == "bool" and kind == "int":
        return True
    if (head, kind) in (("int", "bool"), ("float", "int"), ("int", "float")):
        return None  # an `int` may be a bool; a `float` annotation takes ints too
    if head in _BUILTIN and kind in _BUILTIN:
        return False
    if head in _BUILTIN or kind in _BUILTIN:
        return None if head not in _BUILTIN else False  # a class may derive from a builtin; a builtin is no class
    return None  # two classes: one may derive from the other


def _none_test(node: ast.AST, name: str) -> bool | None:
    """For `name is None`: True; for `name is not None`: False; for anything else: None."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot)) \
            and isinstance(node.left, ast.Name) and node.left.id == name \
            and isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None:
        return isinstance(node.ops[0], ast.Is)
    return None


def _is_type_of_self(node: ast.expr) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id == "self")


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))
