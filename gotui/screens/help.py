"""Every key of the review screen, as bound now (a user keymap shows here too), and what badges mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gotui.widgets.unit_list import BADGES, CHECK_BADGES

BADGE_HELP = {
    "pending": "not translated yet",
    "working": "being translated now",
    "failed": "the last translation produced no Go (the error is in the notes)",
    "converted": "has Go nobody has decided on",
    "partial": "has Go the translator was unsure of (see the notes)",
    "accepted": "accepted: goes onto the branch",
    "edited": "your own Go: goes onto the branch",
    "rejected": "rejected: stays off the branch",
    "stale": "the Python changed since the decision (the notes show the diff)",
}

CHECK_HELP = {
    "pass": "check: the Go builds, vets and agrees with the Python on every generated input",
    "diverged": "check: an input where Go and Python disagree (the notes show it and both results)",
    "build_failed": "check: the Go does not build or vet (the notes list the errors; Enter on one shows its line)",
    "untested": "check: built and vetted, not compared (a method, a class, no type hints: the notes say why)",
}


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        """`keys`: (key names, what it does), in the order to show."""
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(no_wrap=True, style="bold")
        keys.add_column(ratio=1)
        for k, what in self.keys:
            keys.add_row(k, what)
        badges = Table.grid(padding=(0, 2))
        badges.add_column(no_wrap=True)
        badges.add_column(ratio=1)
        for key, what in BADGE_HELP.items():
            glyph, word = BADGES[key]
            badges.add_row(f"{glyph} {word}", what)
        badges.add_row("▲", "the unit has a hazard note of severity risk")
        for key, what in CHECK_HELP.items():
            badges.add_row(f"{CHECK_BADGES[key][0]} {key.replace('_', ' ')}", what)
        with VerticalScroll() as scroll:
            scroll.border_title = "gotui review: help"
            yield Static(Text("Keys", style="bold"))
            yield Static(keys)
            yield Static(Text("\nBadges", style="bold"))
            yield Static(badges)
            yield Static(Text.from_markup(
                "\n[b]^p[/b] finds any action by name. Rebind keys in [b]\\[keys][/b] of .gotui.toml or your user "
                "config (docs/review.md).\n"
                "[dim]Esc closes this help; j/k scroll.[/dim]"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)
