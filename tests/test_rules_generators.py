"""Generators become Go iter.Seq functions (gotui/llm/rules/returns.py) and check compares the values
both sides yield, run to the end (gotui/verify/iterators.py)."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, build_and_vet, check_package, converted_package, replace_go, translate_module

SOURCE = textwrap.dedent('''
    from typing import Generator, Iterator


    def evens(xs: list[int]) -> Iterator[int]:
        for x in xs:
            if x % 2 == 0:
                yield x


    def numbered(xs: list[str]) -> Iterator[tuple[int, str]]:
        for i, x in enumerate(xs):
            if x:
                yield i, x.upper()


    def chain(a: list[int], b: list[int]) -> Generator[int, None, None]:
        yield from a
        yield from b
        if not a:
            return
        yield len(a)


    def words(text: str):
        for w in text.split():
            yield w.upper()


    def labels(xs: list[str]) -> list[str]:
        out = []
        for i, x in numbered(xs):
            out.append(str(i) + ":" + x)
        return out


    def first_big(a: list[int], b: list[int]) -> int:
        for x in chain(a, b):
            if x > 10:
                return x
        return -1


    def sorted_chain(a: list[int], b: list[int]) -> list[int]:
        return sorted(chain(a, b))


    def total(a: list[int]) -> int:
        return sum(evens(a))


    class Bag:
        def __init__(self, items: list[int]) -> None:
            self.items = items

        def __iter__(self) -> Iterator[int]:
            return iter(self.items)

        def doubled(self) -> Iterator[int]:
            for x in self.items:
                yield x * 2


    def bag_total(items: list[int]) -> int:
        t = 0
        for x in Bag(items):
            t += x
        return t
''')


def test_a_generator_is_an_iter_seq_that_stops_where_its_consumer_stops(tmp_path):
    tr, m, out = translate_module("gen.py", SOURCE)
    for name, t in out.items():
        assert t.status == "converted", (name, t.error, t.go)
    go = out["evens"].go
    assert "func Evens(xs []int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {" in go, go
    assert "if !yield(x) {\n\t\t\t\t\treturn\n\t\t\t\t}" in go, go
    assert "func Words(text string) iter.Seq[string]" in out["words"].go  # unannotated: its yields say
    assert "for x := range Chain(a, b) {" in out["first_big"].go
    assert "slices.Collect(Chain(a, b))" in out["sorted_chain"].go
    assert ".Iter() {" in out["bag_total"].go, out["bag_total"].go
    assert "return slices.Values(b.Items)" in out["Bag.__iter__"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


FALLIBLE = textwrap.dedent('''
    from typing import Iterator


    def checked(xs: list[int]) -> Iterator[int]:
        for x in xs:
            if x < 0:
                raise ValueError("negative")
            yield x * 2


    def parsed(words: list[str]) -> Iterator[int]:
        for w in words:
            yield int(w)


    def both(xs: list[int], words: list[str]) -> Iterator[int]:
        yield from checked(xs)
        yield from parsed(words)


    def total(xs: list[int]) -> int:
        t = 0
        for x in checked(xs):
            t += x
        return t


    def safe_total(xs: list[int]) -> int:
        t = 0
        try:
            for x in checked(xs):
                t += x
        except ValueError:
            return -1
        return t


    def marked_total(xs: list[int]) -> int:
        t = 0
        try:
            for x in checked(xs):
                t += x
        except ValueError:
            t = -1
        return t
''')


def test_a_generator_that_can_raise_yields_its_error(tmp_path):
    tr, m, out = translate_module("gen.py", FALLIBLE)
    for name, t in out.items():
        assert t.status == "converted", (name, t.error, t.go)
    assert "func Checked(xs []int) iter.Seq2[int, error] {" in out["checked"].go
    assert 'yield(0, pyRaise("ValueError", "negative"))\n\t\t\t\treturn' in out["checked"].go, out["checked"].go
    # the consumer: each value comes with the error, which leaves the loop as Python's exception does
    assert "for x, err_ := range Checked(xs) {\n\t\tif err_ != nil {\n\t\t\treturn 0, err_" in out["total"].go, out["total"].go
    assert "return -1" in out["safe_total"].go
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])
    _, _, more = translate_module("gen.py", FALLIBLE + "\n\ndef listed(xs: list[int]) -> list[int]:\n    return list(checked(xs))\n")
    assert more["listed"].status == "partial" and "list() of a generator that can raise" in more["listed"].error


def test_check_compares_a_failing_generator(tmp_path):
    repo = converted_package(tmp_path, "gen", FALLIBLE)
    assert_pass(check_package(repo, "gen"), "gen", ("checked", "parsed", "both", "total", "safe_total", "marked_total"))


def test_what_a_go_iterator_cannot_be_is_refused():
    _, _, out = translate_module("gen.py", textwrap.dedent('''
        from typing import Iterator


        def ones(n: int) -> Iterator[int]:
            for _ in range(n):
                yield 1


        def twice(n: int) -> int:
            it = ones(n)
            return sum(it) + sum(it)


        def sent() -> Iterator[int]:
            x = yield 1
            yield x


        def locked(xs: list[int]) -> Iterator[int]:
            for x in xs:
                with LOCK:
                    yield x
    ''').replace("from typing import Iterator", "import threading\nfrom typing import Iterator\n\nLOCK = threading.Lock()"))
    # Python's iterator is used up by the first sum(); an iter.Seq would run again
    assert out["twice"].status == "partial" and "an iterator kept in `it`" in out["twice"].error
    assert out["sent"].status == "partial"
    # the lock's func literal would swallow the `return` a stopped consumer needs
    assert out["locked"].status == "partial" and "left by `yield`" in out["locked"].go


def test_check_compares_what_both_sides_yield(tmp_path):
    repo = converted_package(tmp_path, "gen", SOURCE)
    results = check_package(repo, "gen")
    assert_pass(results, "gen", ("evens", "numbered", "chain", "words", "labels", "first_big", "sorted_chain", "total",
                                 "bag_total", "Bag.doubled"))
    # a wrong edit to a generator is caught in the values it yields
    replace_go(repo, "gen/__init__.py::chain", "yield(len(a))", "yield(len(a)+1)")
    r = check_package(repo, "gen")["gen/__init__.py::chain"]
    assert r["status"] == "diverged", r


def test_a_generator_annotated_through_an_alias():
    _, _, out = translate_module("gen.py", "from typing import Iterator\n\nNumbers = Iterator[int]\n\n\n"
                                 "def count(n: int) -> Numbers:\n    for i in range(n):\n        yield i\n")
    assert out["count"].status == "converted" and "func Count(n int) iter.Seq[int]" in out["count"].go
