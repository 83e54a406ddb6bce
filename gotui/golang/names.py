"""Go names for Python names: one place, so the translators, the ledger and the layout agree."""

from __future__ import annotations

import keyword
import re

GO_KEYWORDS = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
    "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
    "switch", "type", "var",
}

# The comment on a struct field whose Python attribute is a class-level None until an instance sets its
# own: the translator writes it, `gotui check` reads it (a traced `self` without the attribute is nil there).
NIL_DEFAULT = "nil until set: the class-level None"

# Common initialisms kept upper case, as golint wants (`user_id` -> `UserID`).
INITIALISMS = {"id", "url", "http", "json", "api", "sku", "vat", "uuid", "sql", "html", "xml", "ip", "uri", "csv", "io"}


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"_+", name) if w]


def camel(name: str, exported: bool) -> str:
    """`add_item` -> `AddItem` (exported) or `addItem`; dunder and leading underscores dropped."""
    words = _words(name.strip("_")) or ["x"]
    out = []
    for i, w in enumerate(words):
        if i == 0 and not exported:  # `_Utc` -> `utc`: an unexported name never equals an exported type's
            out.append(w[:1].lower() + w[1:] if w.lower() not in INITIALISMS else w.lower())
        elif w.lower() in INITIALISMS:
            out.append(w.upper())
        else:
            out.append(w[:1].upper() + w[1:])
    result = "".join(out)
    if not exported and result in GO_KEYWORDS:
        result += "_"
    return result


def is_exported(py_name: str) -> bool:
    return not py_name.startswith("_")


def go_func_name(py_name: str) -> str:
    """The Go name of a top-level function or method: exported unless the Python name is private.

    A class-private `__x` (name-mangled in Python) gets a trailing `_`, so it never collides with
    `_x` or the special method `__x__` of the same class (`__delitem` / `__delitem__` -> `delitem_` / `delitem`).
    """
    name = camel(py_name, exported=is_exported(py_name))
    if py_name.startswith("__") and not py_name.endswith("__") and not name.endswith("_"):
        name += "_"
    if name in GO_PREDECLARED:  # `_ERROR` -> `error_`: a package-level `error` would hide Go's error type
        name += "_"
    return name


def go_type_name(py_class: str) -> str:
    return py_class if py_class[:1].isupper() else camel(py_class, exported=True)


def module_type_prefix(path: str) -> str:
    """A module's name as a Go type-name prefix (`slugify/special.py` -> `Special`; a package's
    `__init__.py` -> its folder's name)."""
    folder, _, file = path.rpartition("/")
    stem = file.removesuffix(".py")
    if stem == "__init__":
        stem = folder.rsplit("/", 1)[-1] or "pkg"
    return go_type_name(stem)


def unique_class_name(name: str, outer_qualname: str, path: str, taken: set[str]) -> str:
    """A class's Go type name, unique in its Go package (one folder, one namespace): its own name, else
    prefixed by its outer class (`LFUCache._Link` -> `LFUCacheLink`), else by its module, else numbered.
    The name and its constructor's, `New<name>`, are added to `taken`. The translator and the model's
    plan name classes with this one rule, so their Go agrees."""
    base = go_type_name(name)
    candidates = [base] + ([go_type_name(outer_qualname.replace(".", "_")) + base] if outer_qualname else [])
    candidates.append(module_type_prefix(path) + base)
    chosen = next((n for n in candidates if n not in taken and f"New{n}" not in taken), None)
    k = 2
    while chosen is None:
        chosen = f"{base}{k}" if f"{base}{k}" not in taken else None
        k += 1
    taken.update({chosen, f"New{chosen}"})
    return chosen


# Go's predeclared identifiers and the std packages translated code imports: a local with one of
# these names would shadow it.
GO_PREDECLARED = {
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
    "panic", "print", "println", "real", "recover", "bool", "byte", "error", "float32", "float64", "int", "int8",
    "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any",
    "comparable", "true", "false", "nil", "iota", "err",
    "fmt", "strings", "strconv", "math", "sort", "slices", "maps", "errors", "unicode", "utf8", "iter", "slog", "cmp",
}


def go_local_name(py_name: str) -> str:
    """A parameter or local variable: never a Go keyword, and never shadowing a builtin or an imported package."""
    name = camel(py_name, exported=False)
    clash = name in GO_KEYWORDS or name in GO_PREDECLARED or keyword.iskeyword(name)
    return name + "_" if clash else name


def go_const_name(py_name: str) -> str:
    """`VAT_RATES` -> `VATRates`, `_LIMIT` -> `limit`: ALL_CAPS constants read as words."""
    if py_name.strip("_").isupper():
        lead = "_" * (len(py_name) - len(py_name.lstrip("_")))
        return go_func_name(lead + py_name.lstrip("_").lower())
    return go_func_name(py_name)


def enum_member_var(type_go: str, member: str) -> str:
    """The package variable of an enum member: `Unit` and `SECONDS` -> `UnitSeconds`."""
    name = go_const_name(member)
    return type_go + name[:1].upper() + name[1:]


def go_package_name(folder: str) -> str:
    """Package name from a folder name: lower case letters and digits only."""
    name = re.sub(r"[^a-z0-9]", "", folder.lower())
    if not name or name[0].isdigit():
        name = "pkg" + name
    return name if name not in GO_KEYWORDS else name + "pkg"


def receiver_name(py_class: str) -> str:
    return go_type_name(py_class)[:1].lower() or "r"


def exported(name: str) -> str:
    """`name` with its first letter upper case: `nameLower` -> `NameLower`."""
    return name[:1].upper() + name[1:]


def cache_field_name(go_name: str) -> str:
    """The unexported struct field that keeps a @cached_property's value once read (`cachedNameLower`
    for `NameLower`): the translator writes it (llm/rules/cached.py), the check reads it
    (verify/receivers.py)."""
    return "cached" + exported(go_name)
