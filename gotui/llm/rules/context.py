"""The state of one function's translation: emitted lines, variables, imports and error contexts."""

from __future__ import annotations

import ast
import contextlib
import re
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from gotui.golang.helpers import HELPERS
from gotui.golang.names import go_func_name, go_type_name
from gotui.llm.rules import goast as g
from gotui.llm.rules.goast import GoExpr
from gotui.golang.names import go_const_name, go_local_name
from gotui.llm.rules.scopes import DeclPlan
from gotui.llm.rules.package import ClassInfo, FuncInfo, ModuleInfo, PackageInfo
from gotui.llm.rules.signatures import Signature
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import MAX_TUPLE, NONE, AnyT, DynT, OptT, T, VarT, prune


@dataclass
class E:
    """A translated expression: its Go tree and Python type."""

    g: GoExpr
    t: T
    const: bool = False  # a literal (Go untyped constant)
    simple: bool = False  # safe to evaluate twice: a name, literal or field
    fresh: bool = False  # a new list nobody else holds (appending to it stays visible)
    # a float64 that holds a Python int on some paths (`float(v) if "." in v else int(v)`): equal as a
    # number, but str() of it differs ("100" against "100.0"), so it is not turned into text
    mixed: bool = False


def helper_arg(e: GoExpr, src: T, dst: T) -> GoExpr:
    """A key or value a generic helper takes beside its container (`pyPopKey(m, key)`): a value of one
    type (`src`) where the container holds values of several (`dst` is `any`) is passed as `any(key)`,
    since Go would otherwise infer the type parameter from the `int` and not match the container's."""
    if isinstance(prune(dst), DynT) and not isinstance(prune(src), (DynT, VarT, OptT, AnyT)) and prune(src) != NONE \
            and not (isinstance(e, g.Atom) and _UNTYPED_CONSTANT.match(e.text)):  # Go infers past an untyped constant
        return g.call("any", e)
    return e


_UNTYPED_CONSTANT = re.compile(r'(true|false|-?[0-9][0-9_.eE+-]*|"(?:[^"\\]|\\.)*")$')


@dataclass
class Var:
    py: str
    go: str
    t: T
    declared: bool = False
    hoisted: bool = False
    param: bool = False
    fresh: bool = True  # a list created here and not yet shared (append stays visible)
    write_only: bool = False
    factory: T | None = None  # defaultdict value factory type


@dataclass
class Handler:
    names: list[str | None]
    node: ast.ExceptHandler


@dataclass
class TryCtx:
    handlers: list[Handler]
    label: str | None = None  # goto target after the try, when a handler falls through
    used_label: bool = False
    node: ast.Try | None = None


@dataclass
class Facts:
    """Flow facts: dict keys known present, Optionals known not None."""

    present: set[tuple[str, str]] = field(default_factory=set)
    not_none: set[str] = field(default_factory=set)

    def copy(self) -> Facts:
        return Facts(set(self.present), set(self.not_none))


