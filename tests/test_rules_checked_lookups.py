"""Lookups inside a `try` whose handler catches their failure: `d[k]`, `xs[i]`, `s[i]`, `del d[k]`,
`d[k] += n` (and `chr(n)`) return their KeyError/IndexError (ValueError) to the handler (the helpers' `...Err` forms) instead of
panicking past it (calls.checked_lookup). The commonest Python idiom for a missing key, from
cachetools' `Cache.__getitem__` to Django's registries. Where the check cannot be a statement of its
own (a lambda, a condition that Go evaluates in place) the unit says why and stays partial."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, replace_go, translate_module

SOURCE = textwrap.dedent('''
    class Table:
        def __init__(self, size: int) -> None:
            self.rows: dict[str, int] = {}
            self.size = size

        def __missing__(self, key: str) -> int:
            raise KeyError(key)

        def __getitem__(self, key: str) -> int:
            try:
                return self.rows[key]
            except KeyError:
                return self.__missing__(key)


    def price(prices: dict[str, int], sku: str) -> int:
        try:
            return prices[sku]
        except KeyError:
            return -1


    def missing_message(prices: dict[str, int], sku: str) -> str:
        try:
            prices[sku]
            return ""
        except KeyError as e:
            return str(e)


    def nth(xs: list[int], i: int) -> int:
        try:
            return xs[i] * 2
        except IndexError:
            return 0


    def initial(s: str, i: int) -> str:
        try:
            return s[i]
        except LookupError:
            return "?"


    def forget(d: dict[int, int], k: int) -> int:
        try:
            del d[k]
            return len(d)
        except KeyError:
            return -1


    def bump(d: dict[str, int], k: str, n: int) -> int:
        try:
            d[k] += n
        except KeyError:
            d[k] = 0
        return d[k]


    def first_of(groups: dict[str, list[int]], k: str) -> int:
        try:
            xs = groups[k]
            return xs[0]
        except KeyError:
            return -1
        except IndexError:
            return -2


    def parsed(d: dict[str, str], k: str) -> int:
        try:
            return int(d[k])
        except (KeyError, ValueError):
            return 0


    def char(n: int) -> str:
        try:
            return chr(n)
        except ValueError:
            return "?"
''')


def test_lookups_in_a_try_return_their_errors_to_the_handler():
    _, _, out = translate_module("m.py", SOURCE)
    for name in ("Table.__getitem__", "price", "missing_message", "nth", "initial", "forget", "bump", "first_of", "parsed", "char"):
        assert out[name].status == "converted", (name, out[name].error)
    assert "pyKeyErr(c.Rows, key)" in out["Table.__getitem__"].go or "pyKeyErr(t.Rows, key)" in out["Table.__getitem__"].go
    assert "pyAtErr(xs, i)" in out["nth"].go
    assert "pyStrAtErr(s, i)" in out["initial"].go
    assert "pyDelKeyErr(d, k)" in out["forget"].go
    assert "pyChrErr(n)" in out["char"].go
    # outside a try the lookup stays the panicking helper: nothing is there to catch it
    assert "pyKey(" in out["bump"].go.split("tryEnd")[-1] or "d[k]" in out["bump"].go


def test_check_passes_them_against_python(tmp_path):
    repo = converted_package(tmp_path, "lookups", SOURCE)
    results = check_package(repo, "lookups")
    assert_pass(results, "lookups", ("price", "missing_message", "nth", "initial", "forget", "bump", "first_of", "parsed", "char"))


def test_check_catches_a_handler_that_returns_the_wrong_value(tmp_path):
    repo = converted_package(tmp_path, "lookups", SOURCE)
    replace_go(repo, "lookups/__init__.py::price", "return -1", "return 0")
    r = check_package(repo, "lookups")["lookups/__init__.py::price"]
    assert r["status"] == "diverged", r


def test_a_lookup_that_cannot_be_a_statement_is_refused_with_its_reason():
    src = textwrap.dedent('''
        def pick(d: dict[str, int], keys: list[str]) -> list[int]:
            try:
                return sorted(keys, key=lambda k: d[k])
            except KeyError:
                return []


        def store(xs: list[int], i: int) -> int:
            try:
                xs[i] = 1
                return 1
            except IndexError:
                return 0
    ''')
    _, _, out = translate_module("m.py", src)
    assert out["pick"].status == "partial"
    assert "KeyError a handler catches" in out["pick"].error, out["pick"].error
    assert out["store"].status == "partial"
    assert "item assignment into a list inside `try`" in out["store"].error, out["store"].error


def test_appending_to_a_missing_key_raises_as_python_does(tmp_path):
    # `d[k].append(x)`: Python raises KeyError for a missing key; Go's `d[k] = append(d[k], x)` would add it
    src = textwrap.dedent('''
        def add(d: dict[str, list[int]], k: str, x: int) -> int:
            d[k].append(x)
            return len(d[k])


        def add_known(d: dict[str, list[int]], k: str, x: int) -> int:
            if k not in d:
                d[k] = []
            d[k].append(x)
            return len(d[k])
    ''')
    _, _, out = translate_module("m.py", src)
    assert out["add"].status == "converted", out["add"].error
    assert "pyKey(d, k)\n" in out["add"].go
    assert "pyKey(d, k)\n" not in out["add_known"].go
    repo = converted_package(tmp_path, "appends", src)
    assert_pass(check_package(repo, "appends"), "appends", ("add", "add_known"))
