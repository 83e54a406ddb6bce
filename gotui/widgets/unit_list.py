"""The list of units: one line per unit, drawn on demand, so 10,000 units cost what 30 do.

A line API widget (ScrollView + render_line): only the rows on screen are ever rendered, and a
unit's badge changing repaints one line. Rows are plain `UnitRow` objects owned by the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar, Iterable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# State and display: (glyph, word, component class). Words are spelt out: the badge must read
# the same with NO_COLOR or on a 256-colour terminal.
BADGES: dict[str, tuple[str, str]] = {
    "pending": ("·", "pending"),
    "converted": ("●", "converted"),
    "partial": ("◐", "partial"),
    "accepted": ("✓", "accepted"),
    "rejected": ("✗", "rejected"),
    "edited": ("✎", "edited"),
    "stale": ("±", "stale"),
    "failed": ("!", "failed"),
    "working": ("…", "working"),
}
BADGE_WIDTH = 2 + max(len(w) for _, w in BADGES.values())  # glyph, space, word
FAILED_CHECKS = ("diverged", "build_failed")  # `gotui check` results that need a person
# `gotui check` (or `t` in the screen): one column after the state badge.
CHECK_BADGES: dict[str, tuple[str, str]] = {
    "pass": ("✓", "pass"),
    "diverged": ("≠", "diverged"),
    "build_failed": ("✗", "build failed"),
    "untested": ("?", "untested"),
}
KIND_LETTERS = {"function": "f", "method": "m", "class": "c"}
ROW_CHROME = 1 + BADGE_WIDTH + 3 + 2  # cursor, badge, gap, check, risk, kind letter and its space


def is_stop_reason(error: str | None) -> bool:
    """A translation that was never tried (cancelled, over budget) rather than one that failed."""
    return bool(error) and (error == "cancelled" or error.startswith("budget reached"))


def badge_counts(rows: Iterable["UnitRow"]) -> dict[str, int]:
    """How many rows show each badge: the one count behind the list, the status bar and the titles."""
    counts: dict[str, int] = {}
    for row in rows:
        key = row.badge
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True)
class RowWidths:
    """The widest parts of a set of rows, to size the list to its content and lay out every row the same way."""

    name: int = 0  # the longest qualified name
    usual_name: int = 0  # the 95th percentile: a name longer than this is unusual (a long test name)
    file_loc: int = 0  # the longest `file.py:line`
    path_loc: int = 0  # the longest `dir/file.py:line`
    file_row: int = 0  # the longest `name file.py:line`
    path_row: int = 0  # the longest `name dir/file.py:line`

    @classmethod
    def of(cls, rows: Iterable["UnitRow"]) -> "RowWidths":
        names: list[int] = []
        longest: dict[str, list[int]] = {}  # path -> [its longest name, its last line]: a path holds many units
        for r in rows:
            n = len(r.qualname)
            names.append(n)
            seen = longest.get(r.path)
            if seen is None:
                longest[r.path] = [n, r.line]
            else:
                if n > seen[0]:
                    seen[0] = n
                if r.line > seen[1]:
                    seen[1] = r.line
        if not names:
            return cls()
        file_loc = path_loc = file_row = path_row = 0
        for path, (n, line) in longest.items():  # a name and a line number from two rows of a file: at most a column too wide
            digits = len(str(line)) + 1
            b = len(path.rsplit("/", 1)[-1]) + digits
            p = len(path) + digits
            file_loc, path_loc = max(file_loc, b), max(path_loc, p)
            file_row, path_row = max(file_row, n + 1 + b), max(path_row, n + 1 + p)
        names.sort()
        return cls(names[-1], names[max(0, -(-len(names) * 95 // 100) - 1)], file_loc, path_loc, file_row, path_row)

    def location(self, room: int) -> str:
        """What every row shows after its name in `room` columns: "path" (whole), "file" (its name) or "".

        Names come first: `file:line` shows only when it leaves every usual name whole, and then on
        every row, so the column never comes and goes from one row to the next.
        """
        if room >= self.path_row:
            return "path"  # every row whole with the whole path
        if room >= self.file_row or room - 1 - self.file_loc >= self.usual_name:
            return "file"
        return ""

    def width(self, most: int) -> int:
        """Columns for the rows' content (`ROW_CHROME` and the scrollbar included), at most `most`."""
        whole = ROW_CHROME + self.file_row + 1
        if whole <= most or self.location(most - ROW_CHROME - 1):
            return min(whole, most)
        return min(most, ROW_CHROME + self.name + 1)  # names only: as wide as the longest name


