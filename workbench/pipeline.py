"""Glue between formats, segmentation, memory, engine, glossary, QA and the store.

Both shells (the CLI and the Streamlit app) call these functions instead of wiring modules
themselves, so a document is translated the same way whichever door it came through:

    read → segment → exact TM fill → one batched MT call (+ glossary enforcement) → QA → store

Heavy modules (ctranslate2, the glossary's morphology) are imported inside the functions that need
them, so importing the pipeline stays cheap for ``workbench --help``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.document import Document, Origin, Segment, Status, TermHit
from workbench.engine.base import EngineError, Translator

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workbench.glossary import Glossary
    from workbench.memory import TranslationMemory
    from workbench.store.base import DocumentInfo, Store

Progress = Callable[[int, int], None]

#: How many hypotheses the pipeline asks for: the best becomes the draft, the rest are offered to
#: the editor as alternatives.  Beam search keeps 4 beams anyway, so this costs almost nothing.
DEFAULT_ALTERNATIVES = 3

#: Segments per engine call when a progress callback wants feedback.  Inside a chunk the engine
#: still sorts by length and batches by tokens, so throughput stays close to one big call.
PROGRESS_CHUNK = 48


# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------
@dataclass
class ModelStatus:
    """Whether a ru→en model is usable, without loading it (cheap enough for every page render)."""

    available: bool
    name: str = ""
    message: str = ""
    path: str = ""


def model_status(model: str | Path | None = None) -> ModelStatus:
    """Tell whether :func:`open_translator` would find a model, and which one."""
    from workbench.engine.argos import resolve_package

    try:
        path = resolve_package(model)
    except EngineError as exc:
        return ModelStatus(available=False, message=str(exc))
    name = path.name
    meta = path / "metadata.json"
    if meta.is_file():
        import json

        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            name = f"{data.get('from_name', data.get('from_code', '?'))} → " \
                   f"{data.get('to_name', data.get('to_code', '?'))} {data.get('package_version', '')}".strip()
        except (OSError, ValueError):
            pass
    return ModelStatus(available=True, name=name, message=f"Model ready: {name}", path=str(path))


def open_translator(model: str | Path | None = None, *, cache: bool = True,
                    cache_path: Path | None = None, **options: Any) -> Translator:
    """The Argos translator for ``model`` (installed package, package dir or ``.argosmodel``),
    wrapped in the persistent cache so unchanged sentences are never translated twice.

    Raises :class:`EngineError` with install instructions when there is no ru→en model.
    The model itself is loaded lazily on the first translation.
    """
    from workbench.engine.argos import load_translator

    translator: Translator = load_translator(model, **options)
    if cache:
        from workbench.engine.cache import CachedTranslator

        translator = CachedTranslator(translator, cache_path)
    return translator


# --------------------------------------------------------------------------------------------
# translation of in-memory documents
# --------------------------------------------------------------------------------------------
@dataclass
class TranslateReport:
    """What a translation run did, for the CLI summary and the UI's toast."""

    segments: int = 0  # translatable segments considered
    machine: int = 0  # filled by the engine
    memory: int = 0  # filled by exact TM matches
    glossary: int = 0  # segments that are just one glossary term (a heading, a caption)
    copied: int = 0  # copied unchanged (numbers, URLs, do-not-translate only)
    kept: int = 0  # left alone because an editor already worked on them
    terms_ok: int = 0
    terms_enforced: int = 0
    terms_missing: int = 0
    seconds: float = 0.0
    message: str = ""
    changed: list[str] = field(default_factory=list)  # ids of segments that got new text

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d.pop("changed")
        return d


def _needs_translation(seg: Segment, overwrite: bool) -> bool:
    if overwrite:
        return True
    return not seg.editor_work and not (seg.target and seg.origin in (Origin.MT, Origin.TM))


def _context(segments: Sequence[Segment], i: int) -> tuple[str, str]:
    prev = segments[i - 1].source if i > 0 else ""
    nxt = segments[i + 1].source if i + 1 < len(segments) else ""
    return prev, nxt


