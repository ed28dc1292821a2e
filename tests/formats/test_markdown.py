"""Markdown: block markup, code and front matter untouched; inline markup survives translation."""

from __future__ import annotations

from pathlib import Path

from workbench.formats import read_bytes, write_document

SOURCE = """---
title: Заметка
---

# Заголовок **важный**

Текст с *курсивом* и [ссылкой](https://example.ru "подсказка") и `код`
на двух строках.

> Цитата дня.

1. пункт один
- пункт два

| Столбец | Другой |
|---|---|
| ячейка | вторая ячейка |

    отступ кода

```python
print("привет")
```

<div>html блок</div>
"""


def _read():
    return read_bytes(SOURCE.encode(), "note.md")


def test_structure_and_inline_tags() -> None:
    doc = _read()
    kinds = [(p.kind, p.text) for p in doc.paragraphs]
    assert kinds == [
        ("heading", "Заголовок <b1>важный</b1>"),
        ("text", "Текст с <i1>курсивом</i1> и <a2>ссылкой</a2> и <x3/> на двух строках."),
        ("blockquote", "Цитата дня."),
        ("list-item", "пункт один"),
        ("list-item", "пункт два"),
        ("table-cell", "Столбец"),
        ("table-cell", "Другой"),
        ("table-cell", "ячейка"),
        ("table-cell", "вторая ячейка"),
    ]
    assert not any("print" in p.text or "title" in p.text or "отступ" in p.text for p in doc.paragraphs)


def test_untranslated_round_trip_is_exact(tmp_path: Path) -> None:
    out = write_document(_read(), tmp_path / "same.md")
    assert out.read_text("utf-8") == SOURCE


def test_translation_keeps_markup(tmp_path: Path) -> None:
    doc = _read()
    targets = {
        "Заголовок <b1>важный</b1>": "An <b1>important</b1> heading",
        "Текст с <i1>курсивом</i1> и <a2>ссылкой</a2> и <x3/> на двух строках.":
            "Text with <i1>italics</i1>, a <a2>link</a2> and <x3/> on two_lines*.",
        "Цитата дня.": "Quote of the day.",
        "пункт один": "item one",
        "ячейка": "a | cell",
    }
    for seg in doc.segments():
        seg.target = targets.get(seg.source, "")
    out = write_document(doc, tmp_path / "en.md").read_text("utf-8")
    assert "# An **important** heading\n" in out
    assert 'Text with *italics*, a [link](https://example.ru "подсказка") and `код` on two\\_lines\\*.\n' in out
    assert "> Quote of the day.\n" in out
    assert "1. item one\n- пункт два\n" in out
    assert "| a \\| cell | вторая ячейка |" in out
    for untouched in ("---\ntitle: Заметка\n---\n", "    отступ кода\n", 'print("привет")', "<div>html блок</div>"):
        assert untouched in out
    # The translated file parses back to the same block structure.
    again = read_bytes(out.encode(), "en.md")
    assert [p.kind for p in again.paragraphs] == [p.kind for p in doc.paragraphs]


def test_lost_tag_does_not_break_writing(tmp_path: Path) -> None:
    doc = _read()
    doc.paragraphs[0].segments[0].target = "Heading <b1>without close"
    out = write_document(doc, tmp_path / "x.md").read_text("utf-8")
    assert "# Heading without close\n" in out


def test_translation_cannot_change_block_type_or_inject_html(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    doc = read_bytes("Абзац один.\n\nАбзац два.\n".encode(), "b.md")
    first, second = doc.segments()
    first.target = "1. First point & <script>alert(1)</script>"
    second.target = "# not a heading"
    out = write_document(doc, tmp_path / "b.en.md").read_text("utf-8")
    html = MarkdownIt("commonmark").render(out)
    assert html == (
        "<p>1. First point &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p># not a heading</p>\n"
    )
