"""re.sub / re.search / re.match / re.fullmatch with a literal pattern, lowered onto Go's regexp.

The pattern itself is converted (or refused) by regex.py; here are the calls: `re.sub` with a template
(`\\1` -> `${1}`) or a `lambda m:` over its groups (pyReSubFunc), and the three tests in a condition
(`if re.search(...)`, `... is not None`, `not re.match(...)`), where only whether there is a match counts.
A match object used as a value (`m = re.match(...)`) is a `*pyMatch`, nil for None; once the body
knows it is not None, `m.group(k)`, `m.start(k)`, `m.end(k)` and `m.span(k)` are lowered (`match_method`).
"""

from __future__ import annotations

import ast
import copy
import re

from gotui.llm.rules import goast as g
from gotui.llm.rules.calls import CallMixin
from gotui.llm.rules.context import E, Var
from gotui.llm.rules.goast import Atom, GoExpr
from gotui.llm.rules.package import ModuleInfo, PackageInfo
from gotui.llm.rules.raisekinds import re_compile_call
from gotui.llm.rules.regex import Regex, convert, go_template
from gotui.llm.rules.static_value import fixed_constant, static_text
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import INT, STR, DictT, DynT, ListT, MatchT, OptT, PatternT, T, TupleT, go_type, prune

RE_TESTS = ("search", "match", "fullmatch")
RE_FLAGS = {"I": 2, "IGNORECASE": 2, "X": 64, "VERBOSE": 64, "A": 256, "ASCII": 256, "U": 32, "UNICODE": 32,
            "M": 8, "MULTILINE": 8, "S": 16, "DOTALL": 16, "L": 4, "LOCALE": 4}


def re_flags(node: ast.expr | None) -> int:
    """The value of a `flags=` argument made of re.X constants joined with `|`."""
    if node is None:
        return 0
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return re_flags(node.left) | re_flags(node.right)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re" and node.attr in RE_FLAGS:
        return RE_FLAGS[node.attr]
    raise Unsupported(f"regular expression flags `{ast.unparse(node)}`")



