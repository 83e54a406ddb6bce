"""Sharing a review across machines through refs/gotui/review, with a bare repository as the remote."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from conftest import git, repo_snapshot
from gotui.llm.base import Translation
from gotui.session.store import Session
from gotui.session.workspace import Workspace
from gotui.vcs.branch import BranchError, open_repo
from gotui.vcs.diff import python_diff
from gotui.vcs.review_ref import REVIEW_REF, export_review, import_review, pull_review, push_review, tracking_ref

VAT = "shop/pricing.py::vat_rate"
GROSS = "shop/pricing.py::gross_price"
BULK = "shop/pricing.py::bulk_discount"


def session_in(repo: Path, actor: str) -> Session:
    _, session = Workspace.open(repo).load()
    session.actor = actor
    return session


def translate(session: Session, uid: str, go: str, model: str = "m") -> None:
    session.record_translation(uid, Translation(go=go, status="converted", backend="test", model=model))


@pytest.fixture
def machines(shop_repo: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(alice's clone, bob's clone, the bare remote both call origin)."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(shop_repo, "remote", "add", "origin", str(remote))
    git(shop_repo, "push", "-q", "origin", "main")
    bob = tmp_path / "bob"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(remote), str(bob)], check=True, capture_output=True)
    return shop_repo, bob, remote


def test_export_and_import_carry_states_go_attempts_and_history(shop_repo: Path, tmp_path: Path):
    alice = session_in(shop_repo, "alice")
    translate(alice, VAT, "func VatRate() {}\n")
    translate(alice, VAT, "func VatRate(country string) int { return 20 }\n", model="m2")
    alice.accept(VAT)
    translate(alice, GROSS, "func GrossPrice() {}\n")
    alice.edit(GROSS, "func GrossPrice(n int) int { return n }\n")
    doc = export_review(alice)
    assert json.loads(json.dumps(doc)) == doc  # plain JSON
    assert set(doc["units"]) == {VAT, GROSS}
    fresh = Session(tmp_path / "elsewhere", actor="bob")
    report = import_review(fresh, doc)
    assert sorted(report.added) == [GROSS, VAT] and report.conflicts == []
    assert report.attempts_added == 3 and report.history_added == 5
    for uid in (VAT, GROSS):
        a, b = alice.require(uid), fresh.get(uid)
        assert b is not None
        assert (b.state, b.go, b.decided_hash, b.updated_by) == (a.state, a.go, a.decided_hash, "alice")
        assert [x.go for x in fresh.attempts(uid)] == [x.go for x in alice.attempts(uid)]
        assert [h[0] for h in fresh.history(uid)] == [h[0] for h in alice.history(uid)]
    assert fresh.require(VAT).attempt_id == fresh.attempts(VAT)[1].id  # the chosen attempt, by its content
    # importing the same document again changes nothing
    again = import_review(fresh, doc)
    assert (again.added, again.updated, again.attempts_added, again.history_added) == ([], [], 0, 0)


def test_push_and_pull_through_a_remote_leave_the_trees_alone(machines):
    a_dir, b_dir, remote = machines
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    translate(alice, VAT, "func VatRate() int { return 20 }\n")
    alice.accept(VAT)
    a_snap, b_snap = repo_snapshot(a_dir), repo_snapshot(b_dir)
    pushed = push_review(open_repo(a_dir), alice, "origin")
    assert pushed.pushed and pushed.commit == git(remote, "rev-parse", REVIEW_REF).strip()
    assert git(remote, "ls-tree", "--name-only", REVIEW_REF).split() == ["review.json"]
    pulled = pull_review(open_repo(b_dir), bob, "origin")
    assert pulled.updated == [VAT] and pulled.conflicts == []
    assert bob.require(VAT).state == "accepted" and bob.require(VAT).updated_by == "alice"
    assert repo_snapshot(a_dir) == a_snap and repo_snapshot(b_dir) == b_snap
    assert git(b_dir, "rev-parse", tracking_ref("origin")).strip() == pushed.commit
    assert pull_review(open_repo(b_dir), bob, "origin").up_to_date


def test_newer_decision_wins_and_both_sides_changed_is_a_conflict(machines):
    a_dir, b_dir, _ = machines
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    for uid in (VAT, GROSS, BULK):
        translate(alice, uid, f"// {uid}\n")
    push_review(open_repo(a_dir), alice)
    pull_review(open_repo(b_dir), bob)  # in sync
    alice.accept(VAT)  # alice first ...
    bob.reject(GROSS)
    time.sleep(0.01)
    bob.edit(VAT, "// bob's own\n")  # ... bob later, on the same unit
    alice.accept(BULK)  # only alice touches this one
    time.sleep(0.01)
    alice.accept(GROSS)  # both touch GROSS differently, alice last
    push_review(open_repo(a_dir), alice)
    report = pull_review(open_repo(b_dir), bob)
    conflicts = {c.unit_id: c for c in report.conflicts}
    assert set(conflicts) == {VAT, GROSS}
    assert conflicts[VAT].winner == "local" and conflicts[VAT].local_by == "bob" and conflicts[VAT].remote_by == "alice"
    assert conflicts[GROSS].winner == "remote"
    assert bob.require(VAT).state == "edited"  # bob's newer edit stays
    assert bob.require(GROSS).state == "accepted" and bob.require(GROSS).updated_by == "alice"
    assert bob.require(BULK).state == "accepted"  # only alice changed it: no conflict
    assert BULK in report.updated and BULK not in conflicts
    assert report.to_json()["conflicts"][0]["unit_id"] in (VAT, GROSS)
    # bob pushes; alice pulls and gets bob's edit; nothing is a conflict for her (she did not change VAT since)
    push_review(open_repo(b_dir), bob)
    back = pull_review(open_repo(a_dir), alice)
    assert back.conflicts == [] and VAT in back.updated
    assert alice.require(VAT).go == "// bob's own\n"


def test_only_the_other_side_changed_takes_theirs_even_if_ours_is_newer_on_the_clock(machines):
    a_dir, b_dir, _ = machines
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    translate(alice, VAT, "// v1\n")
    push_review(open_repo(a_dir), alice)
    pull_review(open_repo(b_dir), bob)
    alice.accept(VAT)
    push_review(open_repo(a_dir), alice)
    bob.set_check(VAT, "ok", None)  # not a decision
    report = pull_review(open_repo(b_dir), bob)
    assert report.updated == [VAT] and report.conflicts == []


def test_attempts_are_unioned_and_concurrent_pushes_merge(machines):
    a_dir, b_dir, remote = machines
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    translate(alice, VAT, "// alice's try\n", model="alice-model")
    first = push_review(open_repo(a_dir), alice).commit
    translate(bob, VAT, "// bob's try\n", model="bob-model")
    pull_review(open_repo(b_dir), bob)  # bob's review now has a commit alice has not seen
    translate(alice, GROSS, "// alice again\n", model="alice-model")
    second = push_review(open_repo(a_dir), alice).commit
    # bob pushes: the push merges alice's newer review first, then fast-forwards the remote (never forced)
    report = push_review(open_repo(b_dir), bob)
    assert report.pushed and report.updated == [GROSS]
    tip = git(remote, "rev-parse", REVIEW_REF).strip()
    assert len(git(remote, "rev-list", "--parents", "-n1", tip).split()) == 3  # a merge of both reviews
    for commit in (first, second):
        assert subprocess.run(["git", "merge-base", "--is-ancestor", commit, tip], cwd=remote).returncode == 0
    pull_review(open_repo(a_dir), alice)
    for s in (alice, bob):
        assert sorted(a.model for a in s.attempts(VAT)) == ["alice-model", "bob-model"]
        assert s.require(GROSS).go == "// alice again\n"


def test_a_decision_on_other_python_arrives_stale_with_its_diff(machines):
    a_dir, b_dir, _ = machines
    pricing = b_dir / "shop" / "pricing.py"
    pricing.write_text(pricing.read_text().replace("return VAT_RATES.get(country.upper(), DEFAULT_VAT)",
                                                   "return VAT_RATES.get(country.strip().upper(), DEFAULT_VAT)"))
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    translate(alice, VAT, "func VatRate() {}\n")
    alice.accept(VAT)
    push_review(open_repo(a_dir), alice)
    pull_review(open_repo(b_dir), bob)
    rec = bob.require(VAT)
    assert rec.state == "stale" and rec.stale_from == "accepted"
    diff = python_diff(rec)
    assert "-    return VAT_RATES.get(country.upper(), DEFAULT_VAT)" in diff
    assert "+    return VAT_RATES.get(country.strip().upper(), DEFAULT_VAT)" in diff
    assert diff.startswith(f"--- a/shop/pricing.py (decided)\n+++ b/shop/pricing.py (now)\n@@ -{rec.line}")


def test_undo_after_a_pull_restores_the_local_decision(machines):
    a_dir, b_dir, _ = machines
    alice, bob = session_in(a_dir, "alice"), session_in(b_dir, "bob")
    translate(bob, VAT, "// bob\n")
    time.sleep(0.01)
    translate(alice, VAT, "// alice\n")
    alice.accept(VAT)
    push_review(open_repo(a_dir), alice)
    report = pull_review(open_repo(b_dir), bob)
    assert [c.winner for c in report.conflicts] == ["remote"]
    assert bob.require(VAT).state == "accepted"
    restored = bob.undo(VAT)
    assert restored is not None and (restored.state, restored.go) == ("converted", "// bob\n")


def test_missing_remote_and_empty_remote(machines):
    a_dir, _, _ = machines
    alice = session_in(a_dir, "alice")
    with pytest.raises(BranchError, match="no git remote 'nowhere'"):
        pull_review(open_repo(a_dir), alice, "nowhere")
    report = pull_review(open_repo(a_dir), alice, "origin")
    assert report.up_to_date and report.commit is None


def test_not_a_review_document_is_refused(tmp_path: Path):
    with pytest.raises(BranchError, match="not a gotui review"):
        import_review(Session(tmp_path / "s"), {"units": []})


def test_entries_not_understood_are_skipped_not_guessed(shop_repo: Path):
    session = session_in(shop_repo, "bob")
    doc = {"format": "gotui-review/1", "units": {VAT: {"state": "approved-by-robot", "go": "x"}, "junk": {"state": "accepted"}}}
    report = import_review(session, doc)
    assert sorted(report.skipped) == sorted([VAT, "junk"])
    assert session.require(VAT).state == "pending" and session.get("junk") is None
