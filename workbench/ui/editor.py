"""Editor page: source | machine draft | editable translation, one card per segment.

Saving: every target box is keyed on the segment's *version*, and its ``on_change`` saves with that
version as ``expected_version``.  If another tab or editor saved in between, the store raises
:class:`~workbench.store.base.ConflictError`; the page then shows both texts and lets the editor
keep theirs or re-save their own on the new version — nothing is overwritten silently.  Because
the key contains the version, a box is rebuilt from the stored text whenever the segment changes.

Only one page of segments is rendered (pagination), so 2,000-segment documents stay fast; the
document itself is read fresh from the store on every rerun (that is what makes other tabs' edits
visible).
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from workbench.document import Document, Segment, Status, TermStatus
from workbench.store.base import ConflictError
from workbench.ui import components, state
from workbench.ui.navigation import link

PAGE_SIZES = (10, 20, 50, 100)
HISTORY_KEY = "ed.history"  # ids of segments whose history is unfolded
ANY_TERM = "(any glossary term)"
MISSING_TERM = "(a missing term)"


# ------------------------------------------------------------------------------------------
# callbacks (run before the rerun; they talk to the store and queue messages)
# ------------------------------------------------------------------------------------------
def _after_change(approved: bool = False, segment_id: str | None = None) -> None:
    """Refresh QA flags and term status after an edit (one segment: cheap re-check; several:
    the whole document), and put newly approved segments into the translation memory.  Both are
    library calls; metadata updates do not bump segment versions, so other tabs are not pushed
    into conflicts by them."""
    from workbench.pipeline import check_document, check_segment

    doc_id = state.current_doc_id()
    if not doc_id:
        return
    store = state.get_store()
    try:
        if segment_id is not None:
            check_segment(store, segment_id, glossary=state.get_glossary())
        else:
            check_document(store, doc_id, glossary=state.get_glossary())
        if approved:
            memory = state.get_memory()
            if memory is not None:
                memory.add_from_document(store.get_document(doc_id))
    except Exception as exc:
        state.flash("warning", f"Saved, but the QA re-check failed: {exc}")


def _save_text(segment_id: str, version: int, text: str, status: Status | None = None) -> None:
    """Save ``text`` as the segment's target, on top of ``version``."""
    pending = state.conflicts()
    try:
        saved = state.get_store().save_segment(segment_id, target=text, expected_version=version,
                                               status=status)
    except ConflictError as exc:
        pending[segment_id] = exc.yours
        return
    except Exception as exc:
        state.flash("error", f"Could not save the segment: {exc}")
        return
    pending.pop(segment_id, None)
    _record_time(segment_id)
    _after_change(approved=saved.status is Status.APPROVED, segment_id=segment_id)


#: Longer pauses between two saves are breaks, not editing (MateCat-style time-to-edit cap).
MAX_SEGMENT_SECONDS = 600.0
CLOCK_KEY = "ed.clock"


def _start_clock(doc_id: str) -> None:
    """Start timing when a document is opened (editing time runs from one save to the next)."""
    clock = st.session_state.get(CLOCK_KEY)
    if not clock or clock[0] != doc_id:
        st.session_state[CLOCK_KEY] = (doc_id, time.monotonic())


def _record_time(segment_id: str) -> None:
    """Credit the time since the previous save (or since the document was opened) to this
    segment; the Quality page reports it as time per segment."""
    clock = st.session_state.get(CLOCK_KEY)
    now = time.monotonic()
    if clock:
        seconds = min(now - clock[1], MAX_SEGMENT_SECONDS)
        try:
            state.get_store().record_time(segment_id, seconds)
        except Exception as exc:  # timing is a nicety; never lose the save over it
            state.flash("warning", f"Saved, but editing time was not recorded: {exc}")
        st.session_state[CLOCK_KEY] = (clock[0], now)


def _on_edit(segment_id: str, version: int, key: str) -> None:
    _save_text(segment_id, version, st.session_state.get(key, ""))