def match_group_call(node: ast.expr) -> bool:
    """`m.group(k)` with a literal k on a plain name: a value narrowing may key by its text."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "group"
            and isinstance(node.func.value, ast.Name) and len(node.args) == 1 and not node.keywords
            and isinstance(node.args[0], ast.Constant))


def _sets_in_body(node: ast.ClassDef, name: str) -> bool:
    """Does a class body assign `name` (a class attribute)?"""
    return any(isinstance(t, ast.Name) and t.id == name for s in node.body if isinstance(s, (ast.Assign, ast.AnnAssign))
               for t in (s.targets if isinstance(s, ast.Assign) else [s.target]))


def _folded(pkg: PackageInfo, mod: ModuleInfo, call: ast.Call, scope: dict[str, ast.expr]) -> ast.Call:
    """`re.compile(pattern, ...)` with its pattern folded to a literal where it is put together from
    literals and constants where it is written (its module, and the class body before it: `scope`)."""
    if not call.args or isinstance(call.args[0], ast.Constant):
        return call
    text = static_text(pkg, mod, call.args[0], scope)
    if text is None:
        return call
    return ast.copy_location(ast.Call(call.func, [ast.Constant(text), *call.args[1:]], call.keywords), call)


def _anchor(rx: Regex, name: str) -> None:
    """re.match anchors at the start, re.fullmatch at both ends; re.search not at all."""
    if name == "match":
        rx.go = rf"\A(?:{rx.go})" if not rx.go.startswith("(?i)") else rf"(?i)\A(?:{rx.go[4:]})"
    elif name == "fullmatch":
        rx.go = rf"\A(?:{rx.go})\z" if not rx.go.startswith("(?i)") else rf"(?i)\A(?:{rx.go[4:]})\z"


class ReMixin(CallMixin):
    def expr(self, node: ast.expr, want: T | None = None) -> E:
        """A compiled constant handed on where a pattern is wanted (`_validate_identifiers(token,
        cls._BUILD_IDENTIFIER, ...)`, a `Pattern[str]` parameter) is a pattern value; the rest as usual."""
        if want is not None and isinstance(node, (ast.Name, ast.Attribute)) and isinstance(prune(want), PatternT):
            const = self.compiled_const(node)
            if const is not None:
                return self.pattern_value(const)
        return super().expr(node, want)

    def pattern_value(self, const: ast.Call) -> E:
        """`re.compile(literal)` as a value: Go's `*regexp.Regexp`, kept by pyRe like any pattern."""
        rx = self.compiled_rx(const)
        if rx.ascii_text:
            raise Unsupported("a pattern with a Unicode \\b handed on as a value (Go's \\b is ASCII, and where the pattern is used "
                              "the text is not checked)")
        if rx.dollar:
            raise Unsupported("a pattern with Python's `$` handed on as a value (Go's `$` differs before a final newline, "
                              "and where the pattern is used the text is not checked)")
        return E(self.compiled(rx), PatternT())

    def pattern_value_method(self, p: E, attr: str, node: ast.Call) -> E:
        """`p.search(s)`, `p.match(s)` or `p.fullmatch(s)` of a pattern handed on as a value: the match
        object, nil for None. Its groups are the pattern's, which are not known here: only the whole match
        (`m.group()`) is lowered; `match` and `fullmatch` anchor it (pyReAnchored, compiled once)."""
        if attr not in RE_TESTS or len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            raise Unsupported(f"the method .{attr}() of a pattern handed on as a value (search, match and fullmatch of a text are lowered)")
        rx = p.g if attr == "search" else g.call("pyReAnchored", p.g, Atom(f'"{attr}"'))
        return E(g.call("pyReSearch", rx, self.value(node.args[0], STR, "text")), OptT(MatchT(0, frozenset({0}))))

    def re_pattern(self, node: ast.Call, pattern: ast.expr, flags: ast.expr | None) -> Regex:
        if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
            return convert(pattern.value, re_flags(flags))
        # a string put together from literals and constants (static_value.static_text), not from locals
        text = None if self.hidden_by_local(pattern) else static_text(self.pkg, self.mod, pattern)
        if text is None:
            raise Unsupported("a regular expression that is not a string literal")
        return convert(text, re_flags(flags))

    def dynamic_pattern(self, pattern: ast.expr, flags: ast.expr | None) -> GoExpr | None:
        """`pyReDyn(pattern, flags)` for a pattern only the run knows (a parameter, a rule read from a
        table, a text put together at run time): written in RE2's syntax when first used, by the rules
        re_pattern follows for a literal one, panicking where those refuse it (gohelpers/redyn.go). None
        for a pattern the translator knows, which re_pattern converts now."""
        if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
            return None
        if not self.hidden_by_local(pattern) and static_text(self.pkg, self.mod, pattern) is not None:
            return None
        bits = re_flags(flags)
        return g.call("pyReDyn", self.value(pattern, STR, "pattern"), Atom(str(bits)))

    def _dynamic_test(self, node: ast.Call) -> tuple[GoExpr, GoExpr, Atom] | None:
        """(pyReDyn(...), the subject, which test as a Go string) of `re.search/match/fullmatch(pattern, s)`
        whose pattern only the run knows; None for a compiled constant or a known pattern."""
        if isinstance(node.func, ast.Attribute) and self.compiled_const(node.func.value) is not None or len(node.args) < 2:
            return None
        name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id  # type: ignore[union-attr]
        dyn = self.dynamic_pattern(node.args[0], _flags_arg(node, name, positional=True))
        return None if dyn is None else (dyn, self.value(node.args[1], STR, "text"), Atom(f'"{name}"'))

    def compiled(self, rx: Regex) -> GoExpr:
        """The compiled pattern: pyRe compiles it on first use and keeps it, as Python's re module does
        (a regexp.MustCompile here would compile it on every call of the function)."""
        return g.call("pyRe", Atom(f"`{rx.go}`" if "`" not in rx.go and "\n" not in rx.go else g.go_string(rx.go)))

    def re_subject(self, rx: Regex, node: ast.expr) -> GoExpr:
        s = self.value(node, STR, "text")
        s = g.call("pyReASCII", s) if rx.ascii_text else s  # a Unicode \b: Go's ASCII one, the same on an ASCII text
        return g.call("pyReText", s) if rx.dollar else s

    def re_call(self, name: str, node: ast.Call) -> E:
        """A function of the `re` module: sub/subn, or search/match/fullmatch as a match object."""
        if name in ("sub", "subn"):
            return self.re_sub(node, count=name == "subn")
        if name in RE_TESTS:
            return self.re_match_value(node)
        if name == "escape" and len(node.args) == 1 and not node.keywords:
            return E(g.call("pyReEscape", self.value(node.args[0], STR, "text")), STR)
        if name in ("findall", "split"):
            # findall's third positional argument is its flags; split's is maxsplit
            flags = _flags_arg(node, name, positional=name == "findall")
            return self.scan_all(name, self.re_pattern(node, node.args[0], flags), node.args[1])
        raise Unsupported(f"`re.{name}()` has no Go translation here")

    def scan_all(self, name: str, rx: Regex, text: ast.expr) -> E:
        """re.findall (the matches, or their groups: one group's text, or a tuple of two or three) and
        re.split without groups, on Go's FindAll/Split. Python and Go place empty matches differently,
        so a pattern that can match the empty string is refused."""
        if rx.can_be_empty:
            raise Unsupported(f"re.{name}() with a pattern that can match the empty string (Python and Go place empty matches differently)")
        s = self.re_subject(rx, text)
        if name == "split":
            if rx.groups:
                raise Unsupported("re.split() with groups (Python puts the groups' texts between the parts)")
            return E(g.Call(g.Sel(self.compiled(rx), "Split"), (s, Atom("-1"))), ListT(STR))
        if rx.groups > 3:
            raise Unsupported(f"re.findall() with {rx.groups} groups (up to 3 are lowered)")
        t = ListT(STR) if rx.groups <= 1 else ListT(TupleT((STR,) * rx.groups))
        return E(g.call(f"pyFindAll{rx.groups}", self.compiled(rx), s), t)

    def re_sub(self, node: ast.Call, count: bool = False) -> E:
        """re.sub / re.subn (pattern, repl, string[, flags=...]) with a literal pattern; repl a template or a lambda."""
        kw = {k.arg: k.value for k in node.keywords}
        if len(node.args) != 3 or set(kw) - {"flags"}:
            raise Unsupported("re.sub() with count or arguments other than (pattern, repl, string, flags=)")
        pattern, repl, text = node.args
        dyn = self.dynamic_pattern(pattern, kw.get("flags"))
        if dyn is None and self.const_str(repl) is None and not isinstance(repl, ast.Lambda):
            # a replacement only the run knows: its template is read at run time, against the pattern
            # written there too (once the translator has found the pattern one it can write)
            rx = self.re_pattern(node, pattern, kw.get("flags"))
            text_of = pattern.value if isinstance(pattern, ast.Constant) else static_text(self.pkg, self.mod, pattern)
            if rx.can_be_empty:
                raise Unsupported("re.sub() with a pattern that can match the empty string (Python and Go place empty matches differently)")
            dyn = g.call("pyReDyn", Atom(g.go_string(str(text_of))), Atom(str(re_flags(kw.get("flags")))))
        if dyn is None:
            return self.sub_with(self.re_pattern(node, pattern, kw.get("flags")), repl, text, count)
        if isinstance(repl, ast.Lambda):
            raise Unsupported("re.sub() with a lambda and a pattern only the run knows (its groups are not known here)")
        t = TupleT((STR, INT)) if count else STR
        call = g.Call(g.Sel(dyn, "Subn" if count else "Sub"), (self.value(repl, STR, "replacement"), self.value(text, STR, "text")))
        return E(call, t)

    def const_value(self, node: ast.expr) -> tuple[ast.expr, ModuleInfo] | None:
        """(the value, its module) a module constant `node` names is bound to once and never rebound
        (no `global` of it anywhere in its module), or None."""
        if not isinstance(node, ast.Name) or node.id in self.vars:
            return None
        return fixed_constant(self.pkg, self.mod, node.id)

    def compiled_const(self, obj: ast.expr) -> ast.Call | None:
        """The `re.compile(...)` call a module constant (`PATTERN = re.compile(r"...")`) or a class's
        (`Version._LAST_NUMBER`, set in the class body) is bound to."""
        if isinstance(obj, ast.Attribute):
            return self._class_compiled(obj)
        found = self.const_value(obj)
        if found is None or not isinstance(found[0], ast.Call) or not re_compile_call(found[0], found[1]):
            return None
        return _folded(self.pkg, found[1], found[0], {})

    def _class_compiled(self, obj: ast.Attribute) -> ast.Call | None:
        """`Cls.NAME` where the body of the package class Cls says `NAME = re.compile(...)` (annotated or
        not) and nothing in its module assigns an attribute of that name."""
        if not isinstance(obj.value, ast.Name):
            return None
        f = self.func
        me = (f.node.args.posonlyargs + f.node.args.args)[0].arg if f is not None and f.cls is not None and f.kind in ("method", "property") \
            and f.node.args.args else None
        if obj.value.id == me and f is not None:
            cls = f.cls  # `self._REGEX`: the class's own, unless a class of the package sets it again
            if any(c is not cls and _sets_in_body(c.node, obj.attr) for c in self.pkg.all_classes()):
                return None
        else:
            found = self.pkg.resolve(self.mod, obj.value.id) if obj.value.id not in self.vars else None
            if found is None or found[0] != "class":
                return None
            cls = found[1]
        value = None
        before: dict[str, ast.expr] = {}  # the class body's names as the pattern's expression sees them
        for stmt in cls.node.body:  # type: ignore[union-attr]
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else getattr(stmt, "target", None)
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name) and target.id == obj.attr:
                value = stmt.value
                break
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name) and stmt.value is not None:
                before[target.id] = stmt.value
        mod = cls.module  # type: ignore[union-attr]
        if not (isinstance(value, ast.Call) and re_compile_call(value, mod)):
            return None
        if mod.tree is None or any(isinstance(n, ast.Attribute) and n.attr == obj.attr and not isinstance(n.ctx, ast.Load)
                                   for n in ast.walk(mod.tree)):
            return None  # rebound at run time: not the literal any more
        return _folded(self.pkg, mod, value, before)

    def const_str(self, node: ast.expr) -> str | None:
        """The text of a string literal, or of a module constant bound to one and never rebound
        (`DEFAULT_SEPARATOR = "-"`)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        found = self.const_value(node)
        if found is None or not (isinstance(found[0], ast.Constant) and isinstance(found[0].value, str)):
            return None
        return found[0].value

    def compiled_rx(self, call: ast.Call) -> Regex:
        kw = {k.arg: k.value for k in call.keywords}
        if not 1 <= len(call.args) <= 2 or set(kw) - {"flags"}:
            raise Unsupported("re.compile() with arguments other than (pattern, flags)")
        return self.re_pattern(call, call.args[0], call.args[1] if len(call.args) == 2 else kw.get("flags"))

    def pattern_method(self, call: ast.Call, node: ast.Call, method: str) -> E:
        """`PATTERN.sub(repl, s)` or `PATTERN.search(s)` (a match object) on a constant bound to re.compile(literal)."""
        if method in RE_TESTS:
            return self.re_match_value(node, call)
        rx = self.compiled_rx(call)
        if method in ("sub", "subn") and len(node.args) == 2 and not node.keywords:
            return self.sub_with(rx, node.args[0], node.args[1], method == "subn")
        if method in ("findall", "split") and len(node.args) == 1 and not node.keywords:
            return self.scan_all(method, rx, node.args[0])
        raise Unsupported(f"the compiled pattern method .{method}() with these arguments")

    def sub_with(self, rx: Regex, repl: ast.expr, text: ast.expr, count: bool = False) -> E:
        """The substitution; with `count` (re.subn) a (text, number of replacements) tuple. A final `$`
        matches a final newline into a group of its own, which the replacement writes back (Regex.tail)."""
        tail = rx.groups + 1 if rx.tail is not None and not rx.can_be_empty else None
        if tail is not None:
            rx = rx.tailed()
        text_of = self.const_str(repl)
        # re.subn counts the empty matches Go skips: refused whatever they are replaced by
        if rx.can_be_empty and (count or not (rx.greedy and _empty_on_empty(repl, text_of))):
            raise Unsupported("re.sub() with a pattern that can match the empty string (Python and Go place empty matches differently)")
        t = TupleT((STR, INT)) if count else STR
        if text_of is not None:
            tmpl = Atom(g.go_string(go_template(text_of, rx) + (f"${{{tail}}}" if tail is not None else "")))
            if count:
                return E(g.call("pyReSubn", self.compiled(rx), self.re_subject(rx, text), tmpl), t)
            return E(g.Call(g.Sel(self.compiled(rx), "ReplaceAllString"), (self.re_subject(rx, text), tmpl)), t)
        if isinstance(repl, ast.Lambda):
            fn = "pyReSubnFunc" if count else "pyReSubFunc"
            return E(g.call(fn, self.compiled(rx), self.re_subject(rx, text), self.match_func(repl, rx, tail)), t)
        raise Unsupported("re.sub() whose replacement is neither a string (a literal or a constant) nor a lambda")

    def match_func(self, fn: ast.Lambda, rx: Regex, tail: int | None = None) -> GoExpr:
        """`lambda m: ...m.group(k)...` as `func(m []string) string { return ... }`: a group must take
        part in every match (Python would give None), and `m` is used only through `group`. With `tail`,
        the group holding the final newline a `$` matched is written back after the replacement."""
        a = fn.args
        if len(a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults:
            raise Unsupported("a re.sub() lambda that does not take exactly the match")
        param = a.args[0].arg
        go_m = self.fresh("m")
        groups: dict[int, str] = {}

        class Groups(ast.NodeTransformer):
            def visit_Call(self, n: ast.Call) -> ast.AST:
                f = n.func
                if isinstance(f, ast.Attribute) and f.attr == "group" and isinstance(f.value, ast.Name) and f.value.id == param and not n.keywords and len(n.args) <= 1:
                    arg = n.args[0] if n.args else ast.Constant(0)
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
                        k = arg.value
                    elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in rx.names:
                        k = rx.names[arg.value]
                    else:
                        raise Unsupported("m.group() of something other than a group number or name")
                    if k > rx.groups:
                        raise Unsupported(f"m.group({k}) of a pattern with {rx.groups} groups")
                    if k not in rx.always:
                        raise Unsupported(f"m.group({k}) may be None in Python (the group can take no part in a match)")
                    groups[k] = f"__gotui_group{k}"
                    return ast.copy_location(ast.Name(groups[k], ast.Load()), n)
                self.generic_visit(n)
                return n

        body = Groups().visit(copy.deepcopy(fn.body))
        if any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(body)):
            raise Unsupported(f"a re.sub() lambda that uses `{param}` other than through .group()")
        saved = dict(self.vars)
        for k, py in groups.items():
            self.vars[py] = Var(py, f"{go_m}[{k}]", STR, declared=True, param=True, fresh=False)
        try:
            with self.no_hoist():
                v = self.value(body, STR, "replacement")
        finally:
            self.vars = saved
        if tail is not None:
            v = g.Binary("+", v, Atom(f"{go_m}[{tail}]"))
        return g.FuncLit(f"func({go_m} []string) string", (f"return {g.render(v, self.indent + 1)}",))

    def _test_parts(self, node: ast.Call, const: ast.Call | None = None) -> tuple[Regex, ast.expr, bool]:
        """The anchored pattern and the subject of `re.search/match/fullmatch(pattern, s)` or of
        `PATTERN.search(s)` (`const`: the re.compile call PATTERN is bound to, when the caller has it), and
        whether the pattern is in its tail form (a final `$` as `(\\n?)\\z`, Regex.tail; not for fullmatch)."""
        name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id  # type: ignore[union-attr]
        kw = {k.arg: k.value for k in node.keywords}
        if const is None and isinstance(node.func, ast.Attribute):
            const = self.compiled_const(node.func.value)
        if const is not None:
            if len(node.args) != 1 or kw:
                raise Unsupported(f".{name}() with arguments other than (string)")
            rx, subject = self.compiled_rx(const), node.args[0]
        else:
            rx, subject = self.re_pattern(node, node.args[0], _flags_arg(node, name, positional=True)), node.args[1]
        tailed = name != "fullmatch" and rx.tail is not None
        if tailed:
            rx = rx.tailed()
        _anchor(rx, name)
        return rx, subject, tailed

    def re_test(self, node: ast.Call) -> GoExpr:
        """`re.search/match/fullmatch(pattern, s)` or `PATTERN.search(s)` as a truth value: whether there is a match.
        A final `$` there is `\\n?\\z` (Regex.tail): whether X$ matches is whether X matches up to the
        end or a final newline (re.fullmatch keeps Python's `$` checked at run time)."""
        dyn = self._dynamic_test(node)
        if dyn is not None:
            return g.Call(g.Sel(dyn[0], "Test"), dyn[1:])
        rx, subject, _ = self._test_parts(node)
        return g.Call(g.Sel(self.compiled(rx), "MatchString"), (self.re_subject(rx, subject),))

    def re_match_value(self, node: ast.Call, const: ast.Call | None = None) -> E:
        """`re.search/match/fullmatch(...)` or `PATTERN.search(s)` as a value: the match object
        (`*pyMatch`), nil for None."""
        dyn = self._dynamic_test(node) if const is None else None
        if dyn is not None:  # its groups are the run's: only the whole match is lowered (as a pattern value's)
            return E(g.Call(g.Sel(dyn[0], "Find"), dyn[1:]), OptT(MatchT(0, frozenset({0}))))
        rx, subject, tailed = self._test_parts(node, const)
        t = MatchT(rx.groups, frozenset(rx.always) | {0}, tuple(sorted(rx.names.items())))
        # a final `$` is `(\n?)\z`: pyReSearchTail gives back the match Python reports (group 0 ends before
        # that newline, the extra group gone), so no text needs the run-time newline check
        return E(g.call("pyReSearchTail" if tailed else "pyReSearch", self.compiled(rx), self.re_subject(rx, subject)), OptT(t))

    def match_method(self, m: E, attr: str, node: ast.Call) -> E:
        """A method of a match object the body knows is not None: group, start, end, span of one group."""
        t = prune(m.t)
        assert isinstance(t, MatchT)
        if attr == "groupdict" and not node.args and not node.keywords and t.names:
            # a new dict of the named groups, in the pattern's order: each its text or None (GroupAny)
            dt = DictT(STR, DynT("a match's groupdict(): a group's text, or None where it took no part"))
            pairs = tuple(g.KeyValue(Atom(g.go_string(n)), g.Call(g.Sel(m.g, "GroupAny"), (Atom(str(k)),)))
                          for n, k in sorted(t.names, key=lambda item: item[1]))
            return E(g.Composite(go_type(dt), pairs), dt)
        if node.keywords or len(node.args) > 1 or attr not in ("group", "start", "end", "span"):
            raise Unsupported(f"the match object method .{attr}() with these arguments")
        arg = node.args[0] if node.args else ast.Constant(0)
        names = dict(t.names)
        if isinstance(arg, ast.Constant) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
            k = arg.value
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in names:
            k = names[arg.value]
        else:
            raise Unsupported(f"m.{attr}() of something other than a group number or name")
        if not 0 <= k <= t.groups:
            raise Unsupported(f"m.{attr}({k}) of a pattern with {t.groups} groups")
        if attr == "group":
            # a match's groups do not change: reading one twice is safe (simple), and `if m.group(2):`
            # tells the branch that group 2 took part (statements.narrow keys it by its text)
            if k in t.always:
                return E(g.Call(g.Sel(m.g, "Group"), (Atom(str(k)),)), STR, simple=True)
            opt = g.Call(g.Sel(m.g, "GroupOpt"), (Atom(str(k)),))
            if ast.unparse(node) in self.facts.not_none:
                return E(g.Star(opt), STR, simple=True)
            return E(opt, OptT(STR), simple=True)
        if attr == "span":
            return E(g.Call(g.Sel(m.g, "Span"), (Atom(str(k)),)), TupleT((INT, INT)))
        return E(g.Call(g.Sel(m.g, attr.capitalize()), (Atom(str(k)),)), INT)

    def re_test_call(self, node: ast.expr) -> ast.Call | None:
        """`node` when it is a call of re.search/match/fullmatch (the std `re` module)."""
        if not isinstance(node, ast.Call):
            return None
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in RE_TESTS and self.compiled_const(f.value) is not None:
            return node  # `PATTERN.search(s)`, `Version._LAST_NUMBER.search(s)`
        if isinstance(f, ast.Attribute) and f.attr in RE_TESTS and isinstance(f.value, ast.Name) and f.value.id not in self.vars:
            found = self.pkg.resolve(self.mod, f.value.id)
            if found is not None and found[0] == "import" and found[1] == ("re", ""):
                return node
        if isinstance(f, ast.Name) and f.id in RE_TESTS and f.id not in self.vars:
            found = self.pkg.resolve(self.mod, f.id)
            if found is not None and found[0] == "import" and found[1] == ("re", f.id):
                return node
        return None


_GROUP_REF = re.compile(r"\\(?:[1-9][0-9]?|g<\w+>)")
_EMPTY_KEEPING = {"lower", "upper", "capitalize", "title", "casefold", "swapcase", "strip", "lstrip", "rstrip"}


def _empty_on_empty(repl: ast.expr, text: str | None) -> bool:
    """The replacement of an empty match is empty: a template of group references only (every group
    of an empty match is empty, or None, which a template writes as ""), or `lambda m: m.group(k)`
    through methods that keep "" empty (`.lower()`, `.strip()`, ...)."""
    if text is not None:
        return _GROUP_REF.sub("", text) == ""
    if not isinstance(repl, ast.Lambda) or len(repl.args.args) != 1:
        return False
    param, body = repl.args.args[0].arg, repl.body
    while isinstance(body, ast.Call) and isinstance(body.func, ast.Attribute) and body.func.attr in _EMPTY_KEEPING and not body.args and not body.keywords:
        body = body.func.value
    return (isinstance(body, ast.Call) and isinstance(body.func, ast.Attribute) and body.func.attr == "group"
            and isinstance(body.func.value, ast.Name) and body.func.value.id == param and len(body.args) <= 1 and not body.keywords)


def _flags_arg(node: ast.Call, name: str, positional: bool) -> ast.expr | None:
    """The flags of `re.NAME(pattern, string, flags)`: a keyword, or the third positional argument where
    that is the flags (`re.match(p, s, re.S)`; re.split's third is maxsplit). Unsupported otherwise."""
    kw = {k.arg: k.value for k in node.keywords}
    third = positional and len(node.args) == 3 and "flags" not in kw
    if not (len(node.args) == 2 or third) or set(kw) - {"flags"}:
        raise Unsupported(f"re.{name}() with arguments other than (pattern, string, flags)")
    return node.args[2] if third else kw.get("flags")
