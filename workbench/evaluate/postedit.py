"""Post-editing effort: how far editors had to move the machine draft to reach the final text.

For each segment that has both an untouched MT draft (``seg.mt``) and a final target:

* HTER-style TER: sacrebleu's TER with the draft as hypothesis and the final target as the
  reference (the edits a person actually made, rather than distance to an independent reference);
* character edit rate: Levenshtein distance (rapidfuzz) / length of the final target;
* words edited: word-level Levenshtein distance;
* unchanged: the draft was accepted as is.

Time per segment is optional.  The document model has no time field, so the editor is expected to
record seconds spent in ``doc.meta["segment_seconds"]`` as ``{segment_id: seconds}`` (summed over
visits); segments without an entry simply have no time.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from workbench.document import Document

TIME_KEY = "segment_seconds"


@dataclass
class SegmentEffort:
    segment_id: str
    source: str
    mt: str
    target: str
    char_distance: int
    char_edit_rate: float
    word_distance: int
    ter: float
    unchanged: bool
    seconds: float | None = None


@dataclass
class PostEditReport:
    """Per-document figures plus the per-segment list the Quality page charts."""

    document_id: str
    segments: list[SegmentEffort] = field(default_factory=list)
    skipped: int = 0  # segments without an MT draft or without a final target
    hter: float | None = None  # corpus TER, in percent like sacrebleu
    char_edit_rate: float | None = None  # total character edits / total final characters
    unchanged_share: float | None = None
    words_edited: int = 0
    words_total: int = 0  # words in the final targets
    seconds_total: float | None = None
    seconds_per_segment: float | None = None

    @property
    def edited(self) -> int:
        return sum(1 for s in self.segments if not s.unchanged)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["edited"] = self.edited
        return d


def _seconds(doc: Document) -> dict[str, float]:
    raw = doc.meta.get(TIME_KEY) or {}
    out: dict[str, float] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            try:
                out[str(key)] = float(value)
            except (TypeError, ValueError):
                continue
    return out


def postedit_report(doc: Document) -> PostEditReport:
    """Effort figures of ``doc`` (segments lacking a draft or a final target are skipped)."""
    from rapidfuzz.distance import Levenshtein
    from sacrebleu.metrics import TER

    report = PostEditReport(document_id=doc.id)
    times = _seconds(doc)
    ter = TER()
    drafts: list[str] = []
    finals: list[str] = []
    for seg in doc.segments():
        mt, final = seg.mt.strip(), seg.target.strip()
        if not mt or not final:
            report.skipped += 1
            continue
        chars = Levenshtein.distance(mt, final)
        words = Levenshtein.distance(mt.split(), final.split())
        report.segments.append(SegmentEffort(
            segment_id=seg.id, source=seg.source, mt=mt, target=final,
            char_distance=chars, char_edit_rate=chars / max(len(final), 1), word_distance=words,
            ter=float(ter.sentence_score(mt, [final]).score), unchanged=mt == final,
            seconds=times.get(seg.id),
        ))
        drafts.append(mt)
        finals.append(final)
    if not report.segments:
        return report
    report.hter = float(ter.corpus_score(drafts, [finals]).score)
    report.char_edit_rate = sum(s.char_distance for s in report.segments) / max(sum(len(f) for f in finals), 1)
    report.unchanged_share = sum(s.unchanged for s in report.segments) / len(report.segments)
    report.words_edited = sum(s.word_distance for s in report.segments)
    report.words_total = sum(len(f.split()) for f in finals)
    timed = [s.seconds for s in report.segments if s.seconds is not None]
    if timed:
        report.seconds_total = sum(timed)
        report.seconds_per_segment = report.seconds_total / len(timed)
    return report
