"""Quality page: post-editing effort, terminology success and reference-based scores.

All figures come from :mod:`workbench.evaluate` (sacrebleu for BLEU/chrF++/TER, rapidfuzz for edit
distances, the glossary for term success); the page only lays them out and draws the charts
editors would rather look at than read.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from workbench.document import Document
from workbench.ui import components, state


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _effort_section(doc: Document) -> None:
    from workbench.evaluate import postedit_report

    report = postedit_report(doc)
    st.subheader("Post-editing effort")
    if not report.segments:
        components.empty_state("No post-edited segments yet",
                               "Effort is measured on segments that have both a machine draft and a "
                               "final translation.", "straighten")
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("HTER", "–" if report.hter is None else f"{report.hter:.1f}",
              help="TER between the machine draft and the final text (lower: less editing)")
    c2.metric("Character edit rate", _pct(report.char_edit_rate))
    c3.metric("Drafts accepted unchanged", _pct(report.unchanged_share))
    c4.metric("Words edited", f"{report.words_edited:,} / {report.words_total:,}")
    if report.seconds_per_segment is not None:
        st.caption(f"Time: {report.seconds_total or 0:.0f} s in total, "
                   f"{report.seconds_per_segment:.1f} s per segment.")
    frame = pd.DataFrame([{
        "#": i + 1, "segment": s.segment_id, "edit rate": s.char_edit_rate, "TER": s.ter,
        "edit distance (chars)": s.char_distance, "unchanged": s.unchanged,
        "source": s.source, "machine draft": s.mt, "final": s.target,
    } for i, s in enumerate(report.segments)])
    chart = alt.Chart(frame).mark_bar(color="#6366f1").encode(
        x=alt.X("edit rate:Q", bin=alt.Bin(maxbins=20), title="character edit rate per segment",
                axis=alt.Axis(format="%")),
        y=alt.Y("count():Q", title="segments"),
        tooltip=[alt.Tooltip("count():Q", title="segments")],
    ).properties(height=220, title="How much did editors change the drafts?")
    st.altair_chart(chart, width="stretch")
    st.dataframe(
        frame.drop(columns=["segment"]), hide_index=True, width="stretch",
        column_config={
            "edit rate": st.column_config.ProgressColumn("edit rate", min_value=0.0, max_value=1.0,
                                                         format="percent"),
            "TER": st.column_config.NumberColumn("TER", format="%.1f"),
        },
    )


def _terms_section(doc: Document) -> None:
    from workbench.evaluate import term_success

    st.subheader("Terminology")
    glossary = state.get_glossary()
    if glossary is None:
        st.caption("No glossary is active; add one on the Glossary page to measure term success.")
        return
    segs = [s for s in doc.segments() if s.target.strip()]
    if not segs:
        st.caption("No translated segments yet.")
        return
    result = term_success(glossary, [s.source for s in segs], [s.target for s in segs])
    c1, c2 = st.columns(2)
    c1.metric("Term success", _pct(result.rate), help="Glossary terms of the source rendered as required")
    c2.metric("Terms checked", f"{result.hits} / {result.total}")
    if result.per_entry:
        rows = pd.DataFrame([{"term": k, "correct": h, "occurrences": t, "rate": h / t if t else 0.0}
                             for k, (h, t) in sorted(result.per_entry.items())])
        st.dataframe(rows, hide_index=True, width="stretch", column_config={
            "rate": st.column_config.ProgressColumn("rate", min_value=0.0, max_value=1.0, format="percent")})


def _reference_section(doc: Document) -> None:
    from workbench.evaluate import score_corpus, split_lines
    from workbench.evaluate.io import decode

    st.subheader("Against a reference translation")
    segs = [s for s in doc.segments() if s.source.strip()]
    st.caption(f"Upload a plain-text reference with one English sentence per line, in segment order "
               f"({len(segs)} lines).")
    uploaded = st.file_uploader("Reference translation (.txt)", type=["txt"], key="q.ref")
    if uploaded is None:
        return
    refs = split_lines(decode(uploaded.getvalue(), uploaded.name))
    while refs and not refs[-1] and len(refs) > len(segs):
        refs.pop()
    systems = {"Final translation": [s.target for s in segs], "Machine draft": [s.mt for s in segs]}
    rows = []
    for name, hyps in systems.items():
        if not any(h.strip() for h in hyps):
            continue
        scores = score_corpus(hyps, [refs])
        rows.append({"system": name, **{v.name: round(v.score, 2) for v in scores.values()}})
        signatures = {v.name: v.signature for v in scores.values()}
    if not rows:
        st.info("Nothing to score yet: translate the document first.")
        return
    table = pd.DataFrame(rows)
    st.dataframe(table, hide_index=True, width="stretch")
    long = table.melt(id_vars="system", var_name="metric", value_name="score")
    st.altair_chart(alt.Chart(long).mark_bar().encode(
        x=alt.X("system:N", title=None), y=alt.Y("score:Q"), color="system:N",
        column=alt.Column("metric:N", title=None)).properties(width=160, height=180))
    st.caption(" · ".join(f"{k}: `{v}`" for k, v in signatures.items()))


def render() -> None:
    """The Quality page."""
    st.title("Quality")
    state.show_flashes()
    with components.user_errors("measuring quality"):
        doc_id = components.pick_document("q.doc")
        if doc_id is None:
            components.no_document("No document yet", "Import and translate a document first.", "bar_chart")
            return
        doc = state.get_store().get_document(doc_id)
        _effort_section(doc)
        _terms_section(doc)
        _reference_section(doc)
