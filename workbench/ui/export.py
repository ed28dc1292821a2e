"""Export page: download a document in any export format.

Open error-level QA flags block the download until the user explicitly chooses to export anyway —
the warning names how many and links back to the editor filtered on flags.  The file is written by
:func:`workbench.pipeline.export_document` into a temporary directory and handed to the browser.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from workbench.ui import components, state
from workbench.ui.navigation import link

FORMAT_LABELS = {
    "target": "Translated document (same format as the source)",
    "bilingual-docx": "Bilingual side-by-side Word (.docx)",
    "bilingual-html": "Bilingual side-by-side web page (.html)",
    "csv": "Spreadsheet, comma-separated (.csv)",
    "tsv": "Spreadsheet, tab-separated (.tsv)",
    "xlsx": "Excel workbook (.xlsx)",
    "xliff": "XLIFF 1.2 for CAT tools (.xlf)",
    "xliff2": "XLIFF 2.0 for CAT tools (.xlf)",
    "tmx": "Translation memory of approved segments (.tmx)",
}
EXTENSIONS = {"bilingual-docx": ".docx", "bilingual-html": ".html", "csv": ".csv", "tsv": ".tsv",
              "xlsx": ".xlsx", "xliff": ".xlf", "xliff2": ".xlf", "tmx": ".tmx"}
MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".html": "text/html", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlf": "application/xliff+xml", ".tmx": "application/x-tmx+xml", ".txt": "text/plain",
        ".md": "text/markdown"}


def _file_name(doc_name: str, doc_format: str, fmt: str) -> str:
    stem = Path(doc_name).stem if "." in doc_name else doc_name
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem).strip("-") or "document"
    if fmt == "target":
        ext = Path(doc_name).suffix if Path(doc_name).suffix else {
            "markdown": ".md", "docx": ".docx", "html": ".html", "xliff": ".xlf"}.get(doc_format, ".txt")
        stem = stem.removesuffix(".ru")
        return f"{stem}.en{ext}"
    suffix = "-bilingual" if fmt.startswith("bilingual") else ""
    return f"{stem.removesuffix('.ru')}{suffix}{EXTENSIONS[fmt]}"


def _build(doc_id: str, fmt: str, file_name: str) -> bytes:
    from workbench.pipeline import export_document

    with tempfile.TemporaryDirectory() as tmp:
        out = export_document(state.get_store(), doc_id, fmt, Path(tmp) / file_name)
        return Path(out).read_bytes()


def render() -> None:
    """The Export page."""
    from workbench.formats.export import EXPORT_FORMATS

    st.title("Export")
    state.show_flashes()
    with components.user_errors("exporting"):
        doc_id = components.pick_document("ex.doc")
        if doc_id is None:
            components.no_document("Nothing to export", "Import and translate a document first.", "inventory_2")
            return
        store = state.get_store()
        doc = store.get_document(doc_id)
        components.progress_header(doc.progress())
        fmt = st.radio("Format", list(EXPORT_FORMATS), key="ex.fmt",
                       format_func=lambda f: FORMAT_LABELS.get(f, f))
        errors = [(seg, f) for seg in doc.segments() for f in seg.flags
                  if f.severity == "error" and not f.ignored]
        allowed = True
        if errors:
            segs = len({seg.id for seg, _ in errors})
            st.warning(f"**{len(errors)} QA error(s)** remain open in {segs} segment(s), e.g. "
                       f"“{errors[0][1].message.rstrip('.')}”. Fix them in the Editor (filter: QA flags) or "
                       "export anyway.", icon=":material/report:")
            link("editor", "Open the Editor", doc_id)
            allowed = st.checkbox("Export anyway, with the open QA errors", key="ex.anyway")
        untranslated = sum(1 for s in doc.segments() if s.source.strip() and not s.target.strip())
        if untranslated and fmt == "target":
            st.info(f"{untranslated} segment(s) have no translation yet; the source text is kept there.")
        file_name = _file_name(doc.name, doc.format, fmt)
        if allowed:
            data = _build(doc_id, fmt, file_name)
            ext = Path(file_name).suffix
            st.download_button(f"Download {file_name}", data, file_name=file_name,
                               mime=MIME.get(ext, "application/octet-stream"), type="primary",
                               key="ex.download", icon=":material/download:")
            if fmt == "bilingual-html":
                with st.expander("Preview", icon=":material/visibility:"):
                    st.html(data.decode("utf-8", errors="replace"))
