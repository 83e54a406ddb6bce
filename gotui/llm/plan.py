"""The signature plan: every unit's Go signature, decided before any body is translated.

Where the Python carries the evidence (annotations on every parameter and the result, or fields and
`__init__` parameters for a class), the signature is derived here. The rest of a module's units
are planned by the model in ONE request per module (`plan.md`), and its answer is accepted only
where it parses with tree-sitter-go and declares the expected Go name. A unit nobody could plan
keeps only its Go name (`origin = "names"`) and the body prompt says so.

A plan entry's `go` is declarations without bodies: `func ApplyDiscount(priceCents int, percent int) (int, error)`,
or for a class its struct type and constructor.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from typing import Callable

from gotui.golang.ledger import signatures
from gotui.golang.names import go_func_name, go_local_name, go_type_name, module_type_prefix, receiver_name, unique_class_name
from gotui.parse.bound_defaults import bound_defaults
from gotui.parse.treesitter import parse_go
from gotui.parse.units import Unit, python_qualname

ANNOTATIONS, MODEL, BODY, NAMES = "annotations", "model", "body", "names"

# Python annotation -> Go type, for the names that need no context.
_SIMPLE = {"int": "int", "str": "string", "float": "float64", "bool": "bool", "bytes": "[]byte", "Any": "any",
           "object": "any", "bytearray": "[]byte"}
_EXCEPTION_BASES = re.compile(r"(Exception|Error|Warning)$")


@dataclass
class PlanEntry:
    unit_id: str
    go: str  # declarations without bodies
    origin: str  # annotations, model, body (the translation changed it) or names (no types known)


@dataclass(frozen=True)
class GoName:
    """The Go name the plan gives a unit: a type (class), a method on `receiver`, or a function."""

    name: str
    receiver: str = ""  # the Go type of a method's receiver

    def decl_key(self, kind: str) -> tuple[str, str]:
        return ("type", self.name) if kind == "class" else (self.receiver, self.name)

    def describe(self, kind: str) -> str:
        """For the prompt: ``method `Insert` with receiver `(l *LRUCacheLink)` ``."""
        if kind == "class":
            return f"type `{self.name}` (struct) with a constructor `New{self.name}`"
        if self.receiver:
            return f"method `{self.name}` with receiver `({receiver_name(self.receiver)} *{self.receiver})`"
        return f"`{self.name}`"


def _package_key(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def go_names(units: list[Unit]) -> dict[str, GoName]:
    """Unique Go names for every unit, per Go package (folder): Python may repeat a name across modules,
    nest classes of the same name in different classes, or define a property setter beside its getter.

    The first unit keeps the plain name; a later one that would collide is prefixed with its outer
    class or its module (`LRUCacheLink`, `ParseDate`), and a setter/deleter becomes `SetX`/`DeleteX`.
    """
    out: dict[str, GoName] = {}
    taken: dict[str, set[str]] = {}  # package -> package-level names (types, functions, constructors)
    members: dict[tuple[str, str], set[str]] = {}  # (package, type) -> method names
    ordered = sorted(units, key=lambda u: (u.kind != "class", u.qualname.count("."), u.path, u.line))
    classes = {(u.path, u.qualname): u for u in units if u.kind == "class"}
    for u in ordered:
        pkg = _package_key(u.path)
        names = taken.setdefault(pkg, set())
        qual = python_qualname(u.qualname)
        if u.kind == "class":
            outer = qual.rsplit(".", 1)[0] if "." in qual else ""
            out[u.id] = GoName(unique_class_name(u.name, outer, u.path, names))
    for u in ordered:
        if u.kind == "class":
            continue
        pkg = _package_key(u.path)
        names = taken.setdefault(pkg, set())
        base = go_func_name(u.name)
        accessor = u.qualname.rsplit(".", 1)[-1].split("#")[0] if u.qualname != python_qualname(u.qualname) else ""
        if accessor in ("setter", "deleter"):
            base = ("Set" if accessor == "setter" else "Delete") + go_type_name(u.name)
        if u.kind == "method" and u.class_name:
            owner = classes.get((u.path, u.class_name))
            recv = out[owner.id].name if owner is not None and owner.id in out else go_type_name(python_qualname(u.class_name).rsplit(".", 1)[-1])
            used = members.setdefault((pkg, recv), set())
            name, n = base, 2
            while name in used:
                name, n = f"{base}{n}", n + 1
            used.add(name)
            out[u.id] = GoName(name, recv)
            continue
        candidates = [base, (module_type_prefix(u.path) + base) if base[:1].isupper() else (go_func_name("_" + u.path.rsplit("/", 1)[-1].removesuffix(".py")) + base[:1].upper() + base[1:])]
        name = next((c for c in candidates if c not in names), None)
        n = 2
        while name is None:
            name = f"{base}{n}" if f"{base}{n}" not in names else None
            n += 1
        names.add(name)
        out[u.id] = GoName(name)
    return out


def go_label(unit: Unit) -> str:
    """The Go name a unit gets: `ApplyDiscount`, `(*Cart).AddItem`, `Cart`."""
    if unit.kind == "class":
        return go_type_name(unit.name)
    if unit.kind == "method" and unit.class_name:
        return f"(*{go_type_name(python_qualname(unit.class_name).rsplit('.', 1)[-1])}).{go_func_name(unit.name)}"
    return go_func_name(unit.name)


# -- from annotations ------------------------------------------------------------------------------


def go_type_of(node: ast.expr | None, classes: set[str]) -> str | None:
    """The Go type an annotation names, or None when it has no plain Go counterpart."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return go_type_of(ast.parse(node.value, mode="eval").body, classes)
        except SyntaxError:
            return None
    if isinstance(node, ast.Constant) and node.value is None:
        return ""
    if isinstance(node, ast.Name):
        if node.id in _SIMPLE:
            return _SIMPLE[node.id]
        if node.id in classes:
            return "*" + go_type_name(node.id)
        return {"list": "[]any", "dict": "map[string]any", "set": "map[any]struct{}"}.get(node.id)
    if isinstance(node, ast.Attribute):
        return go_type_of(ast.Name(node.attr), classes) if node.attr in ("Any",) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        left, right = node.left, node.right
        if isinstance(right, ast.Constant) and right.value is None:
            inner = go_type_of(left, classes)
            return None if inner is None else (inner if inner.startswith(("*", "[]", "map[")) or inner == "any" else "*" + inner)
        return None
    if isinstance(node, ast.Subscript):
        head = node.value.id if isinstance(node.value, ast.Name) else node.value.attr if isinstance(node.value, ast.Attribute) else ""
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if head in ("tuple", "Tuple") and len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
            elem = go_type_of(args[0], classes)
            return "[]" + elem if elem else None
        inner = [go_type_of(a, classes) for a in args]
        if any(t is None or t == "" for t in inner):
            return None
        if head in ("list", "List", "Sequence", "Iterable", "Iterator") and len(inner) == 1:
            return "[]" + inner[0]  # type: ignore[operator]
        if head in ("dict", "Dict", "Mapping") and len(inner) == 2:
            return f"map[{inner[0]}]{inner[1]}"
        if head in ("set", "Set", "frozenset", "FrozenSet") and len(inner) == 1:
            return f"map[{inner[0]}]struct{{}}"
        if head in ("tuple", "Tuple"):  # the offline translator's module values use the same TupleN helpers
            return f"Tuple{len(inner)}[{', '.join(inner)}]" if 2 <= len(inner) <= 4 else None  # type: ignore[arg-type]
        if head == "Optional" and len(inner) == 1:
            t = inner[0] or ""
            return t if t.startswith(("*", "[]", "map[")) or t == "any" else "*" + t
    return None


