"""Turn units' Go into Go files: one file per Python module, one package per folder.

Each unit's Go is a list of declarations, optionally led by an import block. A file gets the
units in source order, the imports they really use (so `go build` never fails on an unused
import), the module's preamble (constants) and, per package, one helper file when needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable

from gotui.golang.helpers import HELPER_FILE, helper_source
from gotui.golang.names import go_package_name
from gotui.golang.toolchain import Toolchain

GO_VERSION = "1.22"

# Standard packages detected from use (`strings.Split`), by the name code refers to them with.
STD_PACKAGES = {
    "fmt": "fmt", "strings": "strings", "strconv": "strconv", "errors": "errors", "math": "math",
    "sort": "sort", "slices": "slices", "maps": "maps", "unicode": "unicode", "utf8": "unicode/utf8",
    "time": "time", "json": "encoding/json", "regexp": "regexp", "os": "os", "bytes": "bytes",
    "big": "math/big", "rand": "math/rand", "cmp": "cmp", "sync": "sync", "context": "context",
    "http": "net/http", "url": "net/url", "io": "io", "bufio": "bufio", "hex": "encoding/hex",
    "base64": "encoding/base64", "sha256": "crypto/sha256", "md5": "crypto/md5", "uuid": "github.com/google/uuid",
}
STD_PACKAGES.pop("uuid")  # not standard: only through an explicit import

_IMPORT_BLOCK = re.compile(r"^\s*import\s*(\((?P<many>[^)]*)\)|(?P<one>[^\n]+))\s*\n?", re.M)
_IMPORT_SPEC = re.compile(r'^\s*(?P<alias>[A-Za-z_][\w]*|\.|_)?\s*"(?P<path>[^"]+)"')
_PACKAGE_CLAUSE = re.compile(r"^\s*package\s+\w+\s*\n", re.M)
_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|`[^`]*`|\'(?:\\.|[^\'\\\n])+\'', re.S)


@dataclass(frozen=True)
class GoUnit:
    """A unit ready for assembly: the Python module it came from and its Go declarations."""

    unit_id: str
    py_path: str
    line: int
    go: str


def split_imports(go: str) -> tuple[dict[str, str], str]:
    """({import path: alias or ""}, the declarations without package clause or import blocks)."""
    imports: dict[str, str] = {}
    body = _PACKAGE_CLAUSE.sub("", go, count=1)

    def take(match: re.Match[str]) -> str:
        specs = match.group("many") if match.group("many") is not None else match.group("one")
        for spec in specs.split("\n"):
            m = _IMPORT_SPEC.match(spec)
            if m:
                imports[m.group("path")] = m.group("alias") or ""
        return ""

    # import blocks only lead a file: stop at the first other declaration
    head_end = 0
    for m in _IMPORT_BLOCK.finditer(body):
        if body[head_end:m.start()].strip() and not body[head_end:m.start()].strip().startswith("//"):
            break
        head_end = m.end()
    head = _IMPORT_BLOCK.sub(take, body[:head_end])
    return imports, (head + body[head_end:]).strip("\n") + "\n"


def package_refs(body: str) -> set[str]:
    """Names used as `name.X` in one unit's Go, minus the names it declares itself (a parameter `url`)."""
    code = _NOISE.sub(" ", body)
    return set(re.findall(r"\b([A-Za-z_]\w*)\s*\.\s*[A-Za-z_]", code)) - _declared_names(code)


def used_imports(bodies: list[str], explicit: dict[str, str]) -> list[tuple[str, str]]:
    """(path, alias) pairs the bodies refer to: explicit imports that are used, plus standard ones detected."""
    used: set[str] = set()
    for body in bodies:
        used |= package_refs(body)
    result: dict[str, str] = {}
    for path, alias in explicit.items():
        ref = alias or PurePosixPath(path).name
        if alias in ("_", ".") or ref in used:
            result[path] = alias
    for name, path in STD_PACKAGES.items():
        if name in used and path not in result:
            result[path] = ""
    return sorted(result.items())


def _declared_names(code: str) -> set[str]:
    """Local names that shadow a package name (`strings := ...`, `func f(sort int)`): not imports."""
    return set(re.findall(r"\b([A-Za-z_]\w*)\s*(?::=|\s+(?:\[\]|\*|map\[)?[A-Za-z_][\w.]*\s*[,)])", code))


def go_path(py_path: str) -> str:
    """`shop/pricing.py` -> `shop/pricing.go`; `shop/__init__.py` -> `shop/shop.go`."""
    p = PurePosixPath(py_path)
    stem = p.stem if p.stem != "__init__" else (p.parent.name or "package")
    if stem.endswith("_test"):
        stem += "_"  # a Go file ending in _test.go would be a test file
    return str(p.with_name(stem + ".go"))


def package_of(go_file: str, default: str) -> str:
    folder = PurePosixPath(go_file).parent.name
    return go_package_name(folder) if folder else go_package_name(default)


def render_file(package: str, bodies: list[str], preamble: str = "") -> str:
    explicit: dict[str, str] = {}
    decls: list[str] = []
    for go in ([preamble] if preamble.strip() else []) + bodies:
        imps, body = split_imports(go)
        explicit.update(imps)
        decls.append(body.strip("\n"))
    text = "\n\n".join(decls) + "\n"
    imports = used_imports(decls, explicit)
    head = f"package {package}\n"
    if imports:
        head += "\nimport (\n" + "".join(f'\t{(a + " ") if a else ""}"{p}"\n' for p, a in imports) + ")\n"
    return head + "\n" + text


def go_mod(module_path: str) -> str:
    return f"module {module_path}\n\ngo {GO_VERSION}\n"


def module_path_for(root_name: str) -> str:
    return go_package_name(root_name) or "migration"


Preamble = Callable[[str], str]  # python module path -> Go declarations shared by the file


def assemble(units: list[GoUnit], default_package: str, preamble: Preamble | None = None,
             toolchain: Toolchain | None = None) -> dict[str, str]:
    """Go files by path for the given units (gofmt'd when a toolchain is given)."""
    by_file: dict[str, list[GoUnit]] = {}
    for u in units:
        by_file.setdefault(go_path(u.py_path), []).append(u)
    files: dict[str, str] = {}
    by_package_dir: dict[str, list[str]] = {}
    for path, members in sorted(by_file.items()):
        members.sort(key=lambda u: u.line)
        package = package_of(path, default_package)
        pre = preamble(members[0].py_path) if preamble else ""
        text = render_file(package, [u.go for u in members], pre)
        files[path] = text
        by_package_dir.setdefault(str(PurePosixPath(path).parent), []).append(text)
    for folder, texts in by_package_dir.items():
        helper_path = str(PurePosixPath(folder) / HELPER_FILE) if folder != "." else HELPER_FILE
        package = package_of(helper_path, default_package)
        helpers = helper_source(package, texts)
        if helpers:
            files[helper_path] = helpers
    if toolchain is not None:
        for path, text in files.items():
            formatted = toolchain.gofmt_source(text)
            if formatted is not None:
                files[path] = formatted
    return files
