"""Two gotui processes on one repository (a pair in tmux): both run, see each other, lose nothing.

The processes are real subprocesses, each opening the repository's workspace and session the
way gotui does at startup (scan, sync) and then deciding as fast as they can.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from gotui.session.workspace import Workspace

# One reviewer: opens the workspace, waits for the start signal, then translates and decides.
REVIEWER = r"""
import json, sys, time
from pathlib import Path
from gotui.llm.base import Translation
from gotui.session.workspace import Workspace

repo, actor, rounds, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
ws = Workspace.open(repo)
_, session = ws.load()
session.actor = actor
ids = sorted(u.id for u in session.units())
while not start.exists():
    time.sleep(0.005)
done = {"translate": 0, "accept": 0, "reject": 0, "edit": 0, "undo": 0}
texts = []
for i in range(rounds):
    uid = ids[i % len(ids)]
    go = f"// {actor} {i}\nfunc F{i}() {{}}\n"
    session.record_translation(uid, Translation(go=go, status="converted", backend="test", model=actor))
    done["translate"] += 1
    texts.append(go)
    step = i % 4
    if step == 0:
        session.accept(uid); done["accept"] += 1
    elif step == 1:
        session.reject(uid); done["reject"] += 1
    elif step == 2:
        edited = go + "// edited\n"
        session.edit(uid, edited); done["edit"] += 1
        texts.append(edited)
    else:
        session.accept(uid); done["accept"] += 1
    time.sleep(0.002)  # a (very fast) human: SQLite's lock is not fair to a process that never pauses
print(json.dumps({"done": done, "texts": texts}))
"""

# Decides one unit each time a line arrives on stdin.
ON_DEMAND = r"""
import sys
from gotui.session.workspace import Workspace

_, session = Workspace.open(sys.argv[1]).load()
session.actor = "bob"
uid = sys.argv[2]
from gotui.llm.base import Translation
session.record_translation(uid, Translation(go="func VatRate() {}\n", status="converted", backend="test"))
print("ready", flush=True)
for n, line in enumerate(sys.stdin):
    (session.accept if n % 2 == 0 else session.reject)(uid)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_two_processes_deciding_at_once_lose_nothing(shop_repo: Path, tmp_path: Path):
    _, watcher = Workspace.open(shop_repo).load()
    start = tmp_path / "start"
    rounds = 120
    procs = [subprocess.Popen([sys.executable, "-c", REVIEWER, str(shop_repo), actor, str(rounds), str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for actor in ("alice", "bob")]
    time.sleep(0.5)  # both open the same session and sync it at startup
    start.touch()
    versions = {watcher.data_version()}
    deadline = time.monotonic() + 60
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        # the watcher (the other half's screen) reads while they write: never blocked, never broken
        watcher.units()
        watcher.counts()
        versions.add(watcher.data_version())
        time.sleep(0.01)
    outputs = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        outputs.append(json.loads(out))
    assert len(versions) > 2  # the watcher saw the writes arrive while they happened

    db = sqlite3.connect(watcher.path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    actors = [a for (a,) in db.execute("SELECT actor FROM history WHERE actor IN ('alice', 'bob') ORDER BY id")]
    switches = sum(1 for x, y in zip(actors, actors[1:]) if x != y)
    assert switches >= 3, "the two processes did not run at the same time"  # one after the other gives 1
    for actor, out in zip(("alice", "bob"), outputs):
        done = out["done"]
        rows = dict(db.execute("SELECT action, COUNT(*) FROM history WHERE actor=? GROUP BY action", (actor,)).fetchall())
        assert rows == {k: v for k, v in done.items() if v}, actor  # every decision has its history entry
        assert db.execute("SELECT COUNT(*) FROM attempts WHERE model=?", (actor,)).fetchone()[0] == done["translate"]
    # every unit holds a text one of them wrote (no torn or mixed write), in a consistent state
    written = set(outputs[0]["texts"]) | set(outputs[1]["texts"])
    for rec in watcher.units():
        if rec.go:
            assert rec.go in written
            assert rec.state in ("accepted", "rejected", "edited", "converted")
            attempt = db.execute("SELECT unit_id FROM attempts WHERE id=?", (rec.attempt_id,)).fetchone()
            assert attempt == (rec.id,)


def test_a_decision_appears_in_the_other_process_within_a_second(shop_repo: Path):
    _, session = Workspace.open(shop_repo).load()
    uid = "shop/pricing.py::vat_rate"
    proc = subprocess.Popen([sys.executable, "-c", ON_DEMAND, str(shop_repo), uid], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        for n in range(5):
            version = session.data_version()
            expected = "accepted" if n % 2 == 0 else "rejected"
            sent = time.monotonic()
            proc.stdin.write("go\n")
            proc.stdin.flush()
            while session.data_version() == version:
                assert time.monotonic() - sent < 1.0, "the other process's decision did not show within a second"
                time.sleep(0.01)
            assert session.require(uid).state == expected
            assert session.require(uid).updated_by == "bob"
    finally:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0
