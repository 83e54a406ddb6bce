"""The model path at the scale of a package, against the scripted server (127.0.0.1 only; no model needed).

    .venv/bin/python benchmarks/bench_model_path.py [--libs shop,roman,...] [--cache-min 1024]

For examples/shop and each real library in benchmarks/reallibs (copied with `libs.make_repo`), a
first whole-package `convert` with a scripted model (tests/fake_openai.PackageModel) that answers
plan requests with signatures and body requests with Go that uses exactly the signatures its prompt
shows. Reported per target:

- sig: share of body prompts in which every unit it uses has its signature (goal: all);
- build: whether the Go that came back compiles as one package per folder (names consistent);
- tokens per unit (prompt, completion) and the share of prompt tokens served from the prompt cache
  (the server caches prefixes of at least --cache-min tokens, in steps of 128, as OpenAI does);
- cost per unit and per run, streaming without prompt caching, streaming with it, and batch
  (half price), at gpt-4o-mini's list prices per 1k tokens (0.00015 prompt, 0.000075 cached,
  0.0006 completion).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the scripted server lives with the tests
sys.path.insert(0, str(ROOT / "benchmarks" / "reallibs"))

from fake_openai import FakeOpenAI, PackageModel  # noqa: E402
from libs import LIBS, make_repo  # noqa: E402

from gotui.cli import _write_out  # noqa: E402
from gotui.golang.toolchain import find_toolchain  # noqa: E402
from gotui.session.project import Project  # noqa: E402

PRICES = {"price_prompt": 0.00015, "price_cached_prompt": 0.000075, "price_completion": 0.0006}
NEVER = 10**9  # a cache minimum no prompt reaches: prompt caching off


def shop_repo(dest: Path) -> Path:
    shutil.copytree(ROOT / "examples" / "shop", dest / "shop")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "shop"]):
        subprocess.run(["git", *args], cwd=dest, check=True)
    return dest


def signature_share(project: Project, server: FakeOpenAI) -> tuple[int, int]:
    """(body prompts where every used unit's signature is shown, body prompts)."""
    from gotui.llm.callgraph import build_callgraph
    from gotui.parse.units import python_qualname

    graph = build_callgraph(project.scan.modules)
    by_qual_path = {(u.path, u.qualname): u.id for u in graph.units.values()}
    complete = total = 0
    for r in server.requests:
        if not r.body or "messages" not in r.body:
            continue
        user = r.messages[-1]["content"]
        head = user.split("\n", 1)[0]
        if not head.startswith("Translate the Python"):
            continue
        qual = head.split("`")[1]
        path = head.split("`")[3]
        uid = by_qual_path.get((path, qual))
        if uid is None:
            continue
        total += 1
        start = user.find("## Go signatures already decided")
        section = user[start:user.find("```\n", user.find("```go", start) + 5)] if start >= 0 else ""
        ok = True
        for v in graph.uses.get(uid, ()):
            o = graph.units[v]
            label = python_qualname(o.qualname) if o.path == path else f"{o.path}::{python_qualname(o.qualname)}"
            entry = section.find(f"// {label}\n")
            if entry < 0 or section.startswith("not decided", entry + len(label) + 4) or f"// {label}: its types are not decided" in section:
                ok = False
        complete += ok
    return complete, total


def run_target(name: str, repo: Path, package: str, mode: str, cache_min: int) -> dict:
    cache = Path(tempfile.mkdtemp(prefix="gotui-bench-cache-"))
    os.environ["GOTUI_CACHE_DIR"] = str(cache)
    model = PackageModel()
    with FakeOpenAI(model) as server:
        server.cache_min_tokens = NEVER if mode == "stream" else cache_min
        server.batch_states = ["completed"]
        overrides = {"backend": "openai", "base_url": server.base_url, "repair_rounds": 0, "jobs": 4, **PRICES}
        project = Project(repo / package, overrides)
        translator = project.translator()
        translator.compile_errors = None  # type: ignore[attr-defined]  # the whole package is built at the end
        ids = [u.id for u in project.units()]
        started = time.perf_counter()
        if mode == "batch":
            project.convert_batch(ids, translator, wait=10)
        else:
            project.convert(ids, translator)
        seconds = time.perf_counter() - started
        complete, total = signature_share(project, server)
        usage = project.model_status()["usage"]
    out = repo.parent / f"{repo.name}-{mode}-out"
    _write_out(project, out, ids)
    toolchain = find_toolchain()
    build = "no go"
    if toolchain is not None:
        r = toolchain.run(["build", "./..."], cwd=out)
        build = "ok" if r.returncode == 0 else "FAILED: " + (r.stderr.strip().splitlines() or ["?"])[-1][:140]
    prompt = sum(u["prompt_tokens"] for u in usage.values())
    cached = sum(u["cached_tokens"] for u in usage.values())
    completion = sum(u["completion_tokens"] for u in usage.values())
    cost = sum(u["cost"] for u in usage.values())
    shutil.rmtree(cache, ignore_errors=True)
    return {"units": len(ids), "sig": (complete, total), "build": build, "prompt": prompt, "cached": cached,
            "completion": completion, "cost": cost, "seconds": seconds, "plans": len(model.plans)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--libs", default="shop," + ",".join(lib.name for lib in LIBS))
    ap.add_argument("--cache-min", type=int, default=1024, help="smallest cached prefix in tokens (OpenAI: 1024)")
    ap.add_argument("--keep", action="store_true", help="keep the repositories and the Go written, to read a failure")
    args = ap.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "sk-bench")
    os.environ["GOTUI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="gotui-bench-config-")
    by_name = {lib.name: lib for lib in LIBS}
    print(f"{'target':<15} {'units':>5} {'plan req':>8} {'sig':>9} {'build':<6} {'tok/unit':>13} {'cached':>7} "
          f"{'$/unit stream':>13} {'cached':>9} {'batch':>9} {'$/run stream':>12} {'cached':>9} {'batch':>9}")
    for name in args.libs.split(","):
        rows = {}
        for mode in ("stream", "cached", "batch"):
            tmp = Path(tempfile.mkdtemp(prefix="gotui-bench-"))
            if name == "shop":
                repo, package = shop_repo(tmp / "repo"), "shop"
            else:
                lib = by_name[name]
                repo, package = make_repo(lib, tmp / "repo"), lib.package
            rows[mode] = run_target(name, repo, package, mode, args.cache_min)
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                print(f"    kept {tmp}")
        c = rows["cached"]
        n = max(1, c["units"])
        share = f"{c['sig'][0]}/{c['sig'][1]}"
        build = c["build"] if c["build"] == rows["batch"]["build"] else f"{c['build']} / batch {rows['batch']['build']}"
        print(f"{name:<15} {c['units']:>5} {c['plans']:>8} {share:>9} {build[:6]:<6} "
              f"{c['prompt'] // n:>6}+{c['completion'] // n:<6} {c['cached'] / max(1, c['prompt']):>6.0%} "
              f"{rows['stream']['cost'] / n:>13.6f} {c['cost'] / n:>9.6f} {rows['batch']['cost'] / n:>9.6f} "
              f"{rows['stream']['cost']:>12.5f} {c['cost']:>9.5f} {rows['batch']['cost']:>9.5f}")
        if not build.startswith("ok"):
            print(f"    build: {build}")


if __name__ == "__main__":
    main()