@dataclass(slots=True)
class UnitRow:
    """What the list shows of one unit; the screen keeps these in step with the session."""

    id: str
    qualname: str
    path: str
    line: int
    kind: str
    state: str = "pending"
    status: str = ""
    error: str | None = None
    check_status: str | None = None
    busy: bool = False
    risk: int = 0  # hazard notes of severity "risk" inside the unit
    rules: tuple[str, ...] = ()  # rule names of the unit's notes

    @property
    def badge(self) -> str:
        """The badge key: the state, refined by what happened to the last translation."""
        if self.busy:
            return "working"
        if self.state == "pending" and self.error and not is_stop_reason(self.error):
            return "failed"
        if self.state == "converted" and self.status and self.status != "converted":
            return "partial"
        return self.state

    @property
    def needs_attention(self) -> bool:
        """Waiting for a person: not translated, not decided, stale, or failing its check."""
        if self.state in ("pending", "converted", "stale"):
            return True
        return self.state in ("accepted", "edited") and self.check_status in FAILED_CHECKS


class UnitList(ScrollView, can_focus=True, inherit_bindings=False):
    """Every unit with its state badge, kind, qualified name and file."""

    ALLOW_MAXIMIZE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "unit-list--cursor",
        "unit-list--cursor-blurred",
        "unit-list--kind",
        "unit-list--path",
        "unit-list--risk",
        "unit-list--empty",
        *(f"unit-list--{key}" for key in BADGES),
        *(f"unit-list--check-{key}" for key in CHECK_BADGES),
    }

    DEFAULT_CSS = """
    UnitList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        scrollbar-background: $surface;
        scrollbar-color: $panel-lighten-2;
        border-top: solid $panel-lighten-2;
        border-title-color: $foreground-muted;
        &:focus {
            border-top: heavy $accent;
            border-title-color: $foreground;
            border-title-style: bold;
        }
        & > .unit-list--cursor { background: $primary 45%; text-style: bold; }
        & > .unit-list--cursor-blurred { background: $foreground 12%; }
        & > .unit-list--kind { color: $foreground-muted; }
        & > .unit-list--path { color: $foreground-muted; }
        & > .unit-list--risk { color: $error; text-style: bold; }
        & > .unit-list--empty { color: $foreground-muted; text-style: italic; }
        & > .unit-list--pending { color: $foreground-muted; }
        & > .unit-list--converted { color: $foreground; text-style: bold; }
        & > .unit-list--partial { color: $warning; }
        & > .unit-list--accepted { color: $success; }
        & > .unit-list--rejected { color: $error; }
        & > .unit-list--edited { color: $success; text-style: italic; }
        & > .unit-list--stale { color: $warning; text-style: bold; }
        & > .unit-list--failed { color: $error; text-style: bold; }
        & > .unit-list--working { color: $foreground-muted; text-style: italic; }
        & > .unit-list--check-pass { color: $success; }
        & > .unit-list--check-diverged { color: $error; text-style: bold; }
        & > .unit-list--check-build_failed { color: $error; text-style: bold; }
        & > .unit-list--check-untested { color: $foreground-muted; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the highlighted row among the visible (filtered) rows."""

    class Highlighted(Message):
        """The cursor moved to another unit (or the list became empty: unit_id is None)."""

        def __init__(self, unit_list: "UnitList", unit_id: str | None) -> None:
            super().__init__()
            self.unit_list = unit_list
            self.unit_id = unit_id

        @property
        def control(self) -> "UnitList":
            return self.unit_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[UnitRow] = []
        self._by_id: dict[str, int] = {}
        self._visible: list[int] = []  # indexes into _rows, in display order
        self._position: dict[int, int] = {}  # row index -> visible position
        self._announced: str | None = None
        self._styles: dict[str, Style] = {}
        self._widths: RowWidths | None = None
        self.empty_text = "no units"

    # ---- data ----------------------------------------------------------------------------------

    @property
    def rows(self) -> list[UnitRow]:
        return self._rows

    @property
    def visible_count(self) -> int:
        return len(self._visible)

    def row(self, unit_id: str) -> UnitRow | None:
        i = self._by_id.get(unit_id)
        return self._rows[i] if i is not None else None

    def visible_rows(self) -> Iterable[UnitRow]:
        return (self._rows[i] for i in self._visible)

    def set_rows(self, rows: list[UnitRow]) -> None:
        current = self.current_id
        self._rows = rows
        self._widths = None
        self._by_id = {r.id: i for i, r in enumerate(rows)}
        self._set_visible(list(range(len(rows))), keep=current)

    @property
    def widths(self) -> RowWidths:
        """The widest parts of every row (all rows, not only the filtered ones: the list keeps its width while filtering)."""
        if self._widths is None:
            self._widths = RowWidths.of(self._rows)
        return self._widths

    def content_width(self, most: int) -> int:
        """Columns the rows need, the scrollbar included, at most `most`: whole with `file:line` when that fits."""
        return self.widths.width(most)

    def badge_counts(self) -> dict[str, int]:
        return badge_counts(self._rows)

    def apply_filter(self, keep: Callable[[UnitRow], bool] | None) -> int:
        """Show only the rows `keep` accepts (all rows for None); returns how many are shown."""
        current = self.current_id
        if keep is None:
            visible = list(range(len(self._rows)))
        else:
            visible = [i for i, r in enumerate(self._rows) if keep(r)]
        self._set_visible(visible, keep=current)
        return len(visible)

    def _set_visible(self, visible: list[int], keep: str | None) -> None:
        self._visible = visible
        self._position = {row: pos for pos, row in enumerate(visible)}
        self.virtual_size = Size(self.scrollable_content_region.width, len(visible))
        target = 0
        if keep is not None and keep in self._by_id:
            target = self._position.get(self._by_id[keep], 0)
        self.set_reactive(UnitList.cursor, max(0, min(target, len(visible) - 1)))
        self._cursor_moved()
        self.refresh()

    def refresh_unit(self, unit_id: str) -> None:
        """Repaint one unit's line (its badge or flags changed)."""
        i = self._by_id.get(unit_id)
        if i is None:
            return
        pos = self._position.get(i)
        if pos is not None:
            y = pos - self.scroll_offset.y
            if 0 <= y < self.scrollable_content_region.height:
                self.refresh_line(y)

    # ---- the cursor ----------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        if not self._visible:
            return None
        return self._rows[self._visible[max(0, min(self.cursor, len(self._visible) - 1))]].id

    @property
    def current(self) -> UnitRow | None:
        uid = self.current_id
        return self._rows[self._by_id[uid]] if uid is not None else None

    def select_id(self, unit_id: str) -> bool:
        """Move the cursor to a unit; False when it is filtered out or unknown."""
        i = self._by_id.get(unit_id)
        pos = self._position.get(i) if i is not None else None
        if pos is None:
            return False
        self.cursor = pos
        return True

    def find(self, predicate: Callable[[UnitRow], bool], forward: bool = True) -> str | None:
        """The next (or previous) visible unit after the cursor for which predicate holds, wrapping round."""
        n = len(self._visible)
        for step in range(1, n + 1):
            pos = (self.cursor + step) % n if forward else (self.cursor - step) % n
            row = self._rows[self._visible[pos]]
            if predicate(row):
                return row.id
        return None

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._visible) - 1)) if self._visible else 0

    def watch_cursor(self, old: int, new: int) -> None:
        for pos in (old, new):
            y = pos - self.scroll_offset.y
            if 0 <= y < self.scrollable_content_region.height:
                self.refresh_line(y)
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()
        uid = self.current_id
        if uid != self._announced:
            self._announced = uid
            self.post_message(self.Highlighted(self, uid))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._visible))
        self.call_after_refresh(self._scroll_to_cursor)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._visible) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        pos = int(self.scroll_offset.y) + offset.y
        if 0 <= pos < len(self._visible):
            self.cursor = pos

    # ---- drawing -------------------------------------------------------------------------------

    # Styles are looked up once per style change, not once per line drawn.
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == "":
                style = self.rich_style
            elif name.endswith("+row"):  # the cursor row: the widget's style with the cursor's background
                cursor = self.get_component_rich_style(name[:-4])
                style = self.rich_style + Style(bgcolor=cursor.bgcolor, bold=cursor.bold)
            elif name.startswith("fg:"):
                style = _fg(self.get_component_rich_style(name[3:]))
            else:
                style = self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _on_focus(self, event: events.Focus) -> None:
        self._styles.clear()
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._styles.clear()
        super()._on_blur(event)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("")
        pos = int(self.scroll_offset.y) + y
        if pos >= len(self._visible):
            if pos == 0:
                text = f" {self.empty_text if not self._rows else 'no unit matches the filter'}"[:width]
                return Strip([Segment(text, base + self._style("unit-list--empty"))]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        row = self._rows[self._visible[pos]]
        is_cursor = pos == self.cursor
        if is_cursor:
            name = "unit-list--cursor" if self.has_focus else "unit-list--cursor-blurred"
            base = self._style(name + "+row")
        return Strip(self._row_segments(row, base, width, is_cursor)).adjust_cell_length(width, base)

    def _row_segments(self, row: UnitRow, base: Style, width: int, is_cursor: bool) -> list[Segment]:
        style = self._style
        key = row.badge
        glyph, word = BADGES.get(key, ("?", key))
        kind_style = base + style("fg:unit-list--kind")
        segs = [
            Segment("›" if is_cursor else " ", base),
            Segment(f"{glyph} {word:<{BADGE_WIDTH - 2}}", base + style(f"fg:unit-list--{key}")),
            Segment(" ", base),
            _check_segment(row.check_status, base, style),
            Segment("▲" if row.risk else " ", base + style("fg:unit-list--risk")),
            Segment(f"{KIND_LETTERS.get(row.kind, '?')} ", kind_style),
        ]
        room = width - ROW_CHROME
        if room <= 0:
            return segs
        name = row.qualname
        # every row shows the same thing after its name: the whole path, the file name, or nothing
        shown = self.widths.location(room)
        location = "" if not shown else f"{row.path if shown == 'path' else row.path.rsplit('/', 1)[-1]}:{row.line}"
        fits = room - (len(location) + 1 if location else 0)
        if len(name) > fits:
            name = name[: max(0, fits - 1)] + "…"
        segs.append(Segment(name, base))
        if location:
            segs.append(Segment(" " * (room - len(name) - len(location)) + location, base + style("fg:unit-list--path")))
        return segs


def _check_segment(check: str | None, base: Style, style: Callable[[str], Style]) -> Segment:
    if not check:
        return Segment(" ", base)
    glyph = CHECK_BADGES.get(check, ("?", check))[0]
    return Segment(glyph, base + style(f"fg:unit-list--check-{check if check in CHECK_BADGES else 'untested'}"))


def _fg(style: Style) -> Style:
    """Only the foreground and emphasis of a component style: the row's background wins."""
    return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim)
