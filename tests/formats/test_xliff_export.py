"""XLIFF round trips and the bilingual / spreadsheet exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench.document import Origin, Status
from workbench.formats import read_bytes, read_document, write_document
from workbench.formats.export import EXPORT_FORMATS, export_document

SOURCE = (
    "Заголовок статьи\n\n"
    "Первое предложение с <script>alert(1)</script> внутри. Второе предложение.\n\n"
    "=SUM(A1) начинается со знака равенства.\n\n"
    "Последний абзац без перевода.\n"
)
STATUSES = [Status.APPROVED, Status.DRAFT, Status.REVIEWED, Status.TRANSLATED, Status.NEW]


def _doc():
    doc = read_bytes(SOURCE.encode(), "article.txt")
    segs = list(doc.segments())
    assert len(segs) == 5
    for i, (seg, status) in enumerate(zip(segs, STATUSES, strict=True)):
        seg.status = status
        if status is not Status.NEW:
            seg.target = f"Target {i} <b>"
            seg.origin = Origin.MT if status is Status.DRAFT else Origin.HUMAN
        seg.note = f"note {i}\nsecond line" if i % 2 == 0 else ""
    return doc


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_xliff_round_trip_keeps_segments_statuses_and_notes(fmt: str, tmp_path: Path) -> None:
    doc = _doc()
    path = export_document(doc, fmt, tmp_path / f"a.{fmt}.xlf")
    back = read_document(path)
    assert back.format == "xliff"
    a, b = list(doc.segments()), list(back.segments())
    assert [(s.source, s.target, s.status, s.note, s.origin) for s in a] == [
        (s.source, s.target, s.status, s.note, s.origin) for s in b
    ]
    assert [len(p.segments) for p in back.paragraphs] == [len(p.segments) for p in doc.paragraphs if p.segments]
    assert [p.kind for p in back.paragraphs] == [p.kind for p in doc.paragraphs if p.segments]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_xliff_inline_tags_round_trip(fmt: str, tmp_path: Path) -> None:
    doc = read_bytes("# Заголовок **жирный** и [ссылка](http://x.ru)\n".encode(), "a.md")
    doc.paragraphs[0].segments[0].target = "<a2>Link</a2> and <b1>bold</b1> heading"
    back = read_document(export_document(doc, fmt, tmp_path / "t.xlf"))
    seg = next(back.segments())
    assert seg.source == "Заголовок <b1>жирный</b1> и <a2>ссылка</a2>"
    assert seg.target == "<a2>Link</a2> and <b1>bold</b1> heading"


def test_imported_xliff_written_in_place(tmp_path: Path) -> None:
    original = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui.properties" source-language="ru" target-language="en" datatype="plaintext">
  <header><tool tool-id="other" tool-name="Other CAT"/></header>
  <body>
   <trans-unit id="greeting" resname="hello"><source>Привет, <g id="7">мир</g>!</source><note>UI text</note></trans-unit>
   <trans-unit id="bye"><source>Пока.</source><target state="final">Bye.</target></trans-unit>
  </body>
 </file>
</xliff>""".encode()
    doc = read_bytes(original, "ui.xlf")
    first, second = list(doc.segments())
    assert first.source == "Привет, <g7>мир</g7>!" and first.note == "UI text" and first.status is Status.NEW
    assert second.target == "Bye." and second.status is Status.APPROVED
    first.target, first.status = "Hello, <g7>world</g7>!", Status.TRANSLATED
    out = write_document(doc, tmp_path / "ui.en.xlf").read_text("utf-8")
    assert 'tool-name="Other CAT"' in out and 'resname="hello"' in out
    assert '<target state="translated">Hello, <g id="7">world</g>!</target>' in out
    again = read_document(tmp_path / "ui.en.xlf")
    assert [s.target for s in again.segments()] == ["Hello, <g7>world</g7>!", "Bye."]


def test_csv_and_tsv_have_all_columns(tmp_path: Path) -> None:
    doc = _doc()
    for fmt, delim in (("csv", ","), ("tsv", "\t")):
        data = export_document(doc, fmt, tmp_path / f"a.{fmt}").read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=delim))
        assert rows[0] == ["id", "paragraph", "source", "target", "status", "origin", "note"]
        assert len(rows) == 6
        assert rows[1][2] == "Заголовок статьи" and rows[1][4] == "approved" and rows[1][6].startswith("note 0")
    bare = export_document(doc, "csv", tmp_path / "b.csv", with_status=False, with_notes=False)
    assert bare.read_text("utf-8-sig").splitlines()[0] == "id,paragraph,source,target"


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(export_document(_doc(), "xlsx", tmp_path / "a.xlsx")).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:4] == ["id", "paragraph", "source", "target"]
    formula_row = next(r for r in values if str(r[2]).startswith("=SUM"))
    cell = next(c for row in ws.iter_rows() for c in row if c.value == formula_row[2])
    assert cell.data_type == "s"