class Base:
    """The state of lowering one body (function, constructor or module constant), all of it set up here."""

    def __init__(
        self, pkg: PackageInfo, mod: ModuleInfo, func: FuncInfo | None, cls: ClassInfo | None, sig: Signature | None, *,
        hints: dict[str, T] | None = None, defining: ClassInfo | None = None, ctor_recv: str | None = None,
        infer_returns: list[T] | None = None, hoist_ok: bool = True,
    ) -> None:
        self.pkg = pkg
        self.mod = mod
        self.func = func
        self.cls = cls
        self.sig = sig
        self.imports: set[str] = set()
        self.lines: list[str] = []
        self.indent = 1
        self.vars: dict[str, Var] = {}
        self.used_go: set[str] = set(package_names(pkg))
        self.tries: list[TryCtx] = []
        self.facts = Facts()
        self.hoist_ok = hoist_ok
        self.closure = 0
        self.impure_inline = False
        self.nonneg: set[str] = set()
        self._nonneg_asked: frozenset[str] = frozenset()  # locals whose sign is being worked out (ExprMixin._nonneg_local)
        self.counter = 0
        self.labels = 0
        self.notes: list[str] = []
        self.salvage = False  # keep what translates: an untranslatable statement becomes a TODO and a panic in place
        self.todos: list[Unsupported] = []  # those statements, in order (statements.StmtMixin._todo_here)
        self.infer_returns = infer_returns  # a list when inferring an unannotated result
        self.gen_elem: T | None = None  # in a generator: the type of what it yields (returns.py)
        self.gen_fallible = False  # ... and it can raise: its errors are yielded (iter.Seq2[T, error])
        self.placeholders: list[VarT] = []
        self.line = 0
        self.hints: dict[str, T] = hints if hints is not None else {}  # local -> type learnt by an earlier attempt (Retry)
        self.decl = DeclPlan()  # where each local is declared; a function's is planned once its parameters are bound
        self.recv: str | None = None  # the method receiver's Go name
        self.defining = defining  # the class whose constructor is being lowered
        self.ctor_recv = ctor_recv  # that constructor's receiver
        self.loop_flags: list[str | None] = []  # the `else:` flag of each enclosing loop
        self.current_stmt: ast.stmt | None = None  # the statement being lowered (statements.StmtMixin.stmt)
        # transient state of the statement or expression being lowered
        self.zip_ok: ast.expr | None = None
        self.opaque_ok: ast.expr | None = None  # the node that may be a value of several types (ExprMixin.opaque)
        self.into: object = None
        self.comp_into: object = None
        self.current_error: str | None = None
        self.current_kinds: tuple[str, ...] | None = None
        self._pre_evaluated: object = None
        self._pre_evaluated_obj: object = None
        self.top_err = False
        self.err_declared = False
        self._order_aug: list[str] = []
        self._last_factory: object = None

    # --- emission ------------------------------------------------------------------------------
    def emit(self, text: str) -> None:
        self.lines.append("\t" * self.indent + text if text else "")

    # Lowerings that an upper mixin defines and a lower one calls through `self` (truthiness and `==`
    # on a class need its special methods; `x if c else y` narrows like `if`; `for` over `range()`
    # with a step may need the list). Declared here so the chain type-checks without ignores; the
    # remaining upcalls are what issue 15's move to composition removes.
    def special_method(self, m: FuncInfo, result: T, nparams: int) -> None:
        raise NotImplementedError  # calls.CallMixin

    def narrow(self, test: ast.expr) -> tuple[Facts, Facts]:
        raise NotImplementedError  # statements.StmtMixin

    def checked_lookup(self, fn: str, args: tuple[GoExpr, ...], result: T | None, kinds: str | tuple[str, ...], what: str) -> E | None:
        raise NotImplementedError  # calls.CallMixin

    def panics_here(self, kinds: tuple[str, ...], what: str) -> None:
        raise NotImplementedError  # calls.CallMixin

    def catching(self, kinds: tuple[str, ...]) -> list[str | None]:
        raise NotImplementedError  # calls.CallMixin

    def re_test_call(self, node: ast.expr) -> ast.Call | None:
        raise NotImplementedError  # relower.ReMixin (a re.search/match/fullmatch call in a condition)

    def re_test(self, node: ast.Call) -> GoExpr:
        raise NotImplementedError  # relower.ReMixin

    def compiled_const(self, obj: ast.expr) -> ast.Call | None:
        raise NotImplementedError  # relower.ReMixin (a module constant bound to re.compile(literal))

    def match_method(self, m: E, attr: str, node: ast.Call) -> E:
        raise NotImplementedError  # relower.ReMixin (m.group(k) and its kin on a match object)

    def emit_stmt(self, s: g.GoStmt) -> None:
        self.lines.extend(g.render_stmt(s, self.indent))

    def r(self, e: GoExpr) -> str:
        return g.render(e, self.indent)

    def rl(self, items: list[GoExpr]) -> str:
        return g.render_list(items, self.indent)

    @contextlib.contextmanager
    def block(self) -> Iterator[None]:
        self.indent += 1
        try:
            yield
        finally:
            self.indent -= 1

    @contextlib.contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Emit into a separate list (a func literal's body), indented from zero."""
        saved, saved_indent = self.lines, self.indent
        self.lines, self.indent = [], 0
        out = self.lines
        try:
            yield out
        finally:
            self.lines, self.indent = saved, saved_indent

    @contextlib.contextmanager
    def no_hoist(self) -> Iterator[None]:
        saved = self.hoist_ok
        self.hoist_ok = False
        try:
            yield
        finally:
            self.hoist_ok = saved

    def need_hoist(self, what: str) -> None:
        if not self.hoist_ok:
            raise Unsupported(f"{what} inside a condition, short-circuit operand or lambda (Go needs a statement for it)")
        if self.impure_inline:
            raise Unsupported(f"{what} after a call in the same expression: Go would change the evaluation order")

    def use(self, pkg: str) -> None:
        self.imports.add(pkg)

    def fresh(self, base: str) -> str:
        name = go_local_name(base) if base else "v"
        if name not in self.used_go:
            self.used_go.add(name)
            return name
        i = 2
        while f"{name}{i}" in self.used_go:
            i += 1
        self.used_go.add(f"{name}{i}")
        return f"{name}{i}"

    def label(self, base: str) -> str:
        self.labels += 1
        return f"{base}{self.labels}"


class Lowerer(Protocol):
    """What the formatting and method lowerings use of the function lowerer they are handed."""

    impure_inline: bool
    indent: int
    vars: dict[str, Var]
    facts: Facts

    def emit(self, text: str) -> None: ...
    def fresh(self, base: str) -> str: ...
    def r(self, e: GoExpr) -> str: ...
    def rl(self, items: list[GoExpr]) -> str: ...
    def use(self, pkg: str) -> None: ...
    def expr(self, node: ast.expr, want: T | None = None) -> E: ...
    def opaque(self, node: ast.expr) -> E: ...
    def value(self, node: ast.expr, to: T, what: str = "value") -> GoExpr: ...
    def nonneg_expr(self, node: ast.expr) -> bool: ...
    def coerce(self, e: E, to: T, what: str = "value") -> GoExpr: ...
    def const_int(self, node: ast.expr) -> int | None: ...
    def escape(self, node: ast.expr) -> None: ...
    def to_str(self, e: E) -> GoExpr: ...
    def constant_text(self, node: ast.expr) -> str | None: ...
    def sequence_arg(self, arg: ast.expr, ordered_needed: bool) -> tuple[GoExpr, T, bool]: ...
    def key_less(self, key: ast.expr, elem: T, reverse: bool) -> GoExpr: ...
    def panics_here(self, kinds: tuple[str, ...], what: str) -> None: ...
    def match_method(self, m: E, attr: str, node: ast.Call) -> E: ...
    def pattern_value_method(self, p: E, attr: str, node: ast.Call) -> E: ...


def const_failures_key(mod: ModuleInfo) -> str:
    """The `PackageInfo.cache` key of a module's constants that did not translate: name -> why (preamble.py)."""
    return "consts-failed:" + mod.path


def package_names(pkg: PackageInfo) -> set[str]:
    """Go names taken at package level: a local must not shadow them."""
    cached = pkg.cache.get("package_names")
    if cached is None:
        names: set[str] = set()
        for m in pkg.modules.values():
            names.update(go_func_name(n) for n in m.functions)
            names.update(go_const_name(n) for n in m.consts)
            for c in m.classes.values():
                names.add(go_type_name(c.name))
                names.add("New" + go_type_name(c.name))
        names.update(HELPERS)
        names.update(f"Tuple{n}" for n in range(2, MAX_TUPLE + 1))
        pkg.cache["package_names"] = cached = names
    return cached  # type: ignore[return-value]