def _on_status(segment_id: str, version: int, key: str) -> None:
    """Status change from the page, checked against the version the page showed: a status set
    from a stale tab is refused like a stale text save, never applied over newer work."""
    value = st.session_state.get(key)
    if value is None:
        return
    store = state.get_store()
    try:
        current = store.get_segment(segment_id)
        store.save_segment(segment_id, target=current.target, expected_version=version, status=Status(value))
    except ConflictError:
        state.flash("warning", "This segment was changed in another tab or by another editor; "
                               "its status was not changed. Check the new text below and try again.")
        return
    except Exception as exc:
        state.flash("error", f"Could not change the status: {exc}")
        return
    _after_change(approved=Status(value) is Status.APPROVED, segment_id=segment_id)


def _keep_mine(segment_id: str) -> None:
    """Re-save the editor's text on the version that won the race."""
    yours = state.conflicts().get(segment_id)
    if yours is None:
        return
    current = state.get_store().get_segment(segment_id)
    _save_text(segment_id, current.version, yours)


def _take_theirs(segment_id: str) -> None:
    state.conflicts().pop(segment_id, None)


def _retranslate(segment_id: str) -> None:
    from workbench.pipeline import retranslate_segment

    translator = state.get_translator()
    if translator is None:
        state.flash("warning", "No translation model is installed; see the Models page.")
        return
    try:
        retranslate_segment(state.get_store(), segment_id, translator, glossary=state.get_glossary())
    except Exception as exc:
        state.flash("error", f"Re-translation failed: {exc}")
        return
    _after_change(segment_id=segment_id)


def _bulk_status(versions: dict[str, int], status: Status) -> None:
    """Mark the shown segments; any that changed since the page was drawn are skipped."""
    store = state.get_store()
    try:
        changed = store.set_status(list(versions), status, expected_versions=versions)
        doc_id = state.current_doc_id()
        current = {s.id: s for s in store.get_document(doc_id).segments()} if doc_id else {}
    except Exception as exc:
        state.flash("error", f"Could not change the statuses: {exc}")
        return
    stale = [sid for sid, v in versions.items() if sid in current and current[sid].version != v
             and current[sid].status is not status]
    _after_change(approved=status is Status.APPROVED)
    state.flash("success", f"Marked {changed} segment(s) as {status.value}.")
    if stale:
        state.flash("warning", f"{len(stale)} segment(s) changed in another tab were left as they are; "
                               "check them and mark them again.")


# ------------------------------------------------------------------------------------------
# filters
# ------------------------------------------------------------------------------------------
@dataclass
class Filters:
    statuses: list[str]
    flagged: bool
    term: str
    search: str

    def keep(self, seg: Segment) -> bool:
        if self.statuses and str(seg.status) not in self.statuses:
            return False
        if self.flagged and not any(not f.ignored for f in seg.flags):
            return False
        if self.term:
            if self.term == ANY_TERM:
                if not seg.terms:
                    return False
            elif self.term == MISSING_TERM:
                if not any(t.status is TermStatus.MISSING for t in seg.terms):
                    return False
            elif not any(t.source == self.term for t in seg.terms):
                return False
        if self.search:
            needle = self.search.casefold()
            if needle not in seg.source.casefold() and needle not in seg.target.casefold():
                return False
        return True


def _filters(doc: Document) -> Filters:
    terms = sorted({t.source for seg in doc.segments() for t in seg.terms})
    c1, c2, c3, c4 = st.columns([3, 3, 3, 1.4], vertical_alignment="bottom")
    statuses = c1.multiselect("Status", [str(s) for s in Status], key="ed.f.status",
                              format_func=lambda s: components.STATUS_LABELS[Status(s)], placeholder="All")
    search = c2.text_input("Search source and translation", key="ed.f.search",
                           placeholder="word or phrase")
    term = c3.selectbox("Contains term", ["", ANY_TERM, MISSING_TERM, *terms], key="ed.f.term",
                        format_func=lambda t: t or "All segments")
    flagged = c4.toggle("QA flags", key="ed.f.flagged", help="Only segments with open QA flags")
    return Filters(statuses=list(statuses), flagged=flagged, term=term or "", search=search.strip())


