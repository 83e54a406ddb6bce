"""How the screen is laid out and looked through: the list's width, dividers, wrapping, scroll sync,
where toasts go, the filter, zoom, help, cancel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.widgets._toast import ToastRack

from gotui.screens.help import HelpScreen
from gotui.widgets.code_pane import CodePane
from gotui.widgets.toasts import place_toasts
from gotui.widgets.line_map import LineMap, build_line_map

from gotui.screens.review.filters import exact_match, make_filter, match_tier


NARROW_BELOW = 120  # columns: under this the panes stack (portrait, like lazygit)
LIST_SHARE = (12, 70, 4)  # the list's share of the width (stacked: height), percent: min, max, step
LIST_MIN_WIDTH = 30  # columns: the list sized to its content is never narrower (side by side)
LIST_MAX_SHARE = 40  # percent of the width: nor wider, the code panes get the rest
PYTHON_SHARE = (20, 80, 10)  # the Python pane's share of the code area, percent: min, max, step


@dataclass
class ViewPrefs:
    """How the screen is laid out, kept by the app for the whole run (`<` `>` and `s` change it)."""

    list_share: int | None = None  # percent of the width (stacked: height); None = sized to the rows
    python_share: int = 50  # percent of the code area for the Python pane
    sync: bool = True  # the Python pane follows the Go cursor, and back
    wrap: bool = True  # long lines wrap in the code panes; off: they scroll sideways


def _takes_text(widget: object) -> bool:
    return isinstance(widget, Input) or (isinstance(widget, TextArea) and not widget.read_only)


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


class ViewControls(Screen):
    """The layout, dividers, wrapping, scroll sync, the `/` filter, zoom, help, cancel and quit."""

    def _apply_layout(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")
        self._apply_split(width)

    def list_width(self, width: int) -> int:
        """Side by side, the list's columns: its widest row with `file:line`, within its minimum and maximum."""
        most = max(LIST_MIN_WIDTH, width * LIST_MAX_SHARE // 100)
        return max(LIST_MIN_WIDTH, self.unit_list.content_width(most))

    def _apply_split(self, width: int | None = None) -> None:
        """The list's size and the Python:Go split from the view preferences, for either layout."""
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
        elif not narrow:
            left.styles.width = self.list_width(width or self.size.width or self.app.size.width)
        p = self.view.python_share
        for pane in (python, go):
            pane.styles.width = None
            pane.styles.height = None
        if p != 50:
            prop = "height" if narrow else "width"
            setattr(python.styles, prop, f"{p}fr")
            setattr(go.styles, prop, f"{100 - p}fr")
        self.call_after_refresh(self._place_toasts)

    def _place_toasts(self) -> None:
        """Toasts go over the top of the code panes, below their titles: never over the notes or the
        status bar. Side by side they cover the Python, so the Go being judged stays in view; stacked,
        the right-hand side, so the panes' titles stay readable."""
        try:
            rack = self.query_one(ToastRack)
        except NoMatches:  # notifications are off
            return
        python, notes, status = self.python_pane, self.notes_panel, self.status_bar
        top = python.region.y + 1 if python.region.height else 1
        left = python.region.x if python.region.width else 0
        bottom = notes.region.y if notes.region.height and notes.region.y > top else status.region.y
        side = "right" if self.has_class("-narrow") else "left"
        place_toasts(rack, top, left, max(1, self.size.width - left), max(1, bottom - top), side)

    def action_toggle_wrap(self) -> None:
        self.view.wrap = not self.view.wrap
        self._apply_wrap()
        self.app.notify("long lines wrap" if self.view.wrap else "long lines scroll sideways (the arrows or shift+wheel)", timeout=3)

    def _apply_wrap(self) -> None:
        for pane in (self.python_pane, self.go_pane):
            if pane.soft_wrap != self.view.wrap:
                pane.soft_wrap = self.view.wrap
        if self.view.sync and self.focused in (self.python_pane, self.go_pane):
            self.call_after_refresh(self._sync_from, self.focused)

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
        other.align_row(target, source.cursor_screen_row())

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
            self.call_after_refresh(self._place_toasts)
            return
        target = self.focused
        if target is None or not target.allow_maximize:
            target = self.unit_list
        self.maximize(target, container=False)
        self.call_after_refresh(self._place_toasts)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_rows()))

    def action_cancel(self) -> None:
        if self.cancel_edit():
            return
        if self.cancel_translation() | self.cancel_check():
            return
        if self.maximized is not None:
            self.minimize()
            self.call_after_refresh(self._place_toasts)
            return
        if self._filter_text or self.query_one("#filter", FilterInput).has_class("-active"):
            self._close_filter()
            self.set_focus(self.unit_list)

    def action_quit(self) -> None:
        self.app.exit()