def _results(node: ast.expr | None, classes: set[str]) -> list[str] | None:
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in ("tuple", "Tuple"):
        elts = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        out = [go_type_of(e, classes) for e in elts]
        return None if any(not t for t in out) else out  # type: ignore[return-value]
    t = go_type_of(node, classes)
    return None if t is None else ([] if t == "" else [t])


def _raises(fn: ast.AST) -> bool:
    for node in ast.walk(fn):
        if isinstance(node, ast.Raise):
            return True
    return False


def _def(unit: Unit) -> ast.AST | None:
    try:
        tree = ast.parse(textwrap.dedent(unit.source))
    except SyntaxError:
        return None
    return tree.body[0] if tree.body else None


def _params(fn: ast.FunctionDef, classes: set[str], skip_first: bool) -> list[str] | None:
    args = fn.args
    positional = args.posonlyargs + args.args
    if skip_first:
        positional = positional[1:]
    out: list[str] = []
    bound = bound_defaults(fn)  # a function bound as a default (`cache_setitem=Cache.__setitem__`): no Go parameter
    for a in positional + args.kwonlyargs:
        if a.arg in bound:
            continue
        t = go_type_of(a.annotation, classes)
        if not t:
            return None
        out.append(f"{go_local_name(a.arg)} {t}")
    if args.vararg is not None:
        t = go_type_of(args.vararg.annotation, classes)
        if not t:
            return None
        out.append(f"{go_local_name(args.vararg.arg)} ...{t}")
    if args.kwarg is not None:
        return None
    return out


