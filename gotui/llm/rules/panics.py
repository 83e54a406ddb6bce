"""What the raise analysis (raisekinds.implicit_kinds) knows of calls it does not read: the built-ins and
methods that cannot raise, and the exception kinds the Go lowering of the others raises as a panic."""

from __future__ import annotations

SAFE_CALLS = {"len", "str", "bool", "abs", "sum", "range", "enumerate", "zip", "list", "set", "dict", "print", "any", "all", "reversed", "sorted", "isinstance", "map", "filter",
              "next", "iter"}  # next(iter(xs)) returns its StopIteration as an error (calls.first_of)
SAFE_METHODS = {
    "get", "append", "extend", "add", "discard", "items", "keys", "values", "copy", "clear", "update", "setdefault",
    "strip", "lstrip", "rstrip", "lower", "upper", "startswith", "endswith", "join", "replace", "find", "rfind", "count",
    "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isdecimal", "removeprefix", "removesuffix", "sort",
    "reverse", "insert", "zfill", "format", "index",
    # a match object's: a group the pattern lacks raises IndexError, but such a call is refused where it is lowered
    "group", "groups", "start", "end", "span", "groupdict",
}
CALL_PANICS = {
    "min": {"ValueError"}, "max": {"ValueError"}, "round": {"OverflowError", "ValueError"}, "int": {"OverflowError", "ValueError"},
    "float": set(), "ord": {"TypeError"}, "chr": {"ValueError", "OverflowError"}, "divmod": {"ZeroDivisionError"}, "pow": {"ValueError", "OverflowError", "ZeroDivisionError"},
}
CHECKED_CALLS = {"chr"}  # in a try: lowered to the helper's ...Err form where a handler catches its failure (builtins.b_chr)
METHOD_PANICS = {"pop": {"IndexError", "KeyError"}, "remove": {"ValueError", "KeyError"}, "split": {"ValueError"}, "capitalize": set(),
                 "move_to_end": {"KeyError"}}
# in a try: lowered to the helper's ...Err form where a handler catches its failure (odicts.py)
CHECKED_METHODS = {"move_to_end"}
# math.f(...) as builtins.math_call lowers it: what its helper raises as a panic (a domain error, an int
# that cannot hold an infinity); the functions of math not named here raise nothing there
_FLOORS = {"ValueError", "OverflowError"}
MATH_PANICS = {"sqrt": {"ValueError"}, "log": {"ValueError", "ZeroDivisionError"}, "log10": {"ValueError"}, "log2": {"ValueError"},
               "floor": _FLOORS, "ceil": _FLOORS, "trunc": _FLOORS, "fabs": set(), "sin": set(), "cos": set(), "tan": set(),
               "atan": set(), "atan2": set(), "hypot": set(), "copysign": set(), "isnan": set(), "isinf": set(),
               "isfinite": set(), "gcd": set()}
# functions of other std modules that builtins.std_call lowers to a helper, and what it raises as a panic
# os.path's functions raise only TypeError, for what is not a str (the translation takes str)
PATH_FUNCTIONS = {"join": set(), "split": set(), "basename": set(), "dirname": set(), "splitext": set(),
                  "normpath": set(), "isabs": set()}
MODULE_PANICS = {"math": MATH_PANICS, "unicodedata": {"category": {"TypeError"}}, "os.path": PATH_FUNCTIONS,
                 "posixpath": PATH_FUNCTIONS}
