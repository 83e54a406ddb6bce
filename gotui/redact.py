"""Take secrets out of text before it is stored or shared: API keys, tokens, passwords, and masks of them.

No gotui imports and no Textual: the session, the sandbox and the configuration can all use it.
A secret is a value we know (the configured API key, secret-looking environment variables) or a
string that looks like a key (`sk-...`). A mask such as `sk-au...9999` or `sk-proj-****abcd`, as
error messages print them, is redacted too: it still tells a reader the key's ends.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

REDACTED = "[redacted]"
# environment variable names whose values are secrets
SECRET_NAMES = ("KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL")
MIN_SECRET = 8  # shorter values ("1", "true") would scrub ordinary words
MIN_END = 3  # visible characters of a mask that must match a known secret's start or end

# keys in the shape providers print them: sk-..., sk-proj-..., with or without a mask in the middle
_KEY_SHAPE = re.compile(r"\bsk-[A-Za-z0-9_\-]*(?:(?:\*{2,}|\.{3}|\u2026)[A-Za-z0-9_\-]*|[A-Za-z0-9_\-]{8,})")
# a masked token: visible start, a run of * or an ellipsis, visible end
_MASK = re.compile(r"([A-Za-z0-9_\-]*)(\*{2,}|\.{3}|\u2026)([A-Za-z0-9_\-]*)")
_SECRET_VALUE = re.compile(r"^sk-[A-Za-z0-9_\-]{8,}$")


def secrets_from_env(env: Mapping[str, str]) -> list[str]:
    """Values of variables named like secrets (…KEY, …TOKEN, …SECRET, …PASSWORD) or shaped like a key."""
    found = []
    for name, value in env.items():
        value = value.strip()
        if len(value) < MIN_SECRET:
            continue
        if any(part in name.upper() for part in SECRET_NAMES) or _SECRET_VALUE.match(value):
            found.append(value)
    return sorted(set(found), key=len, reverse=True)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret, every key-shaped string and every mask of a secret replaced."""
    if not text:
        return text
    known = sorted({s for s in secrets if s and len(s) >= MIN_SECRET}, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _KEY_SHAPE.sub(REDACTED, text)
    if known and ("*" in text or "." in text or "\u2026" in text):
        def mask(m: re.Match[str]) -> str:
            head, tail = m.group(1), m.group(3)
            for secret in known:
                if (len(head) >= MIN_END and secret.startswith(head)) or (len(tail) >= MIN_END and secret.endswith(tail)):
                    return REDACTED
            return m.group(0)

        text = _MASK.sub(mask, text)
    return text
