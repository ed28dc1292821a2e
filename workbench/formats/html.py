"""HTML pages: text of block elements translated, markup and attributes kept.

The page is parsed with lxml's HTML parser (no network, entity declarations refused).  Each run
of inline content inside a block element (``<p>``, ``<li>``, ``<td>``, ``<h1>``, text directly in
a ``<div>``...) becomes one paragraph; inline elements inside it (``<b>``, ``<a href>``,
``<span class>``) become paired tags whose tag name and attributes are kept in the skeleton, and
``<br>``, ``<img>`` or inline ``<code>`` become placeholders.  ``script``, ``style``, ``code``,
``pre`` and anything marked ``translate="no"`` are never touched.  Writing re-parses the original,
walks it in the same order, replaces only translated runs, and sets ``lang="en"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.document import Document, Paragraph, build_paragraph
from workbench.formats.base import Format
from workbench.formats.inline import escape_literal_tags, parse_tagged, strip_tags
from workbench.formats.safety import MB, FormatError, decode_text, reject_doctype_entities

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
    "option", "optgroup", "p", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul", "meta", "link", "base",
}
SKIP = {
    "script", "style", "code", "pre", "noscript", "template", "svg", "math", "textarea", "kbd", "samp",
    "iframe", "object", "embed", "canvas", "video", "audio", "var",
}
VOID = {"br", "img", "wbr", "input", "hr", "area", "source", "track", "col", "param"}
_LETTER = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "a": "a"}
_WS = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
         "h6": "heading", "title": "title", "li": "list-item", "td": "table-cell", "th": "table-cell",
         "blockquote": "blockquote", "caption": "caption", "figcaption": "caption", "dt": "term"}


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_block(el: Any) -> bool:
    """Block-level, or an inline element that wraps blocks (``<a><div>…</div></a>``)."""
    tag = _tag(el)
    if tag in BLOCK:
        return True
    if tag in SKIP or tag in VOID or not tag:
        return False
    return any(_tag(d) in BLOCK for d in el.iterdescendants())


@dataclass
class Run:
    """A run of inline content: ``parent.text`` (or the tail of block child ``start - 1``)
    followed by inline children ``parent[start:end]`` and their tails."""

    parent: Any
    start: int
    end: int


def iter_runs(root: Any) -> Iterator[Run]:
    """Runs with visible text, in document order (the writer repeats this walk exactly)."""

    def walk(el: Any) -> Iterator[Run]:
        if _tag(el) in SKIP or el.get("translate") == "no" or not isinstance(el.tag, str):
            return
        children = list(el)
        run_start = 0
        while True:
            j = run_start
            while j < len(children) and not _is_block(children[j]):
                j += 1
            run = Run(el, run_start, j)
            if _run_has_text(run):
                yield run
            if j >= len(children):
                break
            yield from walk(children[j])
            run_start = j + 1

    yield from walk(root)


TRANSLATABLE_ATTRS = ("title", "alt", "placeholder", "aria-label")
_META_NAMES = {"description", "keywords", "og:title", "og:description", "twitter:title", "twitter:description"}


def iter_attributes(root: Any) -> Iterator[tuple[Any, str]]:
    """Visible attribute texts (``alt``, ``title``, ``placeholder``, meta description), in order."""

    def walk(el: Any) -> Iterator[tuple[Any, str]]:
        tag = _tag(el)
        if not tag or tag in SKIP or el.get("translate") == "no":
            return
        if tag == "meta":
            name = (el.get("name") or el.get("property") or "").lower()
            if name in _META_NAMES and any(c.isalpha() for c in el.get("content", "")):
                yield el, "content"
        for attr in TRANSLATABLE_ATTRS:
            if any(c.isalpha() for c in el.get(attr, "")):
                yield el, attr
        for child in el:
            yield from walk(child)

    yield from walk(root)


def _lead(run: Run) -> str:
    if run.start == 0:
        return run.parent.text or ""
    return run.parent[run.start - 1].tail or ""


def _run_has_text(run: Run) -> bool:
    if _lead(run).strip():
        return True
    for child in run.parent[run.start : run.end]:
        if (child.tail or "").strip():
            return True
        tag = _tag(child)
        if tag and tag not in SKIP and tag not in VOID and "".join(child.itertext()).strip():
            return True
    return False


def _to_tagged(run: Run, attr_refs: dict[int, dict[str, int]] | None = None) -> tuple[str, dict[str, Any]]:
    """Tagged text of a run and the markup each tag stands for.

    ``attr_refs`` maps ``id(element)`` to its translatable attributes' ordinals, so the writer can
    put translated ``title``/``alt`` values on elements it re-creates.
    """
    attr_refs = attr_refs or {}
    import lxml.html
    from lxml import etree

    tags: dict[str, Any] = {}
    counter = [0]

    def inline(el: Any) -> str:
        counter[0] += 1
        n = counter[0]
        tag = _tag(el)
        if not tag:  # comment or processing instruction inside the text: kept in place
            tags[f"x{n}"] = {"html": etree.tostring(el, encoding="unicode", with_tail=False)}
            return f"<x{n}/>"
        if tag in SKIP or tag in VOID or el.get("translate") == "no":
            tags[f"x{n}"] = {"html": lxml.html.tostring(el, encoding="unicode", with_tail=False)}
            if id(el) in attr_refs:
                tags[f"x{n}"]["attrs"] = attr_refs[id(el)]
            return f"<x{n}/>"
        key = f"{_LETTER.get(tag, 'g')}{n}"
        tags[key] = {"tag": el.tag, "attrib": dict(el.attrib)}
        if id(el) in attr_refs:
            tags[key]["attrs"] = attr_refs[id(el)]
        inner = [escape_literal_tags(el.text or "")]
        for child in el:
            inner.append(inline(child))
            inner.append(escape_literal_tags(child.tail or ""))
        return f"<{key}>{''.join(inner)}</{key}>"

    parts = [escape_literal_tags(_lead(run))]
    for child in run.parent[run.start : run.end]:
        parts.append(inline(child))
        parts.append(escape_literal_tags(child.tail or ""))
    raw = "".join(parts)
    return _WS.sub(" ", raw), tags


def _apply(run: Run, target: str, skeleton: dict[str, Any], attr_values: dict[int, str] | None = None) -> None:
    """Replace the run's inline content with the tagged target.

    ``attr_values`` holds translated attribute values by ordinal for re-created elements.
    """
    attr_values = attr_values or {}

    def set_attrs(el: Any, info: dict[str, Any]) -> None:
        for attr, ordinal in info.get("attrs", {}).items():
            if int(ordinal) in attr_values:
                el.set(attr, attr_values[int(ordinal)])

    import lxml.html
    from lxml import etree

    tags: dict[str, Any] = skeleton.get("tags", {})
    parent = run.parent
    lead_ws, trail_ws = skeleton.get("ws", ["", ""])
    for child in list(parent[run.start : run.end]):
        parent.remove(child)
    # Build the new content into a holder element, then move it into place.
    holder = etree.Element("div")
    stack = [holder]
    open_keys: list[str] = []
    last: list[Any] = [None]

    def add_text(text: str) -> None:
        if not text:
            return
        if last[0] is None:
            stack[-1].text = (stack[-1].text or "") + text
        else:
            last[0].tail = (last[0].tail or "") + text

    pieces = parse_tagged(target)
    for piece in pieces:
        wanted = [t for t in piece.tags if t in tags and "tag" in tags[t]]
        common = 0
        while common < min(len(open_keys), len(wanted)) and open_keys[common] == wanted[common]:
            common += 1
        while len(open_keys) > common:
            open_keys.pop()
            last[0] = stack.pop()
        for key in wanted[common:]:
            el = etree.SubElement(stack[-1], tags[key]["tag"])
            for name, value in tags[key]["attrib"].items():
                try:
                    el.set(name, value)
                except ValueError:  # e.g. "xml:lang" from the HTML parser: not settable, harmless to drop
                    continue
            set_attrs(el, tags[key])
            stack.append(el)
            open_keys.append(key)
            last[0] = None
        if piece.placeholder:
            info = tags.get(piece.placeholder)
            if info and "html" in info:
                el = lxml.html.fragment_fromstring(info["html"], create_parent=False)
                el.tail = None
                if isinstance(el.tag, str):
                    set_attrs(el, info)
                stack[-1].append(el)
                last[0] = el
        else:
            add_text(piece.text)
    # Surrounding whitespace of the original run (indentation, newlines) is kept.
    holder.text = lead_ws + (holder.text or "")
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + trail_ws
    else:
        holder.text += trail_ws
    if run.start == 0:
        parent.text = holder.text
    else:
        parent[run.start - 1].tail = holder.text
    for offset, child in enumerate(list(holder)):
        parent.insert(run.start + offset, child)


def _decode(data: bytes, filename: str) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, filename)[0]


def _parse(text: str, filename: str) -> Any:
    import lxml.html
    from lxml import etree

    reject_doctype_entities(text[:65536].encode("utf-8", errors="replace"), filename)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    # huge_tree: a 10 MB page may hold multi-megabyte scripts or data: URIs; HTML parsing expands no
    # entities and input size is capped by max_bytes, so lifting libxml2's node-size limit is safe.
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, huge_tree=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"{filename}: the HTML could not be parsed ({exc}).") from None


class HtmlFormat(Format):
    """HTML pages and fragments; output is UTF-8 with ``lang`` set to the target language."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    label = "Web page"
    max_bytes = 50 * MB

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        text = _decode(data, filename)
        root = _parse(text, filename)
        paragraphs: list[Paragraph] = []
        attributes = list(iter_attributes(root))
        attr_refs: dict[int, dict[str, int]] = {}
        for ordinal, (el, attr) in enumerate(attributes):
            attr_refs.setdefault(id(el), {})[attr] = ordinal
        for ordinal, run in enumerate(iter_runs(root)):
            tagged, tags = _to_tagged(run, attr_refs)
            body = tagged.strip()
            if not body:
                continue
            raw_lead = _lead(run)
            raw_tail = (run.parent[run.end - 1].tail or "") if run.end > run.start else raw_lead
            ws = [raw_lead[: len(raw_lead) - len(raw_lead.lstrip())], raw_tail[len(raw_tail.rstrip()) :]]
            kind = _KIND.get(_tag(run.parent), "text")
            skeleton = {"ordinal": ordinal, "tags": tags, "ws": ws}
            paragraphs.append(build_paragraph(doc_id, len(paragraphs), body, kind, skeleton))
        for ordinal, (el, attr) in enumerate(attributes):
            value = _WS.sub(" ", el.get(attr, "")).strip()
            skeleton = {"attr_ordinal": ordinal, "attr": attr}
            paragraphs.append(
                build_paragraph(doc_id, len(paragraphs), escape_literal_tags(value), "attribute", skeleton)
            )
        fragment = not re.search(r"<(html|body)[\s>]", text[:65536], re.I)
        return Document(
            id=doc_id, name=filename, paragraphs=paragraphs, format=self.name,
            skeleton={"source": text, "fragment": fragment},
        )

    def render(self, doc: Document) -> bytes:
        import lxml.html

        text = doc.skeleton.get("source", "")
        root = _parse(text, doc.name)
        by_ordinal = {p.skeleton["ordinal"]: p for p in doc.paragraphs if p.segments and "ordinal" in p.skeleton}
        by_attr = {p.skeleton["attr_ordinal"]: p for p in doc.paragraphs if p.segments and "attr_ordinal" in p.skeleton}
        attr_values: dict[int, str] = {}
        for ordinal, (el, attr) in enumerate(list(iter_attributes(root))):
            para = by_attr.get(ordinal)
            if para is not None and para.target_text() != para.text:
                attr_values[ordinal] = strip_tags(para.target_text())
                el.set(attr, attr_values[ordinal])
        runs = list(iter_runs(root))  # collect first: applying changes the tree being walked
        # Last run first: replacing a run changes the child positions of later runs in the same parent.
        for ordinal, run in reversed(list(enumerate(runs))):
            para = by_ordinal.get(ordinal)
            if para is None:
                continue
            target = para.target_text()
            if target != para.text:
                _apply(run, target, para.skeleton, attr_values)
        if root.get("lang"):
            root.set("lang", doc.target_lang)
        for meta in root.iter("meta"):
            if meta.get("charset"):
                meta.set("charset", "utf-8")
            elif (meta.get("http-equiv") or "").lower() == "content-type":
                meta.set("content", "text/html; charset=utf-8")
        if doc.skeleton.get("fragment"):
            body = root.find("body")
            container = body if body is not None else root
            out = (container.text or "") + "".join(
                lxml.html.tostring(c, encoding="unicode") for c in container
            )
            return out.encode("utf-8")
        doctype = root.getroottree().docinfo.doctype
        html = lxml.html.tostring(root, encoding="unicode", doctype=doctype or None)
        return html.encode("utf-8")
