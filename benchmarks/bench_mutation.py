"""How often `gotui check` catches the mistakes translators really make.

Starts from correct translations: every unit of `examples/shop` and of the held-out corpus
(benchmarks/translate/corpus) that the offline translator converts and `gotui check` passes.
Each mutation operator below rewrites one place of such a unit's Go the way a translator gets it
wrong; the mutant is checked like any unit and counts as caught when its verdict is `diverged` or
`build_failed`. The originals are checked again at the end: any verdict other than `pass` there is
a false alarm.

    .venv/bin/python benchmarks/bench_mutation.py [-v]

Prints the share caught per operator and in total, the false alarms, and (with -v) every mutant
that survived, so a reader can judge whether it is equivalent (a mutation that cannot change any
result, e.g. truncating `/` where both operands are never negative).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Callable

from gotui.llm.base import Translation
from gotui.session.project import Project

ROOT = Path(__file__).resolve().parent.parent


def _sub(pattern: str, repl: str | Callable[[re.Match[str]], str]) -> Callable[[str], str | None]:
    rx = re.compile(pattern, re.M)

    def apply(go: str) -> str | None:
        out, n = rx.subn(repl, go, count=1)
        return out if n else None
    return apply


def _drop_else(go: str) -> str | None:
    """`} else {` ... `}`: the else branch never runs."""
    return go.replace("} else {", "} else if false {", 1) if "} else {" in go else None


def _iteration_order(go: str) -> str | None:
    """A sorted-keys loop (Python's insertion or sorted order) becomes plain map iteration."""
    m = re.search(r"(sort\.(Strings|Ints|Float64s|Slice)\([^\n]*\)\n)", go)
    return go.replace(m.group(1), "", 1) if m else None


# operator -> how it rewrites Go (None: it does not apply to this unit)
OPERATORS: dict[str, Callable[[str], str | None]] = {
    "floor div → truncating /": _sub(r"pyFloorDiv\(([^,()]+), ([^()]+?)\)", r"(\1 / \2)"),
    "floor mod → truncating %": _sub(r"pyMod\(([^,()]+), ([^()]+?)\)", r"(\1 % \2)"),
    "slice end off by one": _sub(r"\[([\w.()]*):([\w.()]+)\]", r"[\1:\2-1]"),
    "range bound off by one": _sub(r"(for \w+ := \w+; \w+) < ", r"\1 <= "),
    "rune → byte indexing": _sub(r"\[\]rune\((\w+)\)", r"[]byte(\1)"),
    "str.split() → strings.Split": _sub(r"strings\.Fields\((\w+)\)", r'strings.Split(\1, " ")'),
    "round half even → math.Round": _sub(r"math\.RoundToEven\(", "math.Round("),
    "dropped else": _drop_else,
    "flipped comparison": _sub(r"(\w) (<=|>=|<|>) (\w)", lambda m: f"{m.group(1)} {dict(zip(['<=', '>=', '<', '>'], ['>', '<', '>=', '<=']))[m.group(2)]} {m.group(3)}"),
    "write to a nil map": _sub(r"make\((map\[[^\]]+\][\w*\[\]{}.]+)\)", r"\1(nil)"),
    "missing-key default dropped": _sub(r"(\w+), ok := (\w+)\[([^\]]+)\]\n(\s*)if !ok \{\n\s*\1 = ([^\n]+)\n\s*\}\n", r"\1 := \2[\3]\n"),
    "insertion order → map order": _iteration_order,
}


def make_repo(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "examples" / "shop", dest / "shop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "benchmarks" / "translate" / "corpus", dest / "corpus", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "corpus" / "__init__.py").write_text("", encoding="utf-8")
    env = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], [*env, "commit", "-q", "-m", "python"]):
        subprocess.run(["git", *args], cwd=dest, check=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every surviving mutant")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_repo(Path(tmp) / "repo")
        project = Project(repo)
        ids = [u.id for u in project.units()]
        project.convert(ids, project.translator("rules"))
        first = {r.id: r for r in project.check()}
        originals = {uid: project.session.require(uid).go for uid, r in first.items() if r.status == "pass"}
        mutants: dict[str, list[tuple[str, str]]] = defaultdict(list)  # unit -> [(operator, Go)]
        for uid, go in originals.items():
            for name, op in OPERATORS.items():
                mutated = op(go)
                if mutated is not None and mutated != go:
                    mutants[uid].append((name, mutated))
        caught: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        survivors: list[tuple[str, str, str]] = []
        rounds = max((len(v) for v in mutants.values()), default=0)
        for i in range(rounds):  # one mutant per unit per round: units are checked together, each its own
            batch = {uid: ms[i] for uid, ms in mutants.items() if i < len(ms)}
            for uid, (_, go) in batch.items():
                project.session.record_translation(uid, Translation(go=go, status="converted", backend="mutant"))
            verdicts = {r.id: r for r in project.check(list(batch))}
            for uid, (name, _) in batch.items():
                caught[name][1] += 1
                if verdicts[uid].status in ("diverged", "build_failed"):
                    caught[name][0] += 1
                else:
                    survivors.append((name, uid, verdicts[uid].status))
        for uid, go in originals.items():
            project.session.record_translation(uid, Translation(go=go, status="converted", backend="original"))
        again = {r.id: r for r in project.check(list(originals))}
        false_alarms = [(uid, r.status, r.detail) for uid, r in again.items() if r.status != "pass"]
    total_caught = sum(c for c, _ in caught.values())
    total = sum(n for _, n in caught.values())
    print(f"originals: {len(first)} units checked, {len(originals)} pass and are mutated")
    print(f"{'operator':<32}{'caught':>10}")
    for name in OPERATORS:
        c, n = caught.get(name, [0, 0])
        print(f"{name:<32}{f'{c}/{n}':>10}" + (f"  {c / n:.0%}" if n else "  (no unit to apply it to)"))
    print(f"{'total':<32}{f'{total_caught}/{total}':>10}  {total_caught / max(total, 1):.0%}")
    print(f"false alarms on the originals: {len(false_alarms)}" + "".join(f"\n  {u}: {s}: {d}" for u, s, d in false_alarms))
    if args.verbose:
        for name, uid, status in survivors:
            print(f"survived ({status}): {name}: {uid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
