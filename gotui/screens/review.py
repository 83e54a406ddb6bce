"""The review screen: units on one side, the Python beside its Go, the notes, and a status bar.

Everything slow runs in thread workers (translation, hazard notes for the whole scan, commit
planning), so the screen answers keys while they work. Results come back as messages.
"""

from __future__ import annotations

import gc
import os
import shlex
import subprocess
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from gotui.errors import describe
from gotui.screens.commit import CommitScreen
from gotui.screens.help import HelpScreen
from gotui.screens.instruction import InstructionScreen
from gotui.widgets.code_pane import CodePane
from gotui.widgets.notes_panel import NotesPanel, UnitInfo, stale_diff
from gotui.widgets.status_bar import StatusBar
from gotui.widgets.unit_list import BADGES, FAILED_CHECKS, UnitList, UnitRow, is_stop_reason

if TYPE_CHECKING:
    from gotui.app import ReviewApp
    from gotui.llm.base import Translation
    from gotui.session.store import UnitRecord

NARROW_BELOW = 120  # columns: under this the panes stack (portrait, like lazygit)
FILTER_FIELDS = ("name", "path", "state", "kind", "rule")


@dataclass
class Job:
    """One batch of translations running in a thread worker."""

    number: int
    ids: list[str]
    instruction: str | None = None
    only_pending: bool = False  # the start-up batch: skip units someone translated meanwhile
    cancel: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    spent: float = 0.0
    failed: int = 0  # translations that produced no Go (not counting cancelled or over budget)
    stopped: str | None = None  # why the job stopped early ("budget reached …")
    running: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.id_set = frozenset(self.ids)


def make_filter(text: str) -> Callable[[UnitRow], bool] | None:
    """Every word must match the name, path, state, kind or a note rule; `state:stale` picks one field."""
    terms = text.lower().split()
    if not terms:
        return None
    parsed: list[tuple[str | None, str]] = []
    for term in terms:
        name, sep, value = term.partition(":")
        parsed.append((name, value) if sep and name in FILTER_FIELDS else (None, term))

    def keep(row: UnitRow) -> bool:
        fields = {
            "name": row.qualname.lower(),
            "path": row.path.lower(),
            "state": f"{row.state} {row.badge}",
            "kind": row.kind,
            "rule": " ".join(row.rules),
        }
        for name, value in parsed:
            if name is not None:
                if value not in fields[name]:
                    return False
            elif not any(value in f for f in fields.values()):
                return False
        return True

    return keep


