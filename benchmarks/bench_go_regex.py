"""What a translated function that uses a regular expression costs per call in Go: its pattern kept
once per program (pyRe, as translated now) against compiled in the function's body on every call
(regexp.MustCompile, as translated before).

inflection (benchmarks/reallibs/vendor, untouched) is translated by the offline translator; its
converted functions that use a pattern (underscore, camelize, humanize) run under `go test -bench`
in both forms, and the script prints ns per call and the ratio.

    .venv/bin/python benchmarks/bench_go_regex.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from gotui.golang.assemble import render_file
from gotui.golang.helpers import HELPER_FILE, helper_source
from gotui.golang.toolchain import require_toolchain
from gotui.llm.base import TranslationRequest
from gotui.llm.rules import RulesTranslator
from gotui.parse.units import parse_module

SOURCE = Path(__file__).resolve().parent / "reallibs/vendor/inflection-0.5.1/inflection/__init__.py"
CALLS = {  # Go function -> a call on a typical word
    "Underscore": 'Underscore("DeviceTypeHTTPServer")',
    "Camelize": 'Camelize("device_type_http_server", true)',
    "Humanize": 'Humanize("employee_salary_id")',
}
BENCH = """package x

import "testing"

var sink string

{benches}
"""
ONE = """func Benchmark{name}(b *testing.B) {{
	for i := 0; i < b.N; i++ {{
		sink = {call}
	}}
}}
"""
LINE = re.compile(r"^Benchmark(\w+)-?\d*\s+\d+\s+([\d.]+) ns/op", re.M)


def translated() -> list[str]:
    """The Go of the converted functions CALLS names (they call only helpers and each other)."""
    module = parse_module("inflection/__init__.py", SOURCE.read_bytes())
    tr = RulesTranslator(modules=[module])
    texts = []
    for unit in module.units:
        t = tr.translate(TranslationRequest(unit=unit, module=module))
        if t.status == "converted" and any(f"func {name}(" in t.go for name in CALLS):
            texts.append(t.go)
    return texts


def run(texts: list[str], folder: Path) -> dict[str, float]:
    folder.mkdir()
    (folder / "go.mod").write_text("module x\n\ngo 1.23\n")
    (folder / "x.go").write_text(render_file("x", texts))
    (folder / HELPER_FILE).write_text(helper_source("x", texts))
    (folder / "x_test.go").write_text(BENCH.format(benches="\n".join(ONE.format(name=n, call=c) for n, c in CALLS.items())))
    proc = require_toolchain().run(["test", "-run", "^$", "-bench", ".", "-benchtime", "20000x", "-count", "3"], cwd=folder, timeout=600)
    if proc.returncode != 0:
        sys.exit(proc.stdout + proc.stderr)
    best: dict[str, float] = {}
    for name, ns in LINE.findall(proc.stdout):
        best[name] = min(best.get(name, float("inf")), float(ns))
    return best


def main() -> int:
    texts = translated()
    used = [n for n in CALLS if any(f"func {n}(" in t and "pyRe(" in t for t in texts)]
    if len(used) != len(CALLS):
        sys.exit(f"expected {', '.join(CALLS)} converted with a pattern; got {', '.join(used) or 'none'}")
    # the form before pyRe: the pattern compiled where it is used
    before = [t.replace("pyRe(", "regexp.MustCompile(") for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        now = run(texts, Path(tmp) / "now")
        old = run(before, Path(tmp) / "before")
    print(f"{'function':<12} {'compiled per call':>18} {'pyRe (kept)':>12} {'ratio':>7}")
    for name in CALLS:
        print(f"{name:<12} {old[name]:>15.0f} ns {now[name]:>9.0f} ns {old[name] / now[name]:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
