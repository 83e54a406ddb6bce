"""The values a differential test calls a function with: edge values first (those the body compares
against, and those that break naive code: empty, negative, non-ASCII, huge), then seeded random ones,
shaped by the function's hints (inputs.py) and by the guards at its top, so most of them get past its
own validation."""

from __future__ import annotations

import ast
import math
import random
import zlib
from dataclasses import dataclass, field
from typing import Any

from gotui.verify._sandbox_child import Member, Record
from gotui.verify.guards import leading_guards, passes_guards
from gotui.verify.inputs import FunctionSpec, PyType, Untestable, doctest_cases, name_of, normalise

INT_EDGES = [0, 1, -1, 2, -7, 7, -2, 3, -3, 10, -10, 100, -100, 12345, -12345, 10**6, 2**31 - 1, -(2**31)]
FLOAT_EDGES = [0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 1.5, 0.1, 3.14159, -3.75, 1e-9, 1e9, 123456.789]
STR_EDGES = ["", "a", "A", " ", "hello world", "ünïcödé", "日本語", "a-b_c", "123", "  padded  ", "tab\there", "line\nbreak",
             "emoji 🎉", "Z" * 40]
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:/" + "äöüßéñ日本Ω🎉"


@dataclass
class Literals:
    """Constants mined from the function body: comparing against them is where branches are."""

    ints: list[int] = field(default_factory=list)
    floats: list[float] = field(default_factory=list)
    strs: list[str] = field(default_factory=list)


def mined_literals(fn: ast.FunctionDef, constants: dict[str, Any] | None = None) -> Literals:
    """Literals of the body, then of the module constants it reads (keys of a table first).

    Error messages (the text of a `raise`, f-string pieces) are left out: no input is compared with them.
    """
    lit = Literals()
    quiet = {id(n) for r in ast.walk(fn) if isinstance(r, (ast.Raise, ast.JoinedStr)) for n in ast.walk(r)}
    values = [n.value for n in ast.walk(fn) if isinstance(n, ast.Constant) and id(n) not in quiet]
    for name in sorted(constants or {}):
        values += _scalars(constants[name])[:16]  # type: ignore[index]
    for v in values:
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and abs(v) < 2**40:
            lit.ints += [v, v - 1, v + 1]
        elif isinstance(v, float) and math.isfinite(v):
            lit.floats.append(v)
        elif isinstance(v, str) and len(v) <= 40 and v not in lit.strs:
            lit.strs.append(v)
    lit.strs = [s for s in lit.strs if s != ast.get_docstring(fn)]
    return lit


def _scalars(value: Any, depth: int = 0) -> list[Any]:
    """The numbers and strings inside a constant, keys before values."""
    if isinstance(value, (int, float, str)):
        return [value]
    if depth > 3:
        return []
    if isinstance(value, dict):
        return [k for k in value if isinstance(k, (int, str))] + [x for v in value.values() for x in _scalars(v, depth + 1)]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [x for v in items for x in _scalars(v, depth + 1)]
    return []


@dataclass(frozen=True)
class Hazards:
    """Where Python and Go differ, read from the body: each one adds the inputs that show it."""

    divisors: tuple[int, ...] = ()  # literal right operands of // % / divmod, and c in x / (c + y)
    floor: bool = False  # // % or divmod: negative operands
    rounds: bool = False  # round(): halves
    round_digits: bool = False  # round(x, n): decimal halves such as 2.675
    indexes: bool = False  # s[i], s[a:b], enumerate, len: non-ASCII text
    splits: bool = False  # str.split() with no separator: empty and multi-space text


def _text_names(fn: ast.FunctionDef, text_params: set[str]) -> set[str]:
    """The str parameters and the names computed from them (`s = text.strip()`, `for word in s.split()`)."""
    text = set(text_params)
    flows: list[tuple[ast.AST, list[ast.expr]]] = []
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign):
            flows.append((node.value, node.targets))
        elif isinstance(node, (ast.For, ast.comprehension)):
            flows.append((node.iter, [node.target]))
    for _ in range(3):  # chains of a few steps
        for value, targets in flows:
            if any(isinstance(n, ast.Name) and n.id in text for n in ast.walk(value)):
                text |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return text


