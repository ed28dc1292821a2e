"""Documents page: bring articles in (upload, paste, bundled demo) and manage them.

Each import goes through :mod:`workbench.pipeline` (the same readers the CLI uses); the list shows
per-document progress from the store's counts, so it stays fast without loading any segment.
"""

from __future__ import annotations

import streamlit as st

from workbench.ui import components, state
from workbench.ui.navigation import goto


def _mark_terms(doc_id: str) -> None:
    """With an active glossary, mark a new document's terms before any translation."""
    glossary = state.get_glossary()
    if glossary is not None:
        from workbench.pipeline import check_document

        check_document(state.get_store(), doc_id, glossary=glossary)


def _open(doc_id: str) -> None:
    state.set_current_doc(doc_id)
    goto("editor", doc_id)


def _import_upload() -> None:
    from workbench.pipeline import import_bytes

    uploaded = st.session_state.get("docs.upload")
    if uploaded is None:
        return
    with components.user_errors("importing the file"):
        info = import_bytes(state.get_store(), uploaded.getvalue(), uploaded.name)
        _mark_terms(info.id)
        state.set_current_doc(info.id)
        state.flash("success", f"Imported “{info.name}”: {info.counts.get('total', 0)} segments.")


def _import_paste(name: str, text: str) -> str | None:
    from workbench.pipeline import import_text

    if not text.strip():
        st.warning("Paste some Russian text first.")
        return None
    info = import_text(state.get_store(), text, name.strip() or "Pasted text")
    _mark_terms(info.id)
    return info.id


def _add_section() -> None:
    from workbench.formats import supported_extensions

    upload_tab, paste_tab, demo_tab = st.tabs(["Upload a file", "Paste text", "Demo article"])
    with upload_tab:
        exts = [e.lstrip(".") for e in supported_extensions()]
        with st.form("docs.upload_form", clear_on_submit=True, border=False):
            st.file_uploader(
                "Russian document", type=exts, key="docs.upload",
                help="Formats: " + ", ".join(sorted(set(exts))),
            )
            st.form_submit_button("Import", type="primary", on_click=_import_upload)
    with paste_tab, st.form("docs.paste_form", clear_on_submit=True, border=False):
        name = st.text_input("Name", placeholder="e.g. Interview with the minister")
        text = st.text_area("Russian text", height=200, placeholder="Вставьте текст статьи…")
        if st.form_submit_button("Create document", type="primary"):
            with components.user_errors("importing the text"):
                doc_id = _import_paste(name, text)
                if doc_id:
                    _open(doc_id)
    with demo_tab:
        st.markdown(
            "A Russian news article about Kazakhstan joining the Abraham Accords, with the "
            "shipped Russian→English glossary (Abraham Accords, Tokayev, UAE, Lada.kz…)."
        )
        if st.button("Open the demo article", type="primary", key="docs.demo"):
            from workbench.ui.demo import open_demo

            with components.user_errors("opening the demo"):
                _open(open_demo(state.get_store()))


def _rename(doc_id: str) -> None:
    new = st.session_state.get(f"docs.rename.{doc_id}", "").strip()
    if not new:
        state.flash("warning", "A document needs a name.")
        return
    try:
        state.get_store().rename_document(doc_id, new)
    except Exception as exc:  # shown, not raised: callbacks cannot render in place
        state.flash("error", str(exc))


def _delete(doc_id: str, name: str) -> None:
    try:
        state.get_store().delete_document(doc_id)
    except Exception as exc:
        state.flash("error", str(exc))
        return
    if state.current_doc_id() == doc_id:
        state.set_current_doc(None)
    st.session_state.pop("docs.confirm", None)
    state.flash("success", f"Deleted “{name}”.")


def _list_section() -> None:
    docs = state.get_store().list_documents()
    if not docs:
        components.empty_state(
            "No documents yet",
            "Upload a Russian article, paste text, or open the demo article to get started.",
        )
        return
    confirm = st.session_state.get("docs.confirm")
    for info in docs:
        counts = info.counts or {}
        total = counts.get("total", 0)
        done = {s: counts.get(s, 0) for s in ("draft", "translated", "reviewed", "approved")}
        with st.container(border=True, key=f"docrow-{info.id}"):
            left, mid, right = st.columns([4.2, 3.4, 4.4], vertical_alignment="center")
            with left:
                st.markdown(f"**{info.name}**")
                st.caption(f"{info.format} · {total} segments · {counts.get('words', 0):,} words · "
                           f"updated {info.updated[:16].replace('T', ' ')}")
            with mid:
                share = done["approved"] / total if total else 0.0
                st.progress(share, text=f"{done['approved']}/{total} approved · "
                                        f"{done['draft'] + done['translated'] + done['reviewed']} in progress")
            with right, st.container(horizontal=True, horizontal_alignment="right", gap="small"):
                st.button("Open", key=f"docs.open.{info.id}", type="primary",
                          on_click=state.set_current_doc, args=(info.id,))
                with st.popover("Rename", icon=":material/edit:"):
                    st.text_input("New name", value=info.name, key=f"docs.rename.{info.id}")
                    st.button("Save name", key=f"docs.rename_btn.{info.id}", on_click=_rename,
                              args=(info.id,))
                st.button("Delete", key=f"docs.delete.{info.id}", icon=":material/delete:",
                          on_click=st.session_state.__setitem__, args=("docs.confirm", info.id))
            if confirm == info.id:
                st.warning(f"Delete “{info.name}” with all its translations and history? "
                           "This cannot be undone.")
                c1, c2, _ = st.columns([2, 2, 8])
                c1.button("Yes, delete", key=f"docs.confirm_yes.{info.id}", type="primary",
                          on_click=_delete, args=(info.id, info.name))
                c2.button("Cancel", key=f"docs.confirm_no.{info.id}",
                          on_click=st.session_state.pop, args=("docs.confirm", None))
        if st.session_state.get(f"docs.open.{info.id}"):
            _open(info.id)


def render() -> None:
    """The Documents page."""
    st.title("Documents")
    state.show_flashes()
    with components.user_errors("listing documents"):
        _add_section()
        st.subheader("Your documents")
        _list_section()
