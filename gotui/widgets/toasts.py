"""Where the review screen's toasts (Textual notifications) go: over the code, never over the notes.

Textual docks its toast rack at the bottom right of the screen, over whatever is there: in the
review screen, the notes and the status bar. `place_toasts` moves the rack to a region of the
screen and keeps it inside, newest toast on top: when more arrive than fit, the oldest are
clipped, never the newest.
"""

from __future__ import annotations

from textual.notifications import Notifications
from textual.widgets._toast import Toast, ToastHolder, ToastRack


def place_toasts(rack: ToastRack, top: int, left: int, width: int, height: int, side: str = "right") -> None:
    """Keep the rack's toasts in the region (top, left, width, height) of the screen, on `side` of it."""
    if not getattr(rack, "newest_first", False):
        _newest_first(rack)
    rack.toast_side = side  # type: ignore[attr-defined]
    for holder in rack.query(ToastHolder):
        holder.styles.align_horizontal = side
    rack.styles.dock = "top"
    rack.styles.margin = (top, 0, 0, left)
    rack.styles.width = width  # a margin shifts a docked rack, it does not narrow it
    rack.styles.max_height = height  # more toasts than fit are clipped at the bottom


def _newest_first(rack: ToastRack) -> None:
    """Mount each new toast above the others (Textual adds it below them).

    App.notify finds the rack by its exact type, so a subclass would be ignored: its `show` is replaced.
    """
    def show(notifications: Notifications) -> None:
        rack.display = bool(notifications)
        for toast in rack.query(Toast):
            if toast._notification not in notifications:
                (toast.parent if isinstance(toast.parent, ToastHolder) else toast).remove()
        shown = {child.id for child in rack.children}
        new = [n for n in notifications if not n.has_expired and ToastRack._toast_id(n) not in shown]
        if new:
            holders = [ToastHolder(Toast(n), id=ToastRack._toast_id(n)) for n in reversed(new)]
            for holder in holders:
                holder.styles.align_horizontal = rack.toast_side  # type: ignore[attr-defined]
            rack.mount_all(holders, before=0 if rack.children else None)

    rack.show = show  # type: ignore[method-assign]
    rack.newest_first = True  # type: ignore[attr-defined]
    rack.toast_side = "right"  # type: ignore[attr-defined]
