"""A review project: the workspace, its scan, its session and its notes, shared by the CLI and the UI."""

from __future__ import annotations

import os
import shlex
import sys
import threading
import time
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Callable

from gotui.evidence.fields import fields_key, traced_field_types
from gotui.evidence.model import TypeTable, UnitEvidence
from gotui.golang.ledger import unit_ledger
from gotui.llm.base import Translation, TranslationRequest, Translator
from gotui.parse.files import Scan, scan_files, sibling_files
from gotui.parse.hazards import module_notes
from gotui.parse.note import Note, notes_in
from gotui.parse.units import CONSTRUCTORS, ParsedModule, Unit
from gotui.session.store import Session
from gotui.session.workspace import Workspace, WorkspaceError
from gotui.vcs.branch import DEFAULT_BRANCH, BranchError, CommitResult

if TYPE_CHECKING:
    from gotui.evidence.infer import Key
    from gotui.evidence.trace import TracedUnit, TraceRun
    from gotui.golang.assemble import GoUnit
    from gotui.llm.callgraph import CallGraph
    from gotui.llm.runner import RunResult
    from gotui.session.plan_store import PlanRow, PlanStore

# What only some commands use (the runner, the planned path, tracing, the call graph, the plan store,
# the commit, the note workers, the type evidence's inference, the symbol ledger) is imported where it
# is used: the review's first screen waits for every module imported here, and these cost about 50 ms
# of it.

CONSTRUCTOR_SUFFIXES = tuple(f".{name}" for name in CONSTRUCTORS)


