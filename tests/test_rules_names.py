"""Two modules of one folder are one Go package: a function both define gets a unique Go name in the
later module, and calls (also through imports between them) use it (python-slugify's
`_decode_entities` in `_legacy.py` and `slugify.py`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gotui.golang.toolchain import find_toolchain
from test_rules_support import package_repo

A = '''def _decode(text: str) -> str:
    return text.strip()


def slugify(text: str) -> str:
    return _decode(text).lower()
'''
B = '''from ._legacy import slugify as legacy


def _decode(text: str) -> str:
    return text.replace("&", "and")


def slugify(text: str) -> str:
    return _decode(text).upper() + legacy(text)
'''


@pytest.mark.skipif(find_toolchain() is None, reason="needs the Go toolchain of the [go] extra")
def test_same_function_names_in_two_modules_build_as_one_package(tmp_path: Path) -> None:
    repo = package_repo(tmp_path, "slug", {"__init__.py": "", "_legacy.py": A, "slugify.py": B})
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "slug", "--out", str(out)], cwd=repo,
                          capture_output=True, text=True)
    assert done.returncode == 0 and "4 converted" in done.stdout, done.stdout + done.stderr
    later = (out / "slug" / "slugify.go").read_text()
    assert "func slugifyDecode(text string) string" in later and "func SlugifySlugify(text string) string" in later
    assert "slugifyDecode(text)" in later and "Slugify(text)" in later  # its own helper, and the legacy one by import
    toolchain = find_toolchain()
    assert toolchain is not None
    built = toolchain.run(["vet", "./..."], cwd=out)
    assert built.returncode == 0, built.stderr
    checked = subprocess.run([sys.executable, "-m", "gotui.cli", "check", "slug"], cwd=repo, capture_output=True, text=True)
    assert "4 pass" in checked.stdout + checked.stderr, checked.stdout + checked.stderr
