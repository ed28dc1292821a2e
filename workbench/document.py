"""Core document model shared by every module.

A :class:`Document` is an ordered list of :class:`Paragraph` objects, each holding the
:class:`Segment` objects (sentences) that editors translate.  Offsets are kept so that a format
writer can rebuild the original layout exactly: each paragraph remembers where its text sits in the
source file (``skeleton``) and each segment where it sits inside its paragraph
(``start``/``end``).  The inter-sentence whitespace is therefore never lost; a paragraph's
translation is rebuilt by :meth:`Paragraph.target_text`.

The model is deliberately plain dataclasses with ``to_dict``/``from_dict`` so the store, the CLI's
``--json`` output and the UI share one serialisation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Workflow status of a segment, ordered from untouched to signed off."""

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"


class Origin(StrEnum):
    """Where the current target text came from (MT draft, translation memory, a person...)."""

    MT = "mt"
    TM = "tm"
    HUMAN = "human"
    SOURCE_COPY = "source_copy"
    GLOSSARY = "glossary"


class TermStatus(StrEnum):
    """Per-segment outcome of glossary enforcement."""

    OK = "ok"  # the model produced the required term by itself
    ENFORCED = "enforced"  # n-best choice, prefix re-decode or repair put it there
    MISSING = "missing"  # the term is still absent: QA flags it


#: Statuses an editor sets: a segment in one of them (or with a human origin) is a person's work,
#: which machine steps (MT, TM prefill) must never overwrite.
EDITOR_STATUSES = frozenset({Status.TRANSLATED, Status.REVIEWED, Status.APPROVED})


def is_editor_work(origin: Origin | str | None, status: Status | str) -> bool:
    """True when a person has worked on the segment (the one rule the store and pipeline share)."""
    return origin == Origin.HUMAN or Status(status) in EDITOR_STATUSES


@dataclass
class TermHit:
    """A glossary term found in a segment's source, with its status in the target."""

    source: str  # the glossary entry's source term as written in the glossary
    target: str  # the required target term
    start: int  # character offsets into the segment source
    end: int
    text: str  # surface form in the source («Авраамским соглашениям»)
    status: TermStatus = TermStatus.MISSING
    method: str = ""  # how it was enforced: "nbest", "prefix", "repair", "" when not needed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermHit:
        data = dict(data)
        data["status"] = TermStatus(data.get("status", TermStatus.MISSING))
        return cls(**data)


@dataclass
class Flag:
    """A QA finding attached to a segment (or a document when ``segment_id`` is empty)."""

    check: str  # id of the QA check, e.g. "number-mismatch"
    severity: str  # "error" | "warning"
    message: str
    span: tuple[int, int] | None = None  # offsets into the target, when meaningful
    ignored: bool = False
    reason: str = ""  # why an editor ignored it

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span) if self.span else None
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        data = dict(data)
        if data.get("span") is not None:
            data["span"] = tuple(data["span"])
        return cls(**data)


