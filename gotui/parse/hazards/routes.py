"""Routers: what the walk does at each node type, and which rule checks a call's name goes to.

A router takes the node apart, keeps the context (frames, names, guards, marks for the children)
and hands the parts to the rules' functions in the area modules (dicts, nones, numbers, strings,
control, dynamics, libraries), each named after its rule. Routers note nothing themselves.

`ROUTES` maps a node type to its routers, `CALLS` a called name (`f(...)` or `x.f(...)`) to its
rule checks; engine.py walks the tree with them. A router returns SKIP when the walk should not
go into the node's children.
"""

from __future__ import annotations

from typing import Callable

from tree_sitter import Node

from gotui.parse.hazards import control, dicts, dynamics, libraries, nones, numbers, strings
from gotui.parse.hazards.context import dict_iter, dict_key_guard, guards_from, loop_target_kinds, mark_loops, push_guard
from gotui.parse.hazards.syntax import (
    F_ALIAS,
    F_ALTERNATIVE,
    F_ARGUMENT,
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_BODY,
    F_CONDITION,
    F_CONSEQUENCE,
    F_FUNCTION,
    F_LEFT,
    F_MODULE_NAME,
    F_NAME,
    F_OBJECT,
    F_OPERATOR,
    F_PARAMETERS,
    F_RIGHT,
    F_TYPE,
    F_VALUE,
    annotation,
    call_args,
    is_neg_literal,
    line_of,
    named,
    param_parts,
    short,
    target_names,
    text,
)
from gotui.parse.hazards.walker import SKIP, Frame, Walker

Router = Callable[[Walker, Node], object]
CallCheck = Callable[[Walker, Node, Node, "Node | None", "Node | None"], None]


# ---- at the end of a frame -------------------------------------------------------------------------


def frame_end(w: Walker, f: Frame) -> None:
    """A def or loop frame closes: the checks that needed its whole body (tested here first: frames are many)."""
    if f.kind == "def":
        if f.value_returns and not f.generator:
            nones.none_return(w, f)
            nones.implicit_none_return(w, f)
    elif f.dict_iter and f.sensitive:
        dicts.map_iteration_order(w, f)


# ---- definitions -----------------------------------------------------------------------------------