def _base_name(node: ast.expr) -> str | None:
    """`s` in `s`, `s.strip()`, `s.lower().split()`."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return None


def _is_text(t: PyType) -> bool:
    """str, Optional[str], or a list or tuple of them: values whose characters the body may index."""
    if t.kind == "str":
        return True
    return t.kind in ("optional", "list", "tuple") and all(_is_text(a) for a in t.args) and bool(t.args)


def hazards(fn: ast.FunctionDef, text_params: set[str] | None = None) -> Hazards:
    """The body's hazards; indexing counts only on text (the str parameters and what is computed from them)."""
    divisors: list[int] = []
    floor = rounds = digits = indexes = splits = False
    text = _text_names(fn, set(text_params or ()))
    for node in ast.walk(fn):
        right: ast.expr | None = None
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, (ast.FloorDiv, ast.Mod, ast.Div)):
            floor = floor or not isinstance(node.op, ast.Div)
            right = node.right if isinstance(node, ast.BinOp) else node.value
        elif isinstance(node, ast.Call):
            name = name_of(node.func)
            if name == "divmod" and len(node.args) == 2:
                floor, right = True, node.args[1]
            elif name == "round":
                rounds, digits = True, digits or len(node.args) > 1
            elif name in ("enumerate", "len", "reversed", "list") and node.args:
                indexes = indexes or _base_name(node.args[0]) in text
            elif isinstance(node.func, ast.Attribute) and node.func.attr in ("split", "rsplit") and not node.args:
                splits = True
        elif isinstance(node, ast.Subscript):
            indexes = indexes or _base_name(node.value) in text
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name):
            indexes = indexes or node.iter.id in text  # `for ch in s`: runes, not bytes
        if isinstance(right, ast.BinOp) and isinstance(right.op, (ast.Add, ast.Sub)):
            right = right.left if isinstance(right.left, ast.Constant) else right.right  # x / (100 + rate)
        if right is not None:
            v = right.value if isinstance(right, ast.Constant) else None
            if isinstance(v, int) and not isinstance(v, bool) and 1 < abs(v) < 2**31 and v not in divisors:
                divisors.append(v)
    return Hazards(tuple(divisors[:4]), floor, rounds, digits, indexes, splits)


