"""Confirm a commit: the branch and the files it would change. Enter commits, Esc cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class CommitScreen(ModalScreen[bool]):
    """Shows what `project.commit(dry_run=True)` would write; dismisses with True to commit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "confirm", "Commit", id="commit.confirm"),
        Binding("escape,n,q", "cancel", "Cancel", id="commit.cancel"),
    ]

    DEFAULT_CSS = """
    CommitScreen {
        align: center middle;
        background: $background 60%;
    }
    CommitScreen > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    CommitScreen #files {
        height: auto;
        max-height: 14;
        color: $foreground;
    }
    CommitScreen #summary { margin-bottom: 1; }
    CommitScreen #keys { margin-top: 1; color: $foreground-muted; }
    """

    def __init__(self, branch: str, files: list[str], units: int) -> None:
        super().__init__()
        self.branch = branch
        self.files = list(files)
        self.units = units

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Commit to a branch"
            noun = "unit" if self.units == 1 else "units"
            if self.files:
                summary = (f"Commit the Go of {self.units} {noun} (accepted or edited) to [b]{_escape(self.branch)}[/b]?\n"
                           f"{len(self.files)} file{'s' if len(self.files) != 1 else ''} will change on the branch. "
                           "Your checkout (HEAD, index, files) stays as it is.")
            else:
                summary = f"[b]{_escape(self.branch)}[/b] already has this Go: there is nothing new to commit."
            yield Static(summary, id="summary")
            with VerticalScroll(id="files"):
                yield Static("\n".join(f"  {_escape(f)}" for f in self.files) or "  (no changes)", markup=True)
            yield Static("[b]Enter[/b] commit   [b]Esc[/b] cancel" if self.files else "[b]Esc[/b] close", id="keys")

    def action_confirm(self) -> None:
        self.dismiss(bool(self.files))

    def action_cancel(self) -> None:
        self.dismiss(False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
