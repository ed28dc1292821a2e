"""Read and write glossaries: CSV/TSV (any common encoding) and TBX.

Glossaries come from spreadsheets and terminology tools, so reading is forgiving and loud: every
row that cannot be used is skipped with a message naming the file and the row, duplicates and
conflicting rows are reported (never merged silently), and only a file with *nothing* usable
raises :class:`~workbench.glossary.model.GlossaryError`.

TBX is XML from outside: it is screened with ``defusedxml`` (entity declarations, the source of
"billion laughs" bombs and XXE, are refused) before translate-toolkit parses it with its safe
parser (no entity resolution, no network).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from workbench.glossary.model import MATCH_MODES, Entry, Glossary, GlossaryError, fold

MAX_GLOSSARY_BYTES = 20 * 1024 * 1024  # a 10,000-term TBX is about 10 MB
MAX_ENTRIES = 100_000  # compiling costs ~0.1 ms per word: beyond this, loading would stall the UI
CSV_COLUMNS = ("source", "target", "note", "pos", "case_sensitive", "match_mode", "forbidden", "dnt")

_ALIASES: dict[str, str] = {
    "source": "source", "term": "source", "ru": "source", "russian": "source",
    "source term": "source", "термин": "source", "source_term": "source",
    "target": "target", "translation": "target", "en": "target", "english": "target",
    "target term": "target", "перевод": "target", "target_term": "target",
    "note": "note", "notes": "note", "comment": "note", "comments": "note",
    "description": "note", "примечание": "note",
    "pos": "pos", "part of speech": "pos", "part_of_speech": "pos",
    "case_sensitive": "case_sensitive", "case sensitive": "case_sensitive", "case": "case_sensitive",
    "match_mode": "match_mode", "match": "match_mode", "mode": "match_mode",
    "forbidden": "forbidden", "forbidden variants": "forbidden", "avoid": "forbidden",
    "dnt": "dnt", "do not translate": "dnt", "do_not_translate": "dnt",
}
_TRUE = {"1", "yes", "y", "true", "x", "да", "+"}
_FALSE = {"0", "no", "n", "false", "нет", "-"}
_DNT_NOTE = re.compile(r"\b(do[ -]not[ -]translate|dnt|не переводить)\b", re.IGNORECASE)
_SETTINGS_NOTE = "workbench"  # TBX <note from="workbench"> carries match mode / case settings


# -- bytes → text ------------------------------------------------------------------------------


def read_limited(path: Path) -> bytes:
    """The file's bytes, refusing missing, empty-path or oversized files with a clear message."""
    if not path.is_file():
        raise GlossaryError(f"glossary file {path} does not exist (check the path)")
    size = path.stat().st_size
    if size > MAX_GLOSSARY_BYTES:
        raise GlossaryError(
            f"glossary file {path} is {size / 1048576:.0f} MB, more than the "
            f"{MAX_GLOSSARY_BYTES // 1048576} MB limit: split it or remove unused entries"
        )
    return path.read_bytes()


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else the encoding
    ``charset-normalizer`` finds most likely (cp1251 spreadsheets exported on Windows...)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise GlossaryError(f"{name} is a binary file, not a CSV/TSV/TBX glossary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise GlossaryError(
                f"{name} is not readable text (unknown encoding): save it as UTF-8 CSV"
            ) from None
        text = str(best)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n")
    if controls > max(8, len(text) // 200):
        raise GlossaryError(f"{name} looks like a binary file, not a CSV/TSV/TBX glossary")
    return text


# -- CSV / TSV ---------------------------------------------------------------------------------


def _flag(value: str, column: str, where: str, problems: list[str]) -> bool | None:
    v = value.strip().lower()
    if not v or v == "auto":
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    problems.append(f"{where}: {column} value {value!r} is not yes/no/auto — ignored")
    return None


def _split_variants(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[|;]", value) if v.strip()]


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_delimited(text: str, name: str, suffix: str = ".csv") -> Glossary:
    """Parse CSV/TSV text with a ``source,target[,note,...]`` header into a glossary."""
    problems: list[str] = []
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    if not first:
        raise GlossaryError(f"{name} is empty: add a header row 'source,target,note' and terms")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first, suffix))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        problems.append(f"{name}, row {reader.line_num + 1}: unreadable ({exc}) — rest of file skipped")
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise GlossaryError(f"{name} is empty: add a header row 'source,target,note' and terms")
    header = [_ALIASES.get(fold(c).strip().strip("\ufeff"), "") for c in rows[0][1]]
    if "source" in header and "target" in header:
        body = rows[1:]
        for col, raw in zip(header, rows[0][1], strict=True):
            if not col and raw.strip():
                problems.append(f"{name}, row {rows[0][0]}: unknown column {raw.strip()!r} ignored")
    else:
        header = ["source", "target", "note"]
        body = rows
        problems.append(
            f"{name}, row {rows[0][0]}: no 'source,target' header — reading columns as source, target, note"
        )
    entries: list[Entry] = []
    for line_no, row in body:
        where = f"{name}, row {line_no}"
        cells = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(header) if col}
        source, target = cells.get("source", ""), cells.get("target", "")
        note = cells.get("note", "")
        dnt = _flag(cells.get("dnt", ""), "dnt", where, problems)
        if dnt is None:
            dnt = bool(_DNT_NOTE.search(note))
        if not source:
            problems.append(f"{where}: missing source term — row skipped")
            continue
        if not target and not dnt:
            problems.append(f"{where}: missing target for {source!r} — row skipped")
            continue
        mode = cells.get("match_mode", "").strip().lower() or "lemma"
        if mode not in MATCH_MODES:
            problems.append(f"{where}: match mode {mode!r} unknown (use lemma, exact or prefix) — using lemma")
            mode = "lemma"
        entries.append(
            Entry(
                source=source,
                target=target,
                note=note,
                pos=cells.get("pos", ""),
                case_sensitive=_flag(cells.get("case_sensitive", ""), "case_sensitive", where, problems),
                match_mode=mode,  # type: ignore[arg-type]
                forbidden=_split_variants(cells.get("forbidden", "")),
                dnt=dnt,
                origin=where,
            )
        )
    return _finish(entries, problems, name)


