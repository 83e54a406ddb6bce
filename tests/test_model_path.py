"""The model path at the scale of a package: plan, order, exact prompts, compiled result, batches.

Every test runs `gotui convert` on a copy of examples/shop (three modules, a class with methods,
calls across modules and within a class) against the scripted server, whose PackageModel answers
with Go that uses exactly the signatures each prompt shows.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest_openai import fake_openai, llm_env  # noqa: F401
from fake_openai import FakeOpenAI, PackageModel, Recorded
from gotui.cli import main
from gotui.golang.toolchain import find_toolchain
from gotui.llm.callgraph import build_callgraph
from gotui.parse.files import scan
from gotui.session.plan_store import PlanStore

REPO = Path(__file__).resolve().parent.parent
# (caller, callee) pairs of examples/shop: across modules, within a module, within a class
EDGES = [
    ("Cart.subtotal", "apply_discount"), ("Cart.subtotal", "bulk_discount"), ("order_total", "gross_price"),
    ("order_total", "shipping_cost"), ("gross_price", "vat_rate"), ("reserve", "OutOfStock"),
]


def make_shop(root: Path) -> Path:
    repo = root / "repo"
    shutil.copytree(REPO / "examples" / "shop", repo / "shop")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "shop"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    return repo


def convert(repo: Path, server: FakeOpenAI, *extra: str) -> None:
    assert main(["convert", str(repo), "--backend", "openai", "--base-url", server.base_url, "--jobs", "4", "-q",
                 "--repair-rounds", "0", *extra]) == 0


def body_prompts(server: FakeOpenAI) -> dict[str, Recorded]:
    out = {}
    for r in server.requests:
        if not r.body or "messages" not in r.body:
            continue
        m = re.search(r"Translate the Python \w+ `([\w.#]+)`", r.messages[-1]["content"])
        if m:
            out[m.group(1)] = r  # the latest prompt of each unit
    return out


def signatures_section(text: str) -> str:
    i = text.find("## Go signatures already decided")
    return "" if i < 0 else text[i:text.index("```", text.index("```go", i) + 5)]


@pytest.fixture
def shop(llm_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-model-path")
    return make_shop(llm_env)


def test_call_graph_and_order_put_callees_first() -> None:
    s = scan(REPO, REPO / "examples" / "shop")
    graph = build_callgraph(s.modules)
    name = {u.id: u.qualname for u in graph.units.values()}
    uses = {(name[a], name[b]) for a, bs in graph.uses.items() for b in bs}
    for edge in EDGES:
        assert edge in uses
    assert ("Cart.add_item", "Cart") in uses  # a method uses its struct
    order = [name[u] for u in graph.order()]
    for caller, callee in EDGES:
        assert order.index(callee) < order.index(caller)


def test_cycles_share_a_level() -> None:
    from gotui.parse.units import parse_module

    m = parse_module("p/m.py", b"def a(n):\n    return b(n - 1) if n else 0\n\n\ndef b(n):\n    return a(n)\n\n\ndef c():\n    return a(3)\n")
    graph = build_callgraph([m])
    levels = [[u.rsplit("::", 1)[1] for u in level] for level in graph.levels()]
    assert levels == [["a", "b"], ["c"]]


def test_first_whole_package_run(shop: Path, fake_openai: FakeOpenAI) -> None:
    model = PackageModel()
    fake_openai.responder = model
    convert(shop, fake_openai, "--out", str(shop.parent / "out"))
    prompts = body_prompts(fake_openai)
    assert len(prompts) == 29

    # one plan request per module that has units without full annotations, sent before any body
    plan_at = [i for i, r in enumerate(fake_openai.requests) if r.body and "Plan the Go signatures" in r.prompt_text]
    first_body = min(i for i, r in enumerate(fake_openai.requests) if r.body and "Translate the Python" in r.prompt_text)
    # (orders.py is annotated throughout: `list[tuple[int, int]]` is planned as `[]Tuple2[int, int]`)
    assert sorted(model.plans) == ["shop/inventory.py"] and max(plan_at) < first_body
    total = prompts["order_total"].messages[-1]["content"]
    assert "func OrderTotal(lines []Tuple2[int, int], country string) int" in total
    assert "`Tuple2[A, B]`" in total  # the model is told the helper type exists

    # every caller's prompt carries its callees' signatures, across modules and within a class
    for caller, callee in EDGES:
        section = signatures_section(prompts[caller].messages[-1]["content"])
        assert f"// {callee}" in section or f"::{callee}\n" in section, (caller, callee, section)
    assert "func ApplyDiscount(priceCents int, percent int) (int, error)" in signatures_section(prompts["Cart.subtotal"].messages[-1]["content"])
    # a method's prompt shows its struct
    add_item = signatures_section(prompts["Cart.add_item"].messages[-1]["content"])
    assert "type Cart struct {" in add_item and "Items map[string]int" in add_item
    # and exactly what it uses: nothing else
    assert "VATRate" not in signatures_section(prompts["Cart.subtotal"].messages[-1]["content"])

    # callees before callers
    order = model.bodies
    for caller, callee in EDGES:
        assert order.index(callee) < order.index(caller), (caller, callee)

    # no prompt references a section that is not there
    for qual, r in prompts.items():
        user = r.messages[-1]["content"]
        if "signatures above" in user:
            assert user.index("## Go signatures already decided") < user.index("signatures above"), qual
        assert "Module imports and constants" not in user or "```python" in user
        # the import table is the unit's, not the module's
    assert "from .pricing import gross_price" not in prompts["to_json"].messages[-1]["content"]
    assert "from .pricing import gross_price" in prompts["order_total"].messages[-1]["content"]

    # the stable prefix: every unit of a module gets the same system message
    by_module: dict[str, set[str]] = {}
    for qual, r in prompts.items():
        path = re.search(r"from `([^`]+)`", r.messages[-1]["content"]).group(1)  # type: ignore[union-attr]
        by_module.setdefault(path, set()).add(r.messages[0]["content"])
    assert all(len(v) == 1 for v in by_module.values())

    # the Go that came back compiles as one package with consistent names
    toolchain = find_toolchain()
    if toolchain is not None:
        built = toolchain.run(["build", "./..."], cwd=shop.parent / "out")
        assert built.returncode == 0, built.stderr


def test_a_changed_signature_updates_the_plan_and_marks_callers(shop: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = PackageModel()
    convert(shop, fake_openai)
    # regenerate the callee only; the model now answers with another signature
    changed = "func VATRate(country string) (int, error)"
    model = PackageModel(changed={"vat_rate": changed})
    fake_openai.responder = model
    assert main(["convert", str(shop / "shop" / "pricing.py"), "--backend", "openai", "--base-url", fake_openai.base_url,
                 "-q", "--repair-rounds", "0", "--no-cache"]) == 0
    store = PlanStore(shop / ".gotui" / "session.db")
    plan = store.plan()
    vat = next(r for uid, r in plan.items() if uid.endswith("::vat_rate"))
    assert vat.go == changed and vat.origin == "body"
    rechecks = store.rechecks()
    assert any(uid.endswith("::gross_price") for uid in rechecks) is False  # same module run: translated after it
    store.close()

    # the caller in the same run saw the new signature, not the planned one
    prompts = body_prompts(fake_openai)
    assert changed in signatures_section(prompts["gross_price"].messages[-1]["content"])


def test_a_changed_signature_marks_callers_translated_before(shop: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = PackageModel()
    convert(shop, fake_openai)
    fake_openai.responder = PackageModel(changed={"bulk_discount": "func BulkDiscount(quantity int64) int"})
    # only the callee: its callers (Cart.subtotal in another module) already have Go
    from gotui.session.project import Project

    project = Project(shop, {"backend": "openai", "base_url": fake_openai.base_url, "repair_rounds": 0, "no_cache": True})
    uid = next(u.id for u in project.units() if u.qualname == "bulk_discount")
    project.convert([uid], project.translator())
    status = project.model_status()
    assert list(status["plan"]["recheck"]) == ["shop/cart.py::Cart.subtotal"]
    assert "bulk_discount changed its signature" in status["plan"]["recheck"]["shop/cart.py::Cart.subtotal"]
    # translating the caller again clears it
    project.convert(["shop/cart.py::Cart.subtotal"], project.translator())
    assert project.model_status()["plan"]["recheck"] == {}


def test_cached_tokens_are_read_back_and_shown(shop: Path, fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.responder = PackageModel()
    fake_openai.cache_min_tokens = 128  # the shop's module prefixes are shorter than OpenAI's 1024
    convert(shop, fake_openai, "--price-prompt", "1.0", "--price-completion", "2.0")
    capsys.readouterr()
    assert main(["status", str(shop), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    stream = data["model"]["usage"]["stream"]
    assert stream["cached_tokens"] > 0 and data["tokens"]["cached"] >= stream["cached_tokens"]
    assert stream["cost"] < stream["prompt_tokens"] / 1000 * 1.0 + stream["completion_tokens"] / 1000 * 2.0  # cached tokens are cheaper
    assert main(["status", str(shop)]) == 0
    assert "cached" in capsys.readouterr().out


def _batch(shop: Path, server: FakeOpenAI, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    capsys.readouterr()
    assert main(["convert", str(shop), "--backend", "openai", "--base-url", server.base_url, "--batch", "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_batch_end_to_end_with_resume(shop: Path, fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.responder = PackageModel()
    first = _batch(shop, fake_openai, capsys)
    assert first["submitted"] == 29 and first["status"] == "validating" and first["collected"] == 0
    upload = next(r for r in fake_openai.requests if r.path.endswith("/files"))
    assert upload.body == {"purpose": "batch", "file_bytes": upload.body["file_bytes"]} and upload.body["file_bytes"] > 0
    created = next(r for r in fake_openai.requests if r.path.endswith("/batches"))
    assert created.body["endpoint"] == "/v1/chat/completions" and created.body["completion_window"] == "24h"
    assert not any(r.path.endswith("/chat/completions") and "Translate" in r.prompt_text for r in fake_openai.requests)

    capsys.readouterr()
    assert main(["status", str(shop), "--json"]) == 0
    pending = json.loads(capsys.readouterr().out)["model"]["batches"]
    assert [b["id"] for b in pending] == [first["batch"]] and pending[0]["units"] == 29

    second = _batch(shop, fake_openai, capsys)  # in_progress: still pending, nothing resubmitted
    assert second["batch"] == first["batch"] and second["status"] == "in_progress" and second["submitted"] == 0
    third = _batch(shop, fake_openai, capsys)
    assert third["status"] == "completed" and third["collected"] == 29 and third["failed"] == []
    capsys.readouterr()
    assert main(["status", str(shop), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["converted"] == 29 and status["model"]["batches"] == []
    assert status["model"]["usage"]["batch"]["records"] == 29
    # nothing left to do
    assert _batch(shop, fake_openai, capsys)["batch"] is None


def test_batch_expiry_and_partial_failure_are_retried(shop: Path, fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.responder = PackageModel()
    fake_openai.batch_states = ["in_progress", "expired"]
    fake_openai.batch_expire_after = 20
    fake_openai.batch_fail = {"u3"}
    first = _batch(shop, fake_openai, capsys, "--batch-wait", "5")
    assert first["status"] == "expired" and first["collected"] == 19 and len(first["failed"]) == 10
    # the failed units are recorded with the reason, and the next run submits only them
    fake_openai.batch_states = ["completed"]
    fake_openai.batch_fail = set()
    fake_openai.batch_expire_after = None
    again = _batch(shop, fake_openai, capsys, "--batch-wait", "5")
    assert again["submitted"] == 10 and again["collected"] == 10 and again["failed"] == []
    capsys.readouterr()
    assert main(["status", str(shop), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["converted"] == 29


def test_a_failed_batch_loses_nothing(shop: Path, fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.responder = PackageModel()
    fake_openai.batch_states = ["failed"]
    first = _batch(shop, fake_openai, capsys)
    assert first["status"] == "failed" and first["collected"] == 0 and len(first["failed"]) == 29
    from gotui.session.project import Project

    rec = Project(shop).session.get("shop/pricing.py::vat_rate")
    assert rec is not None and "failed validation" in (rec.error or "")
    fake_openai.batch_states = ["completed"]
    assert _batch(shop, fake_openai, capsys)["collected"] == 29


def test_batch_needs_the_model_backend(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["convert", str(shop), "--backend", "rules", "--batch"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--batch needs the openai backend" in err and "Traceback" not in err
