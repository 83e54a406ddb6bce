"""What the screen's thread workers post back to it, declared once."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.message import Message

from gotui.screens.review.jobs import CheckJob, Job

if TYPE_CHECKING:
    from gotui.llm.base import Translation
    from gotui.screens.commit import CommitUnit
    from gotui.session.records import UnitRecord
    from gotui.verify.check import CheckResult
    from gotui.widgets.unit_list import UnitRow


class TranslatorReady(Message):
    """The translator was made (or could not be: `error`)."""

    def __init__(self, error: str | None) -> None:
        super().__init__()
        self.error = error


class TranslationStarted(Message):
    """A batch went out; `skipped` units of the job needed no translation any more."""

    def __init__(self, job: Job, unit_ids: list[str], skipped: int = 0) -> None:
        super().__init__()
        self.job = job
        self.unit_ids = unit_ids
        self.skipped = skipped


class TokensArrived(Message):
    """Streamed answer text for a unit being translated."""

    def __init__(self, unit_id: str, text: str) -> None:
        super().__init__()
        self.unit_id = unit_id
        self.text = text


class TranslationLanded(Message):
    """One unit's translation is recorded in the session."""

    def __init__(self, job: Job, unit_id: str, translation: "Translation") -> None:
        super().__init__()
        self.job = job
        self.unit_id = unit_id
        self.translation = translation


class TranslationFinished(Message):
    def __init__(self, job: Job, error: str | None = None) -> None:
        super().__init__()
        self.job = job
        self.error = error


class NotesScanned(Message):
    """Risk counts and rule names of every unit, computed off the UI thread."""

    def __init__(self, notes: dict[str, tuple[int, tuple[str, ...]]]) -> None:
        super().__init__()
        self.notes = notes


class CommitPlanned(Message):
    """A dry run of the commit: what it would write, every unit with its check, the failing ones named."""

    def __init__(self, branch: str, files: list[str], units: "list[CommitUnit]", blocked: list[str],
                 warnings: list[str]) -> None:
        super().__init__()
        self.branch = branch
        self.files = files
        self.units = units
        self.blocked = blocked
        self.warnings = warnings


class CommitDone(Message):
    def __init__(self, branch: str, commit: str | None, files: list[str]) -> None:
        super().__init__()
        self.branch = branch
        self.commit = commit
        self.files = files


class CommitFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class CheckLanded(Message):
    """A batch of `t` / `T` came back; `checked_go` is each unit's Go as it was when checked."""

    def __init__(self, job: CheckJob, batch: list[str], results: "list[CheckResult]", checked_go: dict[str, str]) -> None:
        super().__init__()
        self.job = job
        self.batch = batch
        self.results = results
        self.checked_go = checked_go


class CheckFinished(Message):
    """The check job ended (`error`: it could not run, e.g. no Go toolchain)."""

    def __init__(self, job: CheckJob, error: str | None) -> None:
        super().__init__()
        self.job = job
        self.error = error


class EvidenceRead(Message):
    """The type evidence of one folder (a Python package) was read in a worker."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder


class ScanCompleted(Message):
    """The whole tree is scanned (the screen opened on its first files); `error`: the scan failed."""

    def __init__(self, error: str | None, rows: "list[UnitRow] | None" = None,
                 records: "dict[str, UnitRecord] | None" = None) -> None:
        super().__init__()
        self.error = error
        self.rows = rows or []  # the whole list, built in the scan's thread
        self.records = records or {}
        self.arrived = time.monotonic()
