"""HTML pages: block text translated, markup/attributes kept, scripts and code untouched."""

from __future__ import annotations

from pathlib import Path

from workbench.formats import read_bytes, write_document

PAGE = """<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><title>Новости дня</title>
<meta name="description" content="Краткое описание">
<style>p { color: red; }</style>
<script>var s = "Не переводить";</script></head>
<body>
  <h1 class="title">Решение в интересах страны</h1>
  <p id="lead">Казахстан присоединился к <b>Авраамским соглашениям</b>, сообщает
     <a href="https://lada.kz" title="источник">Lada.kz</a>.<br>Вторая строка.</p>
  <div>Текст прямо в div <p>и абзац внутри</p> и хвост.</div>
  <ul><li>Пункт один</li><li>Пункт <code>x = 1</code> два</li></ul>
  <pre>Код не трогать</pre>
  <p translate="no">Название бренда</p>
  <table><tr><td>Ячейка</td></tr></table>
</body>
</html>
"""


def _doc():
    return read_bytes(PAGE.encode("utf-8"), "page.html")


def test_reads_block_text_only() -> None:
    doc = _doc()
    texts = [(p.kind, p.text) for p in doc.paragraphs]
    assert texts == [
        ("title", "Новости дня"),
        ("heading", "Решение в интересах страны"),
        ("text", "Казахстан присоединился к <b1>Авраамским соглашениям</b1>, сообщает <a2>Lada.kz</a2>.<x3/>Вторая строка."),
        ("text", "Текст прямо в div"),
        ("text", "и абзац внутри"),
        ("text", "и хвост."),
        ("list-item", "Пункт один"),
        ("list-item", "Пункт <x1/> два"),
        ("table-cell", "Ячейка"),
        ("attribute", "Краткое описание"),
        ("attribute", "источник"),
    ]


def test_translated_page_keeps_markup(tmp_path: Path) -> None:
    import lxml.html

    doc = _doc()
    for seg in doc.segments():
        seg.target = "EN " + seg.source
    lead = doc.paragraphs[2]
    (seg,) = lead.segments
    seg.target = "Kazakhstan joined the <b1>Abraham Accords</b1>, reports <a2>Lada.kz</a2>.<x3/>Second line."
    out = write_document(doc, tmp_path / "page.en.html").read_text("utf-8")
    root = lxml.html.fromstring(out)
    assert root.get("lang") == "en"
    assert root.findtext(".//title") == "EN Новости дня"
    p = root.get_element_by_id("lead")
    assert p.find("b").text == "Abraham Accords"
    a = p.find("a")
    assert a.text == "Lada.kz" and a.get("href") == "https://lada.kz" and a.get("title") == "EN источник"
    assert root.find(".//meta[@name='description']").get("content") == "EN Краткое описание"
    assert p.find("br") is not None and p.find("br").tail == "Second line."
    assert root.find(".//h1").get("class") == "title"
    assert 'var s = "Не переводить";' in out and "Код не трогать" in out and "Название бренда" in out
    assert root.find(".//li/code").text == "x = 1"
    assert "EN Пункт " in out and "EN Ячейка" in out
    div = root.find(".//div")
    assert div.text.strip() == "EN Текст прямо в div" and div.find("p").tail.strip() == "EN и хвост."
    # Reading the translation again gives the same paragraph structure.
    again = read_bytes(out.encode(), "again.html")
    assert [p.kind for p in again.paragraphs] == [p.kind for p in doc.paragraphs]


def test_fragment_stays_fragment(tmp_path: Path) -> None:
    doc = read_bytes("<p>Привет, <i>мир</i>!</p>\n<p>Пока.</p>".encode(), "frag.html")
    doc.paragraphs[0].segments[0].target = "Hello, <i1>world</i1>!"
    out = write_document(doc, tmp_path / "frag.en.html").read_text("utf-8")
    assert out.startswith("<p>Hello, <i>world</i>!</p>") and "<html" not in out
    assert "<p>Пока.</p>" in out


def test_cp1251_page_with_meta_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Ёлка</p></body></html>'
    doc = read_bytes(page.encode("cp1251"), "old.html")
    assert doc.paragraphs[0].text == "Ёлка"
    out = write_document(doc, tmp_path / "old.en.html").read_bytes()
    assert 'charset="utf-8"' in out.decode("utf-8") and "Ёлка" in out.decode("utf-8")


def test_comments_inside_text_are_kept(tmp_path: Path) -> None:
    doc = read_bytes("<p>Один <!-- заметка --> два.</p><!-- вне --><p>Три.</p>".encode(), "c.html")
    assert [p.text for p in doc.paragraphs] == ["Один <x1/> два.", "Три."]
    doc.paragraphs[0].segments[0].target = "One <x1/> two."
    out = write_document(doc, tmp_path / "c.en.html").read_text("utf-8")
    assert "<p>One <!-- заметка --> two.</p>" in out and "<!-- вне -->" in out


def test_alt_of_inline_image_is_translated(tmp_path: Path) -> None:
    doc = read_bytes('<p>Фото <img src="a.png" alt="Портрет министра"> и подпись.</p>'.encode(), "i.html")
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("text", "Фото <x1/> и подпись."), ("attribute", "Портрет министра"),
    ]
    doc.paragraphs[0].segments[0].target = "Photo <x1/> with caption."
    doc.paragraphs[1].segments[0].target = "Portrait of the minister"
    out = write_document(doc, tmp_path / "i.en.html").read_text("utf-8")
    assert '<p>Photo <img src="a.png" alt="Portrait of the minister"> with caption.</p>' in out
