from __future__ import annotations

from pathlib import Path

import pytest

from gotui.config import ConfigError
from gotui.llm.base import TranslationRequest
from gotui.llm.prompt import (
    PromptSet,
    build_messages,
    library_rows,
    module_context,
    names_used,
    relevant_ledger,
    repair_message,
    retry_message,
)
from gotui.parse.files import scan
from gotui.parse.note import Note
from gotui.parse.units import parse_module

REPO = Path(__file__).resolve().parent.parent
SHOP = scan(REPO, REPO / "examples" / "shop")


def unit(path: str, qualname: str):
    module = SHOP.module(path)
    assert module is not None
    return module, next(u for u in module.units if u.qualname == qualname)


def user_text(request: TranslationRequest, prompts: PromptSet | None = None) -> str:
    messages = build_messages(request, prompts or PromptSet.load())
    assert [m["role"] for m in messages] == ["system", "user"]
    return messages[1]["content"]


def test_source_and_names() -> None:
    module, u = unit("examples/shop/pricing.py", "apply_discount")
    text = user_text(TranslationRequest(unit=u, module=module))
    assert u.source in text
    assert "`apply_discount`" in text and "package `shop`" in text and "`ApplyDiscount`" in text


def test_method_gets_receiver_hint() -> None:
    module, u = unit("examples/shop/cart.py", "Cart.subtotal")
    text = user_text(TranslationRequest(unit=u, module=module))
    assert "method `Subtotal` with receiver `(c *Cart)`" in text


def test_notes_with_hints_and_quoted_line() -> None:
    module, u = unit("examples/shop/pricing.py", "apply_discount")
    line = u.line + u.source.split("\n").index("    return price_cents - price_cents * percent // 100")
    note = Note(u.path, line, line, "floor-division", "warning", "Python's // floors.", "Use floorDiv for negatives.")
    text = user_text(TranslationRequest(unit=u, module=module, notes=[note]))
    assert "## Hazards in this code" in text
    assert f"line {line} `return price_cents - price_cents * percent // 100` [warning, floor-division]: Python's // floors. In Go: Use floorDiv for negatives." in text


def test_no_empty_sections() -> None:
    module, u = unit("examples/shop/pricing.py", "bulk_discount")
    text = user_text(TranslationRequest(unit=u, module=module))
    for heading in ("Hazards", "signatures already decided", "The reviewer asks", "Previous attempt", "Libraries"):
        assert heading not in text


def test_ledger_only_what_the_unit_mentions() -> None:
    module, u = unit("examples/shop/cart.py", "Cart.subtotal")
    ledger = {
        "examples/shop/pricing.py::apply_discount": "func ApplyDiscount(priceCents int, percent int) (int, error)",
        "bulk_discount": "func BulkDiscount(quantity int) int",
        "vat_rate": "func VatRate(country string) int",
        "Cart": "type Cart struct { Items map[string]int }",
        "examples/shop/cart.py::Cart.subtotal": "func (c *Cart) Subtotal() int",
    }
    text = user_text(TranslationRequest(unit=u, module=module, ledger=ledger))
    assert "func ApplyDiscount(priceCents int, percent int) (int, error)" in text
    assert "func BulkDiscount(quantity int) int" in text
    assert "type Cart struct" in text  # its own class, though the source never names it
    assert "VatRate" not in text
    assert "## Its Go signature (already decided: keep it)\n\n```go\nfunc (c *Cart) Subtotal() int\n```" in text


def test_relevant_ledger_ignores_strings_and_comments() -> None:
    module = parse_module("m.py", b"def f():\n    # calls helper later\n    return 'helper'\n")
    own, used = relevant_ledger(module.units[0], {"helper": "func Helper()", "f": "func F()"})
    assert own == "func F()" and used == []
    assert "helper" not in names_used(module.units[0].source)


def test_libraries_imports_and_constants_only_what_the_unit_uses() -> None:
    module, u = unit("examples/shop/orders.py", "to_json")
    text = user_text(TranslationRequest(unit=u, module=module))
    assert "| json | encoding/json" in text
    assert "| datetime | time" in text
    assert ".pricing" not in text and "gross_price" not in text  # imported by the module, unused here
    assert "import json\nfrom datetime import datetime\n```" in text
    assert "STATUSES" not in text and "FREE_SHIPPING_CENTS" not in text

    module, u = unit("examples/shop/orders.py", "shipping_cost")
    text = user_text(TranslationRequest(unit=u, module=module))
    assert "FREE_SHIPPING_CENTS = 5000" in text and "import json" not in text


