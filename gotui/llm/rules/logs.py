"""`logger.info("reserved %d of %s", n, sku)` as Go's log/slog: `slog.Info(fmt.Sprintf(...), "logger", name)`.

The level is kept (debug, info, warning, error; `exception` is an error without the traceback). The
message is Python's: `msg % args` when there are arguments (formatting.percent_format, with Python's
%-rules), `str(msg)` when there are none. slog's output format, handlers and levels are configured
once for the program; Python's logger hierarchy and per-logger levels have no counterpart, so the
logger's name travels as an attribute. What logging does beyond a message (keywords such as
`exc_info` or `extra`, `critical`, `log(level, ...)`, configuring loggers) is refused, with why.
"""

from __future__ import annotations

import ast

from gotui.llm.rules import goast as g
from gotui.llm.rules.context import E, Lowerer
from gotui.llm.rules.formatting import percent_format
from gotui.llm.rules.goast import Atom
from gotui.llm.rules.loggers import LEVELS
from gotui.llm.rules.todo import Unsupported
from gotui.llm.rules.types import NONE


def log_call(tr: Lowerer, node: ast.Call, logger: str, method: str) -> E:
    """The slog call for `<logger>.<method>(msg, *args)`."""
    level = LEVELS.get(method)
    if level is None:
        raise Unsupported(f"logging's `{method}()` (only debug, info, warning, error and exception become log/slog)")
    if node.keywords:
        raise Unsupported(f"logging with `{node.keywords[0].arg}=` (slog takes attributes, not logging's keywords)")
    if not node.args or any(isinstance(a, ast.Starred) for a in node.args):
        raise Unsupported("a log call without a plain message")
    msg, args = node.args[0], node.args[1:]
    if args:  # logging formats `msg % args` itself, args being the tuple of the rest
        if not (isinstance(msg, ast.Constant) and isinstance(msg.value, str)):
            raise Unsupported("a log message with arguments that is not a string literal")
        text = percent_format(tr, ast.copy_location(ast.BinOp(msg, ast.Mod(), ast.Tuple(list(args), ast.Load())), msg)).g
    else:
        text = tr.to_str(tr.expr(msg))  # no arguments: str(msg), a % in it kept as it is
    tr.use("slog")
    return E(g.call(f"slog.{level}", text, Atom('"logger"'), Atom(g.go_string(logger))), NONE)
