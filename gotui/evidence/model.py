"""The evidence model: small type terms, their Python spelling, and how guesses combine.

A type term is an atom (`"int"`, `"str"`, a class name, `"Any"`) or a tuple whose head names a
container: `("list", elem)`, `("set", elem)`, `("dict", key, value)`, `("tuple", (a, b))`,
`("opt", inner)`. Terms are spelled as Python annotations (`dict[str, int]`, `int | None`), the
form the translator, the prompts and the screen all read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

Term = Union[str, tuple]

ANY = "Any"
NONE = "None"
UNKNOWN = "?"  # the element of an empty container: fits whatever the other side says
# Strongest first: when two sources disagree, the earlier one wins (docs/evidence.md says why).
ORDER = ("annotation", "trace", "doctest", "callers", "usage")
NUMERIC = ("bool", "int", "float")


@dataclass(frozen=True)
class TypeEvidence:
    """One guess for one parameter or result: its type, the source, and where it was seen."""

    type: str  # a Python annotation expression
    source: str  # one of ORDER
    detail: str = ""  # "line 12: x.split()", "trace: 40 calls", "doctest line 5"
    term: Term | None = field(default=None, compare=False, repr=False)  # keeps "unknown element" apart from Any
    # an annotation that is a union with no one Go type (`String = Union[str, bytes]`, type Any; `int | float`,
    # type float): its members, so a trace that saw only one of them narrows it (UnitEvidence.narrowed);
    # a trace guess: the kinds of value it saw ("int", "float"), which its unified `type` hides
    members: tuple = field(default=(), compare=False, repr=False)

    @staticmethod
    def of(term: Term, source: str, detail: str = "") -> "TypeEvidence":
        return TypeEvidence(spell(term), source, detail, term)

    def as_term(self) -> Term:
        return self.term if self.term is not None else parse_term(self.type)

    def label(self) -> str:
        return f"{self.source}: {self.detail}" if self.detail and self.source == "trace" else self.source


class Evidenced(str):
    """A best type as an annotation string (what tables and requests carry) that also remembers where
    it came from (`source`: "trace: 56 calls", "usage: line 4: text.split()"), so a consumer that
    cannot use the type can say which evidence named it."""

    source: str

    def __new__(cls, text: str, source: str = "") -> "Evidenced":
        obj = super().__new__(cls, text)
        obj.source = source
        return obj

    @staticmethod
    def of(ev: TypeEvidence) -> "Evidenced":
        first = ev.detail.split("; ")[0]
        return Evidenced(ev.type, ev.label() if ev.source == "trace" or not first else f"{ev.source}: {first}")


FILLED_IN = "filled in"  # the end of the detail of a container annotation the trace filled in (UnitEvidence.filled)
SEVERAL_TYPES = "the trace saw values of several types"  # UnitEvidence.why_unknown, read by TypeTable.several


class TypeTable(dict):
    """One unit's best types, parameter (and "return") -> `Evidenced` (a plain dict to every reader), and
    for the parameters left out, why nothing is known (`unknown`: name -> "the trace saw values of several
    types (35 calls: Duration, timedelta)"), so a consumer can say more than "no evidence"."""

    def __init__(self, types: "dict[str, str] | None" = None, unknown: "dict[str, str] | None" = None) -> None:
        super().__init__(types or {})
        self.unknown: dict[str, str] = dict(unknown or {})

    def several(self, name: str) -> str | None:
        """Why `name` (a parameter, or "return") is a value of several types, the trace's reason, or None:
        what the translator carries as Go `any` and the checker types `Any`."""
        why = self.unknown.get(name) if name not in self else None
        return why if why and why.startswith(SEVERAL_TYPES) else None


@dataclass
class UnitEvidence:
    """Everything known about one function's parameters (in order) and its result."""

    params: list[str]
    guesses: dict[str, list[TypeEvidence]] = field(default_factory=dict)  # param name or "return"
    doctests: list["DoctestCase"] = field(default_factory=list)
    # an annotated union the body narrows at its entry (evidence.entry): the member kept, as a usage guess
    entry: dict[str, TypeEvidence] = field(default_factory=dict)

    def add(self, name: str, ev: TypeEvidence) -> None:
        self.guesses.setdefault(name, []).append(ev)

    def best(self, name: str) -> TypeEvidence | None:
        """The winning guess for a parameter (or "return"): the strongest source that knows a type.

        An annotated union with no common type is the author's word too: only a trace that saw values
        of its members alone narrows it (`narrowed`), or the body, when it converts or rejects every
        member but one at its entry (`entry`); no weaker source overrides it."""
        union = self.union(name)
        if union is not None:
            narrowed = self.narrowed(name, union) or self.entry.get(name)
            if narrowed is not None or union.type == ANY:
                return narrowed
            # `int | float` the trace did not narrow: its common type, float, as before
        for source in ORDER:
            found = [g for g in self.guesses.get(name, []) if g.source == source and g.type != ANY
                     and not (g.type == NONE and g.detail.startswith("default"))]
            if found:
                term = unify_all(g.as_term() for g in found)
                if term == ANY:
                    continue
                details = "; ".join(dict.fromkeys(g.detail for g in found if g.detail))
                if source == "annotation" and has_any(term):
                    filled = self.filled(name, term)
                    if filled is not None:
                        return filled
                return TypeEvidence.of(with_none_default(term, self.guesses.get(name, [])), source, details)
        return None

    def filled(self, name: str, annotated: Term) -> TypeEvidence | None:
        """A container annotation with `Any` in it (a bare `dict` is `dict[Any, Any]`) and a trace that
        saw values of one type in each of those places: the annotation with the trace's types there
        (`dict[str, str]`), which says no less than the annotation did. None when the trace did not."""
        traced = [g for g in self.guesses.get(name, []) if g.source == "trace" and g.type != ANY]
        if not traced:
            return None
        seen = unify_all(g.as_term() for g in traced)
        term = fill_any(annotated, seen)
        if term is None or has_any(term):
            return None
        calls = traced[0].detail.split(":")[0]
        return TypeEvidence.of(with_none_default(term, self.guesses.get(name, [])), "trace",
                               f"{calls}; the annotation `{spell(annotated)}` {FILLED_IN}")

    def union(self, name: str) -> TypeEvidence | None:
        """The annotation guess of `name` when it is a union with no common type, else None."""
        return next((g for g in self.guesses.get(name, []) if g.source == "annotation" and g.members), None)

    def narrowed(self, name: str, union: TypeEvidence) -> TypeEvidence | None:
        """The union `union` narrowed by the trace: every traced call passed values of one member (or of
        one member and None, when None is a member too). The detail keeps the evidence and says which
        members are not carried over: "40 calls, all str; String narrowed to str, bytes not carried over"."""
        traced = [g for g in self.guesses.get(name, []) if g.source == "trace"]
        if not traced:
            return None
        kinds = [parse_term(k) for g in traced for k in (g.members or (g.type,))]
        fit = fit_member(kinds, union.members)
        if fit is None:
            return None
        used = {fit, fit[1], NONE} if isinstance(fit, tuple) and fit[0] == "opt" else {fit}
        rest = [spell(m) for m in union.members if m not in used]
        calls = traced[0].detail.split(":")[0]
        seen = f"all {spell(kinds[0])}" if len(set(kinds)) == 1 else ", ".join(dict.fromkeys(spell(k) for k in kinds))
        text = union.detail.split(": ", 1)[-1]
        detail = f"{calls}, {seen}; {text} narrowed to {spell(fit)}, {', '.join(rest)} not carried over"
        return TypeEvidence.of(with_none_default(fit, self.guesses.get(name, [])), "trace", detail)

    def why_unknown(self, name: str) -> str | None:
        """Why a parameter has no best type although a source saw it: the trace (or another source) saw
        values of types that have no common type, or the annotation is a union the trace did not narrow."""
        union = self.union(name)
        if union is not None:
            said = f"the annotation is a union ({' | '.join(spell(m) for m in union.members)})"
            traced = [g for g in self.guesses.get(name, []) if g.source == "trace"]
            if not traced:
                return f"{said} and no trace covers it"
            kinds = list(dict.fromkeys(k for g in traced for k in (g.members or (g.type,))))
            calls = traced[0].detail.split(":")[0]
            if len([k for k in kinds if k != NONE]) > 1:
                return f"{said} and the trace saw several of its types ({calls}: {', '.join(kinds)})"
            return f"{said} and the trace saw {', '.join(kinds)} ({calls}), not one of its members alone"
        for source in ORDER:
            mixed = [g for g in self.guesses.get(name, []) if g.source == source and g.type == ANY and g.detail]
            if mixed:
                said = SEVERAL_TYPES if source == "trace" else f"the {source} saw types that do not agree"
                return f"{said} ({mixed[0].detail})"
        return None

    def table(self) -> TypeTable:
        """The best types as a `TypeTable` (what translation requests and the rules backend read)."""
        sig = self.signature()
        unknown = {n: why for n in [*self.params, "return"] if sig.get(n) is None for why in [self.why_unknown(n)] if why}
        return TypeTable({n: Evidenced.of(g) for n, g in sig.items() if g is not None}, unknown)

    def signature(self) -> dict[str, TypeEvidence | None]:
        """Every parameter's winning guess, then "return"'s."""
        return {**{p: self.best(p) for p in self.params}, "return": self.best("return")}

    def summary(self) -> str:
        """One line for the review screen: `types: x int (annotation) · y ? (no evidence) · → str (trace: 3 calls)`."""
        parts = []
        for name, ev in self.signature().items():
            label = "→" if name == "return" else name
            if ev is None:
                union = self.union(name)  # an annotated union the trace did not narrow: say so
                parts.append(f"{label} ? ({self.why_unknown(name)}: any)" if union else f"{label} ? (no evidence: any)")
                continue
            parts.append(f"{label} {ev.type} ({ev.label()})")
        return "types: " + " · ".join(parts) if parts else ""

    def describe(self) -> list[str]:
        """One line per parameter for the review screen: `x: int  (annotation)`."""
        out = []
        for name, ev in self.signature().items():
            why = self.why_unknown(name) if self.union(name) else "no evidence"
            out.append(f"{name}: {ev.type}  ({ev.label()})" if ev else f"{name}: ?  ({why}: any)")
        return out


@dataclass(frozen=True)
class DoctestCase:
    """A doctest example read statically: literal arguments and the expected value (or exception)."""

    args: tuple
    kwargs: tuple  # ((name, value), ...)
    expected: object
    raises: str | None  # the exception's name when the example shows a traceback
    line: int


def with_none_default(term: Term, guesses: list[TypeEvidence]) -> Term:
    """A parameter whose default is None, or that the body compares with None (`if x is None:`), may be
    None whatever the winning source says (a trace of tests that never pass None does not see it)."""
    if any(g.type == NONE and (g.detail.startswith("default") or g.detail.endswith("compared with None")) for g in guesses) \
            and term not in (NONE, ANY):
        return term if isinstance(term, tuple) and term[0] == "opt" else ("opt", term)
    return term


def fit_member(kinds: list, members: tuple) -> Term | None:
    """The one member of a union that every kind of value the trace saw fits, or None: the member itself,
    else the one member it widens to (an int where float is a member and int is not), and `T | None` when
    None was seen and is a member too. None alone narrows nothing (it says nothing about the type)."""
    rest = [k for k in kinds if k != NONE]
    if not rest or (len(rest) < len(kinds) and NONE not in members):
        return None
    targets = set()
    for k in rest:
        if k in (ANY, UNKNOWN):
            return None
        fits = [k] if k in members else [m for m in members if m not in (ANY, NONE) and unify(k, m) == m]
        if len(fits) != 1:
            return None
        targets.add(fits[0])
    if len(targets) != 1:
        return None
    fit = targets.pop()
    return ("opt", fit) if len(rest) < len(kinds) else fit


def unify(a: Term, b: Term) -> Term:
    """The narrowest term both values fit: int and float give float, T and None give T | None."""
    if a == b:
        return a
    if a == UNKNOWN:
        return b
    if b == UNKNOWN:
        return a
    if a == ANY or b == ANY:
        return ANY
    if a == NONE:
        return b if isinstance(b, tuple) and b[0] == "opt" else ("opt", b)
    if b == NONE:
        return unify(b, a)
    if isinstance(a, tuple) and a[0] == "opt":
        inner = unify(a[1], b[1] if isinstance(b, tuple) and b[0] == "opt" else b)
        return ANY if inner == ANY else ("opt", inner)
    if isinstance(b, tuple) and b[0] == "opt":
        return unify(b, a)
    if a in NUMERIC and b in NUMERIC:
        return NUMERIC[max(NUMERIC.index(a), NUMERIC.index(b))]
    if isinstance(a, tuple) and isinstance(b, tuple) and {a[0], b[0]} == {"tuple", "list"}:
        # a tuple and a sequence of one type (`opts=()` iterated as str): a tuple[X, ...], spelled list[X]
        seq, tup = (a, b) if a[0] == "list" else (b, a)
        elem = unify_all([seq[1], *tup[1]])
        return ANY if elem == ANY else ("list", elem)
    if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0] and len(a) == len(b):
        if a[0] == "tuple":
            if len(a[1]) != len(b[1]):
                # tuples of several lengths (`()` and `("bold",)`): a tuple[X, ...] when their items agree
                elem = unify_all([*a[1], *b[1]])
                return ANY if elem == ANY else ("list", elem)
            parts = tuple(unify(x, y) for x, y in zip(a[1], b[1]))
            return ANY if ANY in parts else ("tuple", parts)
        parts = tuple(unify(x, y) for x, y in zip(a[1:], b[1:]))
        return (a[0], *parts)
    return ANY


