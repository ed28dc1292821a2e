"""Every QA check with a case it must flag and a close case it must leave alone."""

from __future__ import annotations

import pytest

from workbench.qa import CHECKS, QaCheck, QaContext, run_checks

S_DATE = "Документ опубликован 7 ноября 2025 года в Telegram-канале внешнеполитического ведомства, сообщает Lada.kz."
T_DATE = "The document was published on November 7, 2025 on the Telegram channel of the foreign policy agency, Lada.kz reports."

S_QUOTE_OPEN = ("«Данное важное решение принято исключительно в интересах Казахстана и полностью соответствует "
                "характеру сбалансированной, конструктивной, миролюбивой внешней политики республики.")
T_QUOTE_OPEN = ("\u201cThis important decision was made exclusively in the interests of Kazakhstan and fully corresponds "
                "to the balanced, constructive, peace-loving foreign policy of the republic.")

S_VISIT = ("Ранее, 5–6 ноября 2025 года, президент Казахстана Касым-Жомарт Токаев совершил официальный визит "
           "в Соединённые Штаты Америки.")
T_VISIT = ("Earlier, on November 5–6, 2025, Kazakh President Kassym-Jomart Tokayev paid an official visit "
           "to the United States of America.")

S_TRUMP = "Ключевую роль в заключении соглашений сыграл первый кабинет президента США Дональда Трампа (2017–2021)."
T_TRUMP = "The first cabinet of US President Donald Trump (2017–2021) played a key role in concluding the agreements."

S_ACCORDS = "В заявлении МИД подчеркивается, что вступление Казахстана в Авраамские соглашения принято в национальных интересах."
T_ACCORDS = "The Foreign Ministry statement stresses that Kazakhstan's accession to the Abraham Accords was made in the national interest."

# (check id, source, bad target, good target)
CASES: list[tuple[str, str, str, str]] = [
    ("empty-target", S_DATE, "   ", T_DATE),
    ("identical-to-source", "Решение в интересах страны", "Решение в интересах страны", "A decision in the country's interest"),
    ("untranslated-cyrillic", S_VISIT, T_VISIT.replace("Kassym-Jomart", "Касым-Жомарт"), T_VISIT),
    ("number-mismatch", S_DATE, T_DATE.replace("November 7", "November 8"), T_DATE),
    ("number-mismatch", S_VISIT, T_VISIT.replace("2025", "2024"), T_VISIT.replace("November 5–6, 2025", "5-6 November 2025")),
    ("number-mismatch", S_TRUMP, T_TRUMP.replace("2017", "2016"), T_TRUMP),
    ("number-mismatch", "Рост составил 5% за год.", "Growth was 15% over the year.", "Growth was 5 percent over the year."),
    ("number-mismatch", "Сумма сделки — 1 000,5 млн рублей.", "The deal is worth 1,000.5 rubles.",
     "The deal is worth 1,000.5 million rubles."),
    ("number-mismatch", "Инвестиции составят 2,5 млн долларов.", "Investment will total $2,5 million.",
     "Investment will total $2.5 million."),
    ("number-mismatch", "Израиль установил отношения с тремя странами в 2020 году.",
     "Israel established relations with three countries in 2021.",
     "Israel established relations with three countries in 2020."),
    ("url-mismatch", "Подробнее на сайте https://lada.kz/news/123.", "More at https://lada.kz/news/124.",
     "More at https://lada.kz/news/123."),
    ("email-mismatch", "Вопросы направляйте на press@mfa.kz.", "Send questions to press@mfa.com.",
     "Send questions to PRESS@mfa.kz."),
    ("placeholder-mismatch", "Найдено {count} документов в {folder}.", "Found {count} documents.",
     "Found {count} documents in {folder}."),
    ("placeholder-mismatch", 'Нажмите <x id="1"/> для продолжения.', "Click to continue.",
     'Click <x id="1"/> to continue.'),
    ("placeholder-mismatch", "Рост на <b1>5%</b1> за год.", "Growth of ⟦0⟧5%⟦1⟧ over the year.",
     "Growth of <b1>5%</b1> over the year."),
    ("placeholder-mismatch", "Осталось %.2f дней и %d часов.", "There are %.2f days left.",
     "There are %.2f days and %d hours left."),
    ("end-punctuation", S_VISIT, T_VISIT.rstrip("."), T_VISIT),
    ("end-punctuation", "Что представляют собой Авраамские соглашения?", "What the Abraham Accords are.",
     "What are the Abraham Accords?"),
    ("unbalanced-brackets", S_TRUMP, T_TRUMP.replace("(2017–2021)", "(2017–2021"), T_TRUMP),
    ("unbalanced-brackets", "«Казахстан и далее будет выступать за мир», — отмечено в сообщении.",
     "Kazakhstan will continue to advocate peace,\u201d the statement said.",
     "\u201cKazakhstan will continue to advocate peace,\u201d the statement said."),
    ("whitespace", S_DATE, T_DATE.replace("published on", "published  on"), T_DATE),
    ("whitespace", S_DATE, " " + T_DATE, T_DATE),
    ("whitespace", S_DATE, T_DATE + " ", T_DATE),
    ("repeated-word", S_VISIT, T_VISIT.replace("to the United", "to the the United"), T_VISIT),
    ("length-ratio", S_QUOTE_OPEN, "\u201cThis decision.", T_QUOTE_OPEN),
]


