"""Word documents (``.docx``): paragraphs, headings, lists, tables (nested), headers and footers.

Reading walks the WordprocessingML tree in a fixed order (body, then each distinct header and
footer) and turns each paragraph's runs into tagged text: the formatting that covers most of the
paragraph is its *base*; runs formatted differently become paired tags (``<b1>…</b1>``), links
``<a2>…</a2>`` and non-text runs (images, fields, breaks, footnote references) standalone
``<x3/>`` placeholders.  The XML each tag stands for is kept in the paragraph skeleton.

Writing re-opens the original file (kept in the document skeleton), walks it in the same order,
and replaces the runs of each translated paragraph only; paragraph properties, styles, tables,
sections, headers and everything else stay exactly as they were.  Untranslated paragraphs are not
touched at all.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format
from workbench.formats.inline import escape_literal_tags, parse_tagged
from workbench.formats.safety import MB, FormatError, check_zip, reject_doctype_entities

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def q(tag: str) -> str:
    """Clark name of a WordprocessingML tag (``q("p")`` → ``{…/main}p``)."""
    return f"{{{W_NS}}}{tag}"


GROUP = "wbGroup"  # wrapper of several elements stored as one placeholder (never written itself)
_TRANSPARENT = {q("ins"), q("smartTag"), q("customXml"), q("sdtContent"), q("moveTo")}
_DROPPED = {q("proofErr"), q("del"), q("moveFrom"), q("pPr"), q("sdtPr"), q("sdtEndPr")}
_RUN_OPAQUE_SKIP = {q("rPr"), q("lastRenderedPageBreak")}
_KEY_IGNORED = {q("lang"), q("noProof"), q("szCs"), q("bCs"), q("iCs")}


def _xml(el: Any) -> str:
    from lxml import etree

    clone = copy.deepcopy(el)
    etree.cleanup_namespaces(clone)  # keep skeletons small: only the namespaces actually used
    return etree.tostring(clone, encoding="unicode")


def _from_xml(text: str) -> Any:
    from lxml import etree

    # Parse with the w: namespace in scope: stored fragments were serialised with their namespaces.
    return etree.fromstring(text)


_NOTE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": ("footnote", "footnote"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": ("endnote", "endnote"),
}


def note_parts(document: Any) -> list[tuple[Any, Any, str, str]]:
    """Footnote and endnote parts (python-docx keeps them as raw bytes): ``(part, root, ctx, tag)``."""
    from lxml import etree

    from workbench.formats.safety import xml_parser

    found = []
    for part in sorted(document.part.package.iter_parts(), key=lambda p: str(p.partname)):
        kind = _NOTE_TYPES.get(getattr(part, "content_type", ""))
        if kind is None:
            continue
        # A future python-docx may load these as XML parts: edit its tree then, not a copy.
        root = part._element if hasattr(part, "_element") else etree.fromstring(part.blob, parser=xml_parser())
        found.append((part, root, kind[0], kind[1]))
    return found


def iter_paragraph_elements(document: Any, notes: list[tuple[Any, Any, str, str]] | None = None
                            ) -> Iterator[tuple[Any, str]]:
    """All ``w:p`` elements with their context, in a fixed order the writer repeats exactly.

    ``notes`` (from :func:`note_parts`) adds footnotes and endnotes after headers and footers.
    """

    def walk(container: Any, ctx: str) -> Iterator[tuple[Any, str]]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == q("p"):
                yield child, ctx
            elif tag == q("tbl"):
                for tr in child.iterchildren(q("tr")):
                    for tc in tr.iterchildren(q("tc")):
                        yield from walk(tc, "table-cell")
            elif tag in (q("sdt"), q("sdtContent"), q("customXml")):
                yield from walk(child, ctx)

    yield from walk(document.element.body, "body")
    seen: set[int] = set()
    for section in document.sections:
        for attr, ctx in (
            ("header", "header"), ("first_page_header", "header"), ("even_page_header", "header"),
            ("footer", "footer"), ("first_page_footer", "footer"), ("even_page_footer", "footer"),
        ):
            part = getattr(section, attr)
            if part.is_linked_to_previous:  # reading _element would create a new part
                continue
            el = part._element
            if id(el) in seen:
                continue
            seen.add(id(el))
            yield from walk(el, ctx)
    for _part, root, ctx, tag in notes or []:
        for note in root.iterchildren(q(tag)):
            if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            yield from walk(note, ctx)


def _style_names(document: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for style in document.styles:
        try:
            names[style.style_id] = (style.name or "").lower()
        except (AttributeError, ValueError):
            continue
    return names


def _kind(p: Any, ctx: str, styles: dict[str, str]) -> str:
    ppr = p.find(q("pPr"))
    style = ""
    if ppr is not None:
        ps = ppr.find(q("pStyle"))
        if ps is not None:
            style = styles.get(ps.get(q("val"), ""), ps.get(q("val"), "").lower())
        if ppr.find(q("outlineLvl")) is not None and ctx == "body":
            return "heading"
    if style.startswith(("heading", "title", "subtitle")):
        return "heading"
    if ctx in ("header", "footer", "table-cell", "footnote", "endnote"):
        return ctx
    if (ppr is not None and ppr.find(q("numPr")) is not None) or "list" in style:
        return "list-item"
    return "text"


def _rpr_key(rpr: Any) -> str:
    """Formatting identity of a run, ignoring proofing noise (language, spell-check marks)."""
    if rpr is None:
        return ""
    clone = copy.deepcopy(rpr)
    for child in list(clone):
        if child.tag in _KEY_IGNORED:
            clone.remove(child)
        elif child.tag == q("rFonts"):  # the script hint is editing noise; the fonts are formatting
            child.attrib.pop(q("hint"), None)
            if not len(child.attrib):
                clone.remove(child)
    return _xml(clone) if len(clone) else ""


def _letter(rpr: Any, base: Any) -> str:
    """Cosmetic tag letter: what this run adds over the base formatting."""
    if rpr is None:
        return "g"
    for tag, letter in (("b", "b"), ("i", "i"), ("u", "u")):
        if rpr.find(q(tag)) is not None and (base is None or base.find(q(tag)) is None):
            return letter
    return "g"


class _Reader:
    """Collects a paragraph's items: text with formatting, placeholders, hyperlink boundaries."""

    def __init__(self) -> None:
        self.items: list[tuple[str, Any, Any]] = []  # (kind, payload, rPr)
        self.field: list[Any] | None = None  # runs of a complex field being collected
        self.field_depth = 0
        self.dropped_bookmarks: set[str | None] = set()

    def paragraph(self, p: Any) -> None:
        for child in p.iterchildren():
            self.inline(child)
        self.flush_field()

    def flush_field(self) -> None:
        """Emit a collected complex field (begin … end) as ONE placeholder, so translation can
        never drop or reorder its field characters (which would corrupt the document)."""
        if self.field:
            from lxml import etree

            group = etree.Element(q(GROUP))
            group.extend(self.field)
            self.items.append(("x", _xml(group), None))
        self.field = None
        self.field_depth = 0

    def in_field(self, r: Any) -> bool:
        """Collect runs that belong to a complex field; HYPERLINK fields keep their text translatable."""
        chars = [fc.get(q("fldCharType")) for fc in r.iter(q("fldChar"))]
        if self.field is None:
            if "begin" not in chars:
                return False
            self.field = []
        self.field.append(copy.deepcopy(r))
        for c in chars:
            self.field_depth += {"begin": 1, "end": -1}.get(c or "", 0)
        instr = "".join(t.text or "" for t in r.iter(q("instrText"))).strip().upper()
        if instr.startswith("HYPERLINK") and self.field_depth == 1:
            self.flush_field()  # begin + code as one placeholder, the display text stays text
            self.field_depth = 0
            return True
        if self.field_depth <= 0:
            self.flush_field()
        return True

    def inline(self, el: Any) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _DROPPED:
            return
        if tag == q("r"):
            self.run(el)
        elif tag == q("hyperlink"):
            shell = copy.deepcopy(el)
            for c in list(shell):
                shell.remove(c)
            first_rpr = next((r.find(q("rPr")) for r in el.iter(q("r"))), None)
            self.items.append(("open_a", _xml(shell), first_rpr))
            for child in el.iterchildren():
                self.inline(child)
            self.items.append(("close_a", None, None))
        elif tag in _TRANSPARENT or tag == q("sdt"):
            for child in el.iterchildren():
                self.inline(child)
        elif tag == q("bookmarkStart") and el.get(q("name")) == "_GoBack":
            self.dropped_bookmarks.add(el.get(q("id")))  # Word's "last edit" mark: noise, dropped
        elif tag == q("bookmarkEnd") and el.get(q("id")) in self.dropped_bookmarks:
            return
        else:  # bookmarks, comments ranges, simple fields, math...: kept verbatim in place
            self.items.append(("x", _xml(el), None))

    def run(self, r: Any) -> None:
        if self.in_field(r):
            return
        rpr = r.find(q("rPr"))
        for child in r.iterchildren():
            tag = child.tag
            if tag in _RUN_OPAQUE_SKIP:
                continue
            if tag == q("t"):
                if child.text:
                    self.items.append(("text", child.text, rpr))
            elif tag == q("tab"):
                self.items.append(("text", "\t", rpr))
            elif tag in (q("br"), q("cr")) and child.get(q("type")) in (None, "textWrapping"):
                self.items.append(("text", "\n", rpr))
            elif tag == q("noBreakHyphen"):
                self.items.append(("text", "\u2011", rpr))
            elif tag == q("softHyphen"):
                continue
            else:  # drawing, field char/code, footnote reference, page break, symbol...
                holder = copy.deepcopy(r)
                for c in list(holder):
                    if c.tag != q("rPr"):
                        holder.remove(c)
                holder.append(copy.deepcopy(child))
                self.items.append(("x", _xml(holder), None))


