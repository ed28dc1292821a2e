"""Find glossary terms in Russian text, in any inflected form, fast.

The glossary is compiled into a trie whose edges are *keys* of tokens (lemma keys for ``lemma``
entries, the folded written form for ``exact`` entries, a three-letter start for ``prefix``
entries).  Scanning a text costs one dictionary look-up per key of each token, plus a short walk
where a term may start, so the cost is linear in the text and nearly independent of the glossary
size: 1 MB × 10,000 terms takes about as long as 1 MB × 10 terms (see
``benchmarks/glossary_match.py``).

A trie path is only a candidate.  Each candidate is verified token by token against what keys
cannot express:

* case rules (see :class:`~workbench.glossary.model.Entry`): upper-case letters in the glossary
  must be upper case in the text, so «Маргарет Мид» is not «МИД» and «сектор газа» (gas) is not
  «сектор Газа»;
* spacing: «Lada.kz» must be written without spaces, a space in the term must be a space;
* the exact and prefix modes' string conditions.

Whole tokens only: «пирамида» never contains «МИД», and «Казахстанские» (adjective, lemma
«казахстанский») is not «Казахстан».  Overlapping candidates are resolved deterministically:
more tokens first, then more characters, then the earlier start, then the earlier glossary row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from workbench.glossary.model import Entry, TermMatch, is_abbreviation
from workbench.glossary.morph import Token, fold, is_proper_name, lemma_keys, name_lemma_keys, tokenize

_END = None  # key under which a trie node stores the ids of the terms ending there (never a text key)
_MAX_KEY_PATHS = 64  # cap on the lemma-key combinations of one term (pathological parses)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One token of a compiled glossary term."""

    written: str
    folded: str
    keys: frozenset[str]
    mode: str
    case: str  # "abbr" (all caps), "upper" (capitalised), "lower", "none" (no letters)
    space_before: bool


@dataclass(frozen=True, slots=True)
class _Term:
    entry: Entry
    order: int
    patterns: tuple[_Pattern, ...]
    case_sensitive: bool | None


def _case_class(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "none"
    if is_abbreviation("".join(letters)):
        return "abbr"
    return "upper" if letters[0].isupper() else "lower"


@lru_cache(maxsize=200_000)
def _text_keys(folded: str, with_prefixes: bool) -> frozenset[str]:
    keys = set(lemma_keys(folded))
    keys.add("=" + folded)
    if with_prefixes:
        keys.update("^" + folded[:k] for k in range(1, min(3, len(folded)) + 1))
    return frozenset(keys)


class Matcher:
    """A glossary compiled for scanning (built once per glossary, reused for every text)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.terms: list[_Term] = []
        self.root: dict[str | None, Any] = {}
        self.has_prefix_terms = False
        self.max_len = 0
        for order, entry in enumerate(entries):
            term = self._compile(entry, order)
            if term is None:
                continue
            self.terms.append(term)
            self._insert(len(self.terms) - 1, term)

    def _compile(self, entry: Entry, order: int) -> _Term | None:
        tokens = tokenize(entry.source)
        if not tokens:
            return None
        patterns = []
        word_count = sum(1 for t in tokens if any(c.isalpha() for c in t.text))
        for i, tok in enumerate(tokens):
            folded = fold(tok.text)
            if entry.match_mode == "exact":
                keys = frozenset(("=" + folded,))
            elif entry.match_mode == "prefix":
                keys = frozenset(("^" + folded[:3],))
                self.has_prefix_terms = True
            elif _case_class(tok.text) in ("upper", "abbr") and entry.case_sensitive is not False:
                keys = name_lemma_keys(folded)
            else:
                keys = lemma_keys(folded)
            case = _case_class(tok.text)
            if (i == 0 and case == "upper" and word_count > 1 and entry.case_sensitive is None
                    and not is_proper_name(folded)):
                # «Мирное урегулирование», «Палестинское государство»: Russian capitalises the
                # first word of a phrase by habit; only names must keep the capital.
                case = "lower"
            patterns.append(
                _Pattern(tok.text, folded, keys, entry.match_mode, case, tok.space_before if i else False)
            )
        self.max_len = max(self.max_len, len(patterns))
        return _Term(entry, order, tuple(patterns), entry.case_sensitive)

    def _insert(self, term_id: int, term: _Term) -> None:
        level: list[dict[str | None, Any]] = [self.root]
        for pattern in term.patterns:
            nxt: list[dict[str | None, Any]] = []
            seen: set[int] = set()
            for node in level:
                for key in sorted(pattern.keys):
                    child = node.setdefault(key, {})
                    if id(child) not in seen:
                        seen.add(id(child))
                        nxt.append(child)
            level = nxt[:_MAX_KEY_PATHS]
        for node in level:
            ends = node.setdefault(_END, [])
            if term_id not in ends:
                ends.append(term_id)

    # -- scanning ---------------------------------------------------------------------------

    def _verify(self, term: _Term, tokens: list[Token], start: int) -> bool:
        sensitivity = term.case_sensitive
        for k, pattern in enumerate(term.patterns):
            tok = tokens[start + k]
            if k and tok.space_before != pattern.space_before:
                return False
            folded = fold(tok.text)
            if pattern.mode == "exact" and folded != pattern.folded:
                return False
            if pattern.mode == "prefix" and not folded.startswith(pattern.folded):
                return False
            if sensitivity is False or pattern.case == "none":
                continue
            text = tok.text
            if pattern.case == "abbr":
                head = text[: len(pattern.written)]
                if len(head) < len(pattern.written) or not head.isupper():
                    return False
            elif pattern.case == "upper":
                if not text[:1].isupper():
                    return False
            elif sensitivity is True and k and not text[:1].islower():
                return False
        return True

    def candidates(self, tokens: list[Token]) -> list[tuple[int, int, int]]:
        """All verified (first token, token count, term id) occurrences, overlapping."""
        keys = [_text_keys(fold(t.text), self.has_prefix_terms) for t in tokens]
        root = self.root
        out: list[tuple[int, int, int]] = []
        n = len(tokens)
        for i in range(n):
            level = [root[k] for k in keys[i] if k in root]
            j = i
            while level:
                for node in level:
                    for term_id in node.get(_END, ()):
                        if self._verify(self.terms[term_id], tokens, i):
                            out.append((i, j - i + 1, term_id))
                j += 1
                if j >= n or j - i >= self.max_len:
                    break
                nxt = []
                for node in level:
                    for k in keys[j]:
                        child = node.get(k)
                        if child is not None:
                            nxt.append(child)
                level = nxt
        return out

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, sorted by start (see the module docstring)."""
        if not text or not self.terms:
            return []
        tokens = tokenize(text)
        found = set(self.candidates(tokens))
        ranked = sorted(
            found,
            key=lambda c: (
                -c[1],
                -(tokens[c[0] + c[1] - 1].end - tokens[c[0]].start),
                c[0],
                self.terms[c[2]].order,
            ),
        )
        taken = [False] * len(tokens)
        chosen: list[TermMatch] = []
        for first, count, term_id in ranked:
            if any(taken[first : first + count]):
                continue
            for k in range(first, first + count):
                taken[k] = True
            start, end = tokens[first].start, tokens[first + count - 1].end
            chosen.append(TermMatch(self.terms[term_id].entry, start, end, text[start:end]))
        chosen.sort(key=lambda m: (m.start, m.end))
        return chosen