class Project:
    """`read_only`: units and notes only, for commands that change nothing (scan, notes): no session is
    opened and nothing under `.gotui/` is created or written."""

    def __init__(self, path: str | Path = ".", overrides: dict | None = None, read_only: bool = False,
                 first_units: int | None = None) -> None:
        self.workspace = Workspace.open(path)
        self.overrides = dict(overrides or {})
        self.scan: Scan
        self.session: Session
        if read_only:
            self.scan = self.workspace.scan(read_only=True)
        else:
            self.scan, self.session = self.workspace.load(first_units)
        self._units = {u.id: u for u in self.scan.units}
        self._modules = {m.path: m for m in self.scan.modules}
        self._notes: dict[str, list[Note]] = {}
        self._evidence: dict[str, dict[str, UnitEvidence]] = {}  # folder -> unit id -> evidence
        # traced_fields for the session's traces as last read (the same dict until the traces change)
        self._fields: tuple[object, dict[tuple[str, str], dict[str, str]]] | None = None
        self._plan_store: PlanStore | None = None  # opened on first use (the review screen's plan line)
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        return self.workspace.root

    @cached_property
    def config(self):  # gotui.config.Config
        from gotui.config import load_config

        return load_config(self.root, self.overrides)

    @property
    def complete(self) -> bool:
        """False while only the first files are scanned (`first_units`: the review screen's first page);
        the screen calls complete_scan() behind it, and whatever needs every unit waits for this."""
        return self.scan.complete

    def complete_scan(self) -> None:
        """Scan every file (those of the first page come from the scan cache) and sync the session;
        the new tables replace the old ones whole, so a reader on another thread sees one or the other.
        From the review screen's thread, each chunk of the work waits for its keys (gotui/yielding.py)."""
        if self.complete:
            return
        full = self.workspace.scan()
        self.session.sync(full.units, paths={m.path for m in full.modules})
        self._modules = {m.path: m for m in full.modules}  # modules first: a unit found has its module
        self._units = {u.id: u for u in full.units}
        with self._lock:
            self.scan = full  # `complete` turns true here, with the evidence read from the first files gone
            self._evidence.clear()
        self.__dict__.pop("callgraph", None)
        self.__dict__.pop("context_modules", None)
        self.__dict__.pop("stand_ins", None)

    @cached_property
    def context_modules(self) -> list[ParsedModule]:
        """The scan's modules and the other modules of their folders. The translator and the evidence
        read a package (a folder) whole, so `convert`/`check` of one file sees what its siblings define
        (an alias, a base class, what callers pass) and gives the Go that converting the package would;
        only the scan's own units are converted, checked or synced."""
        extra = sibling_files(self.root.resolve(), (m.path for m in self.scan.modules))
        if not extra:
            return self.scan.modules
        return self.scan.modules + scan_files(self.root, extra, self.workspace.scan_cache(read_only=True)).modules

    @cached_property
    def stand_ins(self) -> list[GoUnit]:
        """Go for the units of the context's other modules that the session holds no Go for (a single
        file's neighbours, never converted), from the offline translator. Used only as stubs, so the
        file's Go builds against its package, in the repair loop's build and in check: a unit whose
        test would call one is reported untested, never run against a stand-in's body."""
        from gotui.golang.assemble import GoUnit
        from gotui.llm.rules import RulesTranslator

        own = {m.path for m in self.scan.modules}
        neighbours = [m for m in self.context_modules if m.path not in own and m.skipped is None and m.error is None]
        if not neighbours:
            return []
        have = {r.id for r in self.session.units(with_go=True) if r.go.strip()}
        tr = RulesTranslator()
        tr.use_modules(self.context_modules, self.root)
        out: list[GoUnit] = []
        for m in neighbours:
            for u in m.units:
                if u.id not in have:
                    out.append(GoUnit(u.id, u.path, u.line, tr.translate(TranslationRequest(unit=u, module=m)).go))
        return out

    @cached_property
    def callgraph(self) -> CallGraph:
        """The package call graph of the scan (built once: the scan does not change in a Project's life)."""
        from gotui.llm.callgraph import build_callgraph

        return build_callgraph(self.scan.modules)

    # ---- units and notes ---------------------------------------------------------------------

    def unit(self, unit_id: str) -> Unit | None:
        return self._units.get(unit_id)

    def units(self) -> list[Unit]:
        return self.scan.units

    def module(self, path: str) -> ParsedModule | None:
        return self._modules.get(path)

    def module_notes(self, path: str) -> list[Note]:
        with self._lock:
            if path not in self._notes:
                module = self._modules.get(path)
                self._notes[path] = module_notes(module) if module is not None else []
            return self._notes[path]

    def prefetch_notes(self) -> None:
        """Compute every module's notes not yet known, in spawned worker processes (parse/notes_run.py);
        the review screen calls this from its background thread before it reads them unit by unit (the
        workers are held back while keys come: gotui/yielding.py)."""
        with self._lock:
            todo = [m for m in self.scan.modules if m.path not in self._notes and m.path in self._modules]
        from gotui.parse.notes_run import MIN_FILES_FOR_WORKERS, spawned_notes

        if len(todo) < MIN_FILES_FOR_WORKERS or sys.platform != "linux":
            return  # a small tree: module_notes computes each on demand, sooner than workers start
        for module, notes in zip(todo, spawned_notes(todo)):
            with self._lock:
                self._notes.setdefault(module.path, notes)

    def notes(self) -> list[Note]:
        return [n for m in self.scan.modules for n in self.module_notes(m.path)]

    def unit_notes(self, unit_id: str) -> list[Note]:
        u = self._units.get(unit_id)
        return notes_in(self.module_notes(u.path), u.line, u.end_line) if u else []

    # ---- translation -------------------------------------------------------------------------

    def translator(self, backend: str | None = None, cancel: threading.Event | None = None) -> Translator:
        """The configured translator; with a Go toolchain, build errors feed the repair loop."""
        from gotui.llm.factory import make_translator

        from gotui.golang.toolchain import find_toolchain

        translator = make_translator(self.config, backend or self.overrides.get("backend"), cancel=cancel,
                                     compile_errors=self.compile_errors if find_toolchain() is not None else None)
        # the key the translator was given is never stored: its errors and notes are scrubbed of it
        self.session.add_secrets([getattr(translator, "_secret", "") or "", os.environ.get(self.config.key_env, "")])
        if hasattr(translator, "price_cached_prompt"):
            translator.price_cached_prompt = self.config.price_cached_prompt  # type: ignore[attr-defined]
        use_modules = getattr(translator, "use_modules", None)
        if use_modules is not None:  # the offline translator reads sibling modules from the scan, not the disk
            use_modules(self.context_modules, self.root)
        use_evidence = getattr(translator, "use_evidence", None)
        if use_evidence is not None and self.session.traces():
            # traced units' types at once, so a caller and its callee agree on them; the static evidence
            # the offline translator gathers itself, folder by folder, as it translates
            use_evidence(self.evidence_table(traced_only=True))
        return translator

    def evidence_table(self, traced_only: bool = False) -> dict[tuple[str, str], dict[str, str]]:
        """(path, python qualname) -> parameter (and "return") -> best type, as TranslationRequest.evidence;
        `traced_only`: only the folders that hold a traced unit."""
        out: dict[tuple[str, str], dict[str, str]] = {}
        if traced_only:
            folders = {str(PurePosixPath(self._units[uid].path).parent) for uid in self.session.traces() if uid in self._units}
            ids = [uid for f in sorted(folders) for uid in self.folder_evidence(f)]
        else:
            ids = list(self.evidence)
        for uid in ids:
            u = self._units[uid]
            out[(u.path, u.signature_qualname)] = self.unit_types(uid)
        out.update(self.traced_fields())
        return out

    def traced_fields(self) -> dict[tuple[str, str], dict[str, str]]:
        """(path, `Cls.__self__`) -> field -> type, from the `self` states the traces of the class's methods
        (and of its constructor) copied (evidence/fields.py): the types of fields its __init__ does not tell."""
        traces = self.session.traces()
        if self._fields is not None and self._fields[0] is traces:
            return self._fields[1]
        samples: dict[tuple[str, str], list[dict]] = {}
        for uid, trace in traces.items():
            u = self._units.get(uid)
            if u is None or u.kind not in ("method", "class"):
                continue
            cls = u.python_qualname if u.kind == "class" else u.python_qualname.rsplit(".", 1)[0]
            samples.setdefault((u.path, cls), []).extend(s for s in trace.get("samples", []) if isinstance(s, dict) and "self" in s)
        out: dict[tuple[str, str], dict[str, str]] = {}
        for (path, cls), found in samples.items():
            types = traced_field_types(cls.rsplit(".", 1)[-1], found)
            if types:
                out[(path, fields_key(cls))] = types
        self._fields = (traces, out)
        return out

    def unit_types(self, unit_id: str) -> dict[str, str]:
        """A unit's best known types: parameter (and "return") -> Python annotation; unknown ones left out
        (a `TypeTable`: the values keep their source, `.unknown` says why a left-out one is unknown)."""
        ev = self.unit_evidence(unit_id)
        return ev.table() if ev is not None else TypeTable()

    def module_preamble(self) -> Callable[[str], str]:
        """Python path -> its module constants in Go, declared as the units' translations expect them
        (with the traces they were given: vcs.publish.module_preamble_for)."""
        from gotui.vcs.publish import module_preamble_for

        return module_preamble_for(self.root, self.evidence_table(traced_only=True))

    def compile_errors(self, go: str, request: TranslationRequest) -> list[str]:
        """Build and vet one unit's Go with the Go its package already has (the repair loop's check)."""
        from gotui.golang.assemble import GoUnit, assemble, module_path_for
        from gotui.verify.build import compile_errors

        folder = PurePosixPath(request.unit.path).parent
        others = [GoUnit(r.id, r.path, r.line, r.go) for r in self.session.units(with_go=True)
                  if r.go.strip() and r.id != request.unit.id and PurePosixPath(r.path).parent == folder]
        # an empty unit of the same module brings its preamble (module constants) along
        others.append(GoUnit(request.unit.id + "#module", request.unit.path, 0, ""))
        package_go = assemble(others, module_path_for(self.root.name), preamble=self.module_preamble(), pending=self.stand_ins)
        return compile_errors(go, package_go)

    def ledger(self) -> dict[str, str]:
        """Unit id -> the Go signatures already decided for it (the symbol ledger)."""
        from gotui.golang.ledger import build_ledger

        return build_ledger({r.id: r.go for r in self.session.units(with_go=True) if r.go.strip()})

    def request(self, unit_id: str, instruction: str | None = None, ledger: dict[str, str] | None = None) -> TranslationRequest:
        """What a translator needs for one unit; pass `ledger` when building many requests at once."""
        u = self._units[unit_id]
        own = unit_ledger(self.ledger() if ledger is None else ledger, unit_id, u.path)
        current = self.session.get(unit_id)
        return TranslationRequest(
            unit=u,
            module=self._modules[u.path],
            notes=self.unit_notes(unit_id),
            ledger=own,
            instruction=instruction,
            previous_go=current.go if current is not None and current.go.strip() and instruction else None,
            evidence=self.unit_types(unit_id),
            evidence_summary=ev.summary() if (ev := self.unit_evidence(unit_id)) is not None else "",
        )

    def convert(self, unit_ids: list[str], translator: Translator, jobs: int | None = None,
                on_result: Callable[[TranslationRequest, Translation], None] | None = None,
                cancel: threading.Event | None = None, instruction: str | None = None,
                on_token: Callable[[TranslationRequest, str], None] | None = None) -> RunResult:
        """Translate the units and record each result in the session the moment it arrives.

        Jobs and the budget (per run) come from the configuration unless given.
        """
        from gotui.llm.runner import run_translations
        from gotui.session.planned import PlannedRun

        started = time.time()

        def record(req: TranslationRequest, t: Translation) -> None:
            if not t.go.strip() and t.error is not None and (t.error == "cancelled" or t.error.startswith("budget reached")):
                pass  # never sent: nothing happened to the unit, so nothing to record or undo
            else:
                # a partner's decision made while this request was in flight stays; the result is kept as an attempt
                self.session.record_translation(req.unit.id, t, instruction=instruction, unless_decided_after=started)
            if on_result is not None:
                on_result(req, t)

        if self.planned(translator):  # the model path: plan signatures, then callees before callers
            return PlannedRun(self, translator).run([u for u in unit_ids if u in self._units], jobs or self.config.jobs, record,
                                                    cancel=cancel, instruction=instruction, on_token=on_token, budget=self.config.budget)
        ledger = self.ledger()
        requests = [self.request(uid, instruction, ledger) for uid in unit_ids if uid in self._units]
        return run_translations(translator, requests, jobs=jobs or self.config.jobs, on_result=record, cancel=cancel,
                                on_token=on_token, budget=self.config.budget)

    @staticmethod
    def planned(translator: Translator) -> bool:
        """A translator that can answer a plan request (the model backend) runs the planned path."""
        return callable(getattr(translator, "ask", None))

    def convert_batch(self, unit_ids: list[str], translator: Translator, wait: float = 0.0,
                      on_result: Callable[[TranslationRequest, Translation], None] | None = None) -> dict:
        """Submit the units to the provider's Batch API, or collect the batch a previous run submitted."""
        from gotui.session.planned import PlannedRun

        def record(req: TranslationRequest, t: Translation) -> None:
            self.session.record_translation(req.unit.id, t)
            if on_result is not None:
                on_result(req, t)

        return PlannedRun(self, translator).run_batch([u for u in unit_ids if u in self._units], record, wait=wait)

    def model_status(self) -> dict:
        """The plan, re-checks, model usage by mode (cached tokens included) and pending batches, for status displays."""
        from gotui.session.plan_store import PlanStore

        store = PlanStore(self.session.path)
        try:
            plan = store.plan()
            origins: dict[str, int] = {}
            for row in plan.values():
                origins[row.origin] = origins.get(row.origin, 0) + 1
            return {"plan": {"units": len(plan), "origins": origins, "recheck": store.rechecks()},
                    "usage": store.usage_by_mode(),
                    "batches": [{"id": b.batch_id, "status": b.status, "units": len(b.units), "created_at": b.created_at}
                                for b in store.batches()]}
        finally:
            store.close()

    # ---- the branch ----------------------------------------------------------------------------

    def commit(self, branch: str = DEFAULT_BRANCH, message: str | None = None, dry_run: bool = False,
               with_tests: bool | None = None) -> CommitResult:
        """Commit the accepted Go; with tests (flag, or `[check] keep_tests`), the passing differential tests go along."""
        if self.workspace.repo is None:
            raise WorkspaceError(f"{self.root} is not in a git repository: gotui commit needs git (git init, then commit your Python)")
        if with_tests is None:
            with_tests = bool(self.config.check.get("keep_tests", False))
        from gotui.vcs.publish import publish

        evidence: dict[str, str] = {}
        if with_tests:
            from gotui.verify import evidence_files, run_check

            evidence = evidence_files(run_check(self, [u.id for u in self.session.committable()], keep_tests=True))
        result = publish(self.workspace.repo, self.root, self.session, branch, message, dry_run=dry_run,
                         layout=self.config.layout, extra_files=evidence, preamble=self.module_preamble())
        if result.commit:
            self.session.backup("commit")
        return result

    def check(self, unit_ids: list[str] | None = None, bench: bool = False, keep_tests: bool = False,
              explicit: bool = False):
        """Build, vet and differential tests (gotui.verify); statuses are stored in the session.

        `explicit`: a person named these units (`gotui check ID`), so Go pulled from a review ref runs
        too; otherwise such Go is reported untested until someone here accepts it.
        """
        from gotui.verify import run_check

        ids = unit_ids if unit_ids is not None else [u.id for u in self.units()]
        if explicit:
            for uid in ids:
                self.session.vet(uid)
        return run_check(self, ids, bench=bench, keep_tests=keep_tests)

    # ---- type evidence and traces ---------------------------------------------------------------

    def trace(self, command: list[str], timeout: float = 600.0, stdout: IO[str] | None = None) -> tuple[TraceRun, list[tuple[str, TracedUnit]]]:
        """Run `command` under the tracer (docs/evidence.md) and store each traced unit's calls in the session.

        Functions are traced under the target path; a constructor's calls count for its class unit."""
        from gotui.evidence.trace import run_trace

        run = run_trace(self.root, self.workspace.target, command, timeout, stdout=stdout)
        by_place = {(u.path, u.line): u for u in self.units()}
        by_name = {(u.path, u.python_qualname): u for u in self.units()}
        found: list[tuple[str, TracedUnit]] = []
        for t in run.units:
            unit = by_place.get((t.path, t.line)) or by_name.get((t.path, t.qualname))
            if unit is None and t.qualname.endswith(CONSTRUCTOR_SUFFIXES):
                unit = by_name.get((t.path, t.qualname.rsplit(".", 1)[0]))
            if unit is not None and not (unit.kind == "class" and not t.qualname.endswith(CONSTRUCTOR_SUFFIXES)):
                found.append((unit.id, t))
        self.session.record_traces(shlex.join(command), [
            (uid, self._units[uid].source_hash, {"calls": t.calls, "params": t.params, "returns": t.returns, "samples": t.samples})
            for uid, t in found])
        with self._lock:
            self._evidence.clear()  # new traces: evidence is read again
        return run, found

    @property
    def evidence(self) -> dict[str, UnitEvidence]:
        """Unit id -> its type evidence, for every folder of the scan (see folder_evidence)."""
        out: dict[str, UnitEvidence] = {}
        for folder in dict.fromkeys(str(PurePosixPath(m.path).parent) for m in self.scan.modules):
            out.update(self.folder_evidence(folder))
        return out

    def known_evidence(self, unit_id: str) -> tuple[bool, UnitEvidence | None]:
        """(computed, evidence) without computing: (False, None) while the unit's folder has not been read
        (the review screen reads it in a worker rather than stall a keypress on a large folder)."""
        u = self._units.get(unit_id)
        if u is None:
            return True, None
        with self._lock:
            folder = self._evidence.get(str(PurePosixPath(u.path).parent))
        return (False, None) if folder is None else (True, folder.get(unit_id))

    def plan_entry(self, unit_id: str) -> PlanRow | None:
        """The unit's row of the signature plan (llm/plan.py), None when it was never planned."""
        with self._lock:
            if self._plan_store is None:
                from gotui.session.plan_store import PlanStore

                self._plan_store = PlanStore(self.session.path, create=False)
            store = self._plan_store
        return store.entry(unit_id)

    def unit_evidence(self, unit_id: str) -> UnitEvidence | None:
        u = self._units.get(unit_id)
        return self.folder_evidence(str(PurePosixPath(u.path).parent)).get(unit_id) if u is not None else None

    def folder_evidence(self, folder: str) -> dict[str, UnitEvidence]:
        """Unit id -> evidence for the units of one folder (a Python package), from its modules and the
        stored traces; computed on first use and kept. Per folder, not per repository: on a codebase the
        size of Django the whole table costs seconds of parsing that the first translation should not wait
        for, and what callers pass is read within the package."""
        with self._lock:
            cached = self._evidence.get(folder)
        if cached is not None:
            return cached
        from gotui.evidence.infer import TraceSummary, infer_package, parse_sources

        modules = [m for m in self.context_modules if str(PurePosixPath(m.path).parent) == folder and m.text and m.skipped is None]
        paths = {m.path for m in modules}
        trees = parse_sources({m.path: m.text for m in modules})
        traces: dict[Key, TraceSummary] = {}
        for uid, t in self.session.traces().items():
            u = self._units.get(uid)
            if u is not None and u.path in paths:
                traces[(u.path, u.signature_qualname, 0 if u.kind == "class" else u.line)] = TraceSummary(t["calls"], t["params"], t["returns"])
        found = infer_package(trees, traces)
        by_name = {(k[0], k[1]): ev for k, ev in found.items()}
        out: dict[str, UnitEvidence] = {}
        for u in (u for m in modules for u in m.units if u.id in self._units):  # the folder's own, not every unit's
            if u.kind == "class":
                ev = by_name.get((u.path, u.signature_qualname))
            else:
                ev = found.get((u.path, u.python_qualname, u.line)) or by_name.get((u.path, u.python_qualname))
            if ev is not None:
                out[u.id] = ev
        with self._lock:
            self._evidence[folder] = out
        return out

    def require_repo(self):
        if self.workspace.repo is None:
            raise WorkspaceError(f"{self.root} is not in a git repository: this needs git")
        return self.workspace.repo


__all__ = ["Project", "WorkspaceError", "BranchError"]
