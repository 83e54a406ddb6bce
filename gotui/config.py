"""gotui's configuration: TOML files merged in order, then command-line overrides.

Order (later wins): built-in defaults, the user file (`GOTUI_CONFIG_DIR` or platformdirs'
user_config_dir("gotui"), `config.toml`), the repository file (`.gotui.toml` at the root), then
`overrides` (the CLI's flags; `None` values are ignored so argparse results can be passed as-is).

The API key is never read from a file: it comes from the environment or from `api_key_command`.

Trust (docs/security.md): a repository's file may set preferences freely, but settings that choose
where requests go or which secret is read (TRUST_KEYS), what runs (`[check] python`) and limits above
the user's own take effect only once the user has run `gotui trust`, which records the file's sha256
in `trusted.toml` beside the user file (like direnv allow). A changed file is untrusted again.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import platformdirs

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10 with tomli installed
    import tomli as tomllib  # type: ignore[no-redef]

REPO_FILE = ".gotui.toml"
USER_FILE = "config.toml"
REPO_PROMPTS_DIR = Path(".gotui") / "prompts"

BACKENDS = ("auto", "openai", "rules")
PROVIDERS = ("openai", "azure", "vllm", "ollama", "llamacpp", "compatible")
# Servers that usually run without a key on the local machine or network.
KEYLESS_PROVIDERS = ("vllm", "ollama", "llamacpp")

DEFAULT_BASE_URLS = {
    "vllm": "http://localhost:8000/v1",
    "ollama": "http://localhost:11434/v1",
    "llamacpp": "http://localhost:8080/v1",
}
DEFAULT_MODELS = {
    "openai": "gpt-4o-mini",
    "ollama": "qwen2.5-coder:7b",
    "llamacpp": "local",  # llama.cpp's server answers with whatever model it loaded
}
DEFAULT_KEY_ENV = {"openai": "OPENAI_API_KEY", "azure": "AZURE_OPENAI_API_KEY"}
DEFAULT_AZURE_API_VERSION = "2024-10-21"

# In a repository's file these take effect only when the user trusts the file (`gotui trust`):
# they choose where the key is sent, which secret is read, or run a command.
TRUST_KEYS = ("base_url", "provider", "api_version", "api_key_command", "api_key_env")
# Limits a repository's file may lower but not raise above the user's (or the default) until trusted.
LIMIT_KEYS = ("jobs", "max_tokens", "budget", "timeout", "retries", "retry_after_cap", "repair_rounds")
# `[check]`: its known keys (gotui/verify/check.py Settings), the limits with their defaults, and what runs.
CHECK_LIMITS = {"timeout": 2.0, "go_timeout": 5.0, "memory_mb": 1024, "cases": 60}
CHECK_TRUST = ("python",)
CHECK_KEYS = ("keep_tests", "seed", "vet", *CHECK_LIMITS, *CHECK_TRUST)
TRUST_FILE = "trusted.toml"
TABLES = ("keys", "check", "layout")
ALIASES = {"concurrency": "jobs", "price_prompt_per_1k": "price_prompt", "price_completion_per_1k": "price_completion"}


class ConfigError(Exception):
    """A one-line message: which file (or flag) and what is wrong."""


@dataclass
class Config:
    backend: str = "auto"  # auto (openai when a key is available, else rules), openai, rules
    provider: str = "openai"  # openai, azure, vllm, ollama, llamacpp, compatible
    model: str = ""  # empty: the provider's default (see DEFAULT_MODELS); for Azure the deployment name
    base_url: str | None = None  # None: the provider's default endpoint
    api_version: str | None = None  # Azure only
    api_key_env: str | None = None  # None: OPENAI_API_KEY (AZURE_OPENAI_API_KEY for azure)
    api_key_command: str | None = None  # a shell command that prints the key
    temperature: float = 0.0
    max_tokens: int = 4096
    jobs: int = 4  # requests in flight at once
    price_prompt: float = 0.0  # per 1000 prompt tokens, in whatever currency you think in
    price_completion: float = 0.0  # per 1000 completion tokens
    budget: float | None = None  # stop sending new requests once this much is spent in a run
    repair_rounds: int = 2  # times build errors are sent back to the model
    timeout: float = 120.0  # seconds for one request (for a stream: between two events)
    retries: int = 4  # extra attempts after 429, 5xx, timeouts, broken or garbled answers
    retry_after_cap: float = 60.0  # longest wait honoured from a Retry-After header
    stream: bool = True
    no_cache: bool = False  # ask the model again; the fresh answer replaces the cached one
    prompts_dir: Path | None = None  # templates overriding the packaged ones, file by file
    prompt_budget: int = 3000  # estimated tokens one unit's prompt may take (optional context is cut first)
    price_cached_prompt: float | None = None  # per 1000 cached prompt tokens; None: half of price_prompt
    keys: dict[str, str] = field(default_factory=dict)  # UI keymap: action id -> key
    check: dict[str, Any] = field(default_factory=dict)  # passed through to the checker
    layout: dict[str, Any] = field(default_factory=dict)  # passed through to the Go layout
    sources: list[Path] = field(default_factory=list)  # the files that were read, in order
    origins: dict[str, str] = field(default_factory=dict)  # setting -> where it came from
    warnings: list[str] = field(default_factory=list)  # one line each: unknown keys, what an untrusted file could not set

    @property
    def effective_model(self) -> str:
        return self.model or DEFAULT_MODELS.get(self.provider, "")

    @property
    def effective_base_url(self) -> str | None:
        return self.base_url or DEFAULT_BASE_URLS.get(self.provider)

    @property
    def key_env(self) -> str:
        return self.api_key_env or DEFAULT_KEY_ENV.get(self.provider, "OPENAI_API_KEY")

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return prompt_tokens / 1000.0 * self.price_prompt + completion_tokens / 1000.0 * self.price_completion


# -- validation ------------------------------------------------------------------------------------

Check = Callable[[Any], Any]  # returns the normalised value or raises ValueError("what is wrong")


def _str(choices: tuple[str, ...] | None = None) -> Check:
    def check(v: Any) -> Any:
        if not isinstance(v, str):
            raise ValueError(f"expected a string, got {_kind(v)}")
        v = v.strip()
        if choices is not None and v.lower() not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {v!r}")
        return v.lower() if choices is not None else v

    return check


def _opt_str(v: Any) -> Any:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    return _str()(v)


def _number(lo: float, hi: float, integer: bool = False, optional: bool = False) -> Check:
    def check(v: Any) -> Any:
        if optional and v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            if isinstance(v, str):  # flags may arrive as text
                try:
                    v = float(v) if not integer else int(v)
                except ValueError:
                    raise ValueError(f"expected a number, got {v!r}") from None
            else:
                raise ValueError(f"expected a number, got {_kind(v)}")
        if integer and (isinstance(v, float) and not v.is_integer()):
            raise ValueError(f"expected a whole number, got {v}")
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"expected a finite number, got {v}")
        if not lo <= v <= hi:
            raise ValueError(f"expected {lo:g} to {hi:g}, got {v:g}")
        return int(v) if integer else float(v)

    return check


def _bool(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    raise ValueError(f"expected true or false, got {_kind(v)}")


def _url(v: Any) -> Any:
    v = _opt_str(v)
    if v is not None and not re.match(r"^https?://[^\s/]+", v):
        raise ValueError(f"expected an http:// or https:// URL, got {v!r}")
    return v.rstrip("/") if v else v


def _env_name(v: Any) -> Any:
    v = _opt_str(v)
    if v is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
        raise ValueError(f"expected an environment variable name, got {v!r}")
    return v


def _path(v: Any) -> Any:
    if v is None or isinstance(v, Path):
        return v
    v = _opt_str(v)
    return Path(v).expanduser() if v else None


def _keymap(v: Any) -> Any:
    if not isinstance(v, dict):
        raise ValueError(f"expected a table of action = \"key\", got {_kind(v)}")
    out: dict[str, str] = {}
    for action, key in v.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"{action}: expected a key name such as \"ctrl+s\", got {_kind(key)}")
        out[str(action)] = key.strip()
    return out


def _table(v: Any) -> Any:
    if not isinstance(v, dict):
        raise ValueError(f"expected a table, got {_kind(v)}")
    return dict(v)


def _kind(v: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}.get(type(v), type(v).__name__)


CHECKS: dict[str, Check] = {
    "backend": _str(BACKENDS),
    "provider": _str(PROVIDERS),
    "model": lambda v: _opt_str(v) or "",
    "base_url": _url,
    "api_version": _opt_str,
    "api_key_env": _env_name,
    "api_key_command": _opt_str,
    "temperature": _number(0.0, 2.0),
    "max_tokens": _number(1, 1_000_000, integer=True),
    "jobs": _number(1, 256, integer=True),
    "price_prompt": _number(0.0, 1e6),
    "price_completion": _number(0.0, 1e6),
    "budget": _number(0.0, 1e9, optional=True),
    "repair_rounds": _number(0, 20, integer=True),
    "timeout": _number(0.1, 3600.0),
    "retries": _number(0, 20, integer=True),
    "retry_after_cap": _number(0.0, 3600.0),
    "stream": _bool,
    "no_cache": _bool,
    "prompts_dir": _path,
    "prompt_budget": _number(200, 1_000_000, integer=True),
    "price_cached_prompt": _number(0.0, 1e6, optional=True),
    "keys": _keymap,
    "check": _table,
    "layout": _table,
}


def _apply(cfg: Config, data: Mapping[str, Any], where: str, base_dir: Path | None, trusted: bool = True,
           ignored: list[str] | None = None) -> None:
    """Validate `data` and set it on cfg; `where` names the file or "command line" in messages.

    `trusted=False` (a repository file the user has not trusted): TRUST_KEYS and `[check] python`
    are left out and limits above the current value kept at it; each is named in `ignored`.
    """
    ignored = [] if ignored is None else ignored
    unknown: list[str] = []
    for raw_key, value in data.items():
        key = ALIASES.get(raw_key, raw_key)
        if value is None and where == "command line":
            continue
        if key in ("api_key", "key", "openai_api_key"):
            # never echo the value: it is probably a secret
            raise ConfigError(f"{where}: {raw_key} is not read from configuration: export {cfg.key_env} or set api_key_command in your user config")
        check = CHECKS.get(key)
        if check is None:
            close = difflib.get_close_matches(raw_key, list(CHECKS) + list(ALIASES), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            if where == "command line":  # a caller's mistake, not a file written for another version
                raise ConfigError(f"{where}: unknown setting {raw_key!r}{hint}")
            unknown.append(f"{raw_key!r}{hint}")
            continue
        try:
            value = check(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {raw_key}: {exc}") from None
        if not trusted and key in TRUST_KEYS:
            ignored.append(raw_key)
            continue
        if not trusted and key in LIMIT_KEYS and not _within(value, getattr(cfg, key)):
            ignored.append(f"{raw_key} above {getattr(cfg, key)}")
            continue
        if key == "prompts_dir" and value is not None and base_dir is not None and not value.is_absolute():
            value = (base_dir / value).resolve()
        if key == "check":
            unknown += [f"[check] {k!r}" for k in value if k not in CHECK_KEYS]
            if not trusted:
                value = _untrusted_check(value, cfg.check, ignored)
        if key in TABLES:
            merged = dict(getattr(cfg, key))
            merged.update(value)
            value = merged
        setattr(cfg, key, value)
        cfg.origins[key] = where
    if unknown:
        cfg.warnings.append(f"{where}: unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: ignored")


def _within(value: Any, current: Any) -> bool:
    """Whether a repository's limit is no higher than the one in force (None: no limit)."""
    if current is None or value is None:
        return current is None
    return value <= current


