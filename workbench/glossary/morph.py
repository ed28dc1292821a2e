"""Russian morphology for term matching: tokens and the lemma keys of a word form.

Why a *set* of lemmas instead of the first parse: pymorphy3's first parse is often a different
word for names (it reads «Токаев» as the genitive plural of «токай», while «Токаева» is guessed as
«токаев»).  Two word forms are taken to be forms of the same word when their key sets intersect;
each set holds every parse's normal form, the written form itself (so the glossary's own spelling
always counts as a lemma) and, for words the dictionary does not know, the stems left by cutting
common endings (marked with ``~`` so they only ever meet other stems).

Everything is folded (lowercase, ё→е) and cached per word form: a text repeats the same forms
over and over, so the expensive analysis runs once per distinct form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PIECES = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)

# Inflectional endings of nouns, adjectives and surnames, longest first.  Only used for words the
# dictionary does not know (foreign names, new coinages), where pymorphy3 can only guess.
_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        {
            "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иям", "иях",
            "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю", "ая", "яя",
            "ое", "ее", "ые", "ие", "ых", "их", "ий", "ый", "ым", "им", "ию", "ия", "ии", "ью",
            "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
        },
        key=len,
        reverse=True,
    )
)
MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets; ``space_before`` tells whether whitespace
    separates it from the previous token (so «Lada.kz» does not match «Lada. kz»)."""

    text: str
    start: int
    end: int
    space_before: bool


def fold(text: str) -> str:
    """Lowercase with ё→е: the comparison form of Russian words."""
    return text.lower().replace("ё", "е")


def tokenize(text: str) -> list[Token]:
    """razdel tokens, with hyphenated and dotted tokens split further into their parts.

    razdel keeps «Касым-Жомарт» and «ОАЭ-Израиль» whole; splitting them lets a term match one part
    of a compound («ОАЭ» in «ОАЭ-Израиль») and lets only the inflected last part of a hyphenated
    name vary, as Russian does («Касым-Жомартом»).  Glossary terms go through the same function,
    so both sides always agree.
    """
    from razdel import tokenize as razdel_tokenize

    tokens: list[Token] = []
    prev_end = 0
    for tok in razdel_tokenize(text):
        word = tok.text
        if _WORD.fullmatch(word) or len(word) == 1:
            tokens.append(Token(word, tok.start, tok.stop, tok.start > prev_end))
        else:
            first = True
            for m in _PIECES.finditer(word):
                start = tok.start + m.start()
                tokens.append(Token(m.group(), start, start + len(m.group()),
                                    first and tok.start > prev_end))
                first = False
        prev_end = tok.stop
    return tokens


@lru_cache(maxsize=1)
def analyzer():  # type: ignore[no-untyped-def]
    """The pymorphy3 analyser (loading the dictionaries takes a moment; done once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def stems(word: str) -> frozenset[str]:
    """Fallback stems of a folded word: the word and what is left after cutting each ending that
    leaves at least three letters (several, because without a dictionary we cannot know which
    ending is the real one: «токаев» → «токаев», «тока»; «токаеву» → «токаеву», «токаев»)."""
    out = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            out.add(word[: -len(ending)])
    return frozenset(out)


@lru_cache(maxsize=200_000)
def lemma_keys(word: str) -> frozenset[str]:
    """Comparison keys of one folded word form (see the module docstring).

    Non-words (numbers, punctuation) and Latin words are their own only key: Latin brand names
    do not decline in Russian text («Lada.kz», «Telegram»).
    """
    if not _CYRILLIC.search(word):
        return frozenset((word,))
    keys = {word}
    known = False
    for parse in analyzer().parse(word):
        keys.add(fold(parse.normal_form))
        known = known or parse.is_known
    if not known:
        keys.update("~" + s for s in stems(word))
    return frozenset(keys)


_PROPER_TAGS = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))


@lru_cache(maxsize=65_536)
def is_proper_name(word: str) -> bool:
    """Whether any parse of the folded ``word`` is a name, surname, place or organisation (so
    its capital letter in a glossary term is meaningful); non-Cyrillic words count as names."""
    if not _CYRILLIC.search(word):
        return True
    return any(_PROPER_TAGS & parse.tag.grammemes for parse in analyzer().parse(word))


@lru_cache(maxsize=65_536)
def name_lemma_keys(word: str) -> frozenset[str]:
    """Keys of a *capitalised* glossary word: when one of its parses is a name, only the names'
    normal forms count, so the place «Газа» does not also stand for «газ» (gas) and «Газ
    подорожал» at the start of a sentence is not the Gaza Strip.  Other words: :func:`lemma_keys`.
    """
    keys = lemma_keys(word)
    if not _CYRILLIC.search(word):
        return keys
    names = {fold(p.normal_form) for p in analyzer().parse(word) if _PROPER_TAGS & p.tag.grammemes}
    if not names:
        return keys
    return frozenset(k for k in keys if k in names or k == word or k.startswith("~"))


def cache_info() -> str:
    """Cache statistics, for benchmarks."""
    return str(lemma_keys.cache_info())
