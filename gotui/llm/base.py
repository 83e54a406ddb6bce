"""The translator interface that every backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Callable, Protocol

from gotui.parse.note import Note
from gotui.parse.units import ParsedModule, Unit

# A translation's status, as in the CLI contract.
CONVERTED, PARTIAL, FAILED = "converted", "partial", "failed"


@dataclass
class TranslationRequest:
    unit: Unit
    module: ParsedModule  # the whole file: imports, constants, sibling definitions
    notes: list[Note] = field(default_factory=list)  # hazard notes inside the unit
    ledger: Mapping[str, str] = field(default_factory=dict)  # python qualname -> Go signature already decided
    instruction: str | None = None  # the reviewer's hint when regenerating
    previous_go: str | None = None  # the attempt being regenerated, if any
    # From the signature plan (gotui/llm/plan.py); None where no plan was made, and the ledger is used.
    own_signature: str | None = None  # the unit's planned or decided Go signature
    go_name: str | None = None  # how the prompt names its Go declaration, when the plan made the name unique
    uses: list[tuple[str, str]] | None = None  # (Python qualname, Go signature) of exactly the units it uses
    callees_python: list[tuple[str, str]] = field(default_factory=list)  # (qualname, source) of short callees
    module_prefix: str = ""  # the module's stable context (its plan), sent right after the system text
    budget_tokens: int | None = None  # estimated tokens the prompt may take; optional context is cut first
    # parameter name (and "return") -> the best known type as a Python annotation (docs/evidence.md);
    # a name missing here has no evidence. Annotations in the source win over this in every backend.
    evidence: dict[str, str] = field(default_factory=dict)
    # the same, with where each type came from, as the review screen shows it (UnitEvidence.summary)
    evidence_summary: str = ""


@dataclass
class Translation:
    go: str  # Go declarations; may start with an import block
    status: str  # converted, partial or failed
    backend: str
    model: str = ""
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    repair_rounds: int = 0
    cached: bool = False
    cached_tokens: int = 0  # prompt tokens the provider served from its prompt cache


class TranslationError(Exception):
    """A backend could not produce any Go for a unit; the message is shown to the user."""


TokenCallback = Callable[[str], None]


class Translator(Protocol):
    name: str  # backend name: "rules" or "openai"
    model: str

    def translate(self, request: TranslationRequest, on_token: TokenCallback | None = None) -> Translation:
        """Translate one unit. Never raises for a unit-level failure: returns status `failed` with the reason."""
        ...
