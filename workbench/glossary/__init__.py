"""Glossary: entries, CSV/TSV/TBX files, morphology-aware matching, enforcement and checks.

Public API (other modules code against these names)::

    g = load_glossary(path)                 # g.entries, g.problems
    g.match(text) -> list[TermMatch]        # Russian side, any inflected form
    g.check_target(source, target) -> TargetCheck
    enforce.enforce_batch(translator, sources, g) -> list[Enforced]
    check.term_success(g, sources, targets) -> (hits, occurring entries)
"""

from workbench.glossary.io import load_glossary, save_glossary
from workbench.glossary.model import Entry, Glossary, GlossaryError, TargetCheck, TermMatch

__all__ = [
    "Entry",
    "Glossary",
    "GlossaryError",
    "TargetCheck",
    "TermMatch",
    "load_glossary",
    "save_glossary",
]
