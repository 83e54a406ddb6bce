"""gotui on the public set of real libraries, as a new user would run it.

For each library in benchmarks/reallibs (copied into a fresh git repository):
`gotui trace PKG -- pytest ...` (the library's own tests; `--no-trace` leaves it out), `gotui convert PKG`, `gotui check PKG`, `gotui accept PKG --all` (which skips partial and failing
units), `gotui commit PKG`, then the branch is exported and built with `go build ./...` and
`go vet ./...` (a library with nothing accepted has no branch).

Prints, per library and in total: units, the share converted, the share of converted units
with a differential verdict (pass or diverged), and whether the branch builds and vets.

    .venv/bin/python benchmarks/bench_reallibs.py [--only NAME ...] [--backend rules] [--no-trace]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reallibs.libs import LIBS, make_repo, test_command, test_requirements  # noqa: E402

from gotui.golang.toolchain import require_toolchain  # noqa: E402

GOTUI = [sys.executable, "-m", "gotui.cli"]


def gotui(repo: Path, *args: str, timeout: float = 1800) -> tuple[int, object, str]:
    cut = args.index("--") if "--" in args else len(args)  # gotui's own options go before a traced command
    proc = subprocess.run([*GOTUI, *args[:cut], "--json", *args[cut:]], cwd=repo, capture_output=True, text=True, timeout=timeout)
    try:
        data = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    return proc.returncode, data, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def branch_builds(repo: Path, branch: str = "gotui/migration") -> tuple[bool, bool, str]:
    """(builds, vets, first error line) of the branch, exported into a temporary folder."""
    tc = require_toolchain()
    with tempfile.TemporaryDirectory() as out:
        archive = subprocess.run(["git", "archive", branch], cwd=repo, capture_output=True)
        if archive.returncode != 0:
            return False, False, "no branch"
        subprocess.run(["tar", "-x", "-C", out], input=archive.stdout, check=True)
        build = tc.run(["build", "./..."], cwd=Path(out))
        if build.returncode != 0:
            return False, False, (build.stderr.strip().splitlines() or ["?"])[-1][:160]
        vet = tc.run(["vet", "./..."], cwd=Path(out))
        return True, vet.returncode == 0, (vet.stderr.strip().splitlines() or [""])[-1][:160] if vet.returncode else ""


def run_lib(lib, tmp: Path, backend: str, trace: bool) -> dict:
    repo = make_repo(lib, tmp / lib.folder)
    pkg = lib.package
    t0 = time.perf_counter()
    traced = 0
    if trace:
        rc, data, err = gotui(repo, "trace", pkg, "--timeout", "300", "--", *test_command(lib, repo))
        traced = len((data or {}).get("units", []))
    rc, converted, err = gotui(repo, "convert", pkg, "--backend", backend, "-q")
    if rc != 0:
        return {"lib": lib.name, "error": f"convert: {err}"}
    status = Counter(u["status"] for u in converted)
    rc, checked, err = gotui(repo, "check", pkg)
    verdicts = Counter(u["status"] for u in checked or [])
    conv_ids = {u["id"] for u in converted if u["status"] == "converted"}
    with_verdict = sum(1 for u in checked or [] if u["id"] in conv_ids and u["status"] in ("pass", "diverged"))
    rc, accepted, _ = gotui(repo, "accept", pkg, "--all")
    accepted_n = len(accepted or [])
    rc, committed, err = gotui(repo, "commit", pkg)
    refused = err if rc != 0 and accepted_n else ""
    if rc != 0 and accepted_n:
        gotui(repo, "commit", pkg, "--force")
    builds, vets, why = branch_builds(repo) if accepted_n else (None, None, "")
    return {
        "lib": lib.name, "units": len(converted), "traced": traced, "converted": status["converted"], "partial": status["partial"],
        "failed": status["failed"], "verdict": with_verdict, "pass": verdicts["pass"], "diverged": verdicts["diverged"],
        "build_failed": verdicts["build_failed"], "untested": verdicts["untested"], "accepted": accepted_n, "builds": builds, "vets": vets,
        "why": why, "refused": refused, "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="library names")
    ap.add_argument("--backend", default="rules")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-trace", action="store_true", help="convert without running the library's tests under gotui trace")
    args = ap.parse_args(argv)
    libs = [lib for lib in LIBS if not args.only or lib.name in args.only]
    if not args.no_trace:
        test_requirements(libs)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lib in libs:
            rows.append(run_lib(lib, Path(tmp), args.backend, not args.no_trace))
            r = rows[-1]
            if "error" in r:
                print(f"{r['lib']:<15} {r['error']}")
                continue
            print(f"{r['lib']:<15} units {r['units']:>4}  traced {r['traced']:>3}  converted {r['converted']:>3} ({r['converted'] / max(r['units'], 1):.0%})"
                  f"  with verdict {r['verdict']:>3} ({r['verdict'] / max(r['converted'], 1):.0%})"
                  f"  pass {r['pass']} diverged {r['diverged']} build_failed {r['build_failed']} untested {r['untested']}"
                  f"  accepted {r['accepted']}, " + (f"branch builds {'yes' if r['builds'] else 'no'} vets {'yes' if r['vets'] else 'no'}"
                                                    if r['builds'] is not None else "nothing to commit") + f"  {r['seconds']} s"
                  + (f"\n{'':<15} {r['why']}" if r['why'] else "") + (f"\n{'':<15} commit refused: {r['refused']}" if r['refused'] else ""))
    ok = [r for r in rows if "error" not in r]
    units = sum(r["units"] for r in ok)
    conv = sum(r["converted"] for r in ok)
    verd = sum(r["verdict"] for r in ok)
    committed = [r for r in ok if r["builds"] is not None]
    print(f"{'total':<15} units {units:>4}  converted {conv} ({conv / max(units, 1):.0%})  with verdict {verd} ({verd / max(conv, 1):.0%})"
          f"  branches that build {sum(bool(r['builds']) for r in committed)}/{len(committed)} committed"
          f" (vet {sum(bool(r['vets']) for r in committed)}/{len(committed)}); {len(ok) - len(committed)} with nothing accepted")
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
