"""dict → map rules (docs/hazards.md, "dict → map"). Each rule's check is the function named after it
(`dict-index-keyerror` → `dict_index_keyerror`); a rule checked at several places has `<rule>_<where>` variants.

Routers (routes.py) call these with the node and the parts they already took apart.
"""

from __future__ import annotations

from tree_sitter import Node

from gotui.parse.hazards.context import dict_iter
from gotui.parse.hazards.syntax import F_ATTRIBUTE, F_FUNCTION, F_KEY, F_VALUE, call_args, named, short, string_value, text
from gotui.parse.hazards.walker import DEFAULTING_KINDS, DICT_KINDS, NOT_DICT_KINDS, Frame, Walker, defaultdict_kind, qual

_TYPING_NAMES = frozenset("Literal Annotated Optional Union Dict List Tuple Type Callable ClassVar Final TypeVar".split())


def dictish(w: Walker, value: Node, idx: Node, vk: str | None) -> bool:
    """Is `value[idx]` a dict read? Known dicts, and `x["literal"]` on an unknown x (not a typing name)."""
    return vk in DICT_KINDS or (vk is None and idx.type == "string" and not (
        value.type == "identifier" and text(value) in _TYPING_NAMES))


def dict_index_keyerror(w: Walker, node: Node, value: Node, idx: Node, vk: str | None) -> None:
    """A read `d[k]` of a dict (not a defaultdict or Counter) outside a `k in d` guard."""
    if vk in DEFAULTING_KINDS:
        return  # reads insert (defaultdict) or give 0 (Counter): the defaultdict/counter note covers it
    key, mapping = text(idx, 120), text(value, 120)
    if (key, mapping) in w.guards:
        return
    if qual(w, value) == "os.environ":
        w.note("dict-index-keyerror", node, message="os.environ[k] raises KeyError when the variable is unset; os.Getenv returns \"\".",
               hint="`v, ok := os.LookupEnv(k); if !ok { return fmt.Errorf(\"%s not set\", k) }`.")
    else:
        w.note("dict-index-keyerror", node)


def dict_del(w: Walker, node: Node, value: Node, idx: Node) -> None:
    """`del d[k]` outside a `k in d` guard."""
    if (text(idx, 120), text(value, 120)) not in w.guards:
        w.note("dict-del", node)


def map_composite_key(w: Walker, node: Node, vk: str | None) -> None:
    """`d[a, b]` on a known dict."""
    if vk in DICT_KINDS:
        w.note("map-composite-key", node)


def nil_map_write(w: Walker, node: Node, value: Node) -> None:
    """`m[k] = v`: is m a map that can be nil in Go?"""
    if value.type == "subscript":
        base = value.child_by_field_id(F_VALUE)
        bk = w.kind(base)
        if bk == "defaultdict-map":
            w.note("nil-map-write", node, severity="risk",
                   message=f"{short(base)} is a defaultdict of dicts: Python creates the inner dict on first access, but in Go "
                           f"{short(value)} is a nil map for a new key and this write panics.",
                   hint="`inner := m[k]; if inner == nil { inner = map[K]V{}; m[k] = inner }; inner[k2] = v`.")
        elif bk in DICT_KINDS:
            w.note("nil-map-write", node,
                   message=f"{short(value)} is a nil map in Go when the key is missing, so this write panics (Python raised KeyError).",
                   hint="`inner := m[k]; if inner == nil { inner = map[K]V{}; m[k] = inner }; inner[k2] = v`.")
        return
    if value.type == "attribute":
        kind = w.self_attr_kind(value)
        if kind in DICT_KINDS and w.func.name not in ("__init__", "__post_init__"):
            attr = text(value.child_by_field_id(F_ATTRIBUTE))
            if attr not in w.func.noted:
                w.func.noted.add(attr)
                cls = w.func.cls
                w.note("nil-map-write", node,
                       message=f"{short(value)} is a map field: in a zero-value {cls.name if cls else 'struct'}{{}} it is nil and this write panics.",
                       hint=f"Create the map in the constructor (New{cls.name if cls else 'T'}) and build values only through it, or `if x.{attr} == nil {{ x.{attr} = map[K]V{{}} }}` first.")
        return
    if value.type == "identifier":
        name = text(value)
        if name in w.func.optional and w.kind(value) in DICT_KINDS and name not in w.func.noted:
            w.func.noted.add(name)
            w.note("nil-map-write", node, message=f"{name} may be None here; its Go counterpart is a nil map, and writing to a nil map panics.",
                   hint=f"`if {name} == nil {{ {name} = map[K]V{{}} }}` before the first write (callers won't see the new map: return it).")


def keys_kind(w: Walker, right: Node) -> str | None:
    """Kind of the right side of `in`; `x.keys()` counts as a dict."""
    rk = w.kind(right)
    if right.type == "call":
        fn = right.child_by_field_id(F_FUNCTION)
        if fn is not None and fn.type == "attribute" and text(fn.child_by_field_id(F_ATTRIBUTE)) == "keys":
            rk = "dict"
    return rk


