"""Word documents: runs become tags, the translated file keeps its structure and styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats import FormatError, read_bytes, read_document, write_document
from workbench.formats.inline import TAG_RE


def _structure(path: Path) -> list[tuple]:
    """Paragraph/table/style structure of a .docx (what must survive translation)."""
    import docx

    d = docx.Document(str(path))

    def block(container) -> list[tuple]:
        out: list[tuple] = []
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                out.append(("table", item.style.name if item.style else None,
                            [[tuple(block(c)) for c in r.cells] for r in item.rows]))
            else:
                out.append(("p", item.style.name, item.paragraph_format.alignment))
        return out

    sec = d.sections[0]
    return [*block(d), ("header", tuple(block(sec.header))), ("footer", tuple(block(sec.footer)))]


def test_reads_paragraph_kinds_and_tags(sample_docx: Path) -> None:
    doc = read_document(sample_docx)
    texts = [(p.kind, p.text) for p in doc.paragraphs]
    assert texts[0] == ("heading", "Решение в интересах страны")
    assert texts[1] == (
        "text",
        "Казахстан присоединился к <b1>Авраамским соглашениям</b1>. Об этом сообщил МИД, см. <a2>сайт</a2>.",
    )
    assert ("list-item", "первый пункт списка") in texts
    cells = [t for k, t in texts if k == "table-cell"]
    assert cells == ["Страна", "Дата", "Казахстан", "Вложенная ячейка"]
    assert ("text", "Курсив целиком.") in texts  # uniform formatting → no tags
    assert ("header", "Верхний колонтитул") in texts and ("footer", "Нижний колонтитул") in texts
    assert len(doc.paragraphs[1].segments) == 2


def test_untranslated_write_keeps_text_and_structure(sample_docx: Path, tmp_path: Path) -> None:
    doc = read_document(sample_docx)
    out = write_document(doc, tmp_path / "same.docx")
    assert _structure(out) == _structure(sample_docx)
    assert [p.text for p in read_document(out).paragraphs] == [p.text for p in doc.paragraphs]


def test_translated_docx_keeps_structure_bold_and_links(sample_docx: Path, tmp_path: Path) -> None:
    import docx

    doc = read_document(sample_docx)
    for seg in doc.segments():
        # keep every tag in place, translate the words
        seg.target = TAG_RE.sub(lambda m: m.group(0), "EN " + seg.source)
    para = doc.paragraphs[1]
    para.segments[0].target = "Kazakhstan joined the <b1>Abraham Accords</b1>."
    para.segments[1].target = "The ministry said so, see the <a2>website</a2>."
    out = write_document(doc, tmp_path / "en.docx")
    assert _structure(out) == _structure(sample_docx)

    d = docx.Document(str(out))
    body = d.paragraphs[1]
    assert body.text == "Kazakhstan joined the Abraham Accords. The ministry said so, see the website."
    bold = [r.text for r in body.runs if r.bold]
    assert bold == ["Abraham Accords"]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    links = body._p.findall(f".//{w}hyperlink")
    assert len(links) == 1 and "".join(t.text for t in links[0].iter(f"{w}t")) == "website"
    assert d.paragraphs[0].style.name == "Heading 1"
    assert d.paragraphs[0].text == "EN Решение в интересах страны"
    assert d.tables[0].cell(1, 1).tables[0].cell(0, 0).text == "EN Вложенная ячейка"
    assert d.sections[0].header.paragraphs[0].text == "EN Верхний колонтитул"
    italic = [p for p in d.paragraphs if p.text == "EN Курсив целиком."]
    assert italic and all(r.italic for r in italic[0].runs)
    # Re-reading the translation gives the same paragraph layout.
    again = read_document(out)
    assert [p.kind for p in again.paragraphs] == [p.kind for p in doc.paragraphs]


def test_lost_tags_still_write(sample_docx: Path, tmp_path: Path) -> None:
    import docx

    doc = read_document(sample_docx)
    doc.paragraphs[1].segments[0].target = "Kazakhstan joined <b1>the accords."
    out = write_document(doc, tmp_path / "lost.docx")
    assert docx.Document(str(out)).paragraphs[1].text.startswith("Kazakhstan joined the accords.")


def test_segment_ids_stable(sample_docx: Path) -> None:
    a = [s.id for s in read_document(sample_docx).segments()]
    assert a == [s.id for s in read_bytes(sample_docx.read_bytes(), "other-name.docx").segments()]


def test_renamed_text_is_not_a_word_document(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("Просто текст, а не документ Word.", encoding="utf-8")
    with pytest.raises(FormatError, match=r"fake\.docx.*not a Word document"):
        read_document(fake)


def test_footnotes_are_translated(footnote_docx: Path, tmp_path: Path) -> None:
    import zipfile

    doc = read_document(footnote_docx)
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("text", "Текст со сноской."),  # the trailing reference mark stays outside the text
        ("footnote", "Источник: пресс-служба МИД."),
    ]
    for seg in doc.segments():
        seg.target = {"Текст со сноской.": "Text with a footnote."}.get(seg.source, "Source: the ministry.")
    out = write_document(doc, tmp_path / "notes.en.docx")
    with zipfile.ZipFile(out) as zf:
        notes = zf.read("word/footnotes.xml").decode()
        body = zf.read("word/document.xml").decode()
    assert "Source: the ministry." in notes and "пресс-служба" not in notes
    assert "w:footnoteRef" in notes and 'w:type="separator"' in notes
    assert "Text with a footnote." in body and 'w:footnoteReference w:id="1"' in body
    assert [p.text for p in read_document(out).paragraphs][1] == "Source: the ministry."


def _field_runs(paragraph, instr: str, result: str) -> None:
    """Append a complex field (begin, code, separate, result, end) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child_tag: str, **attrs: str):
        r = OxmlElement("w:r")
        c = OxmlElement(child_tag)
        for k, v in attrs.items():
            c.set(qn(k), v)
        r.append(c)
        paragraph._p.append(r)
        return c

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText").text = instr
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    run_with("w:t").text = result
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def test_fields_cannot_be_broken_by_translation(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph("Страница ")
    _field_runs(p, " PAGE ", "3")
    p.add_run(", см. ")
    _field_runs(p, ' HYPERLINK "https://example.kz" ', "сайт министерства")
    p.add_run(" для деталей.")
    src = tmp_path / "fields.docx"
    d.save(str(src))

    doc = read_document(src)
    (para,) = doc.paragraphs
    # PAGE is one opaque placeholder; the link's display text stays translatable.
    assert para.text == "Страница <x1/>, см. <x2/><x3/>сайт министерства<x4/> для деталей."
    # An MT output that drops placeholders must still give a valid field structure.
    para.segments[0].target = "Page <x1/>, see the ministry website for details."
    out = write_document(doc, tmp_path / "fields.en.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(str(out)).paragraphs[0]._p
    chars = [fc.get(f"{w}fldCharType") for fc in body.iter(f"{w}fldChar")]
    assert chars == ["begin", "separate", "end", "begin", "separate", "end"]
    assert [t.text for t in body.iter(f"{w}instrText")] == [" PAGE ", ' HYPERLINK "https://example.kz" ']


def test_differently_formatted_spaces_make_no_tags(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph("Слово")
    p.add_run(" ").bold = True
    p.add_run("жирное").bold = True
    p.add_run(" и ")
    p.add_run("курсив").italic = True
    p.add_run(" конец.")
    d.save(str(tmp_path / "w.docx"))
    assert read_document(tmp_path / "w.docx").paragraphs[0].text == "Слово <b1>жирное</b1> и <i2>курсив</i2> конец."


def test_word_noise_is_not_in_the_text(tmp_path: Path) -> None:
    """Spell-check marks, language tags and Word's _GoBack bookmark never become tags."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph("Первая половина")
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), "_GoBack")
    err = OxmlElement("w:proofErr")
    err.set(qn("w:type"), "spellStart")
    p._p.append(start)
    p._p.append(err)
    run = p.add_run(" вторая половина.")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ru-RU")
    run._r.get_or_add_rPr().append(lang)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    p._p.append(end)
    d.save(str(tmp_path / "noise.docx"))
    assert read_document(tmp_path / "noise.docx").paragraphs[0].text == "Первая половина вторая половина."
