"""A hook that long background computations call between their steps, so a person's keys come first.

The review screen sets it (`set_hook`) to block while keys come; nothing else does, so the CLI and
the tests run straight through. Only threads other than the main one ever wait in it: the screen's
own thread must never block on its own keys. On two cores, a second thread running Python beside
the screen's doubles the time of every key, and one step of some computations (a package's type
evidence, the offline translator's analysis of a folder) lasts a second or more.
"""

from __future__ import annotations

import threading
from typing import Callable

_hook: Callable[[], None] | None = None


def set_hook(hook: Callable[[], None] | None) -> None:
    global _hook
    _hook = hook


def between_steps() -> None:
    """Called between steps of background work; may block (see the module's docstring)."""
    hook = _hook
    if hook is not None and threading.current_thread() is not threading.main_thread():
        hook()
