"""Parameter kinds from evidence: how a def's body uses an unannotated parameter, and evidence types.

Most real code has no annotations, so the walk would know nothing of a parameter's kind. When a rule
asks for the kind of such a parameter, one tree-sitter query over that def (run in C, once per def,
only when asked: docs/hazards.md "Evidence") finds uses that tell a kind: `p.split()` → str, `p.items()` → dict, `p.append(x)` → list,
`p // 2` and `p < 0` → int, `p < 1.5` → float, `p == "x"` → str, `p.quantize(q)` → object (a Decimal). Richer evidence
(gotui.evidence: doctests, callers, traces) comes as `module_notes(module, param_kinds)`, {def line:
{param: kind}}, its types mapped with `kind_of_type`; it wins over usage. A name used two ways inside one def gets no kind: a guess must not become a claim.
"""

from __future__ import annotations

from tree_sitter import Node, QueryCursor

from gotui.parse.hazards.syntax import annotation_kind
from gotui.parse.treesitter import PY_LANGUAGE, query

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


_USAGE = "\n".join([
    _method("str", _STR_METHODS),
    _method("dict", _DICT_METHODS),
    _method("list", _LIST_METHODS),
    _method("set", _SET_METHODS),
    _method("object", _DECIMAL_METHODS),  # Decimal, Fraction: exact numbers, not int or float
    '(binary_operator left: (identifier) @int operator: ["//" "%" "<<" ">>" "&" "|" "^"] right: (integer))',
    '(binary_operator left: (identifier) @float right: (float))',
    '(comparison_operator (identifier) @float (float))',
    '(comparison_operator (identifier) @str ["==" "!="] [(string) (concatenated_string)])',
    '(comparison_operator (identifier) @int ["<" ">" "<=" ">="] (integer))',
    '(call function: (identifier) @_range arguments: (argument_list . (identifier) @int .) (#eq? @_range "range"))',
])

_KINDS = ("str", "dict", "list", "set", "int", "float", "object")


def def_usage(node: Node) -> dict[str, str]:
    """{name: kind} for each name whose uses in this def's body (not a nested def's) agree on one kind.

    The walk asks only when a rule wants the kind of a parameter it knows nothing of (Walker.lookup),
    so most defs never pay for the query.
    """
    found = QueryCursor(query(PY_LANGUAGE, _USAGE)).captures(node)
    out: dict[str, str] = {}
    clash: set[str] = set()
    own = node.id
    for kind in _KINDS:
        for n in found.get(kind, ()):
            up = n.parent
            while up is not None and up.type not in ("function_definition", "lambda"):
                up = up.parent
            if up is None or up.id != own:
                continue  # a nested def's or lambda's name
            name = (n.text or b"").decode("utf-8", "replace")
            had = out.get(name)
            if had is None and name not in clash:
                out[name] = kind
            elif had is not None and had != kind:
                del out[name]
                clash.add(name)
    return out


def usage_kinds(root: Node) -> ParamKinds:
    """`def_usage` of every def under `root`, by the def's line: the shape `module_notes` takes."""
    return {d.start_point[0] + 1: def_usage(d) for d in QueryCursor(query(PY_LANGUAGE, "(function_definition) @def")).captures(root).get("def", ())}


def kind_of_type(typ: str) -> str | None:
    """The engine's kind for an evidence type string (`list[str]` → strlist, `Decimal` → object); None if unsure."""
    s = typ.replace(" ", "")
    if s in ("list[str]", "List[str]", "Sequence[str]"):
        return "strlist"
    return annotation_kind(s)[0]