def _func_signature(unit: Unit, fn: ast.FunctionDef, classes: set[str], name: GoName | None = None) -> str | None:
    decorators = {d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in fn.decorator_list}
    is_method = unit.kind == "method"
    params = _params(fn, classes, skip_first=is_method and "staticmethod" not in decorators)
    results = _results(fn.returns, classes) if fn.returns is not None else None
    if params is None or results is None:
        return None
    if _raises(fn):
        results = [*results, "error"]
    res = "" if not results else " " + results[0] if len(results) == 1 else " (" + ", ".join(results) + ")"
    if is_method and unit.class_name:
        cls = name.receiver if name is not None and name.receiver else go_type_name(python_qualname(unit.class_name).rsplit(".", 1)[-1])
        method = name.name if name is not None else go_func_name(unit.name)
        return f"func ({receiver_name(cls)} *{cls}) {method}({', '.join(params)}){res}"
    return f"func {name.name if name is not None else go_func_name(unit.name)}({', '.join(params)}){res}"


def _class_signature(unit: Unit, cls: ast.ClassDef, classes: set[str], go_name: GoName | None = None) -> str | None:
    name = go_name.name if go_name is not None else go_type_name(unit.name)
    bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases]
    if any(_EXCEPTION_BASES.search(b or "") for b in bases):
        r = receiver_name(name)
        return f"type {name} struct {{\n\tMsg string\n}}\nfunc New{name}(msg string) *{name}\nfunc ({r} *{name}) Error() string"
    fields: list[tuple[str, str]] = []
    ctor: list[str] = []
    init = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name in ("__init__",)), None)
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            t = go_type_of(stmt.annotation, classes)
            if not t:
                return None
            fields.append((stmt.target.id, t))
            if init is None:
                ctor.append(f"{go_local_name(stmt.target.id)} {t}")
    if init is not None:
        params = _params(init, classes, skip_first=True)
        if params is None:
            return None
        ctor = params
        ann = {a.arg: a.annotation for a in init.args.args}
        for node in ast.walk(init):
            target, annotation, value = None, None, None
            if isinstance(node, ast.AnnAssign):
                target, annotation = node.target, node.annotation
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"):
                continue
            if any(f == target.attr for f, _ in fields):
                continue
            t = go_type_of(annotation, classes) if annotation is not None else (
                go_type_of(ann.get(value.id), classes) if isinstance(value, ast.Name) else None)
            if not t:
                return None
            fields.append((target.attr, t))
    body = "\n".join(f"\t{go_func_name(f)} {t}" for f, t in fields)
    err = " (*{0}, error)".format(name) if init is not None and _raises(init) else f" *{name}"
    return f"type {name} struct {{\n{body}\n}}\nfunc New{name}({', '.join(ctor)}){err}" if body else f"type {name} struct{{}}\nfunc New{name}({', '.join(ctor)}){err}"


def from_annotations(unit: Unit, classes: set[str], name: GoName | None = None) -> str | None:
    """The signature the annotations decide, or None when some type is missing or has no plain Go type."""
    node = _def(unit)
    if isinstance(node, ast.FunctionDef) and unit.kind in ("function", "method"):
        return _func_signature(unit, node, classes, name)
    if isinstance(node, ast.ClassDef) and unit.kind == "class":
        return _class_signature(unit, node, classes, name)
    return None


# -- from the model ----------------------------------------------------------------------------------


def expected_decls(unit: Unit, name: GoName | None = None) -> set[tuple[str, str]]:
    """(receiver type or "", name) of the declarations a unit's plan must hold."""
    if name is not None:
        return {name.decl_key(unit.kind)}
    if unit.kind == "class":
        return {("type", go_type_name(unit.name))}
    if unit.kind == "method" and unit.class_name:
        return {(go_type_name(python_qualname(unit.class_name).rsplit(".", 1)[-1]), go_func_name(unit.name))}
    return {("", go_func_name(unit.name))}


