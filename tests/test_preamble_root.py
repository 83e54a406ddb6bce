"""Module constants two files of one folder declare are declared once in the Go package, whatever the
working directory (found on python-slugify: `_legacy.py` and `slugify.py` both set DEFAULT_SEPARATOR)."""

from __future__ import annotations

import os
from pathlib import Path

from gotui.vcs.publish import module_preamble_for


def test_shared_constant_declared_once_from_any_working_directory(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "_legacy.py").write_text('DEFAULT_SEPARATOR = "-"\n')
    (root / "pkg" / "slugify.py").write_text('DEFAULT_SEPARATOR = "-"\nLIMIT = 3\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cwd = os.getcwd()
    os.chdir(elsewhere)
    try:
        preamble = module_preamble_for(root)
        first, second = preamble("pkg/_legacy.py"), preamble("pkg/slugify.py")
    finally:
        os.chdir(cwd)
    assert "DefaultSeparator" in first
    assert "DefaultSeparator" not in second and "Limit = 3" in second
