"""Target-side checks and the term success rate."""

from __future__ import annotations

import pytest

from workbench.glossary import Entry, Glossary
from workbench.glossary.check import find_term, normalize_word, term_success

SRC = "Казахстан присоединился к Авраамским соглашениям, сообщает Lada.kz."


@pytest.mark.parametrize(
    ("text", "term", "found"),
    [
        ("Tokayev's visit", "Tokayev", True),
        ("the Accords' signatories", "Abraham Accords", False),
        ("the Abraham Accords' signatories", "Abraham Accords", True),
        ("ABRAHAM ACCORD", "Abraham Accords", True),
        ("Kassym Jomart Tokayev", "Kassym-Jomart Tokayev", True),
        ("the UAE and Bahrain", "UAE", True),
        ("Tokayevich", "Tokayev", False),
        ("bilateral relation", "bilateral relations", True),
    ],
)
def test_english_matching(text: str, term: str, found: bool) -> None:
    assert bool(find_term(text, term)) is found


def test_normalisation() -> None:
    assert normalize_word("Accords") == normalize_word("accord")
    assert normalize_word("Ministries") == "ministry"
    assert normalize_word("Tokayev’s") == "tokayev"
    assert normalize_word("US") == "us"


def test_check_target_classifies_entries(shipped: Glossary) -> None:
    chk = shipped.check_target(SRC, "Kazakhstan joined the Abrahamic agreements, Lada. kz reports.")
    assert [e.source for e in chk.ok] == ["Казахстан"]
    assert [e.source for e in chk.missing] == ["Авраамские соглашения"]
    assert [(e.source, text) for e, text in chk.forbidden] == [("Авраамские соглашения", "Abrahamic agreements")]
    assert [e.source for e in chk.dnt_altered] == ["Lada.kz"]
    assert not chk.passed
    good = shipped.check_target(SRC, "Kazakhstan joined the Abraham Accords, Lada.kz reports.")
    assert good.passed and len(good.ok) == 3
    assert len(good.found) == 3


def test_forbidden_inside_the_right_term_is_not_reported() -> None:
    g = Glossary([Entry("МИД", "Foreign Ministry", forbidden=["Ministry"])])
    assert g.check_target("МИД заявил", "The Foreign Ministry said").forbidden == []
    assert len(g.check_target("МИД заявил", "The Ministry said").forbidden) == 1


def test_term_success(shipped: Glossary) -> None:
    sources = [SRC, "Токаев прибыл в ОАЭ.", "Привет."]
    targets = [
        "Kazakhstan joined the Abraham Accords, reports Lada.kz.",  # 3/3
        "Tokaev arrived in the UAE.",  # 1/2
        "Hello.",  # no terms
    ]
    assert term_success(shipped, sources, targets) == (4, 5)
    with pytest.raises(ValueError):
        term_success(shipped, sources, targets[:2])
