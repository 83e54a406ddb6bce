"""The review screen: units on one side, the Python beside its Go, the notes, and a status bar.

Everything slow runs in thread workers (translation, checks, hazard notes for the whole scan,
commit planning), so the screen answers keys while they work. Results come back as messages.
"""

from __future__ import annotations

import gc
import os
import re
import shlex
import subprocess
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, TextArea

from gotui.errors import describe
from gotui.parse.units import python_qualname
from gotui.verify.jail import isolation
from gotui.screens.commit import CommitScreen
from gotui.screens.diff import DiffScreen, unified_go_diff
from gotui.screens.help import HelpScreen
from gotui.screens.instruction import InstructionScreen
from gotui.widgets.code_pane import CodePane
from gotui.widgets.line_map import LineMap, build_line_map
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
    from gotui.llm.base import Translation
    from gotui.session.store import Attempt, UnitRecord
    from gotui.verify.check import CheckResult

NARROW_BELOW = 120  # columns: under this the panes stack (portrait, like lazygit)
FILTER_FIELDS = ("name", "path", "state", "kind", "rule", "check")
CHECKABLE = ("converted", "accepted", "edited")  # states whose Go `gotui check` checks (gotui.verify.check)
CHECK_BATCHES = 8  # `T` checks in at most this many runs (each builds every unit's Go once): progress between
CHECK_BATCH_MIN = 25  # units per run at least
LIST_SHARE = (12, 70, 4)  # the list's share of the width (stacked: height), percent: min, max, step
PYTHON_SHARE = (20, 80, 10)  # the Python pane's share of the code area, percent: min, max, step
# What still works while the Go pane is being edited in place (everything else waits for ^s or Esc).
EDITING_ACTIONS = frozenset({"save_edit", "cancel", "help", "zoom", "copy_go", "toggle_sync", "divider_left", "divider_right"})
# Keys that move the focus run as soon as they arrive (priority bindings), so the keys after them
# in the same read (`/cart` over a slow link, `i` then typing) go to the new focus, not the list
# where `c` would commit. In a text field they are text (check_action).
PRIORITY_ACTIONS = frozenset({"filter", "edit_inline"})
_ERROR_LINE = re.compile(r"^line (\d+): ")


@dataclass
class ViewPrefs:
    """How the screen is laid out, kept by the app for the whole run (`<` `>` and `s` change it)."""

    list_share: int | None = None  # percent of the width (stacked: height); None = the stylesheet's
    python_share: int = 50  # percent of the code area for the Python pane
    sync: bool = True  # the Python pane follows the Go cursor, and back


@dataclass
class CheckJob:
    """`t` or `T`: units checked in a thread worker, a batch at a time."""

    batches: list[list[str]]
    cancel: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    counts: Counter = field(default_factory=Counter)
    results: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(b) for b in self.batches)


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
            "check": row.check_status or "unchecked",
        }
        for name, value in parsed:
            if name is not None:
                if value not in fields[name]:
                    return False
            elif not any(value in f for f in fields.values()):
                return False
        return True

    return keep


def match_tier(row: UnitRow, text: str) -> int | None:
    """How closely a filter names a unit: 0 qualname as typed, 1 in any case, 2 name as typed, 3 in any case."""
    words = [t for t in text.split() if ":" not in t or t.split(":", 1)[0].lower() not in FILTER_FIELDS]
    qualname = row.qualname
    name = python_qualname(qualname).rsplit(".", 1)[-1]
    if qualname in words:
        return 0
    lower = {w.lower() for w in words}
    if qualname.lower() in lower:
        return 1
    if name in words:
        return 2
    return 3 if name.lower() in lower else None


def exact_match(rows: Iterable[UnitRow], text: str) -> str | None:
    """The unit a filter names outright: a plain word equal to its qualified name, else to its name.

    So `/subtotal` or `/Cart.subtotal` selects that unit even when other names contain the word.
    The filter ignores case; here the exact spelling wins over another case (`A` and `a` are
    both methods of Django's DateFormat), then the first in list order.
    """
    best: tuple[int, str] | None = None
    for row in rows:
        tier = match_tier(row, text)
        if tier == 0:
            return row.id
        if tier is not None and (best is None or tier < best[0]):
            best = (tier, row.id)
    return best[1] if best else None


def _takes_text(widget: object) -> bool:
    return isinstance(widget, Input) or (isinstance(widget, TextArea) and not widget.read_only)


