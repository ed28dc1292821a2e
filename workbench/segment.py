"""Russian sentence splitting tuned for news text.

The base is ``razdel.sentenize``: a fast, rule-based splitter that already knows most Russian
abbreviations, initials and quote conventions.  On news it still makes a handful of systematic
mistakes that cost a translator a merge or a split per page, so this module runs razdel's own
machinery (candidate delimiters + an ordered list of JOIN/SPLIT rules) with extra rules placed in
front of razdel's, plus a pre-pass that finds boundaries razdel cannot see because there is no
punctuation at all:

* line structure inside a paragraph: list items, dialogue dashes and headlines on their own line;
* a headline run into its lead without a full stop («…новый храм В поселке…»), detected only when
  the capitalised word is a function word (preposition, conjunction, pronoun, particle, adverb),
  which cannot be capitalised mid-sentence;
* «в 2020 г. Потом…» (year abbreviation ending a sentence) versus «в 2020 г. Путин…» (it does not):
  a capitalised word that cannot be a proper noun can only be capitalised because a sentence starts;
* units and money at the end of a sentence («600 Мбит/с. Дюваль…», «5 млн руб. Суд…»), while
  «долл. США» stays together;
* an initial followed by a capitalised function word («Иванов И. И. Потом…»);
* semicolons (not a sentence end in Russian), inline list markers («Пункты: 1. Первый»),
  short bracketed remarks («(депутат Думы. - "Ъ")»), references («табл. 2»), and «!»/«?» glued to
  the next sentence.

Proper-noun and function-word decisions use pymorphy3, loaded lazily the first time an ambiguous
case is met (it takes ≈ 0.1 s), so ``import workbench.segment`` stays as cheap as importing razdel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from razdel.rule import JOIN, SPLIT
from razdel.segmenters.sentenize import DELIMITER, SentSplit
from razdel.segmenters.sentenize import RULES as RAZDEL_RULES

__all__ = ["Sentence", "split_paragraphs", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and its ``[start, end)`` character offsets in the text it came from."""

    text: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------------
# Morphology (lazy, cached): is a capitalised word possibly a proper noun / surely a function word?
# --------------------------------------------------------------------------------------------------

_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
# Parts of speech that a mid-sentence word never capitalises (unless it is part of a name).
_CLOSED = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "PRED"})
# Capitalised mid-sentence anyway: polite «Вы» and the particles of foreign names («Ван», «Де», «Ли»).
_CAPITALISED_INSIDE = frozenset((
    "вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "вашему", "вашим",
    "вашими", "ваших", "вашу", "вашем",
    "ван", "фон", "де", "ла", "ле", "ли", "ди", "да", "дос", "дас", "дель", "дер", "ден", "дю", "ду",
    "эль", "аль", "ал", "бен", "бин", "ибн", "мак", "о",
))  # fmt: skip


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def _may_be_proper(word: str) -> bool:
    """True unless ``word`` is surely a common word (then its capital letter marks a sentence start).

    Unknown words, Latin words and all-caps abbreviations count as possible names: a wrong join is
    cheaper to fix in the editor than a sentence cut in the middle of a name.
    """
    if not word or not word[0].isalpha() or not re.fullmatch(r"[а-яёА-ЯЁ-]+", word):
        return True
    if word.isupper() and len(word) > 1:
        return True
    morph = _morph()
    if not morph.word_is_known(word.lower()):
        return True
    return any(p.score >= 0.01 and _PROPER & p.tag.grammemes for p in morph.parse(word))


