"""OpenDocument text: spans, links, notes, lists, tables, headers; package rules kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from workbench.formats import FormatError, read_bytes, read_document, write_document

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS} office:version="1.3">
<office:automatic-styles><style:style style:name="T1" style:family="text">
<style:text-properties fo:font-weight="bold" fo:language="ru" fo:country="RU"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">Решение в интересах страны</text:h>
<text:p>Казахстан присоединился к <text:span text:style-name="T1">Авраамским соглашениям</text:span>.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Источник: МИД.</text:p></text:note-body></text:note> См. <text:a xlink:href="https://example.kz">сайт</text:a>.</text:p>
<text:list><text:list-item><text:p>Первый  пункт</text:p></text:list-item></text:list>
<table:table table:name="T"><table:table-row><table:table-cell><text:p>Ячейка</text:p></table:table-cell></table:table-row></table:table>
<text:p/>
</office:text></office:body></office:document-content>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>Колонтитул</text:p></style:header></style:master-page></office:master-styles>
</office:document-styles>"""


def _odt(content: str = CONTENT) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", STYLES)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return buf.getvalue()


def test_reads_structure() -> None:
    doc = read_bytes(_odt(), "a.odt")
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("heading", "Решение в интересах страны"),
        ("text", "Казахстан присоединился к <g1>Авраамским соглашениям</g1>.<x2/> См. <a3>сайт</a3>."),
        ("footnote", "Источник: МИД."),
        ("list-item", "Первый  пункт"),
        ("table-cell", "Ячейка"),
        ("header", "Колонтитул"),
    ]


def test_translation_written_into_package(tmp_path: Path) -> None:
    doc = read_bytes(_odt(), "a.odt")
    targets = {
        # the footnote placeholder between the sentences stays between them
        "Казахстан присоединился к <g1>Авраамским соглашениям</g1>.": "Kazakhstan joined the <g1>Abraham Accords</g1>.",
        "См. <a3>сайт</a3>.": "See the <a3>website</a3>.",
        "Источник: МИД.": "Source: the ministry.",
        "Первый  пункт": "First  item",
    }
    for seg in doc.segments():
        seg.target = targets.get(seg.source, "EN " + seg.source)
    out = write_document(doc, tmp_path / "a.en.odt")
    with zipfile.ZipFile(out) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        content = zf.read("content.xml").decode()
        styles = zf.read("styles.xml").decode()
    assert '<text:span text:style-name="T1">Abraham Accords</text:span>' in content
    assert "<text:note-body><text:p>Source: the ministry.</text:p></text:note-body>" in content
    assert '<text:a xlink:href="https://example.kz">website</text:a>' in content
    assert "First<text:s/> item" in content  # two spaces: ODF collapses plain runs of spaces
    assert 'fo:language="en"' in content and "EN Колонтитул" in styles
    again = read_document(out)
    assert [p.kind for p in again.paragraphs] == [p.kind for p in doc.paragraphs]
    assert again.paragraphs[3].text == "First  item"


def test_untranslated_round_trip_keeps_text(tmp_path: Path) -> None:
    doc = read_bytes(_odt(), "a.odt")
    again = read_document(write_document(doc, tmp_path / "same.odt"))
    assert [p.text for p in again.paragraphs] == [p.text for p in doc.paragraphs]


def test_not_an_odt() -> None:
    with pytest.raises(FormatError, match=r"x\.odt: not an OpenDocument text"):
        read_bytes("текст".encode(), "x.odt")
