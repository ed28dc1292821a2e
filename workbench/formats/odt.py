"""OpenDocument text (``.odt``): paragraphs, headings, lists, tables, notes, headers and footers.

Like the Word format, each ``text:p``/``text:h`` becomes a paragraph whose inline markup is turned
into tags: ``text:span`` → paired ``<gN>``, ``text:a`` → ``<aN>``, and anything opaque (notes,
frames, fields, bookmarks) → ``<xN/>``.  Opaque elements are not copied into the skeleton: the
writer moves the *live* elements of the paragraph to the placeholders' new positions, so a
footnote inside a paragraph keeps its own (translated) content.  The package is rewritten with
``mimetype`` first and uncompressed, as the ODF specification requires.
"""

from __future__ import annotations

import base64
import copy
import io
import re
import zipfile
from typing import Any

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format
from workbench.formats.inline import escape_literal_tags, parse_tagged
from workbench.formats.safety import MB, FormatError, check_zip, parse_xml

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XLINK = "http://www.w3.org/1999/xlink"
MIMETYPE = b"application/vnd.oasis.opendocument.text"


def t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


_PARAS = {t("p"), t("h")}
_SPACES = re.compile(r"  +")


def iter_paragraphs(content: Any, styles: Any | None) -> list[tuple[Any, str]]:
    """``text:p``/``text:h`` elements with a kind, body first, then master-page headers/footers."""
    out: list[tuple[Any, str]] = []
    body = content.find(f"{{{OFFICE}}}body")
    for el in (body if body is not None else content).iter(*_PARAS):
        out.append((el, _kind(el)))
    if styles is not None:
        for mp in styles.iter(f"{{{STYLE}}}master-page"):
            for part in mp:
                local = part.tag.rsplit("}", 1)[-1]
                for el in part.iter(*_PARAS):
                    out.append((el, "footer" if local.startswith("footer") else "header"))
    return out


def _kind(el: Any) -> str:
    if el.tag == t("h"):
        return "heading"
    for anc in el.iterancestors():
        if anc.tag == t("note"):
            return "footnote"
        if anc.tag == t("list-item"):
            return "list-item"
        if anc.tag == f"{{{TABLE}}}table-cell":
            return "table-cell"
    return "text"


def read_paragraph(p: Any) -> tuple[str, dict[str, Any]] | None:
    """Tagged text of a paragraph; opaque children are numbered in document order."""
    tags: dict[str, Any] = {}
    counter = [0]
    opaque = [0]

    def inline(el: Any) -> str:
        counter[0] += 1
        n = counter[0]
        tag = el.tag
        if tag == t("s"):
            return " " * int(el.get(t("c"), "1"))
        if tag == t("tab"):
            return "\t"
        if tag == t("line-break"):
            return "\n"
        if tag in (t("span"), t("a")):
            key = f"{'a' if tag == t('a') else 'g'}{n}"
            shell = copy.deepcopy(el)
            for c in list(shell):
                shell.remove(c)
            shell.text = shell.tail = None
            from lxml import etree

            tags[key] = {"shell": etree.tostring(shell, encoding="unicode")}
            inner = [escape_literal_tags(el.text or "")]
            for child in el:
                inner.append(inline(child))
                inner.append(escape_literal_tags(child.tail or ""))
            return f"<{key}>{''.join(inner)}</{key}>"
        tags[f"x{n}"] = {"live": opaque[0]}
        opaque[0] += 1
        return f"<x{n}/>"

    parts = [escape_literal_tags(p.text or "")]
    for child in p:
        if not isinstance(child.tag, str):
            counter[0] += 1
            tags[f"x{counter[0]}"] = {"live": opaque[0]}
            opaque[0] += 1
            parts.append(f"<x{counter[0]}/>")
        else:
            parts.append(inline(child))
        parts.append(escape_literal_tags(child.tail or ""))
    text = "".join(parts)
    plain = re.sub(r"<x\d+/>", "", text)
    if not re.sub(r"</?[ag]\d+>", "", plain).strip():
        return None
    # Leading/trailing whitespace and placeholders (bookmarks, anchors) stay outside the text.
    lead = re.match(r"^(?:\s|<x\d+/>)*", text).group(0)  # type: ignore[union-attr]
    trail = re.search(r"(?:\s|<x\d+/>)*$", text[len(lead) :]).group(0)  # type: ignore[union-attr]
    body = text[len(lead) : len(text) - len(trail)]
    return body, {"tags": tags, "ws": [lead, trail]}