# ------------------------------------------------------------------------------------------
# rendering
# ------------------------------------------------------------------------------------------
def _conflict_box(seg: Segment, yours: str) -> None:
    st.warning("Someone else saved this segment while you were editing. "
               "Your text was **not** saved over theirs — choose which one to keep.",
               icon=":material/sync_problem:")
    a, b = st.columns(2)
    with a:
        st.markdown("**Your text**")
        st.html(f'<div class="wb-conflict-text" data-testid="conflict-yours">{html.escape(yours)}</div>')
        st.button("Keep mine", key=f"ed.keep.{seg.id}", type="primary", on_click=_keep_mine, args=(seg.id,))
    with b:
        st.markdown(f"**Saved text** (version {seg.version})")
        st.html(f'<div class="wb-conflict-text" data-testid="conflict-theirs">'
                f"{html.escape(seg.target) or '<i>(empty)</i>'}</div>")
        st.button("Take theirs", key=f"ed.theirs.{seg.id}", on_click=_take_theirs, args=(seg.id,))


def _flag_popover(seg: Segment, hidden: set[str]) -> None:
    """Ignore a QA flag with a reason (it then stops blocking export), or open it again."""
    shown = [(i, f) for i, f in enumerate(seg.flags) if f.check not in hidden]
    ignored = sum(f.ignored for _, f in shown)
    label = f"QA flags ({len(shown) - ignored} open, {ignored} ignored)" if ignored else "Ignore a flag…"
    with st.popover(label, icon=":material/visibility_off:"):
        for i, flag in shown:
            st.markdown(f"**{flag.check}** · {flag.severity}  \n{flag.message}")
            if flag.ignored:
                st.caption(f"Ignored: {flag.reason or 'no reason given'}")
                st.button("Open again", key=f"ed.unign.{seg.id}.{i}",
                          on_click=_ignore_flag, args=(seg.id, flag.check, flag.message, None))
            else:
                rkey = f"ed.reason.{seg.id}.{i}"
                st.text_input("Reason", key=rkey, placeholder="why this is fine")
                st.button("Ignore", key=f"ed.ign.{seg.id}.{i}",
                          on_click=_ignore_flag, args=(seg.id, flag.check, flag.message, rkey))


def _ignore_flag(segment_id: str, check: str, message: str, reason_key: str | None) -> None:
    from workbench.pipeline import set_flag_ignored

    try:
        set_flag_ignored(state.get_store(), segment_id, check, message, ignored=reason_key is not None,
                         reason=st.session_state.get(reason_key, "") if reason_key else "")
    except Exception as exc:
        state.flash("error", f"Could not change the flag: {exc}")


def _suggestions(segments: Sequence[Segment], seg: Segment, position: int) -> list[Any]:
    """Fuzzy translation-memory matches for a segment (its neighbours give in-context matches);
    identical-to-target matches are not repeated."""
    memory = state.get_memory()
    if memory is None or not len(memory):
        return []
    prev = segments[position - 1].source if position > 0 else ""
    nxt = segments[position + 1].source if position + 1 < len(segments) else ""
    try:
        matches = memory.lookup(seg.source, prev=prev, next=nxt, limit=3)
    except Exception:  # a broken memory must not take the editor down
        logging.getLogger(__name__).exception("translation memory lookup failed")
        return []
    return [m for m in matches if m.target.strip() != seg.target.strip()]


