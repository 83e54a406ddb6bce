"""Evidence per unit that the Go does what the Python did: build, vet and differential tests.

`run_check(project)` is what `gotui check` and the review screen call; `compile_errors(go)` is for
the translator's repair loop; `evidence_files(results)` gives the tests to commit beside the Go.
"""

from gotui.golang.toolchain import NoGoToolchain
from gotui.verify.build import BuildError, compile_errors
from gotui.verify.check import BUILD_FAILED, DIVERGED, PASS, STATUSES, UNTESTED, CheckResult, evidence_files, run_check

__all__ = [
    "BUILD_FAILED", "DIVERGED", "PASS", "STATUSES", "UNTESTED", "BuildError", "CheckResult", "NoGoToolchain",
    "compile_errors", "evidence_files", "run_check",
]