@pytest.mark.parametrize(("check_id", "source", "bad", "good"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_flags_bad_and_passes_good(check_id: str, source: str, bad: str, good: str) -> None:
    check = CHECKS[check_id]
    ctx = QaContext()
    assert check.check(source, bad, ctx), f"{check_id} missed a problem in {bad!r}"
    assert check.check(source, good, QaContext()) == [], f"{check_id} flagged a correct target {good!r}"
    # The full runner agrees, with the check's id and severity on the flag.
    flags = [f for f in run_checks(source, bad) if f.check == check_id]
    assert flags and all(f.severity == check.severity for f in flags)
    assert not [f for f in run_checks(source, good) if f.check == check_id]


def test_every_check_has_cases() -> None:
    covered = {c[0] for c in CASES} | {"missing-term", "forbidden-term", "dnt-altered"}
    assert set(CHECKS) <= covered


def test_checks_follow_the_base() -> None:
    for check_id, check in CHECKS.items():
        assert isinstance(check, QaCheck)
        assert check.id == check_id
        assert check.severity in ("error", "warning")
        assert check.description


def test_clean_seed_sentences_raise_nothing() -> None:
    for source, target in [(S_DATE, T_DATE), (S_VISIT, T_VISIT), (S_TRUMP, T_TRUMP), (S_ACCORDS, T_ACCORDS),
                           (S_QUOTE_OPEN, T_QUOTE_OPEN)]:
        assert run_checks(source, target) == [], target


def test_split_quotation_is_not_unbalanced() -> None:
    # The seed article's quotation spans two sentences: both halves are unbalanced, legitimately.
    flags = CHECKS["unbalanced-brackets"].check(S_QUOTE_OPEN, T_QUOTE_OPEN, QaContext())
    assert flags == []


def test_empty_target_reports_only_emptiness() -> None:
    flags = run_checks(S_DATE, "")
    assert [f.check for f in flags] == ["empty-target"]
    assert flags[0].severity == "error"


def test_segment_without_letters_is_not_empty() -> None:
    assert run_checks("2020–2021", "") == []


def test_number_flag_points_at_the_wrong_number() -> None:
    target = T_DATE.replace("November 7", "November 8")
    flags = [f for f in run_checks(S_DATE, target) if f.check == "number-mismatch"]
    assert any("«7»" in f.message and f.span is None for f in flags)
    extra = [f for f in flags if f.span]
    assert len(extra) == 1 and target[extra[0].span[0]:extra[0].span[1]] == "8"


def test_month_mismatch_is_flagged() -> None:
    flags = CHECKS["number-mismatch"].check(S_DATE, T_DATE.replace("November", "October"), QaContext())
    assert any("Month" in f.message for f in flags)


def test_spelled_out_number_covers_digit() -> None:
    assert CHECKS["number-mismatch"].check("Соглашения подписали 4 страны.", "Four countries signed the accords.",
                                           QaContext()) == []


def test_disabled_checks_are_skipped() -> None:
    bad = T_VISIT.replace("to the United", "to the the United")
    assert any(f.check == "repeated-word" for f in run_checks(S_VISIT, bad))
    assert not any(f.check == "repeated-word" for f in run_checks(S_VISIT, bad, disabled={"repeated-word"}))


def test_length_ratio_threshold_comes_from_context() -> None:
    short = "\u201cThis important decision was made in the interests of Kazakhstan and its foreign policy."
    assert CHECKS["length-ratio"].check(S_QUOTE_OPEN, short, QaContext()) == []
    assert CHECKS["length-ratio"].check(S_QUOTE_OPEN, short, QaContext(min_ratio=0.6))


def test_legitimate_double_words_are_kept() -> None:
    assert CHECKS["repeated-word"].check("", "He said that that decision had had an effect.", QaContext()) == []


# --- glossary-backed checks ------------------------------------------------------------------


def test_missing_term(news_glossary) -> None:
    bad = T_ACCORDS.replace("Abraham Accords", "Abrahamic agreements")
    flags = run_checks(S_ACCORDS, bad, glossary=news_glossary)
    assert [f.check for f in flags] == ["missing-term"]
    assert "Abraham Accords" in flags[0].message and flags[0].severity == "error"
    assert run_checks(S_ACCORDS, T_ACCORDS, glossary=news_glossary) == []


def test_forbidden_term(news_glossary) -> None:
    bad = T_ACCORDS.replace("The Foreign Ministry statement", "The Foreign Ministry (Ministry of International Affairs) statement")
    flags = [f for f in run_checks(S_ACCORDS, bad, glossary=news_glossary) if f.check == "forbidden-term"]
    assert len(flags) == 1
    start, end = flags[0].span
    assert bad[start:end] == "Ministry of International Affairs"
    assert not [f for f in run_checks(S_ACCORDS, T_ACCORDS, glossary=news_glossary) if f.check == "forbidden-term"]


def test_do_not_translate_altered(news_glossary) -> None:
    bad = T_DATE.replace("Lada.kz", "Lada.kz-site").replace("Lada.kz-site", "Lada KZ")
    flags = [f for f in run_checks(S_DATE, bad, glossary=news_glossary) if f.check == "dnt-altered"]
    assert len(flags) == 1 and "Lada.kz" in flags[0].message
    assert run_checks(S_DATE, T_DATE, glossary=news_glossary) == []


def test_glossary_is_consulted_once_per_segment(news_glossary) -> None:
    run_checks(S_ACCORDS, T_ACCORDS, glossary=news_glossary)
    assert news_glossary.calls == 1


def test_glossary_checks_skipped_without_glossary() -> None:
    bad = T_ACCORDS.replace("Abraham Accords", "Abrahamic agreements")
    assert run_checks(S_ACCORDS, bad) == []


def test_real_glossary_on_the_seed_sentences(glossary_file) -> None:
    glossary_mod = pytest.importorskip("workbench.glossary")
    glossary = glossary_mod.load_glossary(glossary_file)
    assert run_checks(S_ACCORDS, T_ACCORDS, glossary=glossary) == []
    assert run_checks(S_DATE, T_DATE, glossary=glossary) == []
    bad = T_ACCORDS.replace("Abraham Accords", "Abrahamic agreements")
    checks = {f.check for f in run_checks(S_ACCORDS, bad, glossary=glossary)}
    assert {"missing-term", "forbidden-term"} <= checks
    altered = {f.check for f in run_checks(S_DATE, T_DATE.replace("Lada.kz", "Lada KZ"), glossary=glossary)}
    assert "dnt-altered" in altered


def test_tag_numbers_are_not_numbers() -> None:
    flags = run_checks("Рост на <b1>5%</b1> за год.", "Growth of ⟦0⟧5%⟦1⟧ over the year.")
    assert {f.check for f in flags} == {"placeholder-mismatch"}


def test_percent_before_a_word_is_not_a_placeholder() -> None:
    source = "Рост составил 5% за год, 19,7 процента опрошенных согласились."
    target = "Growth was 5% over the year, 19.7% of respondents agreed."
    assert run_checks(source, target) == []
