"""Locale-aware number normalisation: the forms the issue names compare equal across languages."""

from __future__ import annotations

import pytest

from workbench.qa.numbers import compare_numbers, extract_numbers


def values(text: str, lang: str, *, soft: bool = False) -> list[str]:
    return [t.value for t in extract_numbers(text, lang) if t.soft == soft]


@pytest.mark.parametrize(("ru", "en", "expected"), [
    ("1 000,5", "1,000.5", ["1000.5"]),
    ("1\u00a0000\u00a0000", "1,000,000", ["1000000"]),
    ("5%", "5%", ["5"]),
    ("2,5 млн", "2.5 million", ["2500000"]),
    ("3 млрд", "3 billion", ["3000000000"]),
    ("15 тыс. человек", "15,000 people", ["15000"]),
    ("7 ноября 2025 года", "November 7, 2025", ["7", "2025", "month:11"]),
    ("7 ноября 2025 года", "7 November 2025", ["7", "2025", "month:11"]),
    ("в ноябре 2025 года", "in November 2025", ["2025", "month:11"]),
    ("5–6 ноября 2025 года", "November 5–6, 2025", ["5", "6", "2025", "month:11"]),
    ("в 2020–2021 годах", "in 2020–2021", ["2020", "2021"]),
])
def test_same_value_in_both_languages(ru: str, en: str, expected: list[str]) -> None:
    assert sorted(values(ru, "ru")) == sorted(expected)
    assert sorted(values(en, "en")) == sorted(expected)
    diff = compare_numbers(ru, en)
    assert diff.missing == [] and diff.extra == []


def test_russian_decimal_comma_is_not_an_english_thousands_comma() -> None:
    assert values("2,5", "ru") == ["2.5"]
    assert values("2,500", "en") == ["2500"]
    diff = compare_numbers("2,5 млн", "2,5 million")
    assert diff.missing and diff.extra


def test_year_word_and_surroundings_do_not_leak() -> None:
    assert values("Документ опубликован 7 ноября 2025 года в Telegram-канале.", "ru") == ["7", "month:11", "2025"]


def test_digits_inside_urls_and_emails_are_ignored() -> None:
    assert values("См. https://lada.kz/news/2025/11/07 и info2025@mfa.kz", "ru") == []


def test_spelled_out_numbers_are_soft_and_inflected() -> None:
    assert values("с пятью странами и двумя партнёрами", "ru", soft=True) == ["5", "2"]
    assert values("with five countries and two partners", "en", soft=True) == ["5", "2"]
    assert values("семья", "ru", soft=True) == []  # a noun, not «семь»
    # Soft values cover digits on the other side but never raise a flag alone.
    assert compare_numbers("С пятью странами.", "With 5 countries.").extra == []
    assert compare_numbers("С одной страной.", "With one country.").missing == []


def test_lowercase_may_is_not_a_month() -> None:
    assert values("Prices may 5", "en") == ["5"]
    assert values("May 5, 2025", "en") == ["month:5", "5", "2025"]


@pytest.mark.parametrize(("ru", "en"), [
    ("в 16:30 по местному времени", "at 4:30 p.m. local time"),
    ("в 19:00", "at 7 pm"),
    ("в 8:30 вечера (15:00 UTC)", "at 8:30 p.m. (15.00 UTC)"),
    ("примерно в 12:00 по Гринвичу", "at approximately 1200 GMT"),
    ("после пяти вечера", "after 5 p.m."),
    ("в XV веке", "in the 15th century"),
    ("в X–XI вв.", "in the 10th-11th centuries"),
    ("драма 80-х годов", "a 1980s drama"),
    ("в девяностые", "in the '90s"),
    ("в 2015–2016 годах", "in 2015-16"),
    ("двадцатичетырёхлетняя уроженка", "a 24-year-old native"),
    ("семидесятидевятиэтажную башню", "the 79-storey tower"),
    ("около тысячи человек", "about 1,000 people"),
    ("двадцать пять стран", "25 countries"),
    ("3,5-миллионное население", "the 3.5 million population"),
    ("по сравнению с июнем 2016 года", "compared with June 2016"),
    ("300 миллионов фунтов", "300 million pounds"),
])
def test_equivalent_forms_raise_no_mismatch(ru: str, en: str) -> None:
    diff = compare_numbers(ru, en)
    assert diff.missing == [] and diff.extra == [], (diff.missing, diff.extra)


@pytest.mark.parametrize(("ru", "en"), [
    ("в 16:30", "at 4:30 a.m."),
    ("в XV веке", "in the 16th century"),
    ("драма 80-х годов", "a 1970s drama"),
    ("в 2015–2016 годах", "in 2015-17"),
    ("в 1983 и 2005 годах", "in 1983 and 2015"),
])
def test_real_differences_are_still_found(ru: str, en: str) -> None:
    diff = compare_numbers(ru, en)
    assert diff.missing and diff.extra


def test_lone_roman_letters_need_a_century_context() -> None:
    assert values("поколение X выросло", "ru") == []
    assert values("в X веке", "ru") == ["10"]
    assert values("I think so", "en") == []
    assert values("World War II", "en") == ["2"]


@pytest.mark.parametrize(
    ("source", "target", "ok"),
    [
        ("date 2025-11-07 МИД заявил.", "On November 7, 2025 the ministry said.", True),
        ("Решение принято 07.11.2025.", "The decision was made on 7 November 2025.", True),
        ("Решение принято 7.11.2025.", "The decision was made on 8 November 2025.", False),
        ("Отчёт за 2025-11-07.", "Report for 2025-11-07.", True),
        ("Отчёт за 2025-11-07.", "Report for November 2025.", False),
    ],
)
def test_all_digit_dates(source: str, target: str, ok: bool) -> None:
    diff = compare_numbers(source, target)
    assert (not diff.missing and not diff.extra) is ok
