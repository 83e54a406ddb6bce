"""Data flow: Optional narrowing, aliasing, loops, dict idioms."""

from typing import Optional
from dataclasses import dataclass


def opt_list(x: Optional[list[int]] = None) -> int:
    if x is None:
        x = []
    x.append(1)
    return len(x)


def opt_default(n: Optional[int] = None) -> int:
    if n is None:
        n = 5
    return n * 2


def alias_in_literal() -> list[list[int]]:
    out = [1]
    rows = [out]
    out.append(2)
    return rows


def grid(n: int) -> list[list[int]]:
    g = [[0] * n for _ in range(n)]
    for i in range(n):
        g[i][i] = 1
    return g


def swap(a: int, b: int) -> tuple[int, int]:
    a, b = b, a
    return a, b


def acc_float(xs: list[int]) -> float:
    total = 0
    for x in xs:
        total += x / 2
    return total


def str_build(n: int) -> str:
    s = ""
    for i in range(n):
        s += str(i)
    return s


def nested_opt(d: dict[str, int], k: str) -> int:
    v = d.get(k)
    if v is not None:
        return v
    return -1


def last_word(s: str) -> Optional[str]:
    ws = s.split()
    return ws[-1] if ws else None


def loop_var_reuse(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t += x
    for x in xs:
        t -= x * 2
    return t


@dataclass
class Node:
    val: int
    next: Optional["Node"] = None


def linked_sum(vals: list[int]) -> int:
    head: Optional[Node] = None
    for v in reversed(vals):
        head = Node(v, head)
    total = 0
    cur = head
    while cur is not None:
        total += cur.val
        cur = cur.next
    return total


def early(xs: list[int]) -> int:
    while True:
        if not xs:
            return 0
        x = xs[0]
        if x > 0:
            return x
        xs = xs[1:]


def int_vs_float(a: int, b: float) -> bool:
    return a < b and a == 2


def pct(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "n/a"


def counter(words: list[str]) -> list[tuple[str, int]]:
    c: dict[str, int] = {}
    for w in words:
        c[w] = c.get(w, 0) + 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def maxdict(d: dict[str, int]) -> int:
    return max(d.values()) if d else 0


def keys_sorted(d: dict[str, int]) -> list[str]:
    return sorted(d.keys())


def sum_pairs(pairs: list[tuple[int, int]]) -> int:
    return sum(a * b for a, b in pairs)


def bool_count(xs: list[int]) -> int:
    return sum(1 for x in xs if x)


def chained_methods(s: str) -> list[str]:
    return [p.strip().lower() for p in s.split(",") if p.strip()]


def nested_dict(rows: list[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in rows:
        out.setdefault(a, set()).add(b)
    return out


def mutate_param_dict(d: dict[str, int]) -> None:
    d["x"] = 1
    del d["y"]


def tuple_in_list(xs: list[tuple[int, str]]) -> str:
    return xs[0][1] + str(xs[-1][0])


def str_eq(a: str, b: Optional[str]) -> bool:
    return a == b


def walrus(xs: list[int]) -> int:
    n = len(xs)
    if n > 3:
        return n
    return -n


def shadow_builtin(len_: int, list_: list[int]) -> int:
    return len_ + len(list_)


def uses_new(new: int, string: str, err: int) -> int:
    return new + len(string) + err
