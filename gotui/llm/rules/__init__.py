"""The offline Python -> Go translator (the `rules` backend).

Deterministic and offline: it translates from the Python AST with type inference, and anything it
cannot translate faithfully becomes `// TODO(gotui): reason` with a panicking body (status partial).
See docs/offline-translator.md.
"""

from gotui.llm.rules.translator import RulesTranslator, module_preamble

__all__ = ["RulesTranslator", "module_preamble"]
