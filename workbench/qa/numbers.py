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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SPACES = " \u00a0\u202f\u2009"  # ordinary, no-break, narrow no-break and thin spaces
_DASH = r"[-–—]"

URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>«»\"“”]+[^\s<>«»\"“”.,;:!?)\]]", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)

# Placeholders and inline tags are copied, not translated: their digits are not numbers.
PLACEHOLDER_RE = re.compile(
    r"\{\{\s*[^{}\s]{1,40}\s*\}\}"  # {{var}}
    r"|\{[A-Za-z0-9_.\-]{0,40}\}"  # {0} {name} {}
    r"|\$\{\w+\}"  # ${var}
    r"|%\d+\$[sd]|%(?:\(\w+\))?[-+#0]*\d*(?:\.\d+)?[sdifgexXou](?![A-Za-z])"  # printf / Python %-formats
    r"|</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>"  # inline tags <b1>…</b1>, <x2/>, <x id="1"/>
    r"|⟦\s*\d+\s*⟧"  # an MT protection token that was never restored
)

RU_MONTHS: dict[str, int] = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
# Every case form: «ноябрь, ноября, ноябре, ноябрю, ноябрём», «март, марта, мартом», «май, мая, маем».
_RU_MONTH = (
    r"(?P<month>(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ём|ем)"
    r"|(?:март|август)(?:а|е|у|ом)?|ма(?:й|я|е|ю|ем))(?![а-яё])"
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

_RU_SCALE = re.compile(  # «2,5 млн», «15 тыс.», «3,5-миллионное» (and the common «милион» typo)
    rf"(?:[{_SPACES}]*|-)(?P<scale>тыс(?:яч[а-яё]*|\.)?|млн\.?|мил+ион[а-яё]*|млрд\.?|мил+иард[а-яё]*"
    r"|трлн\.?|трил+ион[а-яё]*)(?![а-яё])",
    re.IGNORECASE,
)
_EN_SCALE = re.compile(  # "2.5 million", "$394-million"
    rf"(?:[{_SPACES}]*|-)(?P<scale>thousand|million|billion|trillion|mln|bn|tn)\b", re.IGNORECASE
)
_SCALES = {  # stems after collapsing «лл» → «л»
    "тыс": 3, "млн": 6, "милион": 6, "млрд": 9, "милиард": 9, "трлн": 12, "трилион": 12,
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "mln": 6, "bn": 9, "tn": 12,
}

# Times: «16:30» = "4:30 p.m." = 16 and 30; «4:00» = "4.00 am" = 4 (zero minutes carry no number).
_RU_TIME = re.compile(
    rf"(?<![\d.,:])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![\d:])"
    rf"(?:[{_SPACES}]+(?P<part>утра|вечера|дня|ночи)(?![а-яё]))?"
    rf"|(?<![\d.,:])(?P<h2>\d{{1,2}})[{_SPACES}]+(?P<part2>утра|вечера|дня|ночи)(?![а-яё])",
    re.IGNORECASE,
)
_EN_TIME = re.compile(
    rf"(?<![\d.,:])(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?[{_SPACES}]*(?P<ampm>[ap])\.?[{_SPACES}]?m\b\.?"
    r"|(?<![\d.,:])(?P<h2>\d{1,2}):(?P<m2>\d{2})(?![\d:])"
    rf"|(?<![\d.,:])(?P<h3>\d{{2}})(?P<m3>\d{{2}})[{_SPACES}]*(?:GMT|UTC)\b",  # "1200 GMT"
    re.IGNORECASE,
)
_PM_PARTS = {"p", "вечера", "дня"}

# Roman numerals: Russian writes centuries this way («XV век» = "15th century").  In English only
# two letters or more count, so the pronoun "I" is never a number.
_ROMAN = re.compile(r"(?<![\w])(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![\w])")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


# A lone I/V/X is a numeral in Russian only before «век», «в.», «вв.» («X век», «V–VI вв.»).
_RU_ROMAN_CONTEXT = re.compile(rf"(?:[{_SPACES}]*[–-][{_SPACES}]*[IVXLC]+)?[{_SPACES}]*(?:век|вв?\.|тысячелет)")
# Decades: «80-х годов», «1980-е» / "the '80s", "1980s": either form matches the other.
_RU_DECADE = re.compile(r"(?<![\d.,])(?P<num>\d{2}|\d{4})-(?:х|е|ые|ых)(?![а-яё])")
_EN_DECADE = re.compile(r"(?<![\d.,])['’]?(?P<num>\d{2}|\d{4})['’]?s\b")
# Year ranges with a short second year: "2015–16" is 2015 and 2016.
_YEAR_RANGE = re.compile(r"(?<![\d.,])(?P<y1>(?:1[89]|20)\d{2})[{sp}]*[–—-][{sp}]*(?P<y2>\d{{2}})(?![\d])".replace("{sp}", _SPACES).replace("{{2}}", "{2}"))


def _decades_and_ranges(text: str, lang: str, taken: list[bool]) -> list[NumberToken]:
    tokens: list[NumberToken] = []
    for m in (_RU_DECADE if lang == "ru" else _EN_DECADE).finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        num = int(m.group("num"))
        short, full = (num, 1900 + num) if num < 100 else (num % 100, num)
        value, alt = (str(short), str(full)) if num < 100 else (str(full), str(short))
        tokens.append(NumberToken(value, m.group(), m.start(), m.end(), alts=(alt,)))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in _YEAR_RANGE.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        first = int(m.group("y1"))
        second = first // 100 * 100 + int(m.group("y2"))
        tokens.append(NumberToken(str(first), m.group("y1"), m.start("y1"), m.end("y1")))
        tokens.append(NumberToken(str(second), m.group("y2"), m.start("y2"), m.end("y2"), alts=(m.group("y2"),)))
        for i in range(m.start(), m.end()):
            taken[i] = True
    return tokens


def _roman_value(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value else value
    return total

EN_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "both": 2, "twice": 2,
}
RU_NUMBER_LEMMAS: dict[str, int] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "оба": 2, "дважды": 2,
    "тысяча": 1000, "миллион": 1_000_000, "миллиард": 1_000_000_000,
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "пятый": 5,
    "шестой": 6, "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11,
    "двенадцатый": 12, "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16,
    "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19, "двадцатый": 20, "тридцатый": 30,
    "сороковой": 40, "пятидесятый": 50, "шестидесятый": 60, "семидесятый": 70, "восьмидесятый": 80,
    "девяностый": 90, "нулевой": 0, "сотый": 100, "тысячный": 1000,
}
# «девяностые (годы)» are "the '90s" or "the 1990s": decade ordinals also cover the full year.
_DECADE_EXTRA = {20: 1920, 30: 1930, 40: 1940, 50: 1950, 60: 1960, 70: 1970, 80: 1980, 90: 1990, 0: 2000}
# Words worth a morphological look: everything else cannot be a numeral (keeps QA fast).
_RU_NUMERAL_START = re.compile(
    r"^(?:од|дв|тр|чет|пят|шест|сем|вос|дев|дес|сор|ст|тыс|мил|об|нул|перв|втор)", re.IGNORECASE
)
_RU_PREFIX_UNITS = {"одно": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
                    "восьми": 8, "девяти": 9}