class FilterInput(Input):
    """The `/` filter: narrows the list as you type; Enter keeps it, Esc clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "clear_filter", "Clear filter", show=False)]

    DEFAULT_CSS = """
    FilterInput {
        display: none;
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
        &.-active { display: block; }
        &:focus { border: none; background: $boost; }
    }
    """

    class Cleared(Message):
        pass

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())


class ReviewScreen(Screen):
    """Review one unit at a time: read, decide, move on."""

    app: "ReviewApp"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "help", id="help"),
        Binding("j", "next_unit", "down", id="next_unit", show=False),
        Binding("k", "previous_unit", "up", id="previous_unit", show=False),
        Binding("g", "first_unit", "first", id="first_unit", show=False),
        Binding("G", "last_unit", "last", id="last_unit", show=False),
        Binding("a", "accept", "accept", id="accept"),
        Binding("x", "reject", "reject", id="reject"),
        Binding("e", "edit_go", "edit", id="edit"),
        Binding("r", "regenerate", "regen", id="regenerate"),
        Binding("R", "regenerate_with_instruction", "regen with…", id="regenerate_with_instruction", show=False),
        Binding("n", "next_attention", "next", id="next_attention"),
        Binding("N", "previous_attention", "previous", id="previous_attention", show=False),
        Binding("u", "undo", "undo", id="undo"),
        Binding("c", "commit", "commit", id="commit"),
        Binding("slash", "filter", "filter", id="filter"),
        Binding("z", "zoom", "zoom", id="zoom"),
        Binding("escape", "cancel", "stop", id="cancel", show=False),
        Binding("q", "quit", "quit", id="quit"),
    ]

    # What each binding does, for the help screen (the binding's own description is the short hint).
    HELP: ClassVar[dict[str, str]] = {
        "help": "this help",
        "next_unit": "next unit",
        "previous_unit": "previous unit",
        "first_unit": "first unit",
        "last_unit": "last unit",
        "accept": "accept the Go (it goes onto the branch at the next commit)",
        "reject": "reject the Go",
        "edit": "edit the Go in $VISUAL / $EDITOR; saved as your own (edited)",
        "regenerate": "translate the unit again, in the background",
        "regenerate_with_instruction": "translate again with an instruction (\"use int64\")",
        "undo": "undo the unit's last change (decision, edit or translation)",
        "next_attention": "next unit needing attention: pending, converted, stale, or its check diverged / failed to build",
        "previous_attention": "previous unit needing attention",
        "commit": "commit the accepted Go to the branch (asks first; your checkout is untouched)",
        "filter": "filter by name, path, state or note rule (state:stale rule:floor path:cart)",
        "zoom": "zoom the focused pane to the whole screen, and back",
        "cancel": "stop translating; else leave zoom; else clear the filter",
        "quit": "quit (decisions are already saved)",
    }

    # Keys handled by the focused widget rather than the screen, listed in the help.
    OTHER_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("↓ ↑", "move in the list, or in the focused pane"),
        ("PgDn PgUp Home End", "page / jump in the focused pane"),
        ("Tab Shift+Tab", "focus the next / previous pane"),
        ("Enter", "in the notes: show the note's line in the Python pane"),
        ("^q", "quit from anywhere, dialogs included"),
    ]

    ALLOW_IN_MAXIMIZED_VIEW = "StatusBar"
    ESCAPE_TO_MINIMIZE = False

    DEFAULT_CSS = """
    ReviewScreen {
        layout: vertical;
        background: $surface;
    }
    ReviewScreen #main { height: 1fr; layout: horizontal; }
    ReviewScreen #left { width: 28%; min-width: 36; max-width: 48; height: 100%; }
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

    class TranslatorReady(Message):
        """The translator was made (or could not be: `error`)."""

        def __init__(self, error: str | None) -> None:
            super().__init__()
            self.error = error

    class TranslationStarted(Message):
        """A batch went out; `skipped` units of the job needed no translation any more."""

        def __init__(self, job: Job, unit_ids: list[str], skipped: int = 0) -> None:
            super().__init__()
            self.job = job
            self.unit_ids = unit_ids
            self.skipped = skipped

    class TokensArrived(Message):
        """Streamed answer text for a unit being translated."""

        def __init__(self, unit_id: str, text: str) -> None:
            super().__init__()
            self.unit_id = unit_id
            self.text = text

    class TranslationLanded(Message):
        """One unit's translation is recorded in the session."""

        def __init__(self, job: Job, unit_id: str, translation: "Translation") -> None:
            super().__init__()
            self.job = job
            self.unit_id = unit_id
            self.translation = translation

    class TranslationFinished(Message):
        def __init__(self, job: Job, error: str | None = None) -> None:
            super().__init__()
            self.job = job
            self.error = error

    class NotesScanned(Message):
        """Risk counts and rule names of every unit, computed off the UI thread."""

        def __init__(self, notes: dict[str, tuple[int, tuple[str, ...]]]) -> None:
            super().__init__()
            self.notes = notes

    class CommitPlanned(Message):
        def __init__(self, branch: str, files: list[str], units: int) -> None:
            super().__init__()
            self.branch = branch
            self.files = files
            self.units = units

    class CommitDone(Message):
        def __init__(self, branch: str, commit: str | None, files: list[str]) -> None:
            super().__init__()
            self.branch = branch
            self.commit = commit
            self.files = files

    class CommitFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self) -> None:
        super().__init__()
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

    # ---- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="main"):
            with Vertical(id="left"):
                yield FilterInput(placeholder="filter: name, path, state, rule (state:stale rule:floor)", id="filter")
                yield UnitList(id="units")
            with Vertical(id="right"):
                with Container(id="code"):
                    yield CodePane("python", id="python")
                    yield CodePane("go", id="go")
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

    def on_mount(self) -> None:
        self._apply_layout(self.app.size.width)
        self._data_version = self._safe(self.session.data_version)
        rows = self._load_rows()
        units = self.unit_list
        units.empty_text = "no Python functions, methods or classes found here"
        units.set_rows(rows)
        units.focus()
        self._update_titles()
        self._update_status()
        self.run_worker(self._scan_notes, thread=True, exit_on_error=False, group="notes", description="hazard notes")
        self.run_worker(self._prepare_translator, thread=True, exit_on_error=False, group="translator", description="translator")
        if self.app.poll_interval:
            self.set_interval(self.app.poll_interval, self._poll_session, name="pair-poll")

    def _load_rows(self) -> list[UnitRow]:
        self._records = {r.id: r for r in self.session.units()}
        rows = []
        for u in self.project.units():
            row = UnitRow(id=u.id, qualname=u.qualname, path=u.path, line=u.line, kind=u.kind)
            self._apply_record(row, self._records.get(u.id))
            rows.append(row)
        return rows

    def _apply_record(self, row: UnitRow, rec: "UnitRecord | None") -> bool:
        """Copy a record's state onto its row; True when the row changed."""
        before = (row.state, row.status, row.error, row.check_status, row.busy)
        if rec is not None:
            row.state, row.status, row.error, row.check_status = rec.state, rec.status, rec.error, rec.check_status
        row.busy = self._busy[row.id] > 0
        return before != (row.state, row.status, row.error, row.check_status, row.busy)

    # ---- layout --------------------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")

    # ---- showing the current unit --------------------------------------------------------------

    @on(UnitList.Highlighted)
    def _unit_highlighted(self, event: UnitList.Highlighted) -> None:
        self._show(event.unit_id)

    def _current_id(self) -> str | None:
        return self.unit_list.current_id

    def _show(self, unit_id: str | None) -> None:
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
        if self._busy[unit.id] and unit.id in self._streams:
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
        notes.show_notes(unit_notes, infos + self._unit_infos(unit, rec))

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
            if rec.backend:
                parts.append(rec.backend + (f" {rec.model}" if rec.model else ""))
            if rec.check_status:
                parts.append(f"check {rec.check_status.replace('_', ' ')}")
            if rec.updated_by and rec.updated_by != self.session.actor:
                parts.append(f"by {rec.updated_by}")
        return " · ".join(parts)

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
            detail = (rec.check_detail or "").strip()
            kind = "error" if rec.check_status in FAILED_CHECKS else "info"
            infos.append(UnitInfo(kind, f"check {rec.check_status.replace('_', ' ')}" + (f": {detail}" if detail else "")))
        return infos

    @on(NotesPanel.NoteChosen)
    def _note_chosen(self, event: NotesPanel.NoteChosen) -> None:
        self.python_pane.go_to_line(event.note.line)

    def _refresh_unit(self, unit_id: str, record: "UnitRecord | None" = None, status_now: bool = True) -> None:
        """Re-read one unit from the session and repaint what shows it."""
        rec = record or self._safe(lambda: self.session.get(unit_id))
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

    # ---- status --------------------------------------------------------------------------------

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
        counts = Counter(r.state for r in self.unit_list.rows)
        totals = self._safe(self.session.totals) or {}
        backend, model = self.app.translator_label()
        if self._translator_error and not self._translator_ready:
            backend, model = "no translator", ""
        bar.update_info(
            counts=dict(counts),
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
        if self._committing:
            parts.append("committing…")
        return " · ".join(parts)

    def _hints(self) -> list[tuple[str, str]]:
        hints = []
        for b in self.BINDINGS:
            if isinstance(b, Binding) and b.show and b.id:
                hints.append((self.app.key_for(b.id, b.key), b.description))
        return hints

    def help_rows(self) -> list[tuple[str, str]]:
        rows = []
        for b in self.BINDINGS:
            if isinstance(b, Binding) and b.id:
                rows.append((self.app.key_for(b.id, b.key), self.HELP.get(b.id, b.description)))
        return rows + list(self.OTHER_KEYS)

    def _safe(self, fn: Callable, *args):
        """Call fn; on any error show it as a notification and return None. The screen never crashes."""
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001
            self.app.notify(describe(exc), severity="error", timeout=8)
            return None

    # ---- moving --------------------------------------------------------------------------------

    def action_next_unit(self) -> None:
        self.unit_list.action_cursor_down()

    def action_previous_unit(self) -> None:
        self.unit_list.action_cursor_up()

    def action_first_unit(self) -> None:
        self.unit_list.action_first()

    def action_last_unit(self) -> None:
        self.unit_list.action_last()

    def action_next_attention(self) -> None:
        self._jump_attention(forward=True)

    def action_previous_attention(self) -> None:
        self._jump_attention(forward=False)

    def _jump_attention(self, forward: bool) -> None:
        units = self.unit_list
        if not units.visible_count:
            return
        target = units.find(lambda r: r.needs_attention, forward=forward)
        if target is None:
            self.app.notify("nothing left to review here: every unit is decided", timeout=4)
        else:
            units.select_id(target)

    # ---- decisions -----------------------------------------------------------------------------

    def _decide(self, verb: str, fn: Callable[[str], "UnitRecord | None"]) -> None:
        uid = self._current_id()
        if uid is None:
            return
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return
        try:
            rec = fn(uid)
        except Exception as exc:  # noqa: BLE001 - "has no Go yet" and friends: a notification, not a crash
            self.app.notify(describe(exc), severity="warning", timeout=5)
            return
        if rec is None:
            self.app.notify(f"nothing to undo for {uid}", timeout=3)
            return
        self._refresh_unit(uid, rec)

    def action_accept(self) -> None:
        self._decide("accept", self.session.accept)

    def action_reject(self) -> None:
        self._decide("reject", self.session.reject)

    def action_undo(self) -> None:
        self._decide("undo", self.session.undo)

    def action_edit_go(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return
        rec = self._safe(self.session.require, uid)
        if rec is None:
            return
        original = rec.go if rec.go.strip() else f"// {rec.qualname}: write the Go for this unit here\n"
        edited = self._run_editor(original)
        if edited is None:
            return
        if edited == original or not edited.strip():
            self.app.notify("Go unchanged", timeout=3)
            return
        new = self._safe(self.session.edit, uid, edited)
        if new is not None:
            self._refresh_unit(uid, new)
            self.app.notify(f"saved your Go for {rec.qualname} (edited)", timeout=3)

    def _run_editor(self, text: str) -> str | None:
        """Open text in $VISUAL/$EDITOR (the app steps aside meanwhile); the edited text, or None."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        fd, name = tempfile.mkstemp(prefix="gotui-", suffix=".go")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            command = [*shlex.split(editor), str(path)]
            try:
                try:
                    with self.app.suspend():
                        code = subprocess.call(command)
                except SuspendNotSupported:
                    code = subprocess.call(command, stdin=subprocess.DEVNULL)
            except OSError as exc:
                self.app.notify(f"cannot run the editor {editor!r}: {exc.strerror or exc} (set $EDITOR)", severity="error", timeout=8)
                return None
            if code != 0:
                self.app.notify(f"{editor} exited with status {code}: Go left as it was", severity="warning", timeout=5)
                return None
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.app.notify(describe(exc), severity="error", timeout=8)
            return None
        finally:
            path.unlink(missing_ok=True)

    # ---- translation ---------------------------------------------------------------------------

    def _prepare_translator(self) -> None:
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
        uid = self._current_id()
        if uid is not None:
            self._regenerate(uid, None)

    def action_regenerate_with_instruction(self) -> None:
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
            jobs = max(1, self.app.jobs)
            batch = max(4, jobs * 2)
            budget = self.app.budget

            def landed(request, translation) -> None:
                job.spent += translation.cost
                self.post_message(self.TranslationLanded(job, request.unit.id, translation))

            def token(request, delta: str) -> None:
                self.post_message(self.TokensArrived(request.unit.id, delta))

            for start in range(0, len(job.ids), batch):
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
        if uid is not None and self._busy[uid] and uid in self._streams:
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
            and not self._jobs and not self._committing

    def cancel_translation(self) -> bool:
        running = [j for j in self._jobs.values() if not j.cancel.is_set()]
        for job in running:
            job.cancel.set()
        if running:
            self._update_status()
            self._show(self._current_id())
        return bool(running)

    # ---- notes for every unit (risk badges, rule filter) -----------------------------------------

    def _scan_notes(self) -> None:
        result: dict[str, tuple[int, tuple[str, ...]]] = {}
        try:
            for u in self.project.units():
                notes = self.project.unit_notes(u.id)
                if notes:
                    result[u.id] = (sum(1 for n in notes if n.severity == "risk"), tuple(sorted({n.rule for n in notes})))
        except Exception as exc:  # noqa: BLE001 - the list works without risk marks
            self.app.call_from_thread(self.app.notify, f"hazard notes failed: {describe(exc)}", severity="warning")
        self.post_message(self.NotesScanned(result))

    @on(NotesScanned)
    def _notes_scanned_message(self, event: NotesScanned) -> None:
        self._notes_scanned = True
        if self.app.freeze_gc:
            self.app.freeze_gc = False
            gc.collect()
            gc.freeze()
        for row in self.unit_list.rows:
            row.risk, row.rules = event.notes.get(row.id, (0, ()))
        if self._filter_text:
            self._apply_filter(self._filter_text)
        self.unit_list.refresh()

    # ---- pair review: another gotui wrote ------------------------------------------------------

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
        changed = False
        for row in self.unit_list.rows:
            changed |= self._apply_record(row, self._records.get(row.id))
        if changed:
            self.unit_list.refresh()
        if self._filter_text:
            self._apply_filter(self._filter_text)
        self._show(self._current_id())
        self._update_status()

    # ---- commit --------------------------------------------------------------------------------

    def action_commit(self) -> None:
        if self._committing:
            self.app.notify("a commit is already being prepared", timeout=3)
            return
        self._committing = True
        self._update_status()
        self.run_worker(self._plan_commit, thread=True, exit_on_error=False, group="commit", description="commit plan")

    def _plan_commit(self) -> None:
        try:
            result = self.project.commit(self.app.branch, dry_run=True)
            units = sum(1 for r in self.session.units() if r.state in ("accepted", "edited") and r.go.strip())
        except Exception as exc:  # noqa: BLE001 - no git, nothing accepted, a moved branch: one line
            self.post_message(self.CommitFailed(describe(exc)))
        else:
            self.post_message(self.CommitPlanned(result.branch, list(result.files), units))

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
        self.app.push_screen(CommitScreen(event.branch, event.files, event.units), confirmed)

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

    # ---- filter, zoom, help, cancel, quit --------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", FilterInput)
        box.add_class("-active")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._close_filter()
        self.unit_list.focus()

    @on(FilterInput.Cleared)
    def _filter_cleared(self) -> None:
        self._close_filter()
        self.unit_list.focus()

    def _close_filter(self) -> None:
        box = self.query_one("#filter", FilterInput)
        box.remove_class("-active")
        if box.value:
            box.value = ""
        self._apply_filter("")

    def _apply_filter(self, text: str) -> None:
        self._filter_text = text.strip()
        self.unit_list.apply_filter(make_filter(self._filter_text))
        self._update_titles()
        if self.unit_list.current_id is None:
            self._show(None)

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        target = self.focused
        if target is None or not target.allow_maximize:
            target = self.unit_list
        self.maximize(target, container=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_rows()))

    def action_cancel(self) -> None:
        if self.cancel_translation():
            return
        if self.maximized is not None:
            self.minimize()
            return
        if self._filter_text or self.query_one("#filter", FilterInput).has_class("-active"):
            self._close_filter()
            self.unit_list.focus()

    def action_quit(self) -> None:
        self.app.exit()
