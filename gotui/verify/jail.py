"""Launch code under test in an OS sandbox: no network, its own pid namespace, read-only files but scratch.

Used for the Python under test (sandbox.py) and the `go test` binary (gotest.py). Three modes,
chosen at run time and probed once per process (`isolation()`):

- `bwrap` (bubblewrap): new user/pid/net/ipc/uts namespaces, `--ro-bind / /`, an empty tmpfs on `/tmp` and `/run`, a fresh
  `/proc` and `/dev`, the writable folders bound back, `--die-with-parent`, a cleared environment.
- `unshare` (util-linux): `--fork --pid --kill-child --mount-proc --net --mount --ipc --uts` (and
  `--user --map-root-user` when not root); `_jail_init.py`, inside the new mount namespace, puts
  an empty tmpfs on /tmp and /run (binding back what the run needs) and remounts every mount
  read-only except the writable folders, before the program starts.
- `none`: no namespaces available (macOS, a locked-down container): the program runs with the
  same clean environment and limits only; `warn_unisolated()` says so once per run, loudly.

In every mode `_jail_init.py` drops every capability (bounding set included) and sets
no_new_privs, so a program run by root cannot remount its files read-write; then it sets the
resource limits and execs the program with exactly the environment given (nothing of gotui's
own: no keys, no tokens). `GOTUI_SANDBOX=bwrap|unshare|none`
forces a mode (tests); a forced mode whose probe fails falls back to `none`, with the warning.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence

from gotui.golang.toolchain import Toolchain

INIT = Path(__file__).with_name("_jail_init.py")
MODES = ("bwrap", "unshare", "none")
_warned: list[bool] = []


def _requested() -> str | None:
    mode = os.environ.get("GOTUI_SANDBOX", "").strip().lower()
    return mode if mode in MODES else None


def isolation() -> str:
    """`bwrap`, `unshare` or `none`: how code under test is isolated in this process (probed once)."""
    wanted = _requested()
    if wanted is not None:
        return wanted if wanted == "none" or probe(wanted) else "none"
    for mode in ("bwrap", "unshare"):
        if probe(mode):
            return mode
    return "none"


UNISOLATED = ("gotui: WARNING: code under test is NOT isolated (no bubblewrap or user namespaces here): "
              "`gotui check` runs it with only an in-process guard, which hostile code can escape")


def warn_unisolated(stream: Any = None) -> bool:
    """Print UNISOLATED once per process when isolation() is `none`; True when it is."""
    if isolation() != "none":
        return False
    if not _warned:
        _warned.append(True)
        print(UNISOLATED, file=stream or sys.stderr)
    return True


@functools.lru_cache(maxsize=None)
def probe(mode: str) -> bool:
    """Whether `mode` works here and really confines writes (a real run of `sh` in it)."""
    if mode == "none":
        return True
    if shutil.which(mode) is None or shutil.which("sh") is None:
        return False
    outside = Path(tempfile.mkdtemp(prefix="gotui-probe-"))
    scratch = Path(tempfile.mkdtemp(prefix="gotui-probe-"))
    try:
        argv = wrap(["sh", "-c", f"echo x > {scratch}/ok; echo x > {outside}/escaped; exit 0"], scratch=scratch,
                    env={"PATH": "/usr/bin:/bin"}, mode=mode)
        proc = subprocess.run(argv, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        return proc.returncode == 0 and (scratch / "ok").exists() and not (outside / "escaped").exists()
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        shutil.rmtree(outside, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


# Folders replaced by an empty private tmpfs in the jail: they hold other programs' files and, above
# all, their unix sockets (ssh-agent, X11, D-Bus, docker), which a network namespace does not hide.
PRIVATE = ("/tmp", "/run")


def _hidden(paths: Sequence[Path | str]) -> list[str]:
    """Those of `paths` that a private /tmp or /run would hide, so they are bound back read-only."""
    out: list[str] = []
    for p in paths:
        real = str(Path(p).resolve())
        if any(real == d or real.startswith(d + "/") for d in PRIVATE) and real not in out and os.path.exists(real):
            out.append(real)
    return out


def wrap(argv: Sequence[str], *, scratch: Path, env: Mapping[str, str], writable: Sequence[Path] = (),
         readable: Sequence[Path] = (), rlimits: Mapping[str, tuple[int, int]] | None = None,
         cwd: Path | None = None, mode: str | None = None) -> list[str]:
    """The command line that runs `argv` jailed: only `scratch` and `writable` can be written,
    `readable` (e.g. the repository) is visible read-only even under /tmp, `env` is the whole
    environment, `rlimits` ({"RLIMIT_AS": (soft, hard)}) are set first."""
    mode = mode or isolation()
    program = shutil.which(argv[0], path=env.get("PATH")) or argv[0]
    rw = [str(Path(p).resolve()) for p in (scratch, *writable)]
    ro = _hidden([*readable, sys.prefix, Path(sys.executable).parent, INIT.parent, Path(program).parent])
    spec = {"env": dict(env), "rlimits": {k: list(v) for k, v in (rlimits or {}).items()}, "cwd": str(cwd or scratch),
            "mounts": {"writable": rw, "readable": ro, "private": list(PRIVATE)} if mode == "unshare" else None}
    inner = [sys.executable, "-I", "-S", str(INIT), json.dumps(spec), "--", program, *argv[1:]]
    if mode == "bwrap":
        binds: list[str] = []
        for folder in PRIVATE:
            if os.path.isdir(folder) and not os.path.islink(folder):
                binds += ["--tmpfs", folder]
        for folder in ro:
            binds += ["--ro-bind", folder, folder]
        for folder in rw:
            binds += ["--bind", folder, folder]
        return ["bwrap", "--die-with-parent", "--new-session", "--unshare-all", "--cap-drop", "ALL", "--ro-bind", "/", "/",
                "--proc", "/proc", "--dev", "/dev", *binds, "--clearenv", "--", *inner]
    if mode == "unshare":
        user = ["--user", "--map-root-user"] if os.geteuid() != 0 else []
        return ["unshare", *user, "--fork", "--pid", "--kill-child", "--mount-proc", "--net", "--mount",
                "--ipc", "--uts", "--", "env", "-i", *inner]
    return ["env", "-i", *inner]


def popen(argv: Sequence[str], *, scratch: Path, env: Mapping[str, str], writable: Sequence[Path] = (),
          readable: Sequence[Path] = (), rlimits: Mapping[str, tuple[int, int]] | None = None,
          cwd: Path | None = None, **kwargs: Any) -> subprocess.Popen:
    """subprocess.Popen of `argv` jailed (see wrap); its own session, so a kill reaches it all."""
    warn_unisolated()
    cmd = wrap(argv, scratch=scratch, env=env, writable=writable, readable=readable, rlimits=rlimits, cwd=cwd)
    return subprocess.Popen(cmd, start_new_session=True, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                            cwd=str(scratch), **kwargs)


def run(argv: Sequence[str], *, scratch: Path, env: Mapping[str, str], writable: Sequence[Path] = (),
        readable: Sequence[Path] = (), rlimits: Mapping[str, tuple[int, int]] | None = None,
        cwd: Path | None = None, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Run `argv` jailed to the end (text output captured); on timeout the whole jail is killed and
    subprocess.TimeoutExpired raised."""
    proc = popen(argv, scratch=scratch, env=env, writable=writable, readable=readable, rlimits=rlimits, cwd=cwd,
                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(proc)
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def kill(proc: subprocess.Popen) -> None:
    """Kill the jailed program and everything it started (its session; the pid namespace dies with it)."""
    try:
        os.killpg(proc.pid, 9)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


# -- the Go toolchain ------------------------------------------------------------------------------

# What `go test` needs from Toolchain.env(); the rest of gotui's environment (keys, tokens) stays out.
GO_ENV_KEEP = ("PATH", "GOPROXY", "GOFLAGS", "GONOSUMDB", "GOTOOLCHAIN", "GOTELEMETRY", "GOWORK", "CGO_ENABLED",
               "GOCACHE", "GOROOT")


def go_env(toolchain: Toolchain, home: Path) -> dict[str, str]:
    """Toolchain.env() cut down to GO_ENV_KEEP, with HOME, TMPDIR and the module cache in `home`."""
    full = toolchain.env()
    env = {k: full[k] for k in GO_ENV_KEEP if k in full}
    env.update(HOME=str(home), TMPDIR=str(home), GOTMPDIR=str(home), GOMODCACHE=str(home / "mod"),
               GOPATH=str(home / "path"), LANG="C.UTF-8")
    return env


def run_go(toolchain: Toolchain, args: Sequence[str], workdir: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """`go ARGS` in `workdir`, jailed: it builds and runs test binaries, i.e. the code under test.

    Writable: `workdir` (gotui's temporary module), a scratch HOME/TMPDIR, and gotui's own Go build
    cache (GOCACHE; a test binary could write there, see docs/security.md). No network, no keys.
    """
    home = Path(tempfile.mkdtemp(prefix="gotui-go-"))
    try:
        env = go_env(toolchain, home)
        cache = Path(env.get("GOCACHE") or home / "gocache")
        cache.mkdir(parents=True, exist_ok=True)
        env["GOCACHE"] = str(cache)
        cpu = int(timeout + 120) * 4  # seconds of CPU per process; a test binary may use every core
        rlimits = {"RLIMIT_CPU": (cpu, cpu), "RLIMIT_CORE": (0, 0), "RLIMIT_FSIZE": (1 << 30, 1 << 30)}
        return run([str(toolchain.go), *args], scratch=home, env=env, writable=[Path(workdir), cache],
                   readable=[Path(toolchain.go).parent, *([toolchain.goroot] if toolchain.goroot else [])],
                   rlimits=rlimits, cwd=Path(workdir), timeout=timeout)
    finally:
        shutil.rmtree(home, ignore_errors=True)
