"""A review ref is someone else's input: each attack that worked on a crafted ref, and what happens now."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import git
from gotui.cli import main
from gotui.llm.base import Translation
from gotui.session.workspace import Workspace
from gotui.vcs import review_ref
from gotui.vcs.branch import BranchError, open_repo
from gotui.vcs.review_ref import REVIEW_REF, pull_review, push_review, save_review

VAT = "shop/pricing.py::vat_rate"


@pytest.fixture
def victim(shop_repo: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(the victim's repository, the remote an attacker can push to)."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(shop_repo, "remote", "add", "origin", str(remote))
    git(shop_repo, "push", "-q", "origin", "main")
    return shop_repo, remote


def plant(remote: Path, payload: bytes, parents: tuple[str, ...] = ()) -> str:
    """What an attacker pushes: a review commit whose review.json is `payload`."""
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=remote, input=payload, capture_output=True, check=True).stdout.decode().strip()
    tree = subprocess.run(["git", "mktree"], cwd=remote, input=f"100644 blob {blob}\treview.json\n".encode(), capture_output=True, check=True).stdout.decode().strip()
    args = ["git", "-c", "user.name=m", "-c", "user.email=m@x", "commit-tree", tree, "-m", "review"]
    for p in parents:
        args += ["-p", p]
    commit = subprocess.run(args, cwd=remote, capture_output=True, check=True).stdout.decode().strip()
    git(remote, "update-ref", REVIEW_REF, commit)
    return commit


def doc(units: dict) -> bytes:
    return json.dumps({"format": "gotui-review/1", "units": units}).encode()


def entry(path: str, qualname: str, **extra) -> dict:
    return {"path": path, "qualname": qualname, "kind": "function", "state": "accepted", "go": "func X() {}",
            "decided_hash": "h", "at": 1.0, "by": "mallory", **extra}


def session(repo: Path):
    return Workspace.open(repo).load()[1]


def test_unit_paths_that_leave_the_repository_are_skipped(victim, tmp_path: Path):
    repo, remote = victim
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "shop" / "link").symlink_to(outside)
    bad = {
        "../../evil.py::f": entry("../../evil.py", "f"),
        "/tmp/evil.py::f": entry("/tmp/evil.py", "f"),
        "shop/./x.py::f": entry("shop/./x.py", "f"),
        "shop/link/x.py::f": entry("shop/link/x.py", "f"),  # a symlink out of the repository
        "shop/x\u0000.py::f": entry("shop/x\u0000.py", "f"),
        VAT: entry("../../../tmp/pwn.py", "vat_rate"),  # a real id with a path that disagrees
        "shop/pricing.py::os.system('x')": entry("shop/pricing.py", "os.system('x')"),
    }
    plant(remote, doc({**bad, "shop/pricing.py::gross_price": entry("shop/pricing.py", "gross_price")}))
    s = session(repo)
    report = pull_review(open_repo(repo), s, "origin")
    assert sorted(report.skipped) == sorted(bad) and set(report.skipped_reasons) == set(bad)
    assert report.updated == ["shop/pricing.py::gross_price"]
    assert all(".." not in r.path and not r.path.startswith("/") for r in s.units(include_absent=True))
    assert s.require(VAT).state == "pending"


def test_a_forged_accepted_decision_is_not_run_by_check_until_named(victim, tmp_path: Path, capsys,
                                                                  monkeypatch: pytest.MonkeyPatch):
    repo, remote = victim
    # no OS sandbox here: the marker shows whether the pulled Go ran at all, which is what this test is about
    # (under bwrap or unshare the write would be refused anyway: tests/test_hostile_sandbox.py)
    monkeypatch.setenv("GOTUI_SANDBOX", "none")
    marker = tmp_path / "pwned"
    go = (f'func init() {{ os.WriteFile("{marker}", []byte("x"), 0o644) }}\n\n'
          "func VatRate(country string) int {\n\treturn 20\n}\n")
    s = session(repo)
    plant(remote, doc({VAT: entry("shop/pricing.py", "vat_rate", go=go, decided_hash=s.require(VAT).source_hash)}))
    report = pull_review(open_repo(repo), s, "origin")
    assert report.updated == [VAT] and s.needs_local_review(VAT)
    assert s.require(VAT).origin.startswith("pulled:origin refs/gotui/review@")
    capsys.readouterr()
    assert main(["check", str(repo), "--json"]) == 0
    results = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert results[VAT]["status"] == "untested"
    assert results[VAT]["detail"].startswith("pulled from origin refs/gotui/review@")
    assert "gotui check" in results[VAT]["detail"]
    assert not marker.exists()
    # a person here names it: now it is checked (and its init runs: that was their choice)
    monkeypatch.chdir(repo)
    assert main(["check", VAT, "--json"]) == 0
    named = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert list(named) == [VAT] and named[VAT]["status"] in ("pass", "diverged"), named
    assert marker.exists()  # its init ran: a person asked for exactly this unit
    assert not s.needs_local_review(VAT)


def test_a_local_accept_vouches_for_pulled_go(victim):
    repo, remote = victim
    s = session(repo)
    plant(remote, doc({VAT: entry("shop/pricing.py", "vat_rate", state="converted", decided_hash=s.require(VAT).source_hash)}))
    pull_review(open_repo(repo), s, "origin")
    assert s.needs_local_review(VAT)
    s.accept(VAT)
    assert not s.needs_local_review(VAT)
    assert s.undo(VAT) is not None and s.needs_local_review(VAT)  # undo brings the pulled decision back, unvetted


def test_a_huge_review_blob_is_refused_before_it_is_read(victim, monkeypatch: pytest.MonkeyPatch):
    repo, remote = victim
    monkeypatch.setattr(review_ref, "MAX_DOC_BYTES", 10_000)
    plant(remote, doc({VAT: entry("shop/pricing.py", "vat_rate", go="x" * 50_000)}))
    reads = []
    real = review_ref._run

    def spy(repo_, *args, **kw):
        reads.append(args[:2])
        return real(repo_, *args, **kw)

    monkeypatch.setattr(review_ref, "_run", spy)
    with pytest.raises(BranchError, match=r"bytes, more than the 10000 a review may have"):
        pull_review(open_repo(repo), session(repo), "origin")
    assert ("cat-file", "blob") not in reads


def test_a_deeply_nested_document_is_refused_cleanly(victim, capsys):
    repo, remote = victim
    deep = b'{"format": "gotui-review/1", "units": {"a.py::f": {"go": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}"
    plant(remote, deep)
    assert main(["pull-review", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "nests deeper" in err and "internal error" not in err and len(err.strip().splitlines()) == 1


def test_wrong_value_types_skip_that_entry_and_merge_the_rest(victim):
    repo, remote = victim
    bad = {
        "shop/pricing.py::gross_price": entry("shop/pricing.py", "gross_price", line="one"),
        "shop/pricing.py::bulk_discount": entry("shop/pricing.py", "bulk_discount", go=["not", "text"]),
        "shop/orders.py::order_total": entry("shop/orders.py", "order_total", attempts="many"),
        "shop/orders.py::Order": entry("shop/orders.py", "Order", at=float("inf")),
        "shop/orders.py::shipping_cost": entry("shop/orders.py", "shipping_cost", history=[{"at": {"x": 1}}]),
        "shop/cart.py::f": "not an object",
    }
    payload = json.dumps({"format": "gotui-review/1", "units": {**bad, VAT: entry("shop/pricing.py", "vat_rate")}},
                         allow_nan=True).encode()
    plant(remote, payload)
    s = session(repo)
    report = pull_review(open_repo(repo), s, "origin")
    assert sorted(report.skipped) == sorted(bad)
    assert report.updated == [VAT] and s.require(VAT).go == "func X() {}"


def test_histories_with_no_common_ancestor_say_so(victim, tmp_path: Path, capsys):
    repo, remote = victim
    s = session(repo)
    s.record_translation(VAT, Translation(go="// mine", status="converted", backend="t", model="m"))
    save_review(open_repo(repo), s)  # a review started here ...
    plant(remote, doc({VAT: entry("shop/pricing.py", "vat_rate")}))  # ... and an unrelated one there
    assert main(["pull-review", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "share no history" in err and "nothing was merged" in err
    assert s.require(VAT).go == "// mine"


def test_push_review_backs_the_session_up_and_exports_no_secret(victim, monkeypatch: pytest.MonkeyPatch):
    repo, remote = victim
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-0123456789")
    s = session(repo)
    s.record_translation(VAT, Translation(go="", status="failed", backend="openai", model="m",
                                          error="401: bad key sk-test-secret-0123456789"))
    push_review(open_repo(repo), s, "origin")
    blob = git(remote, "cat-file", "blob", f"{REVIEW_REF}:review.json")
    assert "sk-test-secret" not in blob and "[redacted]" in blob
    assert any(p.name.endswith("-push-review.db") for p in (repo / ".gotui" / "backups").iterdir())
