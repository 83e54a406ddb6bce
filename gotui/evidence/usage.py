"""Types from how a function's body uses its parameters, and from what it returns.

Heuristics, each recorded with its line so a reviewer can judge it: `x.split()` makes x a str,
`x.append(v)` a list, `x.items()` a dict, `x // 2` an int, `x < 1.5` a float, `return x == y` a
bool. The weakest source: annotations, traces, doctests and callers all win over it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from functools import lru_cache

from gotui.evidence.model import ANY, NONE, UNKNOWN, Term, unify, unify_all

STR_METHODS = frozenset("""split rsplit strip lstrip rstrip lower upper startswith endswith replace find rfind
isdigit isalpha isalnum isspace islower isupper isdecimal isnumeric istitle title capitalize casefold encode
format partition rpartition splitlines zfill center ljust rjust expandtabs swapcase removeprefix
removesuffix translate""".split())
LIST_METHODS = frozenset("append extend insert sort reverse".split())
DICT_METHODS = frozenset("items keys values get setdefault popitem".split())
SET_METHODS = frozenset("add discard union intersection difference symmetric_difference issubset issuperset isdisjoint".split())
# What a str method returns.
STR_RESULTS: dict[str, Term] = {
    **{m: "str" for m in "strip lstrip rstrip lower upper replace title capitalize casefold zfill center ljust rjust "
       "format swapcase removeprefix removesuffix expandtabs translate join".split()},
    **{m: "bool" for m in "startswith endswith isdigit isalpha isalnum isspace islower isupper isdecimal isnumeric istitle".split()},
    **{m: "int" for m in "find rfind count index rindex".split()},
    **{m: ("list", "str") for m in "split rsplit splitlines".split()},
    "encode": "bytes",
}
INT_OPS = (ast.FloorDiv, ast.Mod, ast.LShift, ast.RShift, ast.BitAnd, ast.BitOr, ast.BitXor, ast.Add, ast.Sub, ast.Pow)
RE_TEXT_FUNCS = {"match": 1, "search": 1, "fullmatch": 1, "findall": 1, "finditer": 1, "split": 1, "sub": 2, "subn": 2}
FLOAT_FUNCS = frozenset("sqrt floor ceil exp log log10 log2 sin cos tan atan asin acos isnan isinf isfinite trunc".split())
BUILTIN_RESULTS: dict[str, Term] = {"str": "str", "repr": "str", "int": "int", "len": "int", "float": "float",
                                    "bool": "bool", "chr": "str", "ord": "int", "hex": "str", "oct": "str", "bin": "str",
                                    "isinstance": "bool", "callable": "bool", "hasattr": "bool", "any": "bool", "all": "bool"}

Sink = Callable[[str, Term, str], None]  # (parameter name or "return", term, detail)


def literal_term(node: ast.expr) -> Term | None:
    """The term of a literal expression, or None when it is not one."""
    if isinstance(node, ast.Constant):
        v = node.value
        if v is None:
            return NONE
        for t in (bool, int, float, str, bytes):
            if type(v) is t:
                return t.__name__
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return literal_term(node.operand)
    if isinstance(node, (ast.List, ast.Set)):
        head = "list" if isinstance(node, ast.List) else "set"
        elems = [literal_term(e) for e in node.elts]
        return (head, unify_all(e for e in elems if e is not None)) if all(e is not None for e in elems) and elems else (head, UNKNOWN)
    if isinstance(node, ast.Tuple):
        elems = [literal_term(e) for e in node.elts]
        return ("tuple", tuple(elems)) if all(e is not None for e in elems) else None
    if isinstance(node, ast.Dict):
        keys = [literal_term(k) if k is not None else None for k in node.keys]
        vals = [literal_term(v) for v in node.values]
        if not node.keys:
            return ("dict", UNKNOWN, UNKNOWN)
        if all(k is not None for k in keys) and all(v is not None for v in vals):
            return ("dict", unify_all(keys), unify_all(vals))
        return None
    if isinstance(node, ast.JoinedStr):
        return "str"
    return None


class UsageReader:
    """Reads one function body; its state (parameters, the types of simple locals) is set up here."""

    def __init__(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, sink: Sink, patterns: frozenset[str] = frozenset()) -> None:
        self.fn = fn
        self.sink = sink
        self.patterns = patterns  # module names bound to re.compile(...): their .match(s) etc. read a str
        args = fn.args
        self.params = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
        self.locals: dict[str, Term] = {}
        self.known: dict[str, Term] = {}  # parameter types the caller already knows (annotations)
        self.seen: dict[str, list[Term]] = {}  # what this body says of each parameter
        self.recording = True

    def read(self, known: dict[str, Term] | None = None) -> None:
        """Two passes: the first records what the body says of the parameters, the second types
        locals and loop variables with that knowledge (`for w in text.split()` needs text's type)."""
        self.known = dict(known or {})
        self._defaults()
        for node in _walk_body(self.fn):
            self._visit(node)
        self.recording = False
        self.locals.clear()
        for node in _walk_body(self.fn):
            self._visit(node)
        returns = [self._term(r.value) if r.value is not None else NONE for r in _walk_body(self.fn) if isinstance(r, ast.Return)]
        if not returns and not any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _walk_body(self.fn)):
            self.sink("return", NONE, "no return statement")
        elif returns and all(r is not None for r in returns):
            self.sink("return", unify_all(returns), "return statements")

    # ---- parameters ----------------------------------------------------------------------------

    def _note(self, name: str, term: Term, detail: str) -> None:
        if self.recording:
            self.seen.setdefault(name, []).append(term)
            self.sink(name, term, detail)

    def _defaults(self) -> None:
        args = self.fn.args
        positional = [*args.posonlyargs, *args.args]
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
        pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        for arg, default in pairs:
            term = literal_term(default)
            if term is not None:
                self._note(arg.arg, term, f"default {ast.unparse(default)}" if term != NONE else "default None")

    def _param(self, node: ast.AST) -> str | None:
        return node.id if isinstance(node, ast.Name) and node.id in self.params else None

    def _visit(self, node: ast.AST) -> None:
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            self._call(node, line)
        elif isinstance(node, ast.BinOp):
            self._binop(node.left, node.op, node.right, line)
        elif isinstance(node, ast.AugAssign):
            self._binop(node.target, node.op, node.value, line)
        elif isinstance(node, ast.Compare):
            self._compare(node, line)
        elif isinstance(node, ast.Subscript):
            p = self._param(node.value)
            if p and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                self._note(p, ("dict", "str", UNKNOWN), f"line {line}: {p}[{node.slice.value!r}]")
        elif isinstance(node, ast.FormattedValue):
            p = self._param(node.value)
            spec = ast.unparse(node.format_spec) if node.format_spec is not None else ""
            if p and spec[-2:-1] in ("f", "e", "g", "%"):
                self._note(p, "float", f"line {line}: formatted with {spec[2:-1]}")
            elif p and spec[-2:-1] in ("d", "x", "b", "o"):
                self._note(p, "int", f"line {line}: formatted with {spec[2:-1]}")
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name):
            elem = _element(self._term(node.iter))
            if elem is not None and node.target.id not in self.params:
                self.locals[node.target.id] = elem
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            term = self._term(node.value)
            name = node.targets[0].id
            if term is not None and name not in self.params:
                self.locals[name] = unify(self.locals[name], term) if name in self.locals else term

    def _call(self, node: ast.Call, line: int) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            p = self._param(func.value)
            method = func.attr
            if p:
                if method in STR_METHODS:
                    self._note(p, "str", f"line {line}: {p}.{method}()")
                elif method in LIST_METHODS:
                    elem = self._term(node.args[0]) if method == "append" and node.args else None
                    self._note(p, ("list", elem if elem is not None else UNKNOWN), f"line {line}: {p}.{method}()")
                elif method in DICT_METHODS:
                    self._note(p, ("dict", UNKNOWN, UNKNOWN), f"line {line}: {p}.{method}()")
                elif method in SET_METHODS:
                    self._note(p, ("set", UNKNOWN), f"line {line}: {p}.{method}()")
            if method == "join" and node.args:
                arg = self._param(node.args[0])
                if arg and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
                    self._note(arg, ("list", "str"), f"line {line}: {func.value.value!r}.join({arg})")
            if method == "append" and isinstance(func.value, ast.Name) and func.value.id in self.locals and node.args:
                elem = self._term(node.args[0])
                cur = self.locals[func.value.id]
                if elem is not None and isinstance(cur, tuple) and cur[0] == "list":
                    self.locals[func.value.id] = ("list", unify(cur[1], elem))
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if owner == "re" and method in RE_TEXT_FUNCS and len(node.args) > RE_TEXT_FUNCS[method]:
                arg = self._param(node.args[RE_TEXT_FUNCS[method]])
                if arg:
                    self._note(arg, "str", f"line {line}: re.{method}(…, {arg})")
            if owner in self.patterns and owner not in self.params and owner not in self.locals and method in RE_TEXT_FUNCS \
                    and len(node.args) > RE_TEXT_FUNCS[method] - 1:
                arg = self._param(node.args[RE_TEXT_FUNCS[method] - 1])  # a compiled pattern takes no pattern argument
                if arg:
                    self._note(arg, "str", f"line {line}: {owner}.{method}(…{arg})")
            if owner == "math" and method in FLOAT_FUNCS:
                for a in node.args:
                    arg = self._param(a)
                    if arg:
                        self._note(arg, "float", f"line {line}: math.{method}({arg})")
            return
        if isinstance(func, ast.Name):
            name = func.id
            if name == "range":
                for a in node.args:
                    arg = self._param(a)
                    if arg:
                        self._note(arg, "int", f"line {line}: range({arg})")
            elif name == "chr" and node.args and self._param(node.args[0]):
                self._note(node.args[0].id, "int", f"line {line}: chr({node.args[0].id})")  # type: ignore[union-attr]
            elif name == "ord" and node.args and self._param(node.args[0]):
                self._note(node.args[0].id, "str", f"line {line}: ord({node.args[0].id})")  # type: ignore[union-attr]

    def _binop(self, left: ast.expr, op: ast.operator, right: ast.expr, line: int) -> None:
        for mine, other in ((left, right), (right, left)):
            p = self._param(mine)
            lit = literal_term(other)
            if not p or lit is None:
                continue
            sym = _OP_SYMBOLS.get(type(op), "?")
            if lit == "str" and isinstance(op, ast.Add):
                self._note(p, "str", f"line {line}: {p} + a string")
            elif lit == "float" and isinstance(op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)):
                self._note(p, "float", f"line {line}: {p} {sym} a float")
            elif lit == "int" and isinstance(op, INT_OPS) and not (mine is right and isinstance(op, ast.Mod)):
                self._note(p, "int", f"line {line}: {p} {sym} an int")

    def _compare(self, node: ast.Compare, line: int) -> None:
        operands = [node.left, *node.comparators]
        for (a, b), op in zip(zip(operands, operands[1:]), node.ops):
            for mine, other in ((a, b), (b, a)):
                p = self._param(mine)
                lit = literal_term(other)
                if not p or lit is None:
                    continue
                if lit == NONE and isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)):
                    self._note(p, NONE, f"line {line}: compared with None")
                elif lit in ("int", "float") and isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)):
                    self._note(p, lit, f"line {line}: compared with {ast.unparse(other)}")
                elif lit == "str" and isinstance(op, (ast.Eq, ast.NotEq)):
                    self._note(p, "str", f"line {line}: compared with {ast.unparse(other)}")
                elif lit == "str" and isinstance(op, (ast.In, ast.NotIn)) and mine is b:
                    self._note(p, "str", f"line {line}: {ast.unparse(other)} in {p}")

    # ---- expression types ----------------------------------------------------------------------

    def _term(self, node: ast.expr) -> Term | None:
        lit = literal_term(node)
        if lit is not None:
            return lit
        if isinstance(node, ast.Name):
            if node.id in self.known:
                return self.known[node.id]
            if node.id in self.params:
                seen = [t for t in self.seen.get(node.id, []) if t != NONE]
                term = unify_all(seen) if seen else None
                return None if term == ANY else term
            return self.locals.get(node.id)
        if isinstance(node, (ast.Compare, ast.BoolOp)) and (not isinstance(node, ast.BoolOp) or all(isinstance(v, ast.Compare) for v in node.values)):
            return "bool"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return "bool"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                if func.id == "round":
                    return "float" if len(node.args) == 2 else "int"
                return BUILTIN_RESULTS.get(func.id)
            if isinstance(func, ast.Attribute):
                if func.attr == "join" and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
                    return "str"
                owner = self._term(func.value)
                if owner == "str":
                    return STR_RESULTS.get(func.attr)
        if isinstance(node, ast.BinOp):
            left, right = self._term(node.left), self._term(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.Div) and left in ("int", "float") and right in ("int", "float"):
                return "float"
            if left == right == "str" and isinstance(node.op, ast.Add):
                return "str"
            if left in ("int", "float") and right in ("int", "float"):
                return unify(left, right)
        if isinstance(node, ast.IfExp):
            a, b = self._term(node.body), self._term(node.orelse)
            return unify(a, b) if a is not None and b is not None else None
        return None


def _element(term: Term | None) -> Term | None:
    """What iterating a value of `term` gives."""
    if term == "str":
        return "str"
    if isinstance(term, tuple) and term[0] in ("list", "set", "dict") and term[1] != UNKNOWN:
        return term[1]
    return None


_OP_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
               ast.LShift: "<<", ast.RShift: ">>", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}


@lru_cache(maxsize=256)  # the reader goes over a body several times in a row (usages, returns, yields)
def _walk_body(fn: ast.AST) -> tuple[ast.AST, ...]:
    """Every node of a function's body in source order, not entering nested functions, lambdas or classes."""
    out: list[ast.AST] = []
    todo = list(reversed(getattr(fn, "body", [])))
    while todo:
        node = todo.pop()
        out.append(node)
        children = [c for c in ast.iter_child_nodes(node)
                    if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))]
        todo.extend(reversed(children))
    return tuple(out)


__all__ = ["UsageReader", "literal_term", "ANY"]


def compiled_patterns(tree: ast.Module) -> frozenset[str]:
    """The module-level names bound to `re.compile(...)` (`TZ_RE = re.compile(TZ_REGEX)`)."""
    out = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "compile" \
                and isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == "re":
            out.add(stmt.targets[0].id)
    return frozenset(out)