def _dedupe(values: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = repr(v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# Decimal halves that binary floats hold a little under or over: round(2.675, 2) is 2.67 in Python.
ROUND_HALVES = [0.5, 1.5, 2.5, -0.5, -2.5]
DECIMAL_HALVES = [2.675, 0.125, 1.005, -1.005, 0.285, -2.675]
SPLIT_EDGES = ["", " ", "a  b", "  two  spaces  ", "tab\tand\nnewline"]
# one non-ASCII letter alone ("ü": its second byte, read as a rune, is the number ¼), digits beside one
INDEX_EDGES = ["ünïcödé", "ü", "日本語", "2ü3a"]
PREFIXED = ["prefix", "prefab", "pre", "pref"]  # words sharing a beginning: prefix and sort work


def edge_values(t: PyType, lit: Literals, hz: Hazards = Hazards()) -> list[Any]:
    """Interesting values of a type, the most telling first (the body's hazards move theirs to the front)."""
    if t.holds("object"):  # an instance of a class of the package: rebuilt from traced states only
        raise Untestable(f"{t} is built only from the objects traced calls passed (none is generated)")
    k = t.kind
    if k == "int":
        # around each divisor d: d/2 (0.5 after dividing: half to even rounds it down), -3d/2 (floor and
        # truncation differ), 3d/2 (ceil division), d (x / (d + y) is a half for y = d and an odd x)
        near = [x for d in map(abs, hz.divisors) for x in (d // 2, -(d + d // 2), d + d // 2, d, -(d // 2))]
        return _dedupe(INT_EDGES[:3] + near[:8] + INT_EDGES[3:7] + lit.ints[:12] + INT_EDGES[7:])
    if k == "float":
        halves = [x for pair in zip(DECIMAL_HALVES, ROUND_HALVES) for x in pair] if hz.round_digits else ROUND_HALVES
        first = [0.0] + halves if hz.rounds else []
        return _dedupe(first + FLOAT_EDGES[:6] + [float(x) for x in lit.floats[:6] + lit.ints[:6:3]] + FLOAT_EDGES[6:])
    if k == "str":
        first = STR_EDGES[:2] + (SPLIT_EDGES if hz.splits else []) + (INDEX_EDGES if hz.indexes else [])
        return _dedupe(first + lit.strs[:14] + _structured(lit)[:8] + STR_EDGES[2:])
    if k == "bool":
        return [False, True]
    if k == "none":
        return [None]
    if k == "union":
        cols = [edge_values(m, lit, hz) for m in t.args]
        return _dedupe([v for row in zip(*[c + c[-1:] * (max(map(len, cols)) - len(c)) for c in cols]) for v in row])
    if k == "any":  # a value of several types: ints, texts and None (the note says where 1, 1.0 and True differ)
        return _dedupe(INT_EDGES[:3] + STR_EDGES[:2] + [None] + lit.ints[:4] + lit.strs[:4])
    if k == "optional":
        return [None] + edge_values(t.args[0], lit, hz)
    if k == "list":
        e = edge_values(t.args[0], lit, hz)
        if t.args[0].kind == "list":  # a matrix: a rectangle, and rows of unequal length (zip stops early)
            inner = edge_values(t.args[0].args[0], lit, hz)
            a, b, c, d = (inner * 4)[1:5]
            return _dedupe([[], [[]], [[a, b], [c, d]], [[a, b], [c]], e[1:3], e[2:6], list(reversed(e[:4]))])
        words = [PREFIXED] if t.args[0].kind == "str" else []
        return [[], e[:1], e[1:3], e[2:6], list(reversed(e[:4]))] + words
    if k == "set":
        e = edge_values(t.args[0], lit, hz)
        return _dedupe([set(), set(e[:1]), set(e[1:4]), set(e[2:7])])
    if k == "dict":
        ks, vs = edge_values(t.args[0], lit, hz), edge_values(t.args[1], lit, hz)
        return _dedupe([{}, {ks[0]: vs[0]}, dict(zip(ks[1:4], vs[1:4])), dict(zip(ks[2:6], vs[3:7]))])
    if k == "tuple":
        if t.variadic:
            e = edge_values(t.args[0], lit, hz)
            return [(), tuple(e[:1]), tuple(e[1:4])]
        cols = [edge_values(a, lit, hz) for a in t.args]
        n = max(len(c) for c in cols)
        return _dedupe([tuple(c[(i + j) % len(c)] for j, c in enumerate(cols)) for i in range(min(n, 8))])
    if k == "record":  # a NamedTuple: its fields as a tuple's items, built as the class in the sandbox
        return [Record(t.name, v) for v in edge_values(PyType("tuple", t.args), lit, hz)]
    if k == "enum":  # every member, in definition order
        return [Member(t.name, m) for m in t.members]
    raise Untestable(f"unsupported type {t}")


def _structured(lit: Literals) -> list[str]:
    """Strings shaped like what a parser in the body expects: a literal word and numbers joined by a separator."""
    seps = [x for x in lit.strs if len(x) == 1 and not x.isalnum() and not x.isspace()]
    words = [x for x in lit.strs if x not in seps and 0 < len(x) <= 12 and x.strip() == x]
    out: list[str] = []
    counts = sorted({n for n in lit.ints[0::3] if 2 <= n <= 8})  # `len(parts) != 4`: that many fields
    top = max((n for n in lit.ints[0::3] if 0 < n < 10**6), default=9)
    for sep in seps[:2]:
        for n in counts[:2]:
            out += [sep.join(str(i + 1) for i in range(n)), sep.join([str(top + 1)] + [str(top)] * (n - 1))]
        for w in words[:3]:
            out += [f"{w}{sep}2024{sep}17", f"{w}{sep}17"]
        out += [f"17{sep}42", f"ünïcödé{sep}17"]
    # an alphabet (the keys of a table of letters): words written in it, in order and reversed
    letters = [x for x in lit.strs if len(x) == 1 and x.isalpha()]
    if len(letters) >= 3:
        out += ["".join(letters[:4]), "".join(reversed(letters)), letters[0] * 3 + letters[1], letters[1] + letters[0]]
    return out


def random_value(t: PyType, rng: random.Random, lit: Literals, depth: int = 0) -> Any:
    k = t.kind
    if k == "int":
        roll = rng.random()
        if roll < 0.55:
            return rng.randint(-100, 100)
        if roll < 0.8:
            return rng.randint(-10**6, 10**6)
        if roll < 0.95 and lit.ints:
            return rng.choice(lit.ints)
        return rng.randint(-2**40, 2**40)
    if k == "float":
        roll = rng.random()
        if roll < 0.3:
            return rng.randint(-200, 200) / 2  # halves: where rounding rules differ
        if roll < 0.45 and lit.floats:
            return rng.choice(lit.floats)
        return round(rng.uniform(-1e4, 1e4), rng.randint(0, 6))
    if k == "str":
        if lit.strs and rng.random() < 0.3:
            s = rng.choice(lit.strs)
            return rng.choice([s, s.upper(), s.lower(), s + rng.choice(_ALPHABET), " " + s])
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 12)))
    if k == "bool":
        return rng.random() < 0.5
    if k == "none":
        return None
    if k == "union":
        return random_value(rng.choice(t.args), rng, lit, depth)
    if k == "any":
        roll = rng.random()
        return None if roll < 0.1 else random_value(PyType("int" if roll < 0.55 else "str"), rng, lit, depth)
    if k == "optional":
        return None if rng.random() < 0.2 else random_value(t.args[0], rng, lit, depth)
    size = rng.randint(0, 6 if depth == 0 else 3)
    if k == "list":
        return [random_value(t.args[0], rng, lit, depth + 1) for _ in range(size)]
    if k == "dict":
        return {random_value(t.args[0], rng, lit, depth + 1): random_value(t.args[1], rng, lit, depth + 1) for _ in range(size)}
    if k == "set":
        return {random_value(t.args[0], rng, lit, depth + 1) for _ in range(size)}
    if k == "tuple":
        if t.variadic:
            return tuple(random_value(t.args[0], rng, lit, depth + 1) for _ in range(size))
        return tuple(random_value(a, rng, lit, depth + 1) for a in t.args)
    if k == "record":
        return Record(t.name, [random_value(a, rng, lit, depth + 1) for a in t.args])
    if k == "enum":
        return Member(t.name, rng.choice(t.members))
    raise Untestable(f"unsupported type {t}")


def _named_value(t: PyType, lit: Literals, edges: list[Any]) -> Any:
    """A value the function's body names for this type (a literal it compares with), else an edge value."""
    if t.kind == "str" and lit.strs:
        return lit.strs[0]
    if t.kind == "int" and lit.ints:
        return max(lit.ints[0::3], key=abs)  # the literals themselves (mined as v, v-1, v+1): the largest
    if t.kind == "float" and lit.floats:
        return lit.floats[0]
    return edges[min(1, len(edges) - 1)]


def _passing_seeds(spec: FunctionSpec, edges: list[list[Any]], lit: Literals, first: list[tuple], want: int = 3) -> list[tuple]:
    """Inputs that get past the function's own validation, as different from each other as found.

    Candidates are the doctest examples and the named/plain bases, then seeded mixes of edge values
    and random ones; the body's leading guards decide (see gotui/verify/guards.py). Empty when the
    function has no guard this can evaluate: then every input reaches the body anyway.
    """
    if not leading_guards(spec.node):
        return []
    names = [p.name for p in spec.params]
    rng = random.Random(zlib.crc32(f"seeds:{spec.name}".encode()))
    candidates = list(first)
    for _ in range(400):
        candidates.append(tuple(rng.choice(e) if rng.random() < 0.7 else random_value(p.type, rng, lit)
                                for e, p in zip(edges, spec.params)))
    passing = [c for c in candidates if passes_guards(spec.node, names, c, spec.constants) is True]
    # inputs without empty parts first: an empty list or text skips the loops behind the checks
    passing.sort(key=_empties)  # stable: doctests stay ahead of equals
    seeds: list[tuple] = []
    for c in passing:
        if len(seeds) >= want:
            break
        # a new seed differs from every one kept in at least half of its values: the same
        # country with another weight is a variation, not a second seed
        if all(sum(repr(a) != repr(b) for a, b in zip(c, s)) * 2 >= len(c) for s in seeds):
            seeds.append(c)
    return seeds


def _empties(value: Any) -> int:
    """How many empty strings and containers a value holds."""
    if isinstance(value, (str, list, tuple, dict)):
        inner = value.values() if isinstance(value, dict) else [] if isinstance(value, str) else value
        return (len(value) == 0) + sum(_empties(v) for v in inner)
    return 0


def _around(base: tuple, edges: list[list[Any]], start: int, stop: int) -> list[tuple]:
    """The base with one parameter changed at a time to its edge values start..stop, every parameter's first."""
    return [base[:i] + (e[k],) + base[i + 1:] for k in range(start, stop) for i, e in enumerate(edges) if k < len(e)]


def generate_cases(spec: FunctionSpec, count: int = 60, seed: int = 0) -> list[tuple]:
    """Argument tuples: doctest examples, then edge combinations, then seeded random ones; `count` at most.

    A function that validates its inputs first gets, before the rest, inputs that pass its checks
    with one parameter varied at a time around them, so the code behind the validation is compared.
    Edge values follow the body's hazards (negative operands for // and %, halves for round,
    non-ASCII text where it indexes, runs of spaces where it splits).
    """
    lit = mined_literals(spec.node, spec.constants)
    hz = hazards(spec.node, {p.name for p in spec.params if _is_text(p.type)})
    cases: list[tuple] = list(doctest_cases(spec))
    edges = [edge_values(p.type, lit, hz) for p in spec.params]
    n = len(edges)
    plain = tuple(e[min(1, len(e) - 1)] for e in edges)
    named = tuple(_named_value(p.type, lit, e) for p, e in zip(spec.params, edges))
    seeds = _passing_seeds(spec, edges, lit, cases + [named, plain]) if n >= 2 else []
    # the seeds, then each varied one step further in turn: a cut keeps every seed varied as deep as the others
    cases += seeds
    for k in range(10 if seeds else 0):
        for s in seeds:
            cases += _around(s, edges, k, k + 1)
    if n == 0:
        cases.append(())
    elif n == 1:
        cases += [(v,) for v in edges[0]]
    elif n == 2:
        # every pair of the first few: a negative odd over a positive even is where // and / differ
        # diagonals first, so a cut keeps every parameter's most telling values paired with the other's
        pairs = [(i, j) for i in range(min(7, len(edges[0]))) for j in range(min(7, len(edges[1])))]
        cases += [(edges[0][i], edges[1][j]) for i, j in sorted(pairs, key=lambda ij: (ij[0] + ij[1], ij[0]))]
        cases += [(a, edges[1][i % len(edges[1])]) for i, a in enumerate(edges[0][7:])]
        cases += [(edges[0][i % len(edges[0])], b) for i, b in enumerate(edges[1][7:])]
    else:
        # vary one parameter at a time around two bases: the plain edge values, and the values the
        # body itself names (a known country, a limit): around "a" and 1 alone, a function that first
        # validates its inputs would only ever raise, and nothing behind the validation is compared
        for base in [named] + ([plain] if repr(plain) != repr(named) else []):  # values may be unhashable
            cases += _around(base, edges, 0, 6)
        cases += [tuple(e[(k + j) % len(e)] for j, e in enumerate(edges)) for k in range(8)]
    # random inputs mostly fail a function's own validation: with seeds, fewer of them
    cases = _dedupe(cases)[: count - min(6, count // 4) if seeds else max(count * 3 // 4, count - 10)]
    rng = random.Random(zlib.crc32(f"{seed}:{spec.name}".encode()))
    tries = 0
    while len(cases) < count and tries < count * 5:
        tries += 1
        case = tuple(random_value(p.type, rng, lit) for p in spec.params)
        if repr(case) not in {repr(c) for c in cases}:
            cases.append(case)
    return [tuple(normalise(v, p.type) for v, p in zip(c, spec.params)) for c in cases[:count]]