def read_paragraph(p: Any) -> tuple[str, dict[str, Any]] | None:
    """Tagged text and writer skeleton of one ``w:p``; ``None`` when it holds no text."""
    reader = _Reader()
    reader.paragraph(p)
    items = reader.items
    if not any(k == "text" and payload.strip() for k, payload, _ in items):
        return None
    # Leading/trailing placeholders (bookmarks, anchors) stay outside the translatable text.
    prefix: list[str] = []
    suffix: list[str] = []
    while items and items[0][0] == "x":
        prefix.append(items.pop(0)[1])
    while items and items[-1][0] == "x":
        suffix.insert(0, items.pop()[1])
    weights: dict[str, int] = {}
    rprs: dict[str, Any] = {}
    depth = 0
    for kind, payload, rpr in items:
        depth += kind == "open_a"
        depth -= kind == "close_a"
        if kind == "text" and depth == 0:
            key = _rpr_key(rpr)
            weights[key] = weights.get(key, 0) + len(payload.strip())
            rprs.setdefault(key, rpr)
    base_key = max(weights, key=lambda k: weights[k]) if weights else ""
    base = rprs.get(base_key)
    tags: dict[str, Any] = {}
    out: list[str] = []
    n = 0
    in_link = False
    open_g: tuple[str, str] | None = None  # (key, tag) of the open formatting tag

    def close_g() -> None:
        nonlocal open_g
        if open_g:
            out.append(f"</{open_g[1]}>")
            open_g = None

    for kind, payload, rpr in items:
        if kind == "open_a":
            close_g()
            n += 1
            tags[f"a{n}"] = {"shell": payload, "rpr": _xml(rpr) if rpr is not None else ""}
            out.append(f"<a{n}>")
            in_link = True
        elif kind == "close_a":
            if in_link:
                out.append(f"</a{_last_a(tags)}>")
            in_link = False
        elif kind == "x":
            close_g()
            n += 1
            tags[f"x{n}"] = {"xml": payload}
            out.append(f"<x{n}/>")
        else:
            text = escape_literal_tags(payload)
            key = _rpr_key(rpr)
            if not payload.strip():  # a space formatted differently is not worth a tag pair
                out.append(text)
                continue
            if in_link or key == base_key:
                close_g()
                out.append(text)
                continue
            if open_g is None or open_g[0] != key:
                close_g()
                n += 1
                tag = f"{_letter(rpr, base)}{n}"
                tags[tag] = {"rpr": _xml(rpr) if rpr is not None else ""}
                out.append(f"<{tag}>")
                open_g = (key, tag)
            out.append(text)
    close_g()
    text = "".join(out)
    body = text.strip()  # edge whitespace (" Источник" after a footnote mark) is layout, not text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    skeleton = {
        "base": _xml(base) if base is not None else "",
        "tags": tags,
        "prefix": prefix,
        "suffix": suffix,
        "ws": [lead, trail],
    }
    return body, skeleton


