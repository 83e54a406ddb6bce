"""Shared fixtures: temporary git repositories holding the bundled example."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest_openai import fake_openai, llm_env  # noqa: F401  (the scripted OpenAI-compatible server)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shop"

# Tests must never depend on the developer's git identity, config or API keys.
os.environ.update(
    GIT_AUTHOR_NAME="Test Author", GIT_AUTHOR_EMAIL="author@example.invalid",
    GIT_COMMITTER_NAME="Test Author", GIT_COMMITTER_EMAIL="author@example.invalid",
    GIT_CONFIG_NOSYSTEM="1",
)
for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"):
    os.environ.pop(var, None)


def git(repo: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {proc.stderr}")
    return proc.stdout


def repo_snapshot(repo: Path) -> dict:
    """Everything a commit must leave alone: HEAD, the index, the status and every file's bytes."""
    files = {}
    for p in sorted(repo.rglob("*")):
        rel = p.relative_to(repo)
        if p.is_file() and rel.parts[0] not in (".git", ".gotui"):
            files[str(rel)] = p.read_bytes()
    return {
        "head": git(repo, "rev-parse", "HEAD", check=False),
        "symbolic": git(repo, "symbolic-ref", "-q", "HEAD", check=False),
        "index": git(repo, "ls-files", "--stage"),
        "cached": git(repo, "diff", "--cached"),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "files": files,
    }


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config, caches and the Go build cache under a temp home; the Go build cache is shared per run."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("GOTUI_CONFIG_DIR", str(home / "config" / "gotui"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("GOTUI_CACHE_DIR", str(home / "cache" / "gotui"))
    shared = Path(os.environ.get("GOTUI_TEST_GOCACHE", str(Path.home() / ".cache" / "gotui-test-gocache")))
    monkeypatch.setenv("GOTUI_GOCACHE", str(shared))


@pytest.fixture
def shop_repo(tmp_path: Path) -> Path:
    """A git repository with the example committed under shop/."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(EXAMPLE, repo / "shop", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "README.md").write_text("the shop service\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "shop")
    return repo


@pytest.fixture
def dirty_shop_repo(shop_repo: Path) -> Path:
    """The shop repository with staged, unstaged and untracked work in progress."""
    (shop_repo / "shop" / "pricing.py").write_text((shop_repo / "shop" / "pricing.py").read_text() + "\n# staged change\n")
    git(shop_repo, "add", "shop/pricing.py")
    (shop_repo / "README.md").write_text("the shop service\nunstaged edit\n")
    (shop_repo / "notes.txt").write_text("untracked\n")
    return shop_repo
