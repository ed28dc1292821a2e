"""Document formats: read a file into a :class:`~workbench.document.Document`, write the target back.

The registry maps file extensions to :class:`~workbench.formats.base.Format` classes.  Format
modules are imported lazily so that ``import workbench.formats`` stays cheap for the CLI.

Typical use::

    doc = read_document(Path("article.docx"))
    ...                       # translate, edit, approve
    write_document(doc, Path("article.en.docx"))
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from workbench.document import Document, content_id
from workbench.formats.base import Format
from workbench.formats.safety import FormatError, check_size, max_bytes_from_env, read_limited

__all__ = [
    "FORMATS",
    "FormatError",
    "get_format",
    "read_bytes",
    "read_document",
    "supported_extensions",
    "write_document",
]

#: format name → (module, class, extensions).  Extensions are listed here so that choosing a
#: format never imports a heavy module.
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "text": ("workbench.formats.text", "TextFormat", (".txt", ".text")),
    "markdown": ("workbench.formats.markdown", "MarkdownFormat", (".md", ".markdown")),
    "docx": ("workbench.formats.docx", "DocxFormat", (".docx",)),
    "html": ("workbench.formats.html", "HtmlFormat", (".html", ".htm", ".xhtml")),
    "xliff": ("workbench.formats.xliff", "XliffFormat", (".xlf", ".xliff")),
    "srt": ("workbench.formats.srt", "SrtFormat", (".srt",)),
    "odt": ("workbench.formats.odt", "OdtFormat", (".odt",)),
}


def supported_extensions() -> list[str]:
    """All importable file extensions, e.g. for a file uploader's ``type=`` list."""
    return [ext for _mod, _cls, exts in FORMATS.values() for ext in exts]


@cache
def _instance(name: str) -> Format:
    module, cls, _exts = FORMATS[name]
    return getattr(importlib.import_module(module), cls)()


def get_format(name_or_filename: str) -> Format:
    """The format for a format name (``"docx"``) or a file name / extension (``"a.docx"``, ``".md"``)."""
    key = name_or_filename.lower()
    if key in FORMATS:
        return _instance(key)
    ext = Path(key).suffix or (key if key.startswith(".") else f".{key}")
    for name, (_mod, _cls, exts) in FORMATS.items():
        if ext in exts:
            return _instance(name)
    supported = ", ".join(supported_extensions())
    if not Path(key).suffix and not key.startswith("."):
        raise FormatError(f"{name_or_filename}: the file name has no extension; rename it to one of: {supported}.")
    hint = " (save old .doc/.rtf files as .docx first)" if ext in (".doc", ".rtf") else ""
    raise FormatError(f"{name_or_filename}: unsupported file type {ext!r}{hint}; supported: {supported}.")


def read_bytes(data: bytes, filename: str, *, doc_id: str | None = None, name: str | None = None) -> Document:
    """Read a document from memory (UI uploads, pasted text as ``"pasted.txt"``).

    The format is chosen by the file name's extension; the content is then checked by the
    format itself (a ``.docx`` that is not a zip is refused).  Without ``doc_id`` the id is derived
    from the content, so importing the same file again yields the same segment ids.
    """
    fmt = get_format(filename)
    check_size(data, filename, max_bytes_from_env(fmt.max_bytes))
    doc = fmt.read(data, filename=filename, doc_id=doc_id or content_id(data))
    doc.name = name or Path(filename).name
    doc.format = fmt.name
    return doc


def read_document(path: Path, *, doc_id: str | None = None, name: str | None = None) -> Document:
    """Read a document from disk, picking the format by extension (and checking the content)."""
    path = Path(path)
    fmt = get_format(path.name)
    data = read_limited(path, max_bytes_from_env(fmt.max_bytes))
    return read_bytes(data, path.name, doc_id=doc_id, name=name)


def write_document(doc: Document, path: Path) -> Path:
    """Write the target document in the source's own format (``doc.format``), atomically."""
    if doc.format not in FORMATS:
        raise FormatError(f"{doc.name}: unknown document format {doc.format!r}; cannot write {path}.")
    return _instance(doc.format).write(doc, Path(path))
