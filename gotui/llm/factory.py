"""Pick and build the translator from the configuration."""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING

from gotui.config import KEYLESS_PROVIDERS, Config, ConfigError, resolve_api_key, scrub
from gotui.llm.base import Translator
from gotui.llm.cache import AnswerCache
from gotui.llm.prompt import PromptSet
from gotui.llm.retry import Sleep

if TYPE_CHECKING:
    from gotui.llm.openai_backend import CompileErrors

# Each backend is imported when it is chosen. The openai package and pydantic take about half a
# second of the interpreter to import; the review screen builds its translator in a thread while keys
# come, and a run of the offline translator should not pay for a client it never uses.


def choose_backend(config: Config, backend: str | None = None) -> str:
    """`openai` or `rules`: explicit choice first, else openai when a key is available (or the
    provider is a local server that needs none), else the offline translator."""
    choice = (backend or config.backend or "auto").lower()
    if choice in ("openai", "rules"):
        return choice
    if choice != "auto":
        raise ConfigError(f"unknown backend {choice!r}: use openai or rules")
    if config.provider in KEYLESS_PROVIDERS or config.origins.get("base_url") and _is_local(config.base_url):
        return "openai"
    try:
        key = resolve_api_key(config)
    except ConfigError:
        return "rules"  # auto: a failing key command just means "no key"; explicit openai reports it
    return "openai" if key else "rules"


def _is_local(url: str | None) -> bool:
    return bool(url) and any(h in url for h in ("://127.0.0.1", "://localhost", "://[::1]"))


def make_translator(
    config: Config,
    backend: str | None = None,
    *,
    compile_errors: CompileErrors | None = None,
    cache: AnswerCache | None = None,
    cancel: threading.Event | None = None,
    sleep: Sleep | None = None,
) -> Translator:
    """The translator the configuration asks for. Raises ConfigError when it cannot be built.

    `cache`: None opens the default answer cache (GOTUI_CACHE_DIR or the user cache dir); if that
    cannot be opened the translator runs without one.
    """
    choice = choose_backend(config, backend)
    if choice == "rules":
        from gotui.llm.rules import RulesTranslator

        return RulesTranslator()
    key = resolve_api_key(config)
    if not key and config.provider not in KEYLESS_PROVIDERS and not _is_local(config.effective_base_url):
        raise ConfigError(f"{config.key_env} is not set: export it, or use the offline translator with --backend rules")
    model = config.effective_model
    if not model:
        what = "the deployment name" if config.provider == "azure" else "the model name the server serves"
        raise ConfigError(f"model is not set for provider {config.provider}: set model (or --model) to {what}")
    if config.provider == "azure" and not config.base_url:
        raise ConfigError("provider azure needs base_url: your resource's endpoint, https://<resource>.openai.azure.com")
    from gotui.llm.openai_backend import OpenAITranslator

    prompts = PromptSet.load(config.prompts_dir)
    if cache is None:
        try:
            cache = AnswerCache()
        except (OSError, sqlite3.Error):
            cache = None  # an unwritable cache dir costs re-asking, not the run
    try:
        return OpenAITranslator(
            model=model,
            api_key=key,
            base_url=config.effective_base_url,
            provider=config.provider,
            api_version=config.api_version,
            key_env=config.key_env,
            temperature=config.temperature,
            max_tokens=config.max_tokens,
            timeout=config.timeout,
            retries=config.retries,
            retry_after_cap=config.retry_after_cap,
            repair_rounds=config.repair_rounds,
            price_prompt=config.price_prompt,
            price_completion=config.price_completion,
            stream=config.stream,
            compile_errors=compile_errors,
            cache=cache,
            no_cache=config.no_cache,
            prompts=prompts,
            cancel=cancel,
            sleep=sleep,
        )
    except (ValueError, TypeError) as exc:  # the client rejects a setting
        raise ConfigError(scrub(f"cannot set up the {config.provider} client: {exc}", key)) from None
