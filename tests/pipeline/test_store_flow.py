"""Import → translate → edit → re-translate → check → export through the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import pipeline
from workbench.document import Origin, Status, TermStatus
from workbench.engine.scripted import ScriptedTranslator
from workbench.glossary import load_glossary
from workbench.store import ConflictError, open_store

TEXT = "Казахстан присоединился к Авраамским соглашениям.\n\nОб этом сообщил МИД.\n"
TABLE = {
    "Казахстан присоединился к Авраамским соглашениям.": [
        "Kazakhstan joined the Abrahamic agreements.",
        "Kazakhstan joined the Abraham Accords.",
    ],
    "Об этом сообщил МИД.": ["The Foreign Ministry said this."],
}


@pytest.fixture
def store(data_dir: Path):
    s = open_store()
    yield s
    s.close()


@pytest.fixture
def glossary(tmp_path: Path):
    path = tmp_path / "g.csv"
    path.write_text("source,target\nАвраамские соглашения,Abraham Accords\nМИД,Foreign Ministry\n", encoding="utf-8")
    return load_glossary(path)


def test_full_flow(tmp_path: Path, store, glossary) -> None:
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    info = pipeline.import_file(store, src)
    assert info.counts["total"] == 2
    # importing the same file again gives a second document, never overwrites the first
    info2 = pipeline.import_file(store, src)
    assert info2.id != info.id

    engine = ScriptedTranslator(TABLE)
    report = pipeline.translate_document(store, info.id, engine, glossary=glossary)
    assert report.machine == 2
    doc = store.get_document(info.id)
    first, second = list(doc.segments())
    # glossary enforcement chose the n-best hypothesis with the required term
    assert first.target == "Kazakhstan joined the Abraham Accords."
    assert first.origin is Origin.MT and first.mt == first.target
    assert [t.status for t in first.terms] == [TermStatus.ENFORCED]

    # an editor edits; a stale second tab is rejected with both texts
    saved = store.save_segment(second.id, target="The ministry said so.", expected_version=second.version)
    with pytest.raises(ConflictError) as conflict:
        store.save_segment(second.id, target="Other tab text.", expected_version=second.version)
    assert conflict.value.theirs == "The ministry said so." and conflict.value.yours == "Other tab text."

    # re-translation keeps the human text and QA sees the missing term
    again = pipeline.retranslate_segment(store, second.id, engine, glossary=glossary)
    assert again.target == "The ministry said so." and again.version == saved.version
    doc = pipeline.check_document(store, info.id, glossary=glossary)
    seg2 = doc.segment(second.id)
    assert any(t.status is TermStatus.MISSING for t in seg2.terms)
    assert any(f.check for f in store.get_segment(second.id).flags)

    store.set_status([s.id for s in doc.segments()], Status.APPROVED)
    out = pipeline.export_document(store, info.id, "target", tmp_path / "news.en.txt")
    assert out.read_text(encoding="utf-8") == "Kazakhstan joined the Abraham Accords.\n\nThe ministry said so.\n"
    html = pipeline.export_document(store, info.id, "bilingual-html", tmp_path / "review.html").read_text(encoding="utf-8")
    assert "Авраамским соглашениям" in html and "The ministry said so." in html


def test_without_model_the_store_is_untouched_but_terms_are_shown(store, glossary) -> None:
    info = pipeline.import_text(store, TEXT, "pasted")
    report = pipeline.translate_document(store, info.id, None, glossary=glossary)
    assert "No translation model" in report.message
    doc = store.get_document(info.id)
    assert all(s.target == "" for s in doc.segments())
    assert doc.paragraphs[0].segments[0].terms[0].source == "Авраамские соглашения"


def test_check_segment_matches_full_check(store, glossary) -> None:
    text = "Об этом сообщил МИД.\n\nОб этом сообщил МИД.\n\nВторое предложение.\n"
    info = pipeline.import_text(store, text, "consistency")
    doc = store.get_document(info.id)
    a, b, c = list(doc.segments())
    store.save_segment(a.id, target="The Foreign Ministry said this.", expected_version=a.version)
    store.save_segment(b.id, target="The  MFA said this", expected_version=b.version)
    pipeline.check_document(store, info.id, glossary=glossary)
    full = {s.id: sorted(f.check for f in s.flags) for s in store.get_document(info.id).segments()}
    # wipe stored flags, then rebuild them segment by segment
    from workbench.store.base import SegmentUpdate

    store.apply_updates([SegmentUpdate(segment_id=s, flags=[]) for s in full])
    for sid in (a.id, b.id, c.id):
        pipeline.check_segment(store, sid, glossary=glossary)
    single = {s.id: sorted(f.check for f in s.flags) for s in store.get_document(info.id).segments()}
    assert single == full
    assert "missing-term" in full[b.id] and "inconsistent-translation" in full[b.id]
    # fixing the segment clears its flags without a full re-check
    seg_b = store.get_segment(b.id)
    store.save_segment(b.id, target="The Foreign Ministry said this.", expected_version=seg_b.version)
    after = pipeline.check_segment(store, b.id, glossary=glossary)
    assert after.flags == []


def test_ignored_flag_survives_rechecks_and_unblocks_export(store, glossary) -> None:
    from workbench.qa import has_open_errors

    info = pipeline.import_text(store, "Об этом сообщил МИД.\n", "ignore")
    seg = next(store.get_document(info.id).segments())
    store.save_segment(seg.id, target="The ministry said this.", expected_version=seg.version)
    seg = pipeline.check_segment(store, seg.id, glossary=glossary)
    missing = next(f for f in seg.flags if f.check == "missing-term")
    assert has_open_errors(seg.flags)
    seg = pipeline.set_flag_ignored(store, seg.id, missing.check, missing.message, reason="house style")
    assert not has_open_errors(seg.flags)
    pipeline.check_document(store, info.id, glossary=glossary)
    again = store.get_segment(seg.id)
    kept = next(f for f in again.flags if f.check == "missing-term")
    assert kept.ignored and kept.reason == "house style"
    reopened = pipeline.set_flag_ignored(store, seg.id, kept.check, kept.message, ignored=False)
    assert has_open_errors(reopened.flags)
    with pytest.raises(Exception, match="no 'nope' flag"):
        pipeline.set_flag_ignored(store, seg.id, "nope", "x")


def test_term_only_segments_are_filled_from_the_glossary(store, glossary) -> None:
    info = pipeline.import_text(store, "Авраамские соглашения\n\n«МИД»\n\nОб этом сообщил МИД.\n", "terms")
    report = pipeline.translate_document(store, info.id, None, glossary=glossary)
    assert report.glossary == 2 and "2 filled from the glossary" in report.message
    heading, quoted, sentence = list(store.get_document(info.id).segments())
    assert heading.target == "Abraham Accords" and heading.origin is Origin.GLOSSARY
    assert quoted.target == "«Foreign Ministry»"
    assert sentence.target == ""  # a whole sentence is never invented without a model
