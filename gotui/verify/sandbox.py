"""Run Python functions on inputs in a sandboxed subprocess: one process per module, all its units batched.

The child (`_sandbox_child.py`) imports the module from the work tree with its package root on
sys.path, in a scratch folder as cwd and HOME, with CPU and address-space limits, a wall timer
per call, sockets, processes and file writes refused. That guard is in-process, so the child is
launched through `jail` (an OS sandbox: no network, own pid namespace, everything read-only but the
scratch folder, a clean environment, rlimits). This side adds a watchdog: a call stuck in C code
that no signal interrupts gets the process killed, its unit marked, the rest run again.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from gotui.verify import jail
from gotui.verify._sandbox_child import (  # one codec for both sides of the pipe
    decode,
    encode,
)

CHILD = Path(__file__).with_name("_sandbox_child.py")


@dataclass
class Limits:
    timeout: float = 2.0  # wall seconds for one call (also its CPU budget)
    memory_mb: int = 2048  # address space of the whole child
    max_stops: int = 3  # calls stopped (timeout, memory) before a unit is given up
    import_timeout: float = 20.0
    python: str = sys.executable


@dataclass
class PyJob:
    """One unit's calls: the attribute path in the module, its parameter names, the argument tuples."""

    unit_id: str
    attr: str
    names: list[str]
    cases: list[tuple]
    kwonly: list[str] = field(default_factory=list)
    bench: bool = False
    ctor: int | None = None  # a method: the first `ctor` values of each case build the receiver (attr is Class.method)
    # an exception class (attr is the class): each result is `str(exc)|` followed by "Name," for each
    # of these classes of the module the exception is an instance of (what `except Name` would catch)
    exc_of: list[str] | None = None
    state: bool = False  # a method whose first `ctor` values are the receiver's attributes (a traced `self`)
    prop: str = ""  # "get": a @property getter, read on the receiver; "set": its setter, assigned (attr is Class.name)
    after: bool = False  # the result is the receiver's attributes after the call (a method that returns nothing)
    attrs: list[str] = field(default_factory=list)  # the result is an instance, read back as these attributes (instances.py)
    collect: bool = False  # the result is an iterator, run to its end inside the timed call: its values (iterators.py)
    kept: list[str] = field(default_factory=list)  # receiver attributes of @cached_property values: None is "not read yet"


@dataclass
class CaseOutcome:
    kind: str  # "ok" (value), "raise" (exc, msg) or "stop" (reason: the sandbox stopped the call)
    value: Any = None
    exc: str = ""
    msg: str = ""
    reason: str = ""

    def describe(self) -> str:
        if self.kind == "ok":
            return repr(self.value)
        if self.kind == "raise":
            return f"raised {self.exc}" + (f": {self.msg}" if self.msg else "")
        return f"stopped: {self.reason}"


@dataclass
class UnitRun:
    unit_id: str
    outcomes: dict[int, CaseOutcome] = field(default_factory=dict)
    abandoned: str | None = None  # why the unit as a whole could not be run
    bench_ns: float | None = None  # one pass over the passing inputs


def module_location(root: Path, py_path: str) -> tuple[Path, str]:
    """(folder for sys.path, dotted module name): up through the folders that are packages."""
    p = PurePosixPath(py_path)
    parts = [p.stem] if p.stem != "__init__" else []
    folder = p.parent
    while str(folder) not in ("", ".") and (root / folder / "__init__.py").exists():
        parts.insert(0, folder.name)
        folder = folder.parent
    if not parts:  # a top-level __init__.py: import the folder itself
        parts = [p.parent.name]
        folder = p.parent.parent
    return (root / folder).resolve(), ".".join(parts)


