"""Parameter kinds from evidence: how a def's body uses an unannotated parameter, and evidence types.

Most real code has no annotations, so the walk would know nothing of a parameter's kind. Before the
walk, one tree-sitter query over the whole module (run in C, so cheap: docs/hazards.md "Evidence")
finds uses that tell a kind: `p.split()` → str, `p.items()` → dict, `p.append(x)` → list,
`p // 2` → int, `p < 1.5` → float, `p.quantize(q)` → object (a Decimal). `usage_kinds` turns them into {def line: {param: kind}}, the same
shape `module_notes(module, param_kinds)` takes from richer evidence (gotui.evidence, mapped with
`kind_of_type`). A name used two ways inside one def gets no kind: a guess must not become a claim.
"""

from __future__ import annotations

from tree_sitter import Node, Query, QueryCursor

from gotui.parse.hazards.syntax import annotation_kind
from gotui.parse.treesitter import PY_LANGUAGE

ParamKinds = dict[int, dict[str, str]]  # def line (1-based, the `def` keyword's) → param → kind

_STR_METHODS = ("split rsplit splitlines strip lstrip rstrip lower upper casefold startswith endswith isdigit "
                "isalpha isalnum isspace isupper islower isnumeric isdecimal zfill ljust rjust center partition "
                "rpartition capitalize title swapcase removeprefix removesuffix expandtabs encode format_map").split()
_DICT_METHODS = "items keys values setdefault popitem".split()
_LIST_METHODS = "append extend insert sort reverse".split()
_SET_METHODS = "add discard issubset issuperset isdisjoint symmetric_difference".split()
_DECIMAL_METHODS = "quantize to_integral to_integral_value to_integral_exact limit_denominator copy_abs copy_sign".split()


def _any_of(capture: str, names: list[str]) -> str:
    return f'(#any-of? {capture} {" ".join(f"{chr(34)}{n}{chr(34)}" for n in names)})'


def _method(kind: str, names: list[str]) -> str:
    return f"(call function: (attribute object: (identifier) @{kind} attribute: (identifier) @_{kind}m {_any_of('@_' + kind + 'm', names)}))"


_QUERY = Query(PY_LANGUAGE, "\n".join([
    _method("str", _STR_METHODS),
    _method("dict", _DICT_METHODS),
    _method("list", _LIST_METHODS),
    _method("set", _SET_METHODS),
    _method("object", _DECIMAL_METHODS),  # Decimal, Fraction: exact numbers, not int or float
    '(binary_operator left: (identifier) @int operator: ["//" "%" "<<" ">>" "&" "|" "^"] right: (integer))',
    '(binary_operator left: (identifier) @float right: (float))',
    '(comparison_operator (identifier) @float (float))',
    '(call function: (identifier) @_range arguments: (argument_list . (identifier) @int .) (#eq? @_range "range"))',
    "(function_definition name: (identifier) @def)",
]))

_KINDS = ("str", "dict", "list", "set", "int", "float", "object")


def usage_kinds(root: Node) -> ParamKinds:
    """{def line: {name: kind}} for each name whose uses inside that def (not a nested one) agree on one kind."""
    found = QueryCursor(_QUERY).captures(root)
    defs = found.get("def")
    if not defs:
        return {}
    # innermost def of a byte offset: defs sorted by start; a nested def starts inside its parent
    spans = sorted(((d.parent.start_byte, d.parent.end_byte, d.start_point[0] + 1) for d in defs if d.parent is not None))
    out: ParamKinds = {}
    clash: set[tuple[int, str]] = set()
    for kind in _KINDS:
        for n in found.get(kind, ()):
            at = n.start_byte
            line = 0
            for start, end, def_line in spans:
                if start > at:
                    break
                if at < end:
                    line = def_line  # later (inner) defs that contain it override outer ones
            if not line:
                continue
            name = (n.text or b"").decode("utf-8", "replace")
            names = out.setdefault(line, {})
            had = names.get(name)
            if had is None and (line, name) not in clash:
                names[name] = kind
            elif had is not None and had != kind:
                del names[name]
                clash.add((line, name))
    return out


def kind_of_type(typ: str) -> str | None:
    """The engine's kind for an evidence type string (`list[str]` → strlist, `Decimal` → object); None if unsure."""
    s = typ.replace(" ", "")
    if s in ("list[str]", "List[str]", "Sequence[str]"):
        return "strlist"
    return annotation_kind(s)[0]
