"""Every action of the review screen, declared once: its id, key, method, hint, help and title.

The screen's BINDINGS, the help screen (`?`), the command palette (ctrl+p) and the check of a user's
`[keys]` keymap are all made from ACTIONS: to add or change a key, change its row here, and find its
code as `action_<method>` in the screen's modules (decisions.py, work.py, view.py, screen.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    id: str  # the binding id a `[keys]` keymap names
    key: str  # the default key
    method: str  # the action: `action_<method>` on the screen
    hint: str  # the status bar's short hint
    help: str  # what the help screen says
    title: str  # the command palette's name
    show: bool = True  # in the status bar's hints
    priority: bool = False  # before a focused widget gets the key


ACTIONS: tuple[Action, ...] = (
    Action('help', 'question_mark', 'help', 'help',
           'this help',
           'Help: keys and badges'),
    Action('next_unit', 'j', 'next_unit', 'down',
           'next unit',
           'Next unit', show=False),
    Action('previous_unit', 'k', 'previous_unit', 'up',
           'previous unit',
           'Previous unit', show=False),
    Action('first_unit', 'g', 'first_unit', 'first',
           'first unit',
           'First unit', show=False),
    Action('last_unit', 'G', 'last_unit', 'last',
           'last unit',
           'Last unit', show=False),
    Action('accept', 'a', 'accept', 'accept',
           'accept the Go (it goes onto the branch at the next commit)',
           'Accept the Go'),
    Action('reject', 'x', 'reject', 'reject',
           'reject the Go',
           'Reject the Go'),
    Action('edit', 'e', 'edit_go', 'edit',
           'edit the Go in $VISUAL / $EDITOR; saved as your own (edited)',
           'Edit the Go in $EDITOR'),
    Action('edit_inline', 'i', 'edit_inline', 'edit here',
           'edit the Go here, in the Go pane (^s saves as edited, esc cancels)',
           'Edit the Go here', show=False, priority=True),
    Action('save_edit', 'ctrl+s', 'save_edit', 'save',
           'while editing in the Go pane: save your Go (edited)',
           'Save the edited Go', show=False),
    Action('regenerate', 'r', 'regenerate', 'regen',
           'translate the unit again, in the background (every attempt is kept)',
           'Regenerate'),
    Action('regenerate_with_instruction', 'R', 'regenerate_with_instruction', 'regen with…',
           'translate again with an instruction ("use int64")',
           'Regenerate with an instruction', show=False),
    Action('previous_attempt', 'left_square_bracket', 'previous_attempt', 'older attempt',
           "show the previous attempt's Go (kept at once; u undoes)",
           'Previous attempt', show=False),
    Action('next_attempt', 'right_square_bracket', 'next_attempt', 'newer attempt',
           "show the next attempt's Go",
           'Next attempt', show=False),
    Action('diff_attempts', 'D', 'diff_attempts', 'attempt diff',
           "diff this attempt's Go against the previous attempt (or your edit against its attempt)",
           'Diff against the previous attempt', show=False),
    Action('next_attention', 'n', 'next_attention', 'next',
           'next unit needing attention: pending, converted, stale, or its check diverged / failed to build',
           'Next unit needing attention'),
    Action('previous_attention', 'N', 'previous_attention', 'previous',
           'previous unit needing attention',
           'Previous unit needing attention', show=False),
    Action('undo', 'u', 'undo', 'undo',
           "undo the unit's last change (decision, edit, attempt or translation)",
           'Undo'),
    Action('commit', 'c', 'commit', 'commit',
           'commit the accepted Go to the branch (asks first; your checkout is untouched)',
           'Commit to the branch'),
    Action('copy', 'y', 'copy_go', 'copy',
           "copy the Go (or the Go pane's selection) to the clipboard, over SSH too (OSC 52)",
           'Copy the Go to the clipboard', show=False),
    Action('filter', 'slash', 'filter', 'filter',
           'filter by name, path, state, note rule or check (state:stale rule:floor check:diverged)',
           'Filter the units', priority=True),
    Action('check', 't', 'check_unit', 'check',
           'check this unit: build, vet and compare Go with Python on generated inputs',
           'Check this unit'),
    Action('check_all', 'T', 'check_all', 'check all',
           'check every unit with Go, in the background (esc stops)',
           'Check every unit', show=False),
    Action('zoom', 'z', 'zoom', 'zoom',
           'zoom the focused pane to the whole screen, and back',
           'Zoom the focused pane'),
    Action('divider_left', 'less_than_sign', 'divider_left', 'divider ←',
           "move the divider left (up when stacked): the list's if it has focus, else Python|Go",
           'Move the divider left', show=False),
    Action('divider_right', 'greater_than_sign', 'divider_right', 'divider →',
           'move the divider right (down when stacked)',
           'Move the divider right', show=False),
    Action('toggle_sync', 's', 'toggle_sync', 'sync',
           'scroll sync on/off: the Python pane follows the Go cursor line by line, and back',
           'Toggle scroll sync', show=False),
    Action('toggle_wrap', 'w', 'toggle_wrap', 'wrap',
           'long lines in the code panes: wrap (at start) or scroll sideways',
           'Toggle wrapping of long lines', show=False),
    Action('cancel', 'escape', 'cancel', 'stop',
           'stop translating or checking, or cancel the edit in the Go pane; else leave zoom; else clear the filter',
           'Cancel / stop', show=False),
    Action('quit', 'q', 'quit', 'quit',
           'quit (decisions are already saved)',
           'Quit gotui'),
)

BY_ID = {a.id: a for a in ACTIONS}

# Keys handled by the focused widget rather than the screen, listed in the help.
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ('↓ ↑', 'move in the list, or in the focused pane'),
    ('PgDn PgUp Home End', 'page / jump in the focused pane'),
    ('Tab Shift+Tab', 'focus the next / previous pane'),
    ('Enter', "in the notes: show the note's line in the Python pane (a build error: its Go line)"),
    ('^p', 'command palette: every action by name'),
    ('^z ^y f7', 'while editing in the Go pane: undo / redo a change, select all'),
    ('^q', 'quit from anywhere, dialogs included'),
)

# While editing Go in place only these run; the filter's `/` and an inline edit's `i` are text in a text field.
EDITING_ACTIONS = frozenset({"save_edit", "cancel", "help", "zoom", "copy_go", "toggle_sync", "toggle_wrap", "divider_left", "divider_right"})
PRIORITY_ACTIONS = frozenset({"filter", "edit_inline"})


def bindings() -> list[Binding]:
    """The screen's BINDINGS, one per action."""
    return [Binding(a.key, a.method, a.hint, id=a.id, show=a.show, priority=a.priority) for a in ACTIONS]


def unknown_ids(keymap: dict[str, str]) -> list[str]:
    """Keymap entries that name no action (reported to the user, never silently ignored)."""
    return sorted(k for k in keymap if k not in BY_ID)