def _finish(entries: list[Entry], problems: list[str], name: str) -> Glossary:
    """Report duplicates and conflicts, drop exact duplicates, refuse a glossary with no entry."""
    if len(entries) > MAX_ENTRIES:
        problems.append(
            f"{entries[MAX_ENTRIES].origin}: more than {MAX_ENTRIES:,} entries — the rest of {name} "
            "is ignored (split the glossary by subject)"
        )
        entries = entries[:MAX_ENTRIES]
    seen: dict[str, Entry] = {}
    kept: list[Entry] = []
    for entry in entries:
        for variant in entry.forbidden:
            if fold(variant) == fold(entry.target):
                problems.append(f"{entry.origin}: forbidden variant {variant!r} is the target itself — ignored")
        entry.forbidden = [v for v in entry.forbidden if fold(v) != fold(entry.target)]
        key = fold(entry.source) + "\x00" + entry.match_mode
        first = seen.get(key)
        if first is None:
            seen[key] = entry
            kept.append(entry)
        elif fold(first.target) == fold(entry.target):
            problems.append(
                f"{entry.origin}: duplicate of {first.origin} ({entry.source!r}) — skipped"
            )
        else:
            problems.append(
                f"{entry.origin}: {entry.source!r} → {entry.target!r} conflicts with "
                f"{first.origin} ({first.target!r}) — both kept, the first wins where both match"
            )
            kept.append(entry)
    if not kept:
        detail = f" ({len(problems)} problems: {problems[0]})" if problems else ""
        raise GlossaryError(f"{name} has no usable entries{detail}")
    return Glossary(kept, problems, name=name)


