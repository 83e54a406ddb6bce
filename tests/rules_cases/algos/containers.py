"""Lists, dicts, sets and comprehensions."""

import bisect
from collections import defaultdict
from typing import Optional


def last(xs: list[int]) -> int:
    return xs[-1]


def at(xs: list[int], i: int) -> int:
    return xs[i]


def inner(xs: list[int]) -> list[int]:
    return xs[1:-1]


def contains_all(xs: list[int], ys: list[int]) -> bool:
    return all(y in xs for y in ys)


def any_negative(xs: list[int]) -> bool:
    return any(x < 0 for x in xs)


def squares_of_evens(xs: list[int]) -> list[int]:
    return [x * x for x in xs if x % 2 == 0]


def index_pairs(xs: list[str]) -> list[str]:
    return [f"{i}:{x}" for i, x in enumerate(xs, 1)]


def dot(a: list[int], b: list[int]) -> int:
    total = 0
    for x, y in zip(a, b):
        total += x * y
    return total


def by_length(ws: list[str]) -> list[str]:
    return sorted(ws, key=lambda w: (len(w), w))


def longest_first(ws: list[str]) -> list[str]:
    return sorted(ws, key=len, reverse=True)


def sort_in_place(xs: list[int]) -> list[int]:
    ys = list(xs)
    ys.sort(reverse=True)
    return ys


def top_scores(scores: dict[str, int], n: int) -> list[str]:
    names = sorted(scores)
    names.sort(key=lambda k: scores[k], reverse=True)
    return names[:n]


def word_count(text: str) -> dict[str, int]:
    counts = defaultdict(int)
    for w in text.split():
        counts[w] += 1
    return dict(counts)


def group_by_first(ws: list[str]) -> dict[str, list[str]]:
    groups = defaultdict(list)
    for w in ws:
        groups[w[0]].append(w)
    return dict(groups)


def invert_unique(d: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(d.items())


def unique_sorted(xs: list[int]) -> list[int]:
    return sorted(set(xs))


def common(a: list[int], b: list[int]) -> int:
    return len({x for x in a if x in b})


def flatten(rows: list[list[int]]) -> list[int]:
    return [x for row in rows for x in row]


def transpose(m: list[list[int]]) -> list[list[int]]:
    if not m:
        return []
    return [[row[i] for row in m] for i in range(len(m[0]))]


def first_even(xs: list[int]) -> Optional[int]:
    for x in xs:
        if x % 2 == 0:
            return x
    return None


def find_index(xs: list[int], target: int) -> int:
    for i, x in enumerate(xs):
        if x == target:
            break
    else:
        return -1
    return xs.index(target)


def mapped(xs: list[int]) -> list[str]:
    return list(map(str, filter(lambda x: x > 1, xs)))


def reversed_copy(xs: list[int]) -> list[int]:
    return list(reversed(xs))


def stats(xs: list[int]) -> tuple[int, int, int]:
    return min(xs), max(xs), sum(xs)


def total_value(prices: dict[str, int], qty: dict[str, int]) -> int:
    total = 0
    for sku, n in qty.items():
        total += prices.get(sku, 0) * n
    return total


def pop_twice(xs: list[int]) -> int:
    ys = xs.copy()
    a = ys.pop()
    b = ys.pop(0)
    return a * 100 + b + len(ys)


def stack_ops(ops: list[str]) -> list[int]:
    stack: list[int] = []
    for op in ops:
        if op == "pop":
            if stack:
                stack.pop()
        else:
            stack.append(int(op))
    return stack


def two_sum(xs: list[int], target: int) -> tuple[int, int]:
    seen: dict[int, int] = {}
    for i, x in enumerate(xs):
        if target - x in seen:
            return seen[target - x], i
        seen[x] = i
    return -1, -1


def merge_sorted(a: list[int], b: list[int]) -> list[int]:
    i, j = 0, 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def binary_search(xs: list[int], target: int) -> int:
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def squares_map(n: int) -> dict[int, int]:
    return {i: i * i for i in range(n)}


def pascal_row(n: int) -> list[int]:
    row = [1]
    for _ in range(n):
        row = [a + b for a, b in zip([0] + row, row + [0])]
    return row


def second_largest(xs: list[int]) -> Optional[int]:
    distinct = sorted(set(xs), reverse=True)
    if len(distinct) < 2:
        return None
    return distinct[1]


def insert_points(xs: list[int], x: int) -> tuple[int, int]:
    return (bisect.bisect_left(xs, x), bisect.bisect_right(xs, x))


def grade(score: float) -> str:
    i = bisect.bisect([60.0, 70.0, 80.0, 90.0], score)
    return "FDCBA"[i]


def word_rank(words: list[str], w: str) -> int:
    return bisect.bisect_left(words, w)


def in_ranges(ucs: int, table: list[tuple[int, int]]) -> int:
    """wcwidth's _bisearch: locals defined through each other (mid, lbound, ubound)."""
    lbound = 0
    ubound = len(table) - 1
    if ucs < table[0][0] or ucs > table[ubound][1]:
        return 0
    while ubound >= lbound:
        mid = (lbound + ubound) // 2
        if ucs > table[mid][1]:
            lbound = mid + 1
        elif ucs < table[mid][0]:
            ubound = mid - 1
        else:
            return 1
    return 0
