"""The public set of real, small, untouched libraries every capability is tried on.

Each library is an sdist as the package index serves it, fetched with
`python -m pip download --no-deps --no-binary :all: NAME==VERSION` and unpacked, unchanged, under
`vendor/`. Nothing in `vendor/` is edited: a library that gotui handles badly is the point.

`make_repo(lib, dest)` copies one library into a fresh git repository (one commit), so a
benchmark or a test can run gotui on it without writing into this tree.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"


@dataclass(frozen=True)
class Lib:
    name: str  # the distribution name on the package index
    version: str
    folder: str  # the unpacked sdist under vendor/
    package: str  # the importable package's folder, relative to the sdist
    tests: tuple[str, ...]  # pytest arguments, relative to the sdist: the library's own tests
    traits: str  # why it is in the set
    # what `pip install .` would generate (a version file from the VCS tag): the tests import it
    generated: tuple[tuple[str, str], ...] = ()
    # the test suite's own requirements beyond pytest (installed into gotui's venv by `test_requirements`)
    test_requires: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return VENDOR / self.folder

    @property
    def src(self) -> str:
        """The folder to put on PYTHONPATH so the package imports (the sdist root or its src/)."""
        return str(Path(self.package).parent) if Path(self.package).parent != Path(".") else "."


LIBS: tuple[Lib, ...] = (
    Lib("inflection", "0.5.1", "inflection-0.5.1", "inflection", ("test_inflection.py",),
        "untyped; module-level tables filled by registration calls at import time; re.sub"),
    Lib("roman", "5.2", "roman-5.2", "src/roman", ("src/tests.py",),
        "untyped; tiny; module constants and exceptions"),
    Lib("semver", "3.1.2", "semver-3.1.2", "src/semver", ("tests",),
        "typed; a class with __slots__, properties, classmethods, total ordering, dunder methods"),
    Lib("cachetools", "8.0.2", "cachetools-8.0.2", "src/cachetools", ("tests",),
        "partly typed; class hierarchy, __getitem__/__setitem__, decorators, closures"),
    Lib("humanize", "4.17.0", "humanize-4.17.0", "src/humanize", ("tests", "--ignore=tests/test_benchmarks.py"),
        "typed; functions on numbers, dates and strings; i18n module state",
        generated=(("src/humanize/_version.py", '__version__ = version = "4.17.0"\n'),), test_requires=("freezegun",)),
    Lib("python-slugify", "9.2.0", "python_slugify-9.2.0", "slugify", ("tests",),
        "typed; regular expressions with re.sub, unicode text, a __main__ module", test_requires=("text-unidecode",)),
    Lib("isodate", "0.7.2", "isodate-0.7.2", "src/isodate", ("tests",),
        "untyped; parsing with regular expressions, classes (Duration) with arithmetic methods",
        generated=(("src/isodate/version.py", 'version = "0.7.2"\n'),)),
    Lib("webcolors", "25.10.0", "webcolors-25.10.0", "src/webcolors", ("tests",),
        "typed; NamedTuples, assignment expressions, int(s, 16), constants built from constants; added after"
        " the first seven, as a library none of this was written for"),
)

BY_NAME = {lib.name: lib for lib in LIBS}


def make_repo(lib: Lib, dest: Path) -> Path:
    """Copy `lib`'s sdist into `dest` as a new git repository with one commit; returns `dest`.

    The files an install would generate (`lib.generated`) are written too, as a build does, so the
    library's own tests import it."""
    shutil.copytree(lib.root, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    for rel, text in lib.generated:
        (dest / rel).write_text(text, "utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", lib.folder]):
        subprocess.run(["git", *args], cwd=dest, env=env, check=True)
    return dest


def test_requirements(libs: tuple[Lib, ...] | list[Lib] = LIBS) -> None:
    """Install what the libraries' test suites import (beyond pytest) into this interpreter, once."""
    wanted = sorted({req for lib in libs for req in lib.test_requires})
    missing = [req for req in wanted if importlib.util.find_spec(req.replace("-", "_")) is None]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)


def test_command(lib: Lib, repo: Path) -> list[str]:
    """The library's own tests as `gotui trace PKG -- ...` runs them: the package importable from the
    copy, the suite's coverage options (addopts) left out, no cache written into the repository."""
    return ["env", f"PYTHONPATH={repo / lib.src}", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-o", "addopts=", *lib.tests]