_RU_PREFIX_TEENS = {"десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13, "четырнадцати": 14,
                    "пятнадцати": 15, "шестнадцати": 16, "семнадцати": 17, "восемнадцати": 18,
                    "девятнадцати": 19}
_RU_PREFIX_TENS = {"двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50, "шестидесяти": 60,
                   "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Compound adjectives: «двадцатичетырехлетняя» = 24-year-old, «семидесятидевятиэтажный» = 79-storey.
_RU_COMPOUND = re.compile(
    rf"^(?:(?P<tens>{_alt(_RU_PREFIX_TENS)})(?P<unit>{_alt(_RU_PREFIX_UNITS)})?"
    rf"|(?P<teen>{_alt(_RU_PREFIX_TEENS)})|(?P<unit2>{_alt(_RU_PREFIX_UNITS)}))"
    r"(?:летн|этажн|дневн|месячн|недельн|часов|минутн|секундн|процентн|кратн|местн|метров|километров"
    r"|градусн|серийн|томн|значн|комнатн|разов|годичн|тысячн|миллионн|член|сторонн|полосн|звездн|ярусн"
    r"|дюймов|футов|тонн|литров|ступенчат|уровнев|канальн|ядерн)"
)
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
    alts: tuple[str, ...] = ()  # other values that also match («80-х» is 80 or 1980)


def canonical(value: Decimal) -> str:
    """``Decimal("1000.50")`` → ``"1000.5"``; ``Decimal("2.5E+6")`` → ``"2500000"``."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _mask(text: str) -> str:
    """Blank out URLs, e-mail addresses and placeholders, keeping offsets: their digits are not numbers."""
    out = list(text)
    for rx in (URL_RE, EMAIL_RE, PLACEHOLDER_RE):
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
    word = re.sub("л+", "л", word.lower().rstrip("."))
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
_SCALE_LEMMAS = {"тысяча", "миллион", "миллиард"}  # nouns, not NUMR, but numbers all the same


@lru_cache(maxsize=65536)
def _ru_word_values(word: str) -> tuple[int, ...]:
    """Values of a Russian number word in any case form («пяти», «двумя», «девяностые»,
    «двадцатичетырёхлетняя»).  Any parse may count: soft values only ever cover a digit on the
    other side, they never raise a flag, so being generous costs nothing."""
    folded = word.replace("ё", "е")
    compound = _RU_COMPOUND.match(folded)
    if compound:
        g = compound.groupdict()
        value = (_RU_PREFIX_TENS.get(g["tens"] or "", 0) + _RU_PREFIX_UNITS.get(g["unit"] or "", 0)
                 + _RU_PREFIX_TEENS.get(g["teen"] or "", 0) + _RU_PREFIX_UNITS.get(g["unit2"] or "", 0))
        return (value,)
    if not _RU_NUMERAL_START.match(folded):
        return ()
    for parse in _morph().parse(word):
        tag = str(parse.tag)
        lemma = parse.normal_form.replace("ё", "е")
        if "NUMR" in tag or "Anum" in tag or lemma in _SCALE_LEMMAS:
            value = _RU_LEMMAS_NORMALISED.get(lemma)
            if value is not None:
                extra = _DECADE_EXTRA.get(value) if lemma.endswith(("ый", "ой")) else None
                return (value,) if extra is None else (value, extra)
    return ()


def _word_values(word: str, lang: str) -> tuple[int, ...]:
    if lang == "en":
        value = EN_NUMBER_WORDS.get(word)
        return () if value is None else (value,)
    if re.fullmatch(r"[а-яё]+", word):
        return _ru_word_values(word)
    return ()


_RU_EVENING = re.compile(rf"[{_SPACES}]+(?:вечера|дня)(?![а-яё])", re.IGNORECASE)


def _soft_numbers(text: str, lang: str, taken: list[bool]) -> list[NumberToken]:
    tokens: list[NumberToken] = []
    previous: tuple[int, int] | None = None  # (value, end) of the last word number, for "twenty-five"
    scale_rx = _RU_SCALE if lang == "ru" else _EN_SCALE
    for m in _WORD_RE.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        values = _word_values(m.group().lower(), lang)
        if not values:
            previous = None
            continue
        end = m.end()
        scale = scale_rx.match(text, end)
        power = _scale_power(scale.group("scale")) if scale else 0
        if scale:
            end = scale.end()
        found = list(values)
        evening = _RU_EVENING.match(text, end) if lang == "ru" else None
        if evening and values[0] < 12:
            found.append(values[0] + 12)  # «после пяти вечера» = "after 5 p.m."
        gap = text[previous[1] : m.start()] if previous else ""
        if previous and previous[0] % 10 == 0 and 20 <= previous[0] <= 90 and values[0] < 10 and gap in (" ", "-"):
            found.append(previous[0] + values[0])  # «двадцать пять», "twenty-five"
        for value in found:
            amount = Decimal(value).scaleb(power)
            tokens.append(NumberToken(canonical(amount), text[m.start() : end], m.start(), end, soft=True))
        previous = (values[0], m.end())
    return tokens


def _times(text: str, lang: str, taken: list[bool]) -> list[NumberToken]:
    """Clock times as their hour (24-hour) and non-zero minutes, so «19:00» matches "7 p.m."."""
    tokens: list[NumberToken] = []
    for m in (_RU_TIME if lang == "ru" else _EN_TIME).finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        groups = m.groupdict()
        suffix = next(k for k in ("", "2", "3") if groups.get(f"h{k}"))
        hour = int(groups[f"h{suffix}"])
        minutes = groups.get(f"m{suffix}")
        part = (groups.get("ampm") or groups.get("part") or groups.get("part2") or "").lower()
        if part in _PM_PARTS and hour < 12:
            hour += 12
        elif part in ("a", "ночи") and hour == 12:
            hour = 0
        for i in range(m.start(), m.end()):
            taken[i] = True
        tokens.append(NumberToken(str(hour), m.group(), m.start(), m.end()))
        if minutes and int(minutes):
            tokens.append(NumberToken(str(int(minutes)), m.group(), m.start(), m.end()))
    return tokens


_NUMERIC_DATES = (
    # ISO 8601 «2025-11-07» (both languages)
    re.compile(r"(?<![\d.,-])(?P<year>(?:1[89]|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"),
    # «07.11.2025», «7.11.2025» (Russian usage; also seen in British text)
    re.compile(r"(?<![\d.,])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:1[89]|20)\d{2})(?![\d])"),
)


def _numeric_dates(text: str, taken: list[bool]) -> list[NumberToken]:
    """All-digit dates become the same month/day/year values as written-out dates, so «7.11.2025»
    matches "November 7, 2025" and «2025-11-07» is not read as three unrelated numbers."""
    tokens: list[NumberToken] = []
    for rx in _NUMERIC_DATES:
        for m in rx.finditer(text):
            month, day = int(m.group("month")), int(m.group("day"))
            if not (1 <= month <= 12 and 1 <= day <= 31) or any(taken[m.start() : m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            tokens.append(NumberToken(f"month:{month}", m.group("month"), m.start("month"), m.end("month")))
            tokens.append(NumberToken(str(day), m.group("day"), m.start("day"), m.end("day")))
            tokens.append(NumberToken(str(int(m.group("year"))), m.group("year"), m.start("year"), m.end("year")))
    return tokens


def extract_numbers(text: str, lang: str) -> list[NumberToken]:
    """All numeric values of ``text`` (``lang`` is ``"ru"`` or ``"en"``), in text order."""
    if lang not in ("ru", "en"):
        raise ValueError(f"unsupported language {lang!r}")
    masked = _mask(text)
    taken = [False] * len(masked)
    tokens = _numeric_dates(masked, taken)
    tokens += _dates(masked, lang, taken)
    tokens += _times(masked, lang, taken)
    tokens += _decades_and_ranges(masked, lang, taken)
    for m in _ROMAN.finditer(masked):
        roman = m.group()
        if not roman or any(taken[m.start() : m.end()]):
            continue
        if len(roman) == 1 and (lang == "en" or not _RU_ROMAN_CONTEXT.match(masked, m.end())):
            continue
        tokens.append(NumberToken(str(_roman_value(roman)), roman, m.start(), m.end()))
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
    for tok in other:
        for alt in tok.alts:  # the other side's alternatives are acceptable values too
            pool[alt] = pool.get(alt, 0) + 1
    # Hard values claim the pool first so a soft «one» never steals the match of a real digit.
    for tok in sorted(side, key=lambda t: t.soft):
        match = next((v for v in (tok.value, *tok.alts) if pool.get(v, 0) > 0), None)
        if match is not None:
            pool[match] -= 1
        elif not tok.soft:
            left.append(tok)
    left.sort(key=lambda t: t.start)
    return left
