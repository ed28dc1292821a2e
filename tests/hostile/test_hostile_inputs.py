"""Hostile and broken inputs: a clear FormatError naming the file, nothing partially written."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from workbench.formats import FormatError, read_bytes, read_document, write_document
from workbench.formats.export import export_document
from workbench.formats.safety import atomic_write

XXE_XLIFF = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a" source-language="ru" target-language="en" datatype="plaintext"><body>
  <trans-unit id="1"><source>&xxe;</source></trans-unit>
 </body></file></xliff>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a"
 source-language="ru" target-language="en" datatype="plaintext"><body>
 <trans-unit id="1"><source>&lol9;</source></trans-unit></body></file></xliff>"""


def _docx_with(document_xml: bytes, *, level: int = 6) -> bytes:
    """A zip that looks like a Word file with the given main part."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def test_fake_docx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx"
    fake.write_text("Это обычный текст, переименованный в .docx", encoding="utf-8")
    with pytest.raises(FormatError, match=r"report\.docx: not a Word document"):
        read_document(fake)


def test_zip_that_is_not_word_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(FormatError, match=r"a\.docx: not a Word document"):
        read_bytes(buf.getvalue(), "a.docx")


def test_zip_bomb_is_refused_before_extraction() -> None:
    bomb = _docx_with(b"<w:document>" + b" " * (40 * 1024 * 1024) + b"</w:document>", level=9)
    assert len(bomb) < 200_000  # tiny on disk, 40 MB inside
    with pytest.raises(FormatError, match=r"bomb\.docx.*zip bomb"):
        read_bytes(bomb, "bomb.docx")


def test_xxe_in_docx_is_refused() -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document/>'
    with pytest.raises(FormatError, match=r"x\.docx.*entities"):
        read_bytes(_docx_with(xml), "x.docx")


@pytest.mark.parametrize("payload", [XXE_XLIFF, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_entity_attacks_in_xliff_are_refused(payload: str) -> None:
    start = time.monotonic()
    with pytest.raises(FormatError, match=r"evil\.xlf.*entities"):
        read_bytes(payload.encode(), "evil.xlf")
    assert time.monotonic() - start < 5  # refused up front, never expanded


def test_entity_declaration_in_html_is_refused() -> None:
    page = '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>'
    with pytest.raises(FormatError, match=r"evil\.html"):
        read_bytes(page.encode(), "evil.html")


def test_ten_megabyte_html_page_is_read_and_written(tmp_path: Path) -> None:
    script = "<script>var data = '" + "x" * (9 * 1024 * 1024) + "';</script>"
    paras = "".join(f"<p>Абзац номер {i}. Второе предложение.</p>\n" for i in range(300))
    img = '<img alt="" src="data:image/png;base64,' + "A" * (1024 * 1024) + '">'
    page = f"<html lang='ru'><head>{script}</head><body>{img}{paras}</body></html>".encode()
    assert len(page) > 10 * 1024 * 1024
    path = tmp_path / "big.html"
    path.write_bytes(page)
    doc = read_document(path)
    assert len(doc.paragraphs) == 300
    for seg in doc.segments():
        seg.target = "EN"
    out = write_document(doc, tmp_path / "big.en.html")
    assert out.stat().st_size > 10 * 1024 * 1024 and b"<p>EN EN</p>" in out.read_bytes()


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.docx", "empty.html", "empty.xlf"])
def test_empty_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(FormatError, match=rf"{name.replace('.', '[.]')}: the file is empty"):
        read_document(path)


def test_whitespace_only_text_is_empty() -> None:
    with pytest.raises(FormatError, match="empty"):
        read_bytes(b" \n\n\t \r\n", "blank.txt")


def test_binary_junk_in_txt() -> None:
    junk = bytes(range(256)) * 50
    with pytest.raises(FormatError, match=r"junk\.txt: looks like a binary file"):
        read_bytes(junk, "junk.txt")


def test_unknown_extension_lists_supported_formats(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(FormatError, match=r"slides\.pptx: unsupported file type '\.pptx'; supported: .*\.docx"):
        read_document(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"nope\.txt: no such file"):
        read_document(tmp_path / "nope.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(FormatError, match="is a folder"):
        read_document(tmp_path / "dir.txt")


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes((("слово " * 2000 + "конец.\n\n") * 90).encode())  # ≈ 2 MB, few sentences
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "1")
    with pytest.raises(FormatError, match=r"big\.txt: the file is \d\.\d MB, above the 1 MB limit"):
        read_document(path)
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "5")
    assert read_document(path).paragraphs


def test_cp1251_text_file(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("Привет из Windows-1251.\n\nВторой абзац.\n".encode("cp1251"))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["Привет из Windows-1251.", "Второй абзац."]


def test_failed_write_leaves_nothing_and_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_bytes(b"half a fi")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_failed_export_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx.document

    doc = read_bytes("Текст.".encode(), "a.txt")

    def broken_save(self, path):  # writes half a file, then fails
        Path(path).write_bytes(b"PK\x03\x04 half")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        export_document(doc, "bilingual-docx", tmp_path / "review.docx")
    assert list(tmp_path.iterdir()) == []


def test_writing_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    doc = read_bytes("Текст.".encode(), "a.txt")
    with pytest.raises(FormatError, match="does not exist"):
        write_document(doc, tmp_path / "no" / "such" / "out.txt")


def test_names_without_extension_or_legacy_word() -> None:
    with pytest.raises(FormatError, match=r"README: the file name has no extension; rename it to one of: .*\.txt"):
        read_bytes(b"text", "README")
    with pytest.raises(FormatError, match=r"old\.doc: unsupported file type '\.doc' \(save old \.doc"):
        read_bytes(b"\xd0\xcf\x11\xe0", "old.doc")


def test_harmless_doctypes_are_accepted() -> None:
    page = '<!DOCTYPE html SYSTEM "about:legacy-compat"><html><body><p>Текст.</p></body></html>'
    assert read_bytes(page.encode(), "legacy.html").paragraphs[0].text == "Текст."


def test_utf16_entity_declaration_is_refused() -> None:
    with pytest.raises(FormatError, match="entities"):
        read_bytes(XXE_XLIFF.replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>', 1).encode("utf-16-le"),
                   "u16.xlf")
