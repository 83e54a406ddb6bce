"""The review screen as a person meets it: launched in a tmux pane, read with capture-pane.

    .venv/bin/python benchmarks/bench_launch.py [--keys 60] [--size 80x24] [--runs 3]

On Django 5.1 (see bench_review.py for how it is fetched) it prints, cold (no `.gotui/`) and warm
(the second launch):

- first screen: from starting `gotui review` in the pane to the first capture that shows the unit
  list, the status bar and the first unit's Python in its pane (interpreter start, imports, the
  scan of the first files, first paint all included; the rest of the tree is scanned behind it)
- j: from `send-keys j` to the first capture that differs, median and p95 over --keys presses
- peak RSS of the gotui process (VmHWM)

and the same first-screen and j figures for a bare Textual app that reads the same files
synchronously and lists every `def` in an OptionList: the floor of this way of measuring (tmux,
polling capture-pane every 2 ms), not of gotui. Captures and keys go through one tmux control-mode
client (`tmux -C`): a line each on its stdin, where a `tmux capture-pane` process per poll cost
about 3 ms of the same 2 cores the app under test runs on (and sat inside every measured key). A Textual "hello world" (one Static)
gives the first-screen floor of any Textual app on the machine: interpreter start, Textual's
imports, one paint.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_review import django_repo  # noqa: E402

GOTUI = Path(sys.executable).with_name("gotui")
SOCKET = f"gotui-bench-{os.getpid()}"
SETTLE = 2.0  # seconds between one launch's end and the next launch
POLL = 0.002  # seconds between two captures while waiting for the screen to change

BARE_APP = textwrap.dedent('''
    import os, re, sys
    from textual.app import App
    from textual.widgets import OptionList, Footer
    DEF = re.compile(r"^\\s*def (\\w+)", re.M)

    class Bare(App):
        BINDINGS = [("j", "down", "down"), ("q", "quit", "quit")]
        def compose(self):
            rows = []
            for folder, dirs, files in os.walk(sys.argv[1]):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".py"):
                        path = os.path.join(folder, f)
                        text = open(path, encoding="utf-8", errors="replace").read()
                        rows.extend(f"{m.group(1)}  {path}:{text.count(chr(10), 0, m.start()) + 1}" for m in DEF.finditer(text))
            yield OptionList(*rows, id="units")
            yield Footer()
        def on_mount(self):
            units = self.query_one(OptionList)
            units.focus()
            units.highlighted = 0
        def action_down(self):
            self.query_one(OptionList).action_cursor_down()

    Bare().run()
''')


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=30).stdout


class Control:
    """A tmux control-mode client (`tmux -C`) on the bench session. A capture or a key is a line on its
    stdin (about 0.1 ms) instead of a tmux process (about 3 ms, on the 2 cores the app under test also
    needs, and inside every measured key). Its output notifications are off; it does not size the window."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(["tmux", "-L", SOCKET, "-f", "/dev/null", "-C", "attach", "-t", "bench"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._block()  # the attach's own (empty) reply comes first: each command's reply then matches it
        self.command("refresh-client -f no-output")

    def command(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        return self._block(line)

    def _block(self, line: str = "attach") -> str:
        """The next reply block (%begin ... %end), notifications around it skipped."""
        assert self.proc.stdout is not None
        out: list[bytes] = []
        inside = False
        while True:
            got = self.proc.stdout.readline()
            if not got:
                raise SystemExit(f"tmux control client ended during {line!r}")
            if got.startswith(b"%begin"):
                inside, out = True, []
            elif inside and got.startswith((b"%end", b"%error")):
                return b"".join(out).decode("utf-8", "replace")
            elif inside:
                out.append(got)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


_control: Control | None = None


def kill_server() -> None:
    global _control
    if _control is not None:
        _control.close()
        _control = None
    tmux("kill-server")


def capture() -> str:
    line = "capture-pane -p -e -t bench"  # -e: a move of the highlight changes colours only
    return _control.command(line) if _control is not None else tmux(*line.split())


def send_key(key: str) -> None:
    if _control is not None:
        _control.command(f"send-keys -t bench {key}")
    else:
        tmux("send-keys", "-t", "bench", key)


def launch(command: str, size: tuple[int, int], ready, timeout: float = 60.0) -> tuple[float, str]:
    """Start `command` in a fresh pane; seconds until `ready(screen)` holds, and that screen."""
    global _control
    kill_server()
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", "bench", "-x", str(size[0]), "-y", str(size[1]), command)
    _control = Control()
    while time.perf_counter() - start < timeout:
        screen = capture()
        if ready(screen):
            return time.perf_counter() - start, screen
        time.sleep(POLL)
    raise SystemExit(f"no ready screen after {timeout:.0f} s:\n{capture()}")


HELLO_APP = textwrap.dedent('''
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("hello world")

    Hello().run()
''')


def key_latencies(keys: int) -> list[float]:
    out = []
    before = capture()
    for _ in range(keys):
        start = time.perf_counter()
        send_key("j")
        while True:
            screen = capture()
            if screen != before:
                out.append(time.perf_counter() - start)
                before = screen
                break
            if time.perf_counter() - start > 5:
                out.append(5.0)
                break
            time.sleep(POLL)
        time.sleep(0.05)  # a person's pace: the next key after the screen has settled
        before = capture()
    return out


def peak_rss_mb() -> float | None:
    pid = tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").strip()
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def gotui_ready(screen: str) -> bool:
    """The status bar, the unit list, and the first unit's Python in its pane (titled with its file)."""
    lines = screen.splitlines()
    return any("units" in ln or "unit " in ln for ln in lines[-2:]) and any("Python · " in ln for ln in lines[:-2])


def measure(command: str, size: tuple[int, int], keys: int, ready) -> dict:
    first, _ = launch(command, size, ready)
    time.sleep(1.0)  # let background work (notes, sync) start: keys are measured while it runs
    lat = key_latencies(keys) if keys else [float("nan")]
    rss = peak_rss_mb()
    kill_server()
    time.sleep(SETTLE)  # the killed app's exit and its workers' must not run into the next launch
    return {"first": first, "median": statistics.median(lat), "p95": sorted(lat)[int(len(lat) * 0.95) - 1], "rss": rss}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=int, default=60)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--runs", type=int, default=3, help="cold and warm launches each; the median run counts")
    args = ap.parse_args(argv)
    size = tuple(int(x) for x in args.size.split("x"))
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    # gotui byte-compiled, as an installed tool is (an editable install whose machine sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every launch)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parents[1] / "gotui")],
                   check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        repo, wheel = django_repo(Path(tmp) / "django-repo")
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO_APP)
        env = f"env TERM=xterm-256color LANG=C.UTF-8 GOTUI_USER=bench"
        rows: dict[str, list[dict]] = {"gotui cold": [], "gotui warm": [], "bare Textual list": [], "Textual hello world": []}
        for _ in range(args.runs):
            shutil.rmtree(repo / ".gotui", ignore_errors=True)
            review = f"cd {repo} && {env} {GOTUI} review --no-mouse --backend rules ."
            rows["gotui cold"].append(measure(review, size, args.keys, gotui_ready))
            rows["gotui warm"].append(measure(review, size, args.keys, gotui_ready))
            rows["bare Textual list"].append(measure(f"{env} {sys.executable} {bare} {repo / 'django'}", size, args.keys,
                                                     lambda s: "def" in s or "  django/" in s or ".py:" in s))
            rows["Textual hello world"].append(measure(f"{env} {sys.executable} {hello}", size, 0, lambda s: "hello world" in s))
    print(f"Django ({wheel}), {args.size}, from launch in tmux, median of {args.runs} runs")
    print(f"{'':<20}{'first screen':>14}{'j median':>11}{'j p95':>9}{'peak RSS':>10}")
    for name, runs in rows.items():
        mid = sorted(runs, key=lambda r: r["first"])[len(runs) // 2]
        rss = f"{mid['rss']:.0f} MB" if mid["rss"] else "?"
        keys = f"{mid['median'] * 1000:>8.1f} ms{mid['p95'] * 1000:>6.1f} ms" if mid["median"] == mid["median"] else f"{'-':>11}{'-':>9}"
        print(f"{name:<20}{mid['first']:>12.2f} s{keys}{rss:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
