"""A result that is an instance of a class of the package is compared by its attributes
(gotui/verify/instances.py): semver's `bump_major() -> "Version"`, a function that builds one."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, check_package, converted_package, replace_go

SOURCE = textwrap.dedent('''
    from typing import Optional


    class Version:
        __slots__ = ("_major", "_minor", "_pre")

        def __init__(self, major: int, minor: int = 0, pre: Optional[str] = None):
            self._major = major
            self._minor = minor
            self._pre = pre

        def bump_major(self) -> "Version":
            return Version(self._major + 1)

        def with_pre(self, token: str) -> "Version":
            return Version(self._major, self._minor, token + "." + str(self._minor))


    def make(major: int, minor: int) -> Version:
        return Version(major * 2, minor)


    class Box:
        def __init__(self, n: int):
            self.n = n
            self.seen = 0

        def grown(self, k: int) -> "Box":
            b = Box(self.n + k)
            return b
''')


def test_check_compares_an_instance_result_by_its_attributes(tmp_path):
    repo = converted_package(tmp_path, "ver", SOURCE)
    results = check_package(repo, "ver")
    assert_pass(results, "ver", ("Version.bump_major", "Version.with_pre", "make", "Box.grown"))


def test_a_wrong_attribute_is_diverged(tmp_path):
    # the Go is edited to get the minor part wrong: the attributes tell it apart
    repo = converted_package(tmp_path, "ver", SOURCE)
    replace_go(repo, "ver/__init__.py::make", "NewVersion(major*2, minor", "NewVersion(major*2, minor+1")
    r = check_package(repo, "ver")["ver/__init__.py::make"]
    assert r["status"] == "diverged", r


def test_an_attribute_the_struct_has_no_field_for_leaves_it_untested(tmp_path):
    # `memo` is set outside __init__ to an empty dict nothing types: no field, though the class is
    # translated; the Go struct cannot show all of the object, so the unit is untested, saying why
    repo = converted_package(tmp_path, "memo", textwrap.dedent('''
        class Item:
            def __init__(self, n: int):
                self.n = n

            def reset(self) -> None:
                self.memo = {}

            def bigger(self, k: int) -> "Item":
                return Item(self.n + k)
    '''))
    results = check_package(repo, "memo")
    r = results["memo/__init__.py::Item.bigger"]
    assert r["status"] == "untested" and "sets memo that its Go struct Item has no field for" in r["detail"], r


def test_a_class_is_compared_through_its_constructor(tmp_path):
    # the class unit (struct and constructor): Python Version(*args), Go NewVersion(args...), both
    # objects read back as their attributes; one attribute is compared as itself
    repo = converted_package(tmp_path, "ver", SOURCE + textwrap.dedent('''

        class Single:
            def __init__(self, items: list[int]) -> None:
                self.items = items[:2]
    '''))
    results = check_package(repo, "ver")
    assert_pass(results, "ver", ("Version", "Box", "Single"))
    assert "compared by its attributes" in results["ver/__init__.py::Version"]["detail"]
    replace_go(repo, "ver/__init__.py::Single", "pySlice(items, 0, 2)", "pySlice(items, 0, 1)")
    assert check_package(repo, "ver")["ver/__init__.py::Single"]["status"] == "diverged"


def test_a_private_class_is_compared_too(tmp_path):
    # `_Pair` (a leading underscore: a module's private class) is a class like any other: both
    # objects are read back as their attributes
    repo = converted_package(tmp_path, "priv", textwrap.dedent('''
        class _Pair:
            def __init__(self, a: int, b: int) -> None:
                self.lo = min(a, b)
                self.hi = max(a, b)

            def wider(self, k: int) -> "_Pair":
                return _Pair(self.lo - k, self.hi + k)
    '''))
    assert_pass(check_package(repo, "priv"), "priv", ("_Pair", "_Pair.wider"))
    replace_go(repo, "priv/__init__.py::_Pair.wider", "p.Hi+k", "p.Hi+k+1")
    assert check_package(repo, "priv")["priv/__init__.py::_Pair.wider"]["status"] == "diverged"


def test_an_instance_of_a_class_a_sibling_module_defines_is_compared_too(tmp_path):
    # `from .shapes import Point`: the result's class is found where the module imports it from
    repo = converted_package(tmp_path, "geo", textwrap.dedent('''
        from .shapes import Point


        def shifted(dx: int, dy: int) -> Point:
            return Point(dx * 2, dy)
    '''), module="make.py", siblings={"shapes.py": textwrap.dedent('''
        class Point:
            def __init__(self, x: int, y: int) -> None:
                self.x = x
                self.y = y
    '''), "__init__.py": ""})
    r = check_package(repo, "geo")["geo/make.py::shifted"]
    assert r["status"] == "pass", r
    replace_go(repo, "geo/make.py::shifted", "NewPoint(dx*2, dy)", "NewPoint(dx*2, dy+1)")
    assert check_package(repo, "geo")["geo/make.py::shifted"]["status"] == "diverged"