def dict_in(w: Walker, node: Node, left: Node, right: Node, rk: str | None) -> None:
    """`k in d` on a known dict (rk is keys_kind of the right side)."""
    if rk not in DICT_KINDS:
        return
    if rk in DEFAULTING_KINDS:
        w.note("dict-in", node, message="`in` on a defaultdict is true for every key that was ever read; in Go reads insert nothing.",
               hint="`_, ok := m[k]`, and check that the Python didn't rely on reads inserting keys.")
    else:
        w.note("dict-in", node, hint=f"`_, ok := {short(right, 30)}[{short(left, 30)}]`.")


def membership_test(w: Walker, node: Node, left: Node, right: Node, rk: str | None) -> None:
    """`x in seq` / `sub in s` where the right side is not a dict."""
    if rk in DICT_KINDS:
        return
    if right.type in ("tuple", "list", "set"):
        items = named(right)
        if items and all(i.type in ("string", "integer", "float", "true", "false") for i in items):
            w.note("membership-test", node, hint=f"`switch {short(left, 30)} {{ case {', '.join(short(i, 20) for i in items[:6])}: }}` or slices.Contains.")
        else:
            w.note("membership-test", node, hint="`slices.Contains(xs, v)`.")
    elif rk in ("list", "tuple", "strlist"):
        w.note("membership-test", node, hint="`slices.Contains(xs, v)` (a map[T]bool when the list is long and tested often).")
    elif rk == "set":
        w.note("membership-test", node, message="A Python set becomes a map[T]bool or map[T]struct{} in Go, which has no `in`.",
               hint="`if set[v] { ... }` with map[T]bool, or `_, ok := set[v]`.")
    elif rk == "str":
        w.note("membership-test", node, message="`sub in s` is a substring test; Go has no `in` for strings.",
               hint=f"`strings.Contains({short(right, 30)}, {short(left, 30)})`.")


_VALUE_KINDS = {
    "string": "str", "concatenated_string": "str", "integer": "number", "float": "number", "true": "bool", "false": "bool",
    "none": "None", "list": "list", "list_comprehension": "list", "dictionary": "dict", "tuple": "tuple",
}


def map_composite_key_in_literal(w: Walker, node: Node) -> None:
    """A dict literal with a tuple key: noted at the first such pair."""
    if node.named_child_count < 2:
        return
    for pair in node.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_id(F_KEY)
            if key is not None and key.type == "tuple":
                w.note("map-composite-key", pair)
                return


def map_mixed_values(w: Walker, node: Node) -> None:
    """A dict literal whose values have different types."""
    if node.named_child_count < 2:
        return
    kinds: dict[str, None] = {}
    for pair in node.named_children:
        if pair.type != "pair":
            continue
        value = pair.child_by_field_id(F_VALUE)
        k = _VALUE_KINDS.get(value.type) if value is not None else None
        if k is not None:
            kinds[k] = None
    if len(kinds) >= 2:
        names = ", ".join(kinds)
        if "None" in kinds and len(kinds) == 2:
            w.note("map-mixed-values", node, message=f"Some values are None and others {[k for k in kinds if k != 'None'][0]}; a Go map value can't be nil unless it is a pointer, slice, map or interface.",
                   hint="A struct with a pointer field (or a separate found flag) for the values that may be None.")
        else:
            w.note("map-mixed-values", node, message=f"The values have different types ({names}); a Go map has a single value type.")


def map_iteration_order(w: Walker, f: Frame) -> None:
    """At the end of a loop over a dict whose body did something order-sensitive."""
    if f.dict_iter and f.sensitive:
        w.note_lines("map-iteration-order", f.header[0], f.header[1])


def map_iteration_order_in_comprehension(w: Walker, node: Node, first_right: Node | None) -> None:
    """A list comprehension or generator over a dict, unless its consumer ignores order (sum, set, sorted…)."""
    if node.type in ("list_comprehension", "generator_expression") and w.marks.get(node.id) != "insensitive":
        if dict_iter(w, first_right):
            w.note("map-iteration-order", node, end=first_right)


_ZEROISH = {"integer": ("0",), "float": ("0.0", "0."), "false": ("False",), "none": ("None",),
            "list": ("[]",), "dictionary": ("{}",), "tuple": ("()",)}


_HTTPISH = frozenset({"session", "client", "http", "api", "queue", "q", "requests", "httpx", "conn", "connection"})


def mapping_receiver(w: Walker, recv: Node | None) -> str | None:
    """'dict' when recv is (or may well be) a dict, None when it clearly isn't."""
    if recv is None:
        return None
    k = w.kind(recv)
    if k in DICT_KINDS:
        return k
    if k is not None:
        return None
    if recv.type == "identifier" and text(recv) in w.imports:
        return None  # a module: requests.get(...)
    last = text(recv, 120).rsplit(".", 1)[-1].lower()
    if last in _HTTPISH:
        return None
    return "dict"


