"""The signature plan: annotations, the model's answer validated with tree-sitter-go, unique Go names, the budget."""

from __future__ import annotations

from gotui.llm.base import TranslationRequest
from gotui.llm.plan import ANNOTATIONS, MODEL, NAMES, go_names, normalise, plan_module, plan_from_answer
from gotui.llm.prompt import PromptSet, build_messages
from gotui.parse.units import parse_module

SRC = b'''
class Cache:
    class _Link:
        pass

    @property
    def size(self) -> int:
        return 1

    @size.setter
    def size(self, value: int) -> None:
        pass


class Other:
    class _Link:
        pass


def typed(a: int, b: str = "x") -> list[str]:
    if a < 0:
        raise ValueError(a)
    return [b] * a


def untyped(a, b):
    return a + b
'''


def test_unique_go_names_per_package() -> None:
    m = parse_module("pkg/m.py", SRC)
    other = parse_module("pkg/n.py", b"def untyped(x):\n    return x\n")
    names = go_names(m.units + other.units)
    by_qual = {u.qualname: names[u.id] for u in m.units + other.units if u.path == "pkg/m.py"}
    assert by_qual["Cache._Link"].name != by_qual["Other._Link"].name
    assert by_qual["Cache.size"].name == "Size" and by_qual["Cache.size.setter"].name == "SetSize"
    n = next(names[u.id] for u in other.units)
    assert n.name != by_qual["untyped"].name  # the same function in two modules of one package


def test_plan_from_annotations_then_one_model_request() -> None:
    m = parse_module("pkg/m.py", SRC)
    asked: list[list[str]] = []

    def ask(path, units):
        asked.append([u.qualname for u in units])
        return "func Untyped(a int, b int) int\nfunc broken("  # does not parse: nothing from it is used

    plan = plan_module("pkg/m.py", m.units, {"Cache", "Other"}, ask, go_names(m.units))
    by_qual = {u.qualname: plan[u.id] for u in m.units}
    assert by_qual["typed"].origin == ANNOTATIONS
    assert by_qual["typed"].go == "func Typed(a int, b string) ([]string, error)"
    assert len(asked) == 1 and "untyped" in asked[0] and "typed" not in asked[0]
    assert by_qual["untyped"].origin == NAMES and by_qual["untyped"].go == ""

    good = plan_module("pkg/m.py", [u for u in m.units if u.qualname == "untyped"], set(),
                       lambda p, us: "func Untyped(a int, b int) int", None)
    assert next(iter(good.values())).origin == MODEL


def test_model_answer_must_name_the_unit() -> None:
    m = parse_module("pkg/m.py", b"def f(a):\n    return a\n")
    assert plan_from_answer(m.units, "func G(a int) int") == {}
    assert normalise("func F(x int) int") == normalise("func F(x  int)  int")


def test_budget_drops_callee_python_first() -> None:
    m = parse_module("pkg/m.py", b"def helper(a):\n    return a\n\n\ndef f(a):\n    return helper(a)\n")
    f = next(u for u in m.units if u.name == "f")
    helper = next(u for u in m.units if u.name == "helper")
    base = dict(unit=f, module=m, uses=[("helper", "func Helper(a int) int")], own_signature="func F(a int) int",
                callees_python=[("helper", helper.source)])
    roomy = build_messages(TranslationRequest(**base, budget_tokens=5000), PromptSet.load())[1]["content"]
    tight = build_messages(TranslationRequest(**base, budget_tokens=200), PromptSet.load())[1]["content"]
    assert "def helper(a):" in roomy and "def helper(a):" not in tight
    assert "func Helper(a int) int" in tight and "func F(a int) int" in tight  # signatures always stay
