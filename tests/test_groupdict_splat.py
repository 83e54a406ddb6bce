"""`cls(**m.groupdict())`: semver's `Version.parse`, whose 11 callers diverged while it stayed partial
(gotui/llm/rules/kwsplat.py, docs/offline-translator.md "A match's groupdict() spread into a call").

The groupdict is a `map[string]any` of the named groups (GroupAny: text or nil); `cls(**d)` becomes the
constructor's keyword arguments, each converted as `__init__` converts that parameter where it receives
it (`int(major)`: pyIntAny; `None if p is None else str(p)`). `gotui check` runs the classmethod as the
plain Go function it is, and its `-> T` (a TypeVar bound to the class) is that class.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from test_rules_support import check_package, replace_go, traced_package, translate_module

SEMVER = '''
import re
from typing import Any, Dict, Optional, SupportsInt, Type, TypeVar, Union

String = Union[str, bytes]
T = TypeVar("T", bound="Version")


class Version:
    _REGEX = re.compile(
        r"^(?P<major>0|[1-9]\\d*)(?:\\.(?P<minor>0|[1-9]\\d*)(?:\\.(?P<patch>0|[1-9]\\d*))?)?"
        r"(?:-(?P<prerelease>[0-9a-z.]+))?(?:\\+(?P<build>[0-9a-z.]+))?\\Z", re.ASCII)

    def __init__(self, major: SupportsInt, minor: SupportsInt = 0, patch: SupportsInt = 0,
                 prerelease: Optional[Union[String, int]] = None, build: Optional[Union[String, int]] = None):
        version_parts = {"major": int(major), "minor": int(minor), "patch": int(patch)}
        for name, value in version_parts.items():
            if value < 0:
                raise ValueError("{!r} is negative.".format(name))
        self._major = version_parts["major"]
        self._minor = version_parts["minor"]
        self._patch = version_parts["patch"]
        self._prerelease = None if prerelease is None else str(prerelease)
        self._build = None if build is None else str(build)

    @classmethod
    def parse(cls: Type[T], version: str) -> T:
        """Parse a version.

        >>> Version.parse('3.4.5-pre.2+build.4')
        Version(major=3, minor=4, patch=5, \\
prerelease='pre.2', build='build.4')
        """
        match = cls._REGEX.match(version)
        if match is None:
            raise ValueError(f"{version} is not valid SemVer string")
        matched_version_parts: Dict[str, Any] = match.groupdict()
        if not matched_version_parts["minor"]:
            matched_version_parts["minor"] = 0
        if not matched_version_parts["patch"]:
            matched_version_parts["patch"] = 0
        return cls(**matched_version_parts)

    @classmethod
    def is_valid(cls, version: str) -> bool:
        try:
            cls.parse(version)
            return True
        except ValueError:
            return False

    def match(self, expr: str) -> bool:
        """A package method named as the pattern's: `cls._REGEX.match(...)` above is still the pattern's."""
        return {">": 1}[expr[:1]] > 0
'''

RUN = '''
import semverish
for text in ["1.2.3", "1.2", "7", "0.0.1-rc.1+b.5", "10.20.30-alpha"]:
    semverish.Version.parse(text)
for bad in ["", "1.x", "01.2.3"]:
    try:
        semverish.Version.parse(bad)
    except ValueError:
        pass
for text in ["1.2.3", "nope", "1.2.3-rc.1"]:
    semverish.Version.is_valid(text)
'''

ID = "semverish/__init__.py::Version.parse"


def test_the_groupdict_is_spread_into_the_constructor_as_its_entry_converts_it():
    _, _, out = translate_module("semverish/__init__.py", SEMVER)
    t = out["Version.parse"]
    assert t.status == "converted", t.error
    assert 'map[string]any{"major": match.GroupAny(1), "minor": match.GroupAny(2)' in t.go, t.go
    assert 'pyIntAny(pyKey(matchedVersionParts, "major"))' in t.go and "pyStrAny(" in t.go, t.go
    at = [t.go.index(f'pyIntAny(pyKey(matchedVersionParts, "{k}"))') for k in ("major", "minor", "patch")]
    assert at == sorted(at), "the conversions run in __init__'s order"


@pytest.mark.parametrize("use", ["print(matched_version_parts)", "matched_version_parts.update(extra=1)",
                                 'matched_version_parts["extra"] = 1'])
def test_a_dict_whose_keys_are_not_known_for_sure_is_not_spread(use):
    source = SEMVER.replace("        return cls(**matched_version_parts)", f"        {use}\n        return cls(**matched_version_parts)")
    _, _, out = translate_module("semverish/__init__.py", source)
    assert out["Version.parse"].status == "partial", out["Version.parse"].go


def test_check_runs_the_classmethod_and_tells_a_wrong_spread(tmp_path):
    repo = traced_package(tmp_path, "semverish", SEMVER, RUN)
    proc = subprocess.run([sys.executable, "-m", "gotui.cli", "convert", "semverish", "--backend", "rules", "-q"], cwd=repo,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    results = check_package(repo, "semverish")
    assert results[ID]["status"] == "pass", results[ID]
    # its `except ValueError` is lowered: nothing parse's Go panics with is a ValueError, once the pattern's
    # .match() is not taken for the package's Version.match (raisekinds.compiled_pattern)
    assert results["semverish/__init__.py::Version.is_valid"]["status"] == "pass", results["semverish/__init__.py::Version.is_valid"]
    # the reviewer's slip: minor and patch swapped
    replace_go(repo, ID, '"minor": match.GroupAny(2), "patch": match.GroupAny(3)', '"minor": match.GroupAny(3), "patch": match.GroupAny(2)')
    results = check_package(repo, "semverish")
    assert results[ID]["status"] == "diverged", results[ID]


def test_conversions_the_callee_runs_in_another_order_are_not_moved_to_the_call():
    # int(minor) before int(major) in __init__: with two bad values Python raises minor's error first
    source = SEMVER.replace('{"major": int(major), "minor": int(minor), "patch": int(patch)}',
                            '{"minor": int(minor), "major": int(major), "patch": int(patch)}')
    _, _, out = translate_module("semverish/__init__.py", source)
    assert out["Version.parse"].status == "partial", out["Version.parse"].go
