"""Naming rules the translator adds on top of gotui.golang.names (proposed for names.py; see the report)."""

from __future__ import annotations

from gotui.golang.names import go_func_name, go_local_name

# Go's predeclared identifiers and the std packages translated code imports: a local with one of
# these names would shadow it.
GO_PREDECLARED = {
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
    "panic", "print", "println", "real", "recover", "bool", "byte", "error", "float32", "float64", "int", "int8",
    "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any",
    "comparable", "true", "false", "nil", "iota", "err",
    "fmt", "strings", "strconv", "math", "sort", "slices", "maps", "errors", "unicode", "utf8",
}


def local_name(py: str) -> str:
    name = go_local_name(py)
    return name + "_" if name in GO_PREDECLARED else name


def const_name(py: str) -> str:
    """`VAT_RATES` -> `VATRates`, `_LIMIT` -> `limit`: ALL_CAPS constants read as words."""
    if py.strip("_").isupper():
        lead = "_" * (len(py) - len(py.lstrip("_")))
        return go_func_name(lead + py.lstrip("_").lower())
    return go_func_name(py)
