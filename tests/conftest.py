"""Shared fixtures: temporary git repositories holding the bundled example."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

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


def isolated_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """HOME, config and caches under a temp home, so no test writes into the real one; git gets an identity
    from the temp home's git config (a brand-new machine has none). The Go build cache is shared by the whole run
    (every xdist worker) so the standard library compiles once; GOTUI_TEST_GOCACHE names a lasting one."""
    home = tmp_path_factory.mktemp("home")
    run_root = tmp_path_factory.getbasetemp()
    run_root = run_root.parent if run_root.name.startswith("popen-gw") else run_root
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "GOTUI_CONFIG_DIR": str(home / "config" / "gotui"),
           "XDG_CACHE_HOME": str(home / "cache"), "GOTUI_CACHE_DIR": str(home / "cache" / "gotui"), "GOTELEMETRY": "off",
           "GOTUI_GOCACHE": os.environ.get("GOTUI_TEST_GOCACHE", str(run_root / "gocache"))}
    # an identity in the temp home's git config (not GIT_AUTHOR_*: a repository's own config must still win)
    (home / ".gitconfig").write_text("[user]\n\tname = gotui tests\n\temail = tests@gotui.invalid\n", encoding="utf-8")
    return env


@pytest.fixture(scope="session", autouse=True)
def _isolated_session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The same for the whole run: module-scoped fixtures run go before the per-test fixture below."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in isolated_env(tmp_path_factory).items():
            mp.setenv(name, value)
        yield


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in isolated_env(tmp_path_factory).items():
        monkeypatch.setenv(name, value)


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
