"""The observable behaviour of gotui.golang.helpers as one JSON-able dict.

tests/fixtures/go_helpers_snapshot.json was written by this function from the Python-string registry
(before the helpers moved into .go files); test_go_helper_files.py compares the .go loader against
it. After a deliberate change to a helper, rewrite it: `.venv/bin/python tests/go_helpers_snapshot.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gotui.golang import helpers

FIXTURE = Path(__file__).parent / "fixtures" / "go_helpers_snapshot.json"

# unit texts a translator could emit: one call, several helpers, none, a generic type, a word that
# only looks like a helper, several texts at once
SAMPLE_TEXTS: list[list[str]] = [
    [],
    ["nothing here"],
    ["no helpers here, pyNothing(x)"],
    ["x := pyAt(xs, i)"],
    ["return pyFloorDiv(a, b) + pyMod(a, b)"],
    ["var t Tuple2[int, string]", "s := pyUpper(pyStrip(x))"],
    ["func f() []Tuple3[int, int, string] { return nil }"],
    ["if pyErrorIs(err, \"KeyError\") {", "return pyRaise(\"KeyError\", pyRepr(k))"],
    ["pyIsDigit(s) && pyLower(s) != \"\"", "pyPowInt(2, 10)"],
    ["pyExcParent pyMulChecked pyCased"],
]


def snapshot(names: list[str] | None = None) -> dict:
    """Every helper's entry, used_helpers and helper_source for each helper alone, for all of
    them, and for SAMPLE_TEXTS. `names` limits the per-helper part (default: every helper)."""
    names = list(helpers.HELPERS) if names is None else names
    entries = {
        n: {"source": h.source, "imports": list(h.imports), "deps": list(h.deps)}
        for n, h in ((n, helpers.HELPERS[n]) for n in names)
    }
    alone = {n: {"used": helpers.used_helpers([f"x := {n}(a)"]), "file": helpers.helper_source("p", [f"x := {n}(a)"])} for n in names}
    every = " ".join(names)
    samples = [
        {"texts": t, "used": helpers.used_helpers(t), "file": helpers.helper_source("main", t)} for t in SAMPLE_TEXTS
    ]
    return {
        "helper_file": helpers.HELPER_FILE,
        "names": names,
        "helpers": entries,
        "alone": alone,
        "all": {"used": helpers.used_helpers([every]), "file": helpers.helper_source("p", [every])},
        "samples": samples,
    }


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {FIXTURE}", file=sys.stderr)
