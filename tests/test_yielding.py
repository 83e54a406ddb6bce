"""Long background computations wait in gotui.yielding's hook between steps; the main thread never does."""

from __future__ import annotations

import ast
import threading

from gotui import yielding
from gotui.evidence.infer import infer_package


def test_the_hook_runs_between_steps_of_a_package_evidence_off_the_main_thread_only() -> None:
    trees = {f"pkg/m{i}.py": ast.parse(f"def f{i}(x):\n    return x + {i}\n") for i in range(3)}
    calls: list[str] = []
    yielding.set_hook(lambda: calls.append(threading.current_thread().name))
    try:
        infer_package(trees)
        assert calls == [], "the main thread must never wait on its own keys"
        worker = threading.Thread(target=infer_package, args=(trees,), name="bg")
        worker.start()
        worker.join(10)
        assert calls and set(calls) == {"bg"} and len(calls) >= len(trees), calls
    finally:
        yielding.set_hook(None)


def test_a_blocking_hook_holds_the_background_work_until_it_returns() -> None:
    trees = {"pkg/m.py": ast.parse("def f(x):\n    return x\n")}
    entered, release = threading.Event(), threading.Event()

    def hook() -> None:
        entered.set()
        assert release.wait(10)

    done: list[dict] = []
    yielding.set_hook(hook)
    try:
        worker = threading.Thread(target=lambda: done.append(infer_package(trees)))
        worker.start()
        assert entered.wait(10)
        worker.join(0.2)
        assert worker.is_alive() and not done
        release.set()
        worker.join(10)
        assert done and done[0], done
    finally:
        yielding.set_hook(None)
