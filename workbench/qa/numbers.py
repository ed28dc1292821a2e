"""Locale-aware number extraction for the number-mismatch check.

Russian and English write the same quantity differently: «1 000,5» is ``1,000.5``, «2,5 млн» is
``2.5 million``, «7 ноября 2025 года» is ``November 7, 2025``.  Comparing raw digit strings would
flag nearly every news sentence, so both sides are reduced to canonical values first:

* plain numbers become a normalised decimal string (``"1000.5"``, ``"2500000"``), with the
  locale's decimal and thousands separators and scale words (млн / million...) applied;
* dates become their day and year numbers plus a ``month:N`` token, so a date written in either
  language's order compares equal and a wrong day or month still shows up;
* small numbers spelled out in words («пять», ``five``) are *soft* values: they can satisfy a digit
  on the other side (English style guides spell out one to nine) but never raise a flag by
  themselves.

URLs and e-mail addresses are masked first: digits inside them belong to the URL check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SPACES = " \u00a0\u202f\u2009"  # ordinary, no-break, narrow no-break and thin spaces
_DASH = r"[-–—]"

URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>«»\"“”]+[^\s<>«»\"“”.,;:!?)\]]", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)

RU_MONTHS: dict[str, int] = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_RU_MONTH = (
    r"(?P<month>январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]"
    r"|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])(?![а-яё])"
)
EN_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# English month names are matched capitalised only: "may" is a verb far more often than a month.
_EN_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_ORD = r"(?:st|nd|rd|th)?"

_RU_DATE_PATTERNS = [
    re.compile(
        rf"(?<![\d.,])(?P<day>\d{{1,2}})(?:\s*{_DASH}\s*(?P<day2>\d{{1,2}}))?[{_SPACES}]+{_RU_MONTH}"
        rf"(?:[{_SPACES}]+(?P<year>\d{{4}})(?!\d))?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![а-яё]){_RU_MONTH}[{_SPACES}]+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
]
_EN_DATE_PATTERNS = [
    re.compile(
        rf"\b{_EN_MONTH}[{_SPACES}]+(?:the[{_SPACES}]+)?(?P<day>\d{{1,2}}){_ORD}"
        rf"(?:\s*{_DASH}\s*(?P<day2>\d{{1,2}}){_ORD})?(?!\d)(?:,?[{_SPACES}]+(?P<year>\d{{4}})(?!\d))?"
    ),
    re.compile(
        rf"(?<![\d.,])(?P<day>\d{{1,2}}){_ORD}(?:\s*{_DASH}\s*(?P<day2>\d{{1,2}}){_ORD})?"
        rf"[{_SPACES}]+(?:of[{_SPACES}]+)?{_EN_MONTH}(?:,?[{_SPACES}]+(?P<year>\d{{4}})(?!\d))?"
    ),
    re.compile(rf"\b{_EN_MONTH},?[{_SPACES}]+(?P<year>\d{{4}})(?!\d)"),
]

_RU_NUMBER = re.compile(
    rf"(?<![\d])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d])(?:,\d+)?|\d+(?:[.,]\d+)?)"
)
_EN_NUMBER = re.compile(r"(?<![\d])(?:\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)")

_RU_SCALE = re.compile(
    rf"[{_SPACES}]*(?P<scale>тыс(?:яч[а-яё]*|\.)?|млн\.?|миллион[а-яё]*|млрд\.?|миллиард[а-яё]*"
    r"|трлн\.?|триллион[а-яё]*)(?![а-яё])",
    re.IGNORECASE,
)
_EN_SCALE = re.compile(
    rf"[{_SPACES}]*(?P<scale>thousand|million|billion|trillion|mln|bn|tn)\b", re.IGNORECASE
)
_SCALES = {
    "тыс": 3, "млн": 6, "миллион": 6, "млрд": 9, "миллиард": 9, "трлн": 12, "триллион": 12,
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "mln": 6, "bn": 9, "tn": 12,
}

EN_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "both": 2, "twice": 2,
}
RU_NUMBER_LEMMAS: dict[str, int] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "оба": 2, "дважды": 2,
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5,
    "шестой": 6, "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10,
}
_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё]+")


@dataclass(frozen=True)
class NumberToken:
    """One canonical value found in a text.

    ``value`` is what is compared (``"1000.5"``, ``"month:11"``); ``surface`` and the offsets
    point back at the text so flags can name and highlight it.  ``soft`` marks spelled-out
    numbers, which may satisfy a digit on the other side but are never reported on their own.
    """

    value: str
    surface: str
    start: int
    end: int
    soft: bool = False


def canonical(value: Decimal) -> str:
    """``Decimal("1000.50")`` → ``"1000.5"``; ``Decimal("2.5E+6")`` → ``"2500000"``."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _mask(text: str) -> str:
    """Blank out URLs and e-mail addresses, keeping offsets, so their digits are not numbers."""
    out = list(text)
    for rx in (URL_RE, EMAIL_RE):
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                out[i] = " "
    return "".join(out)


