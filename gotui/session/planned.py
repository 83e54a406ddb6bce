"""A model run at the scale of a package: plan every signature, then translate callees before callers.

1. The plan (gotui/llm/plan.py): each unit's Go signature from its annotations, else from ONE model
   request per module; kept in the session (plan_store) and re-planned when the Python changes.
2. The order (gotui/llm/callgraph.py): levels of strongly connected components, callees first; the
   units of one level run in parallel. Requests of a level are built when it starts, so a caller
   sees its callee's final Go, not only its plan.
3. A body whose own signature differs from the plan updates the plan; units that use it and already
   have Go are marked for re-check (`gotui status` lists them).
4. `--batch`: every request goes into one Batch API job at batch prices (the plan makes the order
   unnecessary); the batch id is stored first, and a later run collects the results.
"""

from __future__ import annotations

import threading
import time
from pathlib import PurePosixPath
from typing import Any, Callable

from gotui.golang.names import go_package_name
from gotui.llm.answer import extract_go
from gotui.llm.base import FAILED, Translation, TranslationRequest, Translator
from gotui.llm.callgraph import CallGraph
from gotui.llm.plan import BODY, NAMES, GoName, go_names, normalise, own_signature_in, plan_module
from gotui.llm.prompt import render, render_module_prefix
from gotui.llm.runner import RunResult, RunTotals, run_translations
from gotui.parse.units import Unit, python_qualname
from gotui.session.plan_store import PlanStore

ResultCallback = Callable[[TranslationRequest, Translation], None]
SHORT_CALLEE_LINES = 12  # a callee this short goes along as Python when the budget allows


