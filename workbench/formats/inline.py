"""Inline tags and placeholders: how formatting and code survive machine translation.

Every format reader writes inline formatting into the segment text with one small tag syntax,
modelled on XLIFF: paired tags ``<b1>…</b1>`` (the letter hints at the kind: ``b`` bold, ``i``
italic, ``u`` underline, ``a`` link, ``c`` code, ``g`` anything else) and standalone
placeholders ``<x2/>`` (images, line breaks, fields, inline code).  The number links the tag to
the paragraph skeleton, where the writer finds the real markup.

Machine translation does not know these tags, so the pipeline wraps every MT call in
:func:`protect` / :func:`restore`: tags, ``{name}``/``%s`` placeholders, URLs and e-mail addresses
are replaced by short tokens the engine copies through, then put back.  A token the engine drops
is a reported problem (a QA flag), never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.segment import INLINE_TAG_RE

#: Our inline tags: <b1>, </b1>, <x2/> (one definition, shared with the sentence splitter).
TAG_RE = INLINE_TAG_RE

_PROTECT_PATTERNS = [
    TAG_RE.pattern,
    r"\{\{[^{}\s]{1,40}\}\}",  # {{mustache}}
    r"\{[A-Za-z0-9_.\-]{0,40}\}",  # {name}, {0}, {}
    # %s %d %(name)s %.2f — no space flag and no letter after, so "5% of" / "100% sure" stay text
    r"%(?:\([A-Za-z0-9_]+\))?[-+#0]*\d*(?:\.\d+)?[sdifgexXoru](?![A-Za-z])",
    r"%\d+\$[sd]",  # %1$s
    r"(?:https?|ftp)://[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]]",  # URLs without trailing punctuation
    r"www\.[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]]",
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",  # e-mail addresses
]
PROTECT_RE = re.compile("|".join(f"(?:{p})" for p in _PROTECT_PATTERNS))

#: Token written in place of a protected item; ``{n}`` is its number.  Brackets that are rare in
#: news text and that SentencePiece maps to <unk> are copied through by ``replace_unknowns``.
TOKEN = "⟦{n}⟧"
_TOKEN_RE = re.compile(r"⟦\s*(\d+)\s*⟧")


def protect(text: str) -> tuple[str, dict[str, str]]:
    """Replace tags, placeholders, URLs and e-mails by numbered tokens.

    Returns ``(masked_text, restore_map)`` where ``restore_map`` maps each token to the text it
    replaced.  Text without anything to protect comes back unchanged with an empty map.
    """
    restore_map: dict[str, str] = {}

    def sub(m: re.Match[str]) -> str:
        token = TOKEN.format(n=len(restore_map) + 1)
        restore_map[token] = m.group(0)
        return token

    return PROTECT_RE.sub(sub, text), restore_map


def restore(masked: str, restore_map: dict[str, str]) -> tuple[str, list[str]]:
    """Put protected items back into a translation of the masked text.

    Tolerates spaces the engine inserts inside tokens.  Returns ``(text, problems)``: a dropped
    or duplicated token, or an invented one, is described in ``problems``.  Paired tags left
    unbalanced are removed (the formatting is lost, the text is not) and reported too.
    """
    problems: list[str] = []
    seen: dict[str, int] = {}

    def sub(m: re.Match[str]) -> str:
        token = TOKEN.format(n=int(m.group(1)))
        if token not in restore_map:
            problems.append(f"unexpected placeholder {m.group(0)} removed")
            return ""
        seen[token] = seen.get(token, 0) + 1
        if seen[token] > 1:
            problems.append(f"placeholder {restore_map[token]} repeated; extra copy removed")
            return ""
        return restore_map[token]

    text = _TOKEN_RE.sub(sub, masked)
    for token, original in restore_map.items():
        if token not in seen:
            problems.append(f"missing placeholder {original}")
    text, dropped = balance_tags(text)
    problems.extend(f"formatting tag {t} lost its pair; removed" for t in dropped)
    return text, problems


def balance_tags(text: str) -> tuple[str, list[str]]:
    """Remove paired tags that have no partner (or are crossed), returning the removed tags."""
    matches = list(TAG_RE.finditer(text))
    if not matches:
        return text, []
    keep: set[int] = set()
    stack: list[tuple[str, int]] = []
    for i, m in enumerate(matches):
        closing, letter, num, selfclosing = m.groups()
        key = f"{letter}{num}"
        if selfclosing:
            keep.add(i)
        elif not closing:
            stack.append((key, i))
        elif stack and stack[-1][0] == key:
            keep.add(stack.pop()[1])
            keep.add(i)
    dropped = [matches[i].group(0) for i in range(len(matches)) if i not in keep]
    if not dropped:
        return text, []
    out: list[str] = []
    pos = 0
    for i, m in enumerate(matches):
        if i in keep:
            continue
        out.append(text[pos : m.start()])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), dropped


def strip_tags(text: str) -> str:
    """Plain text without inline tags (for QA, TM matching, bilingual CSV)."""
    return TAG_RE.sub("", text)


def tag_ids(text: str) -> list[str]:
    """The tags in ``text`` in order, as written (``["<b1>", "</b1>", "<x2/>"]``)."""
    return [m.group(0) for m in TAG_RE.finditer(text)]


@dataclass(frozen=True)
class Piece:
    """A run of text with the stack of paired tags (``"b1"``...) open around it, or a placeholder."""

    text: str
    tags: tuple[str, ...] = ()
    placeholder: str | None = None  # "x2" for <x2/>


def parse_tagged(text: str) -> list[Piece]:
    """Split tagged text into pieces for writers; unbalanced tags are ignored, never fatal."""
    text, _ = balance_tags(text)
    pieces: list[Piece] = []
    stack: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        if m.start() > pos:
            pieces.append(Piece(text[pos : m.start()], tuple(stack)))
        closing, letter, num, selfclosing = m.groups()
        key = f"{letter}{num}"
        if selfclosing:
            pieces.append(Piece("", tuple(stack), placeholder=key))
        elif closing:
            if key in stack:
                stack.remove(key)
        else:
            stack.append(key)
        pos = m.end()
    if pos < len(text):
        pieces.append(Piece(text[pos:], tuple(stack)))
    return pieces


def escape_literal_tags(text: str) -> str:
    """Make literal text that looks like one of our tags harmless (``<b1>`` → ``‹b1›``)."""
    return TAG_RE.sub(lambda m: "‹" + m.group(0)[1:-1] + "›", text)


def placeholder_problems(source: str, target: str) -> list[str]:
    """Protected items (tags, ``{name}``, ``%s``, URLs, e-mails) of ``source`` missing from or
    added to ``target``: for QA after human edits, when no restore map exists any more."""
    from collections import Counter

    if not target:
        return []
    src = Counter(m.group(0) for m in PROTECT_RE.finditer(source))
    tgt = Counter(m.group(0) for m in PROTECT_RE.finditer(target))
    problems = [f"missing placeholder {item}" for item in (src - tgt).elements()]
    problems += [f"unexpected placeholder {item}" for item in (tgt - src).elements()]
    return problems
