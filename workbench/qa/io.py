"""Bilingual inputs for QA outside the store: a TSV/CSV with source and target columns, an XLIFF
file, or a source text with a line-aligned target text.

Each is turned into an ordinary :class:`~workbench.document.Document` (one paragraph per row or
line) so the same runner checks files and stored documents.  Each paragraph's skeleton keeps the
1-based line/row number so reports can point at the place in the user's file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.document import Document, Paragraph, Segment, Status, segment_id
from workbench.errors import WorkbenchError
from workbench.evaluate.io import read_text, split_lines


class QaInputError(WorkbenchError):
    """A QA input file that cannot be read as a bilingual document."""


_SOURCE_NAMES = {"source", "src", "ru", "russian", "source text", "original"}
_TARGET_NAMES = {"target", "tgt", "en", "english", "target text", "translation"}
TABLE_SUFFIXES = {".tsv": "\t", ".tab": "\t", ".csv": ","}
XLIFF_SUFFIXES = {".xlf", ".xliff"}


def _segment(doc_id: str, index: int, line: int, source: str, target: str, status: Status | None) -> Paragraph:
    seg = Segment(id=segment_id(doc_id, index, 0), paragraph=index, index=0, source=source, end=len(source),
                  target=target, status=status or (Status.TRANSLATED if target.strip() else Status.NEW))
    return Paragraph(index=index, text=source, segments=[seg], skeleton={"line": line})


def read_table(path: Path) -> Document:
    """A TSV/CSV file: a header naming the source and target columns (``source,target`` or
    ``ru,en``...; an optional ``status`` column), or no header and the first two columns."""
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=TABLE_SUFFIXES[path.suffix.lower()]))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise QaInputError(f"{path} has no rows.")
    header = [c.strip().lower() for c in rows[0]]
    src_col = next((i for i, c in enumerate(header) if c in _SOURCE_NAMES), None)
    tgt_col = next((i for i, c in enumerate(header) if c in _TARGET_NAMES), None)
    status_col = header.index("status") if "status" in header else None
    first_line = 2
    if src_col is None or tgt_col is None:
        if len(rows[0]) < 2:
            raise QaInputError(
                f"{path}: expected two columns (source and target) or a header naming them "
                "(e.g. 'source,target'); found one column. For TSV use a .tsv extension."
            )
        src_col, tgt_col, status_col, first_line = 0, 1, None, 1
    else:
        rows = rows[1:]
    doc_id = path.stem
    doc = Document(id=doc_id, name=path.name, format="table")
    for i, row in enumerate(rows):
        source = row[src_col] if src_col < len(row) else ""
        target = row[tgt_col] if tgt_col < len(row) else ""
        status = None
        if status_col is not None and status_col < len(row) and row[status_col].strip():
            try:
                status = Status(row[status_col].strip().lower())
            except ValueError:
                raise QaInputError(
                    f"{path}, row {i + first_line}: unknown status {row[status_col]!r}; use one of "
                    f"{', '.join(s.value for s in Status)}."
                ) from None
        doc.paragraphs.append(_segment(doc_id, i, i + first_line, source, target, status))
    return doc


def read_aligned(source_path: Path, target_path: Path) -> Document:
    """A source text and its translation, one segment per line; lines blank on both sides are skipped."""
    sources = split_lines(read_text(source_path))
    targets = split_lines(read_text(target_path))
    # Tolerate trailing blank lines on either side (an editor's final newline), nothing else.
    for longer, shorter in ((sources, targets), (targets, sources)):
        while len(longer) > len(shorter) and not longer[-1].strip():
            longer.pop()
    if len(sources) != len(targets):
        raise QaInputError(
            f"{source_path} has {len(sources)} lines but {target_path} has {len(targets)}; "
            "the target must be line-aligned with the source."
        )
    doc = Document(id=source_path.stem, name=source_path.name, format="aligned")
    for n, (src, tgt) in enumerate(zip(sources, targets, strict=True), 1):
        if not src.strip() and not tgt.strip():
            continue
        doc.paragraphs.append(_segment(doc.id, len(doc.paragraphs), n, src, tgt, None))
    return doc


def read_xliff(path: Path) -> Document:
    """An XLIFF file through the formats package (targets and states included)."""
    try:
        from workbench.formats import read_document
    except ImportError as exc:  # pragma: no cover - formats package is part of the product
        raise QaInputError(f"XLIFF support is not available ({exc}).") from None
    try:
        return read_document(path)
    except ImportError as exc:
        raise QaInputError(f"XLIFF support is not available in this installation ({exc}).") from None


def load_bilingual(path: str | Path, target: str | Path | None = None) -> Document:
    """The document to check for a file given on the command line (see the module docstring)."""
    p = Path(path)
    if not p.is_file():
        raise QaInputError(f"{p}: no such file.")
    if target is not None:
        return read_aligned(p, Path(target))
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return read_table(p)
    if suffix in XLIFF_SUFFIXES:
        return read_xliff(p)
    raise QaInputError(
        f"{p} holds no translations: give a bilingual file (.tsv/.csv with source and target columns, "
        ".xlf/.xliff) or the translation with --target TARGET_FILE (one line per source line)."
    )


def segment_labels(doc: Document) -> dict[str, str]:
    """Segment id → ``line 12`` for file inputs, or the segment id itself for stored documents."""
    labels: dict[str, str] = {}
    for para in doc.paragraphs:
        line = para.skeleton.get("line") if isinstance(para.skeleton, dict) else None
        for seg in para.segments:
            labels[seg.id] = f"line {line}" if line and len(para.segments) == 1 else seg.id
    return labels
