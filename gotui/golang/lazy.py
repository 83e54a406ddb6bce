"""A read-only mapping built on first read (`LazyMapping`): for tables that cost something to build and
that many callers never read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LazyMapping(Mapping[K, V], Generic[K, V]):
    """The dict `build()` returns, built the first time anything is read, then kept."""

    def __init__(self, build: Callable[[], dict[K, V]]) -> None:
        self._build = build
        self._built: dict[K, V] | None = None

    def _table(self) -> dict[K, V]:
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getitem__(self, key: K) -> V:
        return self._table()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())
