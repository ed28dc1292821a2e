"""Small rendering helpers shared by the pages.

Everything here turns library objects into markup or widgets; nothing decides anything about
translations.  Text from documents is always HTML-escaped before it is wrapped in highlight markup,
because the article text is untrusted input rendered with ``unsafe_allow_html``.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from workbench.document import Flag, Status, TermHit, TermStatus
from workbench.errors import WorkbenchError
from workbench.ui import state

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workbench.store.base import DocumentInfo

log = logging.getLogger(__name__)

STATUS_LABELS = {
    Status.NEW: "New",
    Status.DRAFT: "Draft",
    Status.TRANSLATED: "Translated",
    Status.REVIEWED: "Reviewed",
    Status.APPROVED: "Approved",
}
ORIGIN_LABELS = {
    "mt": "MT",
    "tm": "TM",
    "human": "Human",
    "source_copy": "Copied",
    "glossary": "Glossary",
}


@cache
def _css() -> str:
    return (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def inject_css() -> None:
    """Apply the app's stylesheet (typography, segment cards, highlights)."""
    st.html(f"<style>{_css()}</style>")


@contextmanager
def user_errors(what: str = "") -> Iterator[None]:
    """Show problems as an error box instead of a traceback.

    A :class:`WorkbenchError` already says what to do; anything else is logged with its traceback
    for the operator and summarised in one line for the user.
    """
    try:
        yield
    except WorkbenchError as exc:
        st.error(str(exc), icon=":material/error:")
    except Exception as exc:
        log.exception("unexpected error%s", f" while {what}" if what else "")
        st.error(
            f"Something went wrong{f' while {what}' if what else ''}: {exc.__class__.__name__}: {exc}. "
            "The details are in the server log.",
            icon=":material/error:",
        )


def empty_state(title: str, body: str, icon: str = "description") -> None:
    """A friendly placeholder for pages with nothing to show yet.

    ``icon`` is a Material Symbols name (the icon font Streamlit already ships), not an emoji:
    emoji depend on the reader's system fonts and show as boxes where none are installed.
    """
    st.html(
        f'<div class="wb-empty"><div class="wb-empty-icon material-symbols-rounded" '
        f'style="font-family: \'Material Symbols Rounded\'">{html.escape(icon)}</div>'
        f"<div class='wb-empty-title'>{html.escape(title)}</div>"
        f"<div class='wb-empty-body'>{html.escape(body)}</div></div>"
    )


def no_document(title: str, body: str, icon: str = "description") -> None:
    """The empty state of a page that needs a document, with the way to get one."""
    from workbench.ui.navigation import link

    empty_state(title, body, icon)
    link("documents", "Go to Documents")


# ------------------------------------------------------------------------------------------
# document picking
# ------------------------------------------------------------------------------------------
def doc_label(info: DocumentInfo) -> str:
    counts = info.counts or {}
    total = counts.get("total", 0)
    approved = counts.get("approved", 0)
    return f"{info.name} · {approved}/{total} approved"


def pick_document(key: str) -> str | None:
    """A document selector bound to the shared current document; ``None`` when the store is empty."""
    store = state.get_store()
    docs = store.list_documents()
    if not docs:
        return None
    ids = [d.id for d in docs]
    labels = {d.id: doc_label(d) for d in docs}
    current = state.current_doc_id()
    if current not in labels:
        current = ids[0]
    # A widget keeps its own value while its page is shown; re-seed it when the shared current
    # document changed elsewhere (Documents page, another widget).
    if st.session_state.get(key) not in labels or st.session_state.get(f"{key}.seen") != current:
        st.session_state[key] = current
    st.session_state[f"{key}.seen"] = current

    def _changed() -> None:
        chosen = st.session_state[key]
        st.session_state[f"{key}.seen"] = chosen
        state.set_current_doc(chosen)

    st.selectbox("Document", ids, format_func=labels.__getitem__, key=key, on_change=_changed)
    state.set_current_doc(current)
    return current


