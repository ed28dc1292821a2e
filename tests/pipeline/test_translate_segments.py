"""Pipeline logic with a scripted engine: what gets translated, what is kept, how often the
engine is called."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.document import Document, Origin, Status, build_paragraph
from workbench.engine.scripted import ScriptedTranslator
from workbench.pipeline import translate_doc, translate_segments

TABLE = {
    "Казахстан присоединился к соглашениям.": ["Kazakhstan joined the accords.", "Kazakhstan has joined the accords."],
    "Решение принято в интересах страны.": ["The decision was made in the country's interests."],
    "Об этом сообщает агентство.": ["The agency reports this."],
}


def make_doc() -> Document:
    doc = Document(id="d1", name="test")
    doc.paragraphs.append(build_paragraph("d1", 0, "Казахстан присоединился к соглашениям. Решение принято в интересах страны."))
    doc.paragraphs.append(build_paragraph("d1", 1, "", kind="blank"))
    doc.paragraphs.append(build_paragraph("d1", 2, "Об этом сообщает агентство."))
    doc.paragraphs.append(build_paragraph("d1", 3, "2025"))
    return doc


def test_whole_document_in_one_engine_call_with_alternatives() -> None:
    doc = make_doc()
    engine = ScriptedTranslator(TABLE)
    report = translate_doc(doc, engine)
    assert len(engine.calls) == 1
    assert len(engine.calls[0].sentences) == 3
    segs = list(doc.segments())
    assert segs[0].target == "Kazakhstan joined the accords."
    assert segs[0].mt == segs[0].target
    assert segs[0].alternatives == ["Kazakhstan has joined the accords."]
    assert segs[0].origin is Origin.MT and segs[0].status is Status.DRAFT
    assert segs[0].score == -1.0
    # a segment without letters is copied, not sent to the engine
    assert segs[-1].target == "2025" and segs[-1].origin is Origin.SOURCE_COPY
    assert report.machine == 3 and report.copied == 1
    assert doc.paragraphs[0].target_text() == (
        "Kazakhstan joined the accords. The decision was made in the country's interests."
    )


def test_segments_edited_by_people_are_kept() -> None:
    doc = make_doc()
    seg = next(doc.segments())
    seg.target, seg.origin, seg.status = "My own text.", Origin.HUMAN, Status.TRANSLATED
    engine = ScriptedTranslator(TABLE)
    report = translate_doc(doc, engine)
    assert seg.target == "My own text."
    assert "Казахстан присоединился к соглашениям." not in engine.calls[0].sentences
    assert report.kept == 1


def test_second_run_does_not_retranslate_drafts() -> None:
    doc = make_doc()
    engine = ScriptedTranslator(TABLE)
    translate_doc(doc, engine)
    report = translate_doc(doc, engine)
    assert len(engine.calls) == 1
    assert report.machine == 0


def test_without_model_nothing_is_invented() -> None:
    doc = make_doc()
    report = translate_doc(doc, None)
    assert "No translation model" in report.message
    texts = [s.target for s in doc.segments() if s.translatable]
    assert texts == ["", "", ""]
    assert all(s.origin is None for s in doc.segments() if s.translatable)


def test_progress_reports_chunks() -> None:
    doc = make_doc()
    engine = ScriptedTranslator(TABLE)
    seen: list[tuple[int, int]] = []
    translate_segments(list(doc.segments()), engine, progress=lambda d, t: seen.append((d, t)), chunk_size=2)
    assert seen == [(0, 3), (2, 3), (3, 3)]
    assert len(engine.calls) == 2


@dataclass
class _Match:
    source: str
    target: str
    score: float
    kind: str


class _Memory:
    def __init__(self, pairs: dict[str, str]) -> None:
        self.pairs = pairs

    def lookup(self, source: str, *, prev: str = "", next: str = "", threshold: int = 70, limit: int = 5):
        if source in self.pairs:
            return [_Match(source, self.pairs[source], 100.0, "exact")]
        return []


def test_exact_memory_matches_skip_the_engine() -> None:
    doc = make_doc()
    engine = ScriptedTranslator(TABLE)
    memory = _Memory({"Об этом сообщает агентство.": "The agency said so."})
    report = translate_doc(doc, engine, memory=memory)
    seg = doc.paragraphs[2].segments[0]
    assert seg.target == "The agency said so." and seg.origin is Origin.TM
    assert "Об этом сообщает агентство." not in engine.calls[0].sentences
    assert report.memory == 1


def test_repeated_sentences_are_translated_once() -> None:
    doc = Document(id="d2", name="repeats")
    doc.paragraphs.append(build_paragraph("d2", 0, "Об этом сообщает агентство. Об этом сообщает агентство."))
    doc.paragraphs.append(build_paragraph("d2", 1, "Об этом сообщает агентство."))
    engine = ScriptedTranslator(TABLE)
    translate_doc(doc, engine)
    assert engine.calls[0].sentences == ("Об этом сообщает агентство.",)
    assert [s.target for s in doc.segments()] == ["The agency reports this."] * 3