def _child_env(scratch: Path) -> dict[str, str]:
    """A small environment: no API keys or proxies from the parent reach the user's code."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(scratch), "TMPDIR": str(scratch),
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "NO_PROXY": "*", "no_proxy": "*",
    }


def _kill(proc: subprocess.Popen) -> None:
    jail.kill(proc)  # its own session and pid namespace: the child and anything it started


def _run_once(root: Path, py_path: str, jobs: list[PyJob], limits: Limits, runs: dict[str, UnitRun],
              scratch: Path) -> list[PyJob]:
    """Run the jobs in one child; returns the jobs not yet run when the child died (to run again)."""
    sys_path, module = module_location(root, py_path)
    job = {
        "sys_path": [str(sys_path)], "module": module, "timeout": limits.timeout, "memory_mb": limits.memory_mb,
        "max_stops": limits.max_stops, "import_timeout": limits.import_timeout,
        "cpu_total": int(min(3600, 30 + sum(len(j.cases) for j in jobs) * limits.timeout * 2)),
        "units": [{"id": j.unit_id, "attr": j.attr, "names": j.names, "kwonly": j.kwonly, "bench": j.bench, "ctor": j.ctor, "exc_of": j.exc_of, "state": j.state, "prop": j.prop, "after": j.after, "attrs": j.attrs, "collect": j.collect, "kept": j.kept,
                   "cases": [[encode(v) for v in c] for c in j.cases]} for j in jobs],
    }
    stderr_path = scratch.parent / "stderr.txt"  # beside the jail's scratch: the code cannot forge it
    mem = limits.memory_mb * 1024 * 1024
    cpu = job["cpu_total"] + 5
    rlimits = {"RLIMIT_AS": (mem, mem), "RLIMIT_CPU": (cpu, cpu), "RLIMIT_CORE": (0, 0)}
    with open(stderr_path, "wb") as err:
        proc = jail.popen([limits.python, "-I", "-X", "utf8", str(CHILD)], scratch=scratch, env=_child_env(scratch),
                          readable=[root, sys_path], rlimits=rlimits, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", "replace"))
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(job).encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:
        pass
    by_id = {j.unit_id: j for j in jobs}
    started: list[str] = []
    finished: set[str] = set()
    current: str | None = None
    ready = False
    killed_for: str | None = None
    ended = False
    while True:
        if not ready:
            wait = limits.import_timeout + 10
        elif current is not None and by_id[current].bench and len(runs[current].outcomes) >= len(by_id[current].cases):
            wait = max(limits.timeout * 4, 5.0) * 4 + 10
        else:
            wait = limits.timeout + 5
        try:
            line = lines.get(timeout=wait)
        except queue.Empty:
            killed_for = current or "import"
            _kill(proc)
            break
        if line is None:
            break
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        ev = msg.get("event")
        if ev == "import_error":
            for j in jobs:
                runs[j.unit_id].abandoned = f"importing {module} failed: {msg.get('error', '')}"
            finished.update(by_id)
        elif ev == "ready":
            ready = True
        elif ev == "start":
            current = msg["unit"]
            started.append(current)
        elif ev == "case":
            try:
                value = decode(msg.get("value"))
            except (ValueError, TypeError, KeyError):
                msg.update(kind="stop", reason="the result could not be read back")
                value = None
            runs[msg["unit"]].outcomes[int(msg["i"])] = CaseOutcome(
                kind=msg["kind"], value=value, exc=msg.get("exc", ""), msg=msg.get("msg", ""),
                reason=msg.get("reason", ""))
        elif ev == "abandon":
            runs[msg["unit"]].abandoned = msg["reason"]
            finished.add(msg["unit"])
            current = None
        elif ev == "bench":
            runs[msg["unit"]].bench_ns = float(msg["ns"])
        elif ev == "done":
            finished.add(msg["unit"])
            current = None
        elif ev == "end":
            ended = True
    reader.join(timeout=5)
    if proc.poll() is None:
        if ended:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _kill(proc)
        else:
            _kill(proc)
    if ended or all(j.unit_id in finished for j in jobs):
        return []
    tail = stderr_path.read_text("utf-8", "replace").strip().splitlines()[-1:] if stderr_path.exists() else []
    if killed_for == "import" or not ready:
        why = f"did not finish within {limits.import_timeout:g} s" if killed_for else f"exit {proc.returncode}"
        for j in jobs:
            runs[j.unit_id].abandoned = f"importing {module} failed: {why}" + (f": {tail[0]}" if tail else "")
        return []
    culprit = current
    if culprit is not None:
        if killed_for:
            runs[culprit].abandoned = f"did not finish within {limits.timeout:g} s (killed by the watchdog)"
        else:
            code = proc.returncode
            what = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
            if code == -signal.SIGKILL or code == -signal.SIGXCPU:
                what += " (CPU limit)"
            runs[culprit].abandoned = f"the Python process died ({what})" + (f": {tail[0][:200]}" if tail else "")
        finished.add(culprit)
    return [j for j in jobs if j.unit_id not in finished and j.unit_id not in started]


def run_module(root: Path, py_path: str, jobs: list[PyJob], limits: Limits | None = None) -> dict[str, UnitRun]:
    """Each job's outcomes, by unit id. Never raises for what the user's code does."""
    limits = limits or Limits()
    runs = {j.unit_id: UnitRun(j.unit_id) for j in jobs}
    outer = Path(tempfile.mkdtemp(prefix="gotui-sandbox-"))
    scratch = outer / "scratch"
    scratch.mkdir()
    try:
        todo = list(jobs)
        for _ in range(len(jobs) + 1):  # every restart leaves out at least the unit that killed it
            if not todo:
                break
            todo = _run_once(root, py_path, todo, limits, runs, scratch)
    except OSError as exc:
        for j in jobs:
            if not runs[j.unit_id].outcomes and runs[j.unit_id].abandoned is None:
                runs[j.unit_id].abandoned = f"could not start Python ({limits.python}): {exc.strerror or exc}"
    finally:
        shutil.rmtree(outer, ignore_errors=True)
    return runs


def run_modules(root: Path, jobs_by_module: dict[str, list[PyJob]], limits: Limits | None = None,
                workers: int = 2) -> dict[str, UnitRun]:
    """All modules, `workers` processes at a time."""
    out: dict[str, UnitRun] = {}
    if not jobs_by_module:
        return out
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for runs in pool.map(lambda item: run_module(root, item[0], item[1], limits), sorted(jobs_by_module.items())):
            out.update(runs)
    return out