def dict_get_none(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """`d.get(k)`: None for a missing key."""
    pos, kw, star = call_args(args)
    if star or kw or len(pos) != 1 or mapping_receiver(w, recv) is None:
        return
    if w.marks.get(node.id) == "or-left":
        return  # the or-default note says it
    if qual(w, recv) == "os.environ":
        w.note("dict-get-none", node, message="os.environ.get(k) returns None when the variable is unset; os.Getenv returns \"\" for unset and empty alike.",
               hint="`v, ok := os.LookupEnv(k)` when unset and empty must differ.")
    else:
        w.note("dict-get-none", node)


def dict_get_default(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """`d.get(k, default)`: Go has no map read with a default."""
    if args is None or args.named_child_count < 2:
        return  # cheap first: .get(k) is the common call
    pos, kw, star = call_args(args)
    if star or kw or len(pos) != 2 or mapping_receiver(w, recv) is None:
        return
    default = pos[1]
    if qual(w, recv) == "os.environ":
        w.note("dict-get-default", node, message="os.Getenv has no default: it returns \"\" when the variable is unset.",
               hint=f"`v, ok := os.LookupEnv({short(pos[0], 30)}); if !ok {{ v = {short(default, 30)} }}`.")
    elif text(default, 10) in _ZEROISH.get(default.type, ()) or (default.type == "string" and string_value(default) == ""):
        empty = default.type in ("list", "dictionary", "tuple")
        w.note("dict-get-default", node, message=f"The default {short(default)} is Go's zero value, so a plain `m[k]` already returns it for a missing key.",
               hint=f"`{short(recv, 30)}[{short(pos[0], 30)}]`" + (" (a nil slice or map reads, ranges and has len like an empty one)." if empty else "."))
    else:
        w.note("dict-get-default", node, hint=f"`v, ok := m[{short(pos[0], 30)}]; if !ok {{ v = {short(default, 30)} }}`.")


def dict_setdefault(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if mapping_receiver(w, recv) is None:
        return
    if w.marks.get(node.id) == "mutated":
        w.note("dict-setdefault", node, severity="warning", message="setdefault(k, []).append(x) mutates the list stored in the dict; in Go append returns a new slice that must be stored back.",
               hint="`m[k] = append(m[k], x)` (no default needed: a missing key gives a nil slice, which appends fine).")
    else:
        w.note("dict-setdefault", node)


def dict_pop(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    pos, kw, star = call_args(args)
    if star or recv is None:
        return
    rk = w.kind(recv)
    if len(pos) == 2 and rk not in NOT_DICT_KINDS:
        w.note("dict-pop", node, severity="info", message="pop(k, default) removes the key and returns the default when it is missing; Go has no pop for maps.",
               hint=f"`v, ok := m[k]; if !ok {{ v = {short(pos[1], 30)} }}; delete(m, k)`.")
    elif len(pos) == 1 and (rk in DICT_KINDS or (rk is None and pos[0].type == "string")):
        w.note("dict-pop", node)


def defaultdict(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is not None and qual(w, fn) != "collections.defaultdict":
        return
    kind = defaultdict_kind(node)
    if kind == "defaultdict-list":
        w.note("defaultdict", node, message="defaultdict(list) inserts an empty list on every read of a missing key; a Go map read inserts nothing and returns a nil slice.",
               hint="`m[k] = append(m[k], v)`: a nil slice appends fine, and the write stores it.")
    elif kind == "defaultdict-map":
        w.note("defaultdict", node, message="defaultdict(dict) creates the inner dict on first read; in Go a missing key reads as a nil map, and writing to it panics.",
               hint="Create the inner map before writing: `if m[k] == nil { m[k] = map[K]V{} }`.")
    else:
        w.note("defaultdict", node)


def counter(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    if recv is None or qual(w, fn) == "collections.Counter":
        w.note("counter", node)


def map_iteration_order_in_max_min(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """max()/min() over a dict with key=: ties go to the first in insertion order."""
    if recv is not None:
        return
    pos, kw, _ = call_args(args)
    if len(pos) == 1 and "key" in kw and dict_iter(w, pos[0]):
        w.note("map-iteration-order", node, message=f"{(fn.text or b'').decode()}() over a dict with key= returns the first of equal keys in insertion order; a Go loop over the map picks a random one.",
               hint="Range over sorted keys (`slices.Sorted(maps.Keys(m))`) and keep the first best with a strict comparison.")


def map_iteration_order_in_call(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """list()/tuple()/next()/iter()/enumerate() of a dict: the result is in insertion order."""
    if recv is not None:
        return
    pos, _, _ = call_args(args)
    if len(pos) == 1 and dict_iter(w, pos[0]):
        w.note("map-iteration-order", node)


def json_key_order(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """json.dumps/json.dump without sort_keys=True."""
    name = (fn.text or b"").decode() if recv is None else text(fn.child_by_field_id(F_ATTRIBUTE))
    if name != "json" and qual(w, fn) in ("json.dumps", "json.dump"):
        _, kw, _ = call_args(args)
        sort = kw.get("sort_keys")
        if sort is None or sort.type != "true":
            w.note("json-key-order", node)