# ------------------------------------------------------------------------------------------
# highlighting
# ------------------------------------------------------------------------------------------
def _wrap(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """Escape ``text`` and wrap non-overlapping ``(start, end, css_class, title)`` spans in marks."""
    out: list[str] = []
    pos = 0
    for start, end, css, title in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{css}" title="{html.escape(title, quote=True)}">'
                   f"{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def source_html(source: str, terms: Sequence[TermHit], translated: bool = True) -> str:
    """The source sentence with glossary terms marked (green: in the target, red: missing;
    neutral while the segment has no translation yet)."""
    spans = []
    for hit in terms:
        if not translated:
            css, note = "wb-term wb-term-todo", ""
        elif hit.status is TermStatus.MISSING:
            css, note = "wb-term wb-term-missing", " (missing in the translation)"
        else:
            css, note = "wb-term wb-term-ok", ""
        spans.append((hit.start, hit.end, css, f"→ {hit.target}{note}"))
    return _wrap(source, spans)


def target_html(target: str, terms: Sequence[TermHit]) -> str:
    """A target text with the required glossary translations marked where they occur."""
    spans = []
    low = target.lower()
    for hit in terms:
        needle = hit.target.lower().strip()
        if not needle:
            continue
        at = low.find(needle)
        if at >= 0:
            spans.append((at, at + len(needle), "wb-term wb-term-ok", f"glossary: {hit.source}"))
    return _wrap(target, spans)


def term_chips(terms: Sequence[TermHit], translated: bool = True) -> str:
    """One chip per glossary term: required translation and whether the target has it."""
    chips = []
    for hit in terms:
        if not translated:
            chips.append(f'<span class="wb-chip wb-chip-todo" title="{html.escape(hit.text)}">'
                         f"{html.escape(hit.text)} → {html.escape(hit.target)}</span>")
        elif hit.status is TermStatus.MISSING:
            chips.append(f'<span class="wb-chip wb-chip-missing" title="{html.escape(hit.text)}">'
                         f"✗ {html.escape(hit.target)} missing</span>")
        else:
            how = " (enforced)" if hit.status is TermStatus.ENFORCED else ""
            chips.append(f'<span class="wb-chip wb-chip-ok" title="{html.escape(hit.text)}">'
                         f"✓ {html.escape(hit.target)}{how}</span>")
    return "".join(chips)


def flag_list(flags: Sequence[Flag]) -> str:
    """Open QA flags as compact lines (errors first)."""
    rows = []
    for flag in sorted((f for f in flags if not f.ignored), key=lambda f: f.severity != "error"):
        css = "wb-flag-error" if flag.severity == "error" else "wb-flag-warning"
        icon = "✗" if flag.severity == "error" else "⚠"
        rows.append(f'<div class="wb-flag {css}">{icon} {html.escape(flag.message)}</div>')
    return "".join(rows)


def tm_match_html(match: Any) -> str:
    """A translation-memory suggestion: score, the TM source with the words that differ from the
    segment highlighted (what the editor must check), and the stored translation."""
    parts = []
    for op, text in match.diff or [("equal", match.source)]:
        if op == "insert":
            parts.append(f'<mark class="wb-tm-diff">{html.escape(text)}</mark>')
        elif op == "equal":
            parts.append(html.escape(text))
    return (f'<div class="wb-tm"><span class="wb-badge wb-badge-tm">TM {match.score:.0f}%</span> '
            f'<span class="wb-tm-src" lang="ru">{"".join(parts)}</span>'
            f'<div class="wb-tm-tgt" lang="en">{html.escape(match.target)}</div></div>')


def badge(text: str, kind: str) -> str:
    return f'<span class="wb-badge wb-badge-{html.escape(kind)}">{html.escape(text)}</span>'


def progress_header(counts: dict[str, int]) -> None:
    """Document progress: approved/total segments and words, plus per-status counts."""
    total = counts.get("total", 0)
    approved = counts.get("approved", 0)
    words = counts.get("words", 0)
    approved_words = counts.get("approved_words", 0)
    share = approved / total if total else 0.0
    st.progress(share, text=f"**{approved}/{total}** segments approved · "
                            f"{approved_words:,}/{words:,} words")
    chips = " ".join(
        badge(f"{STATUS_LABELS[s]} {counts.get(str(s), 0)}", str(s)) for s in Status
    )
    st.html(f'<div class="wb-status-row">{chips}</div>')