def _count_terms(report: TranslateReport, terms: Sequence[TermHit]) -> None:
    from workbench.document import TermStatus

    for hit in terms:
        if hit.status is TermStatus.OK:
            report.terms_ok += 1
        elif hit.status is TermStatus.ENFORCED:
            report.terms_enforced += 1
        else:
            report.terms_missing += 1


def translate_segments(
    segments: Sequence[Segment],
    translator: Translator | None,
    *,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
    chunk_size: int | None = None,
    num_hypotheses: int = DEFAULT_ALTERNATIVES,
) -> TranslateReport:
    """Fill ``segments`` in place: exact TM matches first, then one batched engine pass.

    ``translator=None`` runs only what works without a model (TM matches, copying segments that
    need no translation, glossary term detection) and says so in ``report.message``; nothing is
    ever invented and labelled as machine output.  ``chunk_size`` splits the engine work so
    ``progress(done, total)`` can be reported; ``None`` means one call for the whole document
    (fastest) unless a progress callback is given.
    """
    started = time.perf_counter()
    report = TranslateReport()
    segs = list(segments)
    todo: list[Segment] = []
    for i, seg in enumerate(segs):
        if not seg.source.strip():
            continue
        if not _needs_translation(seg, overwrite):
            report.kept += 1
            continue
        report.segments += 1
        if not seg.translatable:
            seg.target = seg.mt = seg.source
            seg.origin, seg.status = Origin.SOURCE_COPY, Status.DRAFT
            report.copied += 1
            report.changed.append(seg.id)
            continue
        if memory is not None:
            prev, nxt = _context(segs, i)
            match = _exact_tm(memory, seg.source, prev, nxt)
            if match is not None:
                seg.target = match
                seg.origin, seg.status, seg.score = Origin.TM, Status.DRAFT, 100.0
                report.memory += 1
                report.changed.append(seg.id)
                if glossary is not None:
                    seg.terms = _term_status(glossary, seg.source, seg.target)
                continue
        if glossary is not None:
            whole = _whole_term(glossary, seg.source)
            if whole is not None:
                seg.target = whole
                seg.origin, seg.status, seg.score = Origin.GLOSSARY, Status.DRAFT, None
                seg.terms = _term_status(glossary, seg.source, seg.target)
                report.glossary += 1
                report.changed.append(seg.id)
                continue
        todo.append(seg)

    total = len(todo)
    if progress:
        progress(0, total)
    if translator is None:
        if glossary is not None:
            for seg in todo:
                seg.terms = _term_status(glossary, seg.source, seg.target)
        report.message = (
            f"No translation model: {total} segment(s) left for manual translation"
            + (f"; {report.memory} filled from translation memory" if report.memory else "")
            + (f"; {report.glossary} filled from the glossary" if report.glossary else "")
            + "."
        )
        report.seconds = time.perf_counter() - started
        return report

    if chunk_size is None and progress is not None:
        chunk_size = PROGRESS_CHUNK
    step = chunk_size or max(total, 1)
    done = 0
    for lo in range(0, total, step):
        chunk = todo[lo : lo + step]
        _translate_chunk(chunk, translator, glossary, num_hypotheses)
        for seg in chunk:
            _count_terms(report, seg.terms)
            report.changed.append(seg.id)
        report.machine += len(chunk)
        done += len(chunk)
        if progress:
            progress(done, total)
    report.seconds = time.perf_counter() - started
    report.message = (
        f"Translated {report.machine} segment(s) by machine"
        + (f", {report.memory} from translation memory" if report.memory else "")
        + (f", {report.glossary} from the glossary" if report.glossary else "")
        + (f"; kept {report.kept} edited by people" if report.kept else "")
        + "."
    )
    return report


_FRAME = " \t\u00a0.,;:!?«»\"'“”„()[]—–-"


