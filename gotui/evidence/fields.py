"""The types of a class's fields, read from the states of `self` that `gotui trace` copied.

A method's traced samples hold its receiver's attributes at call time (`_tracer._state`, JSON-safe).
Where the constructor does not tell a field's type (it sets it in a statement that stays Python, or
only to an empty container or None), these states do, as a trace tells a parameter's: the translator
types the field from them instead of leaving it `any` (docs/evidence.md, "Fields").

Only a type every state agrees on is given: values of several kinds (an int in one state and a float
in another, whose str() differs) and containers that were always empty give nothing.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from gotui.evidence.model import ANY, NONE, NUMERIC, UNKNOWN, Term, parse_term, spell, unify_all

FIELDS_QUAL = "{cls}.__self__"  # the evidence table key's qualname under which a class's field types are kept


def fields_key(class_qual: str) -> str:
    return FIELDS_QUAL.format(cls=class_qual)


def term_of_traced(v: Any) -> Term:
    """The type term of a value as the tracer stored it (evidence/_tracer.py `_safe`)."""
    if v is None:
        return NONE
    if isinstance(v, (bool, int, float, str)):
        return type(v).__name__
    if isinstance(v, list):
        return ("list", unify_all(term_of_traced(x) for x in v) if v else UNKNOWN)
    if not isinstance(v, dict):
        return ANY
    if "__tuple__" in v:
        return ("tuple", tuple(term_of_traced(x) for x in v["__tuple__"]))
    if "__record__" in v:  # a NamedTuple: its class
        return str(v["__record__"][0])
    if "__enum__" in v:  # a member of an Enum: its class
        return str(v["__enum__"][0])
    if "__float__" in v:
        return "float"
    if "__dict__" in v:
        d = v["__dict__"]
        return ("dict", "str", unify_all(term_of_traced(x) for x in d.values())) if d else ("dict", UNKNOWN, UNKNOWN)
    for head, tag in (("dict", "__items__"), ("OrderedDict", "__odict__")):
        if tag in v:
            pairs = v[tag]
            if not pairs:
                return (head, UNKNOWN, UNKNOWN)
            return (head, unify_all(term_of_traced(k) for k, _ in pairs), unify_all(term_of_traced(x) for _, x in pairs))
    if "__type__" in v:
        return parse_term(str(v["__type__"]))  # kept by type only: the tracer spelled its type
    return ANY


def _unmangled(attr: str, class_name: str) -> str:
    """`_Cache__size` -> `__size`: Python's name for a private attribute set in class `Cache`."""
    prefix = f"_{class_name.lstrip('_')}__"
    return attr[len(prefix) - 2:] if attr.startswith(prefix) and not attr.endswith("__") else attr


def traced_field_types(class_name: str, samples: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Field name (as the class's source spells it) -> annotation, from the `self` states of samples of
    the class's methods; a field whose states disagree, or hold no element to type, is left out."""
    seen: dict[str, list[Term]] = {}
    for sample in samples:
        state = sample.get("self") if isinstance(sample, Mapping) else None
        attrs = state.get("attrs") if isinstance(state, Mapping) else None
        for attr, value in (attrs or {}).items():
            seen.setdefault(_unmangled(str(attr), class_name), []).append(term_of_traced(value))
    out: dict[str, str] = {}
    for name, terms in seen.items():
        if len({t for t in terms if t in NUMERIC}) > 1:
            continue  # an int here and a float there: one Go type would print one of them wrong
        term = unify_all(terms)
        if term in (ANY, NONE, UNKNOWN) or _vague(term):
            continue
        out[name] = spell(term)
    return out


def _vague(term: Term) -> bool:
    """Whether a term still holds Any or an unknown element (an always-empty container)."""
    if isinstance(term, str):
        return term in (ANY, UNKNOWN)
    parts = term[1] if term[0] == "tuple" else term[1:]
    return any(_vague(p) for p in parts)

