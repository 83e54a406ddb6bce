"""Package decorators the translator sees through (gotui/parse/decorators.py says which: those whose
wrapper only warns). The Go function is then the wrapped function's own translation, with a note and,
for a deprecation, Go's `Deprecated:` doc paragraph (read by gopls and staticcheck): Go has no
run-time warnings."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from gotui.llm.rules.package import FuncInfo, ModuleInfo, PackageInfo
from gotui.parse.decorators import warning_wrapper


@dataclass(frozen=True)
class WarningDecorator:
    """A package decorator whose wrapper only warns and calls the function."""

    name: str  # the decorator's name, as applied
    deprecation: bool  # its warning is a deprecation (DeprecationWarning, or a decorator named so)


def warning_decorator(pkg: PackageInfo, module: ModuleInfo, d: ast.expr) -> WarningDecorator | None:
    """What `@d` (applied in `module`) is when the translator can see it only warns; else None."""
    target = d.func if isinstance(d, ast.Call) else d
    if not isinstance(target, ast.Name):
        return None
    found = pkg.resolve(module, target.id)
    if found is None or found[0] != "function":
        return None
    fn: FuncInfo = found[1]  # type: ignore[assignment]
    key = f"warning-decorator:{fn.key}:{isinstance(d, ast.Call)}"
    if key not in pkg.cache:
        pkg.cache[key] = warning_wrapper(fn.node, called=isinstance(d, ast.Call))
    warning = pkg.cache[key]
    if warning is None:
        return None
    deprecation = "deprecat" in target.id.lower() or "Deprecation" in str(warning) or "Deprecation" in ast.unparse(d)
    return WarningDecorator(target.id, deprecation)
