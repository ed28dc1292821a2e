"""Translation memory: exact, in-context and fuzzy lookups, diff, persistence, index vs brute force."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from workbench.document import Document, Status, build_paragraph
from workbench.memory import TmMatch, TmUnit, TranslationMemory, TranslationMemoryError, fuzzy_key, word_diff

SRC = "Казахстан присоединится к Авраамским соглашениям."
TGT = "Kazakhstan will join the Abraham Accords."


@pytest.fixture
def tm(data_dir: Path) -> TranslationMemory:
    memory = TranslationMemory()
    yield memory
    memory.close()


def test_default_file_in_data_dir(tm: TranslationMemory, data_dir: Path) -> None:
    assert Path(tm.path).parent == data_dir
    assert len(tm) == 0


def test_exact_match_normalises_whitespace_and_yo(tm: TranslationMemory) -> None:
    tm.add("Всё   решено в Астане.", "Everything is settled in Astana.")
    match = tm.exact("Все решено  в Астане. ")
    assert match is not None
    assert (match.kind, match.score, match.target) == ("exact", 100.0, "Everything is settled in Astana.")
    assert tm.exact("все решено в Астане.") is None  # case matters for an exact match
    assert tm.exact("Совсем другое предложение.") is None


def test_context_beats_exact_and_newest_wins(tm: TranslationMemory) -> None:
    tm.add(SRC, "Kazakhstan joins the Abraham Accords.", created=datetime(2024, 1, 1, tzinfo=UTC))
    tm.add(SRC, TGT, context_prev="Об этом сообщил Токаев.", context_next="Переговоры прошли в Вашингтоне.",
           created=datetime(2023, 1, 1, tzinfo=UTC))
    tm.add(SRC, "Kazakhstan is joining the Abraham Accords.", created=datetime(2025, 1, 1, tzinfo=UTC))

    in_context = tm.lookup(SRC, prev="Об этом  сообщил Токаев.", next="Переговоры прошли в Вашингтоне.")
    assert [(m.kind, m.target) for m in in_context] == [
        ("context", TGT),
        ("exact", "Kazakhstan is joining the Abraham Accords."),
        ("exact", "Kazakhstan joins the Abraham Accords."),
    ]
    no_context = tm.lookup(SRC)
    assert no_context[0].kind == "exact"
    assert no_context[0].target == "Kazakhstan is joining the Abraham Accords."
    assert {m.kind for m in no_context} == {"exact"}
    assert tm.exact(SRC, prev="Об этом сообщил Токаев.", next="Переговоры прошли в Вашингтоне.").kind == "context"


def test_fuzzy_threshold_limit_and_diff(tm: TranslationMemory) -> None:
    tm.add(SRC, TGT)
    tm.add("Казахстан присоединится к соглашениям о сотрудничестве.", "Kazakhstan will join cooperation agreements.")
    tm.add("Цены на нефть выросли на 5%.", "Oil prices rose by 5%.")
    query = "Казахстан присоединился к Авраамским соглашениям в 2025 году."

    matches = tm.lookup(query)
    assert matches, "a close sentence must be found"
    best = matches[0]
    assert best.kind == "fuzzy" and best.target == TGT
    expected = fuzz.ratio(fuzzy_key(query), fuzzy_key(SRC))
    assert best.score == pytest.approx(round(expected, 1))
    assert 70 <= best.score < 100
    assert all(m.score >= 70 for m in matches)
    assert "Oil prices rose by 5%." not in [m.target for m in matches]
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)

    assert best.diff == [("equal", "Казахстан"), ("insert", " присоединится"), ("delete", " присоединился"),
                         ("equal", " к Авраамским соглашениям"), ("delete", " в 2025 году"), ("equal", ".")]
    assert tm.lookup(query, threshold=best.score + 0.5) == [m for m in matches if m.score >= best.score + 0.5]
    assert tm.lookup(query, threshold=100) == []
    assert len(tm.lookup(query, threshold=30, limit=1)) == 1


def test_fuzzy_never_reports_100_for_non_identical(tm: TranslationMemory) -> None:
    tm.add("Мир.", "Peace.")
    matches = tm.lookup("мир.")
    assert [(m.kind, m.score) for m in matches] == [("fuzzy", 99.0)]


def test_word_diff_reassembles_both_texts() -> None:
    query = "  Переговоры прошли 7 ноября 2025 года в Вашингтоне ."
    source = "Переговоры прошли 8 ноября в Вашингтоне, сообщил МИД."
    diff = word_diff(query, source)
    assert "".join(t for op, t in diff if op in ("equal", "insert")) == source
    assert {op for op, _ in diff} == {"equal", "insert", "delete"}
    assert ("delete", " 7") in diff or any(op == "delete" and "7" in t for op, t in diff)
    assert not any(op == "equal" and "сообщил" in t for op, t in diff)


def test_duplicates_are_merged_and_empty_units_skipped(tm: TranslationMemory) -> None:
    assert tm.add(SRC, TGT) is True
    assert tm.add(SRC, TGT) is False
    assert tm.add_many([TmUnit("", "x"), TmUnit("Текст.", "  "), {"source": "Текст.", "target": "Text."}]) == 1
    assert len(tm) == 2


def test_add_from_document_uses_neighbours(tm: TranslationMemory) -> None:
    doc = Document(id="d", name="d.txt")
    doc.paragraphs = [
        build_paragraph("d", 0, "Первое предложение. Второе предложение."),
        build_paragraph("d", 1, "Третье предложение."),
    ]
    segs = list(doc.segments())
    for seg, target in zip(segs, ("First sentence.", "Second sentence.", "Third sentence."), strict=True):
        seg.target = target
    segs[1].status = Status.APPROVED
    segs[2].status = Status.APPROVED
    segs[0].status = Status.REVIEWED  # not approved: stays out
    assert tm.add_from_document(doc) == 2
    assert tm.exact("Первое предложение.") is None
    match = tm.lookup("Второе предложение.", prev="Первое предложение.", next="Третье предложение.")[0]
    assert (match.kind, match.target, match.doc_id) == ("context", "Second sentence.", "d")
    assert tm.lookup("Третье предложение.", prev="Второе предложение.")[0].kind == "context"


def test_persistence_and_other_process_additions(data_dir: Path) -> None:
    path = data_dir / "shared-tm.sqlite3"
    a = TranslationMemory(path)
    a.add(SRC, TGT)
    assert a.lookup("Казахстан присоединился к Авраамским соглашениям.")  # index loaded
    b = TranslationMemory(path)
    b.add("Цены на нефть выросли на пять процентов.", "Oil prices rose by five percent.")
    assert len(a) == 2
    found = a.lookup("Цены на нефть выросли на шесть процентов.")
    assert found and found[0].target == "Oil prices rose by five percent."
    a.close()
    b.close()
    c = TranslationMemory(path)
    assert c.exact(SRC).target == TGT
    c.close()


def test_not_a_database(data_dir: Path) -> None:
    bad = data_dir / "tm.sqlite3"
    bad.write_bytes(b"garbage " * 500)
    with pytest.raises(TranslationMemoryError, match="not a translation memory"):
        TranslationMemory(bad).lookup(SRC)


def _variants(n: int, seed: int = 3) -> list[str]:
    """Realistic-looking Russian sentences with many near-duplicates (like a real memory)."""
    rng = random.Random(seed)
    subjects = ["Президент Казахстана", "Министр иностранных дел", "Правительство России", "Глава МИД",
                "Пресс-секретарь Кремля", "Представитель Госдепартамента", "Национальный банк"]
    verbs = ["заявил", "сообщил", "подчеркнул", "отметил", "объявил"]
    objects = ["о присоединении к Авраамским соглашениям", "о росте цен на нефть",
               "о переговорах в Вашингтоне", "о снижении ключевой ставки", "о новом законе о СМИ",
               "о сотрудничестве в энергетике", "о визите в Астану"]
    tails = ["", " в понедельник", " 7 ноября 2025 года", " на брифинге", " журналистам", " в интервью ТАСС"]
    out = {f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}{rng.choice(tails)}."
           f"{'' if rng.random() < 0.5 else ' Рост составил ' + str(rng.randint(1, 99)) + '%.'}"
           for _ in range(n * 3)}
    return sorted(out)[:n]


def test_index_agrees_with_brute_force(tm: TranslationMemory) -> None:
    sources = _variants(1500)
    tm.add_many(TmUnit(s, f"T{i}") for i, s in enumerate(sources))
    keys = [fuzzy_key(s) for s in sources]
    rng = random.Random(11)
    checked = 0
    for _ in range(60):
        words = rng.choice(sources).split()
        words[rng.randrange(len(words))] = rng.choice(["также", "вновь", "2026"])
        query = " ".join(words)
        got: list[TmMatch] = tm.lookup(query, threshold=70, limit=5)
        brute = process.extract(fuzzy_key(query), keys, scorer=fuzz.ratio, score_cutoff=70, limit=5)
        brute_scores = [round(min(score, 99.0), 1) for _k, score, _i in brute]
        got_scores = [m.score for m in got if m.kind == "fuzzy"]
        if not brute:
            assert not got_scores
            continue
        checked += 1
        assert got_scores[0] == brute_scores[0], query
        assert got_scores == brute_scores[: len(got_scores)]
        assert len(got_scores) == len(brute_scores)
    assert checked > 30


def test_clear_and_deletions_elsewhere_rebuild_the_index(data_dir: Path) -> None:
    path = data_dir / "tm-clear.sqlite3"
    a, b = TranslationMemory(path), TranslationMemory(path)
    a.add(SRC, TGT)
    a.warm()
    assert a.lookup("Казахстан присоединился к Авраамским соглашениям.")
    b.clear()  # another process empties the memory
    b.add("Цены на нефть выросли.", "Oil prices rose.")
    assert a.lookup("Казахстан присоединился к Авраамским соглашениям.") == []
    assert a.lookup("Цены на нефть выросли!")[0].target == "Oil prices rose."
    a.close()
    b.close()
