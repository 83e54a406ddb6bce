"""Module-level loggers (`logger = logging.getLogger(__name__)`) and the `logging` module itself: the
calls on them become Go's log/slog (logs.py). A logger is no Go value: each call names it
(`slog.Info(msg, "logger", "shop.orders")`), so whatever handler the program sets at startup with
slog.SetDefault is the one used, as Python's configuration applies to every logger."""

from __future__ import annotations

import ast
from pathlib import PurePosixPath

from gotui.llm.rules.package import ModuleInfo, PackageInfo
from gotui.llm.rules.static_value import const_assignment

# logging's methods -> slog's functions; `exception` logs at error level (slog adds no traceback)
LEVELS = {"debug": "Debug", "info": "Info", "warning": "Warn", "warn": "Warn", "error": "Error", "exception": "Error"}
NOT_A_VALUE = "a logging.Logger: only calls on it (logger.info(...)) are translated, to log/slog"


def _is_logging(pkg: PackageInfo, mod: ModuleInfo, node: ast.expr) -> bool:
    """`logging`, imported as the standard module."""
    if not isinstance(node, ast.Name):
        return False
    found = pkg.resolve(mod, node.id)
    return found is not None and found[0] == "import" and found[1] == ("logging", "")


def _is_get_logger(pkg: PackageInfo, mod: ModuleInfo, func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return func.attr == "getLogger" and _is_logging(pkg, mod, func.value)
    if isinstance(func, ast.Name):
        found = pkg.resolve(mod, func.id)
        return found is not None and found[0] == "import" and found[1] == ("logging", "getLogger")
    return False


def module_name(path: str) -> str:
    """The dotted name `__name__` has for a module at `path` (a leading `src/` is the usual layout's root)."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if len(parts) > 1 and parts[0] == "src":
        parts.pop(0)
    return ".".join(parts)


def logger_name(pkg: PackageInfo, mod: ModuleInfo, name: str) -> str | None:
    """The name of the logger that the module-level `name` of `mod` is (`logging.getLogger(__name__)`,
    or a literal name, or none for the root), also when imported from a sibling; None when it is no logger."""
    found = const_assignment(pkg, mod, name)
    if found is None:
        return None
    value, owner, _ = found
    if not (isinstance(value, ast.Call) and _is_get_logger(pkg, owner, value.func) and not value.keywords and len(value.args) <= 1):
        return None
    if not value.args:
        return "root"
    arg = value.args[0]
    if isinstance(arg, ast.Name) and arg.id == "__name__":
        return module_name(owner.path)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def log_target(pkg: PackageInfo, mod: ModuleInfo, node: ast.expr) -> str | None:
    """The logger name when `node` (the object of a call `node.info(...)`) is a module logger or the
    `logging` module (its root logger); else None."""
    if not isinstance(node, ast.Name):
        return None
    if _is_logging(pkg, mod, node):
        return "root"
    return logger_name(pkg, mod, node.id)
