"""The hazard engine: what in a Python module does not carry over to Go, at the line where it matters.

`module_notes(module)` makes one pass over the module's tree-sitter tree; `RULES` lists every rule
(id → severity, title, why, Go idiom) for the docs and the UI.
"""

from __future__ import annotations

from gotui.parse.hazards import checks as _checks  # noqa: F401  (registers the checks)
from gotui.parse.hazards.engine import module_notes
from gotui.parse.hazards.libraries import LIBRARIES, Library
from gotui.parse.hazards.rules import AREAS, RULES, RuleInfo

__all__ = ["AREAS", "LIBRARIES", "Library", "RULES", "RuleInfo", "module_notes"]