def _whole_term(glossary: Glossary, source: str) -> str | None:
    """The glossary translation of a segment that is nothing but one term (plus quotes or
    punctuation), e.g. a heading «Авраамские соглашения»; ``None`` otherwise.  Such segments
    need no engine, and this is what keeps the workbench useful without a model."""
    matches = glossary.match(source)
    if len(matches) != 1:
        return None
    m = matches[0]
    if source[: m.start].strip(_FRAME) or source[m.end :].strip(_FRAME):
        return None
    term = m.text if m.entry.dnt else m.entry.target
    return source[: m.start] + term + source[m.end :]


def _exact_tm(memory: TranslationMemory, source: str, prev: str, nxt: str) -> str | None:
    matches = memory.lookup(source, prev=prev, next=nxt, threshold=100, limit=1)
    for m in matches:
        if m.kind in ("context", "exact"):
            return m.target
    return None


def _term_status(glossary: Glossary, source: str, target: str) -> list[TermHit]:
    """Term hits of ``source`` with ok/missing status against ``target`` (no enforcement)."""
    from workbench.document import TermStatus

    check = glossary.check_target(source, target)
    missing = {id(e) for e in check.missing} | {id(e) for e, _ in check.forbidden} | {
        id(e) for e in check.dnt_altered
    }
    hits = []
    for m in check.found:
        status = TermStatus.MISSING if (id(m.entry) in missing or not target) else TermStatus.OK
        hits.append(TermHit(source=m.entry.source, target=m.entry.target, start=m.start, end=m.end,
                            text=m.text, status=status))
    return hits


def _translate_chunk(chunk: Sequence[Segment], translator: Translator, glossary: Glossary | None,
                     num_hypotheses: int) -> None:
    """One engine pass over ``chunk`` with inline placeholders protected.

    Repeated sentences (boilerplate, datelines, a quote cited twice) are sent once: the engine
    sees each distinct masked text a single time and every copy gets the same draft.
    """
    import copy

    from workbench.formats.inline import protect, restore

    masked: list[str] = []
    maps: list[Any] = []
    for seg in chunk:
        text, mapping = protect(seg.source)
        masked.append(text)
        maps.append(mapping)
    unique = list(dict.fromkeys(masked))
    if glossary is not None:
        from workbench.glossary.enforce import enforce_batch

        results = enforce_batch(translator, unique, glossary, num_hypotheses=max(num_hypotheses, 4))
        drafts = [(r.text, r.score, list(r.alternatives), list(r.terms)) for r in results]
    else:
        hyps = translator.translate_batch(unique, num_hypotheses=num_hypotheses)
        drafts = [
            (h[0].text if h else "", h[0].score if h else None, [x.text for x in h[1:]], [])
            for h in hyps
        ]
    by_text = dict(zip(unique, drafts, strict=True))
    for seg, text_in, mapping in zip(chunk, masked, maps, strict=True):
        text, score, alternatives, terms = by_text[text_in]
        text, _problems = restore(text, mapping)  # a lost placeholder is left to QA to flag
        seg.mt = seg.target = text
        seg.score = score
        seg.alternatives = [restore(a, mapping)[0] for a in alternatives if a and a != text]
        seg.terms = copy.deepcopy(terms)
        seg.origin, seg.status = Origin.MT, Status.DRAFT


def translate_doc(doc: Document, translator: Translator | None, **kwargs: Any) -> TranslateReport:
    """Translate an in-memory document (CLI path: no store involved)."""
    return translate_segments(list(doc.segments()), translator, **kwargs)


def translate_file(source: Path, output: Path | None, translator: Translator, *,
                   glossary: Glossary | None = None, memory: TranslationMemory | None = None,
                   progress: Progress | None = None) -> tuple[Document, TranslateReport]:
    """Read ``source``, translate it, and write the target in the source's own format."""
    from workbench.formats import read_document, write_document

    doc = read_document(source)
    report = translate_doc(doc, translator, glossary=glossary, memory=memory, progress=progress)
    if output is not None:
        write_document(doc, output)
    return doc, report


# --------------------------------------------------------------------------------------------
# store-backed operations (the UI and `workbench import/export`)
# --------------------------------------------------------------------------------------------
def import_file(store: Store, path: Path, *, name: str | None = None,
                project_id: int | None = None) -> DocumentInfo:
    """Read a file in any supported format and add it to the store as a new document."""
    from workbench.formats import read_document

    doc = read_document(Path(path), name=name)
    return _add(store, doc, project_id)


