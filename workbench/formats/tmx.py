"""TMX 1.4 translation memories: read files from any CAT tool, write approved work back out.

Parsing and writing go through translate-toolkit's :mod:`translate.storage.tmx` (the reference
implementation many CAT tools are tested against; it parses 100,000 units in ≈ 1.5 s here, well
inside the 30 s import goal, so no hand-written streaming parser is needed).  Around it this
module adds what real-world files need:

* **Language matching by base language.**  OmegaT writes ``ru-RU``/``EN-US``, memoQ ``ru``,
  Trados sometimes adds a third ``tuv``; a unit's source and target are picked by language tag
  (exact tag first, then the same base language, case-insensitive), not by position or by the
  header's ``srclang``.
* **Inline markup.**  ``<bpt>``/``<ept>``/``<ph>``/``<it>``/``<ut>`` hold the *native* codes of the
  original format (``<b>``, ``{1}``...), so their content is dropped and only the text is kept;
  ``<hi>``/``<sub>`` text is kept.
* **Hostile XML.**  A TMX never needs entity declarations, so any DOCTYPE that declares entities
  (XXE, "billion laughs") is refused with a :class:`~workbench.formats.safety.FormatError` before
  the document is parsed; the parser never loads DTDs or touches the network anyway.
* **Atomic writes**: a temporary file in the target folder, renamed on success.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.formats.safety import FormatError, atomic_write

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: TMX's date format (ISO 8601 basic, UTC).
TMX_DATE = "%Y%m%dT%H%M%SZ"
#: Inline elements whose content is native markup of the original file, not translatable text.
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}
#: Largest TMX file read (the whole file is parsed in memory: ≈ 10× its size in RAM).  100,000
#: units are ≈ 30 MB; ``WORKBENCH_MAX_TMX_MB`` raises the limit for larger memories.
DEFAULT_MAX_TMX_MB = 512
#: Props used to carry a unit's neighbours, so in-context matches survive a TMX round trip.
PROP_PREV = "x-context-prev"
PROP_NEXT = "x-context-next"


@dataclass
class TranslationPair:
    """One source/target pair of a translation memory, with what TMX can say about it."""

    source: str
    target: str
    note: str = ""
    created: datetime | None = None
    props: dict[str, str] = field(default_factory=dict)


def parse_tmx_date(value: str | None) -> datetime | None:
    """``20251107T120000Z`` (and the ISO forms some tools write) → aware datetime; junk → None."""
    if not value:
        return None
    value = value.strip()
    for fmt in (TMX_DATE, "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def format_tmx_date(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(TMX_DATE)


def _lang_key(tag: str | None) -> str:
    return (tag or "").strip().replace("_", "-").lower()


def _pick(langs: dict[str, Any], wanted: str) -> Any:
    """The node for ``wanted``: exact tag first, then any tag of the same base language."""
    key = _lang_key(wanted)
    if key in langs:
        return langs[key]
    base = key.split("-", 1)[0]
    for tag, node in langs.items():
        if tag.split("-", 1)[0] == base:
            return node
    return None


def _seg_text(seg: Any) -> str:
    """Text of a ``<seg>``: inline native codes dropped, ``<hi>``/``<sub>`` text kept."""
    parts: list[str] = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag and tag not in _NATIVE_CODE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _check_prolog(data: bytes, name: str) -> None:
    """Refuse entity declarations and non-TMX roots before the document is parsed (see the
    module docstring).  Only the prolog is parsed: iteration stops at the root's start tag.
    """
    from lxml import etree

    parser = etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False,
                             no_network=True, load_dtd=False, huge_tree=False)
    try:
        for _event, element in parser:
            dtd = element.getroottree().docinfo.internalDTD
            if dtd is not None and any(True for _ in dtd.iterentities()):
                raise FormatError(
                    f"{name}: declares XML entities, which TMX files never need (a hostile file?); "
                    "refusing to read it. Export the memory again from its CAT tool."
                )
            if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "tmx":
                raise FormatError(f"{name}: not a TMX file (the root element is not <tmx>).")
            return
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"{name}: not a well-formed TMX file ({exc}); check the file.") from None


def read_tmx(path: str | Path, source_lang: str = "ru", target_lang: str = "en") -> list[TranslationPair]:
    """Read the ``source_lang`` → ``target_lang`` pairs of a TMX file from any CAT tool.

    Units without both languages (or with an empty source) are skipped.  Raises
    :class:`FormatError` for unreadable, malformed or hostile files, and when the file holds no
    unit in the requested languages (the message lists the languages it does hold).
    """
    from lxml import etree
    from translate.storage import tmx

    path = Path(path)
    from workbench.formats.safety import MB, read_limited

    try:
        limit = int(float(os.environ.get("WORKBENCH_MAX_TMX_MB") or DEFAULT_MAX_TMX_MB) * MB)
    except ValueError:
        raise FormatError("WORKBENCH_MAX_TMX_MB must be a number of megabytes.") from None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_limited reports missing/unreadable files
    if size > limit:
        raise FormatError(
            f"{path.name}: the file is {size / MB:.0f} MB, above the {limit / MB:.0f} MB limit for TMX; "
            "split it or raise WORKBENCH_MAX_TMX_MB."
        )
    data = read_limited(path, limit)
    if not data.strip():
        raise FormatError(f"{path.name}: the file is empty.")
    _check_prolog(data, path.name)
    try:
        store = tmx.tmxfile(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"{path.name}: not a well-formed TMX file ({exc}); check the file.") from None
    except AssertionError:
        raise FormatError(f"{path.name}: not a TMX file (the root element is not <tmx>).") from None

    pairs: list[TranslationPair] = []
    seen_langs: set[str] = set()
    for unit in store.units:
        tu = unit.xmlelement
        langs: dict[str, Any] = {}
        notes: list[str] = []
        props: dict[str, str] = {}
        for child in tu:
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "tuv":
                langs.setdefault(_lang_key(child.get(XML_LANG) or child.get("lang")), child)
            elif tag == "note" and child.text:
                notes.append(child.text.strip())
            elif tag == "prop" and child.get("type"):
                props[child.get("type")] = child.text or ""
        seen_langs.update(langs)
        src_node, tgt_node = _pick(langs, source_lang), _pick(langs, target_lang)
        if src_node is None or tgt_node is None or src_node is tgt_node:
            continue
        src_seg, tgt_seg = src_node.find("{*}seg"), tgt_node.find("{*}seg")
        if src_seg is None or tgt_seg is None:
            continue
        source, target = _seg_text(src_seg), _seg_text(tgt_seg)
        if not source.strip():
            continue
        # the latest date any of the three elements carries: when the pair was last confirmed
        dates = [parse_tmx_date(node.get(attr)) for node in (tu, src_node, tgt_node)
                 for attr in ("changedate", "creationdate")]
        created = max((d for d in dates if d is not None), default=None)
        pairs.append(TranslationPair(source=source, target=target, note="\n".join(notes), created=created,
                                     props=props))
    if not pairs and seen_langs:
        raise FormatError(
            f"{path.name}: no {source_lang}→{target_lang} units; the file holds "
            f"{', '.join(sorted(seen_langs))}. Choose the matching languages."
        )
    return pairs


def write_tmx(pairs: Iterable[TranslationPair], path: str | Path, source_lang: str = "ru",
              target_lang: str = "en") -> int:
    """Write ``pairs`` as TMX 1.4 (atomically); returns the number of units written."""
    from lxml import etree
    from translate.misc.xml_helpers import safely_set_text
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "workbench")
        header.set("creationtoolversion", _version())
    count = 0
    for pair in pairs:
        unit = store.addsourceunit(pair.source)
        unit.settarget(pair.target, target_lang, append=True)
        tu = unit.xmlelement
        if pair.created is not None:
            tu.set("creationdate", format_tmx_date(pair.created))
        if pair.note:
            unit.addnote(pair.note)
        first_tuv = tu.find("tuv")
        for key, value in pair.props.items():
            prop = etree.Element("prop", type=key)
            safely_set_text(prop, value)
            first_tuv.addprevious(prop)
        count += 1
    data = bytes(store)
    path = Path(path)
    try:
        with atomic_write(path) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise FormatError(f"{path}: cannot be written ({exc.strerror}).") from None
    return count


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("workbench")
    except Exception:  # not installed as a distribution (source checkout)
        return "0"
