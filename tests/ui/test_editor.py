"""Editor page: saving, conflicts, statuses, filters, alternatives, pagination."""

from __future__ import annotations

import pytest

from workbench.document import Origin, Status, TermHit, TermStatus
from workbench.store import SegmentUpdate


def _first_segments(store, doc_id, n=2):
    return [s for s in store.get_document(doc_id).segments() if s.source.strip()][:n]


def _target_box(at, seg_id):
    boxes = [t for t in at.text_area if t.key.startswith(f"tgt|{seg_id}|")]
    assert len(boxes) == 1, f"no single target box for {seg_id}"
    return boxes[0]


def _html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_edit_saves_to_store_with_version(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    assert not at.exception
    _target_box(at, seg.id).input("Kazakhstan joins the Abraham Accords.").run()
    saved = store.get_segment(seg.id)
    assert saved.target == "Kazakhstan joins the Abraham Accords."
    assert saved.version == seg.version + 1
    assert saved.origin is Origin.HUMAN
    assert saved.status is Status.TRANSLATED
    # The box is rebuilt on the new version and shows the saved text.
    assert _target_box(at, seg.id).value == saved.target
    assert _target_box(at, seg.id).key.endswith(f"|{saved.version}")


def test_conflict_shows_both_texts_and_keep_mine(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    # Another tab saves first.
    store.save_segment(seg.id, target="Their version.", expected_version=seg.version)
    _target_box(at, seg.id).input("My version.").run()
    assert not at.exception
    assert store.get_segment(seg.id).target == "Their version."  # nothing overwritten
    assert any("Someone else saved this segment" in w.value for w in at.warning)
    page_html = _html(at)
    assert "My version." in page_html and "Their version." in page_html
    at.button(key=f"ed.keep.{seg.id}").click().run()
    final = store.get_segment(seg.id)
    assert final.target == "My version."
    assert [h.new_target for h in store.history(seg.id)][-2:] == ["Their version.", "My version."]
    assert not any("Someone else saved" in w.value for w in at.warning)


def test_conflict_take_theirs(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    store.save_segment(seg.id, target="Their version.", expected_version=seg.version)
    _target_box(at, seg.id).input("My version.").run()
    at.button(key=f"ed.theirs.{seg.id}").click().run()
    assert store.get_segment(seg.id).target == "Their version."
    assert _target_box(at, seg.id).value == "Their version."
    assert not any("Someone else saved" in w.value for w in at.warning)


def test_status_select_and_bulk_approve(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    status_box = next(s for s in at.selectbox if s.key.startswith(f"status|{seg.id}|"))
    status_box.set_value("reviewed").run()
    assert store.get_segment(seg.id).status is Status.REVIEWED
    at.button(key="ed.bulk.approved").click().run()
    doc = store.get_document(doc_id)
    shown = [s for s in doc.segments() if s.source.strip()][:20]  # default page size
    assert all(s.status is Status.APPROVED for s in shown)
    rest = [s for s in doc.segments() if s.source.strip()][20:]
    assert rest and all(s.status is Status.NEW for s in rest)


def test_filters_search_status_flag_and_term(page_app, store, doc_id):
    segs = [s for s in store.get_document(doc_id).segments() if s.source.strip()]
    target_seg = next(s for s in segs if "Токаев" in s.source)
    store.apply_updates([
        SegmentUpdate(segment_id=target_seg.id, target="A draft without the name.", mt="A draft without the name.",
                      status=Status.DRAFT, origin=Origin.MT, terms=[TermHit(
            source="Токаев", target="Tokayev", start=target_seg.source.index("Токаев"),
            end=target_seg.source.index("Токаев") + 6, text="Токаев", status=TermStatus.MISSING)]),
    ])
    store.set_status([segs[0].id], Status.APPROVED)
    at = page_app("editor", doc_id).run()
    assert len(at.text_area) == 20

    at.text_input(key="ed.f.search").input("Токаев").run()
    ids = {t.key.split("|")[1] for t in at.text_area}
    assert target_seg.id in ids
    assert all("токаев" in s.source.casefold() for s in segs if s.id in ids)
    at.text_input(key="ed.f.search").input("").run()

    at.multiselect(key="ed.f.status").set_value(["approved"]).run()
    assert [t.key.split("|")[1] for t in at.text_area] == [segs[0].id]
    at.multiselect(key="ed.f.status").set_value([]).run()

    at.selectbox(key="ed.f.term").set_value("Токаев").run()
    assert [t.key.split("|")[1] for t in at.text_area] == [target_seg.id]
    # The source shows the term highlighted as missing, with the required translation.
    assert 'wb-term-missing' in _html(at) and "Tokayev missing" in _html(at)
    at.selectbox(key="ed.f.term").set_value("").run()

    at.toggle(key="ed.f.flagged").set_value(True).run()
    assert len(at.text_area) == 0
    assert "No segment matches" in _html(at)


def test_alternative_and_copy_source(page_app, store, doc_id):
    seg, other = _first_segments(store, doc_id, 2)
    store.apply_updates([SegmentUpdate(segment_id=seg.id, target="Draft one.", mt="Draft one.",
                                       alternatives=["Draft two.", "Draft three."],
                                       status=Status.DRAFT, origin=Origin.MT)])
    at = page_app("editor", doc_id).run()
    assert "Draft one." in _html(at)  # machine draft column
    at.button(key=f"ed.alt.{seg.id}.2").click().run()
    assert store.get_segment(seg.id).target == "Draft three."
    at.button(key=f"ed.copy.{other.id}").click().run()
    assert store.get_segment(other.id).target == other.source


def test_pagination_keeps_large_documents_light(page_app, store):
    from workbench.pipeline import import_text

    text = "\n\n".join(f"Предложение номер {i}. Второе предложение {i}." for i in range(300))
    info = import_text(store, text, "big")
    at = page_app("editor", info.id).run()
    assert len(at.text_area) == 20
    at.selectbox(key="ed.pagesize").set_value(50).run()
    at.number_input(key="ed.page").set_value(12).run()
    keys = [t.key.split("|")[1] for t in at.text_area]
    assert len(keys) == 50
    segs = [s.id for s in store.get_document(info.id).segments()]
    assert keys == segs[550:600]


def test_empty_store_shows_empty_state(page_app):
    at = page_app("editor").run()
    assert not at.exception
    assert "Nothing to edit yet" in _html(at)


def test_edit_refreshes_qa_flags_and_approval_feeds_memory(page_app, store, doc_id):
    from workbench.memory import TranslationMemory
    from workbench.pipeline import check_document

    seg = _first_segments(store, doc_id, 1)[0]
    store.apply_updates([SegmentUpdate(segment_id=seg.id, target="Казахстан joined.", mt="Казахстан joined.",
                                       status=Status.DRAFT, origin=Origin.MT)])
    check_document(store, doc_id)
    before = {f.check for f in store.get_segment(seg.id).flags}
    assert before, "the Cyrillic draft is flagged"
    at = page_app("editor", doc_id).run()
    english = "Kazakhstan's Foreign Ministry said on 2025-11-07 it joined the Abraham Accords."
    _target_box(at, seg.id).input(english).run()
    after = {f.check for f in store.get_segment(seg.id).flags}
    assert after < before, (before, after)

    status_box = next(s for s in at.selectbox if s.key.startswith(f"status|{seg.id}|"))
    status_box.set_value("approved").run()
    match = TranslationMemory().exact(seg.source)
    assert match is not None and match.target == english


def test_retranslate_one_segment_with_synthetic_model(page_app, store, doc_id, argos_home,
                                                      synthetic_argosmodel):
    from workbench.engine.packages import install_from_path

    install_from_path(synthetic_argosmodel)
    seg, other = _first_segments(store, doc_id, 2)
    at = page_app("editor", doc_id).run()
    button = at.button(key=f"ed.mt.{seg.id}")
    assert not button.disabled
    button.click().run(timeout=120)
    assert not at.exception
    fresh = store.get_segment(seg.id)
    assert fresh.mt and fresh.target == fresh.mt and fresh.origin is Origin.MT
    assert not store.get_segment(other.id).mt  # only the chosen segment


def test_retranslate_disabled_without_model(page_app, store, doc_id, argos_home):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    assert at.button(key=f"ed.mt.{seg.id}").disabled


def test_history_shows_old_and_new_texts(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    store.save_segment(seg.id, target="First text.", expected_version=seg.version)
    store.save_segment(seg.id, target="Second text.", expected_version=seg.version + 1)
    at = page_app("editor", doc_id).run()
    assert len(at.dataframe) == 0
    at.button(key=f"ed.hist.{seg.id}").click().run()
    table = at.dataframe[0].value
    assert list(table["new text"])[:2] == ["Second text.", "First text."]
    assert table["old text"].iloc[0] == "First text."
    at.button(key=f"ed.hist.{seg.id}").click().run()
    assert len(at.dataframe) == 0


def test_fuzzy_memory_match_offered_and_used(page_app, store, doc_id):
    from workbench.memory import TranslationMemory

    seg = _first_segments(store, doc_id, 1)[0]
    words = seg.source.split()
    near = " ".join([*words[:-1], "вчера", words[-1]])  # one extra word: a fuzzy, not exact, match
    memory = TranslationMemory()
    memory.add(near, "A stored translation from earlier work.")
    at = page_app("editor", doc_id).run()
    assert not at.exception
    page_html = _html(at)
    assert "A stored translation from earlier work." in page_html
    assert "wb-tm-diff" in page_html and "вчера" in page_html  # the differing word is highlighted
    at.button(key=f"ed.tm.{seg.id}.0").click().run()
    assert store.get_segment(seg.id).target == "A stored translation from earlier work."


def test_ignore_flag_with_reason(page_app, store, doc_id):
    from workbench.pipeline import check_segment

    seg = _first_segments(store, doc_id, 1)[0]
    store.save_segment(seg.id, target="Kazakhstan  joins.", expected_version=seg.version)
    flagged = check_segment(store, seg.id)
    assert flagged.flags
    at = page_app("editor", doc_id).run()
    at.text_input(key=f"ed.reason.{seg.id}.0").input("checked with the desk").run()
    at.button(key=f"ed.ign.{seg.id}.0").click().run()
    assert not at.exception
    first = store.get_segment(seg.id).flags[0]
    assert first.ignored and first.reason == "checked with the desk"
    at.button(key=f"ed.unign.{seg.id}.0").click().run()
    assert not store.get_segment(seg.id).flags[0].ignored


def test_editing_time_is_recorded_per_segment(page_app, store, doc_id):
    from workbench.evaluate import postedit_report

    first, second = _first_segments(store, doc_id, 2)
    at = page_app("editor", doc_id).run()
    _target_box(at, first.id).input("First edit.").run()
    _target_box(at, second.id).input("Second edit.").run()
    times = store.get_document(doc_id).meta["segment_seconds"]
    assert set(times) == {first.id, second.id}
    assert all(0 < t <= 600 for t in times.values())
    doc = store.get_document(doc_id)
    for seg in (first, second):  # give both an MT draft so the effort report covers them
        store.apply_updates([SegmentUpdate(segment_id=seg.id, mt="Draft.")])
    report = postedit_report(store.get_document(doc_id))
    timed = {s.segment_id: s.seconds for s in report.segments if s.seconds is not None}
    assert timed == pytest.approx({first.id: times[first.id], second.id: times[second.id]})
    assert report.seconds_total == pytest.approx(sum(times.values()))
    assert doc.meta["segment_seconds"] == times


def test_status_change_from_a_stale_page_is_refused(page_app, store, doc_id):
    seg = _first_segments(store, doc_id, 1)[0]
    at = page_app("editor", doc_id).run()
    store.save_segment(seg.id, target="Changed in another tab.", expected_version=seg.version)
    box = next(s for s in at.selectbox if s.key == f"status|{seg.id}|{seg.version}")
    box.select("approved").run()
    assert not at.exception
    after = store.get_segment(seg.id)
    assert after.status is not Status.APPROVED and after.target == "Changed in another tab."
    assert any("changed in another tab" in w.value for w in at.warning)
