"""A syntax-highlighted code pane (Python or Go) with the unit's real line numbers.

Read-only while reviewing; `start_editing()` makes it editable in place (the `i` key) and marks
it (`-editing`: a warning-coloured rule and a tinted background), `stop_editing()` makes it
read-only again and forgets what it showed, so the next `show()` loads the stored text.

Long lines wrap (soft wrap, the default) or scroll sideways; the screen's `w` switches between the
two for both panes. Rows on screen are counted after wrapping, so scroll sync lines up either way.
"""

from __future__ import annotations

from textual.widgets import TextArea


class CodePane(TextArea):
    """Read-only code. `show()` loads text only when it differs, so moving between units stays cheap."""

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    CodePane {
        width: 1fr;
        height: 1fr;
        border: none;
        border-top: solid $panel-lighten-2;
        border-title-color: $foreground-muted;
        border-subtitle-color: $foreground-muted;
        padding: 0;
        background: $surface;
        scrollbar-size: 1 1;
        scrollbar-background: $surface;
        scrollbar-color: $panel-lighten-2;
        scrollbar-corner-color: $surface;
        &:focus {
            border: none;
            border-top: heavy $accent;
            border-title-color: $foreground;
            border-title-style: bold;
        }
        & .text-area--cursor-line { background: $boost; }
        & .text-area--placeholder { color: $foreground-muted; text-style: italic; }
        &.-editing {
            border-top: heavy $warning;
            border-title-color: $warning;
            border-title-style: bold;
            background: $warning 6%;
        }
        &.-editing:focus { border-top: heavy $warning; }
    }
    """

    def __init__(self, language: str, *, wrap: bool = True, id: str | None = None, classes: str | None = None) -> None:
        # plain text until the first frame is on screen: TextArea compiles its tree-sitter highlight
        # query whenever its language is set (about 25 ms a language, twice from its constructor),
        # and that would all come before the review's first paint
        super().__init__(
            "",
            language=None,
            read_only=True,
            show_line_numbers=True,
            soft_wrap=wrap,
            id=id,
            classes=classes,
        )
        self.cursor_blink = False
        self._shown: tuple[str | None, str, int] = (None, "", 1)
        self._syntax = language

    def on_mount(self) -> None:
        self.call_after_refresh(self._highlight)

    def _highlight(self) -> None:
        """Colour the code (once, a frame after the first): the cursor and scroll stay where they are."""
        cursor, scroll = self.cursor_location, self.scroll_offset
        self.language = self._syntax
        self.move_cursor(cursor)
        self.scroll_to(x=scroll.x, y=scroll.y, animate=False, immediate=True)

    @property
    def shown_key(self) -> str | None:
        return self._shown[0]

    def show(self, key: str | None, text: str, line_start: int = 1, placeholder: str = "") -> bool:
        """Show `text` for `key` (a unit id); returns True when the text was (re)loaded."""
        self.placeholder = placeholder
        if self._shown == (key, text, line_start):
            return False
        same_unit = self._shown[0] == key
        self._shown = (key, text, line_start)
        if self.line_number_start != line_start:
            self.line_number_start = line_start
        cursor = self.cursor_location
        # Replace the text in the existing document rather than loading a new one: a new document
        # compiles its tree-sitter highlight query again (milliseconds, on every move).
        self.replace(text, self.document.start, self.document.end, maintain_selection_offset=False)
        self.history.clear()
        if same_unit:
            # the same unit's text changed (a translation landed): keep the reader's place if it still exists
            row = min(cursor[0], max(0, self.document.line_count - 1))
            self.move_cursor((row, 0))
        else:
            self.move_cursor((0, 0))
            self.scroll_home(animate=False, immediate=True)
        return True

    @property
    def editing(self) -> bool:
        return not self.read_only

    def start_editing(self, text: str | None = None) -> None:
        """Make the pane editable (optionally with `text` to start from), keeping the cursor's row."""
        row = self.cursor_location[0]
        if text is not None and text != self.text:
            self.replace(text, self.document.start, self.document.end, maintain_selection_offset=False)
            self.move_cursor((min(row, max(0, self.document.line_count - 1)), 0))
        self.history.clear()
        self.read_only = False
        self.add_class("-editing")

    def stop_editing(self) -> None:
        """Read-only again; the text shown is forgotten, so `show()` reloads what is stored."""
        self.read_only = True
        self.remove_class("-editing")
        self.history.clear()
        self._shown = (None, "", self.line_number_start)

    def visual_row(self, row: int) -> int:
        """The line of the scrolled content a document row starts on: itself, unless lines above it wrap."""
        row = max(0, min(row, self.document.line_count - 1))
        return self.wrapped_document.location_to_offset((row, 0)).y if self.soft_wrap else row

    def cursor_screen_row(self) -> int:
        """How many lines below the top of the pane the cursor's row is drawn."""
        return self.visual_row(self.cursor_location[0]) - int(self.scroll_offset.y)

    def align_row(self, row: int, screen_offset: int) -> None:
        """Put the cursor on `row` (counted from 0) and scroll so it sits `screen_offset` lines from the top."""
        row = max(0, min(row, self.document.line_count - 1))
        self.move_cursor((row, 0))
        height = self.scrollable_content_region.height
        offset = max(0, min(screen_offset, height - 1)) if height > 0 else 0
        self.scroll_to(y=max(0, self.visual_row(row) - offset), animate=False, immediate=True)

    def go_to_line(self, line: int) -> None:
        """Put the cursor on a source line number (as shown in the gutter) and bring it into view."""
        row = max(0, min(line - self.line_number_start, self.document.line_count - 1))
        self.move_cursor((row, 0), center=True)
