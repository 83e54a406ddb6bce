"""A unified diff between two versions of a unit's Go (`D`: the previous attempt against this one)."""

from __future__ import annotations

import difflib
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def unified_go_diff(old: str, new: str, old_name: str, new_name: str, context: int = 3) -> str:
    """`diff -u` of two Go texts; "" when they are the same."""
    if old == new:
        return ""
    return "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=context))


def diff_text(diff: str) -> Text:
    """The diff coloured like `git diff`: headers bold, hunks cyan, removed red, added green."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, line in enumerate(diff.splitlines()):
        if i:
            text.append("\n")
        if line.startswith(("---", "+++")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = ""
        text.append(line, style=style)
    return text


class DiffScreen(ModalScreen[None]):
    """Shows one diff; Esc (or q, D) closes, j/k and the arrows scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,D", "close", "Close", id="diff.close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    DEFAULT_CSS = """
    DiffScreen {
        align: center middle;
        background: $background 60%;
    }
    DiffScreen > VerticalScroll {
        width: 110;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        border-subtitle-color: $foreground-muted;
        background: $surface;
        padding: 0 1;
    }
    DiffScreen #diff { width: auto; min-width: 100%; }
    """

    def __init__(self, title: str, diff: str) -> None:
        super().__init__()
        self.title_text = title
        self.diff = diff

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.title_text
            scroll.border_subtitle = "esc closes · j/k scroll"
            yield Static(diff_text(self.diff), id="diff")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_relative(y=pages * max(1, scroll.scrollable_content_region.height - 1), animate=False)
