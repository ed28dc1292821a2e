"""Translate page: machine drafts for a whole document, with a progress bar.

Without a model the page says so plainly (CLI command, link to Models) and still offers what works
offline: exact translation-memory matches, copying segments that need no translation, glossary
term detection.  Nothing is ever presented as machine output unless the engine produced it.
"""

from __future__ import annotations

import streamlit as st

from workbench.ui import components, state
from workbench.ui.navigation import link

INSTALL_CMD = "workbench models install ru en                     # needs internet\n" \
              "workbench models install translate-ru_en.argosmodel  # offline, from a file"


def no_model_banner(message: str) -> None:
    """The banner shown wherever a model would be needed but none is installed."""
    with st.container(border=True, key="no-model-banner"):
        st.markdown("#### :material/warning: No Russian→English model installed")
        st.markdown(
            "Machine drafts need an Argos Translate model. Until one is installed the workbench "
            "still fills segments from the **translation memory**, copies segments that need no "
            "translation, marks **glossary terms**, and lets you translate by hand in the Editor."
        )
        if message:
            st.caption(message)
        st.code(INSTALL_CMD, language="bash")
        link("models", "Upload a .argosmodel on the Models page")


def _run(doc_id: str, use_glossary: bool, use_memory: bool, overwrite: bool) -> None:
    from workbench.pipeline import translate_document

    translator = state.get_translator()
    bar = st.progress(0.0, text="Preparing…")

    def progress(done: int, total: int) -> None:
        share = done / total if total else 1.0
        bar.progress(share, text=f"{done}/{total} segments")

    report = translate_document(
        state.get_store(), doc_id, translator,
        glossary=state.get_glossary() if use_glossary else None,
        memory=state.get_memory() if use_memory else None,
        progress=progress, overwrite=overwrite,
    )
    bar.progress(1.0, text="Done")
    (st.success if translator is not None else st.info)(report.message or "Done.")
    cols = st.columns(6)
    cols[0].metric("Machine", report.machine)
    cols[1].metric("From memory", report.memory)
    cols[2].metric("From glossary", report.glossary)
    cols[3].metric("Copied", report.copied)
    cols[4].metric("Kept (edited)", report.kept)
    cols[5].metric("Seconds", f"{report.seconds:.1f}")
    if report.terms_ok or report.terms_enforced or report.terms_missing:
        st.caption(f"Glossary terms: {report.terms_ok} right first time, {report.terms_enforced} "
                   f"enforced, {report.terms_missing} still missing (flagged in the Editor).")
    link("editor", "Review in the Editor", doc_id)


def render() -> None:
    """The Translate page."""
    st.title("Translate")
    state.show_flashes()
    with components.user_errors("translating"):
        doc_id = components.pick_document("tr.doc")
        if doc_id is None:
            components.no_document("No document to translate",
                                   "Import a document or open the demo article on the Documents page.")
            return
        model = state.get_model_status()
        if model.available:
            st.success(f"Model ready: **{model.name}**", icon=":material/check_circle:")
        else:
            no_model_banner(model.message)
        glossary = state.get_glossary()
        c1, c2, c3 = st.columns(3)
        use_glossary = c1.toggle("Apply the glossary", value=glossary is not None,
                                 disabled=glossary is None, key="tr.glossary",
                                 help="Enforce glossary terms and mark missing ones"
                                 if glossary is not None else "No glossary: add one on the Glossary page")
        use_memory = c2.toggle("Use translation memory", value=True, key="tr.memory",
                               help="Exact matches from approved translations fill segments first")
        overwrite = c3.toggle("Replace edited segments too", value=False, key="tr.overwrite",
                              help="Off: segments people translated or reviewed are kept")
        label = "Translate document" if model.available else "Prefill from memory and glossary"
        if st.button(label, type="primary", key="tr.run", icon=":material/translate:"):
            _run(doc_id, use_glossary and glossary is not None, use_memory, overwrite)
