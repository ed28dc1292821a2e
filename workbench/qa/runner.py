"""Running the checks over a segment, a document or a project.

Results are returned, not written: the pipeline stores them with ``SegmentUpdate(flags=...)``, the
CLI prints them and the editor shows them.  Re-running QA keeps an editor's decisions: a flag that
was ignored before (same check id and same message) comes back ignored, with its reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from workbench.document import Document, Flag
from workbench.qa import checks as _checks  # noqa: F401  (registers the checks)
from workbench.qa.base import CHECKS, DOCUMENT_CHECKS, QaContext


def _make_context(glossary: Any, context: QaContext | Mapping[str, Any] | None) -> QaContext:
    if isinstance(context, QaContext):
        ctx = context
        if glossary is not None:
            ctx.glossary = glossary
        return ctx
    ctx = QaContext(**dict(context or {}))
    if glossary is not None:
        ctx.glossary = glossary
    return ctx


def run_checks(source: str, target: str, *, glossary: Any = None,
               context: QaContext | Mapping[str, Any] | None = None,
               disabled: Collection[str] = ()) -> list[Flag]:
    """All segment-level checks on one pair, in registry order.

    ``context`` may be a :class:`QaContext` or a mapping of its fields (thresholds, languages);
    ``disabled`` names check ids to skip.  An empty target gets only the ``empty-target`` flag:
    every other rule would just restate it.
    """
    ctx = _make_context(glossary, context)
    empty = not target.strip()
    flags: list[Flag] = []
    for check_id, check in CHECKS.items():
        if check_id in disabled:
            continue
        if check.needs_glossary and ctx.glossary is None:
            continue
        if empty and not check.runs_on_empty:
            continue
        flags.extend(check.check(source, target, ctx))
    return flags


def _ignored_keys(flags: Iterable[Flag | Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    keys: dict[tuple[str, str], str] = {}
    for f in flags:
        flag = f if isinstance(f, Flag) else Flag.from_dict(dict(f))
        if flag.ignored:
            keys[(flag.check, flag.message)] = flag.reason
    return keys


def carry_ignored(flags_by_segment: dict[str, list[Flag]],
                  previous: Mapping[str, Iterable[Flag | Mapping[str, Any]]]) -> None:
    """Mark flags ignored (with the editor's reason) when the same check raised the same message
    on the same segment before and the editor ignored it then.  Modifies ``flags_by_segment``."""
    for seg_id, flags in flags_by_segment.items():
        keys = _ignored_keys(previous.get(seg_id, ()))
        if not keys:
            continue
        for flag in flags:
            reason = keys.get((flag.check, flag.message))
            if reason is not None:
                flag.ignored = True
                flag.reason = reason


def run_document_checks(doc: Document, *, glossary: Any = None,
                        ignored: Mapping[str, Iterable[Flag | Mapping[str, Any]]] | None = None,
                        others: Sequence[Document] = (),
                        context: QaContext | Mapping[str, Any] | None = None,
                        disabled: Collection[str] = ()) -> dict[str, list[Flag]]:
    """Flags for every segment of ``doc`` (every segment id is a key, with ``[]`` when clean).

    ``ignored`` maps segment id → the flags stored before (``Flag`` or its dict); when omitted the
    flags currently on the segments are used, so re-running QA on a stored document keeps ignore
    decisions.  ``others``: further documents of the same project for the cross-document
    consistency check (their own flags are not returned; see :func:`run_project_checks`).
    Segments without letters and without a target are copied on export, so they are not checked.
    """
    base = _make_context(glossary, context)
    out: dict[str, list[Flag]] = {}
    for seg in doc.segments():
        if not seg.translatable and not seg.target.strip():
            out[seg.id] = []
            continue
        ctx = QaContext(**{**base.__dict__, "segment": seg, "document": doc, "memo": {}})
        out[seg.id] = run_checks(seg.source, seg.target, context=ctx, disabled=disabled)
    for check_id, check in DOCUMENT_CHECKS.items():
        if check_id in disabled:
            continue
        for seg_id, flags in check.check_documents([doc, *others], base).items():
            if seg_id in out:
                out[seg_id].extend(flags)
    previous = ignored if ignored is not None else {s.id: s.flags for s in doc.segments()}
    carry_ignored(out, previous)
    return out


def run_project_checks(docs: Sequence[Document], *, glossary: Any = None,
                       ignored: Mapping[str, Iterable[Flag | Mapping[str, Any]]] | None = None,
                       context: QaContext | Mapping[str, Any] | None = None,
                       disabled: Collection[str] = ()) -> dict[str, list[Flag]]:
    """:func:`run_document_checks` over several documents, with consistency checked across all."""
    out: dict[str, list[Flag]] = {}
    for i, doc in enumerate(docs):
        rest = [d for j, d in enumerate(docs) if j != i]
        out.update(run_document_checks(doc, glossary=glossary, ignored=ignored, others=rest,
                                       context=context, disabled=disabled))
    return out


def has_open_errors(flags_by_segment: Mapping[str, Iterable[Flag]] | Iterable[Flag]) -> bool:
    """True when any error-level flag is not ignored: what blocks an export or fails a pipeline."""
    groups: Iterable[Iterable[Flag]] = (
        flags_by_segment.values() if isinstance(flags_by_segment, Mapping) else [flags_by_segment]
    )
    return any(f.severity == "error" and not f.ignored for flags in groups for f in flags)


def count_flags(flags_by_segment: Mapping[str, Iterable[Flag]]) -> dict[str, int]:
    """Open errors, open warnings and ignored flags (for summaries and the editor's badges)."""
    counts = {"error": 0, "warning": 0, "ignored": 0}
    for flags in flags_by_segment.values():
        for f in flags:
            counts["ignored" if f.ignored else f.severity] += 1
    return counts
