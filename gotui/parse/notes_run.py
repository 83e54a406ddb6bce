"""Hazard notes of a whole tree for `gotui notes`: every file read, parsed and walked once, on every core.

Each file's notes depend on that file alone, so on Linux the files are shared out to forked worker
processes (tree-sitter's parse and the walk hold the GIL: threads would not help) and the notes
come back in file order, one file at a time, so the CLI can stream them. Elsewhere, and for small
trees where starting workers costs more than it saves, it runs in this process. The review screen
does not come here: it computes a module's notes when it shows that module (Project.module_notes).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from gotui.parse.files import python_files, read_regular, rel_path
from gotui.parse.hazards import module_notes
from gotui.parse.note import Note
from gotui.parse.units import ParsedModule, parse_module
from gotui.parse.workers import spawn_pool
from gotui.yielding import between_steps

MIN_FILES_FOR_WORKERS = 64
CHUNK = 8
STEP_FILES = 64  # files the workers take between two calls of between_steps


def _file_notes(job: tuple[Path, Path]) -> list[Note]:
    root, path = job
    rel = rel_path(root, path)
    raw, why = read_regular(path, root)
    module = ParsedModule(path=rel, skipped=why) if raw is None else parse_module(rel, raw)
    return module_notes(module)


def _text_notes(job: tuple[str, str, str | None]) -> list[Note]:
    path, text, skipped = job
    module = ParsedModule(path=path, skipped=skipped) if skipped is not None else parse_module(path, text.encode("utf-8"))
    return module_notes(module)


def spawned_notes(modules: list[ParsedModule], jobs: int | None = None) -> Iterator[list[Note]]:
    """The notes of already-scanned modules, in order, from SPAWNED worker processes: for a process that
    runs threads (the review screen), where fork is unsafe. The walk's memory and its hold on the
    interpreter stay in the workers, so the screen keeps its keys fast and its footprint small.
    Each batch of STEP_FILES files waits in between_steps first (from a background thread of the
    review screen: the workers are held back while a person presses keys, gotui/yielding.py)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    jobs = jobs if jobs is not None else max(1, min(cores - 1, 8))  # one core stays with the screen
    work = [(m.path, m.text, m.skipped) for m in modules]
    if len(work) < MIN_FILES_FOR_WORKERS or sys.platform != "linux":
        yield from map(_text_notes, work)
        return
    with spawn_pool(jobs) as pool:
        for start in range(0, len(work), STEP_FILES):
            between_steps()
            yield from pool.imap(_text_notes, work[start:start + STEP_FILES], chunksize=CHUNK)


def tree_notes(root: Path, target: Path, jobs: int | None = None) -> Iterator[list[Note]]:
    """The notes of each Python file under `target` (paths relative to `root`), file by file, in order."""
    root, target = root.resolve(), target.resolve()
    files = [(root, p) for p in python_files(target)]
    jobs = jobs if jobs is not None else min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
    if jobs <= 1 or len(files) < MIN_FILES_FOR_WORKERS or sys.platform != "linux":
        yield from map(_file_notes, files)
        return
    # fork: the workers inherit the loaded parsers and rule tables instead of importing them again
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_file_notes, files, chunksize=CHUNK)
