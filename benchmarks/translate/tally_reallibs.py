"""Why units of the real libraries are not converted: the `rules` translator on every unit, TODO reasons tallied.

Faster than bench_reallibs.py (no check, no commit, no build): for finding the most common blockers.

    .venv/bin/python benchmarks/translate/tally_reallibs.py [--only NAME ...] [--show REASON-PREFIX]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reallibs.libs import LIBS, make_repo, test_command, test_requirements  # noqa: E402

from gotui.llm.rules import RulesTranslator  # noqa: E402
from gotui.session.project import Project  # noqa: E402


HELPER_CALL = re.compile(r"\bpy[A-Z]\w*\(")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--show", default=None, help="print the unit ids whose reason starts with this")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--trace", action="store_true", help="run the library's own tests under `gotui trace` first")
    args = ap.parse_args()
    reasons: Counter = Counter()
    total = conv = 0
    go_lines = helper_calls = 0  # over converted units: how much of the Go leans on py* helpers
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
            units = [u for u in proj.units() if u.path.startswith(lib.package)]
            n = c = 0
            for u in units:
                t = tr.translate(proj.request(u.id))
                n += 1
                if t.status == "converted":
                    c += 1
                    go_lines += sum(1 for line in t.go.splitlines() if line.strip() and not line.strip().startswith("//"))
                    helper_calls += len(HELPER_CALL.findall(t.go))
                    continue
                first = re.sub(r"^line \d+: ", "", (t.error or "?").split("\n")[0])  # a TODO in place names its line
                why = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "X", first)[:90]
                reasons[why] += 1
                if args.show is not None and (t.error or "").startswith(args.show):
                    print(f"  {u.id}: {t.error}")
            print(f"{lib.name:16} {c:4}/{n:<4} converted")
            total += n
            conv += c
    print(f"total {conv}/{total} converted ({100 * conv / max(total, 1):.0f}%); "
          f"{helper_calls} py* helper calls in {go_lines} lines of converted Go "
          f"({100 * helper_calls / max(go_lines, 1):.1f} per 100 lines)")
    for why, k in reasons.most_common(args.top):
        print(f"{k:4}  {why}")


if __name__ == "__main__":
    main()