def _parse_ru(raw: str) -> Decimal | None:
    cleaned = re.sub(f"[{_SPACES}]", "", raw).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _parse_en(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None


def _scale_power(word: str) -> int:
    word = word.lower().rstrip(".")
    for stem, power in _SCALES.items():
        if word.startswith(stem):
            return power
    return 0


def _month_number(word: str, lang: str) -> int:
    word = word.lower().rstrip(".")
    if lang == "en":
        return EN_MONTHS[word]
    for stem, num in sorted(RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return num
    raise KeyError(word)


def _dates(text: str, lang: str, taken: list[bool]) -> list[NumberToken]:
    tokens: list[NumberToken] = []
    patterns = _RU_DATE_PATTERNS if lang == "ru" else _EN_DATE_PATTERNS
    for rx in patterns:
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            month = _month_number(m.group("month"), lang)
            tokens.append(NumberToken(f"month:{month}", m.group("month"), m.start("month"), m.end("month")))
            for name in ("day", "day2", "year"):
                if name in rx.groupindex and m.group(name):
                    tokens.append(
                        NumberToken(str(int(m.group(name))), m.group(name), m.start(name), m.end(name))
                    )
    return tokens


@lru_cache(maxsize=1)
def _morph():  # pragma: no cover - trivial
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


_RU_LEMMAS_NORMALISED = {k.replace("ё", "е"): v for k, v in RU_NUMBER_LEMMAS.items()}


@lru_cache(maxsize=65536)
def _ru_word_value(word: str) -> int | None:
    """Value of a Russian numeral in any case form («пяти», «двумя»); any parse may count because
    soft values only ever cover a digit on the other side."""
    for parse in _morph().parse(word):
        tag = str(parse.tag)
        if "NUMR" in tag or "Anum" in tag:
            value = _RU_LEMMAS_NORMALISED.get(parse.normal_form.replace("ё", "е"))
            if value is not None:
                return value
    return None


def _soft_numbers(text: str, lang: str, taken: list[bool]) -> list[NumberToken]:
    tokens: list[NumberToken] = []
    for m in _WORD_RE.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        word = m.group().lower()
        if lang == "en":
            value = EN_NUMBER_WORDS.get(word)
        elif re.fullmatch(r"[а-яё]+", word):
            value = _ru_word_value(word)
        else:
            value = None
        if value is None:
            continue
        end = m.end()
        scale = (_RU_SCALE if lang == "ru" else _EN_SCALE).match(text, end)
        amount = Decimal(value)
        if scale:
            amount = amount.scaleb(_scale_power(scale.group("scale")))
            end = scale.end()
        tokens.append(NumberToken(canonical(amount), text[m.start() : end], m.start(), end, soft=True))
    return tokens


def extract_numbers(text: str, lang: str) -> list[NumberToken]:
    """All numeric values of ``text`` (``lang`` is ``"ru"`` or ``"en"``), in text order."""
    if lang not in ("ru", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    masked = _mask(text)
    taken = [False] * len(masked)
    tokens = _dates(masked, lang, taken)
    number_rx, parse, scale_rx = (
        (_RU_NUMBER, _parse_ru, _RU_SCALE) if lang == "ru" else (_EN_NUMBER, _parse_en, _EN_SCALE)
    )
    for m in number_rx.finditer(masked):
        if any(taken[m.start() : m.end()]):
            continue
        value = parse(m.group())
        if value is None:
            continue
        end = m.end()
        scale = scale_rx.match(masked, end)
        if scale:
            value = value.scaleb(_scale_power(scale.group("scale")))
            end = scale.end()
        for i in range(m.start(), end):
            taken[i] = True
        tokens.append(NumberToken(canonical(value), text[m.start() : end], m.start(), end))
    tokens.extend(_soft_numbers(masked, lang, taken))
    tokens.sort(key=lambda t: t.start)
    return tokens


@dataclass
class NumberDiff:
    """Values of the source missing from the target, and values of the target not in the source."""

    missing: list[NumberToken]
    extra: list[NumberToken]


def compare_numbers(source: str, target: str, source_lang: str = "ru", target_lang: str = "en") -> NumberDiff:
    """Compare the multisets of hard values; soft (spelled-out) values may cover the other side."""
    src = extract_numbers(source, source_lang)
    tgt = extract_numbers(target, target_lang)
    return NumberDiff(missing=_uncovered(src, tgt), extra=_uncovered(tgt, src))


def _uncovered(side: list[NumberToken], other: list[NumberToken]) -> list[NumberToken]:
    pool: dict[str, int] = {}
    for tok in other:
        pool[tok.value] = pool.get(tok.value, 0) + 1
    left: list[NumberToken] = []
    # Hard values claim the pool first so a soft «one» never steals the match of a real digit.
    for tok in sorted(side, key=lambda t: t.soft):
        if pool.get(tok.value, 0) > 0:
            pool[tok.value] -= 1
        elif not tok.soft:
            left.append(tok)
    left.sort(key=lambda t: t.start)
    return left
