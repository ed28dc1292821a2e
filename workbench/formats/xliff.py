"""XLIFF 1.2 and 2.0: exchange with other CAT tools, read back with statuses and notes.

Export writes one ``<group>`` (1.2) or ``<unit>`` (2.0) per paragraph and one trans-unit /
segment per sentence, so a round trip keeps every segment, its status and its note.  Workflow
statuses map onto the standard states both ways:

=============  =========================================  ===================================
Status         XLIFF 1.2 ``state``                        XLIFF 2.0 ``state`` (``subState``)
=============  =========================================  ===================================
new            ``new`` (also ``needs-translation``...)    ``initial``
draft          ``needs-review-translation``               ``initial`` (``wb:draft``)
translated     ``translated``                             ``translated``
reviewed       ``signed-off``                             ``reviewed``
approved       ``final`` + ``approved="yes"``             ``final``
=============  =========================================  ===================================

Inline tags become ``<g>``/``<x>`` (1.2) and ``<pc>``/``<ph>`` (2.0).  Imported XLIFF files are
written back *in place*: the original file is kept and only targets, states and notes change, so
another tool's metadata survives.  Parsing refuses entity declarations and never touches the
network (:func:`workbench.formats.safety.parse_xml`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.document import Document, Origin, Paragraph, Segment, Status, segment_id
from workbench.formats.base import Format
from workbench.formats.inline import TAG_RE, balance_tags, escape_literal_tags
from workbench.formats.safety import MB, FormatError, atomic_write_bytes, parse_xml

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
WB_NS = "urn:x-workbench:xliff"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

STATE12 = {
    Status.NEW: "new", Status.DRAFT: "needs-review-translation", Status.TRANSLATED: "translated",
    Status.REVIEWED: "signed-off", Status.APPROVED: "final",
}
STATE20 = {
    Status.NEW: "initial", Status.DRAFT: "initial", Status.TRANSLATED: "translated",
    Status.REVIEWED: "reviewed", Status.APPROVED: "final",
}
_CTYPE = {"b": "bold", "i": "italic", "u": "underlined", "a": "link"}
_CTYPE_BACK = {v: k for k, v in _CTYPE.items()}
_SUBTYPE = {"b": "xlf:b", "i": "xlf:i", "u": "xlf:u"}
_SUBTYPE_BACK = {v: k for k, v in _SUBTYPE.items()}


def status_from_12(state: str | None, approved: bool, has_target: bool) -> Status:
    """XLIFF 1.2 state (and ``approved``) → workflow status."""
    if approved or state in ("final",):
        return Status.APPROVED
    if state == "signed-off":
        return Status.REVIEWED
    if state == "translated":
        return Status.TRANSLATED
    if state and state.startswith("needs-review"):
        return Status.DRAFT
    return Status.DRAFT if has_target else Status.NEW


def status_from_20(state: str | None, has_target: bool) -> Status:
    """XLIFF 2.0 state → workflow status (``initial`` with a target is a draft)."""
    return {
        "final": Status.APPROVED, "reviewed": Status.REVIEWED, "translated": Status.TRANSLATED,
    }.get(state or "", Status.DRAFT if has_target else Status.NEW)


# ----------------------------------------------------------------------------- inline content
def _fill(parent: Any, tagged: str, ns: str, version: str, ids: dict[str, str] | None = None) -> None:
    """Write tagged text into ``parent`` as XLIFF inline elements."""
    from lxml import etree

    tagged, _ = balance_tags(tagged)
    stack = [parent]
    last: Any = None  # element whose tail receives the next text

    def add_text(text: str) -> None:
        if not text:
            return
        if last is None:
            stack[-1].text = (stack[-1].text or "") + text
        else:
            last.tail = (last.tail or "") + text

    pos = 0
    for m in TAG_RE.finditer(tagged):
        add_text(tagged[pos : m.start()])
        pos = m.end()
        closing, letter, num, selfclosing = m.groups()
        xid = (ids or {}).get(f"{letter}{num}", num)
        if selfclosing:
            el = etree.SubElement(stack[-1], f"{{{ns}}}{'x' if version == '1.2' else 'ph'}", id=xid)
            last = el
        elif closing:
            if len(stack) > 1:
                last = stack.pop()
        else:
            if version == "1.2":
                el = etree.SubElement(stack[-1], f"{{{ns}}}g", id=xid)
                if letter in _CTYPE:
                    el.set("ctype", _CTYPE[letter])
            else:
                el = etree.SubElement(stack[-1], f"{{{ns}}}pc", id=xid)
                if letter == "a":
                    el.set("type", "link")
                elif letter in _SUBTYPE:
                    el.set("type", "fmt")
                    el.set("subType", _SUBTYPE[letter])
            stack.append(el)
            last = None
    add_text(tagged[pos:])


def _inline_text(el: Any, ids: dict[str, str]) -> str:
    """XLIFF inline content → tagged text; ``ids`` maps our tag keys to the file's ids."""
    numbers = {v: k[1:] for k, v in ids.items()}

    def number(xid: str) -> str:
        """Keep the file's numeric ids (our own exports); number other ids freshly."""
        if xid in numbers:
            return numbers[xid]
        used = set(numbers.values())
        if xid.isdigit() and xid not in used:
            return xid
        n = len(used) + 1
        while str(n) in used:
            n += 1
        return str(n)

    out: list[str] = [escape_literal_tags(el.text or "")]
    for child in el:
        if not isinstance(child.tag, str):
            out.append(escape_literal_tags(child.tail or ""))
            continue
        local = child.tag.rsplit("}", 1)[-1]
        xid = child.get("id") or f"auto{len(ids) + 1}"
        if local in ("g", "pc", "mrk"):
            if local == "mrk":  # annotations: keep the text, drop the marker
                out.append(_inline_text(child, ids))
            else:
                letter = _CTYPE_BACK.get(child.get("ctype", ""), "")
                if local == "pc":
                    letter = "a" if child.get("type") == "link" else _SUBTYPE_BACK.get(child.get("subType", ""), "")
                num = number(xid)
                key = f"{letter or 'g'}{num}"
                ids.setdefault(key, xid)
                numbers[xid] = num
                out.append(f"<{key}>{_inline_text(child, ids)}</{key}>")
        else:  # x, ph, bx, ex, bpt, ept, it, sc, ec, cp: standalone placeholders
            num = number(xid)
            ids.setdefault(f"x{num}", xid)
            numbers[xid] = num
            out.append(f"<x{num}/>")
        out.append(escape_literal_tags(child.tail or ""))
    return "".join(out)


