"""Ask before doing something a gate would refuse: the reason, then y / Enter to go on, n / Esc not to."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question with its reason; dismisses with True only on y or Enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape,q", "cancel", "No", id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > #dialog {
        width: 80;
        max-width: 100%;
        height: auto;
        border: round $warning;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    ConfirmScreen #reason { color: $warning; margin: 1 0; }
    ConfirmScreen #keys { color: $foreground-muted; }
    """

    def __init__(self, title: str, question: str, reason: str, yes: str = "yes") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.reason = reason
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(escape(self.question), id="question")
            yield Static(escape(self.reason), id="reason")
            yield Static(f"[b]y[/b] {escape(self.yes)}   [b]n[/b]/[b]Esc[/b] cancel", id="keys")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
