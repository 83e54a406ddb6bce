"""`gotui trace`: run a command (the project's tests) under the tracer and gather what it saw.

The tracer (`_tracer.py`, standard library only) is put on the command's PYTHONPATH as
`sitecustomize`, so it loads in every Python process the command starts (pytest workers too),
whatever interpreter that is. Each process writes its traces to a scratch folder; this module
merges them. A command that fails still gives the traces it gathered; one that runs past the
timeout is stopped (its whole process group) and keeps what was flushed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO

from gotui.evidence.infer import Key, TraceSummary
from gotui.evidence.model import parse_term, spell, unify_all

MAX_SAMPLES = 20


class TraceError(Exception):
    """One line for the user: the command could not be started."""


@dataclass
class TracedUnit:
    path: str
    qualname: str
    line: int
    calls: int = 0
    params: dict[str, dict[str, int]] = field(default_factory=dict)
    returns: dict[str, int] = field(default_factory=dict)
    samples: list[dict] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.path, self.qualname, self.line)

    def summary(self) -> TraceSummary:
        return TraceSummary(self.calls, self.params, self.returns)

    def types(self) -> dict[str, str]:
        """Each parameter's observed type and the result's, as annotations."""
        out = {name: spell(unify_all(parse_term(t) for t in seen)) for name, seen in self.params.items()}
        if self.returns:
            out["return"] = spell(unify_all(parse_term(t) for t in self.returns))
        return out


@dataclass
class TraceRun:
    command: list[str]
    exit_code: int
    timed_out: bool
    units: list[TracedUnit]
    seconds: float
    processes: int = 0  # Python processes the tracer loaded in (0: the command bypassed it)


def run_trace(root: Path, only: Path, command: list[str], timeout: float = 600.0, samples: int = MAX_SAMPLES,
              stdout: IO[str] | None = None) -> TraceRun:
    """Run `command` in `root` with every function under `only` traced; its output goes to `stdout` (default ours)."""
    if not command:
        raise TraceError("nothing to trace: give a command after --, e.g. gotui trace src -- pytest -q tests")
    exe = shutil.which(command[0], path=os.environ.get("PATH"))
    if exe is None and not Path(command[0]).exists():
        raise TraceError(f"cannot run {command[0]!r}: no such command")
    with tempfile.TemporaryDirectory(prefix="gotui-trace-") as scratch:
        site = Path(scratch) / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(resources.files("gotui.evidence").joinpath("_tracer.py").read_text("utf-8"), "utf-8")
        out = Path(scratch) / "out" / "trace"
        out.parent.mkdir()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(site), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
        command = with_tracer_path(command, site)
        env.update(GOTUI_TRACE_ROOT=str(root), GOTUI_TRACE_ONLY=str(only), GOTUI_TRACE_OUT=str(out),
                   GOTUI_TRACE_SAMPLES=str(samples))
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(command, cwd=root, env=env, start_new_session=True, stdout=stdout)
        except OSError as exc:
            raise TraceError(f"cannot run {command[0]!r}: {exc.strerror or exc}") from exc
        timed_out = False
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _stop_group(proc)
            code = proc.wait()
        except KeyboardInterrupt:
            _stop_group(proc)
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        processes = len(list(out.parent.glob("trace.*.json")))
        return TraceRun(command, code, timed_out, merge_outputs(out.parent, samples), seconds, processes)


def with_tracer_path(command: list[str], site: Path) -> list[str]:
    """`env PYTHONPATH=src pytest` would replace the PYTHONPATH that loads the tracer: keep the tracer first in it."""
    if Path(command[0]).name != "env":
        return command
    out = list(command)
    for i, arg in enumerate(out[1:], 1):
        if arg.startswith("PYTHONPATH="):
            value = arg.split("=", 1)[1]
            out[i] = "PYTHONPATH=" + os.pathsep.join([str(site), *([value] if value else [])])
        elif "=" not in arg and not arg.startswith("-"):
            break  # the command env runs: its own arguments are not env's
    return out


def _stop_group(proc: subprocess.Popen) -> None:
    """SIGTERM (the tracer flushes on it), a moment, then SIGKILL for what is left of the group."""
    for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 0.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace or None)
            return
        except subprocess.TimeoutExpired:
            continue


def merge_outputs(folder: Path, samples: int = MAX_SAMPLES) -> list[TracedUnit]:
    """One TracedUnit per function, summed over every process's file."""
    merged: dict[tuple[str, int], TracedUnit] = {}
    seen: dict[tuple[str, int], set[str]] = {}
    for file in sorted(folder.glob("trace.*.json")):
        try:
            data = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # a process killed mid-write: its previous flush was replaced atomically, so skip
        for rec in data.get("units", []):
            key = (rec["path"], int(rec["line"]))
            unit = merged.setdefault(key, TracedUnit(rec["path"], rec["qualname"], int(rec["line"])))
            unit.calls += int(rec.get("calls", 0))
            for name, types in rec.get("params", {}).items():
                table = unit.params.setdefault(name, {})
                for t, n in types.items():
                    table[t] = table.get(t, 0) + int(n)
            for t, n in rec.get("returns", {}).items():
                unit.returns[t] = unit.returns.get(t, 0) + int(n)
            ids = seen.setdefault(key, set())
            for sample in rec.get("samples", []):
                ident = json.dumps([sample.get("args"), sample.get("self")], sort_keys=True)  # same as the tracer's
                if ident not in ids and len(unit.samples) < samples:
                    ids.add(ident)
                    unit.samples.append(sample)
    return sorted(merged.values(), key=lambda u: (u.path, u.line))
