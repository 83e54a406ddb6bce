"""Save an SVG of the review screen on the bundled example (for the README): scripts/screenshot.py OUT.svg [WxH]."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gotui.app import ReviewApp
from gotui.session.project import Project

ROOT = Path(__file__).resolve().parent.parent


async def main(out: Path, size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "shop-service"
        shutil.copytree(ROOT / "examples" / "shop", repo / "shop", ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        project = Project(repo)
        app = ReviewApp(project, mouse=False, translator=project.translator("rules"))
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in ["j"] * 4:  # Cart.subtotal: a method with notes
                await pilot.press(key)
            await pilot.press("a")
            await pilot.pause(0.3)
            app.save_screenshot(filename=out.name, path=str(out.parent))


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images/review.svg").resolve()
    w, h = (int(x) for x in (sys.argv[2] if len(sys.argv) > 2 else "140x36").split("x"))
    asyncio.run(main(out, (w, h)))
    print(out)
