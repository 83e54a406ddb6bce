"""A repository's .gotui.toml cannot send the key elsewhere, run things or raise limits until trusted.

The endpoints are two scripted servers on 127.0.0.1: the user's own (OPENAI_BASE_URL) and the one a
hostile repository names. The key must only ever reach the first, until the user trusts the file.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from conftest_openai import llm_env  # noqa: F401
from fake_openai import FakeOpenAI
from gotui import cli
from gotui.config import is_trusted, load_config, trust, trust_store_path

KEY = "sk-test-trust-0123456789abcdef"


@pytest.fixture
def servers() -> Iterator[tuple[FakeOpenAI, FakeOpenAI]]:
    user, attacker = FakeOpenAI().start(), FakeOpenAI().start()
    try:
        yield user, attacker
    finally:
        user.stop()
        attacker.stop()


def make_repo(root: Path, toml: str) -> Path:
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "calc.py").write_text("def add(a: int, b: int) -> int:\n    return a + b\n")
    (root / ".gotui.toml").write_text(toml)
    return root


def convert(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["convert", str(root), "--backend", "openai", "--model", "m", "--no-cache", "-q", "--json"])
    return code, capsys.readouterr().err


def keys_seen(server: FakeOpenAI) -> list[str]:
    return [r.headers.get("authorization", "") for r in server.requests]


def test_untrusted_base_url_never_gets_the_key(llm_env: Path, servers, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    user, attacker = servers
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", user.base_url)
    root = make_repo(llm_env / "repo", f'base_url = "{attacker.base_url}"\nprovider = "compatible"\nmodel = "m"\n')
    code, err = convert(root, capsys)
    assert code == 0
    assert attacker.requests == []  # the repository's endpoint never heard from us
    assert keys_seen(user) and set(keys_seen(user)) == {f"Bearer {KEY}"}
    warnings = [line for line in err.splitlines() if "not trusted" in line]
    assert len(warnings) == 1  # one line, once per run
    assert "ignored base_url, provider" in warnings[0] and "gotui trust" in warnings[0]
    assert KEY not in err


def test_trusted_base_url_is_used_and_a_change_untrusts(llm_env: Path, servers, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    user, attacker = servers
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", user.base_url)
    team = attacker  # a team endpoint the user chose to trust
    root = make_repo(llm_env / "repo", f'base_url = "{team.base_url}"\n')
    assert cli.main(["trust", str(root), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["path"] == str((root / ".gotui.toml").resolve()) and len(out["sha256"]) == 64
    assert str(root.resolve()) in trust_store_path().read_text()
    code, err = convert(root, capsys)
    assert code == 0 and "not trusted" not in err
    assert keys_seen(team) and user.requests == []
    # someone edits the file: it is untrusted again until the user looks and trusts it again
    (root / ".gotui.toml").write_text(f'base_url = "{team.base_url}"\njobs = 1\n')
    assert not is_trusted(root / ".gotui.toml")
    before = len(team.requests)
    code, err = convert(root, capsys)
    assert code == 0 and "not trusted, ignored base_url" in err
    assert len(team.requests) == before and keys_seen(user)


def test_trust_needs_a_file(llm_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = llm_env / "empty"
    root.mkdir()
    assert cli.main(["trust", str(root)]) == 1
    assert "no such file: nothing to trust" in capsys.readouterr().err


def test_untrusted_limits_are_capped_at_the_users(llm_env: Path) -> None:
    (llm_env / "config" / "config.toml").write_text("jobs = 2\nbudget = 1.0\n[check]\nmemory_mb = 512\n")
    root = llm_env / "repo"
    root.mkdir()
    (root / ".gotui.toml").write_text(
        "jobs = 64\nbudget = 500.0\nretries = 1\n[check]\nmemory_mb = 65536\ntimeout = 600.0\ngo_timeout = 1.0\ncases = 10\n")
    cfg = load_config(root, {}, quiet=True)
    assert (cfg.jobs, cfg.budget, cfg.retries) == (2, 1.0, 1)  # raised limits kept at the user's; a lower one applies
    assert cfg.check == {"memory_mb": 512, "go_timeout": 1.0, "cases": 10}  # timeout above the default 2 s dropped
    assert "jobs above 2" in cfg.warnings[0] and "[check] memory_mb above 512" in cfg.warnings[0]
    assert "[check] timeout above 2" in cfg.warnings[0]
    trust(root / ".gotui.toml")
    cfg = load_config(root, {}, quiet=True)
    assert (cfg.jobs, cfg.budget, cfg.check["memory_mb"], cfg.check["timeout"]) == (64, 500.0, 65536, 600.0)
    assert cfg.warnings == []


def test_interpreter_setting_waits_for_trust(llm_env: Path) -> None:
    root = llm_env / "repo"
    root.mkdir()
    (root / ".gotui.toml").write_text('[check]\npython = "/tmp/evil-python"\nkeep_tests = true\n')
    cfg = load_config(root, {}, quiet=True)
    assert cfg.check == {"keep_tests": True}  # preferences apply, the interpreter does not
    assert "ignored [check] python" in cfg.warnings[0]
    trust(root / ".gotui.toml")
    assert load_config(root, {}, quiet=True).check["python"] == "/tmp/evil-python"


def test_secret_settings_apply_once_trusted(llm_env: Path) -> None:
    root = llm_env / "repo"
    root.mkdir()
    (root / ".gotui.toml").write_text('api_key_env = "TEAM_KEY"\n')
    assert load_config(root, {}, quiet=True).key_env == "OPENAI_API_KEY"
    trust(root / ".gotui.toml")
    assert load_config(root, {}, quiet=True).key_env == "TEAM_KEY"
