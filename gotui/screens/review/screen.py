"""The review screen: units on one side, the Python beside its Go, the notes, and a status bar.

This module composes the screen and shows a unit; its keys are declared in actions.py and their
code lives in decisions.py, work.py and view.py (mixins of ReviewScreen). Everything slow runs in
thread workers (work.py), so the screen answers keys while they work.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, Callable, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen

from gotui.errors import describe
from gotui.yielding import between_steps
from gotui.verify.jail import isolation
from gotui.widgets.code_pane import CodePane
from gotui.widgets.line_map import LineMap
from gotui.widgets.notes_panel import NotesPanel, UnitInfo, stale_diff
from gotui.widgets.status_bar import StatusBar
from gotui.widgets.unit_list import (
    BADGES,
    CHECK_BADGES,
    FAILED_CHECKS,
    UnitList,
    UnitRow,
    is_stop_reason,
)

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from gotui.app import ReviewApp
    from textual.timer import Timer

    from gotui.parse.units import Unit
    from gotui.session.store import Attempt, UnitRecord
    from gotui.verify.check import CheckResult
from gotui.screens.review.actions import ACTIONS, EDITING_ACTIONS, OTHER_KEYS, PRIORITY_ACTIONS, bindings
from gotui.screens.review.jobs import CheckJob, Job
from gotui.screens.review.messages import (
    CheckFinished, CheckLanded, CommitDone, CommitFailed, CommitPlanned, EvidenceRead, NotesScanned, ScanCompleted, TokensArrived,
    TranslationFinished, TranslationLanded, TranslationStarted, TranslatorReady,
)
from gotui.screens.review.view import NARROW_BELOW, FilterInput, ViewControls, ViewPrefs, _takes_text
from gotui.screens.review.decisions import Decisions
from gotui.screens.review.work import Work


_ERROR_LINE = re.compile(r"^line (\d+): ")
# where a planned signature came from (llm/plan.py's origins), as the notes panel says it
PLAN_ORIGINS = {"annotations": "annotations", "model": "model plan", "body": "its Go", "names": "names only, types open"}


STEP_ROWS = 1000  # rows built between two calls of between_steps (the scan's thread)
SWAP_WAIT = 3.0  # seconds the whole list waits for a pause in the keys before it is shown anyway


class ReviewScreen(Work, Decisions, ViewControls, Screen):
    """Review one unit at a time: read, decide, move on."""

    app: "ReviewApp"

    BINDINGS: ClassVar[list[BindingType]] = bindings()  # gotui/screens/review/actions.py: one row per action

    ALLOW_IN_MAXIMIZED_VIEW = "StatusBar"
    ESCAPE_TO_MINIMIZE = False

    DEFAULT_CSS = """
    ReviewScreen {
        layout: vertical;
        background: $surface;
    }
    ReviewScreen #main { height: 1fr; layout: horizontal; }
    ReviewScreen #left { width: 36; height: 100%; }  /* then sized to its rows: view.py list_width */
    ReviewScreen #units { height: 1fr; }
    ReviewScreen #right { width: 1fr; height: 100%; }
    ReviewScreen #code { height: 1fr; layout: horizontal; }
    ReviewScreen #left { margin-right: 1; }
    ReviewScreen #go { margin-left: 1; }
    ReviewScreen #notes { height: 30%; min-height: 4; max-height: 16; }

    ReviewScreen.-narrow #main { layout: vertical; }
    ReviewScreen.-narrow #left { width: 100%; max-width: 100%; min-width: 0; height: 28%; min-height: 5; }
    ReviewScreen.-narrow #right { width: 100%; height: 1fr; }
    ReviewScreen.-narrow #code { layout: vertical; }
    ReviewScreen.-narrow #left { margin-right: 0; }
    ReviewScreen.-narrow #go { margin-left: 0; }
    ReviewScreen.-narrow #notes { height: 20%; min-height: 3; max-height: 12; }
    """

    TranslatorReady = TranslatorReady
    TranslationStarted = TranslationStarted
    TokensArrived = TokensArrived
    TranslationLanded = TranslationLanded
    TranslationFinished = TranslationFinished
    NotesScanned = NotesScanned
    CommitPlanned = CommitPlanned
    CommitDone = CommitDone
    CommitFailed = CommitFailed
    CheckLanded = CheckLanded
    CheckFinished = CheckFinished
    EvidenceRead = EvidenceRead
    ScanCompleted = ScanCompleted

    def __init__(self) -> None:
        super().__init__()
        self._editing: str | None = None  # the unit whose Go is being edited in place
        self._edit_original = ""
        self._checking: CheckJob | None = None
        self._check_results: dict[str, tuple[str, "CheckResult"]] = {}  # unit -> (Go checked, result)
        self._attempt_cache: dict[str, list["Attempt"]] = {}
        self._line_map_cache: tuple[tuple[str, str], LineMap] | None = None
        self._records: dict[str, UnitRecord] = {}
        self._jobs: dict[int, Job] = {}
        self._job_counter = 0
        self._busy: Counter[str] = Counter()
        self._translator_error: str | None = None
        self._translator_ready = False
        self._committing = False
        self._data_version: int | None = None
        self._filter_text = ""
        self._notes_scanned = False
        self._streams: dict[str, list[str]] = {}
        self._stream_flush_pending = False
        self._status_pending = False
        self._evidence_reading: set[str] = set()  # folders whose evidence a worker is reading
        self._evidence_timer: "Timer | None" = None  # pending _read_evidence_soon
        self._show_next: tuple[str | None] | None = None  # the highlighted unit the panes will show next frame

    def compose(self) -> ComposeResult:
        # the layout's class before the children exist: set after, it restyles every widget (50 ms
        # before the first paint)
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        with Container(id="main"):
            with Vertical(id="left"):
                yield FilterInput(placeholder="filter: name, path, state, rule (state:stale rule:floor)", id="filter")
                yield UnitList(id="units")
            with Vertical(id="right"):
                with Container(id="code"):
                    yield CodePane("python", wrap=self.view.wrap, id="python")
                    yield CodePane("go", wrap=self.view.wrap, id="go")
                yield NotesPanel(id="notes")
        yield StatusBar(id="status")

    @property
    def project(self):
        return self.app.project

    @property
    def session(self):
        return self.app.project.session

    @property
    def unit_list(self) -> UnitList:
        return self.query_one("#units", UnitList)

    @property
    def python_pane(self) -> CodePane:
        return self.query_one("#python", CodePane)

    @property
    def go_pane(self) -> CodePane:
        return self.query_one("#go", CodePane)

    @property
    def notes_panel(self) -> NotesPanel:
        return self.query_one("#notes", NotesPanel)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    @property
    def view(self) -> ViewPrefs:
        return self.app.view

    def on_mount(self) -> None:
        self._data_version = self._safe(self.session.data_version)
        self._fill_list()
        self.unit_list.focus()
        self._show(self.unit_list.current_id)  # the first frame shows the first unit (later moves: a frame after)
        # the background work starts once the first frame is on screen: its threads would otherwise take
        # the interpreter from the first paint (the rest of the scan, the translator's imports, every
        # file's hazard notes)
        self.call_after_refresh(self._start_background if self.project.complete else self._start_scan)
        if self.app.poll_interval:
            self.set_interval(self.app.poll_interval, self._poll_session, name="pair-poll")

    def _fill_list(self, rows: list[UnitRow] | None = None) -> None:
        """The list from the project's units and their records: on mount, and with the rows the scan's
        thread built when it ends (the highlighted unit stays highlighted, the filter applies again)."""
        units = self.unit_list
        units.empty_text = ("no Python functions, methods or classes found here" if self.project.complete
                            else "scanning the Python files…")
        if rows is None:
            # the first page's files only: a warm session of a large tree holds every unit's record
            paths = None if self.project.complete else {u.path for u in self.project.units()}
            self._records = {r.id: r for r in self.session.units(paths=paths)}
            rows = self._rows_for(self._records, {})
        units.set_rows(rows)
        if self._filter_text:
            self._apply_filter(self._filter_text)
        self._apply_layout(self.app.size.width)  # after the rows: the list is as wide as they need
        self._update_titles()
        self._update_status()

    def _start_scan(self) -> None:
        shown = {r.id: r for r in self.unit_list.rows}
        self.run_worker(partial(self._complete_scan, shown), thread=True, exit_on_error=False, group="scan", description="scan")

    def _complete_scan(self, shown: dict[str, UnitRow]) -> None:
        """The rest of the tree, and the whole list's rows: built here, not on the screen's thread, where
        ten thousand of them would hold a key for a third of a second. Rows already shown are kept as
        they are (the screen may have changed them since)."""
        # every chunk of this work waits while keys come (gotui/yielding.py): on two cores a scan thread
        # that runs Python beside the screen's doubles the time of each key
        try:
            self.project.complete_scan()
            records = {r.id: r for r in self.session.units(yield_to_keys=True)}
            rows = self._rows_for(records, shown)
        except Exception as exc:  # noqa: BLE001 - the first files stay reviewable; say what went wrong
            self.post_message(self.ScanCompleted(describe(exc)))
            return
        self.post_message(self.ScanCompleted(None, rows, records))

    @on(ScanCompleted)
    def _scan_completed(self, event: ScanCompleted) -> None:
        if event.error:
            self.app.notify(f"scan: {event.error}; only the first files are listed", severity="error", timeout=10)
            self._start_background()
            return
        # ten thousand rows relay the list out at a new width and rewrap both panes: one long frame,
        # shown while no key comes (for at most SWAP_WAIT seconds), not in the middle of a held `j`
        wait = self.app.until_quiet()
        if wait > 0 and time.monotonic() - event.arrived < SWAP_WAIT:
            self.set_timer(wait, partial(self._scan_completed, event))
            return
        self._records = {**event.records, **self._records}  # the screen's own are the newest it knows
        self._fill_list(event.rows)
        self._start_background()

    def scan_ready(self, what: str) -> bool:
        """False (and says so) while the screen still lists only the first files: `what` needs them all."""
        if self.project.complete:
            return True
        self.app.notify(f"{what}: still scanning the rest of the tree, a moment", timeout=3)
        return False

    def _start_background(self) -> None:
        self.run_worker(self._scan_notes, thread=True, exit_on_error=False, group="notes", description="hazard notes")
        self.run_worker(self._prepare_translator, thread=True, exit_on_error=False, group="translator", description="translator")

    def _rows_for(self, records: dict[str, "UnitRecord"], shown: dict[str, UnitRow]) -> list[UnitRow]:
        """A row per unit, in the project's order: those in `shown` as they are, the others from `records`."""
        rows = []
        for n, u in enumerate(self.project.units(), 1):
            if n % STEP_ROWS == 0:
                between_steps()
            row = shown.get(u.id)
            if row is None:
                row = UnitRow(id=u.id, qualname=u.qualname, path=u.path, line=u.line, kind=u.kind)
                self._apply_record(row, records.get(u.id))
            rows.append(row)
        return rows

    def _apply_record(self, row: UnitRow, rec: "UnitRecord | None") -> bool:
        """Copy a record's state onto its row; True when the row changed."""
        before = (row.state, row.status, row.error, row.check_status, row.busy)
        if rec is not None:
            row.state, row.status, row.error, row.check_status = rec.state, rec.status, rec.error, rec.check_status
        row.busy = self._busy[row.id] > 0
        return before != (row.state, row.status, row.error, row.check_status, row.busy)

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    @on(UnitList.Highlighted)
    def _unit_highlighted(self, event: UnitList.Highlighted) -> None:
        # the list moves in this frame and the panes follow in the next (tig's way): a key held down
        # moves the highlight at once and the panes show only where it stops, not every unit on the way
        if self._show_next is None and event.unit_id == self.python_pane.shown_key and not self._editing:
            return  # already on screen (the first unit, shown by on_mount)
        first = self._show_next is None
        self._show_next = (event.unit_id,)
        if first:
            self.call_after_refresh(self._show_highlighted)

    def _show_highlighted(self) -> None:
        pending, self._show_next = self._show_next, None
        if pending is not None:
            self._show(pending[0])

    def _current_id(self) -> str | None:
        return self.unit_list.current_id

    def _show(self, unit_id: str | None) -> None:
        if self._editing is not None:
            unit_id = self._editing  # the unit being edited stays on screen until ^s or Esc
        python, go, notes = self.python_pane, self.go_pane, self.notes_panel
        unit = self.project.unit(unit_id) if unit_id else None
        if unit is None:
            empty = "no unit matches the filter" if self._filter_text else "no units"
            python.show(None, "", 1, placeholder=empty)
            go.show(None, "", 1, placeholder=empty)
            python.border_title, go.border_title = "Python", "Go"
            notes.show_notes([], [])
            return
        rec = self._records.get(unit.id)
        python.show(unit.id, unit.source, unit.line)
        python.border_title = f"Python · {unit.path}:{unit.line}-{unit.end_line}"
        if self._editing == unit.id:
            pass  # the reviewer's text stays until ^s or Esc, whatever arrives meanwhile
        elif self._busy[unit.id] and unit.id in self._streams:
            self._flush_stream()  # the answer streaming in for this unit
        else:
            go.show(unit.id, rec.go if rec is not None else "", 1, placeholder=self._go_placeholder(unit.id, rec))
            go.border_title = self._go_title(unit.id, rec)
        try:
            unit_notes = self.project.unit_notes(unit.id)
        except Exception as exc:  # noqa: BLE001 - a hazard rule bug must not take the screen down
            unit_notes = []
            infos = [UnitInfo("error", f"hazard notes failed: {describe(exc)}")]
        else:
            infos = []
        notes.show_notes(unit_notes, infos + self._unit_infos(unit, rec), after=self._signature_infos(unit))

    def _go_placeholder(self, unit_id: str, rec: "UnitRecord | None") -> str:
        if self._busy[unit_id]:
            return "translating…"
        if rec is not None and rec.error and not rec.go.strip():
            if is_stop_reason(rec.error):
                return f"not translated ({rec.error}): r translates it"
            return f"no Go: {rec.error.splitlines()[0]} (r tries again)"
        if self._translator_error:
            return f"no translator: {self._translator_error}"
        if self._queued(unit_id):
            return "waiting to be translated…"
        return "not translated yet: r translates it, e writes it yourself"

    def _queued(self, unit_id: str) -> bool:
        return any(unit_id in job.id_set and not job.cancel.is_set() for job in self._jobs.values())

    def _go_title(self, unit_id: str, rec: "UnitRecord | None") -> str:
        row = self.unit_list.row(unit_id)
        badge = row.badge if row is not None else "pending"
        glyph, word = BADGES.get(badge, ("?", badge))
        parts = [f"Go · {glyph} {word}"]
        if rec is not None:
            if rec.status and rec.status not in (rec.state, badge, "converted"):
                parts.append(rec.status)
            attempt = self._attempt_label(unit_id, rec)
            if attempt:
                parts.append(attempt)
            if rec.backend:
                parts.append(rec.backend + (f" {rec.model}" if rec.model else ""))
            if rec.check_status:
                check_glyph = CHECK_BADGES.get(rec.check_status, ("?", ""))[0]
                parts.append(f"{check_glyph} check {rec.check_status.replace('_', ' ')}")
            if rec.updated_by and rec.updated_by != self.session.actor:
                parts.append(f"by {rec.updated_by}")
        return " · ".join(parts)

    def _attempt_label(self, unit_id: str, rec: "UnitRecord") -> str:
        """The Go title's "attempt 2/3" and its instruction, when the unit has attempts with Go."""
        attempts = self._attempts(unit_id)
        if not attempts:
            return ""
        pos = self._attempt_position(attempts, rec)
        if pos is None:
            return f"{len(attempts)} attempt{'s' if len(attempts) != 1 else ''}"
        instruction = (attempts[pos].instruction or "").strip()
        if len(attempts) == 1 and not instruction:
            return ""  # the only attempt: nothing to switch to, nothing to say
        label = f"attempt {pos + 1}/{len(attempts)}"
        if instruction:
            short = instruction if len(instruction) <= 40 else instruction[:39] + "…"
            label += f" “{short}”"
        return label

    def _attempts(self, unit_id: str) -> list["Attempt"]:
        """The unit's attempts that produced Go, oldest first (cached until the unit changes)."""
        attempts = self._attempt_cache.get(unit_id)
        if attempts is None:
            try:
                attempts = [a for a in self.session.attempts(unit_id) if a.go.strip()]
            except Exception:  # noqa: BLE001 - a locked database: no label this time, asked again next time
                return []
            self._attempt_cache[unit_id] = attempts
        return attempts

    @staticmethod
    def _attempt_position(attempts: list["Attempt"], rec: "UnitRecord") -> int | None:
        for i, a in enumerate(attempts):
            if a.id == rec.attempt_id:
                return i
        return None

    def _signature_infos(self, unit: "Unit") -> list[UnitInfo]:
        """The planned Go signature (and where it came from) and each parameter's type with its evidence."""
        out: list[UnitInfo] = []
        if unit.kind not in ("function", "method", "class"):
            return out
        try:
            row = self.project.plan_entry(unit.id)
        except Exception:  # noqa: BLE001 - a locked database: no plan line this time
            row = None
        if row is not None and row.go.strip():
            lines = [" ".join(line.split()) for line in row.go.splitlines() if line.startswith("func ")]
            shown = lines[-1] if unit.kind == "class" and lines else " ".join(row.go.split())
            out.append(UnitInfo("info", f"plan ({PLAN_ORIGINS.get(row.origin, row.origin)}): {shown}"))
            if row.recheck:
                out.append(UnitInfo("warning", f"re-check: {row.recheck_reason or 'a signature it uses changed'}"))
        if unit.kind == "class":
            return out
        computed, evidence = self.project.known_evidence(unit.id)
        if not computed:
            self._read_evidence_soon(unit.path)
        elif evidence is not None and (summary := evidence.summary()):
            out.append(UnitInfo("info", summary))
        return out

    def _unit_infos(self, unit, rec: "UnitRecord | None") -> list[UnitInfo]:
        infos: list[UnitInfo] = []
        if rec is None:
            return infos
        if self._busy[unit.id]:
            infos.append(UnitInfo("info", "translating this unit now…"))
        if rec.state == "stale":
            was = rec.stale_from or "decided"
            infos.append(UnitInfo("warning", f"stale: the Python changed since this unit was {was}. "
                                             "Check the diff, then accept (a), edit (e) or regenerate (r)."))
            if rec.decided_source is not None:
                diff = stale_diff(rec.decided_source, unit.source, unit.line)
                if diff:
                    infos.append(UnitInfo("diff", diff))
        if rec.error and is_stop_reason(rec.error):
            infos.append(UnitInfo("info", f"not translated: {rec.error}"))
        elif rec.error:
            kind = "error" if not rec.go.strip() else "warning"
            infos.append(UnitInfo(kind, f"translation {rec.status or 'failed'}: {rec.error}"))
        if rec.check_status:
            infos.extend(self._check_infos(rec))
        return infos

    def _check_infos(self, rec: "UnitRecord") -> list[UnitInfo]:
        """The check's verdict; with this screen's own result for this very Go, the details too."""
        status = rec.check_status or ""
        detail = (rec.check_detail or "").strip()
        kind = "error" if status in FAILED_CHECKS else "info"
        head = f"check {status.replace('_', ' ')}"
        fresh = self._check_results.get(rec.id)
        result = fresh[1] if fresh is not None and fresh[0] == rec.go and fresh[1].status == status else None
        if result is None:
            # a verdict from `gotui check` or a partner: the stored line (a build error names its Go line)
            m = _ERROR_LINE.match(detail) if status == "build_failed" else None
            line = int(m.group(1)) if m else None
            return [UnitInfo(kind, head + (f": {detail}" if detail else ""), go_line=line)]
        if status == "build_failed" and result.build_errors:
            n = len(result.build_errors)
            infos = [UnitInfo(kind, f"{head}: {n} error{'s' if n != 1 else ''}")]
            for e in result.build_errors:
                if e.unit_line is not None:
                    infos.append(UnitInfo("error", f"{e.stage}: {e.message}", go_line=e.unit_line))
                else:
                    infos.append(UnitInfo("error", e.text()))
            return infos
        infos = [UnitInfo(kind, head + (f": {detail}" if detail else ""))]
        if status == "diverged" and result.first_input is not None:
            infos.append(UnitInfo("info", f"input   {result.first_input}"))
            infos.append(UnitInfo("info", f"Python  {result.python_result}"))
            infos.append(UnitInfo("info", f"Go      {result.go_result}"))
        return infos

    @on(NotesPanel.NoteChosen)
    def _note_chosen(self, event: NotesPanel.NoteChosen) -> None:
        self.python_pane.go_to_line(event.note.line)

    @on(NotesPanel.GoLineChosen)
    def _go_line_chosen(self, event: NotesPanel.GoLineChosen) -> None:
        self.go_pane.go_to_line(event.line)
        self._sync_from(self.go_pane)

    def _refresh_unit(self, unit_id: str, record: "UnitRecord | None" = None, status_now: bool = True) -> None:
        """Re-read one unit from the session and repaint what shows it."""
        rec = record or self._safe(lambda: self.session.get(unit_id))
        self._attempt_cache.pop(unit_id, None)
        if rec is not None:
            self._records[unit_id] = rec
        row = self.unit_list.row(unit_id)
        if row is not None:
            self._apply_record(row, self._records.get(unit_id))
            self.unit_list.refresh_unit(unit_id)
        if unit_id == self._current_id():
            self._show(unit_id)
        if status_now:
            self._update_status()
        else:
            self._schedule_status()

    def _update_titles(self) -> None:
        units = self.unit_list
        total = len(units.rows)
        if self._filter_text:
            units.border_title = f"Units · {units.visible_count} of {total} · /{self._filter_text}"
        else:
            units.border_title = f"Units · {total}"

    def _schedule_status(self) -> None:
        """Refresh the status bar soon: many results landing at once cost one refresh, not one each."""
        if not self._status_pending:
            self._status_pending = True
            self.set_timer(0.2, self._update_status)

    def _update_status(self) -> None:
        self._status_pending = False
        bar = self.status_bar
        counts = self.unit_list.badge_counts()  # the very badges the list shows
        totals = self._safe(self.session.totals) or {}
        backend, model = self.app.translator_label()
        if self._translator_error and not self._translator_ready:
            backend, model = "no translator", ""
        bar.update_info(
            counts=counts,
            backend=backend,
            model=model,
            prompt_tokens=int(totals.get("prompt_tokens", 0)),
            completion_tokens=int(totals.get("completion_tokens", 0)),
            cost=float(totals.get("cost", 0.0)),
            progress=self._progress_text(),
            hints=self._hints(),
        )

    def _progress_text(self) -> str:
        parts = []
        if self._jobs:
            total = sum(len(j.ids) for j in self._jobs.values())
            done = sum(j.done for j in self._jobs.values())
            if all(j.cancel.is_set() for j in self._jobs.values()):
                parts.append("stopping: requests already sent finish first")
            else:
                parts.append(f"translating {done}/{total} · {self.app.key_for('cancel', 'esc')} stops")
        if self._checking is not None:
            job = self._checking
            if job.cancel.is_set():
                parts.append("stopping the check")
            elif job.total == 1:
                parts.append("checking…")
            else:
                parts.append(f"checking {job.done}/{job.total} · {self.app.key_for('cancel', 'esc')} stops")
        if self._committing:
            parts.append("committing…")
        if not self.project.complete:
            parts.append("scanning…")
        if (self._checking is not None or self._check_results) and isolation() == "none":
            parts.append("⚠ checks NOT sandboxed (docs/security.md)")  # no bubblewrap, no user namespaces here
        return " · ".join(parts)

    def _hints(self) -> list[tuple[str, str]]:
        if self._editing is not None:
            return [(self.app.key_for("save_edit", "ctrl+s"), "save your Go"), (self.app.key_for("cancel", "escape"), "cancel the edit"),
                    ("^z", "undo typing")]
        hints = []
        for b in self.BINDINGS:
            if isinstance(b, Binding) and b.show and b.id and (key := self.app.key_for(b.id, b.key)):
                hints.append((key, b.description))
        return hints

    def help_rows(self) -> list[tuple[str, str]]:
        rows = []
        for a in ACTIONS:
            rows.append((self.app.key_for(a.id, a.key) or "(none)", a.help))
        return rows + list(OTHER_KEYS)

    def _refused_as_busy(self, uid: str) -> bool:
        """The one guard for "this unit is being translated": True (and a notice) when it is."""
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return True
        return False

    def _safe(self, fn: Callable, *args):
        """Call fn; on any error show it as a notification and return None. The screen never crashes."""
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001
            self.app.notify(describe(exc), severity="error", timeout=8)
            return None

    def palette_commands(self) -> "list[SystemCommand]":
        """Every action of the screen by name, with what it does and its key (what check_action allows now)."""
        from textual.app import SystemCommand

        commands = []
        for a in ACTIONS:
            if self.check_action(a.method, ()) is False:
                continue
            key = self.app.key_for(a.id, a.key)
            help_text = f"{a.help} · " + (f"key {key}" if key else "no key")
            commands.append(SystemCommand(a.title, help_text, partial(self.run_action, a.method)))
        return commands

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editing = getattr(self, "_editing", None)
        if action == "save_edit":
            return editing is not None
        if editing is not None:
            return action in EDITING_ACTIONS
        if action in PRIORITY_ACTIONS and _takes_text(self.focused):
            return False  # a `/` or an `i` typed into the filter is text
        return True
