import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gotui.llm.base import Translation
from gotui.parse.units import parse_module
from gotui.session.store import Session, SessionError


def units(src: str):
    return parse_module("m.py", src.encode()).units


def t(go: str, status: str = "converted") -> Translation:
    return Translation(go=go, status=status, backend="rules", model="r1", prompt_tokens=10, completion_tokens=5, cost=0.01)


def test_new_units_are_pending_and_decisions_are_stored(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    return 1\n"))
    assert s.get("m.py::f").state == "pending"
    s.record_translation("m.py::f", t("func F() int { return 1 }"))
    assert s.get("m.py::f").state == "converted"
    s.accept("m.py::f")
    # a second connection (another process) sees the decision at once
    assert Session(tmp_path).get("m.py::f").state == "accepted"


def test_undo_walks_back_every_change(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    return 1\n"))
    s.record_translation("m.py::f", t("func F() {}"))
    s.accept("m.py::f")
    s.edit("m.py::f", "func F() { /* mine */ }")
    assert s.get("m.py::f").state == "edited"
    assert s.undo("m.py::f").state == "accepted"
    rec = s.undo("m.py::f")
    assert rec.state == "converted" and rec.go == "func F() {}"
    assert s.undo("m.py::f").state == "pending"
    assert s.undo("m.py::f") is None


def test_changed_python_makes_a_decision_stale_and_back(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    return 1\n"))
    s.record_translation("m.py::f", t("func F() int { return 1 }"))
    s.accept("m.py::f")
    s.sync(units("def f():\n    return 2\n"))
    rec = s.get("m.py::f")
    assert rec.state == "stale" and rec.stale_from == "accepted"
    assert "return 1" in rec.decided_source and "return 2" in rec.source
    s.sync(units("def f():\n    return 1\n"))
    assert s.get("m.py::f").state == "accepted"


def test_accepting_without_go_is_refused(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n"))
    with pytest.raises(SessionError, match="no Go yet"):
        s.accept("m.py::f")


def test_attempts_are_kept_and_selectable(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n"))
    first = s.record_translation("m.py::f", t("func F() {} // one"))
    s.record_translation("m.py::f", t("func F() {} // two"))
    assert [a.go[-3:] for a in s.attempts("m.py::f")] == ["one", "two"]
    assert s.select_attempt("m.py::f", first).go.endswith("one")
    assert s.totals()["prompt_tokens"] == 20


def test_counts_and_removed_units(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n\ndef g():\n    pass\n"), paths={"m.py"})
    s.sync(units("def f():\n    pass\n"), paths={"m.py"})
    assert [u.id for u in s.units()] == ["m.py::f"]
    assert s.counts()["pending"] == 1


def _writer(path: str, start: int) -> None:
    s = Session(Path(path), actor=f"w{start}")
    for i in range(start, start + 40):
        s.record_translation(f"m.py::f{i % 4}", Translation(go=f"// {i}", status="converted", backend="rules"))


def test_two_processes_write_without_losing_anything(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("".join(f"def f{i}():\n    pass\n\n" for i in range(4))))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), n)) for n in (0, 1000)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert sum(len(s.attempts(f"m.py::f{i}")) for i in range(4)) == 80


def test_a_killed_process_loses_no_decision(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n"))
    s.record_translation("m.py::f", t("func F() {}"))
    code = (
        "import os, sys\nfrom pathlib import Path\nfrom gotui.session.store import Session\n"
        f"s = Session(Path({str(tmp_path)!r}))\ns.accept('m.py::f')\nos.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code])
    assert proc.returncode == -9
    assert Session(tmp_path).get("m.py::f").state == "accepted"


def test_a_decision_made_while_a_translation_was_in_flight_is_kept(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n"))
    s.record_translation("m.py::f", t("func F() {} // first"))
    started = time.time()
    time.sleep(0.01)
    Session(tmp_path, actor="partner").accept("m.py::f")
    s.record_translation("m.py::f", t("func F() {} // late"), unless_decided_after=started)
    rec = s.get("m.py::f")
    assert rec.state == "accepted" and rec.go.endswith("first") and rec.updated_by == "partner"
    assert s.attempts("m.py::f")[-1].go.endswith("late")  # kept, selectable


def test_a_failed_attempt_never_takes_away_go_or_a_decision(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n"))
    s.record_translation("m.py::f", t("func F() {}"))
    s.accept("m.py::f")
    s.record_translation("m.py::f", Translation(go="", status="failed", backend="openai", error="HTTP 500"))
    rec = s.get("m.py::f")
    assert rec.state == "accepted" and rec.go == "func F() {}" and rec.error == "HTTP 500"
    assert len(s.attempts("m.py::f")) == 2


def test_a_sync_updates_units_that_moved_and_leaves_the_rest(tmp_path: Path):
    s = Session(tmp_path)
    s.sync(units("def f():\n    pass\n\ndef g():\n    pass\n"), paths={"m.py"})
    s.record_translation("m.py::g", t("func G() {}"))
    s.accept("m.py::g")
    s.sync(units("def f():\n    pass\n\n\ndef g():\n    pass\n"), paths={"m.py"})  # g moved down a line
    g = s.get("m.py::g")
    assert (g.line, g.end_line, g.state) == (5, 6, "accepted")
    assert s.get("m.py::f").line == 1


def test_check_verdicts_land_together_and_never_on_go_that_changed(shop_repo):
    """A check run stores its verdicts in one transaction; a unit edited while it was checked keeps none."""
    from gotui.llm.base import Translation
    from gotui.session.project import Project

    s = Project(shop_repo).session
    a, b = "shop/pricing.py::vat_rate", "shop/pricing.py::split_evenly"
    s.record_translation(a, Translation(go="func A() {}\n", status="converted", backend="t"))
    s.record_translation(b, Translation(go="func B() {}\n", status="converted", backend="t"))
    s.edit(b, "func B() { _ = 1 }\n")  # changed after the check read it
    s.set_checks([(a, "pass", "ok"), (b, "diverged", "old Go")], {a: "func A() {}\n", b: "func B() {}\n"})
    assert s.require(a).check_status == "pass"
    assert s.require(b).check_status is None