# ----------------------------------------------------------------------------- writing
def to_xliff_bytes(doc: Document, version: str = "1.2") -> bytes:
    """A fresh XLIFF file for ``doc``: one group/unit per paragraph, one unit/segment per sentence."""
    from lxml import etree

    if version == "1.2":
        root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12, "wb": WB_NS}, version="1.2")
        f = etree.SubElement(
            root, f"{{{NS12}}}file", original=doc.name, datatype="plaintext",
            **{"source-language": doc.source_lang, "target-language": doc.target_lang},
        )
        f.set(f"{{{WB_NS}}}document", doc.id)
        f.set(f"{{{WB_NS}}}format", doc.format)
        header = etree.SubElement(f, f"{{{NS12}}}header")
        etree.SubElement(header, f"{{{NS12}}}tool", **{"tool-id": "workbench", "tool-name": "workbench"})
        body = etree.SubElement(f, f"{{{NS12}}}body")
        for para in doc.paragraphs:
            if not para.segments:
                continue
            group = etree.SubElement(body, f"{{{NS12}}}group", id=f"p{para.index}")
            group.set(f"{{{WB_NS}}}kind", para.kind)
            for seg in para.segments:
                tu = etree.SubElement(group, f"{{{NS12}}}trans-unit", id=seg.id)
                tu.set(XML_SPACE, "preserve")
                if seg.status is Status.APPROVED:
                    tu.set("approved", "yes")
                if seg.origin:
                    tu.set(f"{{{WB_NS}}}origin", str(seg.origin))
                _fill(etree.SubElement(tu, f"{{{NS12}}}source"), seg.source, NS12, version)
                if seg.target or seg.status is not Status.NEW:
                    tgt = etree.SubElement(tu, f"{{{NS12}}}target", state=STATE12[seg.status])
                    _fill(tgt, seg.target, NS12, version)
                if seg.note:
                    etree.SubElement(tu, f"{{{NS12}}}note").text = seg.note
    elif version == "2.0":
        root = etree.Element(
            f"{{{NS20}}}xliff", nsmap={None: NS20, "wb": WB_NS}, version="2.0",
            srcLang=doc.source_lang, trgLang=doc.target_lang,
        )
        f = etree.SubElement(root, f"{{{NS20}}}file", id="f1", original=doc.name)
        f.set(f"{{{WB_NS}}}document", doc.id)
        f.set(f"{{{WB_NS}}}format", doc.format)
        for para in doc.paragraphs:
            if not para.segments:
                continue
            unit = etree.SubElement(f, f"{{{NS20}}}unit", id=f"p{para.index}")
            unit.set(f"{{{WB_NS}}}kind", para.kind)
            noted = [s for s in para.segments if s.note]
            if noted:
                notes = etree.SubElement(unit, f"{{{NS20}}}notes")
                for seg in noted:
                    etree.SubElement(notes, f"{{{NS20}}}note", id=f"note-s{seg.index}").text = seg.note
            for seg in para.segments:
                s = etree.SubElement(unit, f"{{{NS20}}}segment", id=f"s{seg.index}", state=STATE20[seg.status])
                s.set(f"{{{WB_NS}}}id", seg.id)
                if seg.status is Status.DRAFT:
                    s.set("subState", "wb:draft")
                if seg.origin:
                    s.set(f"{{{WB_NS}}}origin", str(seg.origin))
                src = etree.SubElement(s, f"{{{NS20}}}source")
                src.set(XML_SPACE, "preserve")
                _fill(src, seg.source, NS20, version)
                if seg.target or seg.status is not Status.NEW:
                    tgt = etree.SubElement(s, f"{{{NS20}}}target")
                    tgt.set(XML_SPACE, "preserve")
                    _fill(tgt, seg.target, NS20, version)
    else:
        raise FormatError(f"XLIFF version {version!r} is not supported; use 1.2 or 2.0.")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xliff(doc: Document, path: Path, version: str = "1.2") -> Path:
    """Export ``doc`` as XLIFF 1.2 or 2.0 (atomic write)."""
    return atomic_write_bytes(Path(path), to_xliff_bytes(doc, version))


