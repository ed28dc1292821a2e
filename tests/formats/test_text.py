"""Plain-text reader/writer: layout kept byte for byte, headings, encodings, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats import read_bytes, read_document, write_document


def _translate_all(doc, fn=lambda s: f"EN[{s}]"):
    for seg in doc.segments():
        seg.target = fn(seg.source)


def test_seed_article_round_trips_byte_for_byte(seed_article: Path, tmp_path: Path) -> None:
    doc = read_document(seed_article)
    out = write_document(doc, tmp_path / "out.txt")
    assert out.read_bytes() == seed_article.read_bytes()


def test_seed_article_headings_and_paragraphs(seed_article: Path) -> None:
    doc = read_document(seed_article)
    lines = [ln.strip() for ln in seed_article.read_text("utf-8").splitlines() if ln.strip()]
    assert len(doc.paragraphs) == len(lines)
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert "Решение в интересах страны" in headings
    assert "Итог" in headings
    assert not any(h.startswith("Фото") for h in headings)  # a caption, not a heading
    assert all(p.kind == "text" for p in doc.paragraphs if p.text.endswith("."))


def test_translated_text_keeps_blank_lines_and_whitespace(tmp_path: Path) -> None:
    src = "Заголовок\n\n  Первый абзац. Второе предложение.\n\n\nТретий абзац.\r\n"
    doc = read_bytes(src.encode(), "a.txt")
    assert [p.kind for p in doc.paragraphs] == ["heading", "text", "text"]
    assert [s.source for s in doc.paragraphs[1].segments] == ["Первый абзац.", "Второе предложение."]
    _translate_all(doc)
    out = write_document(doc, tmp_path / "a.en.txt").read_bytes().decode("utf-8")
    assert out == (
        "EN[Заголовок]\n\n  EN[Первый абзац.] EN[Второе предложение.]\n\n\nEN[Третий абзац.]\r\n"
    )


def test_list_markers_are_kept_not_translated(tmp_path: Path) -> None:
    doc = read_bytes("Пункты:\n- первый пункт;\n2. второй пункт.\n".encode(), "l.txt")
    items = [p for p in doc.paragraphs if p.kind == "list-item"]
    assert [p.text for p in items] == ["первый пункт;", "второй пункт."]
    _translate_all(doc, lambda s: "item")
    out = write_document(doc, tmp_path / "l.en.txt").read_text("utf-8")
    assert out == "item\n- item\n2. item\n"


def test_hard_wrapped_lines_form_one_paragraph(tmp_path: Path) -> None:
    src = "Это длинное предложение, которое\nпродолжается на следующей строке.\nНовая строка.\n"
    doc = read_bytes(src.encode(), "w.txt")
    assert [p.text for p in doc.paragraphs] == [
        "Это длинное предложение, которое продолжается на следующей строке.",
        "Новая строка.",
    ]
    assert write_document(doc, tmp_path / "w0.txt").read_text("utf-8") == src  # untranslated: exact
    _translate_all(doc, lambda s: "X.")
    assert write_document(doc, tmp_path / "w.txt").read_text("utf-8") == "X.\nX.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_encodings_are_detected_and_written_as_utf8(encoding: str, tmp_path: Path) -> None:
    text = "Министерство иностранных дел сообщило о решении.\n\nЁлка стоит во дворе.\n"
    doc = read_bytes(text.encode(encoding), "enc.txt")
    assert [p.text for p in doc.paragraphs] == [
        "Министерство иностранных дел сообщило о решении.",
        "Ёлка стоит во дворе.",
    ]
    out = write_document(doc, tmp_path / "enc.out.txt").read_bytes()
    assert out.decode("utf-8-sig") == text
    assert out.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")


def test_segment_ids_are_stable_on_reimport(seed_article: Path) -> None:
    a = [s.id for s in read_document(seed_article).segments()]
    b = [s.id for s in read_document(seed_article).segments()]
    assert a == b and len(set(a)) == len(a)
    other = read_document(seed_article, doc_id="mine")
    assert all(s.id.startswith("mine:") for s in other.segments())


def test_document_built_in_code_still_writes(tmp_path: Path) -> None:
    from workbench.document import Document, build_paragraph

    doc = Document(id="d", name="d.txt", paragraphs=[
        build_paragraph("d", 0, "Первый абзац."), build_paragraph("d", 1, "Второй абзац."),
    ])
    doc.paragraphs[0].segments[0].target = "First paragraph."
    out = write_document(doc, tmp_path / "d.txt").read_text("utf-8")
    assert out == "First paragraph.\n\nВторой абзац.\n"


def test_written_files_get_ordinary_permissions(tmp_path) -> None:
    import os
    import stat

    from workbench.formats.safety import atomic_write_bytes

    mask = os.umask(0o022)
    os.umask(mask)
    out = atomic_write_bytes(tmp_path / "new.txt", b"x")
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    existing = tmp_path / "old.txt"
    existing.write_bytes(b"old")
    existing.chmod(0o640)
    atomic_write_bytes(existing, b"new")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