def check_batches(ids: list[str], paths: list[str]) -> list[list[str]]:
    """Split `T`'s units into at most about CHECK_BATCHES runs, cutting between files where it can."""
    size = max(CHECK_BATCH_MIN, -(-len(ids) // CHECK_BATCHES))
    batches: list[list[str]] = []
    current: list[str] = []
    for i, (uid, path) in enumerate(zip(ids, paths)):
        if current and len(current) >= size and path != paths[i - 1]:
            batches.append(current)
            current = []
        current.append(uid)
        if len(current) >= 2 * size:  # one huge file: cut inside it
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


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
        Binding("i", "edit_inline", "edit here", id="edit_inline", show=False, priority=True),
        Binding("ctrl+s", "save_edit", "save", id="save_edit", show=False),
        Binding("r", "regenerate", "regen", id="regenerate"),
        Binding("R", "regenerate_with_instruction", "regen with…", id="regenerate_with_instruction", show=False),
        Binding("left_square_bracket", "previous_attempt", "older attempt", id="previous_attempt", show=False),
        Binding("right_square_bracket", "next_attempt", "newer attempt", id="next_attempt", show=False),
        Binding("D", "diff_attempts", "attempt diff", id="diff_attempts", show=False),
        Binding("n", "next_attention", "next", id="next_attention"),
        Binding("N", "previous_attention", "previous", id="previous_attention", show=False),
        Binding("u", "undo", "undo", id="undo"),
        Binding("c", "commit", "commit", id="commit"),
        Binding("y", "copy_go", "copy", id="copy", show=False),
        Binding("slash", "filter", "filter", id="filter", priority=True),
        Binding("t", "check_unit", "check", id="check"),
        Binding("T", "check_all", "check all", id="check_all", show=False),
        Binding("z", "zoom", "zoom", id="zoom"),
        Binding("less_than_sign", "divider_left", "divider ←", id="divider_left", show=False),
        Binding("greater_than_sign", "divider_right", "divider →", id="divider_right", show=False),
        Binding("s", "toggle_sync", "sync", id="toggle_sync", show=False),
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
        "edit_inline": "edit the Go here, in the Go pane (^s saves as edited, esc cancels)",
        "save_edit": "while editing in the Go pane: save your Go (edited)",
        "regenerate": "translate the unit again, in the background (every attempt is kept)",
        "regenerate_with_instruction": "translate again with an instruction (\"use int64\")",
        "previous_attempt": "show the previous attempt's Go (kept at once; u undoes)",
        "next_attempt": "show the next attempt's Go",
        "diff_attempts": "diff this attempt's Go against the previous attempt (or your edit against its attempt)",
        "undo": "undo the unit's last change (decision, edit, attempt or translation)",
        "next_attention": "next unit needing attention: pending, converted, stale, or its check diverged / failed to build",
        "previous_attention": "previous unit needing attention",
        "check": "check this unit: build, vet and compare Go with Python on generated inputs",
        "check_all": "check every unit with Go, in the background (esc stops)",
        "commit": "commit the accepted Go to the branch (asks first; your checkout is untouched)",
        "copy": "copy the Go (or the Go pane's selection) to the clipboard, over SSH too (OSC 52)",
        "filter": "filter by name, path, state, note rule or check (state:stale rule:floor check:diverged)",
        "zoom": "zoom the focused pane to the whole screen, and back",
        "divider_left": "move the divider left (up when stacked): the list's if it has focus, else Python|Go",
        "divider_right": "move the divider right (down when stacked)",
        "toggle_sync": "scroll sync on/off: the Python pane follows the Go cursor line by line, and back",
        "cancel": "stop translating or checking, or cancel the edit in the Go pane; else leave zoom; else clear the filter",
        "quit": "quit (decisions are already saved)",
    }

    # Names in the command palette (ctrl+p), one per binding.
    TITLES: ClassVar[dict[str, str]] = {
        "help": "Help: keys and badges",
        "next_unit": "Next unit",
        "previous_unit": "Previous unit",
        "first_unit": "First unit",
        "last_unit": "Last unit",
        "accept": "Accept the Go",
        "reject": "Reject the Go",
        "edit": "Edit the Go in $EDITOR",
        "edit_inline": "Edit the Go here",
        "save_edit": "Save the edited Go",
        "regenerate": "Regenerate",
        "regenerate_with_instruction": "Regenerate with an instruction",
        "previous_attempt": "Previous attempt",
        "next_attempt": "Next attempt",
        "diff_attempts": "Diff against the previous attempt",
        "undo": "Undo",
        "next_attention": "Next unit needing attention",
        "previous_attention": "Previous unit needing attention",
        "check": "Check this unit",
        "check_all": "Check every unit",
        "commit": "Commit to the branch",
        "copy": "Copy the Go to the clipboard",
        "filter": "Filter the units",
        "zoom": "Zoom the focused pane",
        "divider_left": "Move the divider left",
        "divider_right": "Move the divider right",
        "toggle_sync": "Toggle scroll sync",
        "cancel": "Cancel / stop",
        "quit": "Quit gotui",
    }

    # Keys handled by the focused widget rather than the screen, listed in the help.
    OTHER_KEYS: ClassVar[list[tuple[str, str]]] = [
        ("↓ ↑", "move in the list, or in the focused pane"),
        ("PgDn PgUp Home End", "page / jump in the focused pane"),
        ("Tab Shift+Tab", "focus the next / previous pane"),
        ("Enter", "in the notes: show the note's line in the Python pane (a build error: its Go line)"),
        ("^p", "command palette: every action by name"),
        ("^z ^y f7", "while editing in the Go pane: undo / redo a change, select all"),
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

    class CheckLanded(Message):
        """A batch of `t` / `T` came back; `checked_go` is each unit's Go as it was when checked."""

        def __init__(self, job: CheckJob, batch: list[str], results: "list[CheckResult]", checked_go: dict[str, str]) -> None:
            super().__init__()
            self.job = job
            self.batch = batch
            self.results = results
            self.checked_go = checked_go

    class CheckFinished(Message):
        """The check job ended (`error`: it could not run, e.g. no Go toolchain)."""

        def __init__(self, job: CheckJob, error: str | None) -> None:
            super().__init__()
            self.job = job
            self.error = error

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

    @property
    def view(self) -> ViewPrefs:
        return self.app.view

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
        self._apply_split()

    def _apply_split(self) -> None:
        """The list's share and the Python:Go split from the view preferences, for either layout."""
        left = self.query_one("#left")
        python, go = self.python_pane, self.go_pane
        narrow = self.has_class("-narrow")
        share = self.view.list_share
        for prop in ("width", "height", "min_width", "max_width", "min_height", "max_height"):
            setattr(left.styles, prop, None)  # back to the stylesheet's
        if share is not None:
            if narrow:
                left.styles.height = f"{share}%"
                left.styles.min_height = 3
            else:
                left.styles.width = f"{share}%"
                left.styles.min_width = 16
                left.styles.max_width = "100%"
        p = self.view.python_share
        for pane in (python, go):
            pane.styles.width = None
            pane.styles.height = None
        if p != 50:
            prop = "height" if narrow else "width"
            setattr(python.styles, prop, f"{p}fr")
            setattr(go.styles, prop, f"{100 - p}fr")

    # ---- showing the current unit --------------------------------------------------------------

    @on(UnitList.Highlighted)
    def _unit_highlighted(self, event: UnitList.Highlighted) -> None:
        self._show(event.unit_id)

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
        for b in self.BINDINGS:
            if isinstance(b, Binding) and b.id:
                rows.append((self.app.key_for(b.id, b.key) or "(none)", self.HELP.get(b.id, b.description)))
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

    # ---- editing in place, copying -------------------------------------------------------------

    def action_edit_inline(self) -> None:
        uid = self._current_id()
        if uid is None or self._editing is not None:
            return
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return
        rec = self._safe(self.session.require, uid)
        if rec is None:
            return
        self._records[uid] = rec
        original = rec.go if rec.go.strip() else f"// {rec.qualname}: write the Go for this unit here\n"
        self._show(uid)
        self._editing, self._edit_original = uid, original
        go = self.go_pane
        if self.maximized is not None and self.maximized is not go:
            self.minimize()
        go.start_editing(original)
        self.unit_list.disabled = True  # the unit stays put until ^s or Esc
        self.set_focus(go)  # at once (not after a refresh): keys already queued are text
        go.border_title = (f"Go · ✎ EDITING {rec.qualname} · {self.app.key_for('save_edit', 'ctrl+s')} saves · "
                           f"{self.app.key_for('cancel', 'escape')} cancels")
        self._update_status()

    def action_save_edit(self) -> None:
        uid = self._editing
        if uid is None:
            return
        text = self.go_pane.text
        if text == self._edit_original:
            self.app.notify("Go unchanged", timeout=3)
            self._stop_editing()
            return
        if not text.strip():
            self.app.notify(f"empty Go is not saved: write some, or {self.app.key_for('cancel', 'escape')} to cancel",
                            severity="warning", timeout=5)
            return
        new = self._safe(self.session.edit, uid, text)
        if new is None:
            return  # the error is on screen; the text stays for another try
        self._stop_editing()
        self._refresh_unit(uid, new)
        self.app.notify(f"saved your Go for {new.qualname} (edited)", timeout=3)

    def cancel_edit(self) -> bool:
        """Esc while editing: the stored Go comes back. True when there was an edit to cancel."""
        if self._editing is None:
            return False
        self._stop_editing()
        self.app.notify("edit cancelled: the Go is as it was", timeout=3)
        return True

    def _stop_editing(self) -> None:
        uid, self._editing = self._editing, None
        go = self.go_pane
        go.stop_editing()
        units = self.unit_list
        units.disabled = False
        self.set_focus(units)
        if self._filter_text:
            self._apply_filter(self._filter_text)
        if uid is not None:
            self._show(uid if units.current_id == uid else units.current_id)
        self._update_status()

    @property
    def editing(self) -> str | None:
        """The unit whose Go is being edited in the Go pane, if any."""
        return self._editing

    def action_copy_go(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        go = self.go_pane
        selected = go.selected_text if go.has_focus else ""
        if selected:
            text, what = selected, "the selected Go"
        else:
            rec = self._records.get(uid)
            text = go.text if self._editing == uid else (rec.go if rec is not None else "")
            what = "the Go"
        if not text.strip():
            self.app.notify(f"{uid} has no Go to copy yet", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(text)
        lines = len(text.splitlines()) or 1
        self.app.notify(f"copied {what} ({lines} line{'s' if lines != 1 else ''}) to the clipboard", timeout=3)

    # ---- attempts --------------------------------------------------------------------------------

    def action_previous_attempt(self) -> None:
        self._switch_attempt(-1)

    def action_next_attempt(self) -> None:
        self._switch_attempt(+1)

    def _switch_attempt(self, step: int) -> None:
        uid = self._current_id()
        if uid is None:
            return
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return
        rec = self._records.get(uid)
        attempts = self._attempts(uid)
        if rec is None or not attempts:
            self.app.notify(f"{uid} has no attempt with Go yet: r translates it", timeout=3)
            return
        pos = self._attempt_position(attempts, rec)
        target = (len(attempts) - 1 if step < 0 else None) if pos is None else pos + step
        if target is None or not 0 <= target < len(attempts):
            which = "first" if step < 0 else "newest"
            self.app.notify(f"this is the {which} attempt ({len(attempts)} in all)", timeout=3)
            return
        was = rec.state
        new = self._safe(self.session.select_attempt, uid, attempts[target].id)
        if new is None:
            return
        self._refresh_unit(uid, new)
        undo = self.app.key_for("undo", "u")
        note = f"; it was {was}, {undo} undoes" if was in ("accepted", "rejected", "edited") else ""
        self.app.notify(f"attempt {target + 1}/{len(attempts)}{note}", timeout=3)

    def action_diff_attempts(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        rec = self._records.get(uid)
        attempts = self._attempts(uid)
        if rec is None:
            return
        pos = self._attempt_position(attempts, rec)
        n = len(attempts)
        if pos is not None and rec.go != attempts[pos].go:
            old, new = attempts[pos].go, rec.go
            names = (f"attempt {pos + 1}/{n}", f"{rec.state} (now)")
        elif pos is not None and pos > 0:
            old, new = attempts[pos - 1].go, attempts[pos].go
            names = (f"attempt {pos}/{n}", f"attempt {pos + 1}/{n} (now)")
        elif pos == 0 and n > 1:
            old, new = attempts[0].go, attempts[1].go
            names = (f"attempt 1/{n} (now)", f"attempt 2/{n}")
        else:
            self.app.notify(f"{rec.qualname}: only one version of its Go, nothing to compare "
                            f"({self.app.key_for('regenerate', 'r')} makes another attempt)", timeout=4)
            return
        diff = unified_go_diff(old, new, names[0], names[1])
        if not diff:
            self.app.notify(f"{names[0]} and {names[1]} have the same Go", timeout=3)
            return
        self.app.push_screen(DiffScreen(f"{rec.qualname}: {names[0]} → {names[1]}", diff))

    # ---- check -------------------------------------------------------------------------------------

    def action_check_unit(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        rec = self._records.get(uid)
        if rec is None or not rec.go.strip() or rec.state not in CHECKABLE:
            why = "it has no Go yet" if rec is None or not rec.go.strip() else f"it is {rec.state}"
            self.app.notify(f"nothing to check for {uid}: {why} (converted, accepted and edited Go is checked)", timeout=4)
            return
        if self._busy[uid]:
            self.app.notify(f"{uid} is being translated: wait for the result first", severity="warning", timeout=4)
            return
        self._start_check([[uid]])

    def action_check_all(self) -> None:
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

    # ---- layout: dividers and scroll sync ------------------------------------------------------

    def action_divider_left(self) -> None:
        self._move_divider(-1)

    def action_divider_right(self) -> None:
        self._move_divider(+1)

    def _move_divider(self, direction: int) -> None:
        """The list's divider when the list (or its filter) has focus, else the one between Python and Go."""
        view = self.view
        focused = self.focused
        if focused is None or focused is self.unit_list or isinstance(focused, FilterInput):
            low, high, step = LIST_SHARE
            if view.list_share is None:
                left = self.query_one("#left")
                if self.has_class("-narrow"):
                    total, size = max(1, self.size.height), left.outer_size.height
                else:
                    total, size = max(1, self.size.width), left.outer_size.width
                view.list_share = round(size * 100 / total)
            view.list_share = max(low, min(high, view.list_share + direction * step))
        else:
            low, high, step = PYTHON_SHARE
            view.python_share = max(low, min(high, view.python_share + direction * step))
        self._apply_split()

    def action_toggle_sync(self) -> None:
        self.view.sync = not self.view.sync
        if self.view.sync:
            self._sync_from(self.go_pane)
        self.app.notify(f"scroll sync {'on: the Python follows the Go cursor' if self.view.sync else 'off'}", timeout=3)

    @on(TextArea.SelectionChanged)
    def _pane_cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        pane = event.text_area
        if pane.has_focus and pane in (self.go_pane, self.python_pane):
            self._sync_from(pane)  # type: ignore[arg-type]

    def line_map(self) -> LineMap | None:
        """The map between the Python and the Go shown now (cached for the pair of texts)."""
        python, go = self.python_pane.text, self.go_pane.text
        if not python or not go.strip():
            return None
        cached = self._line_map_cache
        if cached is not None and cached[0] == (python, go):
            return cached[1]
        line_map = build_line_map(python, go)
        self._line_map_cache = ((python, go), line_map)
        return line_map

    def _sync_from(self, source: CodePane) -> None:
        """Bring the other pane to the line the source pane's cursor is on, at the same height on screen."""
        if not self.view.sync or self.python_pane.shown_key is None:
            return
        line_map = self.line_map()
        if line_map is None:
            return
        row = source.cursor_location[0]
        if source is self.go_pane:
            target, other = line_map.go_to_python(row), self.python_pane
        else:
            target, other = line_map.python_to_go(row), self.go_pane
        other.align_row(target, row - int(source.scroll_offset.y))

    # ---- the command palette ---------------------------------------------------------------------

    def palette_commands(self) -> "list[SystemCommand]":
        """Every action of the screen by name, with what it does and its key (what check_action allows now)."""
        from textual.app import SystemCommand

        commands = []
        for b in self.BINDINGS:
            if not isinstance(b, Binding) or not b.id or self.check_action(b.action, ()) is False:
                continue
            title = self.TITLES.get(b.id, b.description)
            key = self.app.key_for(b.id, b.key)
            help_text = f"{self.HELP.get(b.id, b.description)} · " + (f"key {key}" if key else "no key")
            commands.append(SystemCommand(title, help_text, partial(self.run_action, b.action)))
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
        self.set_focus(box)  # at once: "/cart" arriving in one read filters, never commits

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._close_filter()
        self.set_focus(self.unit_list)

    @on(FilterInput.Cleared)
    def _filter_cleared(self) -> None:
        self._close_filter()
        self.set_focus(self.unit_list)

    def _close_filter(self) -> None:
        box = self.query_one("#filter", FilterInput)
        box.remove_class("-active")
        if box.value:
            box.value = ""
        self._apply_filter("")

    def _apply_filter(self, text: str) -> None:
        self._filter_text = text.strip()
        units = self.unit_list
        units.apply_filter(make_filter(self._filter_text))
        named = exact_match(units.visible_rows(), self._filter_text) if self._filter_text else None
        if named is not None and named != units.current_id:
            current = units.current
            # a filter that names a unit selects it, unless the cursor is already on a unit named as closely
            here = match_tier(current, self._filter_text) if current is not None else None
            named_row = units.row(named)
            there = match_tier(named_row, self._filter_text) if named_row is not None else None
            if here is None or (there is not None and there < here):
                units.select_id(named)
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
        if self.cancel_edit():
            return
        if self.cancel_translation() | self.cancel_check():
            return
        if self.maximized is not None:
            self.minimize()
            return
        if self._filter_text or self.query_one("#filter", FilterInput).has_class("-active"):
            self._close_filter()
            self.set_focus(self.unit_list)

    def action_quit(self) -> None:
        self.app.exit()