def _opaque_children(p: Any) -> list[Any]:
    """Live opaque descendants in the order :func:`read_paragraph` numbered them."""
    found: list[Any] = []

    def walk(el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                found.append(child)
            elif child.tag in (t("span"), t("a")):
                walk(child)
            elif child.tag not in (t("s"), t("tab"), t("line-break")):
                found.append(child)

    walk(p)
    return found


def write_paragraph(p: Any, target: str, skeleton: dict[str, Any]) -> None:
    """Replace the paragraph content with the tagged target, moving live opaque elements."""
    from lxml import etree

    tags: dict[str, Any] = skeleton.get("tags", {})
    lead, trail = skeleton.get("ws", ["", ""])
    live = _opaque_children(p)
    for child in list(p):
        p.remove(child)
    p.text = None
    stack = [p]
    open_keys: list[str] = []
    last: list[Any] = [None]
    used: set[int] = set()

    def add_text(text: str) -> None:
        for i, chunk in enumerate(re.split(r"(\n|\t)", text)):
            if i % 2:
                el = etree.SubElement(stack[-1], t("line-break" if chunk == "\n" else "tab"))
                last[0] = el
                continue
            for j, piece in enumerate(_SPACES.split(chunk)):
                if j:
                    el = etree.SubElement(stack[-1], t("s"))
                    spaces = len(_SPACES.findall(chunk)[j - 1]) - 1
                    if spaces > 1:
                        el.set(t("c"), str(spaces))
                    last[0] = el
                    piece = " " + piece
                if piece:
                    if last[0] is None:
                        stack[-1].text = (stack[-1].text or "") + piece
                    else:
                        last[0].tail = (last[0].tail or "") + piece

    def place(el: Any) -> None:
        stack[-1].append(el)
        el.tail = None
        last[0] = el

    for piece in parse_tagged(lead + target + trail):
        wanted = [k for k in piece.tags if k in tags and "shell" in tags[k]]
        common = 0
        while common < min(len(open_keys), len(wanted)) and open_keys[common] == wanted[common]:
            common += 1
        while len(open_keys) > common:
            open_keys.pop()
            last[0] = stack.pop()
        for key in wanted[common:]:
            el = etree.fromstring(tags[key]["shell"])
            stack[-1].append(el)
            stack.append(el)
            open_keys.append(key)
            last[0] = None
        if piece.placeholder:
            idx = tags.get(piece.placeholder, {}).get("live")
            if idx is not None and idx < len(live) and idx not in used:
                used.add(idx)
                place(live[idx])
        else:
            add_text(piece.text)
    while len(stack) > 1:
        last[0] = stack.pop()
    for idx, el in enumerate(live):  # notes, frames, bookmarks the translation lost
        if idx not in used:
            place(el)


def _load(data: bytes, filename: str) -> tuple[zipfile.ZipFile, Any, Any]:
    zf = check_zip(data, filename, "OpenDocument text")
    names = set(zf.namelist())
    if "content.xml" not in names:
        raise FormatError(f"{filename}: not an OpenDocument text (no content.xml inside).")
    if "mimetype" in names and zf.read("mimetype").strip() != MIMETYPE:
        raise FormatError(f"{filename}: not an OpenDocument *text* file; only .odt is supported.")
    content = parse_xml(zf.read("content.xml"), f"{filename} (content.xml)")
    styles = parse_xml(zf.read("styles.xml"), f"{filename} (styles.xml)") if "styles.xml" in names else None
    return zf, content, styles


class OdtFormat(Format):
    """OpenDocument text documents (LibreOffice Writer)."""

    name = "odt"
    extensions = (".odt",)
    label = "OpenDocument text"
    max_bytes = 100 * MB

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        _zf, content, styles = _load(data, filename)
        paragraphs: list[Paragraph] = []
        for ordinal, (p, kind) in enumerate(iter_paragraphs(content, styles)):
            parsed = read_paragraph(p)
            if parsed is None:
                continue
            text, skeleton = parsed
            skeleton["ordinal"] = ordinal
            paragraphs.append(build_paragraph(doc_id, len(paragraphs), text, kind, skeleton))
        return Document(id=doc_id, name=filename, paragraphs=paragraphs, format=self.name,
                        skeleton={"original": base64.b64encode(data).decode("ascii")})

    def render(self, doc: Document) -> bytes:
        from lxml import etree

        original = doc.skeleton.get("original")
        if not original:
            raise FormatError(f"{doc.name}: the original file is not stored with this document; import it again.")
        zf, content, styles = _load(base64.b64decode(original), doc.name)
        by_ordinal = {p.skeleton.get("ordinal"): p for p in doc.paragraphs if p.segments}
        elements = iter_paragraphs(content, styles)
        # Inner paragraphs (footnotes) come after their outer paragraph: write them first so the
        # outer rewrite moves an already translated note.
        for ordinal in sorted(range(len(elements)), reverse=True):
            para = by_ordinal.get(ordinal)
            if para is not None and para.target_text() != para.text:
                write_paragraph(elements[ordinal][0], para.target_text(), para.skeleton)
        for el in content.iter():
            if isinstance(el.tag, str):
                for attr in list(el.attrib):
                    if attr.endswith("}language") and el.get(attr) == "ru":
                        el.set(attr, "en")
                    elif attr.endswith("}country") and el.get(attr) == "RU":
                        el.set(attr, "US")
        replaced = {"content.xml": etree.tostring(content, xml_declaration=True, encoding="UTF-8")}
        if styles is not None:
            replaced["styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as new:
            new.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
            for info in zf.infolist():
                if info.filename == "mimetype":
                    continue
                new.writestr(info.filename, replaced.get(info.filename, zf.read(info.filename)),
                             compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()
