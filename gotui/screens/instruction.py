"""Ask for an instruction before regenerating a unit ("use int64", "return an error, not panic")."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class InstructionScreen(ModalScreen[str | None]):
    """Dismisses with the instruction, or None when cancelled (Esc) or left empty."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="instruction.cancel")]

    DEFAULT_CSS = """
    InstructionScreen {
        align: center middle;
        background: $background 60%;
    }
    InstructionScreen > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    InstructionScreen Input { margin: 1 0 0 0; }
    InstructionScreen #keys { color: $foreground-muted; }
    """

    def __init__(self, unit_name: str, previous: str = "") -> None:
        super().__init__()
        self.unit_name = unit_name
        self.previous = previous

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Regenerate with an instruction"
            yield Static(f"What should the translator do differently for {self.unit_name}?", markup=False)
            yield Input(value=self.previous, placeholder="use int64 for money; return an error instead of panicking", id="instruction")
            yield Static("[b]Enter[/b] regenerate   [b]Esc[/b] cancel", id="keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
