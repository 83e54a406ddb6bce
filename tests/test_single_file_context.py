"""`convert FILE` and `check FILE` read the file's package (its folder) whole, as `convert PACKAGE` does:
an alias or a class a sibling module defines types the file's functions the same way, while only the
file's own units are converted, checked and kept in the session (Project.context_modules). Before,
semver's `version.py` alone converted 13 units where the package converted 19 of the same file's, and
check called `Version` untested ("unsupported type String") where the package's check passed it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from test_rules_support import package_repo

TYPES = textwrap.dedent('''
    from typing import Union

    Amount = Union[int, float]
    Sku = str


    class Line:
        def __init__(self, sku: Sku, qty: int) -> None:
            self.sku = sku
            self.qty = qty


    def unit_price(sku: Sku) -> int:
        return len(sku) * 100
''')

ORDERS = textwrap.dedent('''
    from .types_ import Line, Sku, unit_price


    def label(sku: Sku, qty: int) -> str:
        return sku.upper() + " x" + str(qty)


    def line_total(sku: Sku, qty: int) -> int:
        return unit_price(sku) * qty


    def total_qty(lines: list[Line]) -> int:
        return sum(line.qty for line in lines)
''')


def _run(repo, *args):
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", *args], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_one_file_is_translated_with_its_package_in_view(tmp_path):
    repo = package_repo(tmp_path, "shop", {"__init__.py": "", "types_.py": TYPES, "orders.py": ORDERS})
    units = _run(repo, "convert", "shop/orders.py", "--backend", "rules", "-q", "--json")
    mine = {"shop/orders.py::label", "shop/orders.py::line_total", "shop/orders.py::total_qty"}
    assert {u["id"] for u in units} == mine  # only the file's units
    assert all(u["status"] == "converted" for u in units), units
    checked = {u["id"].split("::")[1]: u for u in _run(repo, "check", "shop/orders.py", "--json")}
    assert set(checked) == {"label", "line_total", "total_qty"}
    assert checked["label"]["status"] == "pass", checked["label"]  # `Sku` read from the sibling: a str
    # the neighbours' Go stands in as stubs: everything builds, and a test that would call a stub is not run
    assert checked["line_total"]["status"] == "untested" and "unit_price" in checked["line_total"]["detail"], checked["line_total"]
    assert checked["total_qty"]["status"] == "untested", checked["total_qty"]
    _run(repo, "convert", "shop/types_.py", "--backend", "rules", "-q", "--json")
    again = {u["id"].split("::")[1]: u for u in _run(repo, "check", "shop/orders.py", "--json")}
    assert again["line_total"]["status"] == "pass", again["line_total"]
