"""The gotui command line (see docs/cli.md and the CLI contract)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

from gotui import __version__

EXIT_ERROR = 1


class CliError(Exception):
    """A one-line message for stderr and a non-zero exit."""


def _emit(args: argparse.Namespace, data: Any, human: Callable[[], None]) -> None:
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        human()


FIRST_PAGE_UNITS = 50  # units the review screen shows before the rest of a large tree is scanned: more than a
# 160x48 list holds; each file more before the first screen is a parse a person waits for


def _project(args: argparse.Namespace, read_only: bool = False, first_units: int | None = None, **overrides: Any):
    from gotui.session.project import Project

    return Project(args.path, overrides={k: v for k, v in overrides.items() if v is not None}, read_only=read_only,
                   first_units=first_units)


def _stream_json(items: Iterable[dict]) -> None:
    """One JSON list on stdout, written item by item as they come (the C encoder per item: fast, flat)."""
    out = sys.stdout
    out.write("[")
    sep = "\n"
    for item in items:
        out.write(sep)
        out.write(json.dumps(item, ensure_ascii=False))
        sep = ",\n"
    out.write("\n]\n")


# Flags that override the configuration (docs/configuration.md), by Config field name.
LLM_FLAGS = ("backend", "provider", "model", "base_url", "temperature", "max_tokens", "jobs", "price_prompt",
             "price_completion", "budget", "repair_rounds", "timeout", "retries", "api_key_command", "prompts_dir")


def _llm_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides = {name: getattr(args, name, None) for name in LLM_FLAGS}
    if getattr(args, "no_cache", False):
        overrides["no_cache"] = True
    if getattr(args, "no_stream", False):
        overrides["stream"] = False
    return overrides


# ---- commands ------------------------------------------------------------------------------------


def cmd_scan(args: argparse.Namespace) -> int:
    project = _project(args, read_only=True)
    units = project.units()

    for m in project.scan.problems:
        print(f"{m.path}: {m.skipped or m.error}", file=sys.stderr)

    def human() -> None:
        for u in units:
            print(f"{u.path}:{u.line}\t{u.kind:<8}\t{u.qualname}")
        print(f"{len(units)} units in {len(project.scan.modules)} files", file=sys.stderr)

    _emit(args, [u.to_json() for u in units], human)
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    from gotui.parse.notes_run import tree_notes
    from gotui.session.workspace import Workspace

    workspace = Workspace.open(args.path)  # read-only: no session, nothing under .gotui/ is written
    count = 0

    def each() -> Iterable:
        nonlocal count
        for notes in tree_notes(workspace.root, workspace.target):  # file by file: output starts at once
            count += len(notes)
            yield from notes

    if args.json:
        _stream_json(n.to_json() for n in each())
    else:
        for n in each():
            print(f"{n.path}:{n.line}: {n.severity}: [{n.rule}] {n.message}\n    go: {n.go_hint}")
        print(f"{count} notes", file=sys.stderr)
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    project = _project(args, **_llm_overrides(args))
    translator = project.translator()
    from gotui.session.store import REVIEWED
    from gotui.verify.buildable import demote_unbuildable

    reviewed = {r.id for r in project.session.units() if r.state in REVIEWED}
    ids = [u.id for u in project.units() if args.redo or u.id not in reviewed]
    left = len(project.units()) - len(ids)
    if left and not args.json and not args.quiet:
        print(f"{left} units already decided (accepted, edited or rejected): left as they are (--redo translates them too)",
              file=sys.stderr)
    done = [0]
    if args.batch:
        return _convert_batch(args, project, translator, ids)

    def progress(req, t) -> None:
        done[0] += 1
        if not args.json and not args.quiet:
            reason = f": {t.error}" if t.error else ""
            print(f"[{done[0]}/{len(ids)}] {t.status:<9} {req.unit.id}{reason}", file=sys.stderr)

    results = project.convert(ids, translator, on_result=progress)
    totals = getattr(results, "totals", None)
    out = [{"id": uid, "name": project.unit(uid).qualname, "status": t.status, "backend": t.backend, "model": t.model, "error": t.error}
           for uid, t in zip(ids, results)]
    # `converted` means Go that builds with its package: the others become partial, with the compiler's reason
    demoted = demote_unbuildable(project, [r["id"] for r in out if r["status"] == "converted"])
    for r in out:
        if r["id"] in demoted:
            r["status"], r["error"] = "partial", demoted[r["id"]]
    written: dict[str, str] = {}
    if args.out:
        written = _write_out(project, Path(args.out), ids)

    def human() -> None:
        counts: dict[str, int] = {}
        for r in out:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + f" ({translator.name}{' ' + translator.model if translator.model else ''})")
        if demoted:
            print(f"{len(demoted)} translated without a TODO but do not build with their package: now partial "
                  "(gotui check or the review's notes show each error)")
        if totals is not None and (totals.prompt_tokens or totals.completion_tokens):
            print(f"tokens: {totals.prompt_tokens} prompt, {totals.completion_tokens} completion; est. cost ${totals.cost:.4f}")
        if written:
            print(f"wrote {len(written)} files to {args.out}")

    _emit(args, out, human)
    return 0


def _convert_batch(args: argparse.Namespace, project, translator, ids: list[str]) -> int:
    """`convert --batch`: submit the units that need Go to the Batch API, or collect a batch submitted before."""
    from gotui.llm.batch import BatchError

    if not project.planned(translator):
        raise CliError("--batch needs the openai backend (a model endpoint with the Batch API)")
    try:
        report = project.convert_batch(ids, translator, wait=args.batch_wait)
    except BatchError as exc:
        raise CliError(str(exc)) from None
    if args.out and report.get("collected"):
        _write_out(project, Path(args.out), ids)

    def human() -> None:
        if report["batch"] is None:
            print("every unit has Go already: no batch to submit (--redo for a new one)")
            return
        if report.get("submitted"):
            print(f"submitted batch {report['batch']} with {report['submitted']} units")
        if report.get("collected") or report.get("failed"):
            print(f"batch {report['batch']} {report['status']}: {report['collected']} collected, {len(report['failed'])} failed"
                  + (" (translated again on the next run)" if report["failed"] else ""))
            for uid in report["failed"]:
                print(f"  failed {uid}", file=sys.stderr)
        elif report["status"] not in ("completed", "expired", "failed", "cancelled"):
            print(f"batch {report['batch']} is {report['status']}: run gotui convert --batch again to collect it")

    _emit(args, report, human)
    return 0


def _write_out(project, out: Path, ids: list[str]) -> dict[str, str]:
    """Every unit with Go, laid out as on the branch but rooted at `out` (go.mod kept when there is one)."""
    from gotui.golang.assemble import GoUnit, Layout, PythonFiles, assemble_module, go_mod, module_from_go_mod, module_path_for
    from gotui.golang.toolchain import find_toolchain

    layout = Layout.from_config(project.config.layout)
    layout = Layout(out="", module=layout.module, strip=layout.strip)  # --out replaces the configured root
    existing = (out / "go.mod").read_text(encoding="utf-8") if (out / "go.mod").exists() else None
    module = module_from_go_mod(existing) or layout.module or module_path_for(project.root.name)
    records = [r for r in (project.session.get(i) for i in ids) if r is not None and r.go.strip()]
    files = assemble_module([GoUnit(r.id, r.path, r.line, r.go) for r in records], layout, module,
                            python=PythonFiles(project.root), preamble=project.module_preamble(),
                            toolchain=find_toolchain()).files
    if existing is None:
        files["go.mod"] = go_mod(module)
    base = out.resolve()
    for rel, text in files.items():
        dest = out / rel
        if not dest.resolve().is_relative_to(base):  # never write outside --out, whatever a path says
            raise CliError(f"{rel}: would be written outside {out}; nothing more was written")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return files


def cmd_accept(args: argparse.Namespace) -> int:
    from gotui.session.store import CONVERTED, STALE
    from gotui.verify.gates import accept_blocker

    project = _project(args)
    session = project.session
    if args.all:
        targets = [r.id for r in session.units() if r.state == CONVERTED]
    elif args.ids:
        targets = list(args.ids)
    else:
        raise CliError("say which units: gotui accept --all, or gotui accept ID...")
    changed, skipped = [], []
    for uid in targets:
        rec = session.require(uid)
        if rec.state not in (CONVERTED, STALE):
            if not args.all:
                print(f"{uid}: {rec.state}, not converted: left as it is", file=sys.stderr)
            continue
        blocker = accept_blocker(rec)
        if blocker and not (args.force and not args.all):
            skipped.append(uid)
            hint = "" if args.all else " (gotui accept ID --force to accept it anyway)"
            print(f"gotui: not accepted: {uid}: {blocker}{hint}", file=sys.stderr)
            continue
        changed.append(session.accept(uid))
    data = [{"id": r.id, "state": r.state} for r in changed]
    _emit(args, data, lambda: print(f"accepted {len(changed)} unit{'s' if len(changed) != 1 else ''}"
                                    + (f"; {len(skipped)} left for review (see above)" if skipped else "")))
    return EXIT_ERROR if skipped and not args.all else 0


def cmd_status(args: argparse.Namespace) -> int:
    project = _project(args)
    records = project.session.units()
    counts = project.session.counts()
    totals = project.session.totals()
    model = project.model_status()
    cached = sum(int(u["cached_tokens"] or 0) for u in model["usage"].values())
    partial = sum(1 for r in records if r.state == "converted" and r.status == "partial")
    data = {"counts": counts, "units": [{"id": r.id, "state": r.state} for r in records],
            "partial": partial, "tokens": {
        "prompt": totals["prompt_tokens"], "completion": totals["completion_tokens"], "cached": cached},
        "cost": round(totals["cost"], 6), "model": model}

    def human() -> None:
        total = sum(counts.values())
        # the review list's badges: a converted unit whose Go holds a TODO is `partial` there too
        shown = [f"{n} {s}" + (f" ({partial} of them partial: the Go holds a TODO)" if s == "converted" and partial else "")
                 for s, n in counts.items() if n]
        print(f"{total} units: " + ", ".join(shown))
        if totals["prompt_tokens"] or totals["completion_tokens"]:
            print(f"tokens: {totals['prompt_tokens']} prompt ({cached} cached), {totals['completion_tokens']} completion; est. cost ${totals['cost']:.4f}")
        for mode, u in sorted(model["usage"].items()):
            print(f"  {mode}: {u['prompt_tokens']} prompt ({u['cached_tokens']} cached), {u['completion_tokens']} completion, ${u['cost']:.4f}")
        for b in model["batches"]:
            print(f"batch {b['id']} pending ({b['status']}, {b['units']} units): gotui convert --batch collects it")
        for uid, reason in sorted(model["plan"]["recheck"].items()):
            print(f"re-check {uid}: {reason}")
        if args.verbose:
            for r in records:
                print(f"{r.state:<9} {r.id}")

    _emit(args, data, human)
    return 0


def cmd_commit(args: argparse.Namespace) -> int:
    from gotui.session.store import COMMITTABLE
    from gotui.verify.gates import commit_blockers

    project = _project(args)
    blocked = commit_blockers(project.session.units(), COMMITTABLE)
    if blocked and not args.force and not args.dry_run:
        for b in blocked:
            print(f"gotui: {b.line()}", file=sys.stderr)
        raise CliError(f"not committed: {len(blocked)} accepted unit{'s' if len(blocked) != 1 else ''} failed "
                       f"{'its' if len(blocked) == 1 else 'their'} latest check (listed above); fix, reject, or commit --force")
    result = project.commit(args.branch, args.message, dry_run=args.dry_run, with_tests=True if args.with_tests else None)

    def human() -> None:
        if args.dry_run:
            print(f"would commit {len(result.changes())} change(s) to {result.branch}:")
        elif result.commit is None:
            print(f"{result.branch} already has this Go: nothing to commit")
            return
        else:
            print(f"committed {result.commit[:10]} to {result.branch}:")
        for kind, path in result.changes():
            print(f"  {kind} {path}")
        for stub in result.stubs:
            print(f"  stub (not accepted yet, panics when called): {stub}")
        if args.dry_run:
            print("layout (python -> go):")
            for py, go in sorted(result.go_paths.items()):
                print(f"  {py} -> {go}")
        for warning in result.warnings:
            print(f"gotui: warning: {warning}", file=sys.stderr)

    _emit(args, result.to_json(), human)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    for uid in args.ids:
        project.session.require(uid)
    # units named here are checked even when their Go came from a pull: a person asked for them
    results = project.check(args.ids or None, bench=args.bench, explicit=bool(args.ids))

    def human() -> None:
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
            ratio = f"  (Go {r.bench_ratio:.1f}x faster)" if args.bench and r.bench_ratio else ""
            print(f"{r.status:<12} {r.id}{': ' + r.detail if r.detail and r.status != 'pass' else ''}{ratio}")
        if not results:
            print("nothing to check: convert some units first")
        else:
            print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())), file=sys.stderr)

    _emit(args, [r.to_json(extras=args.bench) if args.bench else r.to_json() for r in results], human)
    return 0


def cmd_trace(args: argparse.Namespace) -> int:
    from gotui.evidence.trace import TraceError

    command = args.cmd
    project = _project(args)
    try:
        # with --json, stdout holds one JSON document: the command's own output goes to stderr
        run, found = project.trace(command, timeout=args.timeout, stdout=sys.stderr if args.json else None)
    except TraceError as exc:
        raise CliError(str(exc)) from None
    units = [{"id": uid, "calls": t.calls, "types": t.types()} for uid, t in found]

    def human() -> None:
        for u in units:
            types = ", ".join(f"{k}: {v}" for k, v in u["types"].items())
            print(f"{u['calls']:>7} calls  {u['id']}  ({types})")

    _emit(args, {"command": command, "exit_code": run.exit_code, "units": units}, human)
    print(f"traced {len(units)} units in {run.seconds:.1f} s", file=sys.stderr)
    if run.processes == 0 and not run.timed_out:
        print("gotui: the tracer loaded in no Python process the command ran: it rides on PYTHONPATH (as sitecustomize), "
              "so set PYTHONPATH before `gotui trace`, not inside the command, and do not run Python with -S or -I", file=sys.stderr)
        return EXIT_ERROR
    if run.timed_out:
        print(f"gotui: the command ran past --timeout {args.timeout:g} s and was stopped; the traces gathered so far are kept", file=sys.stderr)
        return EXIT_ERROR
    if run.exit_code != 0:
        print(f"gotui: the command exited {run.exit_code}; the traces of the {len(units)} units it ran are kept", file=sys.stderr)
        return EXIT_ERROR
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from gotui.config import REPO_FILE, trust
    from gotui.session.workspace import Workspace

    target = Path(args.path).expanduser()
    if target.name == REPO_FILE and target.is_file():
        path = target
    else:
        path = Workspace.open(target).root / REPO_FILE  # the file load_config reads for this PATH
        if not path.is_file():
            raise CliError(f"{path}: no such file: nothing to trust")
    path, digest = trust(path)
    _emit(args, {"path": str(path), "sha256": digest},
          lambda: print(f"trusted {path} (sha256 {digest}); a change to it needs `gotui trust` again"))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from gotui.vcs.log import commit_log

    project = _project(args)
    entries = commit_log(project.require_repo(), args.branch, limit=args.limit)

    def human() -> None:
        if not entries:
            print(f"no commits on {args.branch} yet")
        for e in entries:
            print(f"{e['commit'][:10]} {e['date']} {e['author']}  {e['summary']}")
            for u in e["units"]:
                check = f", check {u['check']}" if u.get("check") else ""
                print(f"    {u['id']} ({u['state']}{check})")

    _emit(args, entries, human)
    return 0


def _review_sync(args: argparse.Namespace, push: bool) -> int:
    from gotui.vcs.review_ref import pull_review, push_review

    project = _project(args)
    report = (push_review if push else pull_review)(project.require_repo(), project.session, args.remote)
    data = report.to_json()

    def human() -> None:
        merged = f"{len(report.added)} added, {len(report.updated)} updated, {len(report.kept)} kept, {len(report.conflicts)} conflicts"
        if push:
            print(f"pushed refs/gotui/review to {args.remote}" + (f" ({report.commit[:10]})" if report.commit else "")
                  + ("" if report.up_to_date else f"; merged theirs first: {merged}"))
        else:
            print(f"review on {args.remote} is already merged" if report.up_to_date else f"pulled the review from {args.remote}: {merged}")
        for c in report.conflicts:
            print(f"  conflict {c.unit_id}: yours {c.local_state} ({c.local_by}), theirs {c.remote_state} ({c.remote_by}); kept the newer ({c.winner})")
        for uid, why in report.skipped_reasons.items():
            print(f"gotui: skipped {uid}: {why}", file=sys.stderr)
        if report.added or report.updated:
            print("  Go taken from the pull is not run by gotui check until you accept it or name it (gotui check ID)")

    _emit(args, data, human)
    return 0


def cmd_push_review(args: argparse.Namespace) -> int:
    return _review_sync(args, push=True)


def cmd_pull_review(args: argparse.Namespace) -> int:
    return _review_sync(args, push=False)


def cmd_session(args: argparse.Namespace) -> int:
    """`gotui session restore [--list] [--from NAME]`: put a backup of the session back (see docs/security.md)."""
    from gotui.session.dbfile import list_backups, restore
    from gotui.session.workspace import Workspace

    state_dir = Workspace.open(args.path).state_dir
    if args.list:
        backups = list_backups(state_dir)
        data = [{"name": b.name, "bytes": b.stat().st_size, "path": str(b)} for b in backups]

        def human() -> None:
            for d in data:
                print(f"{d['name']}\t{d['bytes']} bytes")
            if not data:
                print(f"no backups in {state_dir / 'backups'}", file=sys.stderr)

        _emit(args, data, human)
        return 0
    chosen, kept = restore(state_dir, args.backup)
    data = {"restored": str(chosen), "replaced": str(kept) if kept else None}
    _emit(args, data, lambda: print(f"restored {chosen.name}" + (f"; the session it replaced is kept as {kept}" if kept else "")))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty() and not os.environ.get("GOTUI_FORCE_TTY"):
        raise CliError("gotui review needs a terminal (use gotui scan/convert/status for scripts)")
    # no automatic collection while the imports and the first page load: ReviewApp.run keeps it off
    # until the start-up load is in, then collects once (about 15 ms sooner to the first screen)
    gc.disable()
    from gotui.app import ReviewApp

    # the screen opens on the first files (a few pages of units) and scans the rest behind them
    project = _project(args, first_units=FIRST_PAGE_UNITS, **_llm_overrides(args))
    app = ReviewApp(project, mouse=not args.no_mouse)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0


# ---- parser --------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gotui", description="Review a Python to Go migration function by function.")
    parser.add_argument("--version", action="version", version=f"gotui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, fn: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("path", nargs="?", default=".", metavar="PATH", help="a Python file or folder (default .)")
        p.add_argument("--json", action="store_true", help="print one JSON document on stdout")
        p.set_defaults(fn=fn)
        return p

    def llm_flags(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("translator (override the config, see docs/configuration.md)")
        g.add_argument("--backend", choices=["rules", "openai"], help="translator (default: openai when an API key is available, else rules)")
        g.add_argument("--provider", choices=["openai", "azure", "vllm", "ollama", "llamacpp", "compatible"], help="kind of endpoint")
        g.add_argument("--model", help="model (or Azure deployment) name")
        g.add_argument("--base-url", help="OpenAI-compatible endpoint (default OPENAI_BASE_URL)")
        g.add_argument("--temperature", type=float)
        g.add_argument("--max-tokens", type=int)
        g.add_argument("--jobs", type=int, help="translations at once")
        g.add_argument("--price-prompt", type=float, help="dollars per 1k prompt tokens")
        g.add_argument("--price-completion", type=float, help="dollars per 1k completion tokens")
        g.add_argument("--budget", type=float, help="stop new requests once this many dollars are spent")
        g.add_argument("--repair-rounds", type=int, help="build errors sent back to the model at most this often (default 2)")
        g.add_argument("--timeout", type=float, help="seconds per request")
        g.add_argument("--retries", type=int, help="attempts per unit on 429, 5xx, timeouts and garbage")
        g.add_argument("--api-key-command", help="a command that prints the API key")
        g.add_argument("--prompts-dir", help="folder with prompt templates that replace the packaged ones")
        g.add_argument("--no-cache", action="store_true", help="ask the model again even when an answer is cached")
        g.add_argument("--no-stream", action="store_true", help="plain requests instead of streaming")

    p = command("review", cmd_review, "the review screen")
    llm_flags(p)
    p.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    command("scan", cmd_scan, "list the units (functions, methods, classes)")
    command("notes", cmd_notes, "hazard notes: what does not carry over from Python to Go")
    p = command("convert", cmd_convert, "translate every unit and record the results in the session")
    llm_flags(p)
    p.add_argument("--out", help="also write the Go files (a package go build accepts) into this folder")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.add_argument("--redo", action="store_true", help="also translate units already accepted, edited or rejected")
    p.add_argument("--batch", action="store_true", help="use the provider's Batch API (half price, results within 24 h); "
                   "run again to collect a pending batch")
    p.add_argument("--batch-wait", type=float, default=0.0, metavar="SECONDS",
                   help="with --batch: wait this long for the batch to end before returning (default 0)")
    p = command("accept", cmd_accept, "mark converted units accepted")
    p.add_argument("ids", nargs="*", metavar="ID", help="unit ids (path::qualname)")
    p.add_argument("--all", action="store_true", help="every converted unit, except those that are partial, hold a TODO, or failed their check (listed)")
    p.add_argument("--force", action="store_true", help="accept the units named by ID even when partial or failing their check")
    p = command("status", cmd_status, "progress of the session")
    p.add_argument("-v", "--verbose", action="store_true", help="list every unit with its state")
    p = command("commit", cmd_commit, "commit the accepted Go to a branch without touching HEAD, the index or the work tree")
    p.add_argument("--branch", default="gotui/migration", help="target branch (default gotui/migration)")
    p.add_argument("-m", "--message", help="first line of the commit message")
    p.add_argument("--dry-run", action="store_true", help="show the files that would change, write nothing")
    p.add_argument("--force", action="store_true", help="commit even when an accepted unit's latest check is diverged or build_failed")
    p.add_argument("--with-tests", action="store_true", help="run the checks and commit the passing differential tests beside the Go (config: [check] keep_tests)")
    p = command("check", cmd_check, "verify units with Go: gofmt, go build, go vet, differential tests against the Python")
    p.add_argument("ids", nargs="*", metavar="ID", help="only these units (path::qualname); Go pulled from a review ref runs only when named")
    p.add_argument("--bench", action="store_true", help="also time Python and Go on the same inputs")
    p = command("trace", cmd_trace, "run a command (gotui trace src -- pytest -q) under a tracer and record the types and real arguments of each unit it runs")
    p.add_argument("--timeout", type=float, default=600.0, help="stop the command after this many seconds (default 600); traces so far are kept")
    p.set_defaults(cmd=[])  # what follows `--` (split off in main: the traced command's own flags are not ours)
    command("trust", cmd_trust, "trust the repository's .gotui.toml as it is now: its endpoint, key, command and limit settings then apply")
    p = command("log", cmd_log, "what gotui committed to the branch: by whom, when, which units")
    p.add_argument("--branch", default="gotui/migration", help="branch (default gotui/migration)")
    p.add_argument("--limit", type=int, help="at most this many commits")
    for name, fn, help in (("push-review", cmd_push_review, "store the session's decisions in refs/gotui/review and push it"),
                           ("pull-review", cmd_pull_review, "fetch refs/gotui/review and merge a colleague's decisions into the session")):
        p = command(name, fn, help)
        p.add_argument("--remote", default="origin", help="git remote (default origin)")
    p = sub.add_parser("session", help="the session file: restore a backup",
                       description="restore the session from a backup under .gotui/backups/ (close every gotui first)")
    p.add_argument("action", choices=["restore"])
    p.add_argument("path", nargs="?", default=".", metavar="PATH", help="a Python file or folder (default .)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.add_argument("--from", dest="backup", metavar="NAME", help="the backup to restore (default the newest)")
    p.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    p.set_defaults(fn=cmd_session)
    return parser


def _fix_accept_args(argv: list[str]) -> list[str]:
    """`gotui accept ID...` has no PATH: treat a first argument with `::` as an id, not a path."""
    if len(argv) >= 2 and argv[0] in ("accept", "check") and "::" in argv[1]:
        return [argv[0], ".", *argv[1:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = _fix_accept_args(list(sys.argv[1:] if argv is None else argv))
    traced: list[str] = []
    if argv[:1] == ["trace"] and "--" in argv:
        cut = argv.index("--")
        argv, traced = argv[:cut], argv[cut + 1:]
    parser = build_parser()
    args = parser.parse_args(argv)
    if traced:
        args.cmd = traced
    if not getattr(args, "fn", None):
        parser.print_help()
        return 2
    try:
        return args.fn(args)
    except KeyboardInterrupt:
        print("gotui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head`: not an error; keep Python from complaining at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - every error is one line, never a traceback
        if os.environ.get("GOTUI_DEBUG"):
            raise
        print(f"gotui: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _one_line(exc: BaseException) -> str:
    from gotui.errors import describe

    return describe(exc)


if __name__ == "__main__":
    sys.exit(main())
