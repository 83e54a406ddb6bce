"""The hazard engine: what in a Python module does not carry over to Go, at the line where it matters.

`module_notes(module)` makes one pass over the module's tree-sitter tree; `RULES` lists every rule
(id → severity, title, why, Go idiom) for the docs and the UI. The check of rule `some-rule` is the
function `some_rule` in the module of its area (`AREA_MODULES`); see engine.py for the layers.
"""

from __future__ import annotations

from gotui.parse.hazards.engine import module_notes
from gotui.parse.hazards.library_table import LIBRARIES, Library
from gotui.parse.hazards.rules import AREA_MODULES, AREAS, RULES, RuleInfo

__all__ = ["AREAS", "AREA_MODULES", "LIBRARIES", "Library", "RULES", "RuleInfo", "module_notes"]