def import_bytes(store: Store, data: bytes, filename: str, *, project_id: int | None = None) -> DocumentInfo:
    """An uploaded file's bytes → a new document."""
    from workbench.formats import read_bytes

    doc = read_bytes(data, filename)
    return _add(store, doc, project_id)


def import_text(store: Store, text: str, name: str, *, project_id: int | None = None) -> DocumentInfo:
    """Pasted text → a new plain-text document."""
    from workbench.formats import read_bytes

    filename = name if "." in name else f"{name}.txt"
    doc = read_bytes(text.encode("utf-8"), filename)
    doc.name = name
    return _add(store, doc, project_id)


def _add(store: Store, doc: Document, project_id: int | None) -> DocumentInfo:
    """Give the document a free id (re-importing the same file makes a second copy, never
    overwrites edits) and store it."""
    new_id = store.unique_document_id(doc.id)
    if new_id != doc.id:
        _rename_ids(doc, new_id)
    return store.add_document(doc, project_id)


def _rename_ids(doc: Document, new_id: str) -> None:
    from workbench.document import segment_id

    doc.id = new_id
    for para in doc.paragraphs:
        for seg in para.segments:
            seg.id = segment_id(new_id, seg.paragraph, seg.index)


def translate_document(store: Store, doc_id: str, translator: Translator | None, *,
                       glossary: Glossary | None = None, memory: TranslationMemory | None = None,
                       progress: Progress | None = None, overwrite: bool = False) -> TranslateReport:
    """Translate a stored document and save drafts; segments editors touched are kept."""
    from workbench.store.base import SegmentUpdate

    doc = store.get_document(doc_id)
    report = translate_doc(doc, translator, glossary=glossary, memory=memory, progress=progress,
                           overwrite=overwrite)
    changed = set(report.changed)
    updates = []
    for seg in doc.segments():
        if seg.id in changed:
            updates.append(SegmentUpdate(
                segment_id=seg.id, target=seg.target, mt=seg.mt, status=seg.status, origin=seg.origin,
                score=seg.score, alternatives=seg.alternatives, terms=seg.terms, force=overwrite,
            ))
        elif glossary is not None and seg.terms:
            updates.append(SegmentUpdate(segment_id=seg.id, terms=seg.terms))
    store.apply_updates(updates)
    check_document(store, doc_id, glossary=glossary)
    return report


def retranslate_segment(store: Store, segment_id: str, translator: Translator, *,
                        glossary: Glossary | None = None,
                        num_hypotheses: int = 4) -> Segment:
    """Fresh MT for one segment (with alternatives).  The editor's target is replaced only if it
    was machine-made; a human target keeps its text and just gets new alternatives/draft."""
    from workbench.store.base import SegmentUpdate

    seg = store.get_segment(segment_id)
    work = Segment.from_dict(seg.to_dict())
    _translate_chunk([work], translator, glossary, num_hypotheses)
    human = seg.editor_work
    update = SegmentUpdate(
        segment_id=segment_id,
        mt=work.mt,
        score=work.score,
        alternatives=[a for a in [work.mt, *work.alternatives] if a and a != seg.target] if human
        else work.alternatives,
        terms=work.terms if not human else None,
        target=None if human else work.target,
        status=None if human else Status.DRAFT,
        origin=None if human else Origin.MT,
        force=not human,
    )
    store.apply_updates([update])
    return store.get_segment(segment_id)


def _refresh_terms(glossary: Glossary, seg: Segment) -> None:
    """Recheck a segment's terms against its current target, keeping the "enforced" provenance
    of a term that is still there (an edit elsewhere in the sentence does not make it "ok")."""
    from workbench.document import TermStatus

    if not seg.source.strip():
        return
    old = {(t.source, t.start): t for t in seg.terms}
    fresh = _term_status(glossary, seg.source, seg.target)
    for hit in fresh:
        prev = old.get((hit.source, hit.start))
        if prev is not None and hit.status is TermStatus.OK and prev.status is TermStatus.ENFORCED:
            hit.status, hit.method = prev.status, prev.method
    seg.terms = fresh


