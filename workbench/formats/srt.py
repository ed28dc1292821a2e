"""SubRip subtitles (``.srt``): cue text translated, numbering and timings untouched.

Each cue is one paragraph; its lines are joined with spaces for translation (a subtitle line
break is layout, not meaning) and the translation is re-wrapped into as many lines as the
original cue had (at most two are usual on screen).  ``<i>``/``<b>``/``<u>`` become inline tags
and are restored on writing.
"""

from __future__ import annotations

import re
import textwrap

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format, splice
from workbench.formats.inline import TAG_RE, escape_literal_tags
from workbench.formats.safety import FormatError, decode_text

_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}.*$", re.M)
_SRT_TAG = re.compile(r"<(/?)([ibu])>", re.I)


def _cue_text(raw: str) -> str:
    """Joined cue lines with SRT tags turned into numbered inline tags."""
    text = " ".join(line.strip() for line in raw.splitlines() if line.strip())
    text = escape_literal_tags(text)
    out: list[str] = []
    stack: list[str] = []
    n = 0
    pos = 0
    for m in _SRT_TAG.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        letter = m.group(2).lower()
        if not m.group(1):
            n += 1
            stack.append(f"{letter}{n}")
            out.append(f"<{letter}{n}>")
        elif stack and stack[-1][0] == letter:
            out.append(f"</{stack.pop()}>")
    out.append(text[pos:])
    return "".join(out)


def render_cue(target: str, para: Paragraph) -> str:
    """Tagged translation → SRT cue text wrapped to the original number of lines."""
    text = TAG_RE.sub(lambda m: f"<{m.group(1)}{m.group(2)}>" if not m.group(4) else "", target)
    lines = int(para.skeleton.get("lines", 1))
    if lines <= 1 or len(text) <= 42:
        return text
    width = max(len(text) // lines + 8, 20)
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False))


def parse_srt(text: str, doc_id: str, filename: str) -> list[Paragraph]:
    timings = list(_TIMING.finditer(text))
    if not timings:
        raise FormatError(f"{filename}: no subtitle timings (00:00:01,000 --> 00:00:02,000) found; not an SRT file.")
    paragraphs: list[Paragraph] = []
    for i, m in enumerate(timings):
        start = m.end() + 1
        end = timings[i + 1].start() if i + 1 < len(timings) else len(text)
        block = text[start:end]
        # The cue ends at the first blank line; what follows is the next cue's number.
        cut = re.search(r"\n[ \t]*\r?\n", block)
        if cut:
            block = block[: cut.start()]
        stripped = block.strip()
        if not stripped:
            continue
        s = start + block.index(stripped)
        e = s + len(stripped)
        skeleton = {"start": s, "end": e, "lines": len(stripped.splitlines())}
        paragraphs.append(build_paragraph(doc_id, len(paragraphs), _cue_text(stripped), "subtitle", skeleton))
    return paragraphs


class SrtFormat(Format):
    """SubRip subtitles, written back as UTF-8 with the same numbering and timings."""

    name = "srt"
    extensions = (".srt",)
    label = "Subtitles"

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        text, encoding = decode_text(data, filename)
        return Document(
            id=doc_id, name=filename, paragraphs=parse_srt(text, doc_id, filename), format=self.name,
            skeleton={"source": text, "encoding": encoding, "bom": encoding == "utf-8-sig"},
        )

    def render(self, doc: Document) -> bytes:
        text = splice(doc.skeleton.get("source", ""), doc.paragraphs, render_cue)
        return (("\ufeff" if doc.skeleton.get("bom") else "") + text).encode("utf-8")