def _segment_card(seg: Segment, number: int, can_translate: bool, suggestions: Sequence[Any] = ()) -> None:
    pending = state.conflicts().get(seg.id)
    with st.container(border=True, key=f"seg-{seg.status}-{seg.paragraph}-{seg.index}"):
        src_col, mt_col, tgt_col, side_col = st.columns([5, 4.5, 5.5, 2.6], gap="medium")
        with src_col:
            st.html(f'<div class="wb-colhead">Source · <span class="wb-segno">#{number}</span></div>'
                    f'<div class="wb-text" lang="ru">{components.source_html(seg.source, seg.terms, bool(seg.target.strip()))}</div>')
        with mt_col:
            if seg.mt:
                score = f" · score {seg.score:.2f}" if seg.score is not None else ""
                st.html(f'<div class="wb-colhead">Machine draft{score}</div>'
                        f'<div class="wb-text wb-mt" lang="en">'
                        f"{components.target_html(seg.mt, seg.terms)}</div>")
            else:
                st.html('<div class="wb-colhead">Machine draft</div>'
                        '<div class="wb-placeholder">No machine draft yet.</div>')
            for i, match in enumerate(suggestions):
                st.html(components.tm_match_html(match))
                st.button("Use this translation", key=f"ed.tm.{seg.id}.{i}", type="tertiary",
                          icon=":material/input:", on_click=_save_text, args=(seg.id, seg.version, match.target))
        with tgt_col:
            key = f"tgt|{seg.id}|{seg.version}"
            st.text_area("Translation", value=seg.target, key=key, label_visibility="collapsed",
                         placeholder="Type the English translation…", height="content",
                         on_change=_on_edit, args=(seg.id, seg.version, key))
            # An empty box speaks for itself: its "empty target" flag is not repeated under it.
            flags = [f for f in seg.flags if seg.target.strip() or f.check != "empty-target"]
            extra = components.term_chips(seg.terms, bool(seg.target.strip())) + components.flag_list(flags)
            if extra:
                st.html(f"<div>{extra}</div>")
            if flags:
                _flag_popover(seg, hidden={"empty-target"} if not seg.target.strip() else set())
        with side_col:
            skey = f"status|{seg.id}|{seg.version}"
            st.selectbox("Status", [str(s) for s in Status], index=list(Status).index(seg.status),
                         key=skey, label_visibility="collapsed",
                         format_func=lambda s: components.STATUS_LABELS[Status(s)],
                         on_change=_on_status, args=(seg.id, seg.version, skey))
            if seg.origin:
                st.html(components.badge(components.ORIGIN_LABELS.get(str(seg.origin), str(seg.origin)),
                                         "origin"))
            b1, b2, b3 = st.columns(3, gap="small")
            b1.button("", icon=":material/content_copy:", key=f"ed.copy.{seg.id}", help="Copy the source",
                      on_click=_save_text, args=(seg.id, seg.version, seg.source))
            with b2.popover("", icon=":material/list:", help="Alternative translations",
                            disabled=not (seg.alternatives or seg.mt)):
                options = [a for a in [seg.mt, *seg.alternatives] if a]
                for i, alt in enumerate(dict.fromkeys(options)):
                    st.button(alt, key=f"ed.alt.{seg.id}.{i}", width="stretch",
                              on_click=_save_text, args=(seg.id, seg.version, alt))
            b3.button("", icon=":material/refresh:", key=f"ed.mt.{seg.id}", disabled=not can_translate,
                      help="Re-translate this segment" if can_translate else "No translation model",
                      on_click=_retranslate, args=(seg.id,))
            st.button("History", key=f"ed.hist.{seg.id}", type="tertiary", icon=":material/history:",
                      on_click=_toggle_history, args=(seg.id,))
        if pending is not None:
            _conflict_box(seg, pending)
        if seg.id in st.session_state.get(HISTORY_KEY, ()):
            _history_table(seg.id)


def _toggle_history(segment_id: str) -> None:
    shown: set[str] = st.session_state.setdefault(HISTORY_KEY, set())
    shown.symmetric_difference_update({segment_id})