def _untrusted_check(table: dict[str, Any], current: dict[str, Any], ignored: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in table.items():
        if k in CHECK_TRUST:
            ignored.append(f"[check] {k}")
            continue
        if k in CHECK_LIMITS and isinstance(v, (int, float)) and not isinstance(v, bool):
            limit = current.get(k, CHECK_LIMITS[k])
            if isinstance(limit, (int, float)) and v > limit:
                ignored.append(f"[check] {k} above {limit:g}")
                continue
        out[k] = v
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def user_config_dir() -> Path:
    base = os.environ.get("GOTUI_CONFIG_DIR")
    return Path(base) if base else Path(platformdirs.user_config_dir("gotui"))


def user_config_path() -> Path:
    return user_config_dir() / USER_FILE


# -- trust -----------------------------------------------------------------------------------------


def trust_store_path() -> Path:
    return user_config_dir() / TRUST_FILE


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _trusted_hashes() -> dict[str, str]:
    store = trust_store_path()
    if not store.is_file():
        return {}
    data = _read_toml(store)
    table = data.get("trusted", {})
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


def is_trusted(path: Path) -> bool:
    """Whether the user trusted this file with exactly these bytes."""
    recorded = _trusted_hashes().get(str(Path(path).resolve()))
    try:
        return recorded is not None and recorded == file_sha256(path)
    except OSError:
        return False


def trust(path: Path) -> tuple[Path, str]:
    """Record `path` (a `.gotui.toml`) as trusted with its current sha256; returns (absolute path, sha256)."""
    path = Path(path).resolve()
    try:
        digest = file_sha256(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    hashes = _trusted_hashes()
    hashes[str(path)] = digest
    store = trust_store_path()
    store.parent.mkdir(parents=True, exist_ok=True)
    # JSON string escapes are valid TOML basic strings
    lines = ["# files whose settings gotui honours: absolute path = sha256 (written by `gotui trust`)", "[trusted]"]
    lines += [f"{json.dumps(p)} = {json.dumps(h)}" for p, h in sorted(hashes.items())]
    tmp = store.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, store)
    return path, digest


_announced: set[str] = set()


def announce(cfg: Config) -> None:
    """Print each of cfg's warnings on stderr, once per process."""
    for line in cfg.warnings:
        if line not in _announced:
            _announced.add(line)
            print(f"gotui: warning: {line}", file=sys.stderr)


def load_config(root: Path | None, overrides: Mapping[str, Any] | None = None, *, user_file: Path | None = None,
                quiet: bool = False) -> Config:
    """Defaults < user config < `<root>/.gotui.toml` < overrides (None values skipped).

    Raises ConfigError with a one-line message naming the file (or "command line") and the problem.
    Warnings (unknown keys, settings an untrusted repository file could not make) are in
    `cfg.warnings` and printed once per process on stderr unless `quiet`.
    """
    cfg = Config()
    user = user_file if user_file is not None else user_config_path()
    if user.is_file():
        _apply(cfg, _read_toml(user), str(user), user.parent)
        cfg.sources.append(user)
    if root is not None:
        repo = Path(root) / REPO_FILE
        if repo.is_file():
            ignored: list[str] = []
            _apply(cfg, _read_toml(repo), str(repo), Path(root), trusted=is_trusted(repo), ignored=ignored)
            cfg.sources.append(repo)
            if ignored:
                cfg.warnings.append(f"{repo}: not trusted, ignored {', '.join(ignored)}: review the file, then run `gotui trust {root}`")
        if cfg.prompts_dir is None and (Path(root) / REPO_PROMPTS_DIR).is_dir():
            cfg.prompts_dir = (Path(root) / REPO_PROMPTS_DIR).resolve()
            cfg.origins["prompts_dir"] = str(Path(root) / REPO_PROMPTS_DIR)
    if overrides:
        _apply(cfg, overrides, "command line", Path.cwd())
    if cfg.prompts_dir is not None and not cfg.prompts_dir.is_dir():
        raise ConfigError(f"{cfg.origins.get('prompts_dir', 'config')}: prompts_dir {str(cfg.prompts_dir)!r} is not a folder")
    if not quiet:
        announce(cfg)
    return cfg


# -- the API key -----------------------------------------------------------------------------------

_command_keys: dict[str, str] = {}
_command_lock = threading.Lock()


def _run_key_command(command: str, timeout: float = 30.0) -> str:
    with _command_lock:  # run it once per process, even with many workers asking at once
        if command in _command_keys:
            return _command_keys[command]
        try:
            proc = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConfigError(f"api_key_command timed out after {timeout:g} s") from None
        except OSError as exc:
            raise ConfigError(f"api_key_command could not run: {exc.strerror}") from None
        key = proc.stdout.strip().splitlines()[0].strip() if proc.stdout.strip() else ""
        if proc.returncode != 0 or not key:
            # stderr helps ("not in the password store"), stdout might be the secret: never shown
            first = proc.stderr.strip().splitlines()[0][:200] if proc.stderr.strip() else ""
            if key:
                first = first.replace(key, "***")
            why = f"exit {proc.returncode}" if proc.returncode != 0 else "printed nothing"
            raise ConfigError(f"api_key_command failed ({why})" + (f": {first}" if first else ""))
        _command_keys[command] = key
        return key


def resolve_api_key(cfg: Config, env: Mapping[str, str] | None = None) -> str | None:
    """The key from the environment variable, else from api_key_command, else None.

    It is returned to the caller only: never stored on the Config, written, or logged.
    """
    environ = os.environ if env is None else env
    value = (environ.get(cfg.key_env) or "").strip()
    if value:
        return value
    if cfg.api_key_command:
        return _run_key_command(cfg.api_key_command)
    return None


def forget_command_keys() -> None:
    """Drop keys remembered from api_key_command (tests; a long session after a key rotation)."""
    with _command_lock:
        _command_keys.clear()


def scrub(text: str, *secrets: str | None) -> str:
    """`text` with every secret, and anything shaped like an API key, replaced by ***."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    # providers echo keys partially masked ("sk-abc***wxyz"): drop those too
    return re.sub(r"\b(sk|sess|key)-[A-Za-z0-9_\-*]{8,}", "***", text)