class PlannedRun:
    def __init__(self, project: Any, translator: Translator) -> None:
        self.project = project
        self.translator = translator
        self.store = PlanStore(project.session.path)
        self.graph: CallGraph = project.callgraph
        self.names: dict[str, GoName] = go_names(project.units())
        self._by_module: dict[str, list[Unit]] = {}
        for u in project.units():
            self._by_module.setdefault(u.path, []).append(u)
        self._prefixes: dict[tuple[str, int], str] = {}
        self.plan_usage = Translation(go="", status="", backend=translator.name, model=translator.model)

    # ---- the plan ------------------------------------------------------------------------------

    def make_plan(self, unit_ids: list[str]) -> dict[str, str]:
        """Plan the modules of `unit_ids` whose plan is missing or older than their Python; unit id -> signature."""
        rows = self.store.plan()
        units = self.project.units()
        classes = {u.name for u in units if u.kind == "class"}
        wanted = {self.project.unit(uid).path for uid in unit_ids if self.project.unit(uid) is not None}
        for path in sorted(wanted):
            module_units = self._by_module.get(path, [])
            stale = [u for u in module_units if u.id not in rows or rows[u.id].source_hash != u.source_hash]
            if not stale:
                continue
            for uid, entry in plan_module(path, stale, classes, self._ask_plan, self.names).items():
                unit = self.project.unit(uid)
                self.store.set_plan(uid, entry.go, entry.origin, unit.source_hash)
        return {uid: r.go for uid, r in self.store.plan().items()}

    def _ask_plan(self, path: str, units: list[Unit]) -> str:
        ask = getattr(self.translator, "ask", None)
        prompts = getattr(self.translator, "prompts", None)
        module = self.project.module(path)
        if ask is None or prompts is None or module is None:
            return ""
        listing = "\n".join(f"- {u.kind} `{python_qualname(u.qualname)}`: Go `{_decl_hint(u, self.names.get(u.id))}`\n  `{_def_line(u)}`"
                            for u in units)
        text = render(prompts.plan, path=path, package=_package(path), units=listing, source=module.text.rstrip("\n"))
        system = render(prompts.system).strip()
        before = self.plan_usage.prompt_tokens, self.plan_usage.cached_tokens, self.plan_usage.completion_tokens, self.plan_usage.cost
        answer = ask([{"role": "system", "content": system}, {"role": "user", "content": text.strip() + "\n"}], self.plan_usage)
        self.store.add_usage(f"{path}::#plan", "plan", self.plan_usage.prompt_tokens - before[0], self.plan_usage.cached_tokens - before[1],
                             self.plan_usage.completion_tokens - before[2], self.plan_usage.cost - before[3])
        got = extract_go(answer, bodies=False)
        return got.go if got.ok else ""

    def signature(self, uid: str, plan: dict[str, str]) -> str:
        """The unit's Go signature as it stands: from its Go when it has some, else from the plan."""
        rec = self.project.session.get(uid)
        unit = self.project.unit(uid)
        if rec is not None and rec.go.strip() and unit is not None:
            own = own_signature_in(unit, rec.go, self.names.get(uid))
            if own:
                return own
        return plan.get(uid, "")

    # ---- requests ------------------------------------------------------------------------------

    def request(self, uid: str, plan: dict[str, str], instruction: str | None = None) -> TranslationRequest:
        req = self.project.request(uid, instruction, ledger={})
        unit = req.unit
        used = sorted(self.graph.uses.get(uid, ()), key=lambda v: python_qualname(self.graph.units[v].qualname))
        req.own_signature = self.signature(uid, plan) or None
        if uid in self.names:
            req.go_name = self.names[uid].describe(unit.kind)
        req.uses = [(self._label(unit, v), self.signature(v, plan)) for v in used]
        req.callees_python = [(self.graph.units[v].qualname, self.graph.units[v].source) for v in used
                              if self.graph.units[v].kind == "function"
                              and self.graph.units[v].end_line - self.graph.units[v].line < SHORT_CALLEE_LINES]
        req.module_prefix = self._prefix(unit.path, plan)
        req.budget_tokens = int(getattr(self.project.config, "prompt_budget", 3000))
        return req

    def _label(self, unit: Unit, other: str) -> str:
        o = self.graph.units[other]
        qual = python_qualname(o.qualname)
        return qual if o.path == unit.path else f"{o.path}::{qual}"

    def _prefix(self, path: str, plan: dict[str, str]) -> str:
        prompts = getattr(self.translator, "prompts", None)
        if prompts is None or not getattr(prompts, "module", ""):
            return ""
        # the module's plan: the same bytes for all its units (it changes only when a body changes a signature)
        entries = [(python_qualname(u.qualname), plan.get(u.id, "")) for u in self._by_module.get(path, [])]
        key = (path, hash(tuple(entries)))
        if key not in self._prefixes:
            self._prefixes[key] = render_module_prefix(prompts, path, _package(path), entries)
        return self._prefixes[key]

    # ---- after a body --------------------------------------------------------------------------

    def reconcile(self, uid: str, translation: Translation, pending: set[str]) -> str | None:
        """When a body declares another signature than planned: update the plan, mark translated users. Returns the new one."""
        unit = self.project.unit(uid)
        if unit is None or not translation.go.strip():
            return None
        got = own_signature_in(unit, translation.go, self.names.get(uid))
        rows = self.store.plan()
        planned = rows[uid].go if uid in rows else ""
        if not got or (planned and normalise(got) == normalise(planned)):
            return None
        self.store.set_plan(uid, got, BODY, unit.source_hash)
        if planned and rows[uid].origin != NAMES:
            for user in sorted(self.graph.used_by().get(uid, ())):
                rec = self.project.session.get(user)
                if user not in pending and rec is not None and rec.go.strip():
                    self.store.mark_recheck(user, f"{python_qualname(unit.qualname)} changed its signature to `{got.splitlines()[0]}`")
        return got

    def _record_usage(self, uid: str, t: Translation, mode: str) -> None:
        if t.prompt_tokens or t.completion_tokens:
            self.store.add_usage(uid, mode, t.prompt_tokens, t.cached_tokens, t.completion_tokens, t.cost)

    # ---- streaming, level by level -------------------------------------------------------------

    def run(self, unit_ids: list[str], jobs: int, record: ResultCallback, cancel: threading.Event | None = None,
            instruction: str | None = None, on_token: Any = None, budget: float | None = None) -> RunResult:
        plan = self.make_plan(unit_ids)
        wanted = set(unit_ids)
        results: dict[str, Translation] = {}
        totals = RunTotals()
        started = time.monotonic()
        spent = self.plan_usage.cost
        pending = set(unit_ids)
        for level in self.graph.levels():
            ids = [uid for uid in level if uid in wanted]
            if not ids:
                continue
            requests = [self.request(uid, plan, instruction) for uid in ids]

            def on_result(req: TranslationRequest, t: Translation) -> None:
                self._record_usage(req.unit.id, t, "stream")
                if t.go.strip():
                    self.reconcile(req.unit.id, t, pending)
                    self.store.clear_recheck(req.unit.id)
                record(req, t)
                pending.discard(req.unit.id)

            left = None if budget is None else max(0.0, budget - spent)
            out = run_translations(self.translator, requests, jobs=jobs, on_result=on_result, cancel=cancel,
                                   on_token=on_token, budget=left)
            for req, t in zip(requests, out):
                results[req.unit.id] = t
                totals.add(t)
                spent += t.cost
            plan = {uid: r.go for uid, r in self.store.plan().items()}
        totals.seconds = time.monotonic() - started
        totals.prompt_tokens += self.plan_usage.prompt_tokens
        totals.completion_tokens += self.plan_usage.completion_tokens
        totals.cost += self.plan_usage.cost
        return RunResult([results[uid] for uid in unit_ids if uid in results], totals)

    # ---- batches -------------------------------------------------------------------------------

    def run_batch(self, unit_ids: list[str], record: ResultCallback, wait: float = 0.0, poll: float = 2.0,
                  sleep: Callable[[float], None] = time.sleep) -> dict[str, Any]:
        """Collect a pending batch, or submit one for the units that still need Go; poll up to `wait` seconds.

        Returns {"batch": id, "status": ..., "submitted": n, "collected": n, "failed": [ids]}.
        """
        # here, not at the top: the openai package takes 0.4 s to import and only a batch run needs it
        from gotui.llm import batch as batch_api

        client = getattr(self.translator, "client", None)
        if client is None:
            raise batch_api.BatchError("--batch needs the openai backend")
        pending = self.store.batches()
        if pending:
            row = pending[0]
            report: dict[str, Any] = {"batch": row.batch_id, "submitted": 0}
        else:
            todo = [uid for uid in unit_ids if self._needs_go(uid)]
            if not todo:
                return {"batch": None, "status": "nothing to do", "submitted": 0, "collected": 0, "failed": []}
            plan = self.make_plan(todo)
            bodies: dict[str, dict[str, Any]] = {}
            units: dict[str, str] = {}
            for n, uid in enumerate(todo):
                req = self.request(uid, plan)
                cid = f"u{n}"
                bodies[cid] = self.translator.params(self.translator.messages(req))  # type: ignore[attr-defined]
                units[cid] = uid
            batch_id, file_id, status = batch_api.submit(client, bodies, {"tool": "gotui"})
            self.store.add_batch(batch_id, file_id, status, units, self.translator.model)  # before waiting on it
            row = self.store.batches()[-1]
            report = {"batch": batch_id, "submitted": len(units)}
        deadline = time.monotonic() + wait
        while True:
            status = batch_api.retrieve(client, row.batch_id)
            if status.ended or time.monotonic() >= deadline:
                break
            sleep(min(poll, max(0.0, deadline - time.monotonic())))
        report["status"] = status.status
        report["counts"] = status.counts
        if not status.ended:
            self.store.update_batch(row.batch_id, status.status)
            report.update(collected=0, failed=[])
            return report
        items = batch_api.results(client, status, list(row.units))
        failed: list[str] = []
        collected = 0
        for cid, uid in row.units.items():
            unit = self.project.unit(uid)
            if unit is None:
                continue
            item = items[cid]
            req = self.request(uid, {uid2: r.go for uid2, r in self.store.plan().items()})
            if item.text is None:
                t = Translation(go="", status=FAILED, backend=self.translator.name, model=self.translator.model, error=item.error)
            else:
                t = self.translator.from_answer(req, item.text, item.usage, batch_api.BATCH_PRICE_FACTOR)  # type: ignore[attr-defined]
            self._record_usage(uid, t, "batch")
            if t.go.strip():
                self.reconcile(uid, t, set())
                self.store.clear_recheck(uid)
                collected += 1
            else:
                failed.append(uid)
            record(req, t)
        self.store.update_batch(row.batch_id, status.status, done=True,
                                detail=f"{collected} collected, {len(failed)} failed" + (f": {'; '.join(status.errors)}" if status.errors else ""))
        report.update(collected=collected, failed=failed)
        return report

    def _needs_go(self, uid: str) -> bool:
        rec = self.project.session.get(uid)
        return rec is None or not rec.go.strip() or uid in self.store.rechecks()


def _package(path: str) -> str:
    return go_package_name(PurePosixPath(path).parent.name or "main")


def _decl_hint(unit: Unit, name: GoName | None) -> str:
    name = name or GoName(unit.name)
    if unit.kind == "class":
        return f"type {name.name} struct + func New{name.name}"
    return f"func (*{name.receiver}) {name.name}" if name.receiver else f"func {name.name}"


def _def_line(unit: Unit) -> str:
    for line in unit.source.splitlines():
        s = line.strip()
        if s.startswith(("def ", "async def ", "class ")):
            return s[:200]
    return unit.source.splitlines()[0].strip()[:200] if unit.source else ""