@lru_cache(maxsize=50_000)
def _is_function_word(word: str) -> bool:
    """True for a capitalised Russian function word («В», «Потом», «Он») that is no part of a name."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]*", word) or word.lower() in _CAPITALISED_INSIDE:
        return False
    morph = _morph()
    if not morph.word_is_known(word.lower()):
        return False
    parses = morph.parse(word)
    if not parses or parses[0].tag.POS not in _CLOSED:
        return False
    return not any(p.score >= 0.05 and _PROPER & p.tag.grammemes for p in parses)


# --------------------------------------------------------------------------------------------------
# Extra razdel rules.  Each takes a ``SentSplit`` (left context, delimiter, right context, buffer =
# sentence so far) and returns JOIN, SPLIT or None (no opinion: the next rule decides).
# --------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FIRST_WORD_AFTER_QUOTE = re.compile(r"\s+[«„\"“']?\s*([^\W\d_]+(?:-[^\W\d_]+)*)")
# «в 2020 г.», «1960-х гг.», «2019–2020 гг.», «XIX в.», «XVIII—XIX вв.»
_YEAR_ABBR = re.compile(r"(?:\d|\b[IVXLCDM]+|\d-[а-яё]{1,3})\s*(?:г|гг|в|вв)$")
# «5 млн руб.», «100 тыс.», «$30 млн.», «12 чел.», «600 Мбит/с.», «60 км/ч.»
_UNIT_ABBR = re.compile(
    r"(?:(?:\d|\b(?:тыс|млн|млрд|трлн))\.?\s*"
    r"(?:руб|долл|дол|коп|тыс|млн|млрд|трлн|чел|шт|проц|барр|кв|куб|ч|час|мин|сек|км|кг|га|см|мм|м|т|л|экз)"
    r"|\w/[^\W\d_]{1,4})$",
    re.IGNORECASE,
)
_DOLLAR = re.compile(r"(?:долл|дол)$", re.IGNORECASE)
# Reference abbreviations razdel lacks; joined when a number or lowercase word follows.
_REFERENCE_SOKRS = frozenset({"табл", "илл", "разд", "прил", "вып", "рис", "гл", "стр", "ст", "п", "пп", "ч"})
# razdel abbreviations that are, far more often, words that can end a sentence.
_PRONOUNS_NOT_ABBREVIATIONS = frozenset({"нем", "ком"})
_WORDS_NOT_ABBREVIATIONS = frozenset({"им", "пол", "ум", "тел", "зам", "зав", "оз", "юр", "кат"})
_ETC = re.compile(r"(?<![\w-])и\s+(?:пр|др)$", re.IGNORECASE)
_AGENCY_TAG = re.compile(r"\s*/[^\W\d_][^/\s]{1,30}/")
_INITIAL = re.compile(r"(?:^|[\s.(«\"])([A-ZА-ЯЁ])$")
_INLINE_MARKER = re.compile(r"(?<!\d)[:;]\s+(?:\d{1,3}|[a-zа-яё])$")


def _next_word(split: SentSplit) -> str | None:
    """The first word right of the delimiter (skipping one opening quote), if a space comes first."""
    match = _FIRST_WORD_AFTER_QUOTE.match(split.right)
    return match.group(1) if match else None


def _semicolon(split: SentSplit) -> str | None:
    """«;» separates clauses, not sentences (line-level lists are cut earlier, by the pre-pass)."""
    return JOIN if split.delimiter == ";" else None


def _glued_exclamation(split: SentSplit) -> str | None:
    """«Погода хорошая!Завтра дождь» — a missing space after «!»/«?» still ends the sentence."""
    if split.delimiter in "!?" and re.match(r"[А-ЯЁ][а-яё]", split.right) and re.search(r"[а-яё]{2}$", split.left):
        return SPLIT
    return None


def _year_abbreviation(split: SentSplit) -> str | None:
    """«в 2020 г. Потом» ends a sentence; «в 2020 г. Путин» does not (a name may follow the year)."""
    if split.delimiter != "." or not split.right_space_prefix or not _YEAR_ABBR.search(split.left):
        return None
    if re.match(r"\s+[«„\"“']", split.right):
        return None  # a quoted name follows the year more often than a quoted sentence starts
    word = _next_word(split)
    if word is None or not word[0].isupper():
        return None
    if split.right.lstrip()[len(word) : len(word) + 1] == ".":
        return JOIN  # an initial: «в 2020 г. В. Путин»
    return JOIN if _may_be_proper(word) else SPLIT


def _unit_abbreviation(split: SentSplit) -> str | None:
    """A capital after «млн руб.», «чел.», «Мбит/с.» starts a sentence, except «долл. США»."""
    if split.delimiter != "." or not split.right_space_prefix or not _UNIT_ABBR.search(split.left):
        return None
    word = _next_word(split)
    if word is None or not word[0].isupper():
        return None
    if word.isupper() and len(word) > 1 and _DOLLAR.search(split.left):
        return JOIN
    return SPLIT


def _word_not_abbreviation(split: SentSplit) -> str | None:
    """«Говорится в нем. Сестра…», «Мы помогли им. Они…»: razdel reads these words as abbreviations.

    Its list holds «нем.» (немецкий), «им.» (имени), «пол.», «ум.»…, which in news are far more
    often the pronouns and nouns ending a sentence.  «им. Пушкина» still joins: a name follows.
    """
    if split.delimiter != "." or not split.right_space_prefix:
        return None
    left = split.left_token
    if left not in _PRONOUNS_NOT_ABBREVIATIONS and left not in _WORDS_NOT_ABBREVIATIONS:
        return None
    word = _next_word(split)
    if word is None or not word[0].isupper():
        return None
    if left in _PRONOUNS_NOT_ABBREVIATIONS:
        return SPLIT
    return JOIN if _may_be_proper(word) else SPLIT


def _and_so_on(split: SentSplit) -> str | None:
    """«…молоко и пр. Потом…»: «и пр.», «и др.» close a list, so a capital after them starts a sentence."""
    if split.delimiter != "." or not split.right_space_prefix or not _ETC.search(split.left):
        return None
    word = _next_word(split)
    return SPLIT if word is not None and word[0].isupper() else None


def _agency_tag(split: SentSplit) -> str | None:
    """«МОСКВА, 7 ноября. /ТАСС/. Президент…»: the agency tag belongs to the dateline."""
    return JOIN if split.delimiter == "." and _AGENCY_TAG.match(split.right) else None


def _reference(split: SentSplit) -> str | None:
    """«(см. табл. 2)»: a reference abbreviation followed by a number or lowercase word."""
    if split.delimiter != "." or not split.left_token or split.left_token.lower() not in _REFERENCE_SOKRS:
        return None
    right = split.right_token or ""
    if right.isdigit() or re.fullmatch(r"[IVXLC]+", right) or (right.isalpha() and right.islower()):
        return JOIN
    return None


def _initial_then_function_word(split: SentSplit) -> str | None:
    """«Иванов И. И. Потом ушёл»: after an initial, a capitalised function word starts a sentence."""
    if split.delimiter != "." or not split.right_space_prefix or not _INITIAL.search(split.left):
        return None
    word = _next_word(split)
    if word is None or len(word) < 2:
        return None
    after = split.right.lstrip()[len(word) : len(word) + 1]
    if after == ".":
        return None
    return SPLIT if _is_function_word(word) else None


def _inside_short_brackets(split: SentSplit) -> str | None:
    """«(депутат Думы от Чечни. - "Ъ")»: no break inside a bracket that closes a few words later."""
    if split.delimiter not in ".!?…" or not split.buffer:
        return None
    if split.buffer.count("(") <= split.buffer.count(")"):
        return None
    close = split.right.find(")")
    if close < 0 or re.search(r"[.!?…]", split.right[:close]):
        return None
    return JOIN


def _inline_list_marker(split: SentSplit) -> str | None:
    """«Пункты: 1. Первый» — a number after a colon is a list marker, not a sentence."""
    if split.delimiter in ".)" and split.buffer and _INLINE_MARKER.search(split.buffer):
        return JOIN
    return None


_Rule = Callable[[SentSplit], str | None]
_WINDOW = 40  # context each side of a delimiter (razdel uses 10; the bracket rule needs more)
_BUFFER_TAIL = 300  # how much of the sentence so far the rules see (keeps long inputs linear)
_CANDIDATE = re.compile(DELIMITER)


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    """razdel's rules with ours inserted: overrides of razdel's cheap checks first, the rest after them."""
    razdel = {rule.name: rule.function for rule in RAZDEL_RULES}
    trivial = ("empty_side", "no_space_prefix", "lower_right", "delimiter_right")
    ours: tuple[_Rule, ...] = (
        _semicolon,
        _inside_short_brackets,
        _year_abbreviation,
        _unit_abbreviation,
        _word_not_abbreviation,
        _and_so_on,
        _agency_tag,
        _reference,
        _initial_then_function_word,
        _inline_list_marker,
    )
    rest = tuple(f for name, f in razdel.items() if name not in trivial)
    return (_glued_exclamation, *(razdel[n] for n in trivial), *ours, *rest)


def _split_block(block: str) -> list[tuple[int, int]]:
    """Sentence spans of ``block`` (unstripped), razdel-style but in linear time.

    razdel's own loop concatenates the growing sentence at every candidate delimiter, which is
    quadratic on long runs without a break (a page of «а. а. а.» takes seconds); here the rules see
    the sentence through a bounded tail instead.
    """
    rules = _rules()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(block):
        d_start, d_end = match.span()
        split = SentSplit(block[max(0, d_start - _WINDOW) : d_start], match.group(1), block[d_end : d_end + _WINDOW])
        split.buffer = block[max(start, d_start - _BUFFER_TAIL) : d_start]
        verdict = None
        for rule in rules:
            verdict = rule(split)
            if verdict:
                break
        if verdict != JOIN:
            spans.append((start, d_end))
            start = d_end
    spans.append((start, len(block)))
    return spans


# --------------------------------------------------------------------------------------------------
# Pre-pass: boundaries without punctuation (line structure, headlines run into the text).
# --------------------------------------------------------------------------------------------------

_BULLET_START = re.compile(r"[ \t]*(?:[•*·▪◦‣][ \t]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zа-яё])[.)][ \t])")
_DASH_START = re.compile(r"[ \t]*[-–—][ \t]+(\S)?")
_QUOTED_HEADLINE_END = re.compile(r"(?<=[\w.!?…][»\"”])([ \t]+)([А-ЯЁ][а-яё]+)(?=[ \t,])")
_HEADLINE_JOIN = re.compile(r"(?<![\w-])[а-яё]{2,}([ \t]+)([А-ЯЁ][а-яё]*)(?=[ \t])")
_TERMINAL = ".!?…"
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


# Nouns that take a letter as a name («группа В», «витамин С», «класс А»): the letter is no sentence start.
_LETTER_DESIGNATORS = frozenset((
    "группа", "подгруппа", "класс", "подкласс", "витамин", "пункт", "подпункт", "категория", "вариант",
    "план", "тип", "корпус", "блок", "серия", "литера", "буква", "дивизион", "сектор", "зона", "гепатит",
    "отдел", "уровень", "приложение", "строение", "формат", "размер", "сорт", "рейтинг", "модель",
    "колонна", "ряд", "подъезд", "вход", "терминал", "линия", "лига", "список", "форма", "позиция",
))  # fmt: skip


@lru_cache(maxsize=50_000)
def _names_a_letter(word: str) -> bool:
    """Whether ``word`` is a form of a noun that a letter designation follows («в группу В»)."""
    return any(p.normal_form in _LETTER_DESIGNATORS for p in _morph().parse(word))


@lru_cache(maxsize=50_000)
def _starts_a_clause(word: str) -> bool:
    """A capitalised common word that can open a sentence: a function word or a nominative form.

    Used after a closing quote with no full stop («…в клубе «Ренессанс» Бывший чемпион…»), where a
    genitive («"дочки" Сбербанка») more likely continues an organisation's name.
    """
    if _is_function_word(word):
        return True
    if _may_be_proper(word):
        return False
    top = _morph().parse(word)[0]
    return top.tag.case == "nomn"


def _line_break_is_boundary(prev: str, nxt: str) -> bool:
    """Whether a single line break between ``prev`` and ``nxt`` separates two sentences.

    Hard-wrapped prose breaks lines anywhere, so only structure counts: a list item or a dialogue
    dash on the next line, or a line without final punctuation (a headline, a list entry) followed
    by a line that starts with a capitalised common word.
    """
    prev = prev.rstrip()
    nxt = nxt.lstrip()
    if not prev or not nxt:
        return True
    if _BULLET_START.match(nxt):
        return True
    dash = _DASH_START.match(nxt)
    if dash:
        # A dialogue line or a dash list — unless prose wrapped before a dash («Москва\n— столица…»).
        return bool(
            (dash.group(1) and (dash.group(1).isupper() or dash.group(1).isdigit()))
            or prev[-1] in _TERMINAL + ":;"
            or _DASH_START.match(prev)
        )
    if prev[-1] in _TERMINAL or prev[-1] in ",(«„-–—" or not nxt[0].isupper():
        return False  # razdel decides a full stop; commas, open quotes and lowercase continue
    if prev[-1] in ":;":
        return True
    match = _WORD.match(nxt)
    return match is not None and not _may_be_proper(match.group())


def _blocks(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into spans that certainly do not share a sentence."""
    cuts = [0]
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    for (s1, e1), (s2, e2) in pairwise(lines):
        if _line_break_is_boundary(text[s1:e1], text[s2:e2]):
            cuts.append(s2)
    for match in _HEADLINE_JOIN.finditer(text):
        word = match.group(2)
        if _is_function_word(word) and not (len(word) == 1 and _names_a_letter(match.group(0).split()[0])):
            cuts.append(match.end(1))
    for match in _QUOTED_HEADLINE_END.finditer(text):
        if _starts_a_clause(match.group(2)):
            cuts.append(match.end(1))
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    return list(pairwise(cuts))


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


