"""Fixtures for tests that talk to the scripted OpenAI-compatible server.

Use them from a test module with `from conftest_openai import fake_openai, llm_env  # noqa: F401`,
or make them global by importing them in tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from fake_openai import FakeOpenAI

KEY_VARS = ("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A started server on 127.0.0.1 (random port); `.base_url` is its /v1 URL."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def llm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No key in the environment, the answer cache and the user config in tmp dirs. Returns tmp_path."""
    for var in KEY_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "cache").mkdir()
    (tmp_path / "config").mkdir()
    monkeypatch.setenv("GOTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GOTUI_CONFIG_DIR", str(tmp_path / "config"))
    from gotui.config import forget_command_keys

    forget_command_keys()
    return tmp_path


def no_sleep(seconds: float, cancel: object = None) -> None:
    """A RetryPolicy sleep that does not wait."""


class SleepLog:
    """A RetryPolicy sleep that records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float, cancel: object = None) -> None:
        self.waits.append(seconds)
