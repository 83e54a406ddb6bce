"""One clear line for every error a user can cause."""

from __future__ import annotations

import sqlite3


def describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, sqlite3.DatabaseError):
        return f"session database error: {text}"
    if isinstance(exc, PermissionError):
        return f"permission denied: {getattr(exc, 'filename', '') or text}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror}"
    known = ("CliError", "WorkspaceError", "SessionError", "BranchError", "ConfigError", "NoGoToolchain", "TranslationError",
             "LayoutError")
    if type(exc).__name__ in known:
        return text
    return f"internal error: {type(exc).__name__}: {text} (set GOTUI_DEBUG=1 for a traceback)"