#: Inline formatting tags that format readers put into paragraph text (``<b1>``, ``</b1>``,
#: ``<x2/>``).  They are zero-width for sentence splitting: «Текст <b1>жирный.</b1> Второе.»
#: is two sentences, exactly as its plain text is.
INLINE_TAG_RE = re.compile(r"<(/?)([a-z])(\d+)(/?)>")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Sentences come in order, do not overlap, are stripped of surrounding whitespace
    (``text[s.start:s.end] == s.text``) and are never empty.  Any string is accepted.
    Inline tags (:data:`INLINE_TAG_RE`) are ignored while deciding boundaries; an opening or
    standalone tag right before a sentence and closing tags right after it belong to it.
    """
    if not text or text.isspace():
        return []
    if "<" in text and INLINE_TAG_RE.search(text):
        return _split_tagged(text)
    return _split_plain(text)


def _split_tagged(text: str) -> list[Sentence]:
    """Split the tag-free text, then map the boundaries back onto ``text``."""
    plain: list[str] = []
    where: list[int] = []  # index in ``text`` of each character of the plain text
    pos = 0
    for m in INLINE_TAG_RE.finditer(text):
        plain.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    plain.append(text[pos:])
    where.extend(range(pos, len(text)))
    out: list[Sentence] = []
    floor = 0
    for sent in _split_plain("".join(plain)):
        start, end = where[sent.start], where[sent.end - 1] + 1
        while True:  # opening/standalone tags glued to the sentence start
            m = _TAG_BEFORE.search(text, floor, start)
            if m is None or m.group(1):
                break
            start = m.start()
        while True:  # closing tags glued to the sentence end
            m = INLINE_TAG_RE.match(text, end)
            if m is None or not m.group(1):
                break
            end = m.end()
        out.append(Sentence(text[start:end], start, end))
        floor = end
    return out


_TAG_BEFORE = re.compile(r"<(/?)[a-z]\d+/?>\Z")


def _split_plain(text: str) -> list[Sentence]:
    if not text or text.isspace():
        return []
    out: list[Sentence] = []
    for b_start, b_end in _blocks(text):
        for start, end in _split_block(text[b_start:b_end]):
            out.extend(_strip_span(text, b_start + start, b_start + end))
    return out


def _strip_span(text: str, start: int, end: int) -> list[Sentence]:
    """The stripped sentence for ``text[start:end]`` (empty list when it is only whitespace)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    start += len(chunk) - len(chunk.lstrip())
    return [Sentence(stripped, start, start + len(stripped))]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the paragraphs of ``text``: blocks separated by blank lines.

    A line holding only whitespace counts as blank.  Each span is stripped of surrounding
    whitespace, so ``text[start:end]`` is the paragraph as the author wrote it, inner line breaks
    included.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in [*_BLANK_LINES.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + len(chunk) - len(chunk.lstrip())
            spans.append((start, start + len(stripped)))
        if sep:
            pos = sep.end()
    return spans