@dataclass
class Segment:
    """One translatable unit (normally a sentence).

    ``mt`` keeps the untouched machine draft next to the editable ``target`` so post-editing
    effort can be measured later; ``version`` is the optimistic-locking counter of the store.
    """

    id: str
    paragraph: int
    index: int  # position of the sentence in its paragraph
    source: str
    start: int = 0  # offsets of ``source`` inside the paragraph text
    end: int = 0
    target: str = ""
    mt: str = ""
    status: Status = Status.NEW
    origin: Origin | None = None
    score: float | None = None
    alternatives: list[str] = field(default_factory=list)
    terms: list[TermHit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    note: str = ""
    version: int = 0

    @property
    def editor_work(self) -> bool:
        """A person translated or reviewed this segment: machine updates leave it alone."""
        return is_editor_work(self.origin, self.status)

    @property
    def translatable(self) -> bool:
        """Segments with no letters (numbers, bullets, URLs only) are copied, not translated."""
        return any(ch.isalpha() for ch in self.source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "paragraph": self.paragraph,
            "index": self.index,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "target": self.target,
            "mt": self.mt,
            "status": str(self.status),
            "origin": str(self.origin) if self.origin else None,
            "score": self.score,
            "alternatives": list(self.alternatives),
            "terms": [t.to_dict() for t in self.terms],
            "flags": [f.to_dict() for f in self.flags],
            "note": self.note,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        data = dict(data)
        data["status"] = Status(data.get("status", Status.NEW))
        data["origin"] = Origin(data["origin"]) if data.get("origin") else None
        data["terms"] = [TermHit.from_dict(t) for t in data.get("terms", [])]
        data["flags"] = [Flag.from_dict(f) for f in data.get("flags", [])]
        return cls(**data)


@dataclass
class Paragraph:
    """A block of the source document: heading, text paragraph, list item, table cell...

    ``text`` is the paragraph's translatable text (markup stripped by the format reader);
    ``skeleton`` is opaque data the format writer needs to put the translation back (offsets in
    the file, markdown prefix, docx run styles...).  Paragraphs of kind ``"blank"`` or with
    ``translatable=False`` (code blocks...) carry no segments and are copied verbatim.
    """

    index: int
    kind: str = "text"
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    skeleton: dict[str, Any] = field(default_factory=dict)

    def target_text(self, fallback_to_source: bool = True) -> str:
        """Rebuild the paragraph in the target language, keeping the source's inter-sentence
        whitespace (and any text between segments, e.g. list bullets) exactly."""
        if not self.segments:
            return self.text
        out: list[str] = []
        pos = 0
        for seg in self.segments:
            out.append(self.text[pos : seg.start])
            tgt = seg.target
            if not tgt and fallback_to_source:
                tgt = seg.source
            out.append(tgt)
            pos = seg.end
        out.append(self.text[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "text": self.text,
            "segments": [s.to_dict() for s in self.segments],
            "skeleton": self.skeleton,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        return cls(
            index=data["index"],
            kind=data.get("kind", "text"),
            text=data.get("text", ""),
            segments=[Segment.from_dict(s) for s in data.get("segments", [])],
            skeleton=dict(data.get("skeleton") or {}),
        )


@dataclass
class Document:
    """A source document split into paragraphs and segments, plus what is needed to write it back.

    ``format`` names the reader/writer (``"text"``, ``"markdown"``, ``"docx"``...); ``skeleton``
    holds document-level layout data (for text: the original file content, so blank lines and
    spacing are reproduced byte for byte).
    """

    id: str
    name: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    source_lang: str = "ru"
    target_lang: str = "en"
    format: str = "text"
    skeleton: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def segments(self) -> Iterator[Segment]:
        """All segments in reading order."""
        for para in self.paragraphs:
            yield from para.segments

    def segment(self, segment_id: str) -> Segment:
        for seg in self.segments():
            if seg.id == segment_id:
                return seg
        raise KeyError(segment_id)

    def progress(self) -> dict[str, int]:
        """Counts per status plus source word totals, for progress bars."""
        counts = {str(s): 0 for s in Status}
        words = approved_words = 0
        for seg in self.segments():
            counts[str(seg.status)] += 1
            n = len(seg.source.split())
            words += n
            if seg.status is Status.APPROVED:
                approved_words += n
        counts["total"] = sum(counts[str(s)] for s in Status)
        counts["words"] = words
        counts["approved_words"] = approved_words
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "format": self.format,
            "skeleton": self.skeleton,
            "meta": self.meta,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            name=data.get("name", data["id"]),
            paragraphs=[Paragraph.from_dict(p) for p in data.get("paragraphs", [])],
            source_lang=data.get("source_lang", "ru"),
            target_lang=data.get("target_lang", "en"),
            format=data.get("format", "text"),
            skeleton=dict(data.get("skeleton") or {}),
            meta=dict(data.get("meta") or {}),
        )


def segment_id(doc_id: str, paragraph: int, index: int) -> str:
    """Stable segment id: the same file imported again yields the same ids."""
    return f"{doc_id}:p{paragraph}:s{index}"


def content_id(content: str | bytes, prefix: str = "doc") -> str:
    """A short, stable id derived from content (used when a document has no id yet)."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    return f"{prefix}-{hashlib.sha256(content).hexdigest()[:12]}"


def build_paragraph(doc_id: str, index: int, text: str, kind: str = "text",
                    skeleton: dict[str, Any] | None = None, translatable: bool = True) -> Paragraph:
    """Split ``text`` into sentence segments with offsets and wrap them in a :class:`Paragraph`.

    Every format reader goes through this function so segmentation is identical for every format.
    """
    from workbench.segment import split_sentences  # local: keeps the import graph one-directional

    para = Paragraph(index=index, kind=kind, text=text, skeleton=dict(skeleton or {}))
    if not translatable or not text.strip():
        return para
    for i, sent in enumerate(split_sentences(text)):
        para.segments.append(
            Segment(
                id=segment_id(doc_id, index, i),
                paragraph=index,
                index=i,
                source=sent.text,
                start=sent.start,
                end=sent.end,
            )
        )
    return para
