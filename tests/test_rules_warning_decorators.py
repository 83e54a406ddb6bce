"""A package decorator whose wrapper only warns and then calls the function (semver's `@deprecated`) is
seen through (gotui/parse/decorators.py): the Go is the function's own, with Go's `Deprecated:`
paragraph, and check compares it through the decorator. Any other wrapper stays a TODO."""

from __future__ import annotations

import ast
import textwrap

from test_rules_support import assert_pass, check_package, converted_package, replace_go, translate_module

from gotui.parse.decorators import warning_wrapper

DEPRECATED = textwrap.dedent('''
    import warnings
    from functools import partial, wraps


    def deprecated(func=None, *, replace=None, version=None, category=DeprecationWarning):
        """Warn on each call."""
        if func is None:
            return partial(deprecated, replace=replace, version=version, category=category)

        @wraps(func)
        def wrapper(*args, **kwargs):
            msg_list = ["Function '{f}' is deprecated."]
            if version:
                msg_list.append("Deprecated since version {v}.")
            f = func.__qualname__
            r = replace or f
            msg = " ".join(msg_list)
            warnings.warn(msg.format(f=f, r=r, v=version), category=category, stacklevel=2)
            return func(*args, **kwargs)

        return wrapper
''')

USES = textwrap.dedent('''
    from ._deprecated import deprecated


    @deprecated(version="2.10.0")
    def bump(n: int) -> int:
        return n + 1


    @deprecated
    def halve(n: int) -> int:
        return n // 2


    def twice_bumped(n: int) -> int:
        return bump(bump(n))
''')


def _wrapper(body: str, called: bool = False) -> str | None:
    fn = ast.parse(textwrap.dedent(body)).body[0]
    assert isinstance(fn, ast.FunctionDef)
    return warning_wrapper(fn, called)


def test_a_warning_wrapper_is_recognised_bare_called_and_as_a_factory():
    fn = ast.parse(DEPRECATED).body[-1]
    assert isinstance(fn, ast.FunctionDef)
    assert "warnings.warn(" in (warning_wrapper(fn, called=True) or "")
    assert warning_wrapper(fn, called=False) is not None
    factory = '''
        def renamed(new):
            def deco(func):
                @wraps(func)
                def wrapper(*args, **kwargs):
                    warnings.warn(f"use {new}", FutureWarning)
                    return func(*args, **kwargs)
                return wrapper
            return deco
    '''
    assert _wrapper(factory, called=True) is not None
    assert _wrapper(factory, called=False) is None  # applied bare, `renamed` would wrap `new`


def test_a_wrapper_that_may_change_the_result_is_not_seen_through():
    cases = {
        "prints": "print('called')",
        "reads the arguments": "warnings.warn(str(args))",
        "raises": "warnings.warn('x')\n    raise ValueError('no')",
        "changes state": "warnings.warn('x')\n    CALLS.append(1)",
        "writes an attribute": "warnings.warn('x')\n    func.calls = 1",
        "changes the filters": "warnings.simplefilter('error')\n    warnings.warn('x')",
        "never warns": "msg = 'x'",
    }
    for why, prefix in cases.items():
        src = f"def deco(func):\n  @wraps(func)\n  def wrapper(*args, **kwargs):\n    {prefix}\n    return func(*args, **kwargs)\n  return wrapper\n"
        assert _wrapper(src) is None, why
    # the wrapper must forward exactly the arguments it got
    other = "def deco(func):\n  def wrapper(*args, **kwargs):\n    warnings.warn('x')\n    return func(*args)\n  return wrapper\n"
    assert _wrapper(other) is None


def test_the_translator_keeps_the_function_and_marks_it_deprecated():
    _, _, out = translate_module("pkg/m.py", DEPRECATED + USES.replace("from ._deprecated import deprecated", ""))
    t = out["bump"]
    assert t.status == "converted", t.go
    assert "\n//\n// Deprecated: @deprecated(version='2.10.0') in the Python version.\nfunc Bump(n int) int {" in t.go, t.go
    assert "only warns (warnings.warn)" in t.go
    assert out["halve"].status == "converted" and "// Deprecated: @deprecated in the Python version." in out["halve"].go
    assert out["twice_bumped"].status == "converted", out["twice_bumped"].go  # a caller calls it as usual


def test_an_unknown_decorator_still_leaves_a_todo():
    src = textwrap.dedent('''
        from functools import wraps


        def counting(func):
            @wraps(func)
            def wrapper(*args, **kwargs):
                print("called")
                return func(*args, **kwargs)
            return wrapper


        @counting
        def bump(n: int) -> int:
            return n + 1
    ''')
    _, _, out = translate_module("pkg/m.py", src)
    assert out["bump"].status == "partial"
    assert "TODO(gotui): decorator @counting is not applied" in out["bump"].go
    assert "Deprecated" not in out["bump"].go


def test_check_compares_through_a_sibling_modules_warning_decorator(tmp_path):
    repo = converted_package(tmp_path, "ver", USES, siblings={"_deprecated.py": DEPRECATED})
    results = check_package(repo, "ver")
    assert_pass(results, "ver", ("bump", "halve", "twice_bumped"))
    # a wrong edit is still caught through the decorator
    replace_go(repo, "ver/__init__.py::bump", "n + 1", "n + 2")
    assert check_package(repo, "ver")["ver/__init__.py::bump"]["status"] == "diverged"
