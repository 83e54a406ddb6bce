"""What a reviewer decides: move between units, accept, reject, undo, edit, attempts and their diff, copy."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual.app import SuspendNotSupported
from textual.screen import Screen

from gotui.errors import describe
from gotui.screens.confirm import ConfirmScreen
from gotui.screens.diff import DiffScreen, unified_go_diff
from gotui.verify.gates import accept_blocker

if TYPE_CHECKING:
    from gotui.session.store import UnitRecord


class Decisions(Screen):
    """Navigation and decisions on the unit under the cursor."""

    def action_next_unit(self) -> None:
        self.unit_list.action_cursor_down()

    def action_previous_unit(self) -> None:
        self.unit_list.action_cursor_up()

    def action_first_unit(self) -> None:
        self.unit_list.action_first()

    def action_last_unit(self) -> None:
        self.unit_list.action_last()

    def action_next_attention(self) -> None:
        self._jump_attention(forward=True)

    def action_previous_attention(self) -> None:
        self._jump_attention(forward=False)

    def _jump_attention(self, forward: bool) -> None:
        units = self.unit_list
        if not units.visible_count:
            return
        target = units.find(lambda r: r.needs_attention, forward=forward)
        if target is None:
            self.app.notify("nothing left to review here: every unit is decided", timeout=4)
        else:
            units.select_id(target)

    def _decide(self, verb: str, fn: Callable[[str], "UnitRecord | None"], uid: str | None = None) -> None:
        uid = uid or self._current_id()
        if uid is None:
            return
        if self._refused_as_busy(uid):
            return
        try:
            rec = fn(uid)
        except Exception as exc:  # noqa: BLE001 - "has no Go yet" and friends: a notification, not a crash
            self.app.notify(describe(exc), severity="warning", timeout=5)
            return
        if rec is None:
            self.app.notify(f"nothing to undo for {uid}", timeout=3)
            return
        self._refresh_unit(uid, rec)

    def action_accept(self) -> None:
        """Accept; a unit a gate would refuse (partial, a TODO, a failed check) is accepted only once the
        reviewer has read why and confirmed (the screen's `gotui accept ID --force`)."""
        uid = self._current_id()
        if uid is None:
            return
        rec = self._safe(self.session.require, uid)
        gated = rec is not None and rec.go.strip() and rec.state not in ("accepted", "edited")  # no Go: the session says why
        reason = accept_blocker(rec) if gated else None
        if rec is None or reason is None:
            self._decide("accept", self.session.accept, uid)
            return

        def answered(ok: bool | None) -> None:
            if ok:
                self._decide("accept", self.session.accept, uid)

        self.app.push_screen(ConfirmScreen("Accept anyway?", f"Accept {rec.qualname} as it is?", reason, yes="accept"), answered)

    def action_reject(self) -> None:
        self._decide("reject", self.session.reject)

    def action_undo(self) -> None:
        self._decide("undo", self.session.undo)

    def action_edit_go(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        if self._refused_as_busy(uid):
            return
        rec = self._safe(self.session.require, uid)
        if rec is None:
            return
        original = rec.go if rec.go.strip() else f"// {rec.qualname}: write the Go for this unit here\n"
        edited = self._run_editor(original)
        if edited is None:
            return
        if edited == original or not edited.strip():
            self.app.notify("Go unchanged", timeout=3)
            return
        new = self._safe(self.session.edit, uid, edited)
        if new is not None:
            self._refresh_unit(uid, new)
            self.app.notify(f"saved your Go for {rec.qualname} (edited)", timeout=3)

    def _run_editor(self, text: str) -> str | None:
        """Open text in $VISUAL/$EDITOR (the app steps aside meanwhile); the edited text, or None."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        fd, name = tempfile.mkstemp(prefix="gotui-", suffix=".go")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            command = [*shlex.split(editor), str(path)]
            try:
                try:
                    with self.app.suspend():
                        code = subprocess.call(command)
                except SuspendNotSupported:
                    code = subprocess.call(command, stdin=subprocess.DEVNULL)
            except OSError as exc:
                self.app.notify(f"cannot run the editor {editor!r}: {exc.strerror or exc} (set $EDITOR)", severity="error", timeout=8)
                return None
            if code != 0:
                self.app.notify(f"{editor} exited with status {code}: Go left as it was", severity="warning", timeout=5)
                return None
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.app.notify(describe(exc), severity="error", timeout=8)
            return None
        finally:
            path.unlink(missing_ok=True)

    def action_edit_inline(self) -> None:
        uid = self._current_id()
        if uid is None or self._editing is not None:
            return
        if self._refused_as_busy(uid):
            return
        rec = self._safe(self.session.require, uid)
        if rec is None:
            return
        self._records[uid] = rec
        original = rec.go if rec.go.strip() else f"// {rec.qualname}: write the Go for this unit here\n"
        self._show(uid)
        self._editing, self._edit_original = uid, original
        go = self.go_pane
        if self.maximized is not None and self.maximized is not go:
            self.minimize()
        go.start_editing(original)
        self.unit_list.disabled = True  # the unit stays put until ^s or Esc
        self.set_focus(go)  # at once (not after a refresh): keys already queued are text
        go.border_title = (f"Go · ✎ EDITING {rec.qualname} · {self.app.key_for('save_edit', 'ctrl+s')} saves · "
                           f"{self.app.key_for('cancel', 'escape')} cancels")
        self._update_status()

    def action_save_edit(self) -> None:
        uid = self._editing
        if uid is None:
            return
        text = self.go_pane.text
        if text == self._edit_original:
            self.app.notify("Go unchanged", timeout=3)
            self._stop_editing()
            return
        if not text.strip():
            self.app.notify(f"empty Go is not saved: write some, or {self.app.key_for('cancel', 'escape')} to cancel",
                            severity="warning", timeout=5)
            return
        new = self._safe(self.session.edit, uid, text)
        if new is None:
            return  # the error is on screen; the text stays for another try
        self._stop_editing()
        self._refresh_unit(uid, new)
        self.app.notify(f"saved your Go for {new.qualname} (edited)", timeout=3)

    def cancel_edit(self) -> bool:
        """Esc while editing: the stored Go comes back. True when there was an edit to cancel."""
        if self._editing is None:
            return False
        self._stop_editing()
        self.app.notify("edit cancelled: the Go is as it was", timeout=3)
        return True

    def _stop_editing(self) -> None:
        uid, self._editing = self._editing, None
        go = self.go_pane
        go.stop_editing()
        units = self.unit_list
        units.disabled = False
        self.set_focus(units)
        if self._filter_text:
            self._apply_filter(self._filter_text)
        if uid is not None:
            self._show(uid if units.current_id == uid else units.current_id)
        self._update_status()

    @property
    def editing(self) -> str | None:
        """The unit whose Go is being edited in the Go pane, if any."""
        return self._editing

    def action_copy_go(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        go = self.go_pane
        selected = go.selected_text if go.has_focus else ""
        if selected:
            text, what = selected, "the selected Go"
        else:
            rec = self._records.get(uid)
            text = go.text if self._editing == uid else (rec.go if rec is not None else "")
            what = "the Go"
        if not text.strip():
            self.app.notify(f"{uid} has no Go to copy yet", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(text)
        lines = len(text.splitlines()) or 1
        self.app.notify(f"copied {what} ({lines} line{'s' if lines != 1 else ''}) to the clipboard", timeout=3)

    def action_previous_attempt(self) -> None:
        self._switch_attempt(-1)

    def action_next_attempt(self) -> None:
        self._switch_attempt(+1)

    def _switch_attempt(self, step: int) -> None:
        uid = self._current_id()
        if uid is None:
            return
        if self._refused_as_busy(uid):
            return
        rec = self._records.get(uid)
        attempts = self._attempts(uid)
        if rec is None or not attempts:
            self.app.notify(f"{uid} has no attempt with Go yet: r translates it", timeout=3)
            return
        pos = self._attempt_position(attempts, rec)
        target = (len(attempts) - 1 if step < 0 else None) if pos is None else pos + step
        if target is None or not 0 <= target < len(attempts):
            which = "first" if step < 0 else "newest"
            self.app.notify(f"this is the {which} attempt ({len(attempts)} in all)", timeout=3)
            return
        was = rec.state
        new = self._safe(self.session.select_attempt, uid, attempts[target].id)
        if new is None:
            return
        self._refresh_unit(uid, new)
        undo = self.app.key_for("undo", "u")
        note = f"; it was {was}, {undo} undoes" if was in ("accepted", "rejected", "edited") else ""
        self.app.notify(f"attempt {target + 1}/{len(attempts)}{note}", timeout=3)

    def action_diff_attempts(self) -> None:
        uid = self._current_id()
        if uid is None:
            return
        rec = self._records.get(uid)
        attempts = self._attempts(uid)
        if rec is None:
            return
        pos = self._attempt_position(attempts, rec)
        n = len(attempts)
        if pos is not None and rec.go != attempts[pos].go:
            old, new = attempts[pos].go, rec.go
            names = (f"attempt {pos + 1}/{n}", f"{rec.state} (now)")
        elif pos is not None and pos > 0:
            old, new = attempts[pos - 1].go, attempts[pos].go
            names = (f"attempt {pos}/{n}", f"attempt {pos + 1}/{n} (now)")
        elif pos == 0 and n > 1:
            old, new = attempts[0].go, attempts[1].go
            names = (f"attempt 1/{n} (now)", f"attempt 2/{n}")
        else:
            self.app.notify(f"{rec.qualname}: only one version of its Go, nothing to compare "
                            f"({self.app.key_for('regenerate', 'r')} makes another attempt)", timeout=4)
            return
        diff = unified_go_diff(old, new, names[0], names[1])
        if not diff:
            self.app.notify(f"{names[0]} and {names[1]} have the same Go", timeout=3)
            return
        self.app.push_screen(DiffScreen(f"{rec.qualname}: {names[0]} → {names[1]}", diff))

