"""The notes panel shows a unit's planned Go signature (and where it came from) and each parameter's
type with its evidence; the evidence is read in a worker, never on a keypress."""

from __future__ import annotations

import time

from gotui.screens.review.work import EVIDENCE_DELAY
from gotui.session.plan_store import PlanStore
from gotui.session.project import Project
from test_app_review import (  # noqa: F401  (fixtures)
    SPLIT, _fixed_environment, go_to, make_app, notes_text, project, review, settle,
)

RESTOCK = "shop/inventory.py::restock_plan"


async def rest(pilot) -> None:
    """Stay on the unit past EVIDENCE_DELAY, then let the evidence worker land."""
    await pilot.pause(EVIDENCE_DELAY + 0.2)
    await settle(pilot)
PICK = "shop/inventory.py::pick_warehouse"


async def test_plan_and_evidence_are_shown_with_their_sources(project: Project):
    store = PlanStore(project.session.path)
    store.set_plan(RESTOCK, "func RestockPlan(levels map[string]int, target int) map[string]int", "model", "h")
    store.mark_recheck(RESTOCK, "SkuLevel's signature changed")
    store.close()
    app = make_app(project, autotranslate=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        moved = time.monotonic()
        await go_to(pilot, RESTOCK)
        await settle(pilot)
        if time.monotonic() - moved < EVIDENCE_DELAY:  # (a loaded machine may take longer to settle than the delay)
            assert "types: " not in notes_text(app)  # read only once the reviewer rests on the package
        await rest(pilot)
        text = notes_text(app)
        assert "plan (model plan): func RestockPlan(levels map[string]int, target int) map[string]int" in text
        assert "re-check: SkuLevel's signature changed" in text
        assert "types: levels dict[str, int] (annotation) · target int (annotation)" in text
        await go_to(pilot, PICK)
        await rest(pilot)
        # pick_warehouse has no return annotation and nothing else tells its result: said so, not guessed
        assert "types: stock dict[str, int] (annotation) · quantity int (annotation) · → ? (no evidence: any)" in notes_text(app)
        await go_to(pilot, SPLIT)
        await rest(pilot)
        split = notes_text(app)
        assert "plan (" not in split  # never planned: no plan line
        assert "types: " in split and "(annotation)" in split
        assert review(app)._evidence_reading  # read by a worker, once per folder
