"""Classes working together: errors through methods, Optional fields, properties."""

from dataclasses import dataclass, field
from typing import Optional


class ParseError(ValueError):
    pass


@dataclass
class Employee:
    name: str
    salary: int
    manager: Optional[str] = None

    def raise_salary(self, pct: int) -> None:
        if pct < 0:
            raise ParseError("negative")
        self.salary += self.salary * pct // 100

    def title(self) -> str:
        if self.manager is None:
            return self.name + " (boss)"
        return self.name + " reports to " + self.manager


class Team:
    def __init__(self, name: str):
        self.name = name
        self.members: list[Employee] = []
        self.size = 0

    def add(self, e: Employee) -> None:
        self.members.append(e)
        self.size += 1

    def payroll(self) -> int:
        return sum(m.salary for m in self.members)

    def richest(self) -> Optional[Employee]:
        if not self.members:
            return None
        return max(self.members, key=lambda m: m.salary)

    def names(self) -> list[str]:
        return sorted(m.name for m in self.members)

    def bump_all(self, pct: int) -> int:
        for m in self.members:
            m.raise_salary(pct)
        return self.payroll()


def parse_employee(line: str) -> Employee:
    parts = line.split(",")
    if len(parts) < 2:
        raise ParseError("need name,salary")
    name = parts[0].strip()
    salary = int(parts[1])
    manager = parts[2].strip() if len(parts) > 2 else None
    return Employee(name, salary, manager)


def team_report(lines: list[str]) -> str:
    t = Team("x")
    for line in lines:
        try:
            e = parse_employee(line)
        except ValueError as exc:
            return "bad line: " + str(exc)
        t.add(e)
    best = t.richest()
    top = best.name if best is not None else "-"
    return f"{t.size} {t.payroll()} {top} {','.join(t.names())}"


def bump(lines: list[str], pct: int) -> int:
    t = Team("y")
    for line in lines:
        t.add(parse_employee(line))
    return t.bump_all(pct)


def titles(lines: list[str]) -> list[str]:
    return [parse_employee(l).title() for l in lines]


@dataclass(frozen=True)
class Vec:
    x: int
    y: int

    def __add__(self, other: "Vec") -> "Vec":
        return Vec(self.x + other.x, self.y + other.y)


def vec_eq(a: int, b: int) -> bool:
    return Vec(a, b) == Vec(a, b)
