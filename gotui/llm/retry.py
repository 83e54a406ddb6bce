"""When and how long to wait before asking again: exponential backoff with jitter, honouring Retry-After.

The openai client runs with `max_retries=0`; this module is the only retry policy, so the waits are
ours, bounded, and testable (inject `sleep` and `rng`).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping

# sleep(seconds, cancel): must return early when `cancel` is set.
Sleep = Callable[[float, "threading.Event | None"], None]

# Status codes worth asking again: the request may well succeed later.
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})


def interruptible_sleep(seconds: float, cancel: threading.Event | None = None) -> None:
    if seconds <= 0:
        return
    if cancel is not None:
        cancel.wait(seconds)
    else:
        time.sleep(seconds)


def parse_retry_after(headers: Mapping[str, str] | None, now: float | None = None) -> float | None:
    """Seconds to wait from `retry-after-ms`, or `Retry-After` (seconds or an HTTP date); None if absent or bad."""
    if not headers:
        return None
    lower = {k.lower(): v for k, v in headers.items()}
    ms = lower.get("retry-after-ms")
    if ms is not None:
        try:
            value = float(ms) / 1000.0
            if value >= 0:
                return value
        except ValueError:
            pass
    raw = lower.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        value = float(raw)
        return value if value >= 0 else None
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


@dataclass
class RetryPolicy:
    retries: int = 4  # extra attempts after the first, for 429, 5xx, timeouts and broken connections
    base_delay: float = 0.5  # seconds before the first retry, doubled each time
    max_delay: float = 30.0  # backoff cap when the server gives no Retry-After
    retry_after_cap: float = 60.0  # a server asking for longer than this gets this
    sleep: Sleep = interruptible_sleep
    rng: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (0-based).

        With Retry-After, the server's value (capped) plus up to 10% jitter so parallel workers
        do not all come back in the same instant; without, "equal jitter" exponential backoff:
        between half and all of min(max_delay, base_delay * 2**attempt).
        """
        if retry_after is not None:
            wait = min(retry_after, self.retry_after_cap)
            return wait + wait * 0.1 * self.rng()
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt)))
        return ceiling / 2 + ceiling / 2 * self.rng()

    def wait(self, attempt: int, retry_after: float | None, cancel: threading.Event | None) -> float:
        seconds = self.delay(attempt, retry_after)
        self.sleep(seconds, cancel)
        return seconds