def route_def(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_id(F_NAME)
    name = text(name_node)
    owner = w.owner
    decorators = w.marks.get(node.id, ())
    if w.loop is not None and w.loop.func is w.func:
        control.loop_closure_capture(w, node, node.child_by_field_id(F_BODY), node.child_by_field_id(F_PARAMETERS))
    f = Frame("def", node.end_byte, node)
    f.name = name
    f.decorators = decorators if isinstance(decorators, tuple) else ()
    enclosing = w.func
    w.push(f)
    in_class = owner.kind == "class"
    if in_class:
        f.cls = owner
    else:
        f.cls, f.self_name = enclosing.cls, enclosing.self_name
    first = node.child(0)
    if first is not None and first.type == "async":
        control.async_await(w, node, name_node)
    if in_class and name[:2] == "__":
        dynamics.operator_overload(w, node, name, name_node)
        dynamics.dynamic_attr_method(w, node, name, name_node)
    params = node.child_by_field_id(F_PARAMETERS)
    defaults: list[str] = []
    index = 0
    static = "staticmethod" in f.decorators
    def_line = line_of(node)
    w.def_spans.append((def_line, node.end_point[0] + 1))
    evidence = w.param_kinds.get(def_line)
    for p in named(params):
        pname, typ, default, star = param_parts(p)
        if not pname:
            continue
        index += 1
        if in_class and index == 1 and not static:
            if "classmethod" not in f.decorators:
                f.self_name = pname
            continue
        kind, optional = annotation(typ) if typ is not None else (None, False)
        if star == "*":
            w.bind(pname, "tuple")
            dynamics.star_args(w, p)
            continue
        if star == "**":
            w.bind(pname, "dict")
            dynamics.kwargs(w, p)
            continue
        if default is not None and default.type == "none":
            optional = True
        if kind is None and default is not None and default.type not in ("none", "identifier", "attribute", "call"):
            kind = w.kind(default)
        if kind == "nonneg":
            kind = "int"  # a default of 1 says nothing about what callers pass
        if kind is None and evidence is not None:
            kind = evidence.get(pname)  # no annotation or default: what the caller's evidence says
        w.bind_param(pname, kind)  # still none: the body's uses tell, if a rule asks
        if optional:
            f.optional.add(pname)
            nones.optional_param(w, p, kind)
        elif default is None:
            pass
        elif not dynamics.mutable_default_arg(w, p, default):
            defaults.append(f"{pname}={short(default, 20)}")
    if defaults and params is not None:
        nones.default_argument(w, params, defaults)


def route_class(w: Walker, node: Node) -> None:
    name_node = node.child_by_field_id(F_NAME)
    name = text(name_node)
    bases = control.class_bases(node)
    if not control.exception_class(w, node, name_node, name, bases):
        dynamics.class_inheritance(w, node, name_node, name, bases)
    f = Frame("class", node.end_byte, node)
    f.name = name
    w.push(f)


def route_lambda(w: Walker, node: Node) -> None:
    if not node.is_named:
        return
    params = node.child_by_field_id(F_PARAMETERS)
    if w.loop is not None and w.loop.func is w.func:
        control.loop_closure_capture(w, node, node.child_by_field_id(F_BODY), params)
    f = Frame("lambda", node.end_byte, node)
    w.push(f)
    for p in named(params):
        pname = param_parts(p)[0]
        if pname:
            w.bind(pname, None)


def route_skip(w: Walker, node: Node) -> object:
    return SKIP  # annotations (nothing in them runs), parameters (the def/lambda router read them)


# ---- statements ------------------------------------------------------------------------------------


def route_return(w: Walker, node: Node) -> None:
    f = w.func
    if f.kind != "def":
        return
    vals = named(node)
    val = vals[0] if vals else None
    if val is None or val.type == "none":
        f.none_returns.append(node)
    else:
        f.value_returns += 1
        if val.type == "conditional_expression":
            nones.none_return_in_conditional(w, val)
    mark_loops(w, False)


def route_yield(w: Walker, node: Node) -> None:
    if not node.is_named:
        return
    f = w.func
    mark_loops(w, False)
    if f.kind != "def" or f.generator:
        return
    f.generator = True
    control.generator(w, node, f)


def route_break(w: Walker, node: Node) -> None:
    mark_loops(w, True)


def route_for(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    f = Frame("loop", node.end_byte, node)
    f.targets = frozenset(target_names(left))
    f.dict_iter = dict_iter(w, right)
    f.header = (line_of(node), (right or node).end_point[0] + 1)
    w.push(f)
    loop_target_kinds(w, left, right)
    dict_key_guard(w, left, right, node.end_byte)
    alt = node.child_by_field_id(F_ALTERNATIVE)
    if alt is not None:
        control.loop_else(w, alt)


def route_while(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    w.push(Frame("loop", node.end_byte, node))
    nones.truthiness(w, cond)
    guards_from(w, cond, node.end_byte, None)
    alt = node.child_by_field_id(F_ALTERNATIVE)
    if alt is not None:
        control.loop_else(w, alt)


def route_if(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    cons = node.child_by_field_id(F_CONSEQUENCE)
    nones.truthiness(w, cond)
    guards_from(w, cond, (cons or node).end_byte, node)


def route_elif(w: Walker, node: Node) -> None:
    cond = node.child_by_field_id(F_CONDITION)
    cons = node.child_by_field_id(F_CONSEQUENCE)
    nones.truthiness(w, cond)
    guards_from(w, cond, (cons or node).end_byte, None)


def route_conditional(w: Walker, node: Node) -> None:
    parts = named(node)
    if len(parts) >= 2:
        nones.truthiness(w, parts[1])
        guards_from(w, parts[1], node.end_byte, None)


def route_except(w: Walker, node: Node) -> None:
    names, header_end = control.except_names(node)
    if control.is_broad(names):
        control.broad_except(w, node, header_end)
    elif any(n in ("ZeroDivisionError", "ArithmeticError") for n in names):
        numbers.zero_division(w, node, header_end)
    else:
        control.try_except(w, node, names, header_end)


# ---- assignments -----------------------------------------------------------------------------------


def route_assignment(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    typ = node.child_by_field_id(F_TYPE)
    if left is None:
        return
    value = right
    while value is not None and value.type == "assignment":
        value = value.child_by_field_id(F_RIGHT)
    lt = left.type
    if lt == "identifier":
        kind, optional = annotation(typ) if typ is not None else (None, False)
        if kind is None:
            kind = w.kind(value)
        if w.owner.kind == "class":
            w.owner.attrs[text(left)] = kind or "?"
        else:
            w.bind(text(left), kind)
    elif lt == "attribute":
        func = w.func
        obj = left.child_by_field_id(F_OBJECT)
        if func.cls is not None and obj is not None and obj.type == "identifier" and text(obj) == func.self_name:
            kind, _ = annotation(typ) if typ is not None else (None, False)
            if kind is None:
                kind = w.kind(value)
            attr = text(left.child_by_field_id(F_ATTRIBUTE))
            if kind is not None or attr not in func.cls.attrs:
                func.cls.attrs[attr] = kind or "?"
                func.cls.attr_lines[attr] = line_of(left)
    elif lt in ("pattern_list", "tuple_pattern", "list_pattern", "tuple"):
        names = target_names(left)
        kind = None
        if value is not None and value.type == "call":
            w.marks[value.id] = "unpack"
            if w.kind(value) == "strlist":
                kind = "str"
        for n in names:
            w.bind(n, kind)
    elif lt == "subscript":
        w.roles[left.id] = "store"
        inner = left.child_by_field_id(F_VALUE)
        if inner is not None and inner.type == "subscript":
            w.roles[inner.id] = "inner"


def route_augmented(w: Walker, node: Node) -> None:
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    op = node.child_by_field_id(F_OPERATOR)
    if left is not None and left.type == "subscript":
        w.roles[left.id] = "aug"
    o = op.type[:-1] if op is not None else ""
    h = BINOPS.get(o)
    if h is not None and left is not None and right is not None:
        h(w, node, left, right)
    if o == "+" and w.loop is not None and w.kind(left) == "str":
        mark_loops(w, False)


def route_delete(w: Walker, node: Node) -> None:
    for c in named(node):
        for t in ([c] if c.type != "expression_list" else named(c)):
            if t.type == "subscript":
                w.roles[t.id] = "del"


# ---- subscripts ------------------------------------------------------------------------------------


def route_subscript(w: Walker, node: Node) -> None:
    value = node.child_by_field_id(F_VALUE)
    subs = node.children_by_field_name("subscript")
    if value is None or not subs:
        return
    role = w.roles.get(node.id)
    idx = subs[0]
    if idx.type == "slice":
        if role is None:
            start, stop, step = strings.slice_parts(idx)
            if step is not None:
                strings.slice_step(w, node, value, start, stop, step)
            elif is_neg_literal(start) or is_neg_literal(stop):
                strings.negative_index_in_slice(w, node)
            else:
                strings.slice_bounds(w, node, value, start, stop)
        return
    if role == "store":
        push_guard(w, text(idx, 120), text(value, 120), w.frames[-1].end)  # d[k] is there from now on
        dicts.nil_map_write(w, node, value)
    vk = w.kind(value)
    if len(subs) > 1 or idx.type == "tuple":
        dicts.map_composite_key(w, node, vk)
        return
    if is_neg_literal(idx):
        strings.negative_index(w, node, value, idx)
        return
    if vk == "str":
        if role is None:
            strings.str_index_bytes(w, node)
        return
    if not dicts.dictish(w, value, idx, vk):
        return
    if role is None:
        dicts.dict_index_keyerror(w, node, value, idx, vk)
    elif role == "del":
        dicts.dict_del(w, node, value, idx)


# ---- operators -------------------------------------------------------------------------------------


def route_modulo(w: Walker, node: Node, left: Node, right: Node) -> None:
    if left.type in ("string", "concatenated_string") or w.kind(left) == "str":
        strings.percent_format(w, node, left)
    else:
        numbers.modulo_sign(w, node, left, right)


# binary (and augmented) operator → its rule check
BINOPS: dict[str, Callable[[Walker, Node, Node, Node], None]] = {
    "//": numbers.floor_division, "%": route_modulo, "**": numbers.power_operator, "/": numbers.true_division,
    "*": strings.sequence_repeat, "<<": numbers.unbounded_int_shift,
}


def route_binary(w: Walker, node: Node) -> None:
    op = node.child_by_field_id(F_OPERATOR)
    if op is None:
        return
    h = BINOPS.get(op.type)
    if h is None:
        return
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    if left is not None and right is not None:
        h(w, node, left, right)


def route_not(w: Walker, node: Node) -> None:
    nones.truthiness(w, node.child_by_field_id(F_ARGUMENT), negated=True)


def route_boolean(w: Walker, node: Node) -> None:
    op = node.child_by_field_id(F_OPERATOR)
    left = node.child_by_field_id(F_LEFT)
    right = node.child_by_field_id(F_RIGHT)
    if op is None or left is None or right is None:
        return
    if op.type == "and":
        guards_from(w, left, node.end_byte, None)
        return
    nones.or_default(w, node, left, right)


def route_compare(w: Walker, node: Node) -> None:
    ops = node.children_by_field_name("operators")
    parts = named(node)
    if len(ops) >= 2:
        control.chained_comparison(w, node, ops, parts)
        return
    if len(ops) != 1 or len(parts) != 2:
        return
    o = ops[0].type
    left, right = parts
    if o in ("in", "not in"):
        rk = dicts.keys_kind(w, right)
        dicts.dict_in(w, node, left, right, rk)
        dicts.membership_test(w, node, left, right, rk)
        return
    if o in ("is", "is not", "==", "!="):
        other = right if left.type == "none" else left if right.type == "none" else None
        if other is not None:
            nones.is_none_check(w, node, other)
            return
        for a in (left, right):
            if a.type == "call" and text(a.child_by_field_id(F_FUNCTION)) == "type":
                dynamics.isinstance_check_type_compare(w, node)
                return
        if o in ("==", "!="):
            for a, b in ((left, right), (right, left)):
                if b.type == "integer" and text(b) == "0" and a.type == "binary_operator":
                    aop = a.child_by_field_id(F_OPERATOR)
                    if aop is not None and aop.type == "%":
                        w.marks[a.id] = "modzero"  # x % n == 0 is the same in Go


# ---- literals --------------------------------------------------------------------------------------


def route_dictionary(w: Walker, node: Node) -> None:
    if node.named_child_count < 2:
        return
    dicts.map_composite_key_in_literal(w, node)
    dicts.map_mixed_values(w, node)


def route_comprehension(w: Walker, node: Node) -> None:
    clauses = [c for c in node.named_children if c.type == "for_in_clause"]
    if not clauses:
        return
    dicts.map_iteration_order_in_comprehension(w, node, clauses[0].child_by_field_id(F_RIGHT))
    w.push(Frame("lambda", node.end_byte, node))  # comprehension variables live in their own scope
    for c in clauses:
        loop_target_kinds(w, c.child_by_field_id(F_LEFT), c.child_by_field_id(F_RIGHT))


def route_string(w: Walker, node: Node) -> object:
    s = node.start_byte  # an f, rf or Fr prefix? (the only strings with something inside to check)
    if b"f" not in w.src[s : s + 3].split(b'"')[0].split(b"'")[0].lower():
        return SKIP  # plain string: nothing inside to check
    strings.fstring_format_spec(w, node)
    numbers.float_format_in_fstring(w, node)
    return None


# ---- imports ---------------------------------------------------------------------------------------


def route_import(w: Walker, node: Node) -> object:
    for c in node.named_children:
        if c.type == "dotted_name":
            module, alias = text(c), text(c).split(".", 1)[0]
            w.imports[alias] = alias
        elif c.type == "aliased_import":
            module = text(c.child_by_field_id(F_NAME))
            alias = text(c.child_by_field_id(F_ALIAS))
            w.imports[alias] = module
        else:
            continue
        libraries.library_note(w, c, module)
    return SKIP


def route_import_from(w: Walker, node: Node) -> object:
    mod = node.child_by_field_id(F_MODULE_NAME)
    if mod is None or mod.type == "relative_import":
        return SKIP
    module = text(mod)
    for c in node.children_by_field_name("name"):
        if c.type == "dotted_name":
            w.imports[text(c)] = f"{module}.{text(c)}"
        elif c.type == "aliased_import":
            w.imports[text(c.child_by_field_id(F_ALIAS))] = f"{module}.{text(c.child_by_field_name('name'))}"
    names = [text(c) for c in node.children_by_field_name("name") if c.type == "dotted_name"]
    if module == "os" and "path" in names:
        module = "os.path"
    libraries.library_note(w, node, module)
    return SKIP


# ---- calls -----------------------------------------------------------------------------------------


def key_lambda_guard(w: Walker, node: Node, fn: Node, recv: Node | None, args: Node | None) -> None:
    """max(d, key=lambda k: d[k]): d[k] is safe inside the lambda."""
    if recv is not None:
        return
    pos, kw, _ = call_args(args)
    if len(pos) == 1 and "key" in kw:
        key = kw["key"]
        if key.type == "lambda" and pos[0].type in ("identifier", "attribute"):
            params = named(key.child_by_field_id(F_PARAMETERS))
            if len(params) == 1 and params[0].type == "identifier":
                push_guard(w, text(params[0]), text(pos[0], 120), key.end_byte)


_JSON = ("loads", "load", "dumps", "dump", "json")
_CALL_TABLE: list[tuple[tuple[str, ...], CallCheck]] = [
    (("get",), dicts.dict_get_none),
    (("get",), dicts.dict_get_default),
    (("setdefault",), dicts.dict_setdefault),
    (("pop",), dicts.dict_pop),
    (("defaultdict",), dicts.defaultdict),
    (("Counter",), dicts.counter),
    (("max", "min"), dicts.map_iteration_order_in_max_min),
    (("max", "min"), key_lambda_guard),
    (("list", "tuple", "next", "iter", "enumerate"), dicts.map_iteration_order_in_call),
    (_JSON, dicts.json_key_order),
    (_JSON, nones.json_null),
    (("round",), numbers.round_half_even),
    (("int", "float"), numbers.int_parse_error),
    (("str",), numbers.float_format),
    (("print",), numbers.float_format_in_print),
    (("pow", "factorial", "comb", "perm"), numbers.unbounded_int_call),
    (("split", "rsplit"), strings.str_split),
    (("strip", "lstrip", "rstrip"), strings.str_strip_chars),
    (("format",), strings.str_format_method),
    (("len",), strings.str_len_bytes),
    (("index",), control.list_index_valueerror),
    (("sorted", "sort"), dynamics.sort_stability),
    (("zip",), dynamics.zip_truncate),
    (("getattr", "setattr", "hasattr", "delattr", "vars"), dynamics.dynamic_attr),
    (("eval", "exec", "__import__", "import_module", "compile"), dynamics.eval_exec),
    (("isinstance", "issubclass"), dynamics.isinstance_check),
    (_JSON, dynamics.json_dumps_format),
    (tuple(libraries.REGEX_FUNCS), libraries.regex_re2),
    (("match", "fullmatch"), libraries.regex_match_anchor),
    (("now", "utcnow", "today", "fromtimestamp", "utcfromtimestamp"), libraries.datetime_naive),
    (("isoformat", "strftime", "strptime", "fromisoformat"), libraries.datetime_format),
]

# called name → its rule checks (bytes: node.text is bytes, so no decode per call)
CALLS: dict[bytes, tuple[CallCheck, ...]] = {}
for _names, _check in _CALL_TABLE:
    for _name in _names:
        CALLS[_name.encode()] = CALLS.get(_name.encode(), ()) + (_check,)

_ORDER_CALLS = frozenset({b"append", b"extend", b"insert", b"appendleft", b"write", b"writelines", b"print", b"put", b"send", b"join"})
_IMMEDIATE = frozenset({b"sorted", b"sort", b"map", b"filter", b"min", b"max", b"any", b"all", b"reduce", b"sum", b"groupby"})
_INSENSITIVE = frozenset({b"sum", b"len", b"any", b"all", b"set", b"frozenset", b"dict", b"Counter", b"sorted", b"min", b"max"})


def route_call(w: Walker, node: Node) -> None:
    fn = node.child_by_field_id(F_FUNCTION)
    if fn is None:
        return
    ft = fn.type
    if ft == "identifier":
        name = fn.text or b""
        recv = None
    elif ft == "attribute":
        attr = fn.child_by_field_id(F_ATTRIBUTE)
        if attr is None:
            return
        name = attr.text or b""
        recv = fn.child_by_field_id(F_OBJECT)
        if recv is not None and recv.type == "call" and name in (b"append", b"extend", b"add", b"update", b"insert"):
            w.marks[recv.id] = "mutated"
    else:
        return
    if w.loop is not None and name in _ORDER_CALLS:
        mark_loops(w, False)
    args = None
    if name in _IMMEDIATE or name in _INSENSITIVE:
        args = node.child_by_field_id(F_ARGUMENTS)
        pos, kw, _ = call_args(args)
        for a in pos + list(kw.values()):
            if a.type == "lambda" and name in _IMMEDIATE:
                w.marks[a.id] = "immediate"
        if name in _INSENSITIVE and pos and "key" not in kw and pos[0].type in ("generator_expression", "list_comprehension"):
            w.marks[pos[0].id] = "insensitive"
    if w.imports and w.func.kind == "def":
        libraries.library_use(w, node, fn)
    checks = CALLS.get(name)
    if checks is not None:
        if args is None:
            args = node.child_by_field_id(F_ARGUMENTS)
        for check in checks:
            check(w, node, fn, recv, args)


# ---- the table -------------------------------------------------------------------------------------

# node type → its routers, in the order they run
ROUTES: dict[str, tuple[Router, ...]] = {
    "decorated_definition": (dynamics.decorator,),
    "function_definition": (route_def,),
    "class_definition": (route_class,),
    "lambda": (route_lambda,),
    "return_statement": (route_return,),
    "yield": (route_yield,),
    "break_statement": (route_break,),
    "for_statement": (route_for,),
    "while_statement": (route_while,),
    "if_statement": (route_if,),
    "elif_clause": (route_elif,),
    "conditional_expression": (route_conditional,),
    "with_statement": (control.with_statement,),
    "except_clause": (route_except,),
    "finally_clause": (control.try_finally,),
    "raise_statement": (control.raise_error,),
    "global_statement": (control.global_statement,),
    "nonlocal_statement": (control.nonlocal_statement,),
    "assert_statement": (control.assert_statement,),
    "match_statement": (control.match_statement,),
    "type": (route_skip,),
    "parameters": (route_skip,),
    "lambda_parameters": (route_skip,),
    "assignment": (route_assignment,),
    "augmented_assignment": (route_augmented,),
    "delete_statement": (route_delete,),
    "subscript": (route_subscript,),
    "binary_operator": (route_binary,),
    "integer": (numbers.unbounded_int,),
    "not_operator": (route_not,),
    "boolean_operator": (route_boolean,),
    "comparison_operator": (route_compare,),
    "dictionary": (route_dictionary,),
    "list_comprehension": (route_comprehension,),
    "generator_expression": (route_comprehension,),
    "set_comprehension": (route_comprehension,),
    "dictionary_comprehension": (route_comprehension,),
    "string": (route_string,),
    "import_statement": (route_import,),
    "import_from_statement": (route_import_from,),
    "call": (route_call,),
}
