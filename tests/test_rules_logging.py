"""Log calls on a module logger (`logger = logging.getLogger(__name__)`) or on `logging` itself become
log/slog (gotui/llm/rules/logs.py): the level and Python's message kept, the logger's name an
attribute. A service's functions no longer keep a TODO for every log line."""

from __future__ import annotations

import textwrap

from test_rules_support import assert_pass, build_and_vet, check_package, converted_package, translate_module

LOG = textwrap.dedent('''
    import logging

    logger = logging.getLogger(__name__)
    audit = logging.getLogger("shop.audit")
''')

SOURCE = LOG + textwrap.dedent('''

    def reserve(stock: dict[str, int], sku: str, n: int) -> bool:
        have = stock.get(sku, 0)
        if have < n:
            logger.warning("not enough %s: have %d, want %d", sku, have, n)
            return False
        stock[sku] = have - n
        logger.info(f"reserved {n} of {sku}")
        audit.debug("100% done")
        logging.error("root %s", sku)
        return True
''')


def test_log_calls_become_slog(tmp_path):
    tr, m, out = translate_module("shop/orders.py", SOURCE)
    t = out["reserve"]
    assert t.status == "converted", t.go
    assert 'slog.Warn(fmt.Sprintf("not enough %s: have %d, want %d", sku, have, n), "logger", "shop.orders")' in t.go
    assert 'slog.Debug("100% done", "logger", "shop.audit")' in t.go  # no arguments: the % stays as it is
    assert 'slog.Error(fmt.Sprintf("root %s", sku), "logger", "root")' in t.go
    assert "// gotui: logging is log/slog here" in t.go
    assert "logger" not in tr.preamble(m).replace("// TODO", "")  # a logger is no Go value
    build_and_vet(tmp_path, tr, [m], [t.go for t in out.values()])


def test_what_slog_does_not_do_is_refused():
    _, _, out = translate_module("m.py", LOG + textwrap.dedent('''

        def failed(sku: str) -> None:
            logger.exception("failed %s", sku, exc_info=True)


        def fatal(sku: str) -> None:
            logger.critical("down %s", sku)


        def handed(sku: str) -> str:
            keep(logger)
            return sku


        def keep(x: int) -> None:
            pass
    '''))
    assert out["failed"].status == "partial" and "exc_info=" in out["failed"].error
    assert out["fatal"].status == "partial" and "critical()" in out["fatal"].error
    assert out["handed"].status == "partial" and "a logging.Logger" in out["handed"].error


def test_check_compares_functions_that_log(tmp_path):
    repo = converted_package(tmp_path, "shop", SOURCE)
    assert_pass(check_package(repo, "shop"), "shop", ("reserve",))