def write_csv(glossary: Glossary | Iterable[Entry], path: Path, delimiter: str = ",") -> None:
    """Write entries as UTF-8 CSV with every column (round-trips through :func:`load_glossary`)."""
    entries = glossary.entries if isinstance(glossary, Glossary) else list(glossary)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([
            e.source, e.target, e.note, e.pos,
            "" if e.case_sensitive is None else ("yes" if e.case_sensitive else "no"),
            e.match_mode if e.match_mode != "lemma" else "",
            "|".join(e.forbidden), "yes" if e.dnt else "",
        ])
    _atomic_write(path, buf.getvalue().encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write next to the destination and rename, so a failure never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# -- TBX ---------------------------------------------------------------------------------------


def _screen_xml(data: bytes, name: str) -> None:
    """Refuse entity declarations (bombs, XXE) and report malformed XML with its line."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise GlossaryError(
            f"{name} declares XML entities ({type(exc).__name__}), which glossaries never need and "
            "attacks use: remove the <!ENTITY> declarations"
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise GlossaryError(f"{name}, line {line}: malformed TBX/XML ({exc})") from None


def _settings_from_note(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def parse_tbx(data: bytes, name: str) -> Glossary:
    """Read a TBX file (Russian source, English target); deprecated English terms become
    forbidden variants, ``Translation needed: no`` marks do-not-translate entries."""
    _screen_xml(data, name)
    from translate.storage import tbx

    try:
        store = tbx.tbxfile.parsestring(data, sourcelanguage="ru", targetlanguage="en")
    except Exception as exc:  # translate-toolkit raises assorted errors on odd structure
        raise GlossaryError(f"{name}: not a TBX glossary ({exc})") from None
    problems: list[str] = []
    entries: list[Entry] = []
    for number, unit in enumerate(store.units, start=1):
        where = f"{name}, entry {number}"
        sources = [t for t in unit.get_source_terms() if t.text.strip()]
        targets = [t for t in unit.get_target_terms() if t.text.strip()]
        preferred_src = [t for t in sources if not t.deprecated]
        preferred_tgt = [t for t in targets if not t.deprecated]
        if not preferred_src:
            problems.append(f"{where}: no Russian term — entry skipped")
            continue
        settings = _settings_from_note(unit.getnotes(origin=_SETTINGS_NOTE))
        needed = [n for n in unit.xmlelement.iter(unit.namespaced("descrip"))
                  if n.get("type") == "Translation needed"]
        dnt = (needed[0].text or "").strip().lower() == "no" if needed else settings.get("dnt") == "yes"
        if not preferred_tgt and not dnt:
            problems.append(f"{where}: missing English target for {preferred_src[0].text!r} — entry skipped")
            continue
        notes = [n.text for n in unit.get_common_notes(source=False) if n.origin != _SETTINGS_NOTE
                 and n.category != "partOfSpeech" and n.text.strip()]
        pos = next((n.text for t in preferred_src for n in t.notes if n.category == "partOfSpeech"), "")
        case = settings.get("case_sensitive", "")
        mode = settings.get("match_mode", "lemma")
        if mode not in MATCH_MODES:
            problems.append(f"{where}: match mode {mode!r} unknown — using lemma")
            mode = "lemma"
        for extra in preferred_src[1:]:
            problems.append(f"{where}: synonym {extra.text!r} not used (one Russian term per entry)")
        entries.append(
            Entry(
                source=preferred_src[0].text,
                target=preferred_tgt[0].text if preferred_tgt else preferred_src[0].text,
                note="; ".join(dict.fromkeys(notes)),
                pos=pos,
                case_sensitive=None if not case else case == "yes",
                match_mode=mode,  # type: ignore[arg-type]
                forbidden=[t.text for t in targets if t.deprecated],
                dnt=dnt,
                origin=where,
            )
        )
    if not entries and not problems:
        raise GlossaryError(f"{name} contains no TBX term entries")
    return _finish(entries, problems, name)


def write_tbx(glossary: Glossary | Iterable[Entry], path: Path) -> None:
    """Write a TBX file with translate-toolkit: forbidden variants as deprecated English terms,
    do-not-translate as ``Translation needed: no``, matching settings in a workbench note."""
    from lxml import etree
    from translate.storage import tbx

    entries = glossary.entries if isinstance(glossary, Glossary) else list(glossary)
    store = tbx.tbxfile(sourcelanguage="ru", targetlanguage="en")
    for e in entries:
        unit = store.addsourceunit(e.source)
        unit.set_target_terms([e.target, *e.forbidden], lang="en")
        if e.forbidden:
            lang = unit.get_target_dom("en")
            for tig in lang.findall(unit.namespaced("tig"))[1:]:
                status = etree.SubElement(tig, unit.namespaced("termNote"))
                status.set("type", "administrativeStatus")
                status.text = "deprecatedTerm-admn-sts"
        if e.pos:
            tig = unit.source_dom.find(unit.namespaced("tig"))
            pos = etree.SubElement(tig, unit.namespaced("termNote"))
            pos.set("type", "partOfSpeech")
            pos.text = e.pos
        if e.note:
            unit.addnote(e.note)
        if e.dnt:
            flag = etree.SubElement(unit.xmlelement, unit.namespaced("descrip"))
            flag.set("type", "Translation needed")
            flag.text = "no"
        settings = []
        if e.match_mode != "lemma":
            settings.append(f"match_mode={e.match_mode}")
        if e.case_sensitive is not None:
            settings.append(f"case_sensitive={'yes' if e.case_sensitive else 'no'}")
        if settings:
            unit.addnote("; ".join(settings), origin=_SETTINGS_NOTE)
    _atomic_write(path, bytes(store))


# -- entry points ------------------------------------------------------------------------------


def load_glossary(path: str | Path) -> Glossary:
    """Load a CSV, TSV or TBX glossary; problems with single rows are in ``glossary.problems``.

    Raises :class:`GlossaryError` only when nothing is usable (missing, empty, binary, oversized
    or malformed file, entity bomb).
    """
    path = Path(path)
    name = str(path)
    data = read_limited(path)
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml") or data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_tbx(data, name)
    return parse_delimited(decode_text(data, name), name, suffix)


def save_glossary(glossary: Glossary | Iterable[Entry], path: str | Path) -> None:
    """Write CSV, TSV or TBX depending on the extension of ``path``."""
    path = Path(path)
    if path.suffix.lower() in (".tbx", ".xml"):
        write_tbx(glossary, path)
    elif path.suffix.lower() in (".csv", ".tsv"):
        write_csv(glossary, path, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    else:
        raise GlossaryError(f"cannot write {path}: use a .csv, .tsv or .tbx file name")
