"""Post-editing effort of a document: MT draft vs final target."""

from __future__ import annotations

import pytest

from workbench.document import Document, Paragraph, Segment, Status
from workbench.evaluate import postedit_report

ROWS = [
    # (source, mt draft, final)
    ("Документ опубликован 7 ноября 2025 года.", "The document was published on November 7, 2025.",
     "The document was published on November 7, 2025."),
    ("Судан также начал процесс нормализации.", "Sudan also began the normalization process.",
     "Sudan has also started the normalisation process."),
    ("Итог", "Result", "Summary"),
    ("Решение в интересах страны", "", "A decision in the country's interest"),  # from TM: no draft
    ("Фото: кадр YouTube", "Photo: YouTube frame", ""),  # not post-edited yet
]


def make_doc(meta: dict | None = None) -> Document:
    paras = []
    for i, (src, mt, final) in enumerate(ROWS):
        seg = Segment(id=f"d:p{i}:s0", paragraph=i, index=0, source=src, end=len(src), mt=mt, target=final,
                      status=Status.APPROVED if final else Status.DRAFT)
        paras.append(Paragraph(index=i, text=src, segments=[seg]))
    return Document(id="d", name="d.txt", paragraphs=paras, meta=dict(meta or {}))


def test_figures() -> None:
    from rapidfuzz.distance import Levenshtein
    from sacrebleu.metrics import TER

    report = postedit_report(make_doc())
    assert [s.segment_id for s in report.segments] == ["d:p0:s0", "d:p1:s0", "d:p2:s0"]
    assert report.skipped == 2
    assert report.unchanged_share == pytest.approx(1 / 3)
    assert report.edited == 2
    first, second, third = report.segments
    assert first.unchanged and first.char_distance == 0 and first.ter == 0
    assert second.char_distance == Levenshtein.distance(ROWS[1][1], ROWS[1][2])
    assert second.char_edit_rate == pytest.approx(second.char_distance / len(ROWS[1][2]))
    # "began" → "has started", "normalization" → "normalisation": three word edits
    assert second.word_distance == 3
    assert third.word_distance == 1
    drafts = [r[1] for r in ROWS[:3]]
    finals = [r[2] for r in ROWS[:3]]
    assert report.hter == pytest.approx(TER().corpus_score(drafts, [finals]).score)
    total_chars = sum(len(f) for f in finals)
    assert report.char_edit_rate == pytest.approx((second.char_distance + third.char_distance) / total_chars)
    assert report.words_edited == 4
    assert report.words_total == sum(len(f.split()) for f in finals)
    assert report.seconds_total is None


def test_time_per_segment_from_meta() -> None:
    doc = make_doc({"segment_seconds": {"d:p0:s0": 4, "d:p1:s0": "20.5", "d:p4:s0": 3, "d:p2:s0": "n/a"}})
    report = postedit_report(doc)
    assert [s.seconds for s in report.segments] == [4.0, 20.5, None]
    assert report.seconds_total == pytest.approx(24.5)
    assert report.seconds_per_segment == pytest.approx(12.25)


def test_nothing_post_edited_yet() -> None:
    doc = make_doc()
    for seg in doc.segments():
        seg.target = ""
    report = postedit_report(doc)
    assert report.segments == [] and report.hter is None and report.skipped == 5
    assert report.to_dict()["edited"] == 0
