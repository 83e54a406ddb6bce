"""List exercises: rotation, de-duplication, windows, searching and sorting."""

from collections import Counter
from typing import Optional


def rotate(items: list[int], k: int) -> list[int]:
    if not items:
        return []
    k %= len(items)
    return items[-k:] + items[:-k]


def dedupe(items: list[str]) -> list[str]:
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def chunk(items: list[int], size: int) -> list[list[int]]:
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i : i + size] for i in range(0, len(items), size)]


def flatten(nested: list[list[int]]) -> list[int]:
    return [x for sub in nested for x in sub]


def two_sum(nums: list[int], target: int) -> Optional[tuple[int, int]]:
    seen: dict[int, int] = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i
    return None


def moving_average(values: list[float], window: int) -> list[float]:
    if window <= 0 or window > len(values):
        raise ValueError(f"bad window {window} for {len(values)} values")
    return [sum(values[i : i + window]) / window for i in range(len(values) - window + 1)]


def max_subarray(nums: list[int]) -> int:
    best = current = nums[0]
    for n in nums[1:]:
        current = max(n, current + n)
        best = max(best, current)
    return best


def binary_search(items: list[int], target: int) -> int:
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def second_largest(nums: list[int]) -> int | None:
    distinct = sorted(set(nums), reverse=True)
    return distinct[1] if len(distinct) > 1 else None


def running_total(nums: list[int]) -> list[int]:
    total = 0
    out = []
    for n in nums:
        total += n
        out.append(total)
    return out


def pairwise_differences(nums: list[int]) -> list[int]:
    return [b - a for a, b in zip(nums, nums[1:])]


def merge_sorted(a: list[int], b: list[int]) -> list[int]:
    i = j = 0
    merged = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            merged.append(a[i])
            i += 1
        else:
            merged.append(b[j])
            j += 1
    merged.extend(a[i:])
    merged.extend(b[j:])
    return merged


def last_n(items: list[int], n: int) -> list[int]:
    return items[-n:] if n > 0 else []


def sort_by_length(words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: (len(w), w))


def top_k_frequent(words: list[str], k: int) -> list[str]:
    counts = Counter(words)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [word for word, _ in ranked[:k]]


def min_max(nums: list[int]) -> tuple[int, int]:
    if not nums:
        raise ValueError("min_max of an empty list")
    return min(nums), max(nums)


def has_duplicates(items: list[int]) -> bool:
    return len(set(items)) != len(items)


CASES = {
    "rotate": [
        (([1, 2, 3, 4, 5], 2), [4, 5, 1, 2, 3]),
        (([1, 2, 3], 0), [1, 2, 3]),
        (([1, 2, 3], 3), [1, 2, 3]),
        (([1, 2, 3], 4), [3, 1, 2]),
        (([1, 2, 3], -1), [2, 3, 1]),
        (([], 5), []),
    ],
    "dedupe": [
        ((["a", "b", "a", "c", "b"],), ["a", "b", "c"]),
        (([],), []),
        ((["x", "x", "x"],), ["x"]),
        ((["b", "a"],), ["b", "a"]),
    ],
    "chunk": [
        (([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]),
        (([1, 2, 3], 3), [[1, 2, 3]]),
        (([], 4), []),
        (([1, 2], 5), [[1, 2]]),
        (([1], 0), "ValueError"),
    ],
    "flatten": [
        (([[1, 2], [3], [], [4, 5]],), [1, 2, 3, 4, 5]),
        (([],), []),
        (([[], []],), []),
        (([[7]],), [7]),
    ],
    "two_sum": [
        (([2, 7, 11, 15], 9), (0, 1)),
        (([3, 2, 4], 6), (1, 2)),
        (([3, 3], 6), (0, 1)),
        (([1, 2, 3], 7), None),
        (([], 0), None),
        (([-1, -2, -3, -4], -7), (2, 3)),
    ],
    "moving_average": [
        (([1.0, 2.0, 3.0, 4.0], 2), [1.5, 2.5, 3.5]),
        (([5.0], 1), [5.0]),
        (([1.0, 2.0, 3.0], 3), [2.0]),
        (([1.0, 2.0], 3), "ValueError"),
        (([1.0, 2.0], 0), "ValueError"),
    ],
    "max_subarray": [
        (([-2, 1, -3, 4, -1, 2, 1, -5, 4],), 6),
        (([-3, -1, -2],), -1),
        (([5],), 5),
        (([1, 2, 3],), 6),
        (([],), "IndexError"),
    ],
    "binary_search": [
        (([1, 3, 5, 7, 9], 7), 3),
        (([1, 3, 5, 7, 9], 1), 0),
        (([1, 3, 5, 7, 9], 9), 4),
        (([1, 3, 5, 7, 9], 4), -1),
        (([], 1), -1),
    ],
    "second_largest": [
        (([3, 1, 4, 1, 5, 9],), 5),
        (([7, 7, 7],), None),
        (([],), None),
        (([2, 1],), 1),
        (([-5, -2, -9],), -5),
    ],
    "running_total": [
        (([1, 2, 3, 4],), [1, 3, 6, 10]),
        (([],), []),
        (([5, -5, 5],), [5, 0, 5]),
        (([7],), [7]),
    ],
    "pairwise_differences": [
        (([1, 4, 9, 16],), [3, 5, 7]),
        (([5],), []),
        (([],), []),
        (([10, 3],), [-7]),
    ],
    "merge_sorted": [
        (([1, 3, 5], [2, 4, 6]), [1, 2, 3, 4, 5, 6]),
        (([], [1, 2]), [1, 2]),
        (([1, 1], [1]), [1, 1, 1]),
        (([5, 6], [1, 2]), [1, 2, 5, 6]),
        (([], []), []),
    ],
    "last_n": [
        (([1, 2, 3, 4], 2), [3, 4]),
        (([1, 2, 3], 0), []),
        (([1, 2, 3], 5), [1, 2, 3]),
        (([1, 2, 3], -1), []),
        (([], 3), []),
    ],
    "sort_by_length": [
        ((["banana", "kiwi", "apple", "fig"],), ["fig", "kiwi", "apple", "banana"]),
        ((["bb", "aa", "c"],), ["c", "aa", "bb"]),
        (([],), []),
        ((["same", "same", "a"],), ["a", "same", "same"]),
    ],
    "top_k_frequent": [
        ((["a", "b", "a", "c", "b", "a"], 2), ["a", "b"]),
        ((["x", "y", "z"], 2), ["x", "y"]),
        ((["b", "a", "b", "a"], 1), ["a"]),
        (([], 3), []),
        ((["q"], 5), ["q"]),
    ],
    "min_max": [
        (([3, 1, 4, 1, 5],), (1, 5)),
        (([7],), (7, 7)),
        (([-2, -8, 0],), (-8, 0)),
        (([],), "ValueError"),
    ],
    "has_duplicates": [
        (([1, 2, 3],), False),
        (([1, 2, 1],), True),
        (([],), False),
        (([0, 0],), True),
    ],
}
