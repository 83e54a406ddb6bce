"""Evidence per unit that the Go does what the Python did: build, vet and differential tests.

`run_check(project)` is what `gotui check` and the review screen call; `compile_errors(go)` is for
the translator's repair loop; `evidence_files(results)` gives the tests to commit beside the Go.

The names are imported on first use (PEP 562): the review screen imports `gotui.verify.jail` for
the status bar, and that must not load the checker, the translator and git before the first paint.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "NoGoToolchain": "gotui.golang.toolchain",
    "BuildError": "gotui.verify.build", "compile_errors": "gotui.verify.build",
    **{name: "gotui.verify.check" for name in ("BUILD_FAILED", "DIVERGED", "PASS", "STATUSES", "UNTESTED", "CheckResult",
                                              "evidence_files", "run_check")},
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'gotui.verify' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
