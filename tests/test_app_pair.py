"""Pair review: another gotui on the same repository decides, and this screen shows it within a second."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from gotui.session.project import Project
from test_app_review import SUBTOTAL, FixedTranslator, _fixed_environment, go_to, make_app, panes, review, settle  # noqa: F401


async def _until(pilot, condition, timeout: float = 3.0) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("the screen never showed the partner's decision")
        await asyncio.sleep(0.05)
        await pilot.pause()
    return time.monotonic() - start


async def test_a_partners_decision_shows_up_within_a_second(shop_repo: Path, monkeypatch: pytest.MonkeyPatch):
    mine = Project(shop_repo)
    app = make_app(mine)  # polls the session every 0.5 s
    async with app.run_test() as pilot:
        await settle(pilot)
        await go_to(pilot, SUBTOTAL)
        monkeypatch.setenv("GOTUI_USER", "partner")
        partner = Project(shop_repo)  # its own connection, as another process has
        assert partner.session.actor == "partner"

        partner.session.accept(SUBTOTAL)
        waited = await _until(pilot, lambda: review(app).unit_list.row(SUBTOTAL).state == "accepted")
        assert waited < 1.5
        assert "by partner" in str(panes(app)[1].border_title)
        assert review(app).status_bar.info.counts["accepted"] == 1

        partner.session.edit(SUBTOTAL, "func Subtotal() int {\n\treturn 0\n}\n")
        await _until(pilot, lambda: "return 0" in panes(app)[1].text)
        assert review(app).unit_list.row(SUBTOTAL).state == "edited"

        # and my decisions reach the partner's session at once (each one is its own transaction)
        await pilot.press("x")
        assert partner.session.get(SUBTOTAL).state == "rejected"


async def test_a_partners_translation_of_a_pending_unit_shows_up(shop_repo: Path):
    mine = Project(shop_repo)
    app = make_app(mine, autotranslate=False)
    async with app.run_test() as pilot:
        await settle(pilot)
        uid = review(app).unit_list.current_id
        assert review(app).unit_list.row(uid).state == "pending"
        partner = Project(shop_repo)
        partner.convert([uid], FixedTranslator())
        await _until(pilot, lambda: review(app).unit_list.row(uid).state == "converted")
        assert "translated from" in panes(app)[1].text
