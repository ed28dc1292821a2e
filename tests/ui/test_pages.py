"""Documents, Translate, Models, Glossary, Export and Quality pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.document import Flag, Origin, Status
from workbench.store import SegmentUpdate


def _html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


# ------------------------------------------------------------------------------------------
# Documents
# ------------------------------------------------------------------------------------------
def test_documents_empty_state_then_paste(page_app, store):
    at = page_app("documents").run()
    assert not at.exception
    assert "No documents yet" in _html(at)
    at.text_input[0].input("Заметка")
    at.text_area[0].input("Первое предложение. Второе предложение.\n\nНовый абзац.")
    at.button[1].click().run()  # the paste form's submit button (the upload form comes first)
    docs = store.list_documents()
    assert [d.name for d in docs] == ["Заметка"]
    assert docs[0].counts["total"] == 3


def test_documents_list_progress_rename_delete(page_app, store, doc_id):
    segs = [s.id for s in store.get_document(doc_id).segments()][:3]
    store.set_status(segs, Status.APPROVED)
    at = page_app("documents").run()
    total = store.list_documents()[0].counts["total"]
    assert any(f"3/{total} approved" in p.proto.text for p in at.get("progress"))

    at.text_input(key=f"docs.rename.{doc_id}").input("Kazakhstan article")
    at.button(key=f"docs.rename_btn.{doc_id}").click().run()
    assert store.list_documents()[0].name == "Kazakhstan article"

    at.button(key=f"docs.delete.{doc_id}").click().run()
    assert store.list_documents(), "delete must ask for confirmation first"
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key=f"docs.confirm_no.{doc_id}").click().run()
    assert store.list_documents()
    at.button(key=f"docs.delete.{doc_id}").click().run()
    at.button(key=f"docs.confirm_yes.{doc_id}").click().run()
    assert store.list_documents() == []
    assert "No documents yet" in _html(at)


def test_demo_button_imports_article_and_glossary(page_app, store, data_dir):
    from workbench.ui.demo import DEMO_NAME, DEMO_SETTING, open_demo
    from workbench.ui.state import GLOSSARY_SETTING

    at = page_app("documents").run()
    at.button(key="docs.demo").click().run()
    docs = store.list_documents()
    assert [d.name for d in docs] == [DEMO_NAME]
    assert store.get_setting(DEMO_SETTING) == docs[0].id
    glossary = Path(store.get_setting(GLOSSARY_SETTING))
    assert glossary.parent == data_dir and "Abraham Accords" in glossary.read_text(encoding="utf-8")
    # Opening again reuses the same document (edits are never lost to a fresh import).
    assert open_demo(store) == docs[0].id
    assert len(store.list_documents()) == 1


# ------------------------------------------------------------------------------------------
# Translate
# ------------------------------------------------------------------------------------------
def test_translate_without_model_shows_banner_and_prefills(page_app, store, doc_id, argos_home):
    at = page_app("translate", doc_id).run()
    assert not at.exception
    assert any("No Russian→English model installed" in m.value for m in at.markdown)
    assert any("workbench models install ru en" in c.value for c in at.code)
    run = at.button(key="tr.run")
    assert run.label == "Prefill from memory and glossary"
    run.click().run()
    assert not at.exception
    assert any("No translation model" in i.value for i in at.info)
    # Nothing pretends to be machine output.
    assert all(s.origin is not Origin.MT and not s.mt for s in store.get_document(doc_id).segments())


def test_translate_with_synthetic_model(page_app, store, doc_id, argos_home, synthetic_argosmodel):
    from workbench.engine.packages import install_from_path

    install_from_path(synthetic_argosmodel)
    at = page_app("translate", doc_id).run()
    assert any("Model ready" in s.value for s in at.success)
    at.button(key="tr.run").click().run(timeout=120)
    assert not at.exception
    assert at.get("progress")[-1].proto.value == 100
    doc = store.get_document(doc_id)
    translated = [s for s in doc.segments() if s.source.strip() and s.translatable]
    assert translated and all(s.origin is Origin.MT and s.mt and s.target == s.mt for s in translated)
    assert any("Translated" in s.value for s in at.success)


# ------------------------------------------------------------------------------------------
# Models
# ------------------------------------------------------------------------------------------
def test_models_page_lists_and_removes(page_app, argos_home, synthetic_argosmodel):
    from workbench.engine.packages import install_from_path, list_installed

    at = page_app("models").run()
    assert "No models installed" in _html(at)
    info = install_from_path(synthetic_argosmodel)
    at = page_app("models").run()
    assert any(info.name in c.value for c in at.caption)
    at.button(key=f"models.rm.{info.name}").click().run()
    assert list_installed(), "removal asks for confirmation first"
    at.button(key=f"models.yes.{info.name}").click().run()
    assert list_installed() == []
    assert any("Removed" in s.value for s in at.success)


# ------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------
def test_export_blocks_on_qa_errors_until_confirmed(page_app, store, doc_id):
    seg = next(s for s in store.get_document(doc_id).segments() if s.source.strip())
    store.save_segment(seg.id, target="Kazakhstan joined the Abraham Accords.", expected_version=seg.version)
    store.apply_updates([SegmentUpdate(segment_id=seg.id, flags=[
        Flag(check="number-mismatch", severity="error", message="Number 2025 is missing")])])
    at = page_app("export", doc_id).run()
    assert not at.exception
    assert any("QA error(s)" in w.value for w in at.warning)
    assert len(at.get("download_button")) == 0
    at.checkbox(key="ex.anyway").check().run()
    assert len(at.get("download_button")) == 1


@pytest.mark.parametrize("fmt", ["bilingual-html", "csv", "target"])
def test_export_download_names(page_app, store, doc_id, fmt):
    at = page_app("export", doc_id).run()
    at.radio(key="ex.fmt").set_value(fmt).run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    label = buttons[0].proto.label
    expected = {"bilingual-html": "-bilingual.html", "csv": ".csv", "target": ".en.txt"}[fmt]
    assert label.endswith(expected), label


# ------------------------------------------------------------------------------------------
# Quality
# ------------------------------------------------------------------------------------------
def test_quality_page_effort_terms_and_chart(page_app, store, doc_id):
    from workbench.ui.demo import open_demo

    open_demo(store)  # activates the shipped glossary
    segs = [s for s in store.get_document(doc_id).segments() if s.source.strip()][:3]
    store.apply_updates([SegmentUpdate(segment_id=s.id, target=f"Draft {i}.", mt=f"Draft {i}.",
                                       status=Status.DRAFT, origin=Origin.MT)
                         for i, s in enumerate(segs)])
    store.save_segment(segs[0].id, target="Completely rewritten sentence.",
                       expected_version=store.get_segment(segs[0].id).version)
    at = page_app("quality", doc_id).run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Drafts accepted unchanged"] == "67%"
    assert "Term success" in metrics
    assert len(at.get("vega_lite_chart")) >= 1


def test_quality_page_reference_scores(page_app, store, doc_id):
    segs = [s for s in store.get_document(doc_id).segments() if s.source.strip()]
    refs = [f"Reference sentence number {i} about the accords." for i in range(len(segs))]
    # Final targets equal the reference, machine drafts differ in one word.
    store.apply_updates([SegmentUpdate(segment_id=s.id, target=r, mt=r.replace("about", "on"),
                                       status=Status.DRAFT, origin=Origin.MT)
                         for s, r in zip(segs, refs, strict=True)])
    at = page_app("quality", doc_id).run()
    at.file_uploader(key="q.ref").upload("ref.txt", ("\n".join(refs) + "\n").encode()).run()
    assert not at.exception
    table = at.dataframe[-1].value
    final = table[table["system"] == "Final translation"].iloc[0]
    draft = table[table["system"] == "Machine draft"].iloc[0]
    assert final["BLEU"] == pytest.approx(100.0)
    assert final["TER"] == pytest.approx(0.0)
    assert draft["BLEU"] < 100.0 and draft["TER"] > 0.0
    assert any("nrefs:1" in c.value for c in at.caption)


def test_quality_page_reference_line_mismatch_is_a_message(page_app, store, doc_id):
    at = page_app("quality", doc_id).run()
    segs = [s for s in store.get_document(doc_id).segments() if s.source.strip()]
    store.apply_updates([SegmentUpdate(segment_id=s.id, target="x", mt="x", status=Status.DRAFT,
                                       origin=Origin.MT) for s in segs])
    at.file_uploader(key="q.ref").upload("ref.txt", b"only one line\n").run()
    assert not at.exception
    assert at.error and "line" in at.error[0].value.lower()
    assert "Something went wrong" not in at.error[0].value, at.error[0].value


# ------------------------------------------------------------------------------------------
# Glossary
# ------------------------------------------------------------------------------------------
def test_glossary_page_empty_then_demo(page_app, store):
    at = page_app("glossary").run()
    assert not at.exception
    assert "No glossary yet" in _html(at)
    from workbench.ui.demo import open_demo

    open_demo(store)
    at = page_app("glossary").run()
    assert any("entries" in c.value for c in at.caption)
    assert len(at.get("download_button")) == 3


def test_glossary_import_saves_activates_and_rechecks_documents(page_app, store, doc_id, data_dir):
    from workbench.ui.state import GLOSSARY_SETTING

    at = page_app("glossary").run()
    at.file_uploader[0].upload("terms.csv", "source,target,note\nТокаев,Tokayev,\n".encode())
    at.button[-1].click().run()  # the import form's submit button
    assert not at.exception
    path = Path(store.get_setting(GLOSSARY_SETTING))
    assert path == data_dir / "glossary.csv"
    assert "Tokayev" in path.read_text(encoding="utf-8")
    # Documents were re-checked: the term is marked (and missing, since nothing is translated).
    hits = [t for s in store.get_document(doc_id).segments() for t in s.terms]
    assert hits and all(t.target == "Tokayev" for t in hits)

    # Adding a second file keeps the first entries; the search narrows the table.
    at.file_uploader[0].upload("more.csv", "source,target\nОАЭ,UAE\n".encode())
    at.radio[0].set_value("Add to the current glossary")
    at.button[-1].click().run()
    text = path.read_text(encoding="utf-8")
    assert "Tokayev" in text and "UAE" in text
    at.text_input(key="gl.search").input("UAE").run()
    assert any("1 of 2 entries" in c.value for c in at.caption)

    # Replace mode drops the old entries.
    at.file_uploader[0].upload("only.csv", "source,target\nМИД,Foreign Ministry\n".encode())
    at.radio[0].set_value("Replace the current glossary")
    at.button[-1].click().run()
    text = path.read_text(encoding="utf-8")
    assert "Foreign Ministry" in text and "Tokayev" not in text


def test_documents_upload_imports_file(page_app, store):
    at = page_app("documents").run()
    at.file_uploader(key="docs.upload").upload("note.md", "# Заголовок\n\nПервый абзац. Второе.\n".encode())
    at.button[0].click().run()  # the upload form's submit button
    assert not at.exception
    docs = store.list_documents()
    assert len(docs) == 1 and docs[0].format == "markdown"
    assert any("Imported" in s.value for s in at.success)


def test_documents_upload_of_unsupported_content_is_a_message(page_app, store):
    at = page_app("documents").run()
    at.file_uploader(key="docs.upload").upload("junk.txt", b"\x00\x01\x02" * 1000)
    at.button[0].click().run()
    assert not at.exception
    assert store.list_documents() == []
    assert at.error and "Something went wrong" not in at.error[0].value, [e.value for e in at.error]


def test_documents_open_selects_document(page_app, store, doc_id):
    at = page_app("documents").run()
    at.button(key=f"docs.open.{doc_id}").click().run()
    assert not at.exception
    assert at.session_state["doc_id"] == doc_id


def test_glossary_table_rows_become_entries():
    from workbench.ui.glossary import _entries_from_rows

    rows = [
        {"source": "Токаев", "target": "Tokayev", "note": None, "forbidden": "Tokaev | Tokaiev",
         "dnt": False, "match_mode": None, "case": "auto"},
        {"source": "Lada.kz", "target": "", "dnt": True, "match_mode": "exact", "case": "sensitive"},
        {"source": "ОАЭ", "target": float("nan"), "dnt": False},
        {"source": None, "target": None},
    ]
    entries, skipped = _entries_from_rows(rows)
    assert [e.source for e in entries] == ["Токаев", "Lada.kz"]
    assert entries[0].forbidden == ["Tokaev", "Tokaiev"] and entries[0].case_sensitive is None
    assert entries[1].dnt and entries[1].target == "Lada.kz" and entries[1].case_sensitive is True
    assert entries[1].match_mode == "exact"
    assert len(skipped) == 1 and "ОАЭ" in skipped[0]


def test_models_upload_installs_package(page_app, argos_home, synthetic_argosmodel):
    from workbench.engine.packages import list_installed

    at = page_app("models").run()
    at.file_uploader(key="models.upload").upload(synthetic_argosmodel.name, synthetic_argosmodel.read_bytes())
    at.button[0].click().run()  # the form's Install button
    assert not at.exception
    installed = list_installed()
    assert [(p.from_code, p.to_code) for p in installed] == [("ru", "en")]
    assert any("Installed" in s.value for s in at.success)
    assert any(installed[0].name in c.value for c in at.caption)


def test_models_upload_of_a_broken_file_is_a_message(page_app, argos_home):
    from workbench.engine.packages import list_installed

    at = page_app("models").run()
    at.file_uploader(key="models.upload").upload("broken.argosmodel", b"not a zip at all")
    at.button[0].click().run()
    assert not at.exception
    assert list_installed() == []
    assert at.error and "broken.argosmodel" in at.error[0].value