def test_relative_import_row_points_at_signatures_only_when_they_are_there() -> None:
    module, u = unit("examples/shop/orders.py", "order_total")
    bare = user_text(TranslationRequest(unit=u, module=module))
    assert "| .pricing | same Go package: no import" in bare
    assert "above" not in bare
    with_sigs = user_text(TranslationRequest(unit=u, module=module, ledger={"gross_price": "func GrossPrice(netCents int, country string) int"}))
    assert "see the signatures above" in with_sigs
    assert with_sigs.index("func GrossPrice") < with_sigs.index("see the signatures above")


def test_library_rows() -> None:
    rows = dict(library_rows(["collections", "decimal", "requests", "os.path", "__future__", "weirdlib"]))
    assert "map" in rows["collections"]
    assert "cents" in rows["decimal"] and "shopspring/decimal" in rows["decimal"]
    assert rows["requests"].startswith("net/http")
    assert rows["os.path"] == "path/filepath"
    assert "__future__" not in rows
    assert "TODO(gotui)" in rows["weirdlib"]


def test_module_context_survives_syntax_errors() -> None:
    module = parse_module("m.py", b"import re\nLIMIT = 3\ndef broken(:\n    pass\n")
    ctx = module_context(module)
    assert ctx.imports == ["import re"] and ctx.constants == [("LIMIT", "LIMIT = 3")]
    assert ctx.modules == ["re"]


def test_instruction_and_previous_attempt() -> None:
    module, u = unit("examples/shop/pricing.py", "gross_price")
    request = TranslationRequest(unit=u, module=module, instruction="Use math.RoundToEven.", previous_go="func GrossPrice() {}")
    text = user_text(request)
    assert "## The reviewer asks\n\nUse math.RoundToEven." in text
    assert "## Previous attempt" in text and "```go\nfunc GrossPrice() {}\n```" in text


def test_asks_for_one_go_block_without_package() -> None:
    module, u = unit("examples/shop/pricing.py", "vat_rate")
    system = build_messages(TranslationRequest(unit=u, module=module), PromptSet.load())[0]["content"]
    assert "exactly one fenced ```go block" in system and "no `package` clause" in system


def test_repair_and_retry_messages() -> None:
    module, u = unit("examples/shop/pricing.py", "vat_rate")
    request = TranslationRequest(unit=u, module=module)
    msg = repair_message(PromptSet.load(), request, ["./x.go:3:2: undefined: foo", "./x.go:4:1: missing return"], 1, 2)
    assert msg["role"] == "user" and "undefined: foo" in msg["content"] and "missing return" in msg["content"]
    again = retry_message(PromptSet.load(), request, "no Go code in the answer")
    assert "no Go code in the answer" in again["content"] and "`vat_rate`" in again["content"]


def test_override_templates_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "system.md").write_text("You write Go for ACME. Costs $$0.\n", encoding="utf-8")
    prompts = PromptSet.load(tmp_path)
    assert prompts.origin["system.md"] == str(tmp_path / "system.md")
    assert prompts.origin["user.md"] == "gotui/prompts/user.md"
    module, u = unit("examples/shop/pricing.py", "vat_rate")
    messages = build_messages(TranslationRequest(unit=u, module=module), prompts)
    assert messages[0]["content"] == "You write Go for ACME. Costs $0."  # $$ is a dollar sign
    (tmp_path / "user.md").write_text("Only ${qualname} please\n${source}\n", encoding="utf-8")
    assert build_messages(TranslationRequest(unit=u, module=module), PromptSet.load(tmp_path))[1]["content"].startswith("Only vat_rate please\ndef vat_rate")


def test_override_with_unknown_placeholder(tmp_path: Path) -> None:
    (tmp_path / "user.md").write_text("Translate ${unit_name}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"user\.md: unknown placeholder \$\{unit_name\}"):
        PromptSet.load(tmp_path)
    (tmp_path / "user.md").write_text("Costs $5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lone \\$"):
        PromptSet.load(tmp_path)


def test_the_prompt_carries_the_evidence_the_review_screen_shows(shop_repo: Path) -> None:
    """Each parameter's type with its source, as the notes panel's `types:` line (one summary, two readers)."""
    from gotui.session.project import Project

    project = Project(shop_repo)
    req = project.request("shop/inventory.py::pick_warehouse")
    assert req.evidence_summary == "types: stock dict[str, int] (annotation) · quantity int (annotation) · → ? (no evidence: any)"
    text = user_text(req)
    assert "## Types from the evidence" in text
    assert "stock dict[str, int] (annotation) · quantity int (annotation) · → ? (no evidence: any)" in text
    module, u = unit("examples/shop/pricing.py", "bulk_discount")
    assert "Types from the evidence" not in user_text(TranslationRequest(unit=u, module=module))  # nothing known: no section