def has_any(term: Term) -> bool:
    """`Any` anywhere inside a container term (a top-level Any is no container: the author said Any)."""
    return isinstance(term, tuple) and any(p == ANY or has_any(p) for p in (term[1] if term[0] == "tuple" else term[1:]))


def fill_any(annotated: Term, seen: Term) -> Term | None:
    """`annotated` with each `Any` in it replaced by what `seen` has in that place, when `seen` has the
    same shape everywhere else; None when the two disagree (the trace saw another container)."""
    if annotated == ANY:
        return seen
    if isinstance(annotated, str) or isinstance(seen, str):
        return seen if annotated == seen else None
    if annotated[0] != seen[0] or len(annotated) != len(seen):
        return None
    if annotated[0] == "tuple":
        if len(annotated[1]) != len(seen[1]):
            return None
        parts = [fill_any(a, b) for a, b in zip(annotated[1], seen[1])]
        return None if None in parts else ("tuple", tuple(parts))
    filled = [fill_any(a, b) for a, b in zip(annotated[1:], seen[1:])]
    return None if None in filled else (annotated[0], *filled)


def unify_all(terms) -> Term:
    out: Term | None = None
    for t in terms:
        out = t if out is None else unify(out, t)
    return ANY if out is None else out


def spell(term: Term) -> str:
    """The Python annotation for a term."""
    if isinstance(term, str):
        return ANY if term == UNKNOWN else term
    head = term[0]
    if head == "opt":
        return f"{spell(term[1])} | None"
    if head == "tuple":
        return f"tuple[{', '.join(spell(t) for t in term[1])}]" if term[1] else "tuple[()]"
    return f"{head}[{', '.join(spell(t) for t in term[1:])}]"


