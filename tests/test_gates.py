"""Gates: `accept --all` skips partial, TODO and failing units and says which; commit refuses failing checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gotui.llm.base import Translation
from gotui.session.project import Project
from gotui.verify.gates import accept_blocker
from test_rules_support import commit_all

GOTUI = [sys.executable, "-m", "gotui.cli"]
VAT = "shop/pricing.py::vat_rate"
SPLIT = "shop/pricing.py::split_evenly"


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*GOTUI, *args], cwd=repo, capture_output=True, text=True)


def test_accept_all_skips_partial_and_failing_units_and_names_them(shop_repo: Path):
    project = Project(shop_repo)
    s = project.session
    s.record_translation(VAT, Translation(go="func VatRate(country string) int {\n\treturn 20\n}\n", status="converted", backend="test"))
    s.record_translation(SPLIT, Translation(go='func SplitEvenly(t int, p int) []int {\n\t// TODO(gotui): divmod\n\tpanic("todo")\n}\n',
                                            status="partial", backend="test", error="divmod"))
    s.record_translation("shop/pricing.py::apply_discount", Translation(go="func ApplyDiscount(p int, d int) int {\n\treturn p\n}\n",
                                                                       status="converted", backend="test"))
    s.set_check("shop/pricing.py::apply_discount", "diverged", "input apply_discount(100, 10): Python 90, Go 100")
    out = run(shop_repo, "accept", "--all", "--json")
    assert out.returncode == 0
    assert [u["id"] for u in json.loads(out.stdout)] == [VAT]
    assert f"not accepted: {SPLIT}: partial: the Go holds a TODO (divmod)" in out.stderr
    assert "not accepted: shop/pricing.py::apply_discount: check diverged: input apply_discount(100, 10)" in out.stderr
    one = run(shop_repo, "accept", SPLIT)
    assert one.returncode == 1 and "--force" in one.stderr
    assert Project(shop_repo).session.require(SPLIT).state == "converted"
    forced = run(shop_repo, "accept", SPLIT, "--force")
    assert forced.returncode == 0 and Project(shop_repo).session.require(SPLIT).state == "accepted"


def test_commit_refuses_an_accepted_unit_whose_check_failed(shop_repo: Path):
    s = Project(shop_repo).session
    s.record_translation(VAT, Translation(go="func VatRate(country string) int {\n\treturn 20\n}\n", status="converted", backend="test"))
    s.accept(VAT)
    s.set_check(VAT, "diverged", "input vat_rate('FR'): Python 20, Go 21")
    refused = run(shop_repo, "commit")
    assert refused.returncode == 1
    assert f"gotui: {VAT}: check diverged: input vat_rate('FR')" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("gotui: not committed: 1 accepted unit failed its latest check")
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "gotui/migration"], cwd=shop_repo).returncode != 0
    assert run(shop_repo, "commit", "--dry-run").returncode == 0  # looking is always allowed
    forced = run(shop_repo, "commit", "--force", "--json")
    assert forced.returncode == 0 and json.loads(forced.stdout)["commit"]


def test_blocker_reasons():
    class R:
        def __init__(self, **kw):
            self.__dict__.update(dict(id="m.py::f", state="converted", go="func F() {}\n", status="converted", error=None,
                                      check_status=None, check_detail=None) | kw)
    assert accept_blocker(R()) is None
    assert accept_blocker(R(check_status="pass")) is None
    assert accept_blocker(R(go="func F() {\n\t// TODO(gotui): x\n}\n")) == "partial: the Go holds a TODO"
    assert accept_blocker(R(check_status="build_failed", check_detail="line 2: undefined: y")) == "check build_failed: line 2: undefined: y"


TABLE_PY = '''def add_upper(pairs: list[str]) -> list[str]:
    return pairs + [p.upper() for p in pairs]


def doubled(pairs: list[str]) -> list[str]:
    return add_upper(pairs)


BASE = ["a", "b"]
TABLE = doubled(BASE)


def lookup(i: int) -> str:
    return TABLE[i]
'''


def test_commit_refuses_a_package_value_computed_by_a_unit_not_accepted(tmp_path: Path):
    """python-slugify's `CYRILLIC = add_uppercase_char(_CYRILLIC)`: accepted code uses the value, the
    function that computes it is not accepted; its stub would panic when any program imports the package."""
    repo = tmp_path / "repo"
    (repo / "tables").mkdir(parents=True)
    (repo / "tables" / "table.py").write_text(TABLE_PY)
    commit_all(repo)
    assert run(repo, "convert", "tables").returncode == 0
    for uid in ("tables/table.py::lookup", "tables/table.py::doubled"):
        assert run(repo, "accept", uid).returncode == 0
    refused = run(repo, "commit")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert ("tables/table.go: Table is computed when the package loads by AddUpper (through Doubled), and "
            "tables/table.py::add_upper is not accepted") in refused.stderr
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "gotui/migration"], cwd=repo).returncode != 0
    looked = run(repo, "commit", "--dry-run")  # looking is allowed, and says why it would not commit
    assert looked.returncode == 0 and "add_upper is not accepted" in looked.stdout + looked.stderr
    assert run(repo, "accept", "tables/table.py::add_upper").returncode == 0
    assert run(repo, "commit").returncode == 0
