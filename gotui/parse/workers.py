"""Spawned worker processes for a process that runs threads (the review screen), where fork is unsafe.

Two things go wrong when a pool is spawned under Textual, and both are handled here:

- multiprocessing's resource tracker is started with `sys.stderr`'s file descriptor, and Textual's
  print capture has none (`fileno()` is -1): the spawn fails with "bad value(s) in fds_to_keep".
  The tracker is started once with /dev/null as its stderr instead.
- a spawned worker inherits descriptor 2, the terminal Textual draws on: a warning or a traceback
  from a worker would be written over the screen. Each worker points its descriptor 2 at /dev/null.

Workers also run at a lower priority (nice 10): on a machine with few cores they would otherwise
take the core the screen needs to answer a key.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import sys
import threading
from multiprocessing import resource_tracker

_TRACKER_LOCK = threading.Lock()
WORKER_NICENESS = 10


def _has_descriptor(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _start_tracker() -> None:
    """The resource tracker running, started with a real stderr even when sys.stderr has none."""
    with _TRACKER_LOCK:
        if _has_descriptor(sys.stderr):
            resource_tracker.ensure_running()
            return
        saved = sys.stderr
        with open(os.devnull, "w") as null:
            sys.stderr = null  # only for the instant the tracker starts: it is given this descriptor
            try:
                resource_tracker.ensure_running()
            finally:
                sys.stderr = saved


def _quiet_worker() -> None:
    os.nice(WORKER_NICENESS)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def spawn_pool(processes: int) -> multiprocessing.pool.Pool:
    """A pool of `processes` spawned workers whose stderr goes nowhere (use it as a context manager)."""
    _start_tracker()
    return multiprocessing.get_context("spawn").Pool(processes, initializer=_quiet_worker)


def fork_pool(processes: int) -> multiprocessing.pool.Pool:
    """A pool of `processes` forked workers, for a process that runs no other thread (the CLI)."""
    return multiprocessing.get_context("fork").Pool(processes)
