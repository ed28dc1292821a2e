"""Put required glossary terms into machine translations.

CTranslate2 has no lexical constraints, so enforcement combines what it offers, cheapest first,
for every segment whose source contains glossary terms:

1. **n-best** — one ``translate_batch`` call for all segments asks for ``num_hypotheses``; the
   best-scoring hypothesis that contains every required term (and no forbidden variant) wins.
2. **prefix** — otherwise the best hypothesis is cut where it diverges from the terms: each
   missing term replaces the span aligned with it (a forbidden variant, or the most similar span by
   ``rapidfuzz``), or is inserted at the position its source term has in the sentence; the model's
   words before it are kept and the model continues after the last forced term.  All prefixed
   segments go to the engine in a second single ``translate_batch`` call.
3. **repair** — otherwise the draft is edited in place: a forbidden variant, or a span that is
   clearly a misspelt rendering of the term, is replaced by the term.  Nothing is ever inserted
   without an aligned span: a term that cannot be placed stays **missing** and is reported.
4. Every occurrence gets a :class:`~workbench.document.TermHit` with status ok / enforced /
   missing and the method used, so the editor and QA see what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.document import TermHit, TermStatus
from workbench.engine.base import Hypothesis, Translator
from workbench.glossary.check import english_tokens, forbidden_used, term_present
from workbench.glossary.model import Entry, Glossary, TermMatch

PREFIX_SIMILARITY = 60.0  # a span this similar to the term is where the model diverged
REPAIR_SIMILARITY = 75.0  # replacing text in place needs a much clearer alignment


@dataclass
class Enforced:
    """The chosen translation of one segment and the status of its terms."""

    text: str
    score: float | None
    alternatives: list[str] = field(default_factory=list)
    terms: list[TermHit] = field(default_factory=list)


def satisfied(entry: Entry, text: str) -> bool:
    """The term is present and none of its forbidden variants is."""
    tokens = english_tokens(text)
    return term_present(entry, text, tokens) and not forbidden_used(entry, text, tokens)


def _distinct(matches: Sequence[TermMatch]) -> list[Entry]:
    seen: dict[int, Entry] = {}
    for m in matches:
        seen.setdefault(id(m.entry), m.entry)
    return list(seen.values())


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _protected_spans(text: str, entries: Sequence[Entry]) -> list[tuple[int, int]]:
    """Where the terms that are already right sit in ``text`` (never to be overwritten)."""
    from workbench.glossary.check import find_term

    spans: list[tuple[int, int]] = []
    for e in entries:
        if e.dnt:
            start = text.find(e.target)
            while start >= 0:
                spans.append((start, start + len(e.target)))
                start = text.find(e.target, start + 1)
        else:
            spans.extend(find_term(text, e.target))
    return spans


def _aligned_span(text: str, entry: Entry, threshold: float,
                  protected: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """The span of ``text`` that renders ``entry`` wrongly: a forbidden variant, else the word
    window most similar to the required target (``None`` when nothing is similar enough).
    Spans overlapping ``protected`` (terms already right) are never chosen."""
    bad = [span for span in forbidden_used(entry, text) if not _overlaps(span, protected)]
    if bad:
        return bad[0]
    from rapidfuzz import fuzz

    words = [(m[1], m[2]) for m in english_tokens(text)]
    want = entry.target.lower()
    n = max(1, len(english_tokens(entry.target)))
    best: tuple[float, int, int] | None = None
    for size in range(max(1, n - 1), n + 2):
        for i in range(len(words) - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            if _overlaps((s, e), protected):
                continue
            got = text[s:e].lower()
            score = max(fuzz.ratio(got, want), fuzz.token_sort_ratio(got, want))
            if best is None or score > best[0]:
                best = (score, s, e)
    if best is None or best[0] < threshold:
        return None
    return best[1], best[2]


def _cased(term: str, text: str, start: int) -> str:
    """Capitalise a lower-case term put at the start of the sentence."""
    if term[:1].islower() and not text[:start].strip(" \"'«“(").strip():
        return term[:1].upper() + term[1:]
    return term


def _insertion_point(text: str, match: TermMatch, source: str) -> int:
    """Word boundary of ``text`` at the relative position the term has in ``source``."""
    if not source:
        return len(text)
    goal = match.start / len(source) * len(text)
    starts = [s for _, s, _ in english_tokens(text)] + [len(text)]
    return min(starts, key=lambda s: (abs(s - goal), s))


def _splice(text: str, edits: list[tuple[int, int, str]], *, cut_after_last: bool) -> str:
    """Apply non-overlapping (start, end, replacement) edits; optionally drop what follows the
    last edit (a prefix for re-decoding)."""
    out: list[str] = []
    pos = 0
    for s, e, rep in sorted(edits):
        if s < pos:
            continue
        before = text[pos:s]
        if before and not before[-1].isspace() and rep[:1].isalnum():
            before += " "
        out.append(before)
        out.append(_cased(rep, text, s))
        pos = e
        if pos < len(text) and e == s and text[pos].isalnum():
            out.append(" ")
    if not cut_after_last:
        out.append(text[pos:])
    return "".join(out)


def _prefix_for(text: str, source: str, missing: list[Entry], matches: list[TermMatch]) -> str | None:
    """Target prefix forcing every missing term where the model diverged (see module docstring)."""
    missing_ids = {id(e) for e in missing}
    protected = _protected_spans(text, [e for e in _distinct(matches) if id(e) not in missing_ids])
    edits: list[tuple[int, int, str]] = []
    for entry in missing:
        span = _aligned_span(text, entry, PREFIX_SIMILARITY, protected)
        if span is None:
            first = next(m for m in matches if m.entry is entry)
            point = _insertion_point(text, first, source)
            span = (point, point)
        edits.append((span[0], span[1], entry.target))
    prefix = _splice(text, edits, cut_after_last=True).rstrip()
    return prefix or None


def _repair(text: str, missing: list[Entry], keep: list[Entry]) -> tuple[str, set[int]]:
    """Replace aligned spans by the required terms, never touching the terms in ``keep`` that are
    already right; returns the text and the ids of the entries that were placed."""
    edits: list[tuple[int, int, str]] = []
    placed: set[int] = set()
    protected = _protected_spans(text, keep)
    for entry in missing:
        span = _aligned_span(text, entry, REPAIR_SIMILARITY, protected + [(s, e) for s, e, _ in edits])
        if span is None:
            continue
        edits.append((span[0], span[1], entry.target))
        placed.add(id(entry))
    if not edits:
        return text, placed
    return _splice(text, edits, cut_after_last=False), placed


def _hits(matches: list[TermMatch], status: dict[int, tuple[TermStatus, str]]) -> list[TermHit]:
    return [
        TermHit(source=m.entry.source, target=m.entry.target, start=m.start, end=m.end, text=m.text,
                status=status[id(m.entry)][0], method=status[id(m.entry)][1])
        for m in matches
    ]


def enforce_batch(
    translator: Translator,
    sources: Sequence[str],
    glossary: Glossary,
    *,
    num_hypotheses: int = 4,
) -> list[Enforced]:
    """Translate ``sources`` with glossary enforcement: at most two ``translate_batch`` calls
    (n-best for all segments, then one prefixed re-decode for the segments that need it)."""
    sources = list(sources)
    if not sources:
        return []
    matches = [glossary.match(s) for s in sources]
    nbest = translator.translate_batch(sources, num_hypotheses=max(1, num_hypotheses))
    results: list[Enforced | None] = [None] * len(sources)
    status: list[dict[int, tuple[TermStatus, str]]] = [{} for _ in sources]
    pending: dict[int, tuple[str, float | None, list[Entry]]] = {}  # index → (top text, score, missing)

    for i, (found, hyps) in enumerate(zip(matches, nbest, strict=True)):
        hyps = list(hyps) or [Hypothesis(text="", score=None)]
        texts = list(dict.fromkeys(h.text for h in hyps))
        entries = _distinct(found)
        top = hyps[0]
        in_top = {id(e) for e in entries if satisfied(e, top.text)}
        for e in entries:
            status[i][id(e)] = (TermStatus.OK, "") if id(e) in in_top else (TermStatus.MISSING, "")
        chosen = next((h for h in hyps if all(satisfied(e, h.text) for e in entries)), None)
        if chosen is not None:
            if chosen is not top:
                for e in entries:
                    if id(e) not in in_top:
                        status[i][id(e)] = (TermStatus.ENFORCED, "nbest")
            results[i] = Enforced(chosen.text, chosen.score, [t for t in texts if t != chosen.text],
                                  _hits(found, status[i]))
            continue
        pending[i] = (top.text, top.score, [e for e in entries if id(e) not in in_top])

    prefixes: dict[int, str] = {}
    for i, (top_text, _score, missing) in pending.items():
        prefix = _prefix_for(top_text, sources[i], missing, matches[i])
        if prefix:
            prefixes[i] = prefix
    redecoded: dict[int, Hypothesis] = {}
    if prefixes:
        order = sorted(prefixes)
        out = translator.translate_batch([sources[i] for i in order],
                                         target_prefixes=[prefixes[i] for i in order], num_hypotheses=1)
        for i, hyps in zip(order, out, strict=True):
            if hyps:
                redecoded[i] = hyps[0]

    for i, (top_text, top_score, missing) in pending.items():
        alternatives = [h.text for h in nbest[i]]
        entries = _distinct(matches[i])
        base_text, base_score = top_text, top_score
        forced = redecoded.get(i)
        if forced is not None:
            # The re-decoded draft replaces the model's first choice only if it keeps every term
            # that was already right and places more of the missing ones.
            in_forced = {id(e) for e in entries if satisfied(e, forced.text)}
            kept_ok = all(id(e) in in_forced for e in entries if e not in missing)
            gained = sum(1 for e in missing if id(e) in in_forced)
            if kept_ok and gained:
                base_text, base_score = forced.text, forced.score
                for e in missing:
                    if id(e) in in_forced:
                        status[i][id(e)] = (TermStatus.ENFORCED, "prefix")
                missing = [e for e in missing if id(e) not in in_forced]
        # Repair what is still missing in place; the draft's own words are the most trustworthy.
        text = base_text
        if missing:
            missing_ids = {id(e) for e in missing}
            keep = [e for e in entries if id(e) not in missing_ids]
            text, placed = _repair(base_text, missing, keep)
            for e in missing:
                if id(e) in placed and satisfied(e, text):
                    status[i][id(e)] = (TermStatus.ENFORCED, "repair")
        results[i] = Enforced(text, base_score if text == base_text else None,
                              [t for t in dict.fromkeys(alternatives) if t != text],
                              _hits(matches[i], status[i]))
    return [r for r in results if r is not None]
