"""Which Python line a Go line came from, and back: the map behind the review screen's scroll sync.

The rules translator writes Go in the order of the Python, statement by statement, and an LLM
mostly does too. So the map is deliberately simple and says only what it can stand behind:

1. Anchors. A Python name (a parameter, a local, a function, a field, a constant) is spelt in Go
   by `gotui.golang.names` (`go_func_name`, `go_local_name`, `go_const_name`, `go_type_name`),
   so `subtotal_cents` on a Python line and `subtotalCents` on a Go line tie those two lines.
   Numbers and the words inside string literals tie lines the same way (`495`, `"DE"`); a
   one-digit number or a Python builtin such as `len` weighs half. A name on as many Python
   lines as Go lines ties its occurrences in order; a name on a few lines either side offers
   every pairing, weaker, and step 2 picks; a name on many lines ties only its first occurrences.
2. Order. Anchors must not cross: of all anchors, the chain increasing in both Python and Go
   lines with the most weight is kept (a name on few lines weighs more than a common one).
3. Between anchors, lines map proportionally; before the first anchor and after the last, to
   the start and end of the unit.

A line with an anchor maps exactly; any other line maps to where it lies between its anchors.
Nothing here reads the Go's syntax: a Go that reorders the Python maps less well, never wrongly
ordered.
"""

from __future__ import annotations

import builtins
import keyword
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from gotui.golang.names import go_const_name, go_func_name, go_local_name, go_type_name

_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|\d+")
# Words that say nothing about where a line came from: Python's keywords and the receiver names.
_IGNORED = set(keyword.kwlist) | set(getattr(keyword, "softkwlist", ())) | {"self", "cls", "None", "True", "False", "_"}
_COMMON_BUILTINS = {name for name in dir(builtins) if not name.startswith("_")}
MAX_ANCHORS = 20_000  # beyond this, only the rarest names anchor


@lru_cache(maxsize=4096)
def go_spellings(py_name: str) -> frozenset[str]:
    """How a Python name may be written in Go (and the name itself, for literals and builtins)."""
    if py_name.isdigit():
        return frozenset({py_name})
    out = {py_name}
    for fn in (go_func_name, go_local_name, go_const_name, go_type_name):
        try:
            out.add(fn(py_name))
        except Exception:  # noqa: BLE001 - a name the converters cannot spell: keep the plain one
            pass
    out.add(go_local_name(py_name).rstrip("_"))
    return frozenset(s for s in out if s)


def _python_words(line: str) -> set[str]:
    return {w for w in _WORD.findall(line) if w not in _IGNORED}


def _go_words(line: str) -> set[str]:
    return set(_WORD.findall(line))


@dataclass(frozen=True)
class LineMap:
    """A monotonic map between a unit's Python lines and its Go lines (rows counted from 0)."""

    python_lines: int
    go_lines: int
    anchors: tuple[tuple[int, int], ...]  # (python row, go row), increasing in both

    def go_to_python(self, go_row: int) -> int:
        return self._map(go_row, 1, 0, self.go_lines, self.python_lines)

    def python_to_go(self, python_row: int) -> int:
        return self._map(python_row, 0, 1, self.python_lines, self.go_lines)

    def _map(self, row: int, src: int, dst: int, src_len: int, dst_len: int) -> int:
        if dst_len <= 0:
            return 0
        row = max(0, min(row, max(0, src_len - 1)))
        # the unit's ends are anchors too: (0, 0) and (len, len)
        points = [(0, 0), *((a[src], a[dst]) for a in self.anchors), (src_len, dst_len)]
        keys = [p[0] for p in points]
        i = bisect_right(keys, row) - 1
        s0, d0 = points[i]
        if s0 == row:
            return max(0, min(d0, dst_len - 1))
        s1, d1 = points[i + 1]
        if s1 == s0:
            return max(0, min(d0, dst_len - 1))
        d = d0 + (row - s0) * (d1 - d0) / (s1 - s0)
        return max(0, min(int(d), dst_len - 1))


def build_line_map(python: str, go: str) -> LineMap:
    py_lines, go_lines = python.splitlines(), go.splitlines()
    anchors = _anchors(py_lines, go_lines)
    return LineMap(len(py_lines), len(go_lines), tuple(anchors))


def _anchors(py_lines: list[str], go_lines: list[str]) -> list[tuple[int, int]]:
    py_rows: dict[str, list[int]] = {}
    for i, line in enumerate(py_lines):
        for w in _python_words(line):
            py_rows.setdefault(w, []).append(i)
    go_index: dict[str, list[int]] = {}
    for j, line in enumerate(go_lines):
        for w in _go_words(line):
            go_index.setdefault(w, []).append(j)
    candidates: list[tuple[int, int, float]] = []
    for name, rows in py_rows.items():
        spelt: set[int] = set()
        for s in go_spellings(name):
            spelt.update(go_index.get(s, ()))
        if not spelt:
            continue
        g_rows = sorted(spelt)
        weight = 1.0 / len(rows)
        if name in _COMMON_BUILTINS or (name.isdigit() and len(name) == 1):
            weight /= 2
        if len(rows) == len(g_rows):  # as many in Go as in Python: in order
            candidates.extend((p, g, weight) for p, g in zip(rows, g_rows))
        elif len(rows) * len(g_rows) <= 16:  # a few either side: any pairing, weaker; the chain picks
            w = weight / len(g_rows)
            candidates.extend((p, g, w) for p in rows for g in g_rows)
        else:
            candidates.append((rows[0], g_rows[0], weight))
    if len(candidates) > MAX_ANCHORS:
        candidates = sorted(candidates, key=lambda c: -c[2])[:MAX_ANCHORS]
    # several names on the same pair of lines add up
    merged: dict[tuple[int, int], float] = {}
    for p, g, w in candidates:
        merged[(p, g)] = merged.get((p, g), 0.0) + w
    return _heaviest_chain(merged)


def _heaviest_chain(points: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The chain of points strictly increasing in both coordinates with the most total weight.

    Points in Python order; a Fenwick tree over Go rows answers "the best chain ending below this
    Go row" in O(log n), so a class of a thousand lines maps in milliseconds.
    """
    items = sorted(points.items())
    if not items:
        return []
    size = max(g for (_, g), _ in items) + 2
    tree_best = [0.0] * (size + 1)
    tree_at = [-1] * (size + 1)

    def query(g: int) -> tuple[float, int]:  # best over Go rows < g
        best, at, i = 0.0, -1, g
        while i > 0:
            if tree_best[i] > best:
                best, at = tree_best[i], tree_at[i]
            i -= i & -i
        return best, at

    def update(g: int, value: float, idx: int) -> None:
        i = g + 1
        while i <= size:
            if value > tree_best[i]:
                tree_best[i], tree_at[i] = value, idx
            i += i & -i

    best = [0.0] * len(items)
    back = [-1] * len(items)
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and items[end][0][0] == items[start][0][0]:
            end += 1
        for i in range(start, end):  # one Python row: query all before any update (strictly increasing)
            (_, g), w = items[i]
            prev, at = query(g)
            best[i], back[i] = prev + w, at
        for i in range(start, end):
            update(items[i][0][1], best[i], i)
        start = end
    i = max(range(len(items)), key=lambda x: best[x])
    chain = []
    while i >= 0:
        chain.append(items[i][0])
        i = back[i]
    return chain[::-1]
