"""Screenshots of the review screen at 80x24 (stacked) and 160x48 (side by side).

Deterministic: a fixed translator, fixed hazard notes, a fixed actor, every translation recorded
before the app starts, no clock and no spinner on screen. Update after a deliberate change with
`pytest tests/test_snapshots.py --snapshot-update` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gotui.app import ReviewApp
from gotui.session.project import Project
from test_app_review import FIXED_NOTES, SPLIT, SUBTOTAL, FixedTranslator, settle


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOTUI_USER", "reviewer")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("gotui.session.project.module_notes", lambda module: list(FIXED_NOTES.get(module.path, [])))


def _reviewed_app(repo: Path) -> ReviewApp:
    project = Project(repo)
    project.convert([u.id for u in project.units()], FixedTranslator(), jobs=1)
    project.session.accept(SUBTOTAL)
    project.session.reject("shop/cart.py::Cart.is_empty")
    project.session.edit("shop/cart.py::merge_carts", "func MergeCarts(a, b map[string]int) map[string]int {\n\treturn nil\n}\n")
    # `t` / `gotui check` results, as stored: one column of badges in the list
    project.session.set_check(SUBTOTAL, "untested", "method: needs a receiver (built and vetted only)")
    project.session.set_check("shop/cart.py::most_expensive", "diverged", "input most_expensive({}): Python None, Go \"\"")
    project.session.set_check(SPLIT, "pass", "40 inputs agree with the Python")
    return ReviewApp(project, mouse=False, translator=FixedTranslator(), poll_interval=0)


async def _on_split_evenly(pilot) -> None:
    await settle(pilot)
    app = pilot.app
    assert app.screen_stack[0].unit_list.select_id(SPLIT)
    await pilot.pause()


def test_review_screen_80x24(shop_repo: Path, snap_compare):
    assert snap_compare(_reviewed_app(shop_repo), terminal_size=(80, 24), run_before=_on_split_evenly)


def test_review_screen_160x48(shop_repo: Path, snap_compare):
    assert snap_compare(_reviewed_app(shop_repo), terminal_size=(160, 48), run_before=_on_split_evenly)
