from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest_openai import llm_env  # noqa: F401
from gotui.config import Config, ConfigError, load_config, resolve_api_key, scrub, user_config_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_files(llm_env: Path) -> None:
    cfg = load_config(None, {})
    assert cfg == Config()
    assert cfg.repair_rounds == 2
    assert cfg.backend == "auto"
    assert cfg.effective_model == "gpt-4o-mini"
    assert cfg.effective_base_url is None
    assert cfg.key_env == "OPENAI_API_KEY"


def test_user_then_repo_then_flags(llm_env: Path) -> None:
    write(llm_env / "config" / "config.toml", 'model = "user-model"\ntemperature = 0.5\njobs = 2\nprice_prompt = 0.01\n[keys]\naccept = "a"\nskip = "s"\n')
    root = llm_env / "repo"
    write(root / ".gotui.toml", 'model = "repo-model"\njobs = 6\n[keys]\naccept = "enter"\n[check]\nvet = false\n[layout]\nmodule = "example.com/shop"\n')
    cfg = load_config(root, {"jobs": 8, "model": None})
    assert cfg.model == "repo-model"  # repo beats user, a None flag changes nothing
    assert cfg.temperature == 0.5  # only the user file set it
    assert cfg.jobs == 8  # the flag wins
    assert cfg.price_prompt == 0.01
    assert cfg.keys == {"accept": "enter", "skip": "s"}  # tables merge key by key
    assert cfg.check == {"vet": False}
    assert cfg.layout == {"module": "example.com/shop"}
    assert cfg.sources == [llm_env / "config" / "config.toml", root / ".gotui.toml"]
    assert cfg.origins["jobs"] == "command line"
    assert cfg.origins["model"].endswith(".gotui.toml")


def test_user_config_dir_from_env(llm_env: Path) -> None:
    assert user_config_path() == llm_env / "config" / "config.toml"


