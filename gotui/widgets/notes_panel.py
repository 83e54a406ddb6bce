"""The notes of the selected unit: translation problems first, then hazard notes by line.

Highlighting or choosing a hazard note (arrows or Enter while the panel has focus, or a click)
posts `NotesPanel.NoteChosen` with its line, and the screen moves the Python pane there. A line
about the Go (a build error from `t` check) posts `NotesPanel.GoLineChosen`, and the screen moves
the Go pane to it.

The title counts the unit's notes, every one of them a row that scrolling reaches, and says what
lies below the fold (`▼ 1 risk below`, `▼ 2 more`), so a risk is never hidden without a sign.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import ClassVar, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gotui.parse.note import Note

SEVERITY_GLYPHS = {"risk": "▲", "warning": "△", "info": "·"}
SEVERITY_STYLES = {"risk": "bold red", "warning": "yellow", "info": "dim"}


@dataclass
class UnitInfo:
    """A line of information about the unit that is not a hazard note (an error, a stale diff)."""

    kind: str  # "error", "warning", "info", "diff"
    text: str
    go_line: int | None = None  # a line of the unit's Go this is about (a build error): choosing it goes there


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def stale_diff(decided_source: str, source: str, line: int = 1) -> str:
    """A unified diff from the Python the decision was made on to the Python as it is now.

    Hunk headers count lines in the file (the unit starts at `line`), like `git diff`.
    """
    lines = list(difflib.unified_diff(decided_source.splitlines(), source.splitlines(), "decided", "now", lineterm="", n=1))
    out = []
    for text in lines[2:]:
        m = _HUNK.match(text)
        if m:
            a, b = int(m.group(1)) + line - 1, int(m.group(3)) + line - 1
            text = f"@@ -{a}{m.group(2) or ''} +{b}{m.group(4) or ''} @@"
        out.append(text)
    return "\n".join(out)


class NotesPanel(OptionList):
    """Hazard notes and translation problems for one unit."""

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    NotesPanel {
        height: 1fr;
        max-height: 100%;
        border: none;
        border-top: solid $panel-lighten-2;
        border-title-color: $foreground-muted;
        padding: 0;
        background: $surface;
        scrollbar-size-vertical: 1;
        scrollbar-background: $surface;
        scrollbar-color: $panel-lighten-2;
        &:focus {
            border: none;
            border-top: heavy $accent;
            border-title-color: $foreground;
            border-title-style: bold;
            background-tint: $foreground 0%;
        }
        & > .option-list--option { padding: 0 1 0 0; }
    }
    """

    class NoteChosen(Message):
        """A hazard note was highlighted or chosen: the Python pane should show its line."""

        def __init__(self, panel: "NotesPanel", note: Note) -> None:
            super().__init__()
            self.panel = panel
            self.note = note

        @property
        def control(self) -> "NotesPanel":
            return self.panel

    class GoLineChosen(Message):
        """A line about the Go (a build error) was highlighted or chosen: the Go pane should show it."""

        def __init__(self, panel: "NotesPanel", line: int) -> None:
            super().__init__()
            self.panel = panel
            self.line = line

        @property
        def control(self) -> "NotesPanel":
            return self.panel

    _EMPTY: ClassVar[str] = "no hazard notes for this unit"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._notes: dict[str, Note] = {}
        self._go_lines: dict[str, int] = {}
        self._key: tuple | None = None
        self._count_title = "Notes"

    def show_notes(self, notes: Sequence[Note], messages: Sequence[UnitInfo] = (), after: Sequence[UnitInfo] = ()) -> None:
        """Replace the panel's content (skipped when nothing changed, to keep the reader's place).

        `messages` come first (what went wrong), then the notes, then `after` (reference: the signature)."""
        key = (tuple(notes), tuple((m.kind, m.text, m.go_line) for m in [*messages, None, *after] if m is not None),
               len(messages))
        if key == self._key:
            return
        self._key = key
        options: list[Option] = []
        self._go_lines = {}
        for i, m in enumerate(messages):
            oid = f"msg-{i}"
            if m.go_line is not None:
                self._go_lines[oid] = m.go_line
            options.append(Option(_message_text(m), id=oid))
        self._notes = {}
        for i, n in enumerate(sorted(notes, key=lambda n: (n.line, n.rule))):
            oid = f"note-{i}"
            self._notes[oid] = n
            options.append(Option(_note_text(n), id=oid))
        if not notes:
            options.append(Option(Text(self._EMPTY, style="dim italic"), id="none"))
        options.extend(Option(_message_text(m), id=f"after-{i}") for i, m in enumerate(after))
        self.set_options(options)
        risk = sum(1 for n in notes if n.severity == "risk")
        parts = [f"{len(notes)} note{'s' if len(notes) != 1 else ''}"]
        if risk:
            parts.append(f"{risk} risk")
        self._count_title = "Notes · " + ", ".join(parts)
        self.border_title = self._count_title
        self.call_after_refresh(self.update_fold)

    def below_fold(self) -> tuple[int, int]:
        """(rows, risk notes) that start below the last line on screen: reached by scrolling, not seen now."""
        height = self.scrollable_content_region.height
        if height <= 0 or not self.option_count:
            return 0, 0
        fold = int(self.scroll_offset.y) + height
        starts = self._index_to_line  # option index -> its first line (OptionList's own layout of the rows)
        below = risk = 0
        for index, option in enumerate(self.options):
            if starts.get(index, 0) >= fold:
                below += 1
                note = self._notes.get(option.id or "")
                risk += note is not None and note.severity == "risk"
        return below, risk

    def update_fold(self) -> None:
        """The title with what is below the fold; called when the rows, the size or the scroll change."""
        below, risk = self.below_fold()
        title = self._count_title
        if risk:
            title += f" · ▼ {risk} risk below"
        elif below:
            title += f" · ▼ {below} more"
        if self.border_title != title:
            self.border_title = title

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.update_fold()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_fold)

    def _chosen(self, option_id: str | None) -> None:
        note = self._notes.get(option_id or "")
        if note is not None:
            self.post_message(self.NoteChosen(self, note))
        elif (line := self._go_lines.get(option_id or "")) is not None:
            self.post_message(self.GoLineChosen(self, line))

    def go_line_options(self) -> list[tuple[str, int]]:
        """(option id, Go line) of the lines about the Go, in the order shown."""
        return list(self._go_lines.items())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self and self.has_focus:
            self._chosen(event.option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self:
            self._chosen(event.option_id)


def _note_text(n: Note) -> Text:
    text = Text(no_wrap=False)
    text.append(f"{SEVERITY_GLYPHS.get(n.severity, '·')} L{n.line} ", style=SEVERITY_STYLES.get(n.severity, ""))
    text.append(f"{n.severity} ", style=SEVERITY_STYLES.get(n.severity, ""))
    text.append(f"[{n.rule}] ", style="bold")
    text.append(n.message)
    if n.go_hint:
        text.append("\n   go: ", style="dim")
        text.append(n.go_hint, style="italic")
    return text


def _message_text(m: UnitInfo) -> Text:
    if m.kind == "diff":
        text = Text()
        for i, line in enumerate(m.text.splitlines()):
            if i:
                text.append("\n")
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "dim"
            text.append(line, style=style)
        return text
    style = {"error": "bold red", "warning": "yellow", "info": ""}.get(m.kind, "")
    glyph = {"error": "✗ ", "warning": "! ", "info": "· "}.get(m.kind, "")
    if m.go_line is not None:
        text = Text(no_wrap=False)
        text.append(f"{glyph}Go L{m.go_line} ", style=style)
        text.append(m.text)
        return text
    return Text(glyph + m.text, style=style)
