"""Documents of every format survive the store's JSON round trip and still write correctly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.document import Document
from workbench.formats import read_bytes, read_document, write_document
from workbench.formats.export import export_document

SAMPLES = {
    "a.txt": "Заголовок\n\nПервый абзац. Второе предложение.\n",
    "a.md": "# Заголовок **жирный**\n\n- пункт [ссылка](http://x.ru)\n",
    "a.html": '<html lang="ru"><body><h1>Заголовок</h1><p>Текст <b>жирный</b> <img alt="фото" src="x"></p></body></html>',
    "a.srt": "1\n00:00:01,000 --> 00:00:02,000\nСубтитр.\n",
}


def _via_json(doc: Document) -> Document:
    return Document.from_dict(json.loads(json.dumps(doc.to_dict())))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_text_formats_survive_json(name: str, tmp_path: Path) -> None:
    doc = read_bytes(SAMPLES[name].encode(), name)
    for seg in doc.segments():
        seg.target = "T " + seg.source
    direct = write_document(doc, tmp_path / f"direct-{name}").read_bytes()
    stored = write_document(_via_json(doc), tmp_path / f"stored-{name}").read_bytes()
    assert direct == stored and b"T " in stored


def test_docx_and_xliff_survive_json(sample_docx: Path, tmp_path: Path) -> None:
    import docx

    doc = read_document(sample_docx)
    for seg in doc.segments():
        seg.target = "T " + seg.source
    out = write_document(_via_json(doc), tmp_path / "stored.docx")
    assert docx.Document(str(out)).paragraphs[0].text == "T Решение в интересах страны"
    xlf = read_document(export_document(doc, "xliff", tmp_path / "a.xlf"))
    again = write_document(_via_json(xlf), tmp_path / "again.xlf")
    assert [s.target for s in read_document(again).segments()] == [s.target for s in doc.segments()]
