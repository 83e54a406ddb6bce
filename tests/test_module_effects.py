"""Module statements with effects (a call that registers, a loop that fills a table) become Go's
init() in the module's preamble, never dropped silently; what cannot be translated, or would call a
partial unit while the package loads, stays a TODO at its line inside init(), with a risk note."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.parse.hazards.engine import module_notes
from gotui.parse.units import parse_module
from gotui.vcs.publish import module_preamble_for
from test_rules_support import commit_all, module_repo

PLURALS = '''PLURALS: list[tuple[str, str]] = []
COUNTS: dict[str, int] = {}


def plural(word: str) -> str:
    for singular, many in PLURALS:
        if word == singular:
            return many
    return word + "s"


def bump(key: str) -> None:
    COUNTS[key] = COUNTS.get(key, 0) + 1


def undecided(x):
    return x.frobnicate()


PLURALS.append(("ox", "oxen"))
for w in ["a", "b"]:
    bump(w)
if __name__ == "__main__":
    print(plural("ox"))
undecided(3)
'''


def _repo(tmp_path: Path) -> Path:
    return module_repo(tmp_path, "words/words.py", PLURALS)


def test_effects_become_init_and_untranslatable_ones_a_todo_at_their_line(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    pre = module_preamble_for(root)("words/words.py")
    init = pre[pre.index("func init() {"):]
    assert 'Plurals = append(Plurals, Tuple2[string, string]{"ox", "oxen"})' in init
    assert 'for _, w := range []string{"a", "b"} {' in init and "Bump(w)" in init
    assert "__main__" not in pre and "fmt.Println" not in pre  # a script's entry point is no effect of importing
    assert "// TODO(gotui): line 25 runs at import time and is not translated (undecided is partial" in init
    assert "panic(" not in init  # a package must load


def test_each_effect_gets_a_risk_note_at_its_line() -> None:
    notes = [n for n in module_notes(parse_module("words/words.py", PLURALS.encode())) if n.rule == "import-time-effect"]
    assert [(n.line, n.end_line, n.severity) for n in notes] == [(20, 20, "risk"), (21, 22, "risk"), (25, 25, "risk")]


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_the_package_with_its_init_builds_and_commit_takes_the_units_init_calls(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit_all(root)

    def gotui(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "gotui.cli", *args], cwd=root, capture_output=True, text=True)

    assert gotui("convert", "words", "--out", str(tmp_path / "out")).returncode == 0
    toolchain = find_toolchain()
    assert toolchain is not None
    built = toolchain.run(["vet", "./..."], cwd=tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert gotui("accept", "words/words.py::plural").returncode == 0
    refused = gotui("commit")  # init() calls Bump, which is not accepted: its stub would panic at load
    assert refused.returncode == 1 and "init() calls Bump" in refused.stderr and "words/words.py::bump is not accepted" in refused.stderr
    assert gotui("accept", "words/words.py::bump").returncode == 0
    assert gotui("commit").returncode == 0


TABLES = '''def build(rows):
    return getattr(rows, "copy")()


TABLE = build([1, 2])


def double(x: int) -> int:
    return x * 2
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_value_computed_by_a_partial_function_is_a_todo_not_a_panic_at_load(tmp_path: Path) -> None:
    """python-slugify's `CYRILLIC = add_uppercase_char(...)` with add_uppercase_char partial: its TODO
    panicked in init, the test binary died, and every unit of the package was `untested`."""
    root = tmp_path / "repo"
    (root / "tabs").mkdir(parents=True)
    (root / "tabs" / "tabs.py").write_text(TABLES)
    commit_all(root)
    pre = module_preamble_for(root)("tabs/tabs.py")
    assert "// TODO(gotui): module constant TABLE: computed at import by a function whose Go is not complete (build is partial" in pre
    assert "var Table" not in pre
    cli = [sys.executable, "-m", "gotui.cli"]
    assert subprocess.run([*cli, "convert", "tabs"], cwd=root, capture_output=True).returncode == 0
    out = subprocess.run([*cli, "check", "tabs", "--json"], cwd=root, capture_output=True, text=True)
    verdicts = {r["id"]: r["status"] for r in json.loads(out.stdout)}
    assert verdicts["tabs/tabs.py::double"] == "pass"


def test_a_module_value_built_by_a_partial_class_is_a_todo_not_a_panic_at_load(tmp_path: Path) -> None:
    """isodate's `UTC = Utc()` with Utc partial (it inherits from datetime.tzinfo): its New... panicked
    while the package loaded, and every unit of the package was `untested`."""
    root = module_repo(tmp_path, "tz/tz.py", "import datetime\n\n\nclass Utc(datetime.tzinfo):\n    def tzname(self, dt):\n"
                                              "        return 'UTC'\n\n\nDEFAULT_ZONE = Utc()\n\n\ndef name() -> str:\n    return 'utc'\n")
    pre = module_preamble_for(root)("tz/tz.py")
    assert "// TODO(gotui): module constant DEFAULT_ZONE: computed at import by a function whose Go is not complete (Utc is partial:" in pre
    assert "NewUtc()" not in pre
