"""Confirm a commit: the branch, every unit it would commit with its check badge, and the files it
would change. Units whose latest check failed are named first; Enter commits anyway (the review's
`--force`), Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from gotui.widgets.unit_list import CHECK_BADGES


@dataclass(frozen=True)
class CommitUnit:
    """One unit the commit would take: its id, state and latest check (None: never checked)."""

    id: str
    state: str
    check: str | None = None


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
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    CommitScreen #body {
        height: auto;
        max-height: 24;
        color: $foreground;
    }
    CommitScreen #summary { margin-bottom: 1; }
    CommitScreen #blocked { color: $warning; margin-bottom: 1; }
    CommitScreen #keys { margin-top: 1; color: $foreground-muted; }
    """

    def __init__(self, branch: str, files: list[str], units: list[CommitUnit], blocked: list[str] | None = None,
                 warnings: list[str] | None = None) -> None:
        super().__init__()
        self.branch = branch
        self.files = list(files)
        self.units = list(units)
        self.blocked = list(blocked or [])
        self.warnings = list(warnings or [])

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Commit to a branch"
            n = len(self.units)
            noun = "unit" if n == 1 else "units"
            if self.files:
                summary = (f"Commit the Go of {n} {noun} (accepted or edited) to [b]{escape(self.branch)}[/b]?\n"
                           f"{len(self.files)} file{'s' if len(self.files) != 1 else ''} will change on the branch. "
                           "Your checkout (HEAD, index, files) stays as it is.")
            else:
                summary = f"[b]{escape(self.branch)}[/b] already has this Go: there is nothing new to commit."
            yield Static(summary, id="summary")
            if self.blocked and self.files:
                lines = [f"{len(self.blocked)} {'unit' if len(self.blocked) == 1 else 'units'} failed the latest check; "
                         "Enter commits them anyway (gotui commit --force):"]
                lines += [f"  {escape(b)}" for b in self.blocked]
                yield Static("\n".join(lines), id="blocked")
            with VerticalScroll(id="body"):
                yield Static(self._units_text(), id="units")
                yield Static("[b]Files[/b]\n" + ("\n".join(f"  {escape(f)}" for f in self.files) or "  (no changes)"), id="files")
                if self.warnings:
                    yield Static("[b]Warnings[/b]\n" + "\n".join(f"  {escape(w)}" for w in self.warnings), id="warnings")
            yield Static("[b]Enter[/b] commit   [b]Esc[/b] cancel" if self.files else "[b]Esc[/b] close", id="keys")

    def _units_text(self) -> str:
        counts: dict[str, int] = {}
        for u in self.units:
            counts[u.check or "unchecked"] = counts.get(u.check or "unchecked", 0) + 1
        head = "[b]Units[/b] · " + ", ".join(f"{v} {CHECK_BADGES.get(k, ('·', k))[1]}" for k, v in sorted(counts.items()))
        rows = []
        for u in sorted(self.units, key=lambda u: (u.check not in ("diverged", "build_failed"), u.id)):
            glyph, word = CHECK_BADGES.get(u.check or "", ("·", "not checked"))
            rows.append(f"  {glyph} {word:<12} {escape(u.id)}" + (f" [dim]({u.state})[/dim]" if u.state != "accepted" else ""))
        return "\n".join([head, *rows])

    def action_confirm(self) -> None:
        self.dismiss(bool(self.files))

    def action_cancel(self) -> None:
        self.dismiss(False)
