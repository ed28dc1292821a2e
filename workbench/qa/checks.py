"""The QA checks, one class each.

Every class documents the false positive it is careful to avoid: a QA pass that cries wolf on
every news sentence is switched off by editors, so each rule compares the target with what the
source makes normal (a heading without a full stop, a quote split over two sentences, a name that
is legitimately identical in both languages).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from workbench.document import Document, Flag, Status
from workbench.qa.base import ERROR, WARNING, DocumentCheck, QaCheck, QaContext, register
from workbench.qa.numbers import EMAIL_RE, PLACEHOLDER_RE, URL_RE, compare_numbers

CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:[-‐][А-Яа-яЁё]+)*")
_HAS_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _find(haystack: str, needle: str) -> tuple[int, int] | None:
    """Case-insensitive position of ``needle`` in ``haystack`` (for flag spans)."""
    if not needle:
        return None
    pos = haystack.casefold().find(needle.casefold())
    return (pos, pos + len(needle)) if pos >= 0 else None


# --- presence --------------------------------------------------------------------------------


@register
class EmptyTarget(QaCheck):
    """A translatable segment without a translation.

    Policy: this is an *error* even while a document is mid-work, because exporting would put the
    Russian source in its place; progress views show what is left, and export blocking reads only
    open error flags.  Segments without letters (numbers, bullets) are copied, never flagged.
    """

    id = "empty-target"
    severity = ERROR
    description = "Target is empty"
    runs_on_empty = True

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        if target.strip() or not any(ch.isalpha() for ch in source):
            return []
        return [self.flag("The target is empty: the segment has not been translated.")]


@register
class IdenticalToSource(QaCheck):
    """Target copied from the source.  Only sources containing Cyrillic count: «Lada.kz» or
    «COVID-19» are meant to stay as they are."""

    id = "identical-to-source"
    severity = WARNING
    description = "Target identical to source"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        if source.strip() == target.strip() and _HAS_CYRILLIC.search(source):
            return [self.flag("The target is identical to the source.", (0, len(target)))]
        return []


@register
class UntranslatedCyrillic(QaCheck):
    """Russian words left in an English target (often a name the engine could not handle).

    Cyrillic that a do-not-translate glossary entry requires is allowed."""

    id = "untranslated-cyrillic"
    severity = ERROR
    description = "Cyrillic text left in the target"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        allowed: set[str] = set()
        if context.glossary is not None:
            for entry in getattr(context.glossary, "entries", []):
                if getattr(entry, "dnt", False):
                    allowed.update(w.casefold() for w in CYRILLIC_WORD.findall(entry.target or entry.source))
        found = [m for m in CYRILLIC_WORD.finditer(target) if m.group().casefold() not in allowed]
        if not found:
            return []
        words = list(dict.fromkeys(m.group() for m in found))
        shown = ", ".join(f"«{w}»" for w in words[:5]) + (" …" if len(words) > 5 else "")
        return [self.flag(f"Untranslated Cyrillic in the target: {shown}.", (found[0].start(), found[-1].end()))]


# --- glossary --------------------------------------------------------------------------------


@register
class MissingTerm(QaCheck):
    """A glossary term occurs in the source (lemma match) but its required translation is absent."""

    id = "missing-term"
    severity = ERROR
    description = "Glossary term missing"
    needs_glossary = True

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        result = context.glossary_check(source, target)
        return [
            self.flag(f"Glossary term «{e.source}» should be translated as «{e.target}».")
            for e in result.missing
            if not getattr(e, "dnt", False)  # altered do-not-translate items have their own check
        ]


@register
class ForbiddenTerm(QaCheck):
    """A variant the glossary forbids («Ministry of International Affairs») is used."""

    id = "forbidden-term"
    severity = ERROR
    description = "Forbidden term used"
    needs_glossary = True

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        result = context.glossary_check(source, target)
        return [
            self.flag(f"Forbidden variant «{variant}» used; the glossary requires «{e.target}».",
                      _find(target, variant))
            for e, variant in result.forbidden
        ]


@register
class DoNotTranslateAltered(QaCheck):
    """A do-not-translate item (brand, site name) is missing or was changed in the target."""

    id = "dnt-altered"
    severity = ERROR
    description = "Do-not-translate item altered"
    needs_glossary = True

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        result = context.glossary_check(source, target)
        flags = []
        for e in result.dnt_altered:
            required = e.target or e.source
            how = "unchanged" if required == e.source else f"as «{required}»"
            flags.append(self.flag(f"Do-not-translate item «{e.source}» must appear in the target {how}."))
        return flags


# --- numbers and tokens ----------------------------------------------------------------------


@register
class NumberMismatch(QaCheck):
    """Numbers, dates and amounts that differ after both sides are normalised.

    «1 000,5» = ``1,000.5``, «2,5 млн» = ``2.5 million``, «7 ноября 2025 года» = ``November 7, 2025``
    and a digit may be spelled out in English (``five``); see :mod:`workbench.qa.numbers`.
    """

    id = "number-mismatch"
    severity = ERROR
    description = "Number mismatch"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        diff = compare_numbers(source, target, context.source_lang, context.target_lang)
        flags = [
            self.flag(f"{_describe(t.value, t.surface)} of the source is missing from the target.")
            for t in diff.missing
        ]
        flags += [
            self.flag(f"{_describe(t.value, t.surface)} in the target does not occur in the source.",
                      (t.start, t.end))
            for t in diff.extra
        ]
        return flags


def _describe(value: str, surface: str) -> str:
    if value.startswith("month:"):
        return f"Month «{surface}»"
    return f"Number «{surface}»" + (f" ({value})" if value != surface else "")


class _TokenSetCheck(QaCheck):
    """Tokens that must be carried over verbatim: same multiset on both sides."""

    pattern: re.Pattern[str]
    what: str

    def normalise(self, token: str) -> str:
        return token

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        src = Counter(self.normalise(m.group()) for m in self.pattern.finditer(source))
        tgt_matches = list(self.pattern.finditer(target))
        tgt = Counter(self.normalise(m.group()) for m in tgt_matches)
        if src == tgt:
            return []
        flags = [
            self.flag(f"{self.what} «{tok}» of the source is missing from the target.")
            for tok in (src - tgt).elements()
        ]
        extra = tgt - src
        for m in tgt_matches:
            tok = self.normalise(m.group())
            if extra[tok] > 0:
                extra[tok] -= 1
                flags.append(self.flag(f"{self.what} «{m.group()}» in the target is not in the source.",
                                       (m.start(), m.end())))
        return flags


@register
class UrlMismatch(_TokenSetCheck):
    """URLs must survive translation unchanged (a trailing slash does not count as a change)."""

    id = "url-mismatch"
    severity = ERROR
    description = "URL mismatch"
    pattern = URL_RE
    what = "URL"

    def normalise(self, token: str) -> str:
        return token.rstrip("/").lower()


@register
class EmailMismatch(_TokenSetCheck):
    """E-mail addresses must survive translation unchanged (compared case-insensitively)."""

    id = "email-mismatch"
    severity = ERROR
    description = "E-mail address mismatch"
    pattern = EMAIL_RE
    what = "E-mail address"

    def normalise(self, token: str) -> str:
        return token.lower()


@register
class PlaceholderMismatch(_TokenSetCheck):
    """Placeholders and inline tags (``{0}``, ``%s``, ``<x id="1"/>``) must all be kept."""

    id = "placeholder-mismatch"
    severity = ERROR
    description = "Placeholder or tag mismatch"
    pattern = PLACEHOLDER_RE
    what = "Placeholder"


# --- punctuation and typography --------------------------------------------------------------

_CLOSERS = "»”“\"'’)]}"
_END_NAMES = {"": "no final punctuation", ".": "«.»", "!": "«!»", "?": "«?»", "…": "«…»", ":": "«:»", ";": "«;»"}


def _end_mark(text: str) -> tuple[str, int]:
    """The sentence-final mark class of ``text`` and its index (``""`` when there is none).

    Closing quotes and brackets are skipped: «…». and "…." both end with a full stop."""
    i = len(text.rstrip()) - 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    if i < 0:
        return "", -1
    ch = text[i]
    if ch == "…" or text[max(0, i - 2) : i + 1] == "...":
        return "…", i
    if ch in ".!?:;":
        return ch, i
    return "", i


@register
class EndPunctuation(QaCheck):
    """Source and target end differently (a full stop lost, a question turned into a statement).

    Headings without a final mark are fine as long as the target has none either; «…» and "..."
    are the same mark."""

    id = "end-punctuation"
    severity = WARNING
    description = "End punctuation mismatch"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        src, _ = _end_mark(source)
        tgt, pos = _end_mark(target)
        if src == tgt:
            return []
        span = (pos, pos + 1) if tgt and pos >= 0 else None
        return [self.flag(f"The source ends with {_END_NAMES[src]}, the target with {_END_NAMES[tgt]}.", span)]


_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_SOURCE_QUOTES = "«»„“”\""
_TARGET_QUOTES = "«»“”\""


@register
class UnbalancedBrackets(QaCheck):
    """Brackets or quotes opened and not closed in the target.

    Compared with the source rather than judged alone: a quotation that spans two sentences
    leaves both halves unbalanced, and that is not the translator's fault.  Brackets must have
    the same open/close difference on both sides; quotes (whose characters change between
    languages) the same parity."""

    id = "unbalanced-brackets"
    severity = WARNING
    description = "Unbalanced quotes or brackets"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        flags: list[Flag] = []
        for opening, closing in _BRACKETS:
            src = source.count(opening) - source.count(closing)
            tgt = target.count(opening) - target.count(closing)
            if src != tgt:
                pos = target.rfind(opening if tgt > src else closing)
                flags.append(self.flag(
                    f"Unbalanced brackets: the target has {target.count(opening)} «{opening}» and "
                    f"{target.count(closing)} «{closing}», the source {source.count(opening)} and "
                    f"{source.count(closing)}.",
                    (pos, pos + 1) if pos >= 0 else None,
                ))
        src_q = sum(source.count(q) for q in _SOURCE_QUOTES)
        tgt_q = sum(target.count(q) for q in _TARGET_QUOTES)
        if src_q % 2 != tgt_q % 2:
            positions = [i for i, ch in enumerate(target) if ch in _TARGET_QUOTES]
            span = (positions[-1], positions[-1] + 1) if positions else None
            flags.append(self.flag(
                f"Unbalanced quotes: the target has {tgt_q} quotation marks, the source {src_q}.", span))
        return flags


@register
class Whitespace(QaCheck):
    """Double spaces and leading/trailing whitespace that the source does not have."""

    id = "whitespace"
    severity = WARNING
    description = "Double spaces or leading/trailing whitespace"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        flags: list[Flag] = []
        if "  " not in source:
            for m in re.finditer(r" {2,}", target.strip()):
                offset = len(target) - len(target.lstrip())
                flags.append(self.flag("Double space in the target.", (m.start() + offset, m.end() + offset)))
        lead = len(target) - len(target.lstrip())
        if lead and not source[:1].isspace():
            flags.append(self.flag("The target starts with whitespace.", (0, lead)))
        trail = len(target.rstrip())
        if trail < len(target) and not source[-1:].isspace():
            flags.append(self.flag("The target ends with whitespace.", (trail, len(target))))
        return flags


_REPEAT = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)
_LEGIT_REPEATS = frozenset({"had", "that", "is", "do", "bye", "very", "no", "so"})


@register
class RepeatedWord(QaCheck):
    """The same word twice in a row ("the the"), a classic MT and editing slip.

    Grammatical doubles ("had had", "that that") and numbers are left alone."""

    id = "repeated-word"
    severity = WARNING
    description = "Repeated word"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        flags = []
        for m in _REPEAT.finditer(target):
            word = m.group(1)
            if word.isdigit() or word.casefold() in _LEGIT_REPEATS:
                continue
            flags.append(self.flag(f"Repeated word «{word}».", (m.start(), m.end())))
        return flags


def _visible_length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")


@register
class LengthRatio(QaCheck):
    """Target far shorter or longer than the source (a dropped clause, a hallucinated loop).

    English is about as long as Russian in characters; the default bounds (0.4–2.2) only catch
    real outliers, and segments under ``ratio_min_chars`` characters are skipped because short
    headings vary too much."""

    id = "length-ratio"
    severity = WARNING
    description = "Length ratio outlier"

    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        src_len = _visible_length(source)
        if src_len < context.ratio_min_chars:
            return []
        ratio = _visible_length(target) / src_len
        if context.min_ratio <= ratio <= context.max_ratio:
            return []
        kind = "shorter" if ratio < context.min_ratio else "longer"
        return [self.flag(
            f"The target is much {kind} than the source (length ratio {ratio:.2f}, "
            f"expected {context.min_ratio:g}–{context.max_ratio:g})."
        )]


# --- document level --------------------------------------------------------------------------


_CONSISTENCY_STATUSES = frozenset({Status.TRANSLATED, Status.REVIEWED, Status.APPROVED})


def _norm_source(text: str) -> str:
    return " ".join(text.split()).casefold()


def _norm_target(text: str) -> str:
    return " ".join(text.split())


@register
class InconsistentTranslation(DocumentCheck):
    """The same source sentence translated differently within a document (or a project).

    Only segments somebody has stated as translated (translated, reviewed, approved) take part:
    two raw MT drafts differing is normal and not worth a flag.  Sources compare case- and
    whitespace-insensitively, targets whitespace-insensitively.  Every segment of a group with
    more than one distinct target is flagged, naming the other variant(s)."""

    id = "inconsistent-translation"
    severity = WARNING
    description = "Inconsistent translation"

    def check_documents(self, documents: Sequence[Document], context: QaContext) -> dict[str, list[Flag]]:
        groups: dict[str, list[tuple[str, str]]] = {}
        for doc in documents:
            for seg in doc.segments():
                if seg.status in _CONSISTENCY_STATUSES and seg.target.strip() and seg.translatable:
                    groups.setdefault(_norm_source(seg.source), []).append((seg.id, _norm_target(seg.target)))
        out: dict[str, list[Flag]] = {}
        for members in groups.values():
            variants = list(dict.fromkeys(t for _, t in members))
            if len(variants) < 2:
                continue
            for seg_id, target in members:
                others = [v for v in variants if v != target]
                shown = "; ".join(f"«{_quote(v)}»" for v in others[:3])
                out.setdefault(seg_id, []).append(self.flag(
                    f"The same source is translated differently elsewhere: {shown}."
                ))
        return out
