"""More constructs: properties, dunder methods, sets, dict methods, formatting."""

from dataclasses import dataclass
from typing import Optional


@dataclass
class Money:
    cents: int
    currency: str = "EUR"

    def __str__(self) -> str:
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{abs(self.cents) // 100}.{abs(self.cents) % 100:02d} {self.currency}"

    @property
    def euros(self) -> float:
        return self.cents / 100

    @staticmethod
    def parse(text: str) -> "Money":
        amount, currency = text.split(" ")
        units, cents = amount.split(".")
        return Money(int(units) * 100 + int(cents), currency)


class Bag:
    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def add(self, name: str, n: int = 1) -> None:
        self.items[name] = self.items.get(name, 0) + n

    def __len__(self) -> int:
        return sum(self.items.values())

    def __contains__(self, name: str) -> bool:
        return name in self.items


def money_roundtrip(text: str) -> str:
    m = Money.parse(text)
    return str(m) + f" ({m.euros})"


def bag_size(names: list[str]) -> int:
    b = Bag()
    for n in names:
        b.add(n)
    if not b:
        return -1
    return len(b) * 10 + (1 if "apple" in b else 0)


def set_ops(a: list[int], b: list[int]) -> list[int]:
    sa = set(a)
    sb = set(b)
    both = sa.intersection(sb)
    either = sa.union(sb)
    only_a = sa.difference(sb)
    return [len(both), len(either), len(only_a)] + sorted(only_a)


def dict_ops(keys: list[str]) -> list[int]:
    d: dict[str, int] = {}
    for i, k in enumerate(keys):
        d.setdefault(k, i)
    first = d.pop(keys[0], -1)
    missing = d.pop("zzz", -2)
    return [first, missing, len(d)] + sorted(d.values())


def list_ops(xs: list[int]) -> list[int]:
    ys = list(xs)
    ys.insert(0, 99)
    ys.insert(-1, 42)
    ys.insert(100, 7)
    ys.remove(99)
    ys.extend([1, 2])
    return ys + [ys.count(1)]


def fmt_money(cents: list[int]) -> list[str]:
    return [str(Money(c)) for c in cents]


def classify(xs: list[int]) -> list[str]:
    return ["even" if x % 2 == 0 else "odd" for x in xs]


def enumerate_chars(s: str) -> list[str]:
    return [f"{i}{c}" for i, c in enumerate(s)]


def zip3(a: list[int], b: list[str], c: list[bool]) -> list[str]:
    out = []
    for x, y, z in zip(a, b, c):
        out.append(f"{x}{y}{z}")
    return out


def countdown(n: int) -> list[int]:
    return [i for i in range(n, 0, -2)]


def reverse_words(s: str) -> str:
    ws = s.split(" ")
    out = []
    for w in reversed(ws):
        out.append(w)
    return " ".join(out)


def divmod_sum(a: int, b: int) -> int:
    q, r = divmod(a, b)
    return q * 1000 + r


def repeat_str(s: str, n: int) -> str:
    return s * n + "|" + "-" * 3


def while_else(xs: list[int], target: int) -> int:
    i = 0
    while i < len(xs):
        if xs[i] == target:
            break
        i += 1
    else:
        return -1
    return i


def closest(xs: list[int], target: int) -> int:
    return min(xs, key=lambda x: abs(x - target))


def longest(ws: list[str]) -> str:
    return max(ws, key=len)


def maybe_upper(s: Optional[str]) -> str:
    if s:
        return s.upper()
    return "none"


def format_call(name: str, n: int) -> str:
    return "{} has {} ({:>4})".format(name, n, n) + "|{0}-{0}".format(name)


def nested_loops(n: int) -> int:
    count = 0
    for i in range(n):
        for j in range(i):
            if (i + j) % 3 == 0:
                continue
            count += 1
    return count


def bools(xs: list[bool]) -> str:
    return f"{any(xs)} {all(xs)} {str(True)}"


def compare_strings(a: str, b: str) -> int:
    if a < b:
        return -1
    if a > b:
        return 1
    return 0


def float_ops(x: float) -> list[float]:
    return [abs(x), x ** 2, float(int(x)), min(x, 0.5), max(x, -0.5)]


def set_algebra(a: list[int], b: list[int]) -> list[int]:
    sa, sb = set(a), set(b)
    return sorted(sa | sb) + sorted(sa & sb) + sorted(sa - sb)


def zip_dict(keys: list[str], vals: list[int]) -> dict[str, int]:
    return dict(zip(keys, vals))


def kept_before_change(n: int) -> Optional[int]:
    # the Optional keeps the value n had: a Go pointer to n itself would see the increment
    kept: Optional[int] = n
    n += 1
    return kept if n > 0 else None


class Best:
    def __init__(self, n: int):
        self.best = None  # None first, then an int: an Optional[int] field
        if n > 0:
            self.best = n
        n -= 1
        self.left = n

    def value(self) -> int:
        if self.best is None:
            return -1
        return self.best + self.left


def best_value(n: int) -> int:
    return Best(n).value()


def largest(xs: list[int]) -> int:
    best = None  # compared (`x > best`) before any int reaches it
    for x in xs:
        if best is None or x > best:
            best = x
    return best if best is not None else 0

