"""Glossary page: view, search, edit, import and export the active glossary.

The active glossary is a file (CSV by default, in the data directory) so the CLI, other tools and
version control can use the very same terms.  Edits are written with
:func:`workbench.glossary.save_glossary`; afterwards every stored document is re-checked
(:func:`workbench.pipeline.check_document`) so term highlights and "missing term" flags in the
editor follow the new glossary immediately.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from workbench import config
from workbench.ui import components, state

COLUMNS = ["source", "target", "note", "forbidden", "dnt", "match_mode", "case"]
CASE_LABELS = {None: "auto", True: "sensitive", False: "ignore"}
CASE_VALUES = {v: k for k, v in CASE_LABELS.items()}


def _frame(entries: list[Any]) -> pd.DataFrame:
    rows = [{
        "source": e.source, "target": e.target, "note": e.note,
        "forbidden": " | ".join(e.forbidden), "dnt": bool(e.dnt),
        "match_mode": e.match_mode, "case": CASE_LABELS.get(e.case_sensitive, "auto"),
        "pos": e.pos,
    } for e in entries]
    return pd.DataFrame(rows, columns=[*COLUMNS, "pos"])


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _entries_from_rows(rows: list[dict[str, Any]]) -> tuple[list[Any], list[str]]:
    """Turn edited table rows into entries; rows without a source or target are reported."""
    from workbench.glossary import Entry

    entries, skipped = [], []
    for i, row in enumerate(rows, start=1):
        source, target = _text(row.get("source")), _text(row.get("target"))
        dnt = bool(row.get("dnt")) if not pd.isna(row.get("dnt")) else False
        if not source and not target:
            continue
        if not source or (not target and not dnt):
            skipped.append(f"row {i} ({source or target}): needs both a Russian term and a translation")
            continue
        entries.append(Entry(
            source=source, target=target, note=_text(row.get("note")), pos=_text(row.get("pos")),
            case_sensitive=CASE_VALUES.get(_text(row.get("case")) or "auto"),
            match_mode=_text(row.get("match_mode")) or "lemma",
            forbidden=[v.strip() for v in _text(row.get("forbidden")).split("|") if v.strip()],
            dnt=dnt,
        ))
    return entries, skipped


def _active_path() -> Path:
    return state.glossary_path() or config.data_dir() / "glossary.csv"


def _save(entries: list[Any]) -> None:
    """Write the glossary, make it active and re-check every document against it."""
    from workbench.glossary import save_glossary
    from workbench.pipeline import check_document

    path = _active_path()
    save_glossary(entries, path)
    state.set_glossary_path(path)
    glossary = state.get_glossary()
    store = state.get_store()
    docs = store.list_documents()
    with st.spinner(f"Re-checking {len(docs)} document(s) against the glossary…"):
        for info in docs:
            check_document(store, info.id, glossary=glossary)
    state.flash("success", f"Saved {len(entries)} entries to {path.name}; "
                           f"re-checked {len(docs)} document(s).")


def _editor_section(glossary: Any) -> None:
    entries = list(glossary.entries) if glossary is not None else []
    frame = _frame(entries)
    search = st.text_input("Search terms", key="gl.search", placeholder="Russian or English",
                           icon=":material/search:")
    view = frame
    if search.strip():
        needle = search.strip().casefold()
        mask = frame["source"].str.casefold().str.contains(needle, regex=False) | \
            frame["target"].str.casefold().str.contains(needle, regex=False)
        view = frame[mask]
    st.caption(f"{len(view)} of {len(frame)} entries" + (" match" if search.strip() else "") +
               ". Edit cells directly; add rows at the bottom; select rows and press Delete to remove.")
    edited = st.data_editor(
        view, key=f"gl.table.{len(frame)}.{search}", num_rows="dynamic", hide_index=True,
        width="stretch", column_order=COLUMNS,
        column_config={
            "source": st.column_config.TextColumn("Russian term", required=True, width="medium"),
            "target": st.column_config.TextColumn("English", width="medium"),
            "note": st.column_config.TextColumn("Note", width="medium"),
            "forbidden": st.column_config.TextColumn("Forbidden variants", help="separate with |"),
            "dnt": st.column_config.CheckboxColumn("Do not translate", default=False),
            "match_mode": st.column_config.SelectboxColumn("Match", options=["lemma", "exact", "prefix"],
                                                           default="lemma"),
            "case": st.column_config.SelectboxColumn("Case", options=list(CASE_VALUES), default="auto"),
        },
    )
    if st.button("Save glossary", type="primary", key="gl.save", icon=":material/save:"):
        # Rows outside the search view stay as they were; the view's rows are replaced by the table.
        shown = set(view.index)
        kept = [row for idx, row in frame.iterrows() if idx not in shown]
        rows = [r.to_dict() for _, r in pd.DataFrame(kept, columns=frame.columns).iterrows()]
        rows += [r.to_dict() for _, r in edited.iterrows()]
        new_entries, skipped = _entries_from_rows(rows)
        for problem in skipped:
            st.warning(problem)
        if not new_entries:
            st.error("The glossary would be empty; add at least one term with its translation.")
            return
        _save(new_entries)
        st.rerun()


def _import_section(glossary: Any) -> None:
    from workbench.glossary import load_glossary

    with st.form("gl.import", clear_on_submit=True):
        uploaded = st.file_uploader("Import a glossary (CSV, TSV or TBX)", type=["csv", "tsv", "tbx", "xml"])
        mode = st.radio("Imported terms", ["Add to the current glossary", "Replace the current glossary"],
                        horizontal=True)
        submitted = st.form_submit_button("Import", icon=":material/upload:")
    if not (submitted and uploaded is not None):
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(uploaded.name).name
        path.write_bytes(uploaded.getvalue())
        imported = load_glossary(path)
    for problem in imported.problems[:50]:
        st.warning(problem)
    entries = list(imported.entries)
    if mode.startswith("Add") and glossary is not None:
        entries = list(glossary.entries) + entries
    _save(entries)
    st.rerun()


def _export_section(glossary: Any) -> None:
    from workbench.glossary import save_glossary

    if glossary is None:
        return
    cols = st.columns(3)
    for col, ext, mime in zip(cols, ("csv", "tsv", "tbx"),
                              ("text/csv", "text/tab-separated-values", "application/x-tbx+xml"),
                              strict=True):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"glossary.{ext}"
            save_glossary(glossary.entries, out)
            data = out.read_bytes()
        col.download_button(f"Download .{ext}", data, file_name=f"glossary.{ext}", mime=mime,
                            key=f"gl.dl.{ext}", icon=":material/download:")


def render() -> None:
    """The Glossary page."""
    st.title("Glossary")
    state.show_flashes()
    with components.user_errors("working with the glossary"):
        glossary = state.get_glossary()
        path = state.glossary_path()
        if glossary is None:
            components.empty_state(
                "No glossary yet",
                "Import a CSV/TSV/TBX glossary below, add terms in the table, or open the demo "
                "article (it brings the shipped Russian→English glossary).", "menu_book")
        else:
            st.caption(f"Active glossary: `{path}` · {len(glossary.entries)} entries")
            if glossary.problems:
                with st.expander(f"{len(glossary.problems)} problem(s) in the file", icon=":material/warning:"):
                    for problem in glossary.problems:
                        st.markdown(f"- {problem}")
        edit_tab, import_tab, export_tab = st.tabs(["Terms", "Import", "Export"])
        with edit_tab:
            _editor_section(glossary)
        with import_tab:
            _import_section(glossary)
        with export_tab:
            _export_section(glossary)
