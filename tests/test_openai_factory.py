from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_openai import fake_openai, llm_env  # noqa: F401
from fake_openai import FakeOpenAI
from gotui.config import ConfigError, load_config
from gotui.llm.base import CONVERTED, TranslationRequest
from gotui.llm.factory import choose_backend, make_translator
from gotui.llm.openai_backend import OpenAITranslator
from gotui.llm.rules import RulesTranslator
from gotui.parse.units import parse_module


def one_request() -> TranslationRequest:
    module = parse_module("pkg/m.py", b"def double(x):\n    return x * 2\n")
    return TranslationRequest(unit=module.units[0], module=module)


def test_no_key_means_the_offline_translator(llm_env: Path) -> None:
    tr = make_translator(load_config(None, {}))
    assert isinstance(tr, RulesTranslator) and tr.name == "rules"


def test_explicit_openai_without_a_key(llm_env: Path) -> None:
    with pytest.raises(ConfigError) as info:
        make_translator(load_config(None, {}), "openai")
    assert "OPENAI_API_KEY" in str(info.value) and "--backend rules" in str(info.value)
    with pytest.raises(ConfigError, match="AZURE_OPENAI_API_KEY"):
        make_translator(load_config(None, {"backend": "openai", "provider": "azure", "base_url": "https://x.openai.azure.com"}))


def test_key_in_the_environment_means_openai(llm_env: Path, monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-key-1234567890")
    cfg = load_config(None, {"base_url": fake_openai.base_url, "model": "m1", "jobs": 2, "repair_rounds": 1, "timeout": 5})
    tr = make_translator(cfg)
    assert isinstance(tr, OpenAITranslator)
    assert (tr.model, tr.base_url, tr.repair_rounds, tr.timeout) == ("m1", fake_openai.base_url, 1, 5.0)
    assert tr.cache is not None and tr.cache.path == llm_env / "cache" / "answers.sqlite3"
    assert tr.translate(one_request()).status == CONVERTED
    assert fake_openai.requests[0].headers["authorization"] == "Bearer sk-env-key-1234567890"
    assert isinstance(make_translator(cfg, "rules"), RulesTranslator)  # the flag beats the default


def test_key_from_api_key_command(llm_env: Path, fake_openai: FakeOpenAI) -> None:
    script = llm_env / "key.py"
    script.write_text("print('sk-command-key-0987654321')\n", encoding="utf-8")
    (llm_env / "config" / "config.toml").write_text(f'api_key_command = "{sys.executable} {script}"\n', encoding="utf-8")
    cfg = load_config(None, {"base_url": fake_openai.base_url})
    assert choose_backend(cfg) == "openai"
    tr = make_translator(cfg)
    assert tr.translate(one_request()).status == CONVERTED
    assert fake_openai.requests[0].headers["authorization"] == "Bearer sk-command-key-0987654321"


def test_a_failing_key_command(llm_env: Path) -> None:
    cfg = load_config(None, {"api_key_command": f"{sys.executable} -c 'import sys; sys.exit(1)'"})
    assert choose_backend(cfg) == "rules"  # auto: no key
    with pytest.raises(ConfigError, match="api_key_command failed"):
        make_translator(cfg, "openai")


def test_local_servers_need_no_key(llm_env: Path, fake_openai: FakeOpenAI) -> None:
    cfg = load_config(None, {"provider": "ollama"})
    assert choose_backend(cfg) == "openai"
    tr = make_translator(cfg)
    assert isinstance(tr, OpenAITranslator) and tr.base_url == "http://localhost:11434/v1" and tr.model == "qwen2.5-coder:7b"
    local = make_translator(load_config(None, {"provider": "llamacpp", "base_url": fake_openai.base_url}))
    assert local.translate(one_request()).status == CONVERTED


def test_setup_errors(llm_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="model is not set for provider vllm"):
        make_translator(load_config(None, {"provider": "vllm"}))
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-secret-value")
    with pytest.raises(ConfigError, match="provider azure needs base_url"):
        make_translator(load_config(None, {"provider": "azure", "model": "deploy"}))
    with pytest.raises(ConfigError, match="unknown backend"):
        make_translator(load_config(None, {}), "claude")


def test_prompt_overrides_are_used(llm_env: Path, monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI) -> None:
    root = llm_env / "repo"
    (root / ".gotui" / "prompts").mkdir(parents=True)
    (root / ".gotui" / "prompts" / "system.md").write_text("House rules: use int64 for money.\n", encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-xyz-0000000000")
    tr = make_translator(load_config(root, {"base_url": fake_openai.base_url}))
    tr.translate(one_request())
    assert fake_openai.requests[0].messages[0]["content"] == "House rules: use int64 for money."


def test_the_offline_translator_never_imports_the_openai_package(tmp_path: Path) -> None:
    # half a second of imports on the review screen's interpreter, for a client the run never uses
    code = ("import sys\nfrom gotui.config import load_config\nfrom gotui.llm.factory import make_translator\n"
            "tr = make_translator(load_config(None, {}), 'rules')\n"
            "print(tr.name, 'openai' in sys.modules, 'pydantic' in sys.modules)\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["rules", "False", "False"], out.stdout + out.stderr
