"""`gotui review`: the Textual application around the review screen."""

from __future__ import annotations

import gc
import sys
import threading
import time
import unicodedata
from functools import partial
from typing import Any, ClassVar, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.screen import Screen

from gotui import yielding
from gotui.errors import describe
from gotui.screens.review import ReviewScreen, ViewPrefs
from gotui.screens.review.actions import BY_ID, unknown_ids
from gotui.vcs.branch import DEFAULT_BRANCH

SWITCH_INTERVAL = 0.001  # seconds a thread keeps the interpreter before another may take it
KEYS_QUIET = 0.3  # seconds without a key before background translation takes the next batch


def key_name(key: str) -> str:
    """Textual's name for a key as a person may write it in a keymap ("[" -> "left_square_bracket")."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        try:
            name = unicodedata.name(key).lower().replace(" ", "_").replace("-", "_")
        except ValueError:
            return key
        return KEY_NAME_REPLACEMENTS.get(name, name)
    return key


class ReviewApp(App):
    """Review a project's units. `translator` replaces the configured one (tests pass RulesTranslator)."""

    TITLE = "gotui review"
    ENABLE_COMMAND_PALETTE = True  # ctrl+p: every action of the review screen by name (get_system_commands)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        project: Any,
        mouse: bool = True,
        *,
        translator: Any = None,
        autotranslate: bool = True,
        poll_interval: float = 0.5,
        jobs: int | None = None,
        branch: str = DEFAULT_BRANCH,
        keymap: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        self.mouse = mouse
        self.autotranslate = autotranslate
        self.poll_interval = poll_interval
        self.branch = branch
        self._translator = translator
        self._translator_lock = threading.Lock()
        self.quitting = threading.Event()  # set on the way out: in-flight requests close their streams
        self.config_error: str | None = None
        self._clashes_reported: set[str] = set()
        config = None
        try:
            config = project.config
        except Exception as exc:  # noqa: BLE001 - a bad config must not stop the review; say so instead
            self.config_error = describe(exc)
        self.user_keys: dict[str, str] = dict(getattr(config, "keys", None) or {})
        if keymap:
            self.user_keys.update(keymap)
        self.view = ViewPrefs()  # list width, Python:Go split, scroll sync: for the whole run
        self.jobs = jobs or int(getattr(config, "jobs", 4) or 4)
        self.budget: float | None = getattr(config, "budget", None)
        # The start-up load (units, records, rows, every file's notes: hundreds of thousands of objects
        # on a big repository) is made with automatic garbage collection off, then collected once while
        # no key comes and frozen out of later passes (collect_startup_garbage): each automatic full
        # pass over the growing load held a key for 100-250 ms. Only for a real run: it is
        # process-wide, and a test process runs many apps.
        self.freeze_gc = False
        self.last_key = 0.0  # time.monotonic() of the last key: background translation yields while keys come

    def run(self, *args: Any, **kwargs: Any) -> Any:
        self.freeze_gc = True
        gc.disable()
        # The background threads (the rest of the scan, translations, evidence) are CPU-bound: with the
        # default 5 ms switch interval a key waits up to 5 ms for the interpreter each time the screen
        # thread gives it up while drawing a frame. 1 ms keeps keys quick at a small cost to the threads.
        # Only for a real run: it is process-wide.
        sys.setswitchinterval(SWITCH_INTERVAL)
        # long steps of background work (a package's evidence, the translator's analysis of a folder)
        # wait while keys come; only for a real run, like the switch interval
        yielding.set_hook(partial(self.wait_for_quiet_keys, self.quitting))
        try:
            return super().run(*args, **kwargs)
        finally:
            yielding.set_hook(None)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
        await super().on_event(event)

    def wait_for_quiet_keys(self, cancel: threading.Event, quiet: float = KEYS_QUIET) -> None:
        """Block a background thread while a person is pressing keys (until `quiet` seconds pass without
        one, or `cancel`): CPU-bound work between batches must not take the interpreter from the screen."""
        while not cancel.is_set() and not self.quitting.is_set():
            idle = time.monotonic() - self.last_key
            if idle >= quiet:
                return
            cancel.wait(quiet - idle)

    def until_quiet(self) -> float:
        """Seconds until KEYS_QUIET will have passed without a key (0 when it has)."""
        return max(0.0, KEYS_QUIET - (time.monotonic() - self.last_key))

    def collect_startup_garbage(self) -> None:
        """From a background thread once the start-up load is in: one full collection at a moment
        without keys, the survivors frozen out of later passes, and automatic collection back on."""
        if not self.freeze_gc:
            return
        self.freeze_gc = False
        self.wait_for_quiet_keys(self.quitting)
        gc.collect()
        gc.freeze()
        gc.enable()

    async def action_quit(self) -> None:
        self._stop_background()
        await super().action_quit()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self._stop_background()
        super().exit(*args, **kwargs)

    def _stop_background(self) -> None:
        """On the way out: no new translations start, and requests in flight close their streams."""
        self.quitting.set()
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.cancel_translation()
                screen.cancel_check()

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: the review screen's actions first, then Textual's own (theme, keys, screenshot)."""
        review = isinstance(screen, ReviewScreen)
        if review:
            yield from screen.palette_commands()
        for command in super().get_system_commands(screen):
            if not (review and command.title == "Quit"):  # the screen's own quit says the same
                yield command

    def on_mount(self) -> None:
        if self.config_error:
            self.notify(f"config: {self.config_error} (using defaults)", severity="error", timeout=10)
        self._apply_user_keys()

    # ---- keys ----------------------------------------------------------------------------------

    def binding_ids(self) -> set[str]:
        return set(BY_ID)

    def _apply_user_keys(self) -> None:
        known = self.binding_ids()
        unknown = unknown_ids(self.user_keys)
        if unknown:
            self.notify(f"[keys]: unknown action {', '.join(unknown)}; known: {', '.join(sorted(known))}",
                        severity="warning", timeout=10)
        keymap = {k: v for k, v in self.user_keys.items() if k in known}
        palette = [k for k, v in keymap.items() if self.COMMAND_PALETTE_BINDING in {x.strip() for x in v.split(",")}]
        if palette:
            self.notify(f"[keys]: {self.COMMAND_PALETTE_BINDING} opens the command palette; "
                        f"{', '.join(sorted(palette))} cannot have it", severity="warning", timeout=10)
        if keymap:
            self.set_keymap(keymap)
            self._report_taken_keys()

    def _report_taken_keys(self) -> None:
        """Keys the user's keymap gave to one action while another still has them by default."""
        taken: dict[str, str] = {}
        for action, keys in self._keymap.items():
            for key in keys.split(","):
                taken[key_name(key)] = action
        for b in ReviewScreen.BINDINGS:
            if isinstance(b, Binding) and b.id and b.id not in self._keymap and key_name(b.key) in taken:
                self.handle_bindings_clash({b}, self)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        """A user key took a key another action had: say so once (Textual asks on every key press)."""
        names = ", ".join(sorted(f"{self.get_key_display(b)} from {b.id or b.action}" for b in clashed_bindings))
        if names not in self._clashes_reported:
            self._clashes_reported.add(names)
            self.notify(f"[keys]: your keymap takes {names}", severity="warning", timeout=8)

    def key_for(self, binding_id: str, default: str) -> str:
        """The key(s) that run a binding now, as shown to a person ("a", "?", "esc", "^s"); "" when none.

        A default key that the user's keymap gave to another action no longer runs this one.
        """
        keys = self._keymap.get(binding_id)
        if keys is None:
            taken = {key_name(k) for action, ks in self._keymap.items() if action != binding_id for k in ks.split(",")}
            keys = ",".join(k for k in default.split(",") if key_name(k) not in taken)
        shown = []
        for key in keys.split(","):
            key = key.strip()
            if key:
                shown.append(self.get_key_display(Binding(key, "")))
        return "/".join(shown)

    # ---- the translator ------------------------------------------------------------------------

    def get_translator(self) -> Any:
        """The translator, made on first use (in a worker thread: making one may run api_key_command).

        Raises what `project.translator()` raises (ConfigError: no key, a bad setting); the screen
        shows it and goes on without translation.
        """
        with self._translator_lock:
            if self._translator is None:
                self._translator = self.project.translator(cancel=self.quitting)
            return self._translator

    def translator_label(self) -> tuple[str, str]:
        t = self._translator
        if t is None:
            return "", ""
        return str(getattr(t, "name", "") or ""), str(getattr(t, "model", "") or "")
