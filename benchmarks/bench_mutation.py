"""How often `gotui check` catches the mistakes translators really make.

Starts from correct translations: every unit of `examples/shop` and of the held-out corpus
(benchmarks/translate/corpus) that the offline translator converts and `gotui check` passes.
Each mutation operator below rewrites one place of such a unit's Go the way a translator gets it
wrong; the mutant is checked like any unit and counts as caught when its verdict is `diverged` or
`build_failed`. The originals are checked again at the end: any verdict other than `pass` there is
a false alarm.

    .venv/bin/python benchmarks/bench_mutation.py [-v]

Prints the share caught per operator and in total, the false alarms, and (with -v) every mutant
that survived. The share is over the non-equivalent mutants: EQUIVALENT lists, after review, the
mutants that cannot change any result for any valid input (truncating `/` where both operands are
never negative), each with its reason. A listed mutant that is caught is reported: the list, or the
checker, is wrong there.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
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


def _first(*ops: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """The first of several spellings of one mistake that applies (plain Go, or the translator's helpers)."""
    def apply(go: str) -> str | None:
        for op in ops:
            out = op(go)
            if out is not None and out != go:
                return out
        return None
    return apply


def _call(go: str, name: str) -> tuple[int, int, list[str]] | None:
    """The first call `name(...)`: its start, the index after its `)`, and its top-level arguments."""
    m = re.search(rf"(?<![\w.]){re.escape(name)}\(", go)
    if not m:
        return None
    depth, args, start, i = 0, [], m.end(), m.end() - 1
    while i < len(go):
        ch = go[i]
        if ch == '"':  # a string literal: its brackets and commas are text
            i += 1
            while i < len(go) and go[i] != '"':
                i += 2 if go[i] == "\\" else 1
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append(go[start:i].strip())
                return m.start(), i + 1, args
        elif ch == "," and depth == 1:
            args.append(go[start:i].strip())
            start = i + 1
        i += 1
    return None


def _rewrite_call(name: str, new: Callable[[list[str]], str | None], pkg: str | None = None) -> Callable[[str], str | None]:
    def apply(go: str) -> str | None:
        found = _call(go, name)
        if found is None:
            return None
        start, end, args = found
        text = new(args)
        if text is None:
            return None
        out = go[:start] + text + go[end:]
        return _with_import(out, pkg) if pkg else out
    return apply


def _with_import(go: str, pkg: str) -> str:
    """The Go with `pkg` imported: the mutant must fail for its mistake, not for a missing import."""
    if f'"{pkg}"' in go:
        return go
    if go.startswith("import ("):
        return go.replace("import (\n", f'import (\n\t"{pkg}"\n', 1)
    return f'import (\n\t"{pkg}"\n)\n\n' + go


def _byte_range(go: str) -> str | None:
    """`for _, r := range s` over a string's runes becomes a loop over its bytes."""
    m = re.search(r"range (\w+) \{\n(\s*)(\w+) := string\((\w+)\)", go)
    return go[:m.start()] + f"range []byte({m.group(1)})" + go[m.end(1):] if m else None


# operator -> how it rewrites Go (None: it does not apply to this unit). Each mistake is written both
# in plain Go and over the helpers the offline translator emits (pySlice, pyStrAt, pyFields, pyRound, pyGet).
OPERATORS: dict[str, Callable[[str], str | None]] = {
    "floor div → truncating /": _sub(r"pyFloorDiv\(([^,()]+), ([^()]+?)\)", r"(\1 / \2)"),
    "floor mod → truncating %": _sub(r"pyMod\(([^,()]+), ([^()]+?)\)", r"(\1 % \2)"),
    "slice end off by one": _first(
        _sub(r"\[([\w.()]*):([\w.()]+)\]", r"[\1:\2-1]"),
        _rewrite_call("pySlice", lambda a: f"pySlice({a[0]}, {a[1]}, {a[2]}-1)" if len(a) == 3 else None),
        _rewrite_call("pyStrSlice", lambda a: f"pyStrSlice({a[0]}, {a[1]}, {a[2]}-1)" if len(a) == 3 else None)),
    "range bound off by one": _sub(r"(for \w+ := \w+; \w+) < ", r"\1 <= "),
    "rune → byte indexing": _first(
        _sub(r"\[\]rune\((\w+)\)", r"[]byte(\1)"),
        _rewrite_call("pyStrAt", lambda a: f"string({a[0]}[{a[1]}])" if len(a) == 2 else None),
        _byte_range),
    "str.split() → strings.Split": _first(
        _sub(r"strings\.Fields\((\w+)\)", r'strings.Split(\1, " ")'),
        _rewrite_call("pyFields", lambda a: f'strings.Split({a[0]}, " ")' if len(a) == 1 else None, "strings")),
    "round half even → math.Round": _first(
        _sub(r"math\.RoundToEven\(", "math.Round("),
        _rewrite_call("pyRound", lambda a: f"int(math.Round({a[0]}))" if len(a) == 1 else None, "math"),
        _rewrite_call("pyRoundN", lambda a: f"(math.Round(({a[0]})*math.Pow10({a[1]})) / math.Pow10({a[1]}))"
                      if len(a) == 2 else None, "math")),
    "dropped else": _drop_else,
    "flipped comparison": _sub(r"(\w) (<=|>=|<|>) (\w)", lambda m: f"{m.group(1)} {dict(zip(['<=', '>=', '<', '>'], ['>', '<', '>=', '<=']))[m.group(2)]} {m.group(3)}"),
    "write to a nil map": _first(
        _sub(r"make\((map\[[^\]]+\][\w*\[\]{}.]+)\)", r"\1(nil)"),
        _sub(r"(\w+) := (map\[[\w.*]+\][\w.*\[\]]*?(?:struct\{\})?)\{\}\n", r"var \1 \2\n")),
    "missing-key default dropped": _first(
        _sub(r"(\w+), ok := (\w+)\[([^\]]+)\]\n(\s*)if !ok \{\n\s*\1 = ([^\n]+)\n\s*\}\n", r"\1 := \2[\3]\n"),
        _rewrite_call("pyGet", lambda a: f"{a[0]}[{a[1]}]" if len(a) == 3 else None)),
    "insertion order → map order": _first(
        _iteration_order,
        _rewrite_call("pySorted", lambda a: a[0] if len(a) == 1 and a[0].startswith(("pyKeys(", "pyValues(")) else None),
        _rewrite_call("pySortedDesc", lambda a: a[0] if len(a) == 1 and a[0].startswith(("pyKeys(", "pyValues(")) else None)),
}


# (unit, operator) -> why the mutant cannot change a result. Reviewed one by one against the
# Python and the mutated Go; a survivor is listed here only with a reason that holds for every input.
EQUIVALENT: dict[tuple[str, str], str] = {
    ("corpus/shop_pricing.py::format_price", "floor div → truncating /"):
        "divmod(abs(cents), 100): the dividend is never negative, where floor and truncating division agree",
    ("corpus/shop_pricing.py::format_price", "floor mod → truncating %"):
        "divmod(abs(cents), 100): the dividend is never negative, where floor and truncating remainder agree",
    ("corpus/shop_pricing.py::format_price", "dropped else"):
        "the else only sets sign to \"\", which `var sign string` already is",
    ("corpus/algo_lists.py::second_largest", "dropped else"):
        "the else only sets v to nil, which `var v *int` already is",
    ("corpus/algo_lists.py::last_n", "dropped else"):
        "the else sets v to []int{}; the nil slice left instead is the same empty list (len 0, ranges and appends alike)",
    ("corpus/algo_lists.py::pairwise_differences", "range bound off by one"):
        "the loop is also bounded by i < len(seq), and seq = nums[1:] is shorter than nums",
    ("corpus/algo_maps.py::roman_to_int", "rune → byte indexing"):
        "roman digits are ASCII, where bytes are runes; a non-ASCII byte is no roman digit either, so both sides raise",
    ("corpus/algo_maps.py::int_to_roman", "floor div → truncating /"):
        "n is checked to be 1..3999 and every divisor is positive: // and % of non-negative operands are Go's / and %",
    ("corpus/algo_maps.py::int_to_roman", "floor mod → truncating %"):
        "n is checked to be 1..3999 and every divisor is positive: // and % of non-negative operands are Go's / and %",
    ("corpus/algo_numbers.py::gcd", "floor mod → truncating %"):
        "Euclid: any remainder congruent to a mod b gives the same gcd up to sign, and abs() drops the sign",
    ("corpus/algo_numbers.py::to_base", "floor div → truncating /"):
        "n = abs(n) before the loop and base is checked to be 2..36: both operands are non-negative",
    ("corpus/algo_numbers.py::to_base", "floor mod → truncating %"):
        "n = abs(n) before the loop and base is checked to be 2..36: both operands are non-negative",
    ("corpus/algo_numbers.py::to_base", "dropped else"):
        'the else sets sign to "", which `var sign string` already is',
    ("corpus/algo_numbers.py::prime_factors", "floor div → truncating /"):
        "the loop runs only while d*d <= n, so n >= 4 and d >= 2 there: both operands are positive",
    ("corpus/algo_numbers.py::prime_factors", "floor mod → truncating %"):
        "the loop runs only while d*d <= n, so n >= 4 and d >= 2 there: both operands are positive",
    ("corpus/algo_numbers.py::collatz_steps", "floor div → truncating /"):
        "n is checked positive and stays positive (n // 2 of an even n, 3n + 1), so // and % see no negative operand",
    ("corpus/algo_numbers.py::collatz_steps", "floor mod → truncating %"):
        "n is checked positive and stays positive (n // 2 of an even n, 3n + 1), so // and % see no negative operand",
    ("corpus/shop_orders.py::loyalty_points", "floor div → truncating /"):
        "total_cents is checked non-negative and the divisor is 100",
    ("corpus/shop_pricing.py::coupon_discount", "floor div → truncating /"):
        "cart_cents >= the coupon's minimum >= 0 and every percent is positive: the dividend is never negative",
    ("shop/pricing.py::format_price", "floor div → truncating /"):
        "cents = abs(cents) first: the dividend is never negative",
    ("shop/pricing.py::format_price", "floor mod → truncating %"):
        "cents = abs(cents) first: the dividend is never negative",
    ("shop/pricing.py::format_price", "dropped else"):
        'the else sets sign to "", which `var sign string` already is',
    # m[k] for pyGet(m, k, 0): the default is Go's zero value for int
    ("corpus/algo_maps.py::char_frequency", "missing-key default dropped"): "the default is 0, the zero value m[k] gives",
    ("corpus/algo_maps.py::merge_counts", "missing-key default dropped"): "the default is 0, the zero value m[k] gives",
    ("corpus/algo_maps.py::roman_to_int", "missing-key default dropped"): "the default is 0, the zero value m[k] gives",
    ("corpus/algo_strings.py::word_count", "missing-key default dropped"): "the default is 0, the zero value m[k] gives",
    ("shop/cart.py::merge_carts", "missing-key default dropped"): "the default is 0, the zero value m[k] gives",
    # bytes read as runes are U+0080..U+00FF for any non-ASCII text: equivalent where only ASCII matters
    ("corpus/algo_maps.py::parse_int", "rune → byte indexing"):
        "s is non-empty there and only compared with '+' and '-': a non-ASCII first byte is neither, like its rune",
    ("corpus/algo_numbers.py::from_binary", "rune → byte indexing"):
        "any non-ASCII byte is not '0' or '1', like its rune: both sides raise",
    ("corpus/algo_numbers.py::is_armstrong", "rune → byte indexing"):
        "the text is strconv.Itoa(n): ASCII digits and '-', where bytes are runes",
    ("corpus/algo_numbers.py::to_base", "rune → byte indexing"):
        "the indexed text is the ASCII alphabet 0-9a-z and rem is 0..base-1",
    ("corpus/algo_strings.py::balanced_brackets", "rune → byte indexing"):
        "brackets are ASCII; a non-ASCII byte is no bracket, so it is skipped like its rune",
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
    ap.add_argument("-v", "--verbose", action="store_true", help="list every surviving mutant and every equivalent one")
    args = ap.parse_args(argv)
    started = time.monotonic()
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
        outcome: dict[tuple[str, str], str] = {}  # (unit, operator) -> verdict
        rounds = max((len(v) for v in mutants.values()), default=0)
        for i in range(rounds):  # one mutant per unit per round: units are checked together, each its own
            batch = {uid: ms[i] for uid, ms in mutants.items() if i < len(ms)}
            for uid, (_, go) in batch.items():
                project.session.record_translation(uid, Translation(go=go, status="converted", backend="mutant"))
            verdicts = {r.id: r for r in project.check(list(batch))}
            for uid, (name, _) in batch.items():
                outcome[(uid, name)] = verdicts[uid].status
        for uid, go in originals.items():
            project.session.record_translation(uid, Translation(go=go, status="converted", backend="original"))
        again = {r.id: r for r in project.check(list(originals))}
        false_alarms = [(uid, r.status, r.detail) for uid, r in again.items() if r.status != "pass"]
    report(first, originals, outcome, false_alarms, time.monotonic() - started, args.verbose)
    return 0


def report(first: dict, originals: dict, outcome: dict[tuple[str, str], str], false_alarms: list[tuple[str, str, str]],
           seconds: float, verbose: bool) -> None:
    """The table: per operator, caught over non-equivalent mutants, and the equivalent ones apart."""
    caught = {key for key, status in outcome.items() if status in ("diverged", "build_failed")}
    equivalent = {key for key in outcome if key in EQUIVALENT and key not in caught}
    wrongly_listed = sorted(key for key in caught if key in EQUIVALENT)
    print(f"originals: {len(first)} units checked, {len(originals)} pass and are mutated")
    print(f"{'operator':<32}{'caught':>10}{'':6}{'equivalent':>12}")
    for name in OPERATORS:
        keys = [k for k in outcome if k[1] == name]
        live = [k for k in keys if k not in equivalent]
        c = sum(k in caught for k in live)
        share = f"  {c / len(live):.0%}".ljust(6) if live else "  -   "
        print(f"{name:<32}{f'{c}/{len(live)}':>10}{share}{len(keys) - len(live):>12}" if keys else f"{name:<32}{'(no unit to apply it to)':>28}")
    live_total = [k for k in outcome if k not in equivalent]
    c_total = sum(k in caught for k in live_total)
    print(f"{'total (non-equivalent)':<32}{f'{c_total}/{len(live_total)}':>10}  {c_total / max(len(live_total), 1):.0%}".ljust(48)
          + f"{len(equivalent):>12}")
    print(f"all mutants: {len(caught)}/{len(outcome)} caught; {len(equivalent)} equivalent (reviewed, reasons with -v)")
    print(f"false alarms on the originals: {len(false_alarms)}" + "".join(f"\n  {u}: {s}: {d}" for u, s, d in false_alarms))
    for uid, name in wrongly_listed:
        print(f"listed as equivalent but caught (check the list or the checker): {name}: {uid}")
    print(f"run time: {seconds:.0f} s")
    if verbose:
        for key in sorted(k for k in live_total if k not in caught):
            print(f"survived ({outcome[key]}): {key[1]}: {key[0]}")
        for key in sorted(equivalent):
            print(f"equivalent: {key[1]}: {key[0]}: {EQUIVALENT[key]}")


if __name__ == "__main__":
    sys.exit(main())
