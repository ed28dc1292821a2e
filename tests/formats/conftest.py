"""Fixtures for format tests: small documents built programmatically."""

from __future__ import annotations

from pathlib import Path

import pytest


def add_hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx has no hyperlink API: build ``w:hyperlink`` with a relationship by hand."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


@pytest.fixture
def sample_docx(tmp_path: Path) -> Path:
    """Heading, formatted runs, a link, a list, a nested table, a header and a footer."""
    import docx

    d = docx.Document()
    d.add_heading("Решение в интересах страны", level=1)
    p = d.add_paragraph("Казахстан присоединился к ")
    p.add_run("Авраамским соглашениям").bold = True
    p.add_run(". Об этом сообщил МИД, см. ")
    add_hyperlink(p, "https://example.kz", "сайт")
    p.add_run(".")
    d.add_paragraph("первый пункт списка", style="List Bullet")
    d.add_paragraph("")  # empty paragraph: not a segment, still kept
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Страна"
    table.cell(0, 1).text = "Дата"
    table.cell(1, 0).text = "Казахстан"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Вложенная ячейка"
    run = d.add_paragraph().add_run("Курсив целиком.")
    run.italic = True
    section = d.sections[0]
    section.header.paragraphs[0].text = "Верхний колонтитул"
    section.footer.paragraphs[0].text = "Нижний колонтитул"
    path = tmp_path / "sample.docx"
    d.save(str(path))
    return path


@pytest.fixture
def footnote_docx(tmp_path: Path) -> Path:
    """A document with one footnote (python-docx cannot make footnotes: add the part by hand)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Источник: пресс-служба МИД.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    d = docx.Document()
    p = d.add_paragraph("Текст со сноской.")
    ref_run = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    ref_run.append(ref)
    p._p.append(ref_run)
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "notes.docx"
    d.save(str(path))
    return path
