"""Module values Go's int cannot hold become TODOs at translation, and a package that panics while it
loads names the panic and its line instead of "the test binary exited"."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from gotui.llm.rules.static_value import int64_overflow, static_text
from gotui.verify.gotest import init_panic, parse_test_json
from gotui.vcs.publish import module_preamble_for
from test_rules_support import module_repo, translate_module


@pytest.mark.parametrize(("source", "overflow"), [
    ("[10**x for x in (3, 6, 9, 100)]", "100000… (101 digits)"),  # humanize's `powers`
    ("2**63", "9223372036854775808"),
    ("1 << 70", "1180591620717411303424"),
    ("10**10**10", "a value of more than 4,096 bits"),
    ("[10**x for x in (3, 6)]", None),
    ("-2**63", None),
    ("(1, 2, 'a')", None),
    ("[x * 2 for x in (1, 2) if x > 1]", None),
    ("f(3)", None),  # not plain arithmetic: not judged here
    ("2**-1", None),
])
def test_int64_overflow_is_found_statically(source: str, overflow: str | None) -> None:
    assert int64_overflow(ast.parse(source, mode="eval").body) == overflow


def test_a_module_value_past_int64_is_a_todo_and_the_rest_of_the_module_stays(tmp_path: Path) -> None:
    root = module_repo(tmp_path, "num/num.py", "POWERS = [10**x for x in (3, 6, 100)]\nSMALL = [10**x for x in (3, 6)]\n\n\n"
                                                "def first() -> int:\n    return SMALL[0]\n")
    pre = module_preamble_for(root)("num/num.py")
    assert "// TODO(gotui): module constant POWERS: its value holds 100000… (101 digits), which a Go int (int64) cannot hold" in pre
    assert "var Small" in pre and "Powers" not in pre.replace("POWERS", "")


def test_a_panic_while_the_package_loads_is_named_with_its_line() -> None:
    pkg = "repo/num"
    events = [{"Action": "start", "Package": pkg}]
    for line in ["panic: gotui: the result does not fit in a Go int\n", "\n", "goroutine 1 [running]:\n",
                 "repo/num.pyPowInt(0x6b94a8?, 0x4?)\n", "\t/tmp/x/num/gotui_helpers.go:17 +0x199\n",
                 "repo/num.init.func1(...)\n", "\t/tmp/x/num/number.go:19\n", "repo/num.init()\n",
                 "\t/tmp/x/num/number.go:22 +0x6fc\n", "FAIL\trepo/num\t0.005s\n"]:
        events.append({"Action": "output", "Package": pkg, "Output": line})
    events.append({"Action": "fail", "Package": pkg})
    run = parse_test_json("\n".join(json.dumps(e) for e in events))
    assert init_panic(run, pkg) == "panic: gotui: the result does not fit in a Go int (at number.go:19)"
    assert init_panic(run, "repo/other") is None


def _text(source: str, constants: str = "") -> str | None:
    """static_text of the last line of `source`, in a module that holds `constants` too."""
    tr, m, _ = translate_module("pats.py", "import re\n" + constants + "\n")
    pkg = tr.package_for(m)
    return static_text(pkg, pkg.modules["pats"], ast.parse(source, mode="eval").body)


@pytest.mark.parametrize(("source", "text"), [
    ('WORD + "!"', "[a-z]+!"),
    ('f"({WORD})-{N:02d}"', "([a-z]+)-03"),
    ('"|".join([WORD, "x"])', "[a-z]+|x"),
    ('"%s=%d" % (WORD, N)', "[a-z]+=3"),
    ('T.format(w=WORD, opt="?")', "^[a-z]+?$"),
    ('P.pattern + "$"', "[0-9]+$"),
    ('"{0.upper}".format(WORD)', None),  # a field that reads an attribute: what it reads is not looked at
    ('"{w[0]}".format(w=WORD)', None),
    ("G", None),  # rebound at run time through `global`
    ("Q.pattern", None),  # a pattern constant rebound the same way
    ("WORD + name", None),  # a name that is no constant
    ("WORD * 2", None),
    ('f"{WORD!a}"', None),  # ascii() is not folded
    ('f"{WORD!r}"', "'[a-z]+'"),
])
def test_strings_put_together_from_constants_are_folded(source: str, text: str | None) -> None:
    constants = ('WORD = r"[a-z]+"\nN = 3\nT = "^{w}{opt}$"\nP = re.compile(r"[0-9]+")\nG = "a"\n'
                 'Q = re.compile("q")\ndef rebind():\n    global G, Q\n    G = "b"\n')
    assert _text(source, constants) == text
