"""Does the rules translator's Go build and vet on the real libraries, partial units included?

bench_reallibs.py builds only what `accept` takes (converted units). Partial Go is shown to the
reviewer and may be accepted after an edit, so it must build too: this translates every unit of each
library (as `gotui convert` does), assembles the converted and partial Go of each library into one
module, and runs `go build` + `go vet`, leaving out failing units until the rest is clean. It prints
every unit left out with its first error.

    .venv/bin/python benchmarks/translate/build_reallibs.py [--only NAME ...] [--trace]

`--trace` runs each library's own tests under `gotui trace` first (as tally_reallibs.py does), so the
Go built is the one the trace's evidence gives (unions narrowed by the trace, docs/evidence.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reallibs.libs import LIBS, make_repo, test_command, test_requirements  # noqa: E402

from gotui.golang.assemble import GoUnit, module_path_for  # noqa: E402
from gotui.golang.toolchain import require_toolchain  # noqa: E402
from gotui.llm.rules import RulesTranslator  # noqa: E402
from gotui.session.project import Project  # noqa: E402
from gotui.vcs.publish import module_preamble_for  # noqa: E402
from gotui.verify.build import branch_assembler, build_units  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--exclude", nargs="*", default=[], help="leave out units whose id contains one of these")
    ap.add_argument("--trace", action="store_true", help="run the library's own tests under `gotui trace` first")
    args = ap.parse_args()
    tc = require_toolchain()
    bad = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for lib in LIBS:
            if args.only and lib.name not in args.only:
                continue
            repo = make_repo(lib, Path(tmp) / lib.folder)
            proj = Project(repo / lib.package)
            if args.trace:
                test_requirements([lib])
                with open(os.devnull, "w") as quiet:
                    proj.trace(test_command(lib, repo), timeout=300, stdout=quiet)
            tr = RulesTranslator(modules=proj.scan.modules, root=proj.root)
            tr.use_evidence(proj.evidence_table())
            units: list[GoUnit] = []
            status: dict[str, str] = {}
            for u in proj.units():
                if not u.path.startswith(lib.package) or any(x in u.id for x in args.exclude):
                    continue
                t = tr.translate(proj.request(u.id))
                if t.go.strip():
                    units.append(GoUnit(u.id, u.path, u.line, t.go))
                    status[u.id] = t.status
            root = Path(proj.root)
            assembler, _, go_root = branch_assembler(module_path_for(root.name), module_preamble_for(root), tc, None, root)
            work = Path(tmp) / (lib.folder + "-go")
            work.mkdir()
            out = build_units(tc, units, work, assembler, go_root)
            total += len(units)
            bad += len(out.failed)
            print(f"{lib.name:16} {len(units) - len(out.failed):4}/{len(units):<4} units build and vet")
            for uid, errs in sorted(out.failed.items()):
                print(f"    {status.get(uid, '?'):9} {uid}: {errs[0].text()[:150]}")
    print(f"total: {total - bad}/{total} build and vet")


if __name__ == "__main__":
    main()