def _last_a(tags: dict[str, Any]) -> str:
    return max((k for k in tags if k.startswith("a")), key=lambda k: int(k[1:]))[1:]


def _make_run(text: str, rpr_xml: str) -> Any:
    from lxml import etree

    r = etree.Element(q("r"))
    if rpr_xml:
        rpr = _from_xml(rpr_xml)
        lang = rpr.find(q("lang"))
        if lang is not None and (lang.get(q("val")) or "").lower().startswith("ru"):
            lang.set(q("val"), "en-US")
        r.append(rpr)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            t = etree.SubElement(r, q("t"))
            t.text = "".join(buf)
            t.set(f"{{{XML_NS}}}space", "preserve")
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            etree.SubElement(r, q("tab"))
        elif ch == "\n":
            flush()
            etree.SubElement(r, q("br"))
        else:
            buf.append(ch)
    flush()
    return r


def write_paragraph(p: Any, target: str, skeleton: dict[str, Any]) -> None:
    """Replace the runs of ``p`` by the tagged ``target``, keeping paragraph properties."""
    tags: dict[str, Any] = skeleton.get("tags", {})
    lead, trail = skeleton.get("ws", ["", ""])
    target = lead + target + trail
    for child in list(p):
        if child.tag != q("pPr"):
            p.remove(child)
    for xml in skeleton.get("prefix", []):
        _append_xml(p, xml)
    placed: set[str] = set()
    link_el: Any = None
    link_key: str | None = None
    for piece in parse_tagged(target):
        a_key = next((t for t in piece.tags if t.startswith("a") and t in tags), None)
        if a_key != link_key:
            link_el, link_key = None, a_key
            if a_key is not None:
                link_el = _from_xml(tags[a_key]["shell"])
                p.append(link_el)
        parent = link_el if link_el is not None else p
        if piece.placeholder:
            info = tags.get(piece.placeholder)
            if info and "xml" in info and piece.placeholder not in placed:
                placed.add(piece.placeholder)
                _append_xml(parent, info["xml"])
            continue
        if not piece.text:
            continue
        fmt = next((t for t in reversed(piece.tags) if t in tags and not t.startswith("a")), None)
        if fmt is not None:
            rpr = tags[fmt].get("rpr", "")
        elif a_key is not None:
            rpr = tags[a_key].get("rpr", "")
        else:
            rpr = skeleton.get("base", "")
        parent.append(_make_run(piece.text, rpr))
    # Images, fields and note references the translation lost are put back at the end rather
    # than silently deleted (QA reports the missing placeholder).
    for key, info in tags.items():
        if key.startswith("x") and key not in placed and "xml" in info:
            _append_xml(p, info["xml"])
    for xml in skeleton.get("suffix", []):
        _append_xml(p, xml)


