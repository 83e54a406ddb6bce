"""Long work in thread workers: checks, translations, hazard notes, the pair's session polling, commits."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from textual import on
from textual.screen import Screen

from gotui.errors import describe
from gotui.yielding import between_steps
from gotui.llm.runner import workers_for
from gotui.screens.commit import CommitScreen, CommitUnit
from gotui.session.store import COMMITTABLE
from gotui.verify.gates import CHECKABLE, commit_blockers
from gotui.screens.instruction import InstructionScreen
from gotui.widgets.unit_list import (
    CHECK_BADGES,
    FAILED_CHECKS,
    is_stop_reason,
)

from gotui.screens.review.jobs import CheckJob, Job, check_batches
from gotui.screens.review.messages import (
    CheckFinished, CheckLanded, CommitDone, CommitFailed, CommitPlanned, EvidenceRead, NotesScanned, TokensArrived, TranslationFinished,
    TranslationLanded, TranslationStarted, TranslatorReady,
)


EVIDENCE_DELAY = 0.4  # seconds on one package's units before its type evidence is read


class Work(Screen):
    """Starts background work and takes its messages back on the screen."""

    def action_check_unit(self) -> None:
        if not self.scan_ready("check"):
            return
        uid = self._current_id()
        if uid is None:
            return
        rec = self._records.get(uid)
        if rec is None or not rec.go.strip() or rec.state not in CHECKABLE:
            why = "it has no Go yet" if rec is None or not rec.go.strip() else f"it is {rec.state}"
            self.app.notify(f"nothing to check for {uid}: {why} (converted, accepted and edited Go is checked)", timeout=4)
            return
        if self._refused_as_busy(uid):
            return
        self._start_check([[uid]])

    def action_check_all(self) -> None:
        if not self.scan_ready("check all"):
            return
        ids = [r.id for r in self.unit_list.rows
               if (rec := self._records.get(r.id)) is not None and rec.state in CHECKABLE and rec.go.strip()
               and not self._busy[r.id]]
        if not ids:
            self.app.notify("no unit has Go to check yet", timeout=4)
            return
        self._start_check(check_batches(ids, [self.unit_list.row(i).path for i in ids]))

    def _start_check(self, batches: list[list[str]]) -> None:
        if self._checking is not None:
            self.app.notify("a check is already running", timeout=3)
            return
        job = CheckJob(batches)
        self._checking = job
        self.run_worker(lambda: self._run_check(job), thread=True, exit_on_error=False, group="check",
                        description=f"check {job.total} unit(s)")
        self._update_status()

    def _run_check(self, job: CheckJob) -> None:
        """Thread worker: `project.check` a batch at a time; Esc (or quitting) stops between batches."""
        error = None
        try:
            for batch in job.batches:
                if job.cancel.is_set() or self.app.quitting.is_set():
                    break
                checked = {uid: rec.go for uid in batch if (rec := self.session.get(uid)) is not None}
                results = self.project.check(batch)
                self.post_message(self.CheckLanded(job, batch, list(results), checked))
        except Exception as exc:  # noqa: BLE001 - no Go toolchain, a broken build dir: one line
            error = describe(exc)
        self.post_message(self.CheckFinished(job, error))

    @on(CheckLanded)
    def _check_landed(self, event: CheckLanded) -> None:
        job = event.job
        job.done += len(event.batch)
        for r in event.results:
            job.counts[r.status] += 1
            job.results.append(r)
            go = event.checked_go.get(r.id)
            if go is not None:
                self._check_results[r.id] = (go, r)
            self._refresh_unit(r.id, status_now=False)
        self._update_status()

    @on(CheckFinished)
    def _check_finished(self, event: CheckFinished) -> None:
        job = event.job
        if self._checking is job:
            self._checking = None
        if event.error:
            self.app.notify(f"check: {event.error}", severity="error", timeout=10)
        elif len(job.results) == 1 and job.total == 1:
            r = job.results[0]
            glyph = CHECK_BADGES.get(r.status, ("?", r.status))[0]
            detail = r.detail.splitlines()[0] if r.detail else ""
            severity = "warning" if r.status in FAILED_CHECKS else "information"
            self.app.notify(f"{r.name}: {glyph} {r.status.replace('_', ' ')}" + (f": {detail}" if detail else ""),
                            severity=severity, timeout=6)
        elif job.results or job.done:
            order = list(CHECK_BADGES)
            counts = sorted(job.counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
            parts = [f"{n} {CHECK_BADGES.get(k, ('?', k))[0]} {k.replace('_', ' ')}" for k, n in counts]
            stopped = f" (stopped: {job.total - job.done} not checked)" if job.done < job.total else ""
            self.app.notify(f"checked {len(job.results)} unit{'s' if len(job.results) != 1 else ''}: "
                            f"{', '.join(parts) or 'nothing'}{stopped}",
                            severity="warning" if any(k in FAILED_CHECKS for k in job.counts) else "information", timeout=8)
        else:
            self.app.notify("nothing was checked: the unit has no Go any more", timeout=4)
        self._update_status()
        self._show(self._current_id())

    def cancel_check(self) -> bool:
        job = self._checking
        if job is None or job.cancel.is_set():
            return False
        job.cancel.set()
        self._update_status()
        return True

    def _prepare_translator(self) -> None:
        # building it imports the translator (the offline one is 9,000 lines): not while keys come
        between_steps()
        try:
            self.app.get_translator()
        except Exception as exc:  # noqa: BLE001 - ConfigError and friends: one line for the user
            self.post_message(self.TranslatorReady(describe(exc)))
        else:
            self.post_message(self.TranslatorReady(None))

    @on(TranslatorReady)
    def _translator_ready_message(self, event: TranslatorReady) -> None:
        self._translator_error = event.error
        self._translator_ready = event.error is None
        if event.error:
            self.app.notify(f"no translator: {event.error}", severity="error", timeout=10)
        elif self.app.autotranslate:
            # pending units, except those whose last translation failed: r retries those, so a
            # unit that always fails does not cost a request every time the screen opens
            pending = [r.id for r in self.unit_list.rows if r.state == "pending" and r.badge != "failed"]
            if pending:
                self._start_job(pending, only_pending=True)
        self._update_status()
        self._show(self._current_id())

    def action_regenerate(self) -> None:
        if not self.scan_ready("regenerate"):
            return
        uid = self._current_id()
        if uid is not None:
            self._regenerate(uid, None)

    def action_regenerate_with_instruction(self) -> None:
        if not self.scan_ready("regenerate"):
            return
        uid = self._current_id()
        if uid is None:
            return
        unit = self.project.unit(uid)

        def chosen(instruction: str | None) -> None:
            if instruction:
                self._regenerate(uid, instruction)

        attempts = self._safe(self.session.attempts, uid) or []
        previous = next((a.instruction for a in reversed(attempts) if a.instruction), "") or ""
        self.app.push_screen(InstructionScreen(unit.qualname if unit else uid, previous), chosen)

    def _regenerate(self, unit_id: str, instruction: str | None) -> None:
        if self._busy[unit_id]:
            self.app.notify(f"{unit_id} is already being translated", timeout=3)
            return
        if self._translator_error:
            self.app.notify(f"no translator: {self._translator_error}", severity="error", timeout=8)
            return
        self._start_job([unit_id], instruction=instruction)

    def _start_job(self, ids: list[str], instruction: str | None = None, only_pending: bool = False) -> Job:
        self._job_counter += 1
        job = Job(self._job_counter, list(ids), instruction=instruction, only_pending=only_pending)
        self._jobs[job.number] = job
        self.run_worker(lambda: self._run_job(job), thread=True, exit_on_error=False, group="translate",
                        description=f"translate {len(ids)} unit(s)")
        self._update_status()
        if self._current_id() in ids:
            self._show(self._current_id())
        return job

    def _run_job(self, job: Job) -> None:
        """Thread worker: translate in small batches so results show early and Esc stops soon.

        Each `project.convert` call is one run for the runner's budget, so the budget is also
        checked here across batches: once the job has spent it, no new batch starts.
        """
        error = None
        try:
            translator = self.app.get_translator()
            jobs = workers_for(translator, self.app.jobs)  # one for the offline translator: small batches
            batch = max(4, jobs * 2)
            budget = self.app.budget

            def landed(request, translation) -> None:
                job.spent += translation.cost
                self.post_message(self.TranslationLanded(job, request.unit.id, translation))

            def token(request, delta: str) -> None:
                self.post_message(self.TokensArrived(request.unit.id, delta))

            for start in range(0, len(job.ids), batch):
                self.app.wait_for_quiet_keys(job.cancel)  # the person first: no batch starts while keys come
                if job.cancel.is_set() or self.app.quitting.is_set():
                    break
                if budget is not None and job.spent >= budget:
                    job.stopped = f"budget reached ({job.spent:.2f} of {budget:.2f} spent)"
                    break
                ids = job.ids[start:start + batch]
                skipped = 0
                if job.only_pending:
                    keep = [i for i in ids if (r := self.session.get(i)) is not None and r.state == "pending"]
                    skipped, ids = len(ids) - len(keep), keep
                self.post_message(self.TranslationStarted(job, ids, skipped))
                if ids:
                    self.project.convert(ids, translator, jobs=jobs, on_result=landed, cancel=job.cancel,
                                         instruction=job.instruction, on_token=token)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into the UI
            error = describe(exc)
        self.post_message(self.TranslationFinished(job, error))

    @on(TranslationStarted)
    def _translation_started(self, event: TranslationStarted) -> None:
        event.job.done += event.skipped
        for uid in event.unit_ids:
            event.job.running.add(uid)
            self._busy[uid] += 1
            self._streams.pop(uid, None)
            self._mark(uid)
        self._update_status()
        if self._current_id() in event.unit_ids:
            self._show(self._current_id())

    @on(TokensArrived)
    def _tokens_arrived(self, event: TokensArrived) -> None:
        if not self._busy[event.unit_id]:
            return  # a late token after the result landed
        self._streams.setdefault(event.unit_id, []).append(event.text)
        if event.unit_id == self._current_id() and not self._stream_flush_pending:
            self._stream_flush_pending = True
            self.set_timer(0.1, self._flush_stream)

    def _flush_stream(self) -> None:
        """Show the current unit's answer as it streams in (at most ten times a second)."""
        self._stream_flush_pending = False
        uid = self._current_id()
        if uid is not None and self._busy[uid] and uid in self._streams and uid != self._editing:
            text = "".join(self._streams[uid])
            self.go_pane.show(uid, text, 1, placeholder="translating…")
            self.go_pane.border_title = f"Go · … receiving · {len(text)} chars"

    @on(TranslationLanded)
    def _translation_landed(self, event: TranslationLanded) -> None:
        job, uid = event.job, event.unit_id
        job.done += 1
        t = event.translation
        if not t.go.strip() and t.error and not is_stop_reason(t.error):
            job.failed += 1
        if uid in job.running:
            job.running.discard(uid)
            self._busy[uid] -= 1
        if not self._busy[uid]:
            self._streams.pop(uid, None)
        self._refresh_unit(uid, status_now=False)

    @on(TranslationFinished)
    def _translation_finished(self, event: TranslationFinished) -> None:
        job = event.job
        self._jobs.pop(job.number, None)
        for uid in list(job.running):
            self._busy[uid] -= 1
            self._mark(uid)
        job.running.clear()
        self._busy += Counter()  # drop zero counts
        for uid in job.ids:
            if not self._busy[uid]:
                self._streams.pop(uid, None)
        if event.error:
            self.app.notify(f"translation stopped: {event.error}", severity="error", timeout=10)
        elif job.stopped or job.cancel.is_set():
            left = sum(1 for uid in job.ids if (row := self.unit_list.row(uid)) is not None and row.state == "pending")
            why = f"{job.stopped}; " if job.stopped else ""
            self.app.notify(f"translation stopped: {why}{left} unit{'s' if left != 1 else ''} left pending",
                            severity="warning" if job.stopped else "information", timeout=8)
        elif len(job.ids) == 1:
            rec = self._records.get(job.ids[0])
            if rec is not None and rec.error and not is_stop_reason(rec.error):
                self.app.notify(f"{rec.qualname}: {rec.status}: {rec.error.splitlines()[0]}", severity="warning", timeout=6)
        elif job.failed:
            self.app.notify(f"{job.failed} of {len(job.ids)} translations failed: they show ! failed, "
                            f"the notes say why, {self.app.key_for('regenerate', 'r')} retries one",
                            severity="warning", timeout=8)
        self._update_status()
        self._show(self._current_id())

    def _mark(self, uid: str) -> None:
        row = self.unit_list.row(uid)
        if row is not None and self._apply_record(row, self._records.get(uid)):
            self.unit_list.refresh_unit(uid)

    @property
    def translating(self) -> bool:
        return bool(self._jobs)

    @property
    def settled(self) -> bool:
        """Nothing in the background: translator resolved, notes scanned, no translation or commit running."""
        return (self._translator_ready or self._translator_error is not None) and self._notes_scanned \
            and not self._jobs and not self._committing and self._checking is None

    def cancel_translation(self) -> bool:
        running = [j for j in self._jobs.values() if not j.cancel.is_set()]
        for job in running:
            job.cancel.set()
        if running:
            self._update_status()
            self._show(self._current_id())
        return bool(running)

    def _read_evidence_soon(self, path: str) -> None:
        """Read the folder's evidence once the reviewer rests on one of its units (EVIDENCE_DELAY s): a
        worker parsing a large package competes with key presses and the first paint for the interpreter."""
        if self._evidence_timer is not None:
            self._evidence_timer.stop()

        def still_here() -> None:
            self._evidence_timer = None
            current = self.project.unit(self._current_id()) if self._current_id() else None
            if current is not None and PurePosixPath(current.path).parent == PurePosixPath(path).parent:
                self._read_evidence(path)

        self._evidence_timer = self.set_timer(EVIDENCE_DELAY, still_here)

    def _read_evidence(self, path: str) -> None:
        """Read a folder's type evidence in a worker (once); the notes panel shows it when it lands."""
        folder = str(PurePosixPath(path).parent)
        if folder in self._evidence_reading:
            return
        self._evidence_reading.add(folder)

        def read() -> None:
            try:
                self.project.folder_evidence(folder)
            except Exception as exc:  # noqa: BLE001 - the screen works without evidence
                self.app.call_from_thread(self.app.notify, f"type evidence failed: {describe(exc)}", severity="warning")
                return
            self.post_message(self.EvidenceRead(folder))

        self.run_worker(read, thread=True, exit_on_error=False, group="evidence", description="type evidence")

    @on(EvidenceRead)
    def _evidence_read(self, event: EvidenceRead) -> None:
        current = self.project.unit(self._current_id()) if self._current_id() else None
        if current is not None and str(PurePosixPath(current.path).parent) == event.folder:
            self._show(current.id)

    def _scan_notes(self) -> None:
        result: dict[str, tuple[int, tuple[str, ...]]] = {}
        try:
            # in worker processes, a batch at a time and only while no key comes (gotui/yielding.py): the
            # screen keeps the interpreter and a core for keys
            self.project.prefetch_notes()
            for i, u in enumerate(self.project.units()):
                if i % 500 == 0:
                    between_steps()
                notes = self.project.unit_notes(u.id)
                if notes:
                    result[u.id] = (sum(1 for n in notes if n.severity == "risk"), tuple(sorted({n.rule for n in notes})))
        except Exception as exc:  # noqa: BLE001 - the list works without risk marks
            self.app.call_from_thread(self.app.notify, f"hazard notes failed: {describe(exc)}", severity="warning")
        self.post_message(self.NotesScanned(result))
        self.app.collect_startup_garbage()  # the load is in: the scan and every file's notes

    @on(NotesScanned)
    def _notes_scanned_message(self, event: NotesScanned) -> None:
        self._notes_scanned = True
        for row in self.unit_list.rows:
            row.risk, row.rules = event.notes.get(row.id, (0, ()))
        if self._filter_text:
            self._apply_filter(self._filter_text)
        self.unit_list.refresh()

    def _poll_session(self) -> None:
        try:
            version = self.session.data_version()
        except Exception:  # noqa: BLE001 - a locked or vanished database: try again next tick
            return
        if version == self._data_version:
            return
        self._data_version = version
        self.reload_from_session()

    def reload_from_session(self) -> None:
        """Re-read every unit's state (another process decided something) and repaint what changed."""
        records = self._safe(self.session.units)
        if records is None:
            return
        self._records = {r.id: r for r in records}
        self._attempt_cache.clear()
        changed = False
        for row in self.unit_list.rows:
            changed |= self._apply_record(row, self._records.get(row.id))
        if changed:
            self.unit_list.refresh()
        if self._filter_text and self._editing is None:  # while editing, the list holds still
            self._apply_filter(self._filter_text)
        self._show(self._current_id())
        self._update_status()

    def action_commit(self) -> None:
        if not self.scan_ready("commit"):
            return
        if self._committing:
            self.app.notify("a commit is already being prepared", timeout=3)
            return
        self._committing = True
        self._update_status()
        self.run_worker(self._plan_commit, thread=True, exit_on_error=False, group="commit", description="commit plan")

    def _plan_commit(self) -> None:
        try:
            result = self.project.commit(self.app.branch, dry_run=True)
            records = self.session.committable()
            units = [CommitUnit(r.id, r.state, r.check_status) for r in records]
            blocked = [b.line() for b in commit_blockers(records, COMMITTABLE)]
        except Exception as exc:  # noqa: BLE001 - no git, nothing accepted, a moved branch: one line
            self.post_message(self.CommitFailed(describe(exc)))
        else:
            self.post_message(self.CommitPlanned(result.branch, list(result.files), units, blocked, list(result.warnings)))

    @on(CommitPlanned)
    def _commit_planned(self, event: CommitPlanned) -> None:
        def confirmed(ok: bool | None) -> None:
            if ok:
                self._committing = True
                self._update_status()
                self.run_worker(self._do_commit, thread=True, exit_on_error=False, group="commit", description="commit")

        # planning is over: while the dialog asks, nothing runs
        self._committing = False
        self._update_status()
        self.app.push_screen(CommitScreen(event.branch, event.files, event.units, event.blocked, event.warnings), confirmed)

    def _do_commit(self) -> None:
        try:
            result = self.project.commit(self.app.branch)
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.CommitFailed(describe(exc)))
        else:
            self.post_message(self.CommitDone(result.branch, result.commit, list(result.files)))

    @on(CommitDone)
    def _commit_done(self, event: CommitDone) -> None:
        self._committing = False
        if event.commit:
            n = len(event.files)
            self.app.notify(f"committed {event.commit[:10]} to {event.branch}: {n} file{'s' if n != 1 else ''}. "
                            "Your checkout is untouched.", title="committed", timeout=8)
        else:
            self.app.notify(f"{event.branch} already has this Go: nothing to commit", timeout=5)
        self._update_status()

    @on(CommitFailed)
    def _commit_failed(self, event: CommitFailed) -> None:
        self._committing = False
        self.app.notify(f"commit: {event.error}", severity="error", timeout=10)
        self._update_status()

