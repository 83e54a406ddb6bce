"""`converted` means Go that builds with its package: after `gotui convert`, a unit whose Go parses and
holds no TODO but does not compile becomes `partial` with the compiler's reason (and `build_failed`),
while its neighbours stay converted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest_openai import fake_openai, llm_env  # noqa: F401
from fake_openai import FakeOpenAI, Step
from gotui.cli import main
from gotui.golang.toolchain import find_toolchain
from gotui.session.project import Project
from test_rules_support import commit_all

PY = '''def add(a: int, b: int) -> int:
    return a + b


def twice(a: int) -> int:
    return a * 2
'''


def answer(request: dict[str, Any]) -> Step:
    user = str(request["messages"][-1]["content"])
    if user.startswith("Plan the Go signatures"):
        return Step(text="```go\nfunc Add(a int, b int) int\nfunc Twice(a int) int\n```")
    if "`twice`" in user.split("\n", 1)[0]:
        return Step(text="```go\nfunc Twice(a int) int {\n\treturn a * factor\n}\n```")  # parses; `factor` is undefined
    return Step(text="```go\nfunc Add(a int, b int) int {\n\treturn a + b\n}\n```")


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_a_model_answer_that_does_not_build_is_partial_with_the_reason(tmp_path: Path, fake_openai: FakeOpenAI, llm_env: Path,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "calc").mkdir(parents=True)
    (repo / "calc" / "calc.py").write_text(PY)
    commit_all(repo)
    fake_openai.responder = answer
    assert main(["convert", str(repo / "calc"), "--backend", "openai", "--base-url", fake_openai.base_url, "--repair-rounds", "0",
                 "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["add"]["status"] == "converted"
    assert rows["twice"]["status"] == "partial"
    assert "does not build" in rows["twice"]["error"] and "factor" in rows["twice"]["error"]
    rec = Project(repo / "calc").session.require("calc/calc.py::twice")
    assert rec.status == "partial" and "factor" in (rec.error or ""), rec.error
    assert Project(repo / "calc").session.require("calc/calc.py::add").status == "converted"


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_demote_unbuildable_names_the_compiler_error_and_leaves_good_neighbours(shop_repo: Path) -> None:
    from gotui.llm.base import Translation
    from gotui.verify.buildable import demote_unbuildable

    project = Project(shop_repo)
    s = project.session
    vat, split = "shop/pricing.py::vat_rate", "shop/pricing.py::split_evenly"
    s.record_translation(vat, Translation(go="func VATRate(country string) int {\n\treturn 20\n}\n", status="converted", backend="t"))
    s.record_translation(split, Translation(go="func SplitEvenly(total int, parts int) []int {\n\treturn []int{total / partz}\n}\n",
                                            status="converted", backend="t"))
    demoted = demote_unbuildable(project, [vat, split])
    assert list(demoted) == [split] and "partz" in demoted[split]
    rec = s.require(split)
    assert (rec.status, rec.check_status) == ("partial", "build_failed") and "partz" in (rec.error or "")
    assert s.require(vat).status == "converted"
    assert s.attempts(split)[-1].status == "partial"  # the attempt says so too
    # a unit changed since (a decision, another translation) is never demoted by a build of its old Go
    s.record_translation(split, Translation(go="func SplitEvenly(total int, parts int) []int {\n\treturn nil\n}\n",
                                            status="converted", backend="t"))
    assert not s.demote(split, "old go", "stale reason") and s.require(split).status == "converted"
