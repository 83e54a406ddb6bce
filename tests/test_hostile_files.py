"""Files named *.py that are not files: FIFOs, sockets and symlinks out of the repository."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def odd_repo(shop_repo: Path, tmp_path: Path) -> Path:
    os.mkfifo(shop_repo / "shop" / "pipe.py")
    secret = tmp_path / "id_private.py"
    secret.write_text("def leak():\n    return 'the private key'\n")
    (shop_repo / "shop" / "leak.py").symlink_to(secret)
    (shop_repo / "shop" / "inside.py").symlink_to(shop_repo / "shop" / "pricing.py")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(shop_repo / "shop" / "sock.py"))
    sock.close()
    return shop_repo


def gotui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gotui.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [["scan", "--json"], ["notes", "--json"], ["convert", "--backend", "rules", "--json"],
                                     ["status", "--json"]])
def test_commands_do_not_hang_on_a_fifo_and_say_why_files_are_skipped(odd_repo: Path, command: list[str]):
    proc = gotui(*command, cwd=odd_repo)  # a FIFO opened for reading would block until the timeout
    assert proc.returncode == 0, proc.stderr
    if command[0] == "scan":
        ids = {u["id"] for u in json.loads(proc.stdout)}
        assert not any(i.startswith(("shop/pipe.py", "shop/sock.py", "shop/leak.py")) for i in ids)
        assert "shop/inside.py::vat_rate" in ids  # a symlink inside the repository is fine
        assert "shop/pipe.py: skipped: a FIFO" in proc.stderr
        assert "shop/sock.py: skipped: a socket" in proc.stderr
        assert "shop/leak.py: skipped: a symlink to a file outside the repository" in proc.stderr
    assert "the private key" not in proc.stdout


def test_a_fifo_named_as_the_target_does_not_hang(odd_repo: Path):
    proc = gotui("scan", "shop/pipe.py", cwd=odd_repo)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr


def test_git_dir_pointing_elsewhere_is_refused(shop_repo: Path, tmp_path: Path):
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    env = dict(os.environ, GIT_DIR=str(other / ".git"))
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "status"], cwd=shop_repo, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and "GIT_DIR=" in proc.stderr and "unset GIT_DIR" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    env = dict(os.environ, GIT_WORK_TREE=str(other))
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "status"], cwd=shop_repo, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and "GIT_WORK_TREE=" in proc.stderr
    # the same repository named explicitly is fine
    env = dict(os.environ, GIT_DIR=str(shop_repo / ".git"), GIT_WORK_TREE=str(shop_repo))
    assert subprocess.run([sys.executable, "-m", "gotui.cli", "status"], cwd=shop_repo, env=env,
                          capture_output=True, timeout=60).returncode == 0
