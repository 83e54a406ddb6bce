"""Which Python files belong to a scan, and their parsed modules."""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gotui.parse.scan_cache import ScanCache, content_key
from gotui.parse.units import ParsedModule, Unit, decode_python, parse_module
from gotui.yielding import between_steps

STEP_FILES = 64  # files read from the scan cache between two calls of between_steps
SKIP_DIRS = {".git", ".gotui", ".venv", "venv", "env", "__pycache__", "node_modules", ".tox", ".mypy_cache", "build", "dist", ".eggs"}


@dataclass
class Scan:
    root: Path
    modules: list[ParsedModule] = field(default_factory=list)
    complete: bool = True  # False: only the first files (scan_first), the rest still to scan

    @property
    def units(self) -> list[Unit]:
        return [u for m in self.modules for u in m.units]

    @property
    def problems(self) -> list[ParsedModule]:
        return [m for m in self.modules if m.error or m.skipped]

    def module(self, path: str) -> ParsedModule | None:
        for m in self.modules:
            if m.path == path:
                return m
        return None


def iter_python_files(target: Path) -> Iterator[Path]:
    """Every .py file under target (or target itself), in order, as the walk finds them (the first
    ones come at once, before the rest of a large tree is walked), skipping tool and build folders."""
    if target.is_file():
        yield target
        return
    for dirpath, dirnames, filenames in os.walk(target):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        yield from (Path(dirpath) / f for f in sorted(filenames) if f.endswith(".py"))


def python_files(target: Path) -> list[Path]:
    """Every .py file under target (or target itself), sorted, skipping tool and build folders."""
    return list(iter_python_files(target))


def sibling_files(root: Path, paths: Iterable[str]) -> list[Path]:
    """The other .py files of the folders that hold `paths` (relative to root), sorted: what a single
    file's package is made of beside it."""
    have = set(paths)
    folders = dict.fromkeys((root / p).parent for p in have)
    out: list[Path] = []
    for folder in folders:
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".py"))
        except OSError:
            continue
        out += [folder / n for n in names if rel_path(root, folder / n) not in have]
    return out


def read_regular(path: Path, root: Path | None = None) -> tuple[bytes | None, str | None]:
    """(bytes, None) for a regular file, else (None, why it is skipped).

    FIFOs, sockets and devices named *.py are never opened for reading (a FIFO would block),
    and a symlink that leads outside `root` is not followed (a cloned repository could point
    one at a private file, whose text would then go to a translator or a review ref).
    """
    try:
        st = os.stat(path)  # follows a symlink: what matters is what would be read
    except OSError as exc:
        return None, f"unreadable: {exc.strerror}"
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a file")
        return None, f"skipped: {kind}, not a regular file"
    if root is not None and os.path.islink(path):
        try:
            path.resolve().relative_to(root.resolve())
        except (ValueError, OSError, RuntimeError):
            return None, "skipped: a symlink to a file outside the repository"
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the stat, open still returns at once
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, f"unreadable: {exc.strerror}"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, "skipped: not a regular file"
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks), None
    except OSError as exc:
        return None, f"unreadable: {exc.strerror}"
    finally:
        os.close(fd)


def rel_path(root: Path, path: Path) -> str:
    """`path` relative to `root` (both resolved by the caller when they may hold symlinks)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


MIN_FILES_FOR_WORKERS = 64  # below this, starting worker processes costs more than it saves


def _units_only(job: tuple[str, bytes]) -> ParsedModule:
    """A worker's parse: the module's units without its tree (trees do not cross processes; the
    parent parses a module's tree again on first use, as it does for modules from the cache)."""
    module = parse_module(*job)
    module._tree = None
    return module


def _parse_all(jobs: list[tuple[str, bytes]]) -> list[ParsedModule]:
    if len(jobs) < MIN_FILES_FOR_WORKERS or sys.platform != "linux":
        return [parse_module(*job) for job in jobs]
    # imported here: multiprocessing costs the review's first screen 15 ms, and only a first scan of
    # many files (never the first page) uses a pool
    from gotui.parse import workers

    cores = len(os.sched_getaffinity(0))
    if threading.active_count() > 1:
        # a process that runs threads (the review screen scanning behind its first screen) must not
        # fork: spawned workers, one core left to the threads that keep the keys fast
        with workers.spawn_pool(max(1, min(cores - 1, 8))) as pool:
            return pool.map(_units_only, jobs, chunksize=16)
    if cores < 2:
        return [parse_module(*job) for job in jobs]
    # fork: tree-sitter's parse holds the GIL, so a large first scan uses every core this way
    with workers.fork_pool(min(cores, 8)) as pool:
        return pool.map(_units_only, jobs, chunksize=16)


def scan(root: Path, target: Path, cache: ScanCache | None = None) -> Scan:
    """Parse every Python file under target; paths in units are relative to root.

    With a cache, files whose bytes are unchanged take their units from it and parse lazily. A first
    scan of many files (nothing cached) parses them in worker processes on every core. A background
    scan waits for the review screen's keys between chunks of files (gotui/yielding.py).
    """
    return scan_files(root, iter_python_files(target.resolve()), cache)


def scan_first(root: Path, target: Path, cache: ScanCache | None, min_units: int) -> Scan:
    """The first files under target, in the order `scan` lists them, until they hold `min_units`
    units (or the tree ends): what a screen needs to show its first page before the whole scan."""
    result = Scan(root=root)
    seen = 0
    fresh: list[tuple[str, str, ParsedModule]] = []  # written to the cache at once: one transaction
    for path in iter_python_files(target.resolve()):
        part = scan_files(root, [path], cache, fresh)
        result.modules.extend(part.modules)
        seen += len(part.units)
        if seen >= min_units:
            result.complete = False
            break
    if cache is not None:
        cache.put_many(fresh)
    return result


def scan_files(root: Path, files: Iterable[Path], cache: ScanCache | None = None,
               fresh: list[tuple[str, str, ParsedModule]] | None = None) -> Scan:
    """Parse `files` (absolute, in order); see `scan`. The modules parsed (not from the cache) are
    written to the cache, or added to `fresh` for the caller to write."""
    result = Scan(root=root)
    root = root.resolve()
    slots: list[ParsedModule | None] = []
    misses: list[tuple[int, str, str, bytes]] = []  # (slot, rel, cache key, raw)
    for n, path in enumerate(files, 1):
        if n % STEP_FILES == 0:
            between_steps()
        rel = rel_path(root, path)
        raw, why = read_regular(path, root)
        if raw is None:
            slots.append(ParsedModule(path=rel, skipped=why))
            continue
        module = None
        key = ""
        if cache is not None:
            key = content_key(raw)
            text, _ = decode_python(raw)
            module = cache.get(rel, key, text) if text is not None else None
        if module is None:
            misses.append((len(slots), rel, key, raw))
        slots.append(module)
    parsed = _parse_all([(rel, raw) for _, rel, _, raw in misses])
    for (slot, _, _, _), module in zip(misses, parsed):
        slots[slot] = module
    result.modules = [m for m in slots if m is not None]
    entries = [(rel, key, module) for (_, rel, key, _), module in zip(misses, parsed)]
    if fresh is not None:
        fresh.extend(entries)
    elif cache is not None:
        cache.put_many(entries)
    return result
