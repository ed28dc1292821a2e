"""Plain text (``.txt``): one paragraph per line, the file's layout kept byte for byte.

News text usually puts one paragraph on each line with blank lines between them, so every
non-blank line is a paragraph.  Hard-wrapped prose is recognised (a line that does not end a
sentence followed by one starting in lower case continues the paragraph) and re-flowed into one
line when translated.  A short line without final punctuation standing alone between blank lines
is a heading; a line starting with a bullet or ``1.`` is a list item (the marker is kept, not
translated).  All whitespace between paragraphs lives in the original text kept in the skeleton,
so writing an untranslated document reproduces the input exactly (re-encoded as UTF-8).
"""

from __future__ import annotations

import re

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format, splice
from workbench.formats.inline import strip_tags
from workbench.formats.safety import decode_text

_NEWLINE = re.compile(r"\r\n|\r|\n")
_LIST_MARKER = re.compile(r"(?:[-*•–—▪◦·]|\d{1,3}[.)]|[a-zа-я][.)])[ \t]+")
_SENTENCE_END = tuple(".!?…:;»\"”)]")
_WS = re.compile(r"\s+")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, line terminators excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _NEWLINE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def is_heading(line: str) -> bool:
    """A short line without final punctuation, starting with a capital, no caption colon."""
    line = line.strip()
    if not line or len(line) > 120 or len(line.split()) > 14:
        return False
    if line.endswith((*_SENTENCE_END, ",", "-", "—")) or ":" in line:
        return False
    first = next((c for c in line if c.isalpha()), "")
    return first.isupper()


def _continues(prev: str, line: str) -> bool:
    """True when ``line`` is the hard-wrapped continuation of ``prev``."""
    prev = prev.rstrip()
    stripped = line.lstrip()
    if not prev or not stripped or _LIST_MARKER.match(stripped):
        return False
    return not prev.endswith(_SENTENCE_END) and stripped[0].islower()


def parse_text(text: str, doc_id: str) -> list[Paragraph]:
    """Split decoded text into paragraphs with ``start``/``end`` spans into ``text``."""
    lines = _lines(text)
    groups: list[list[tuple[int, int]]] = []  # paragraphs as lists of lines
    block_sizes: list[int] = []  # number of paragraphs in the block each paragraph belongs to
    followed_by_blank: list[bool] = []
    current_block: list[int] = []
    for i, (s, e) in enumerate(lines):
        content = text[s:e]
        if not content.strip():
            for g in current_block:
                block_sizes[g] = len(current_block)
            current_block = []
            continue
        if current_block and _continues(text[slice(*groups[-1][-1])], content):
            groups[-1].append((s, e))
        else:
            groups.append([(s, e)])
            block_sizes.append(1)
            followed_by_blank.append(False)
            current_block.append(len(groups) - 1)
        nxt_blank = i + 1 >= len(lines) or not text[slice(*lines[i + 1])].strip()
        followed_by_blank[-1] = nxt_blank
    for g in current_block:
        block_sizes[g] = len(current_block)

    paragraphs: list[Paragraph] = []
    for idx, group in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(raw.strip())
        kind = "text"
        first_line = text[start : group[0][1]]
        marker = _LIST_MARKER.match(first_line)
        if marker and len(first_line) > marker.end():
            kind = "list-item"
            start += marker.end()
        elif len(group) == 1 and block_sizes[idx] == 1 and followed_by_blank[idx] and is_heading(raw):
            kind = "heading"
        body = _WS.sub(" ", text[start:end]) if len(group) > 1 else text[start:end]
        skeleton = {"start": start, "end": end}
        if marker and kind == "list-item":
            skeleton["marker"] = marker.group(0)
        paragraphs.append(build_paragraph(doc_id, idx, body, kind, skeleton))
    return paragraphs


class TextFormat(Format):
    """Plain text in any common Russian encoding, written back as UTF-8."""

    name = "text"
    extensions = (".txt", ".text")
    label = "Plain text"

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        text, encoding = decode_text(data, filename)
        bom = encoding == "utf-8-sig"
        return Document(
            id=doc_id,
            name=filename,
            paragraphs=parse_text(text, doc_id),
            format=self.name,
            skeleton={"source": text, "encoding": encoding, "bom": bom},
        )

    def render(self, doc: Document) -> bytes:
        if "source" not in doc.skeleton:  # built in code, not read from a file: plain paragraphs
            text = "\n\n".join(strip_tags(p.target_text()) for p in doc.paragraphs) + "\n"
        else:
            text = splice(doc.skeleton["source"], doc.paragraphs)
        prefix = "\ufeff" if doc.skeleton.get("bom") else ""
        return (prefix + text).encode("utf-8")