# ----------------------------------------------------------------------------- reading
def _local(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _paragraph(doc_id: str, index: int, kind: str, units: list[dict[str, Any]]) -> Paragraph:
    """A paragraph whose segments are exactly the file's units (no re-segmentation)."""
    para = Paragraph(index=index, kind=kind, skeleton={"units": [u["ref"] for u in units], "ids": []})
    pieces: list[str] = []
    pos = 0
    for i, u in enumerate(units):
        if i:
            pieces.append(" ")
            pos += 1
        seg = Segment(
            id=segment_id(doc_id, index, i), paragraph=index, index=i, source=u["source"],
            start=pos, end=pos + len(u["source"]), target=u["target"], status=u["status"],
            note=u["note"], origin=u.get("origin"),
        )
        if seg.target and seg.origin is None:
            seg.origin = Origin.HUMAN
        pieces.append(u["source"])
        pos += len(u["source"])
        para.segments.append(seg)
        para.skeleton["ids"].append(u["ids"])
    para.text = "".join(pieces)
    return para


def _origin(el: Any) -> Origin | None:
    raw = el.get(f"{{{WB_NS}}}origin")
    try:
        return Origin(raw) if raw else None
    except ValueError:
        return None


def _read12(root: Any, doc_id: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    n = 0
    for f in root.iter(f"{{{NS12}}}file"):
        body = f.find(f"{{{NS12}}}body")
        if body is None:
            continue
        groups: list[tuple[str, list[Any]]] = []
        for tu in body.iter(f"{{{NS12}}}trans-unit"):
            if tu.get("translate") == "no":
                continue
            parent = tu.getparent()
            kind = parent.get(f"{{{WB_NS}}}kind", "text") if _local(parent) == "group" else "text"
            if _local(parent) == "group" and groups and groups[-1][1] and groups[-1][1][-1].getparent() is parent:
                groups[-1][1].append(tu)
            else:
                groups.append((kind, [tu]))
        for kind, tus in groups:
            units = []
            for tu in tus:
                n += 1
                ids: dict[str, str] = {}
                src = tu.find(f"{{{NS12}}}source")
                tgt = tu.find(f"{{{NS12}}}target")
                source = _inline_text(src, ids) if src is not None else ""
                target = _inline_text(tgt, ids) if tgt is not None else ""
                notes = [nt.text or "" for nt in tu.iter(f"{{{NS12}}}note")]
                units.append({
                    "ref": n - 1, "ids": ids, "source": source, "target": target,
                    "status": status_from_12(
                        tgt.get("state") if tgt is not None else None, tu.get("approved") == "yes", bool(target)
                    ),
                    "note": "\n".join(x for x in notes if x), "origin": _origin(tu),
                })
            if units:
                paragraphs.append(_paragraph(doc_id, len(paragraphs), kind, units))
    return paragraphs


def _read20(root: Any, doc_id: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    n = 0
    for unit in root.iter(f"{{{NS20}}}unit"):
        if unit.get("translate") == "no":
            continue
        notes = {nt.get("id", ""): nt.text or "" for nt in unit.iter(f"{{{NS20}}}note")}
        units = []
        for i, s in enumerate(unit.iter(f"{{{NS20}}}segment")):
            n += 1
            ids: dict[str, str] = {}
            src = s.find(f"{{{NS20}}}source")
            tgt = s.find(f"{{{NS20}}}target")
            source = _inline_text(src, ids) if src is not None else ""
            target = _inline_text(tgt, ids) if tgt is not None else ""
            status = status_from_20(s.get("state"), bool(target))
            if status is Status.NEW and s.get("subState") == "wb:draft":
                status = Status.DRAFT
            note = notes.pop(f"note-{s.get('id')}", "")
            if i == 0:  # unit-level notes that name no segment go to the first one
                note = "\n".join(x for x in [*[v for k, v in notes.items() if not k.startswith("note-s")], note] if x)
            units.append({"ref": n - 1, "ids": ids, "source": source, "target": target, "status": status,
                          "note": note, "origin": _origin(s)})
        if units:
            paragraphs.append(_paragraph(doc_id, len(paragraphs), unit.get(f"{{{WB_NS}}}kind", "text"), units))
    return paragraphs


def detect_version(root: Any) -> str:
    ns = root.tag.split("}", 1)[0].lstrip("{") if root.tag.startswith("{") else ""
    if ns == NS20 or (root.get("version") or "").startswith("2"):
        return "2.0"
    return "1.2"


class XliffFormat(Format):
    """XLIFF 1.2 / 2.0 documents; writing fills targets, states and notes into the original file."""

    name = "xliff"
    extensions = (".xlf", ".xliff")
    label = "XLIFF"
    max_bytes = 50 * MB

    def read(self, data: bytes, *, filename: str, doc_id: str) -> Document:
        from lxml import etree

        root = parse_xml(data, filename)
        if _local(root) != "xliff":
            raise FormatError(f"{filename}: not an XLIFF file (root element <{_local(root)}>).")
        version = detect_version(root)
        paragraphs = _read12(root, doc_id) if version == "1.2" else _read20(root, doc_id)
        if not paragraphs:
            raise FormatError(f"{filename}: the XLIFF file contains no translation units.")
        f = next(iter(root), None)
        src_lang = root.get("srcLang") or (f.get("source-language") if f is not None else None) or "ru"
        tgt_lang = root.get("trgLang") or (f.get("target-language") if f is not None else None) or "en"
        meta: dict[str, Any] = {"xliff_version": version}
        if f is not None and f.get(f"{{{WB_NS}}}document"):
            meta["xliff_document"] = f.get(f"{{{WB_NS}}}document")
        return Document(
            id=doc_id, name=filename, paragraphs=paragraphs, source_lang=src_lang, target_lang=tgt_lang,
            # Re-serialised as Unicode: the file may be UTF-16; the writer re-encodes as UTF-8.
            format=self.name, skeleton={"source": etree.tostring(root, encoding="unicode"), "version": version},
            meta=meta,
        )

    def render(self, doc: Document) -> bytes:
        from lxml import etree

        source = doc.skeleton.get("source")
        if not source:
            return to_xliff_bytes(doc, doc.skeleton.get("version", "1.2"))
        root = parse_xml(source.encode("utf-8"), doc.name)
        version = detect_version(root)
        ns = NS12 if version == "1.2" else NS20
        elements = [
            el for el in root.iter(f"{{{ns}}}trans-unit" if version == "1.2" else f"{{{ns}}}segment")
            if (el if version == "1.2" else el.getparent()).get("translate") != "no"
        ]
        for para in doc.paragraphs:
            for seg, ref, ids in zip(para.segments, para.skeleton.get("units", []),
                                     para.skeleton.get("ids", []), strict=False):
                if ref >= len(elements):
                    continue
                el = elements[ref]
                tgt = el.find(f"{{{ns}}}target")
                if tgt is None:
                    if not seg.target:
                        continue
                    tgt = etree.Element(f"{{{ns}}}target")
                    src = el.find(f"{{{ns}}}source")
                    if src is not None:
                        src.addnext(tgt)
                    else:
                        el.append(tgt)
                tail = tgt.tail
                for child in list(tgt):
                    tgt.remove(child)
                tgt.text = None
                _fill(tgt, seg.target, ns, version, {k: v for k, v in ids.items()})
                tgt.tail = tail
                if version == "1.2":
                    tgt.set("state", STATE12[seg.status])
                    if seg.status is Status.APPROVED:
                        el.set("approved", "yes")
                    elif el.get("approved"):
                        del el.attrib["approved"]
                    _set_note12(el, seg.note)
                else:
                    el.set("state", STATE20[seg.status])
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _set_note12(tu: Any, note: str) -> None:
    from lxml import etree

    existing = [nt.text or "" for nt in tu.iter(f"{{{NS12}}}note")]
    if note and note not in existing and "\n".join(existing) != note:
        etree.SubElement(tu, f"{{{NS12}}}note", **{"from": "workbench"}).text = note