def _history_table(segment_id: str) -> None:
    """Every saved change of the segment (who, when, old → new text, status), newest first."""
    entries = state.get_store().history(segment_id)
    if not entries:
        st.caption("No changes recorded yet.")
        return
    st.dataframe(
        [{"when": h.time[:19].replace("T", " "), "who": h.user, "action": h.action,
          "status": f"{h.old_status} → {h.new_status}" if h.old_status != h.new_status else h.new_status,
          "old text": h.old_target, "new text": h.new_target, "version": h.version}
         for h in reversed(entries)],
        hide_index=True, width="stretch",
    )


def _paragraph_label(doc: Document, index: int) -> str:
    para = next((p for p in doc.paragraphs if p.index == index), None)
    kind = para.kind.replace("-", " ") if para else "text"
    return f"¶ {index + 1} · {kind}"


def _toolbar(shown: Sequence[Segment], filtered: bool) -> list[Segment]:
    """Pagination plus bulk status buttons in one row; returns the segments of the current page."""
    c1, c2, c3, c4, c5 = st.columns([1.1, 1.3, 2.2, 1.8, 1.8], vertical_alignment="bottom")
    size = c1.selectbox("Per page", PAGE_SIZES, index=1, key="ed.pagesize")
    pages = max(1, -(-len(shown) // size))
    page = min(int(c2.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1,
                                   key="ed.page")), pages) - 1
    visible = list(shown[page * size : (page + 1) * size])
    c3.caption(f"{len(shown)} segment(s){' match the filters' if filtered else ''} · "
               f"showing {page * size + 1 if visible else 0}–{page * size + len(visible)}")
    versions = {s.id: s.version for s in (shown if filtered else visible)}
    ids = list(versions)
    scope = "filtered" if filtered else "page"
    c4.button(f"Review {scope}", key="ed.bulk.reviewed", disabled=not ids, width="stretch",
              help=f"Mark the {len(ids)} {'filtered' if filtered else 'shown'} segment(s) reviewed",
              on_click=_bulk_status, args=(versions, Status.REVIEWED), icon=":material/rate_review:")
    c5.button(f"Approve {scope}", key="ed.bulk.approved", disabled=not ids, type="primary", width="stretch",
              help=f"Mark the {len(ids)} {'filtered' if filtered else 'shown'} segment(s) approved",
              on_click=_bulk_status, args=(versions, Status.APPROVED), icon=":material/done_all:")
    return visible


def render() -> None:
    """The Editor page."""
    store = state.get_store()
    with components.user_errors("opening the editor"):
        doc_id = state.current_doc_id()
        head, picker = st.columns([3, 2], vertical_alignment="bottom")
        with picker:
            doc_id = components.pick_document("ed.doc")
        if doc_id is None:
            head.title("Editor")
            components.no_document("Nothing to edit yet",
                                   "Import a document or open the demo article on the Documents page.")
            return
        doc = store.get_document(doc_id)
        _start_clock(doc_id)
        head.title(doc.name)
        state.show_flashes()
        counts = doc.progress()
        components.progress_header(counts)
        if not any(seg.mt or seg.target for seg in doc.segments()):
            st.info("No drafts yet: run machine translation (or translation-memory prefill) on the "
                    "Translate page, or type translations directly below.", icon=":material/info:")
            link("translate", "Translate this document", doc_id)

        with st.expander("Filters", expanded=False, icon=":material/filter_list:"):
            filters = _filters(doc)
        segments = [s for s in doc.segments() if s.source.strip()]
        numbers = {s.id: i + 1 for i, s in enumerate(segments)}
        shown = [s for s in segments if filters.keep(s)]
        visible = _toolbar(shown, filtered=len(shown) != len(segments))
        if not visible:
            components.empty_state("No segment matches", "Change or clear the filters above.", "search_off")
            return
        can_translate = state.get_model_status().available
        last_para = None
        for seg in visible:
            if seg.paragraph != last_para:
                st.html(f'<div class="wb-para">{html.escape(_paragraph_label(doc, seg.paragraph))}</div>')
                last_para = seg.paragraph
            _segment_card(seg, numbers[seg.id], can_translate,
                          _suggestions(segments, seg, numbers[seg.id] - 1))
