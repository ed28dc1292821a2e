"""The common shape of every document format.

A :class:`Format` turns bytes into a :class:`~workbench.document.Document` and writes the
translation back in the same format.  Readers get the whole file content (already size-checked by
:mod:`workbench.formats.safety`) and must build paragraphs with
:func:`workbench.document.build_paragraph`, so sentence segmentation is the same for every format.
Writers render the target to bytes; :meth:`Format.write` stores them atomically.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from workbench.document import Document, Paragraph
from workbench.formats.safety import DEFAULT_MAX_BYTES, FormatError, atomic_write_bytes

__all__ = ["Format", "FormatError", "splice"]


class Format(ABC):
    """A document format: a reader and a writer of the target in the same format."""

    #: Short name stored in ``Document.format``.
    name: ClassVar[str]
    #: Lower-case file extensions including the dot.
    extensions: ClassVar[tuple[str, ...]]
    #: Human-readable label for messages and the UI.
    label: ClassVar[str] = ""
    #: Largest accepted input in bytes.
    max_bytes: ClassVar[int] = DEFAULT_MAX_BYTES

    @abstractmethod
    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        """Parse ``data`` (the whole file) into a document whose id is ``doc_id``."""

    @abstractmethod
    def render(self, doc: Document) -> bytes:
        """The document in this format with targets in place (source where no target exists)."""

    def write(self, doc: Document, path: Path) -> Path:
        """Write the target document atomically: a failure never leaves a partial file."""
        data = self.render(doc)
        return atomic_write_bytes(Path(path), data)


def splice(
    source: str, paragraphs: list[Paragraph], render: Callable[[str, Paragraph], str] | None = None
) -> str:
    """Rebuild a text file by replacing each paragraph's ``[start, end)`` span with its target.

    Paragraphs whose target equals their source text keep the original slice untouched, so an
    untranslated document is reproduced byte for byte.  ``render`` converts a paragraph's target
    text (with inline tags) into the file's syntax.
    """
    out: list[str] = []
    pos = 0
    spans = sorted(
        (p for p in paragraphs if "start" in p.skeleton and p.segments), key=lambda p: p.skeleton["start"]
    )
    for para in spans:
        start, end = para.skeleton["start"], para.skeleton["end"]
        if start < pos:
            continue  # overlapping spans cannot happen with our readers; never corrupt the output
        out.append(source[pos:start])
        target = para.target_text()
        if target == para.text:
            out.append(source[start:end])
        else:
            out.append(render(target, para) if render else target)
        pos = end
    out.append(source[pos:])
    return "".join(out)
