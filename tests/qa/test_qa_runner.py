"""Document- and project-level QA: consistency, ignore decisions, export blocking."""

from __future__ import annotations

from workbench.document import Document, Flag, Paragraph, Segment, Status
from workbench.qa import count_flags, has_open_errors, run_document_checks, run_project_checks

HEAD_RU = "Участники и значение соглашений"
HEAD_EN = "Participants and significance of the agreements"
HEAD_EN_2 = "Participants and importance of the accords"
DATE_RU = "Документ опубликован 7 ноября 2025 года."
DATE_EN = "The document was published on November 7, 2025."


def make_doc(doc_id: str, rows: list[tuple[str, str, Status]]) -> Document:
    segs = [
        Segment(id=f"{doc_id}:p{i}:s0", paragraph=i, index=0, source=src, end=len(src), target=tgt, status=status)
        for i, (src, tgt, status) in enumerate(rows)
    ]
    paras = [Paragraph(index=i, text=s.source, segments=[s]) for i, s in enumerate(segs)]
    return Document(id=doc_id, name=doc_id, paragraphs=paras)


def test_every_segment_gets_an_entry_and_clean_ones_are_empty() -> None:
    doc = make_doc("d", [(HEAD_RU, HEAD_EN, Status.APPROVED), (DATE_RU, DATE_EN, Status.APPROVED)])
    flags = run_document_checks(doc)
    assert flags == {"d:p0:s0": [], "d:p1:s0": []}
    assert not has_open_errors(flags)


def test_inconsistent_translation_within_a_document() -> None:
    doc = make_doc("d", [
        (HEAD_RU, HEAD_EN, Status.APPROVED),
        (DATE_RU, DATE_EN, Status.APPROVED),
        (HEAD_RU + " ", HEAD_EN_2, Status.APPROVED),
    ])
    flags = run_document_checks(doc)
    first = [f for f in flags["d:p0:s0"] if f.check == "inconsistent-translation"]
    third = [f for f in flags["d:p2:s0"] if f.check == "inconsistent-translation"]
    assert len(first) == 1 and HEAD_EN_2 in first[0].message
    assert len(third) == 1 and HEAD_EN in third[0].message
    assert flags["d:p1:s0"] == []
    assert first[0].severity == "warning"


def test_same_translation_twice_is_consistent_and_drafts_do_not_count() -> None:
    doc = make_doc("d", [
        (HEAD_RU, HEAD_EN, Status.APPROVED),
        (HEAD_RU, HEAD_EN, Status.REVIEWED),
        (HEAD_RU, HEAD_EN_2, Status.DRAFT),  # raw MT draft: not a stated translation yet
    ])
    flags = run_document_checks(doc)
    assert not any(f.check == "inconsistent-translation" for fl in flags.values() for f in fl)


def test_inconsistent_translation_across_a_project() -> None:
    a = make_doc("a", [(HEAD_RU, HEAD_EN, Status.APPROVED)])
    b = make_doc("b", [(HEAD_RU, HEAD_EN_2, Status.APPROVED)])
    assert run_document_checks(a) == {"a:p0:s0": []}
    flags = run_project_checks([a, b])
    assert set(flags) == {"a:p0:s0", "b:p0:s0"}
    assert [f.check for f in flags["a:p0:s0"]] == ["inconsistent-translation"]
    assert [f.check for f in flags["b:p0:s0"]] == ["inconsistent-translation"]


def test_empty_targets_block_export_until_translated() -> None:
    doc = make_doc("d", [(DATE_RU, "", Status.NEW), ("2017–2021", "", Status.NEW)])
    flags = run_document_checks(doc)
    assert [f.check for f in flags["d:p0:s0"]] == ["empty-target"]
    assert flags["d:p1:s0"] == []  # no letters: copied on export
    assert has_open_errors(flags)


def test_ignored_flags_stay_ignored_from_segments() -> None:
    wrong = DATE_EN.replace("7", "8")
    doc = make_doc("d", [(DATE_RU, wrong, Status.TRANSLATED)])
    first = run_document_checks(doc)
    assert has_open_errors(first)
    # The editor ignores the flag about the missing «7»; the store keeps it on the segment.
    seg = doc.segment("d:p0:s0")
    seg.flags = [Flag(**{**f.__dict__}) for f in first["d:p0:s0"]]
    for f in seg.flags:
        if "«7»" in f.message:
            f.ignored, f.reason = True, "typo in the source"
    second = run_document_checks(doc)
    kept = {f.message: f for f in second["d:p0:s0"]}
    assert any(f.ignored and f.reason == "typo in the source" for f in kept.values())
    # The flag about the «8» was never ignored, so errors remain open.
    assert has_open_errors(second)
    assert count_flags(second) == {"error": 1, "warning": 0, "ignored": 1}


def test_ignored_mapping_with_dicts_and_a_changed_message() -> None:
    doc = make_doc("d", [(DATE_RU, "", Status.NEW)])
    message = run_document_checks(doc)["d:p0:s0"][0].message
    ignored = {"d:p0:s0": [{"check": "empty-target", "severity": "error", "message": message,
                            "span": None, "ignored": True, "reason": "left for the client"}]}
    flags = run_document_checks(doc, ignored=ignored)
    assert flags["d:p0:s0"][0].ignored and flags["d:p0:s0"][0].reason == "left for the client"
    assert not has_open_errors(flags)
    # Same check, different message: the old decision does not carry over.
    stale = {"d:p0:s0": [{**ignored["d:p0:s0"][0], "message": "something else"}]}
    assert has_open_errors(run_document_checks(doc, ignored=stale))


def test_has_open_errors_ignores_warnings() -> None:
    warn = Flag(check="whitespace", severity="warning", message="Double space in the target.")
    err = Flag(check="number-mismatch", severity="error", message="x", ignored=True, reason="ok")
    assert not has_open_errors({"s": [warn, err]})
    assert has_open_errors([Flag(check="empty-target", severity="error", message="x")])
