"""Markdown (``.md``): block structure from markdown-it, inline markup kept as protected tags.

markdown-it-py (CommonMark + tables) tells us where each block's inline content sits in the
file; only those spans are replaced on writing, so headings' ``#``, list markers, blockquote
``>``, table pipes, code blocks, HTML blocks and front matter are never touched.  Inside a span,
emphasis, links, inline code and images become inline tags (``<b1>…</b1>``, ``<a2>…</a2>``,
``<x3/>``) whose markup is stored in the paragraph skeleton and put back around the translation.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format, splice
from workbench.formats.inline import escape_literal_tags, parse_tagged
from workbench.formats.safety import decode_text

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]]|<(?=[A-Za-z/!?])|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")
_PAIRED = {"strong": "b", "em": "i", "s": "g", "link": "a"}
_BLOCK_KINDS = {
    "heading_open": "heading",
    "list_item_open": "list-item",
    "blockquote_open": "blockquote",
    "th_open": "table-cell",
    "td_open": "table-cell",
}


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline_to_tagged(children: list[Any]) -> tuple[str, dict[str, Any]]:
    """Inline tokens → tagged text plus the markup each tag stands for."""
    out: list[str] = []
    tags: dict[str, Any] = {}
    stack: list[str] = []
    n = 0
    skip_until_close = 0
    for tok in children:
        if skip_until_close:
            if tok.type == "link_close":
                skip_until_close -= 1
            continue
        kind = tok.type
        if kind == "text":
            out.append(escape_literal_tags(tok.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "link_open" and tok.markup == "autolink":
            n += 1
            tags[f"x{n}"] = f"<{tok.attrs.get('href', '')}>"
            out.append(f"<x{n}/>")
            skip_until_close = 1
        elif kind.endswith("_open") and kind[:-5] in _PAIRED:
            n += 1
            key = f"{_PAIRED[kind[:-5]]}{n}"
            if kind == "link_open":
                title = tok.attrs.get("title")
                href = str(tok.attrs.get("href", ""))
                close = f"]({href}" + (f' "{title}"' if title else "") + ")"
                tags[key] = ["[", close]
            else:
                tags[key] = [tok.markup, tok.markup]
            stack.append(key)
            out.append(f"<{key}>")
        elif kind.endswith("_close") and kind[:-6] in _PAIRED:
            if stack:
                out.append(f"</{stack.pop()}>")
        else:  # code_inline, image, html_inline, hardbreak: opaque placeholders
            n += 1
            if kind == "code_inline":
                raw = f"{tok.markup}{tok.content}{tok.markup}"
            elif kind == "image":
                src = tok.attrs.get("src", "")
                title = tok.attrs.get("title")
                raw = f"![{tok.content}]({src}" + (f' "{title}"' if title else "") + ")"
            elif kind == "hardbreak":
                raw = "<br>"
                out.append(f"<x{n}/> ")
                tags[f"x{n}"] = raw
                continue
            else:
                raw = tok.content
            tags[f"x{n}"] = raw
            out.append(f"<x{n}/>")
    return "".join(out).strip(), tags


def render_markdown(target: str, para: Paragraph) -> str:
    """Tagged target text → Markdown, using the markup stored when the paragraph was read."""
    tags: dict[str, Any] = para.skeleton.get("tags", {})
    out: list[str] = []
    open_stack: list[str] = []

    def close_to(depth: int) -> None:
        while len(open_stack) > depth:
            key = open_stack.pop()
            out.append(tags[key][1])

    for piece in parse_tagged(target):
        wanted = [t for t in piece.tags if t in tags]
        common = 0
        while common < min(len(open_stack), len(wanted)) and open_stack[common] == wanted[common]:
            common += 1
        close_to(common)
        for key in wanted[common:]:
            out.append(tags[key][0])
            open_stack.append(key)
        if piece.placeholder:
            raw = tags.get(piece.placeholder)
            if isinstance(raw, str):
                out.append(raw)
        else:
            text = _MD_SPECIAL.sub(r"\\\1", piece.text)
            if para.kind == "table-cell":
                text = text.replace("|", "\\|")
            out.append(text.replace("\n", " "))
    close_to(0)
    # A translation starting with "1." or "#" must not turn the block into a list or heading.
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2).isdigit()
                           else m.group(1) + m.group(2) + "\\", "".join(out), count=1)


def parse_markdown(text: str, doc_id: str) -> list[Paragraph]:
    """Paragraphs with absolute ``start``/``end`` spans of their inline content in ``text``."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    parse_src = text
    fm = _FRONT_MATTER.match(text)
    if fm:  # blank out front matter (same line count) so markdown-it does not see a heading
        parse_src = re.sub(r"[^\n]", " ", text[: fm.end()]) + text[fm.end() :]
    tokens = _parser().parse(parse_src)
    cursor: dict[int, int] = {}
    kinds: list[str] = []
    paragraphs: list[Paragraph] = []
    for tok in tokens:
        if tok.type in _BLOCK_KINDS:
            kinds.append(_BLOCK_KINDS[tok.type])
            continue
        if tok.type.replace("_close", "_open") in _BLOCK_KINDS and tok.nesting == -1:
            if kinds:
                kinds.pop()
            continue
        if tok.type != "inline" or not tok.content.strip() or tok.map is None:
            continue
        span = _locate(text, line_starts, tok.map[0], tok.content, cursor)
        tagged, tags = _inline_to_tagged(tok.children or [])
        kind = kinds[-1] if kinds else "text"
        index = len(paragraphs)
        if span is None:  # could not map back to the file: keep it untouched rather than guess
            paragraphs.append(build_paragraph(doc_id, index, tagged, kind, {}, translatable=False))
            continue
        skeleton = {"start": span[0], "end": span[1], "tags": tags}
        paragraphs.append(build_paragraph(doc_id, index, tagged, kind, skeleton))
    return paragraphs


def _locate(
    text: str, line_starts: list[int], first_line: int, content: str, cursor: dict[int, int]
) -> tuple[int, int] | None:
    """Find the inline content's lines in the file (after any block prefixes)."""
    start = end = None
    for k, piece in enumerate(content.split("\n")):
        line_no = first_line + k
        if line_no >= len(line_starts):
            return None
        piece = piece.strip()
        if not piece:
            continue
        ls = line_starts[line_no]
        le = line_starts[line_no + 1] - 1 if line_no + 1 < len(line_starts) else len(text)
        idx = text.find(piece, ls + cursor.get(line_no, 0), le + 1)
        if idx < 0:
            return None
        cursor[line_no] = idx + len(piece) - ls
        if start is None:
            start = idx
        end = idx + len(piece)
    if start is None or end is None:
        return None
    return start, end


class MarkdownFormat(Format):
    """CommonMark with tables; written back with the same markup."""

    name = "markdown"
    extensions = (".md", ".markdown")
    label = "Markdown"

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        text, encoding = decode_text(data, filename)
        return Document(
            id=doc_id,
            name=filename,
            paragraphs=parse_markdown(text, doc_id),
            format=self.name,
            skeleton={"source": text, "encoding": encoding, "bom": encoding == "utf-8-sig"},
        )

    def render(self, doc: Document) -> bytes:
        if "source" not in doc.skeleton:  # built in code, not read from a file: plain paragraphs
            text = "\n\n".join(render_markdown(p.target_text(), p) for p in doc.paragraphs) + "\n"
        else:
            text = splice(doc.skeleton["source"], doc.paragraphs, render_markdown)
        prefix = "\ufeff" if doc.skeleton.get("bom") else ""
        return (prefix + text).encode("utf-8")
