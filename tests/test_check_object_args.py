"""Arguments that are instances of the package's own classes (`other: Version`): traced by their state
(`{"__object__": [class, attributes]}`, evidence/_tracer.py) and rebuilt on both sides by the check,
Python through the class's `__new__` and each attribute, Go as the struct literal. A method or a
function that takes one gets a verdict on its traced calls; a wrong Go diverges."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_rules_support import check_package, replace_go, traced_and_converted, traced_package

SOURCE = r'''
class Money:
    def __init__(self, cents: int, currency: str) -> None:
        self.cents = cents
        self.currency = currency

    def plus(self, other: "Money") -> int:
        if other.currency != self.currency:
            raise ValueError("currencies differ")
        return self.cents + other.cents

    def __lt__(self, other: "Money") -> bool:
        return (self.currency, self.cents) < (other.currency, other.cents)


def richer(a: Money, b: Money) -> str:
    return a.currency if a.cents >= b.cents else b.currency
'''

RUN = '''
from money import *

coins = [Money(5, "EUR"), Money(7, "EUR"), Money(3, "USD"), Money(5, "USD")]
for a in coins:
    for b in coins:
        try:
            a.plus(b)
        except ValueError:
            pass
        a < b
        richer(a, b)
'''


def test_object_arguments_are_traced_by_their_state(tmp_path: Path) -> None:
    repo = traced_package(tmp_path, "money", SOURCE, RUN)
    db = sqlite3.connect(repo / ".gotui" / "session.db")
    (samples,) = db.execute("select samples from traces where unit_id = 'money/__init__.py::richer'").fetchone()
    args = json.loads(samples)[0]["args"]
    assert args["a"] == {"__object__": ["Money", {"cents": 5, "currency": "EUR"}]}, args


def test_methods_and_functions_taking_objects_get_a_verdict(tmp_path: Path) -> None:
    repo = traced_and_converted(tmp_path, "money", SOURCE, RUN)
    got = {i.split("::")[1]: r for i, r in check_package(repo, "money").items()}
    for name in ("Money.plus", "Money.__lt__", "richer"):
        assert got[name]["status"] == "pass", (name, got[name])
    assert "16 inputs agree" in got["richer"]["detail"], got["richer"]
    # a Go that reads the receiver where Python reads `other`: the rebuilt objects tell them apart
    replace_go(repo, "money/__init__.py::Money.plus", "return m.Cents + other.Cents", "return m.Cents + m.Cents")
    replace_go(repo, "money/__init__.py::richer", "if a.Cents >= b.Cents", "if a.Cents > b.Cents")
    again = {i.split("::")[1]: r for i, r in check_package(repo, "money").items()}
    assert again["Money.plus"]["status"] == "diverged", again["Money.plus"]
    assert again["richer"]["status"] == "diverged", again["richer"]
