"""The offline translator reads a folder once per run when each request's evidence is what the folder's
own static reading says already.

Every request carries its unit's evidence (`Project.request`: annotations, doctests, usage, callers and
any traces). The translator re-reads a folder when a request brings evidence it did not have, so that
callers and callees agree. Without traces, that evidence is exactly what the folder's static reading
holds; re-reading for it made a folder of n units cost n readings, and Django's `convert` without
traces ran for more than 13 minutes (stopped) instead of about 2.
"""

from __future__ import annotations

from pathlib import Path

from gotui.llm.rules import RulesTranslator
from gotui.session.project import Project
from test_rules_support import package_repo

SOURCE = '''
def double(n):
    """>>> double(2)
    4
    """
    return n * 2


def quad(n):
    return double(double(n))


def label(name, n=1):
    return name.upper() + "-" + str(n)


class Box:
    def __init__(self, size):
        self.size = size

    def grow(self, by):
        return Box(self.size + double(by))
'''


def test_a_folder_is_read_once_for_its_own_static_evidence(tmp_path: Path, monkeypatch) -> None:
    repo = package_repo(tmp_path, "pkg", {"__init__.py": SOURCE, "more.py": "def triple(n: int) -> int:\n    return n * 3\n"})
    project = Project(repo)
    reads: list[str] = []
    real = RulesTranslator._new_package

    def counted(self, folder, items, extra):  # type: ignore[no-untyped-def]
        reads.append(folder)
        return real(self, folder, items, extra)

    monkeypatch.setattr(RulesTranslator, "_new_package", counted)
    tr = project.translator("rules")
    ids = [u.id for u in project.scan.modules[0].units] + [u.id for m in project.scan.modules[1:] for u in m.units]
    results = {uid: tr.translate(project.request(uid)) for uid in ids}
    # each with the evidence its request carried: the doctest's int for `double`, callers' for the rest
    for name in ("double", "quad", "label", "Box"):
        assert results[f"pkg/__init__.py::{name}"].status == "converted", (name, results[f"pkg/__init__.py::{name}"].error)
    assert "func Quad(n int) int" in results["pkg/__init__.py::quad"].go
    assert reads.count("pkg") == 1, reads
    # evidence the folder's reading does not have (a trace's, say) still makes it read again, with it
    req = project.request("pkg/__init__.py::label")
    req.evidence = {**req.evidence, "n": "float"}
    tr.translate(req)
    assert reads.count("pkg") == 2, reads
