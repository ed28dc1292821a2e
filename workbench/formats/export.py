"""Exports: bilingual review copies, exchange formats and the target in the source's format.

Reviewers want the source and the translation side by side (DOCX, HTML, spreadsheets); other
tools want XLIFF or TMX; the client wants the translated document itself.  Every exporter writes
through :func:`workbench.formats.safety.atomic_write`, so a failure never leaves a partial file.
Bilingual copies show plain text (inline tags removed) and escape everything: a ``<script>`` in a
source sentence is shown as text, a ``=`` at the start of a spreadsheet cell stays text.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.document import Document, Paragraph, Segment, Status
from workbench.formats.inline import strip_tags
from workbench.formats.safety import FormatError, atomic_write, atomic_write_bytes

EXPORT_FORMATS: tuple[str, ...] = (
    "target", "bilingual-docx", "bilingual-html", "csv", "tsv", "xlsx", "xliff", "xliff2", "tmx",
)

#: Characters XML 1.0 cannot hold (python-docx and openpyxl would refuse them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STATUS_LABEL = {
    Status.NEW: "new", Status.DRAFT: "draft", Status.TRANSLATED: "translated",
    Status.REVIEWED: "reviewed", Status.APPROVED: "approved",
}


def export_document(
    doc: Document, fmt: str, path: Path, *, with_status: bool = True, with_notes: bool = True
) -> Path:
    """Write ``doc`` as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path`` and return the path."""
    path = Path(path)
    if fmt == "target":
        from workbench.formats import write_document

        return write_document(doc, path)
    if fmt == "csv":
        return atomic_write_bytes(path, to_delimited(doc, ",", with_status, with_notes))
    if fmt == "tsv":
        return atomic_write_bytes(path, to_delimited(doc, "\t", with_status, with_notes))
    if fmt == "xlsx":
        return write_xlsx(doc, path, with_status=with_status, with_notes=with_notes)
    if fmt == "bilingual-html":
        return atomic_write_bytes(path, bilingual_html(doc, with_status, with_notes).encode("utf-8"))
    if fmt == "bilingual-docx":
        return write_bilingual_docx(doc, path, with_status=with_status, with_notes=with_notes)
    if fmt in ("xliff", "xliff2"):
        from workbench.formats.xliff import write_xliff

        return write_xliff(doc, path, version="2.0" if fmt == "xliff2" else "1.2")
    if fmt == "tmx":
        return write_approved_tmx(doc, path)
    raise FormatError(f"{path.name}: unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}.")


@dataclass(frozen=True)
class Row:
    """One segment as a bilingual table row (plain text, tags removed)."""

    id: str
    paragraph: int
    number: str  # "3.2": paragraph 3, sentence 2 (1-based), for humans
    kind: str
    source: str
    target: str
    status: str
    origin: str
    note: str


def rows(doc: Document) -> Iterator[Row]:
    """Segments in reading order with everything a bilingual copy shows."""
    for para in doc.paragraphs:
        for seg in para.segments:
            yield Row(
                id=seg.id,
                paragraph=para.index,
                number=f"{para.index + 1}.{seg.index + 1}",
                kind=para.kind,
                source=_clean(strip_tags(seg.source)),
                target=_clean(strip_tags(seg.target)),
                status=_STATUS_LABEL.get(seg.status, str(seg.status)),
                origin=str(seg.origin) if seg.origin else "",
                note=_clean(_comment(seg)),
            )


def _comment(seg: Segment) -> str:
    """The segment note plus open QA findings, one per line."""
    lines = [seg.note] if seg.note else []
    lines += [f"[{f.severity}] {f.message}" for f in seg.flags if not f.ignored]
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _columns(with_status: bool, with_notes: bool) -> list[str]:
    cols = ["id", "paragraph", "source", "target"]
    if with_status:
        cols += ["status", "origin"]
    if with_notes:
        cols.append("note")
    return cols


def to_delimited(doc: Document, delimiter: str, with_status: bool = True, with_notes: bool = True) -> bytes:
    """CSV/TSV with a header row, UTF-8 with BOM so spreadsheet programs detect the encoding."""
    buf = io.StringIO()
    cols = _columns(with_status, with_notes)
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(cols)
    for row in rows(doc):
        writer.writerow([getattr(row, c) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_xlsx(doc: Document, path: Path, *, with_status: bool = True, with_notes: bool = True) -> Path:
    """A spreadsheet with one row per segment; every cell is stored as text (no formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Translation"
    cols = _columns(with_status, with_notes)
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows(doc), start=2):
        for c, name in enumerate(cols, start=1):
            value = getattr(row, name)
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # a source starting with "=" must never become a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"id": 18, "paragraph": 10, "source": 60, "target": 60, "status": 12, "origin": 12, "note": 40}
    for c, name in enumerate(cols, start=1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = widths[name]
    ws.freeze_panes = "A2"
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;text-align:left;white-space:pre-wrap}
th{background:#f3f3f3;position:sticky;top:0}tr.p-odd td{background:#fafafa}
td.num{color:#888;font-size:.85em;white-space:nowrap}tr.heading td.text{font-weight:bold}
.st{font-size:.8em;padding:.1em .4em;border-radius:.3em;background:#eee}
.st-approved{background:#d4f4d4}.st-reviewed{background:#dbe9ff}.st-translated{background:#fff3c4}
.st-draft{background:#f4e1d4}.note{color:#a33;font-size:.9em}
"""


def bilingual_html(doc: Document, with_status: bool = True, with_notes: bool = True) -> str:
    """A self-contained review page (inline CSS, no scripts); every text is HTML-escaped."""
    e = html.escape
    head = ["<th>#</th>", f"<th>Source ({e(doc.source_lang)})</th>", f"<th>Target ({e(doc.target_lang)})</th>"]
    if with_status:
        head.append("<th>Status</th>")
    if with_notes:
        head.append("<th>Comment</th>")
    body: list[str] = []
    for row in rows(doc):
        parity = "p-odd" if row.paragraph % 2 else "p-even"
        kind = "heading" if row.kind == "heading" else "body"
        cells = [
            f'<td class="num">{e(row.number)}</td>',
            f'<td class="text" lang="{e(doc.source_lang)}">{e(row.source)}</td>',
            f'<td class="text" lang="{e(doc.target_lang)}">{e(row.target)}</td>',
        ]
        if with_status:
            cells.append(f'<td><span class="st st-{e(row.status)}">{e(row.status)}</span></td>')
        if with_notes:
            cells.append(f'<td class="note">{e(row.note)}</td>')
        body.append(f'<tr class="{parity} {kind}" id="{e(row.id, quote=True)}">{"".join(cells)}</tr>')
    progress = doc.progress()
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(doc.target_lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(doc.name)} — bilingual review</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(doc.name)}</h1>"
        f"<p>{progress['total']} segments, {progress['approved']} approved.</p>"
        f"<table><thead><tr>{''.join(head)}</tr></thead><tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></body></html>\n"
    )


def write_bilingual_docx(
    doc: Document, path: Path, *, with_status: bool = True, with_notes: bool = True
) -> Path:
    """A Word review copy: a table ``# | source | target [| status] [| comment]``, one row per segment."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    out = docx.Document()
    section = out.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    out.add_heading(_clean(doc.name), level=1)
    header = ["#", f"Source ({doc.source_lang})", f"Target ({doc.target_lang})"]
    if with_status:
        header.append("Status")
    if with_notes:
        header.append("Comment")
    table = out.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    widths = [Cm(1.5), Cm(10), Cm(10), Cm(2.2), Cm(4)][: len(header)]
    last_para: int | None = None
    for row in rows(doc):
        values = [row.number if row.paragraph != last_para else f"   .{row.number.split('.')[1]}",
                  row.source, row.target]
        last_para = row.paragraph
        if with_status:
            values.append(row.status)
        if with_notes:
            values.append(row.note)
        # Row.cells recomputes the whole table grid (quadratic on long documents): wrap the row's
        # own cells instead.
        cells = [_Cell(tc, table) for tc in table.add_row()._tr.tc_lst]
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.width = widths[i]
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(9 if i == 0 or i >= 3 else 10)
            if row.kind == "heading" and i in (1, 2):
                run.bold = True
    for cell, w in zip(table.rows[0].cells, widths, strict=True):
        cell.width = w
    with atomic_write(path) as tmp:
        out.save(str(tmp))
    return path


def approved_pairs(doc: Document) -> list[tuple[Segment, Paragraph]]:
    """Approved segments with a target (what goes into a TMX)."""
    return [
        (seg, para) for para in doc.paragraphs for seg in para.segments
        if seg.status is Status.APPROVED and seg.target.strip()
    ]


def write_approved_tmx(doc: Document, path: Path) -> Path:
    """TMX 1.4 of the approved segments (plain text, tags removed) via :mod:`workbench.formats.tmx`."""
    from workbench.formats.tmx import TranslationPair, write_tmx

    pairs = [
        TranslationPair(
            source=strip_tags(seg.source), target=strip_tags(seg.target), note=seg.note,
            props={"x-document": doc.name, "x-segment": seg.id},
        )
        for seg, _para in approved_pairs(doc)
    ]
    write_tmx(pairs, Path(path), source_lang=doc.source_lang, target_lang=doc.target_lang)
    return Path(path)