def test_bilingual_html_escapes_everything(tmp_path: Path) -> None:
    html = export_document(_doc(), "bilingual-html", tmp_path / "a.html").read_text("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Target 0 &lt;b&gt;" in html
    assert "<style>" in html  # self-contained: inline CSS, nothing loaded from elsewhere
    assert "<link" not in html and "src=" not in html


def test_bilingual_docx_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document(str(export_document(_doc(), "bilingual-docx", tmp_path / "a.docx")))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["#", "Source (ru)", "Target (en)", "Status", "Comment"]
    assert len(table.rows) == 6
    assert table.rows[2].cells[1].text.startswith("Первое предложение с <script>")
    assert table.rows[1].cells[3].text == "approved"
    slim = docx.Document(str(export_document(_doc(), "bilingual-docx", tmp_path / "b.docx",
                                             with_status=False, with_notes=False)))
    assert len(slim.tables[0].columns) == 3


def test_target_export_equals_write_document(tmp_path: Path) -> None:
    doc = _doc()
    a = export_document(doc, "target", tmp_path / "a.txt").read_bytes()
    b = write_document(doc, tmp_path / "b.txt").read_bytes()
    assert a == b and b"Target 0 <b>" in a


def test_every_export_format_is_handled(tmp_path: Path) -> None:
    pytest.importorskip("workbench.formats.tmx")
    doc = _doc()
    for fmt in EXPORT_FORMATS:
        out = export_document(doc, fmt, tmp_path / f"x-{fmt}.out")
        assert out.stat().st_size > 0


def test_tmx_holds_only_approved_segments(tmp_path: Path) -> None:
    from workbench.formats.tmx import read_tmx

    doc = _doc()
    pairs = read_tmx(export_document(doc, "tmx", tmp_path / "a.tmx"))
    approved = [s for s in doc.segments() if s.status is Status.APPROVED]
    assert [(p.source, p.target) for p in pairs] == [(s.source, s.target) for s in approved]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_tag_numbers_survive_when_a_sentence_holds_later_tags(fmt: str, tmp_path: Path) -> None:
    doc = read_bytes("Первое **предложение**. Второе [со ссылкой](http://x.ru) и `кодом`.\n".encode(), "a.md")
    sources = [s.source for s in doc.segments()]
    assert sources == ["Первое <b1>предложение</b1>.", "Второе <a2>со ссылкой</a2> и <x3/>."]
    back = read_document(export_document(doc, fmt, tmp_path / "t.xlf"))
    assert [s.source for s in back.segments()] == sources


def test_utf16_xliff_is_read_and_written_as_utf8(tmp_path: Path) -> None:
    doc = read_bytes("Один. Два.\n".encode(), "a.txt")
    xml = export_document(doc, "xliff", tmp_path / "a.xlf").read_text("utf-8")
    utf16 = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    back = read_bytes(utf16, "u16.xlf")
    assert [s.source for s in back.segments()] == ["Один.", "Два."]
    next(back.segments()).target = "One."
    out = write_document(back, tmp_path / "u16.en.xlf")
    assert [s.target for s in read_document(out).segments()] == ["One.", ""]


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_exports_are_readable_by_translate_toolkit(fmt: str, tmp_path: Path) -> None:
    """Interoperability check with an independent XLIFF implementation."""
    from translate.storage import xliff, xliff2

    doc = _doc()
    data = export_document(doc, fmt, tmp_path / "a.xlf").read_bytes()
    store = (xliff.xlifffile if fmt == "xliff" else xliff2.Xliff2File).parsestring(data)
    units = [u for u in store.units if not u.isheader()]
    segs = list(doc.segments())
    assert [u.source for u in units] == [s.source for s in segs]
    assert [u.target or "" for u in units] == [s.target for s in segs]
    # translate-toolkit counts XLIFF 2.0 "reviewed" as approved too.
    approved = {Status.APPROVED} if fmt == "xliff" else {Status.APPROVED, Status.REVIEWED}
    assert [u.isapproved() for u in units] == [s.status in approved for s in segs]