def _append_xml(parent: Any, xml: str) -> None:
    """Append a stored element (or the members of a stored group) to ``parent``."""
    el = _from_xml(xml)
    if el.tag == q(GROUP):
        parent.extend(list(el))
    else:
        parent.append(el)


def _open(data: bytes, filename: str) -> Any:
    zf = check_zip(data, filename, "Word document")
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        raise FormatError(
            f"{filename}: not a Word document (no word/document.xml inside); "
            "if it is an old .doc file, save it as .docx first."
        )
    for name in names:
        if name.endswith((".xml", ".rels")):
            with zf.open(name) as fh:
                reject_doctype_entities(fh.read(65536), f"{filename} ({name})")
    import docx

    try:
        return docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError, lxml errors)
        raise FormatError(f"{filename}: the Word document could not be opened ({exc}); re-save it in Word.") from None


class DocxFormat(Format):
    """Word .docx via python-docx; the original file is kept to write the translation into."""

    name = "docx"
    extensions = (".docx",)
    label = "Word document"
    max_bytes = 100 * MB  # images make Word files large; the zip-bomb checks bound the XML

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        document = _open(data, filename)
        styles = _style_names(document)
        paragraphs: list[Paragraph] = []
        for ordinal, (p, ctx) in enumerate(iter_paragraph_elements(document, note_parts(document))):
            parsed = read_paragraph(p)
            if parsed is None:
                continue
            text, skeleton = parsed
            skeleton["ordinal"] = ordinal
            skeleton["context"] = ctx
            paragraphs.append(build_paragraph(doc_id, len(paragraphs), text, _kind(p, ctx, styles), skeleton))
        return Document(
            id=doc_id,
            name=filename,
            paragraphs=paragraphs,
            format=self.name,
            skeleton={"original": base64.b64encode(data).decode("ascii")},
        )

    def render(self, doc: Document) -> bytes:
        original = doc.skeleton.get("original")
        if not original:
            raise FormatError(f"{doc.name}: the original Word file is not stored with this document; import it again.")
        data = base64.b64decode(original)
        document = _open(data, doc.name)
        by_ordinal = {p.skeleton.get("ordinal"): p for p in doc.paragraphs if p.segments}
        notes = note_parts(document)
        for ordinal, (p, _ctx) in enumerate(iter_paragraph_elements(document, notes)):
            para = by_ordinal.get(ordinal)
            if para is None:
                continue
            target = para.target_text()
            if target != para.text:
                write_paragraph(p, target, para.skeleton)
        from lxml import etree

        for part, root, _ctx, _tag in notes:  # raw parts: serialise the edited XML back
            if not hasattr(part, "_element"):
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        _set_language(document)
        out = BytesIO()
        document.save(out)
        return out.getvalue()


def _set_language(document: Any) -> None:
    """Mark the default language of the translated file as English (spell-checking, hyphenation)."""
    try:
        rpr_default = document.styles.element.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
    except AttributeError:
        return
    if rpr_default is None:
        return
    lang = rpr_default.find(q("lang"))
    if lang is not None and (lang.get(q("val")) or "").lower().startswith("ru"):
        lang.set(q("val"), "en-US")
