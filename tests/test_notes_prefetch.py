"""The review screen's hazard notes of a large tree come from spawned worker processes (the screen's
own process keeps its interpreter for keys and its memory small); they equal the notes computed in
process, file by file."""

from __future__ import annotations

from pathlib import Path

from gotui.parse.notes_run import MIN_FILES_FOR_WORKERS
from gotui.session.project import Project

SRC = '''def f{i}(prices: dict, sku):
    total = prices[sku] // {i}
    return round(total / 2)
'''


def test_prefetched_notes_equal_the_notes_computed_in_process(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    for i in range(1, MIN_FILES_FOR_WORKERS + 2):
        (root / "pkg" / f"m{i}.py").write_text(SRC.format(i=i))
    project = Project(root)
    project.prefetch_notes()
    prefetched = {m.path: list(project._notes[m.path]) for m in project.scan.modules}
    fresh = Project(root)
    assert prefetched == {m.path: fresh.module_notes(m.path) for m in fresh.scan.modules}
    assert sum(len(v) for v in prefetched.values()) >= 2 * (MIN_FILES_FOR_WORKERS + 1)
