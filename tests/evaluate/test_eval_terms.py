"""Terminology success rate: lemma match on the Russian side, inflection-tolerant English side."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.evaluate import EvaluationError, term_success


@pytest.fixture
def glossary(glossary_file: Path):
    mod = pytest.importorskip("workbench.glossary")
    return mod.load_glossary(glossary_file)


def test_inflected_source_terms_count(glossary) -> None:
    sources = [
        "Казахстан присоединился к Авраамским соглашениям.",  # dative plural of the term
        "Израиль подписал Авраамские соглашения в 2020 году.",
        "Погода в Астане была хорошей.",  # no term at all
    ]
    targets = [
        "Kazakhstan joined the Abraham Accords.",
        "Israel signed the Abrahamic agreements in 2020.",
        "The weather in Astana was good.",
    ]
    result = term_success(glossary, sources, targets)
    assert result.per_entry["Авраамские соглашения"] == (1, 2)
    assert result.per_entry["Казахстан"] == (1, 1)
    assert (result.hits, result.total) == (2, 3)
    assert result.rate == pytest.approx(2 / 3)
    assert [(m.line, m.source_term) for m in result.misses] == [(2, "Авраамские соглашения")]


def test_english_side_is_case_insensitive(glossary) -> None:
    result = term_success(glossary, ["Казахстан присоединился к Авраамским соглашениям."],
                          ["KAZAKHSTAN JOINED THE ABRAHAM ACCORDS."])
    assert (result.hits, result.total) == (2, 2)


def test_entry_counts_once_per_line(glossary) -> None:
    result = term_success(glossary, ["Казахстан и Казахстан."], ["Kazakhstan and Kazakhstan."])
    assert (result.hits, result.total) == (1, 1)


def test_no_terms_means_no_rate(glossary) -> None:
    result = term_success(glossary, ["Погода была хорошей."], ["The weather was good."])
    assert result.total == 0 and result.rate is None
    assert result.to_dict()["rate"] is None


def test_misaligned_lines(glossary) -> None:
    with pytest.raises(EvaluationError, match="different numbers of lines"):
        term_success(glossary, ["a", "b"], ["a"])
