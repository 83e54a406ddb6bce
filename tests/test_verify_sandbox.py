"""The Python sandbox stops bad code and touches nothing outside its scratch folder. No Go needed.

The functions here hide their side effects in a helper, so only the runtime sandbox (not the static
check of the function body) can catch them.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from gotui.verify.sandbox import Limits, PyJob, module_location, run_module

MODULE = '''
import os
import socket
import subprocess

def _helper_write(path):
    with open(path, "w") as fh:
        fh.write("x")

def floor_div(a: int, b: int) -> int:
    return a // b

def forever(n: int) -> int:
    while True:
        n += 1

def forever_in_c(n: int) -> int:
    return sum(range(10 ** 13))

def hungry(n: int) -> int:
    return len("x" * (10 ** 11))

def writes_outside(n: int) -> int:
    _helper_write(os.environ.get("VICTIM", "/nonexistent"))
    return n

def writes_relative(n: int) -> int:
    try:
        _helper_write("here.txt")
    except OSError:
        pass  # swallowing the refusal does not hide it
    return n

def deletes(n: int) -> int:
    os.remove(os.environ.get("VICTIM", "/nonexistent"))
    return n

def connects(port: int) -> int:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("127.0.0.1", port))
    return port

def connects_via_create(port: int) -> int:
    socket.create_connection(("127.0.0.1", port), timeout=1)
    return port

def spawns(n: int) -> int:
    subprocess.run(["true"])
    return n

def env_key(n: int) -> str:
    return os.environ.get("OPENAI_API_KEY", "none")

def prints(n: int) -> int:
    print("noise", n)
    return n + 1

def returns_set(n: int) -> int:
    return {n}

def returns_object(n: int) -> int:
    return object()

def raises(n: int) -> int:
    raise KeyError(n)
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "work"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "bad.py").write_text(MODULE)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, names: list[str], cases: list[tuple] | None = None, **limits) -> dict:
    jobs = [PyJob(n, n, ["a", "b"] if n == "floor_div" else ["n"], cases or [(1,), (2,), (3,)]) for n in names]
    return run_module(root, "pkg/bad.py", jobs, Limits(**{"timeout": 1.0, **limits}))


def test_module_location_walks_up_packages(tree: Path):
    assert module_location(tree, "pkg/bad.py") == (tree.resolve(), "pkg.bad")
    (tree / "loose.py").write_text("")
    assert module_location(tree, "loose.py") == (tree.resolve(), "loose")


def test_results_and_exceptions_are_recorded(tree: Path):
    before = snapshot(tree)
    out = run(tree, ["floor_div"], [(-7, 2), (7, 0)]) | run(tree, ["prints", "raises", "returns_set", "returns_object"])
    assert out["floor_div"].outcomes[0].value == -4
    assert out["floor_div"].outcomes[1].exc == "ZeroDivisionError"
    assert [o.value for o in out["prints"].outcomes.values()] == [2, 3, 4]
    assert out["raises"].outcomes[0].kind == "raise" and out["raises"].outcomes[0].exc == "KeyError"
    assert [o.value for o in out["returns_set"].outcomes.values()] == [{1}, {2}, {3}]  # a set is data
    assert out["returns_object"].abandoned == "returns object, not data (input #0)"
    assert snapshot(tree) == before  # no __pycache__, nothing written


def test_endless_loops_and_unbounded_memory_are_stopped(tree: Path):
    out = run(tree, ["forever", "hungry", "floor_div"], [(1,), (2,), (3,)])
    # the wall-clock timer and the CPU limit both stop it; on a loaded machine either may fire first
    assert out["forever"].abandoned.startswith(("did not finish within 1 s", "used more than 1 s of CPU"))
    assert "MemoryError" in out["hungry"].abandoned
    # the module's other functions still ran in the same process
    assert out["floor_div"].abandoned is None and all(o.kind == "raise" for o in out["floor_div"].outcomes.values())


def test_a_loop_in_c_code_is_killed_and_the_rest_still_runs(tree: Path):
    out = run(tree, ["forever_in_c", "prints"])
    assert "killed" in out["forever_in_c"].abandoned or "CPU" in out["forever_in_c"].abandoned
    assert [o.value for o in out["prints"].outcomes.values()] == [2, 3, 4]


def test_file_writes_are_refused_and_nothing_outside_is_touched(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    monkeypatch.setenv("VICTIM", str(victim))  # the child gets a clean environment: VICTIM does not reach it
    before = snapshot(tree)
    out = run(tree, ["writes_outside", "writes_relative", "deletes"])
    assert out["writes_outside"].abandoned.startswith("side effects: writes a file")
    assert out["writes_relative"].abandoned == "side effects: writes a file (here.txt)"
    assert out["deletes"].abandoned == "side effects: deletes a file"
    assert victim.read_text() == "keep me"
    assert snapshot(tree) == before
    assert not (Path.cwd() / "here.txt").exists()


def test_sockets_and_processes_are_refused(tree: Path):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(3)
    port = server.getsockname()[1]
    accepted: list[object] = []

    def serve() -> None:
        try:
            accepted.append(server.accept())
        except OSError:
            pass

    t = threading.Thread(target=serve)
    t.start()
    try:
        out = run(tree, ["connects", "connects_via_create", "spawns"], [(port,)])
    finally:
        t.join()
        server.close()
    assert out["connects"].abandoned == "side effects: opens a socket"
    assert out["connects_via_create"].abandoned == "side effects: opens a socket"
    assert out["spawns"].abandoned == "side effects: starts a process"
    assert accepted == []  # nothing reached the listener


def test_the_child_environment_carries_no_secrets(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    out = run(tree, ["env_key"], [(1,)])
    assert out["env_key"].outcomes[0].value == "none"


def test_an_import_that_fails_marks_every_unit(tree: Path):
    (tree / "pkg" / "broken.py").write_text("import nonexistent_module_xyz\n\ndef f(n: int) -> int:\n    return n\n")
    out = run_module(tree, "pkg/broken.py", [PyJob("f", "f", ["n"], [(1,)])], Limits(timeout=1.0))
    assert out["f"].abandoned.startswith("importing pkg.broken failed: ModuleNotFoundError")


def test_an_import_that_writes_is_refused(tree: Path):
    (tree / "pkg" / "noisy.py").write_text("open('log.txt', 'w').write('x')\n\ndef f(n: int) -> int:\n    return n\n")
    out = run_module(tree, "pkg/noisy.py", [PyJob("f", "f", ["n"], [(1,)])], Limits(timeout=1.0))
    assert out["f"].abandoned == "importing pkg.noisy failed: side effects at import: writes a file (log.txt)"
    assert not (tree / "log.txt").exists() and not os.path.exists("log.txt")


def test_benchmark_loop_reports_a_time(tree: Path):
    jobs = [PyJob("floor_div", "floor_div", ["a", "b"], [(7, 2), (-7, 2)], bench=True)]
    out = run_module(tree, "pkg/bad.py", jobs, Limits(timeout=1.0))
    assert out["floor_div"].bench_ns and out["floor_div"].bench_ns > 0