def parse_term(text: str) -> Term:
    """The term for an annotation this module spelled (or a simple hand-written one)."""
    text = text.strip()
    if text.endswith(" | None"):
        return ("opt", parse_term(text[: -len(" | None")]))
    if "[" not in text:
        return text
    head, rest = text.split("[", 1)
    parts = _split_top(rest[:-1])
    if head == "tuple":
        return ("tuple", tuple(parse_term(p) for p in parts if p != "()"))
    return (head, *(parse_term(p) for p in parts))


def _split_top(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        depth += ch == "["
        depth -= ch == "]"
        cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def term_of_value(value: object, depth: int = 0) -> Term:
    """The term of a Python value (a doctest literal, a traced sample)."""
    if value is None:
        return NONE
    for t in (bool, int, float, str, bytes):
        if type(value) is t:
            return t.__name__
    if depth > 4:
        return ANY
    if isinstance(value, (list, set, frozenset)):
        head = "list" if isinstance(value, list) else "set"
        return (head, unify_all(term_of_value(v, depth + 1) for v in value)) if value else (head, UNKNOWN)
    if isinstance(value, tuple):
        return ("tuple", tuple(term_of_value(v, depth + 1) for v in value))
    if isinstance(value, dict):
        if not value:
            return ("dict", UNKNOWN, UNKNOWN)
        return ("dict", unify_all(term_of_value(k, depth + 1) for k in value), unify_all(term_of_value(v, depth + 1) for v in value.values()))
    return type(value).__name__
