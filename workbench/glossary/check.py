"""Target-side terminology checks: is the required English term in the translation?

English barely inflects, so the comparison is light: case-insensitive, possessives dropped
("Tokayev's", "Accords'"), a plural ``s``/``ies`` folded ("Accord" ~ "Accords"), hyphens and
spaces equivalent ("Kassym-Jomart" ~ "Kassym Jomart").  Forbidden variants are found the same
way.  Do-not-translate items are stricter: the exact characters must survive ("Lada.kz").

:func:`term_success` is the WMT terminology-task style metric used by evaluation and shown per
document: hits / entries whose source term occurs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from workbench.glossary.model import Entry, TargetCheck

if TYPE_CHECKING:
    from workbench.glossary.model import Glossary

_EN_WORD = re.compile(r"[^\W_]+(?:['’][sS](?![^\W_]))?", re.UNICODE)


def normalize_word(word: str) -> str:
    """Comparison form of an English word: lowercase, no possessive, plural folded."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def english_tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) for every word of ``text``."""
    return [(normalize_word(m.group()), m.start(), m.end()) for m in _EN_WORD.finditer(text)]


@lru_cache(maxsize=65_536)
def _phrase(term: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in english_tokens(term))


def find_term(text: str, term: str, tokens: list[tuple[str, int, int]] | None = None) -> list[tuple[int, int]]:
    """Character spans of ``term`` in English ``text`` (light inflection, see module docstring)."""
    phrase = _phrase(term)
    if not phrase:
        return []
    toks = english_tokens(text) if tokens is None else tokens
    k = len(phrase)
    spans = []
    for i in range(len(toks) - k + 1):
        if toks[i][0] == phrase[0] and all(toks[i + j][0] == phrase[j] for j in range(1, k)):
            spans.append((toks[i][1], toks[i + k - 1][2]))
    return spans


def term_present(entry: Entry, text: str, tokens: list[tuple[str, int, int]] | None = None) -> bool:
    """Whether ``text`` contains the entry's required rendering (verbatim for do-not-translate)."""
    if entry.dnt:
        return entry.target in text
    return bool(find_term(text, entry.target, tokens))


def forbidden_used(entry: Entry, text: str,
                   tokens: list[tuple[str, int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of the entry's forbidden variants in ``text`` (not those inside the right term)."""
    if not entry.forbidden:
        return []
    toks = english_tokens(text) if tokens is None else tokens
    good = find_term(text, entry.target, toks)
    spans = []
    for variant in entry.forbidden:
        for s, e in find_term(text, variant, toks):
            if not any(gs <= s and e <= ge for gs, ge in good):
                spans.append((s, e))
    return sorted(set(spans))


def check_target(glossary: Glossary, source: str, target: str) -> TargetCheck:
    """Classify each distinct entry found in ``source`` as ok / missing / dnt_altered, and list
    forbidden variants used in ``target`` (see :class:`~workbench.glossary.model.TargetCheck`)."""
    result = TargetCheck(found=glossary.match(source))
    tokens = english_tokens(target)
    seen: set[int] = set()
    for m in result.found:
        entry = m.entry
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        if entry.dnt:
            (result.ok if term_present(entry, target, tokens) else result.dnt_altered).append(entry)
        else:
            (result.ok if term_present(entry, target, tokens) else result.missing).append(entry)
        for s, e in forbidden_used(entry, target, tokens):
            result.forbidden.append((entry, target[s:e]))
    return result


def term_success(glossary: Glossary, sources: Sequence[str], targets: Sequence[str]) -> tuple[int, int]:
    """(hits, entries whose source term occurs), counted per segment and distinct entry.

    A hit is an entry rendered as required (do-not-translate items: unchanged).  The rate is
    ``hits / occurring`` (undefined when no term occurs).
    """
    if len(sources) != len(targets):
        raise ValueError("term_success needs one target per source")
    hits = total = 0
    for source, target in zip(sources, targets, strict=True):
        chk = check_target(glossary, source, target)
        total += len(chk.ok) + len(chk.missing) + len(chk.dnt_altered)
        hits += len(chk.ok)
    return hits, total