def check_document(store: Store, doc_id: str, *, glossary: Glossary | None = None) -> Document:
    """Recompute term status and QA flags for every segment (after edits or glossary changes)."""
    from workbench.qa import run_document_checks
    from workbench.store.base import SegmentUpdate

    doc = store.get_document(doc_id)
    if glossary is not None:
        for seg in doc.segments():
            _refresh_terms(glossary, seg)
    flags = run_document_checks(doc, glossary=glossary)
    updates = []
    for seg in doc.segments():
        seg.flags = flags.get(seg.id, [])
        updates.append(SegmentUpdate(segment_id=seg.id, flags=seg.flags,
                                     terms=seg.terms if glossary is not None else None))
    store.apply_updates(updates, user="qa")
    return doc


def check_segment(store: Store, segment_id: str, *, glossary: Glossary | None = None) -> Segment:
    """Re-check one edited segment: its term status and segment-level QA flags, plus the
    document-level checks (consistency) for every segment, since an edit can create or resolve
    an inconsistency elsewhere.  Far cheaper than :func:`check_document` on long documents,
    which is what an editor's save needs."""
    from workbench.qa import run_checks
    from workbench.qa.base import DOCUMENT_CHECKS, QaContext
    from workbench.qa.runner import carry_ignored
    from workbench.store.base import SegmentUpdate

    doc_id = segment_id.rsplit(":", 2)[0]
    doc = store.get_document(doc_id)
    seg = doc.segment(segment_id)
    if glossary is not None:
        _refresh_terms(glossary, seg)
    previous = {s.id: list(s.flags) for s in doc.segments()}
    fresh: dict[str, list] = {
        s.id: [f for f in s.flags if f.check not in DOCUMENT_CHECKS] for s in doc.segments()
    }
    if not seg.translatable and not seg.target.strip():
        fresh[seg.id] = []
    else:
        ctx = QaContext(glossary=glossary, segment=seg, document=doc)
        fresh[seg.id] = run_checks(seg.source, seg.target, context=ctx)
    base = QaContext(glossary=glossary)
    for check in DOCUMENT_CHECKS.values():
        for sid, flags in check.check_documents([doc], base).items():
            fresh.setdefault(sid, []).extend(flags)
    carry_ignored(fresh, previous)
    updates = []
    for s in doc.segments():
        new = fresh.get(s.id, [])
        if s.id == seg.id or [f.to_dict() for f in new] != [f.to_dict() for f in previous[s.id]]:
            updates.append(SegmentUpdate(segment_id=s.id, flags=new,
                                         terms=seg.terms if s.id == seg.id and glossary is not None else None))
    store.apply_updates(updates, user="qa")
    return store.get_segment(segment_id)


def set_flag_ignored(store: Store, segment_id: str, check: str, message: str, *,
                     ignored: bool = True, reason: str = "") -> Segment:
    """Mark a QA flag ignored (with the editor's reason) or open again.  Ignored flags stay
    ignored when QA re-runs (same check, same message) and no longer block export."""
    from workbench.store.base import NotFoundError, SegmentUpdate

    seg = store.get_segment(segment_id)
    hit = False
    for flag in seg.flags:
        if flag.check == check and flag.message == message:
            flag.ignored, flag.reason, hit = ignored, reason.strip() if ignored else "", True
    if not hit:
        raise NotFoundError(f"Segment {segment_id} has no {check!r} flag with that message any more; "
                            "QA may have re-run — reload the page.")
    store.apply_updates([SegmentUpdate(segment_id=segment_id, flags=seg.flags)], user="editor")
    return store.get_segment(segment_id)


def export_document(store: Store, doc_id: str, fmt: str, path: Path) -> Path:
    """Write a stored document in one of :data:`workbench.formats.export.EXPORT_FORMATS`."""
    from workbench.formats.export import export_document as _export

    doc = store.get_document(doc_id)
    return _export(doc, fmt, Path(path))
