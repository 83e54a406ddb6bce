from pathlib import Path

from gotui.parse.files import scan
from gotui.parse.units import parse_module


def test_functions_methods_and_classes_get_qualified_ids():
    src = b"""
class Cart:
    def __init__(self, owner):
        self.owner = owner

    def add_item(self, sku):
        def inner():
            return sku
        return inner()

    @property
    def size(self):
        return 1


def total(xs):
    return sum(xs)
"""
    m = parse_module("shop/cart.py", src)
    assert [(u.qualname, u.kind) for u in m.units] == [
        ("Cart", "class"), ("Cart.add_item", "method"), ("Cart.size", "method"), ("total", "function")]
    add = m.units[1]
    assert add.id == "shop/cart.py::Cart.add_item"
    assert (add.line, add.end_line) == (6, 9)
    assert "def inner" in add.source  # nested functions travel with their parent
    cls = m.units[0]
    assert "__init__" in cls.source and "add_item" not in cls.source
    assert m.units[2].line == 11  # a decorator belongs to its unit


def test_source_hash_changes_with_the_source_but_the_id_does_not():
    a = parse_module("m.py", b"def f(x):\n    return x\n").units[0]
    b = parse_module("m.py", b"def f(x):\n    return x + 1\n").units[0]
    assert a.id == b.id
    assert a.source_hash != b.source_hash


def test_syntax_error_is_reported_and_the_rest_still_parses():
    m = parse_module("bad.py", b"def ok():\n    return 1\n\ndef broken(:\n    pass\n")
    assert m.error is not None and "line" in m.error
    assert "ok" in [u.qualname for u in m.units]


def test_binary_and_non_utf8_files_are_skipped_with_a_reason():
    assert parse_module("b.py", b"\x00\x01\x02").skipped == "binary file"
    m = parse_module("l.py", "x = 'caf\xe9'\n".encode("latin-1"))
    assert m.skipped is not None and m.skipped.startswith("not UTF-8")
    assert m.units == []


def test_scan_skips_tool_folders_and_uses_root_relative_paths(tmp_path: Path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("def a():\n    pass\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "x.py").write_text("def hidden():\n    pass\n")
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "c.py").write_text("def cached():\n    pass\n")
    result = scan(tmp_path, tmp_path)
    assert [u.id for u in result.units] == ["pkg/a.py::a"]


def test_pathologically_deep_code_is_skipped_not_a_crash():
    deep = "".join(" " * i + f"def f{i}(x={{}}):\n" for i in range(900)) + " " * 900 + "pass\n"
    m = parse_module("deep.py", deep.encode())
    assert m.skipped is not None and "indentation" in m.skipped
    ok = "".join("    " * i + f"def f{i}():\n" for i in range(50)) + "    " * 50 + "pass\n"
    assert parse_module("ok.py", ok.encode()).skipped is None


def test_a_name_defined_twice_still_gets_unique_stable_ids():
    src = b"""
class Order:
    @property
    def total(self) -> int:
        return self._total

    @total.setter
    def total(self, value: int) -> None:
        self._total = value

    @total.deleter
    def total(self) -> None:
        del self._total


if True:
    def helper():
        return 1
else:
    def helper():
        return 2
"""
    units = parse_module("o.py", src).units
    assert [u.id for u in units] == [
        "o.py::Order", "o.py::Order.total", "o.py::Order.total.setter", "o.py::Order.total.deleter",
    ]  # definitions inside if/else are not top-level units
    flat = parse_module("f.py", b"def helper():\n    return 1\n\ndef helper():\n    return 2\n").units
    assert [u.id for u in flat] == ["f.py::helper", "f.py::helper#2"]
    assert {u.name for u in flat} == {"helper"} and units[2].name == "total"


def test_scan_cache_serves_unchanged_files_and_reparses_changed_ones(tmp_path: Path):
    from gotui.parse.scan_cache import ScanCache

    (tmp_path / "a.py").write_text("def a():\n    return 1\n")
    (tmp_path / "b.py").write_text("def b():\n    return 2\n")
    cache_file = tmp_path / ".gotui" / "scan-cache.db"
    first = scan(tmp_path, tmp_path, cache=ScanCache(cache_file))
    assert all(m._tree is not None for m in first.modules)  # parsed now, and remembered
    second = scan(tmp_path, tmp_path, cache=ScanCache(cache_file))
    assert [u for u in second.units] == [u for u in first.units]
    assert all(m._tree is None for m in second.modules)  # from the cache: no parse yet
    assert second.modules[0].tree is not None  # parsed on first use
    # same size, same mtime would not fool it: the key is the content
    (tmp_path / "b.py").write_text("def b():\n    return 3\n")
    third = scan(tmp_path, tmp_path, cache=ScanCache(cache_file))
    b = third.module("b.py")
    assert b._tree is not None and "return 3" in b.units[0].source
    assert third.module("a.py")._tree is None


def test_an_unusable_scan_cache_is_simply_not_used(tmp_path: Path):
    from gotui.parse.scan_cache import ScanCache

    (tmp_path / "a.py").write_text("def a():\n    return 1\n")
    (tmp_path / "cache.db").write_bytes(b"not a database at all" * 100)
    result = scan(tmp_path, tmp_path, cache=ScanCache(tmp_path / "cache.db"))
    assert [u.id for u in result.units] == ["a.py::a"]
