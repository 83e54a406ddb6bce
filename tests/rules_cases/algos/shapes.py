"""Classes, dataclasses and exceptions."""

from dataclasses import dataclass, field


class InsufficientFunds(Exception):
    pass


class Account:
    def __init__(self, owner: str, balance: int = 0):
        self.owner = owner
        self.balance = balance
        self.history: list[int] = []

    def deposit(self, amount: int) -> None:
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.balance += amount
        self.history.append(amount)

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has only {self.balance}")
        self.balance -= amount
        self.history.append(-amount)
        return self.balance


@dataclass
class Point:
    x: float
    y: float
    tags: list[str] = field(default_factory=list)

    def dist2(self, other: "Point") -> float:
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2

    def moved(self, dx: float, dy: float) -> "Point":
        return Point(self.x + dx, self.y + dy)


def account_flow(amounts: list[int]) -> int:
    acc = Account("ann")
    for a in amounts:
        if a >= 0:
            acc.deposit(a)
        else:
            acc.withdraw(-a)
    return acc.balance * 1000 + len(acc.history)


def try_withdraw(start: int, amount: int) -> str:
    acc = Account("bob", start)
    try:
        left = acc.withdraw(amount)
    except InsufficientFunds as exc:
        return "refused: " + str(exc)
    return f"left {left}"


def safe_int(s: str, default: int) -> int:
    try:
        return int(s)
    except ValueError:
        return default


def checked_ratio(a: int, b: int) -> float:
    if b == 0:
        raise ValueError("b must not be zero")
    return a / b


def ratio_or_zero(a: int, b: int) -> float:
    try:
        r = checked_ratio(a, b)
    except ValueError:
        r = 0.0
    return r


def path_length(xs: list[float], ys: list[float]) -> float:
    pts = [Point(x, y) for x, y in zip(xs, ys)]
    total = 0.0
    for i in range(1, len(pts)):
        total += pts[i].dist2(pts[i - 1]) ** 0.5
    return round(total, 3)


def shifted(x: float, y: float) -> float:
    p = Point(x, y).moved(1.5, -2.0)
    return p.x * 10 + p.y
