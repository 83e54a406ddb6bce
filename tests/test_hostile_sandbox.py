"""Code under test that sets out to escape: each attempt must be refused or contained by the OS sandbox.

Every Python attack first gets past the in-process guard (ctypes, _posixsubprocess, switching the
guard flag off), so only the jail (gotui/verify/jail.py) stands between it and the machine. They run
in a separate gotui process started with an API key in its real environment, so reading
/proc/<parent>/environ would find it if the jail let it. Each runs under bubblewrap and under the
unshare fallback; the `none` fallback must say loudly that nothing is isolated.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from gotui.verify import jail

KEY = "sk-test-hostile-0123456789abcdef"
MARK = "31337.25"  # the `sleep` a setsid grandchild runs, so the test can look for it afterwards

MODULE = '''
import ctypes, os, socket, sys, time

OUTSIDE = {outside!r}
REPO_FILE = {repo_file!r}

def _guard_off():
    sys.modules["__main__"]._guard = False  # the in-process guard's own flag

def ctypes_system(n: int) -> int:
    libc = ctypes.CDLL(None)
    libc.system(("echo pwned > " + OUTSIDE + "/system; echo pwned >> " + REPO_FILE).encode())
    return n

def remounts(n: int) -> int:
    libc = ctypes.CDLL(None)
    with open("/proc/self/mountinfo") as fh:
        points = [line.split()[4] for line in fh]
    for point in points:  # MS_REMOUNT | MS_BIND without MS_RDONLY: read-write again, if allowed
        libc.mount(b"none", point.encode(), None, 32 | 4096, None)
        libc.mount(b"none", point.encode(), None, 32, None)
    libc.system(("echo pwned >> " + REPO_FILE + "; echo pwned > " + OUTSIDE + "/remount").encode())
    return n

def fork_exec(n: int) -> int:
    import _posixsubprocess
    cmd = [b"/bin/sh", b"-c", ("echo pwned > " + OUTSIDE + "/fork_exec").encode()]
    r, w = os.pipe()
    common = (cmd, [b"/bin/sh"], True, (w,), None, None, -1, -1, -1, -1, -1, -1, r, w, True, False)
    try:
        pid = _posixsubprocess.fork_exec(*common, -1, None, None, None, -1, None, False)
    except TypeError:  # Python 3.10: no process_group, no allow_vfork
        pid = _posixsubprocess.fork_exec(*common, None, None, None, -1, None)
    os.waitpid(pid, 0)
    return n

def guard_off_write(n: int) -> int:
    _guard_off()
    with open(OUTSIDE + "/guard_off", "w") as fh:
        fh.write("pwned")
    return n

def proc_environ(n: int) -> str:
    _guard_off()
    found = []
    for pid in ["self", str(os.getppid())] + [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            with open("/proc/" + pid + "/environ", "rb") as fh:
                found += [v.decode() for v in fh.read().split(b"\\0") if b"sk-" in v]
        except OSError:
            pass
    return ";".join(found) or "nothing"

def connects(port: int) -> str:
    _guard_off()
    import _socket
    s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        return "connected"
    except OSError as exc:
        return "refused: " + type(exc).__name__

def unix_socket(n: int) -> str:
    _guard_off()
    import _socket
    s = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        s.connect(OUTSIDE + "/agent.sock")  # like an ssh-agent's socket under /tmp
        return "connected"
    except OSError as exc:
        return "refused: " + type(exc).__name__

def lingers(n: int) -> int:
    _guard_off()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/bin/sleep", ["sleep", {mark!r}])
        os._exit(0)
    os.waitpid(pid, 0)
    return n
'''

RUNNER = r'''
import json, sys
from pathlib import Path
from gotui.verify.sandbox import Limits, PyJob, run_module
root, names, arg = Path(sys.argv[1]), sys.argv[2].split(","), int(sys.argv[3])
out = run_module(root, "hostile.py", [PyJob(n, n, ["n"], [(arg,)]) for n in names], Limits(timeout=5.0))
print(json.dumps({n: {"abandoned": r.abandoned, "values": [o.describe() for o in r.outcomes.values()]} for n, r in out.items()}))
'''


def installed(mode: str) -> None:
    if shutil.which(mode) is None:
        pytest.skip(f"{mode} is not installed here (CI installs bubblewrap)")
    assert jail.probe(mode), f"{mode} is installed but cannot sandbox here"


@pytest.fixture(params=["bwrap", "unshare"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    installed(request.param)
    monkeypatch.setenv("GOTUI_SANDBOX", request.param)
    return request.param


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "data.txt").write_text("original\n")
    (root / "hostile.py").write_text(MODULE.format(outside=str(outside), repo_file=str(root / "data.txt"), mark=MARK))
    return root, outside


def run_hostile(root: Path, names: list[str], mode: str, arg: int = 1) -> tuple[dict, str]:
    env = {**os.environ, "OPENAI_API_KEY": KEY, "GOTUI_SANDBOX": mode}  # in gotui's real environment block
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(root), ",".join(names), str(arg)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


def test_escapes_through_ctypes_fork_exec_and_the_guard_flag_write_nothing(repo: tuple[Path, Path], mode: str):
    root, outside = repo
    names = ["ctypes_system", "fork_exec", "guard_off_write", "remounts"]
    out, err = run_hostile(root, names, mode)
    assert sorted(p.name for p in outside.iterdir()) == []  # nothing landed outside scratch
    assert (root / "data.txt").read_text() == "original\n"  # the repository is read-only
    assert "NOT isolated" not in err
    assert set(out) == set(names)


def test_the_key_is_not_readable_from_any_process(repo: tuple[Path, Path], mode: str):
    root, _ = repo
    out, _ = run_hostile(root, ["proc_environ"], mode)
    assert out["proc_environ"]["values"] == ["'nothing'"]
    assert KEY not in json.dumps(out)


def test_no_network_even_to_localhost(repo: tuple[Path, Path], mode: str):
    root, outside = repo
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    agent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    agent.bind(str(outside / "agent.sock"))
    accepted: list[object] = []

    def serve(sock: socket.socket) -> None:
        sock.listen(1)
        sock.settimeout(5)
        try:
            accepted.append(sock.accept())
        except OSError:
            pass

    threads = [threading.Thread(target=serve, args=(s,)) for s in (server, agent)]
    for t in threads:
        t.start()
    try:
        out, _ = run_hostile(root, ["connects", "unix_socket"], mode, arg=server.getsockname()[1])
    finally:
        server.close()
        agent.close()
        for t in threads:
            t.join()
    assert accepted == []
    assert out["connects"]["values"][0].startswith("'refused")
    assert out["unix_socket"]["values"][0].startswith("'refused")


def _sleepers() -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if MARK.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            pass
    return found


def test_a_setsid_child_does_not_outlive_the_run(repo: tuple[Path, Path], mode: str):
    root, _ = repo
    out, _ = run_hostile(root, ["lingers"], mode)
    assert out["lingers"]["values"] == ["1"]
    deadline = time.monotonic() + 5
    while _sleepers() and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _sleepers()
    for pid in left:  # do not leave it behind for the next test, whatever happened
        os.kill(pid, 9)
    assert left == []


GO_MOD = "module hostile\n\ngo 1.21\n"
GO_TEST = '''package hostile

import (
	"os"
	"strings"
	"testing"
)

var found string

func init() {
	for _, kv := range os.Environ() {
		if strings.Contains(kv, "sk-") {
			found += kv
		}
	}
	os.WriteFile(OUTSIDE+"/from_go", []byte("pwned"), 0o644)
	os.WriteFile(HOME+"/from_go", []byte("pwned"), 0o644)
}

func TestLeak(t *testing.T) {
	if found != "" {
		t.Fatalf("KEY FOUND %s", found)
	}
	t.Logf("ENV %d", len(os.Environ()))
}
'''


def test_the_go_test_binary_gets_no_key_and_writes_nowhere(tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch):
    toolchain = find_toolchain()
    assert toolchain is not None, "the tests need Go (the [go] extra)"
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    outside = tmp_path / "outside"
    outside.mkdir()
    work = tmp_path / "mod"
    work.mkdir()
    (work / "go.mod").write_text(GO_MOD)
    (work / "x_test.go").write_text(GO_TEST.replace("OUTSIDE", json.dumps(str(outside))).replace("HOME", json.dumps(str(Path.home()))))
    proc = jail.run_go(toolchain, ["test", "-count=1", "-v", "./..."], work, timeout=300)
    assert "--- PASS: TestLeak" in proc.stdout, proc.stdout + proc.stderr
    assert KEY not in proc.stdout + proc.stderr
    assert list(outside.iterdir()) == [] and not (Path.home() / "from_go").exists()


def test_without_namespaces_check_says_loudly_it_is_not_isolated(repo: tuple[Path, Path]):
    root, outside = repo
    out, err = run_hostile(root, ["proc_environ"], "none")
    assert err.count("NOT isolated") == 1  # once per run
    assert "WARNING" in err
    assert set(out) == {"proc_environ"}


def test_isolation_reports_the_mode(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("GOTUI_SANDBOX", "none")
    monkeypatch.setattr(jail, "_warned", [])
    assert jail.isolation() == "none"
    assert jail.warn_unisolated() and jail.warn_unisolated()
    assert capsys.readouterr().err.count("NOT isolated") == 1
    for m in ("bwrap", "unshare"):
        if shutil.which(m):
            monkeypatch.setenv("GOTUI_SANDBOX", m)
            assert jail.isolation() == m
            assert not jail.warn_unisolated()
