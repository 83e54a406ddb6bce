"""Two lines at the bottom: where the review stands, then the keys that act on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widget import Widget
from textual.strip import Strip
from rich.segment import Segment

from gotui.widgets.unit_list import BADGES

# Every badge the list can show, in the order of the review: counts are per badge (unit_list.badge_counts),
# so "◐ 3 partial" here is the three rows marked ◐ partial there.
ORDER = ("working", "failed", "pending", "converted", "partial", "stale", "accepted", "edited", "rejected")


@dataclass
class StatusInfo:
    counts: dict[str, int] = field(default_factory=dict)  # per badge, from unit_list.badge_counts
    backend: str = ""
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    progress: str = ""  # "translating 3/40 (esc stops)", "committing…"
    filter: str = ""  # the active filter, with how many units it shows
    hints: list[tuple[str, str]] = field(default_factory=list)  # (key, what it does)


def _tokens(n: int) -> str:
    return f"{n / 1000:.1f}k" if n >= 10_000 else str(n)


class StatusBar(Widget):
    """Counts per state, backend and model, tokens and cost, progress; then key hints."""

    DEFAULT_CSS = """
    StatusBar {
        dock: bottom;
        height: 2;
        background: $foreground 10%;
        color: $foreground;
    }
    """

    COMPONENT_CLASSES = {"status-bar--key", "status-bar--progress", "status-bar--muted"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.info = StatusInfo()

    def update_info(self, **changes: object) -> None:
        changed = False
        for k, v in changes.items():
            if getattr(self.info, k) != v:
                setattr(self.info, k, v)
                changed = True
        if changed:
            self.refresh()

    def summary_text(self) -> Text:
        info = self.info
        text = Text(no_wrap=True, overflow="ellipsis")
        total = sum(info.counts.values())
        text.append(f" {total} units", style="bold")
        for state in ORDER:
            n = info.counts.get(state, 0)
            if n:
                glyph, word = BADGES[state]
                text.append(f"  {glyph} {n} {word}")
        if info.progress:
            text.append("  │ ", style="dim")
            text.append(info.progress, style="bold")
        if info.filter:
            text.append("  │ ", style="dim")
            text.append(info.filter)
        if info.backend:
            text.append("  │ ", style="dim")
            text.append(info.backend + (f" {info.model}" if info.model else ""))
        if info.prompt_tokens or info.completion_tokens or info.cost:
            text.append("  │ ", style="dim")
            text.append(f"{_tokens(info.prompt_tokens)}+{_tokens(info.completion_tokens)} tok")
            if info.cost:
                text.append(f" ${info.cost:.2f}")
        return text

    def hints_text(self, width: int | None = None) -> Text:
        """Key hints in order of importance; those that do not fit are left out whole, not cut."""
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (key, what) in enumerate(self.info.hints):
            gap = " " if i == 0 else "  "
            if width is not None and text.cell_len + len(gap) + len(key) + 1 + len(what) > width:
                break
            text.append(gap)
            text.append(key, style="bold reverse")
            text.append(f" {what}")
        return text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            text = self.summary_text()
        elif y == 1:
            text = self.hints_text(width)
        else:
            return Strip.blank(width, base)
        text.truncate(width, overflow="ellipsis")
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base).simplify()