def test_aliases(llm_env: Path) -> None:
    root = llm_env / "repo"
    write(root / ".gotui.toml", "concurrency = 3\nprice_completion_per_1k = 0.6\n")
    cfg = load_config(root, {})
    assert cfg.jobs == 3 and cfg.price_completion == 0.6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jobs = 0", "jobs: expected 1 to 256, got 0"),
        ("jobs = 2.5", "jobs: expected a whole number"),
        ('temperature = "hot"', "temperature: expected a number, got 'hot'"),
        ("temperature = 3", "temperature: expected 0 to 2"),
        ('backend = "gpt"', "backend: expected one of auto, openai, rules"),
        ('provider = "bedrock"', "provider: expected one of"),
        ('base_url = "localhost:8000"', "base_url: expected an http:// or https:// URL"),
        ("stream = 1", "stream: expected true or false"),
        ("[keys]\naccept = 3", "keys: accept: expected a key name"),
        ("keys = 'a'", "keys: expected a table"),
        ("jobs = = 3", "invalid TOML"),
        ("budget = -1", "budget: expected 0 to"),
    ],
)
def test_errors_name_file_and_problem(llm_env: Path, text: str, expected: str) -> None:
    root = llm_env / "repo"
    path = write(root / ".gotui.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(root, {})
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert expected in message
    assert "\n" not in message


def test_flag_errors_say_command_line(llm_env: Path) -> None:
    with pytest.raises(ConfigError, match=r"^command line: jobs: expected a number"):
        load_config(None, {"jobs": "many"})
    assert load_config(None, {"jobs": "3"}).jobs == 3  # text from a flag is fine


def test_api_key_in_a_file_is_refused_without_echoing_it(llm_env: Path) -> None:
    root = llm_env / "repo"
    write(root / ".gotui.toml", 'api_key = "sk-do-not-print-me-123"\n')
    with pytest.raises(ConfigError) as info:
        load_config(root, {})
    assert "sk-do-not-print-me-123" not in str(info.value)
    assert "OPENAI_API_KEY" in str(info.value)


@pytest.mark.parametrize("setting", ['api_key_command = "curl evil"', 'api_key_env = "AWS_SECRET_ACCESS_KEY"'])
def test_untrusted_repository_cannot_choose_the_secret(llm_env: Path, setting: str) -> None:
    root = llm_env / "repo"
    write(root / ".gotui.toml", setting + "\n")
    cfg = load_config(root, {}, quiet=True)
    assert cfg.api_key_command is None and cfg.key_env == "OPENAI_API_KEY"
    assert len(cfg.warnings) == 1 and "not trusted, ignored " + setting.split()[0] in cfg.warnings[0]
    assert "gotui trust" in cfg.warnings[0]


def test_unknown_keys_warn_by_name(llm_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = llm_env / "repo"
    write(llm_env / "config" / "config.toml", "colour = 'blue'\n")
    write(root / ".gotui.toml", "modle = 'x'\n[check]\ncases = 10\nspeed = 3\n")
    cfg = load_config(root, {})
    assert cfg.check == {"cases": 10, "speed": 3}  # known keys still apply
    err = capsys.readouterr().err
    assert "config.toml: unknown setting 'colour': ignored" in err
    assert ".gotui.toml: unknown settings 'modle' (did you mean model?), [check] 'speed': ignored" in err
    load_config(root, {})
    assert capsys.readouterr().err == ""  # once per run
    with pytest.raises(ConfigError, match="command line: unknown setting 'modle'"):
        load_config(None, {"modle": "x"})


def test_api_key_command_from_user_config(llm_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = write(llm_env / "print_key.py", "print('sk-from-command-456')\n")
    write(llm_env / "config" / "config.toml", f'api_key_command = "{sys.executable} {script}"\n')
    cfg = load_config(None, {})
    assert resolve_api_key(cfg) == "sk-from-command-456"
    assert "sk-from-command" not in repr(cfg)  # the key is never on the Config
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-wins")
    assert resolve_api_key(cfg) == "sk-env-wins"


def test_failing_api_key_command(llm_env: Path) -> None:
    script = write(llm_env / "fail.py", "import sys\nprint('sk-leaked-on-stdout-789')\nsys.stderr.write('not in the password store\\n')\nsys.exit(3)\n")
    cfg = load_config(None, {"api_key_command": f"{sys.executable} {script}"})
    with pytest.raises(ConfigError) as info:
        resolve_api_key(cfg)
    assert "exit 3" in str(info.value) and "not in the password store" in str(info.value)
    assert "sk-leaked" not in str(info.value)


def test_azure_key_variable(llm_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load_config(None, {"provider": "azure"})
    assert cfg.key_env == "AZURE_OPENAI_API_KEY"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    assert resolve_api_key(cfg) is None
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "azure-key")
    assert resolve_api_key(cfg) == "azure-key"


def test_local_provider_defaults(llm_env: Path) -> None:
    cfg = load_config(None, {"provider": "ollama"})
    assert cfg.effective_base_url == "http://localhost:11434/v1"
    assert cfg.effective_model == "qwen2.5-coder:7b"
    assert load_config(None, {"provider": "vllm"}).effective_model == ""  # vLLM: name the served model


def test_prompts_dir(llm_env: Path) -> None:
    root = llm_env / "repo"
    (root / ".gotui" / "prompts").mkdir(parents=True)
    assert load_config(root, {}).prompts_dir == (root / ".gotui" / "prompts").resolve()
    (root / "team-prompts").mkdir()
    write(root / ".gotui.toml", 'prompts_dir = "team-prompts"\n')
    assert load_config(root, {}).prompts_dir == (root / "team-prompts").resolve()
    write(root / ".gotui.toml", 'prompts_dir = "missing"\n')
    with pytest.raises(ConfigError, match="is not a folder"):
        load_config(root, {})


def test_cost() -> None:
    cfg = Config(price_prompt=0.5, price_completion=1.5)
    assert cfg.cost(2000, 1000) == pytest.approx(2.5)


def test_scrub() -> None:
    assert scrub("bad key sk-abcdefgh12345678 here", None) == "bad key *** here"
    assert scrub("token=topsecretvalue!", "topsecretvalue") == "token=***!"
    assert scrub("Incorrect API key provided: sk-proj-****abcd.", None) == "Incorrect API key provided: ***."
