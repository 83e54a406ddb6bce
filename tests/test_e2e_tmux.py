"""A person's session, end to end, in a real terminal: `gotui review` inside tmux.

The repository has staged, unstaged and untracked work. The reviewer sees a unit beside its Go,
presses a, c, Enter, and the Go lands on gotui/migration while HEAD, the index and every file stay
exactly as they were. Then a pair: two `gotui review` in two panes of one tmux window on one
repository, each seeing the other's decision within a second or two. The tmux server runs on
its own socket and is killed at the end.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import git, repo_snapshot

GOTUI = Path(sys.executable).with_name("gotui")
BRANCH = "gotui/migration"

if shutil.which("tmux") is None:  # pragma: no cover - the development image has tmux
    raise RuntimeError("tmux is needed for the end-to-end test (apt-get install tmux)")


class Tmux:
    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"gotui-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = env

    def run(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True,
                              env=self.env, timeout=30)
        if check and proc.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {proc.stderr}")
        return proc.stdout

    def screen(self, target: str = "review") -> str:
        return self.run("capture-pane", "-p", "-t", target)

    def wait_for(self, condition, what: str, timeout: float = 30.0, target: str = "review", poll: float = 0.1) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen(target)
            if condition(text):
                return text
            time.sleep(poll)
        raise AssertionError(f"waited {timeout:.0f} s for {what} in {target}; the screen shows:\n{text}")

    def keys(self, *keys: str, target: str = "review") -> None:
        for key in keys:
            self.run("send-keys", "-t", target, key)
            time.sleep(0.15)

    def kill(self) -> None:
        self.run("kill-server", check=False)
        folder = Path(self.env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)


@pytest.fixture
def tmux(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "OPENAI", "AZURE"))}
    env.update(GOTUI_USER="reviewer", TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    t = Tmux(env)
    try:
        yield t
    finally:
        t.kill()


def test_review_accept_and_commit_in_tmux(dirty_shop_repo: Path, tmux: Tmux):
    before = repo_snapshot(dirty_shop_repo)
    assert before["cached"] and "notes.txt" in before["status"] and " M README.md" in before["status"]

    status_file = dirty_shop_repo.parent / "gotui-exit-status"
    command = f"{GOTUI} review {dirty_shop_repo} --backend rules; echo $? > {status_file}"
    tmux.run("new-session", "-d", "-s", "review", "-x", "80", "-y", "24", command)

    # the first unit (the Cart class) beside its Go, once the background translation has run
    screen = tmux.wait_for(lambda s: "Python · shop/cart.py:8" in s and "Go · " in s and "converted" in s
                           and "translating" not in s, "the unit beside its translated Go")
    assert "class Cart:" in screen
    go_lines = screen.split("Go · ", 1)[1].splitlines()[1:4]
    assert any(line.strip() for line in go_lines), screen
    assert "? help" in screen and "29 units" in screen

    tmux.keys("a")
    tmux.wait_for(lambda s: "✓ 1 accepted" in s, "the accepted badge")
    tmux.keys("c")
    screen = tmux.wait_for(lambda s: "Commit to a branch" in s, "the commit dialog")
    assert BRANCH in screen and "shop/cart.go" in screen
    tmux.keys("Enter")
    deadline = time.monotonic() + 30
    while git(dirty_shop_repo, "branch", "--list", BRANCH) == "" and time.monotonic() < deadline:
        time.sleep(0.1)
    tmux.wait_for(lambda s: "committed" in s, "the commit notification")

    assert git(dirty_shop_repo, "branch", "--list", BRANCH).strip().endswith(BRANCH)
    go = git(dirty_shop_repo, "show", f"{BRANCH}:shop/cart.go")
    assert go.startswith("package ") and "Cart" in go
    assert git(dirty_shop_repo, "rev-parse", f"{BRANCH}^").strip() == before["head"].strip()
    assert repo_snapshot(dirty_shop_repo) == before

    tmux.keys("q")
    # the shell around gotui writes its exit status: more dependable than tmux's pane_dead_status,
    # which a loaded tmux server can leave empty for a while after the pane closes
    deadline = time.monotonic() + 20
    while not status_file.exists() or not status_file.read_text().strip():
        assert time.monotonic() < deadline, f"gotui did not quit on q:\n{tmux.screen()}"
        time.sleep(0.1)
    assert status_file.read_text().strip() == "0", f"gotui exited with {status_file.read_text().strip()}"


PAIR_SEEN_WITHIN = 2.0  # seconds from one pane showing its own decision to the other pane showing it


def test_two_reviewers_in_two_tmux_panes_see_each_others_decisions(shop_repo: Path, tmux: Tmux):
    # translate first, so neither app translates at start and both open on the same converted units
    convert = subprocess.run([str(GOTUI), "convert", str(shop_repo), "--backend", "rules", "-q"], capture_output=True,
                             text=True, env=tmux.env, timeout=120)
    assert convert.returncode == 0, convert.stderr
    review = f"{GOTUI} review {shop_repo} --backend rules"
    tmux.run("new-session", "-d", "-s", "review", "-x", "200", "-y", "60", f"env GOTUI_USER=ana {review}")
    ana = tmux.run("display-message", "-p", "-t", "review", "#{pane_id}").strip()
    ben = tmux.run("split-window", "-v", "-t", ana, "-P", "-F", "#{pane_id}", f"env GOTUI_USER=ben {review}").strip()
    assert ana.startswith("%") and ben.startswith("%") and ana != ben
    for pane in (ana, ben):
        screen = tmux.wait_for(lambda s: "29 units" in s and "converted" in s and "Python · shop/cart.py:8" in s,
                               "the converted units", target=pane)
        assert "translating" not in screen
        # counted per badge, as the list shows them: the rules translator leaves some units partial
        counts = re.search(r"29 units  ● (\d+) converted  ◐ (\d+) partial", screen)
        assert counts is not None and int(counts[1]) + int(counts[2]) == 29, screen

    # ana accepts the first unit (the Cart class); ben's pane shows it
    tmux.keys("a", target=ana)
    tmux.wait_for(lambda s: "✓ 1 accepted" in s, "ana's own decision", target=ana, poll=0.02)
    start = time.monotonic()
    screen = tmux.wait_for(lambda s: "✓ 1 accepted" in s, "ana's decision in ben's pane", target=ben, timeout=10, poll=0.02)
    seen = time.monotonic() - start
    assert seen < PAIR_SEEN_WITHIN, f"ben saw ana's decision after {seen:.2f} s"
    assert "by ana" in screen and "✓ accepted" in screen, screen

    # and the reverse: ben moves to the next unit and rejects it; ana's pane shows it
    tmux.keys("j", "x", target=ben)
    tmux.wait_for(lambda s: "✗ 1 rejected" in s, "ben's own decision", target=ben, poll=0.02)
    start = time.monotonic()
    screen = tmux.wait_for(lambda s: "✗ 1 rejected" in s and "✓ 1 accepted" in s, "ben's decision in ana's pane",
                           target=ana, timeout=10, poll=0.02)
    seen = time.monotonic() - start
    assert seen < PAIR_SEEN_WITHIN, f"ana saw ben's decision after {seen:.2f} s"
    assert "✗ rejected" in screen and "Cart.add_item" in screen, screen
