"""A read-only, syntax-highlighted code pane (Python or Go) with the unit's real line numbers."""

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
    }
    """

    def __init__(self, language: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "",
            language=language,
            read_only=True,
            show_line_numbers=True,
            soft_wrap=False,
            id=id,
            classes=classes,
        )
        self.cursor_blink = False
        self._shown: tuple[str | None, str, int] = (None, "", 1)

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

    def go_to_line(self, line: int) -> None:
        """Put the cursor on a source line number (as shown in the gutter) and bring it into view."""
        row = max(0, min(line - self.line_number_start, self.document.line_count - 1))
        self.move_cursor((row, 0), center=True)
