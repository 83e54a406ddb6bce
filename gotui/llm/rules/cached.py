"""`@functools.cached_property` (and Django's, which behaves the same): a getter whose first read is kept.

Python runs the getter on the first read and stores its result in the instance; later reads return
that result, even when the fields it was computed from have changed since. A Go method that
recomputed on every read would differ there, so the struct gets a field for the kept value (a
pointer: nil until the first read) and the getter is two methods: the exported one reads the field
and fills it on the first call, an unexported one holds the translated body. A read that raises
keeps nothing, as in Python.

What stays refused (where it is lowered): assigning the attribute (Python stores the value in its
place) and deleting it (Python forgets it, so the next read runs the getter again).
"""

from __future__ import annotations

from gotui.golang.names import cache_field_name, exported, go_func_name
from gotui.llm.rules.inherit import enum_members
from gotui.llm.rules.package import ClassInfo, FuncInfo, PackageInfo, Signature
from gotui.llm.rules.signatures import signature_of
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import go_type


def cache_field(f: FuncInfo) -> str:
    """The struct field that keeps the value of the cached property `f` (unexported)."""
    return cache_field_name(f.go_name)


def compute_name(f: FuncInfo) -> str:
    """The unexported method that holds the getter's translated body."""
    return "compute" + exported(f.go_name)


def cached_getters(cls: ClassInfo) -> list[FuncInfo]:
    return [m for m in cls.methods.values() if m.cached]


def cache_fields(pkg: PackageInfo, cls: ClassInfo, taken: set[str]) -> list[tuple[str, str]]:
    """(Go field, Go type) for each cached property of the class: a pointer to the getter's result.
    A getter with no Go signature, with other than one result, or whose Go names another member of the
    class has (clash), gets none: its unit is a stub that says why (cached_getter), and refers to no field."""
    out = []
    for m in cached_getters(cls):
        try:
            results = signature_of(pkg, m).result_types()
        except Unsupported:
            continue
        if len(results) != 1 or clash(cls, m, taken):
            continue
        out.append((cache_field(m), "*" + go_type(results[0])))
    return out


def clash(cls: ClassInfo, m: FuncInfo, fields: set[str]) -> bool:
    """Whether the Go names a cached property needs are a field's (`fields`: Go names) or a method's."""
    names = {cache_field(m), compute_name(m)}
    return bool(names & fields) or any(go_func_name(n) in names for n in cls.methods)


def cached_getter(pkg: PackageInfo, f: FuncInfo, sig: Signature, recv: str, computed: str) -> str:
    """The exported getter of a cached property around `computed`, the translated getter (its header
    names the method f.go_name; it becomes compute_name(f))."""
    if f.cls is None or f.cls.is_exception or enum_members(f.cls) is not None:
        raise Unsupported(f"@cached_property `{f.name}` of an exception or enum class (its Go keeps no value)")
    results = sig.result_types()
    if len(results) != 1:
        raise Unsupported(f"@cached_property `{f.name}` returns {'nothing' if not results else 'several values'}")
    if clash(f.cls, f, {go_func_name(n) for n in pkg.class_fields(f.cls)}):
        raise Unsupported(f"@cached_property `{f.name}`: the Go name {cache_field(f)} or {compute_name(f)} is another member's in {f.cls.name}")
    header = f"func ({recv} *{f.cls.go_name}) {f.go_name}(){sig.results_go()} {{"  # type: ignore[union-attr]
    renamed = computed.replace(header, f"func ({recv} *{f.cls.go_name}) {compute_name(f)}(){sig.results_go()} {{", 1)  # type: ignore[union-attr]
    if renamed == computed:
        raise Unsupported(f"@cached_property `{f.name}`: its getter's header is not the one expected")
    field = f"{recv}.{cache_field(f)}"
    if sig.raises:
        fill = [f"\t\tv, err := {recv}.{compute_name(f)}()", "\t\tif err != nil {", "\t\t\treturn v, err", "\t\t}"]
        done = f"\treturn *{field}, nil"
    else:
        fill = [f"\t\tv := {recv}.{compute_name(f)}()"]
        done = f"\treturn *{field}"
    lines = [
        f"// {f.go_name} is the @cached_property {f.name}: the first read runs {compute_name(f)} and keeps its value in",
        f"// {cache_field(f)}; later reads return that value, as Python's do, even if the fields it came from changed.",
        header, f"\tif {field} == nil {{", *fill, f"\t\t{field} = &v", "\t}", done, "}", "",
    ]
    return "\n".join(lines) + "\n" + renamed