def _receiver_type(text: str) -> str:
    m = re.search(r"\(\s*\w*\s*\*?\s*(\w+)", text)
    return m.group(1) if m else ""


def split_decls(go: str) -> list[tuple[tuple[str, str], str]]:
    """Each declaration of a Go text (bodies allowed or not) as ((receiver or "" or "type", name), signature)."""
    src = ("package p\n" + go).encode("utf-8")
    tree = parse_go(src)
    out: list[tuple[tuple[str, str], str]] = []
    for node in tree.root_node.named_children:
        name = node.child_by_field_name("name")
        if node.type == "function_declaration" and name is not None:
            key = ("", name.text.decode())  # type: ignore[union-attr]
        elif node.type == "method_declaration" and name is not None:
            recv = node.child_by_field_name("receiver")
            key = (_receiver_type(recv.text.decode() if recv is not None and recv.text else ""), name.text.decode())  # type: ignore[union-attr]
        elif node.type == "type_declaration":
            spec = next((c for c in node.named_children if c.type == "type_spec"), None)
            tname = spec.child_by_field_name("name") if spec is not None else None
            if tname is None:
                continue
            key = ("type", tname.text.decode())  # type: ignore[union-attr]
        else:
            continue
        body = node.child_by_field_name("body")
        end = body.start_byte if body is not None and node.type != "type_declaration" else node.end_byte
        text = src[node.start_byte:end].decode("utf-8", "replace").strip()
        out.append((key, text if node.type == "type_declaration" else " ".join(text.split())))
    return out


def parses(go: str) -> bool:
    return not parse_go(("package p\n" + go).encode("utf-8")).root_node.has_error


def plan_from_answer(units: list[Unit], go: str, names: dict[str, GoName] | None = None) -> dict[str, str]:
    """unit id -> planned signature, for the units the model's Go declares (validated with tree-sitter-go)."""
    if not go.strip() or not parses(go):
        return {}
    decls = split_decls(go)
    out: dict[str, str] = {}
    for u in units:
        want = expected_decls(u, (names or {}).get(u.id))
        found = [text for key, text in decls if key in want]
        if u.kind == "class":
            t = next(iter(want))[1]
            found += [text for key, text in decls if key == ("", f"New{t}") or (key[0] == t and key[1] == "Error")]
        if found and any(key in want for key, _ in decls):
            out[u.id] = "\n".join(found)
    return out


def own_signature_in(unit: Unit, go: str, name: GoName | None = None) -> str | None:
    """The unit's own declarations in its translated Go (what a body decided), or None when absent."""
    if not go.strip():
        return None
    got = plan_from_answer([unit], go, {unit.id: name} if name is not None else None)
    return got.get(unit.id)


def normalise(signature: str) -> str:
    """Compare signatures by tokens: whitespace and parameter names do not matter, types do."""
    lines = []
    for key, text in split_decls(signature):
        if key[0] == "type":
            lines.append(" ".join(text.split()))
            continue
        lines.append(re.sub(r"\s+", " ", re.sub(r"\(\s*\w+\s+\*", "(*", text)))
    return "\n".join(sorted(lines))


PlanAsk = Callable[[str, list[Unit]], str]  # (module path, units) -> the model's answer text (a go block)


def plan_module(path: str, units: list[Unit], classes: set[str], ask: PlanAsk | None,
                names: dict[str, GoName] | None = None) -> dict[str, PlanEntry]:
    """The plan for one module's units: annotations first, then ONE model request for the rest."""
    out: dict[str, PlanEntry] = {}
    rest: list[Unit] = []
    names = names or {}
    for u in units:
        sig = from_annotations(u, classes, names.get(u.id))
        if sig is not None and parses(sig):
            out[u.id] = PlanEntry(u.id, sig, ANNOTATIONS)
        else:
            rest.append(u)
    if rest and ask is not None:
        from_model = plan_from_answer(rest, ask(path, rest), names)
        for uid, sig in from_model.items():
            out[uid] = PlanEntry(uid, sig, MODEL)
    for u in rest:
        if u.id not in out:
            out[u.id] = PlanEntry(u.id, "", NAMES)
    return out


def ledger_signature(go: str) -> str:
    """The bodiless declarations of a unit's Go, as the ledger keeps them."""
    return "\n".join(signatures(go))
