"""Background work the screen runs, as plain objects: translation and check jobs, and how `T` batches units."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

CHECK_BATCHES = 8  # `T` checks in at most this many runs (each builds every unit's Go once): progress between
CHECK_BATCH_MIN = 25  # units per run at least


@dataclass
class CheckJob:
    """`t` or `T`: units checked in a thread worker, a batch at a time."""

    batches: list[list[str]]
    cancel: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    counts: Counter = field(default_factory=Counter)
    results: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(b) for b in self.batches)


@dataclass
class Job:
    """One batch of translations running in a thread worker."""

    number: int
    ids: list[str]
    instruction: str | None = None
    only_pending: bool = False  # the start-up batch: skip units someone translated meanwhile
    cancel: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    spent: float = 0.0
    failed: int = 0  # translations that produced no Go (not counting cancelled or over budget)
    stopped: str | None = None  # why the job stopped early ("budget reached …")
    running: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.id_set = frozenset(self.ids)


def check_batches(ids: list[str], paths: list[str]) -> list[list[str]]:
    """Split `T`'s units into at most about CHECK_BATCHES runs, cutting between files where it can."""
    size = max(CHECK_BATCH_MIN, -(-len(ids) // CHECK_BATCHES))
    batches: list[list[str]] = []
    current: list[str] = []
    for i, (uid, path) in enumerate(zip(ids, paths)):
        if current and len(current) >= size and path != paths[i - 1]:
            batches.append(current)
            current = []
        current.append(uid)
        if len(current) >= 2 * size:  # one huge file: cut inside it
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches
