"""Defensive input handling shared by every format reader.

Files reach the workbench from e-mail attachments and web uploads, so every reader goes through
these checks before parsing anything: a size limit per format, a clear message for empty or binary
files, zip-bomb limits for Office containers and an XML parser that never resolves entities or
touches the network.  Writers use :func:`atomic_write` so a crash never leaves half a file behind.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import tempfile
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from workbench.errors import WorkbenchError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
#: Zip containers (.docx, .xlsx): total uncompressed size and per-member compression ratio limits.
MAX_UNZIPPED_BYTES = 200 * MB
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 5000


class FormatError(WorkbenchError):
    """A file cannot be read or written; the message names the file and says what to do."""


def max_bytes_from_env(default: int = DEFAULT_MAX_BYTES) -> int:
    """The size limit, overridable with ``WORKBENCH_MAX_FILE_MB`` for unusually large documents."""
    raw = os.environ.get("WORKBENCH_MAX_FILE_MB")
    if not raw:
        return default
    try:
        return int(float(raw) * MB)
    except ValueError:
        raise FormatError(f"WORKBENCH_MAX_FILE_MB must be a number of megabytes, not {raw!r}.") from None


def check_size(data: bytes, filename: str, limit: int) -> None:
    """Reject empty and oversized inputs before any parser sees them."""
    if not data or not data.strip():
        raise FormatError(f"{filename}: the file is empty; nothing to translate.")
    if len(data) > limit:
        raise FormatError(
            f"{filename}: the file is {len(data) / MB:.1f} MB, above the {limit / MB:.0f} MB limit; "
            "split it or raise WORKBENCH_MAX_FILE_MB."
        )


def read_limited(path: Path, limit: int) -> bytes:
    """Read a file, refusing before reading when it is larger than ``limit``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FormatError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise FormatError(f"{path}: cannot be read ({exc.strerror}).") from None
    if path.is_dir():
        raise FormatError(f"{path}: is a folder, not a document.")
    if size > limit:
        raise FormatError(
            f"{path.name}: the file is {size / MB:.1f} MB, above the {limit / MB:.0f} MB limit; "
            "split it or raise WORKBENCH_MAX_FILE_MB."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FormatError(f"{path}: cannot be read ({exc.strerror}).") from None


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_RUSSIAN_ENCODINGS = ("cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5")
_RUSSIAN_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчй")
_RUSSIAN_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_TYPOGRAPHY = set("«»—–…№“”„’‘\u00a0°§©®±×€")


def _russian_score(text: str) -> float:
    """How much ``text`` looks like Russian: frequent lowercase letters count, stray symbols cost.

    A wrong Cyrillic code page swaps case (KOI8-R read as cp1251) or yields letters from other
    alphabets and box-drawing symbols (mac_cyrillic, cp866), which this score penalises.
    """
    letters = good = bad = 0
    for c in text:
        if c.isascii():
            continue
        if c in _RUSSIAN_LETTERS:
            letters += 1
            good += c in _RUSSIAN_FREQUENT
        elif c not in _TYPOGRAPHY:
            bad += 1
    total = letters + bad
    return (good - 3 * bad) / total if total else 0.0


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not a text file."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 100)


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    """Decode a text file: BOM, then strict UTF-8, then the best Cyrillic legacy code page.

    charset-normalizer alone confuses cp1251 and KOI8-R on short Russian texts, so its guess is
    checked against a letter-frequency score over the usual Russian code pages.
    Returns ``(text, encoding)``.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise FormatError(
            f"{filename}: looks like a binary file, not text; open it in its own program and save it "
            "as plain text (UTF-8), or import it in its real format."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    candidates: dict[str, str] = {}
    for enc in _RUSSIAN_ENCODINGS:  # first wins ties: cp1251 is by far the most common
        with contextlib.suppress(UnicodeDecodeError):
            candidates[enc] = data.decode(enc)
    best = from_bytes(data).best()
    if best is not None:
        candidates.setdefault(best.encoding, str(best))
    if not candidates:
        raise FormatError(f"{filename}: the text encoding could not be recognised; save it as UTF-8.")
    enc = max(candidates, key=lambda e: _russian_score(candidates[e]))
    if _russian_score(candidates[enc]) < 0.2 and best is not None:
        enc = best.encoding  # not Russian text: trust the detector
    return candidates[enc], enc


def check_zip(data: bytes, filename: str, kind: str = "Word document") -> zipfile.ZipFile:
    """Open an Office container, rejecting non-zips and zip bombs *before* anything is extracted."""
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    if not data.startswith(b"PK\x03\x04"):
        raise FormatError(
            f"{filename}: not {article} {kind} (the file is not an Office zip container); "
            "check that it was saved in that format and not just renamed."
        )
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormatError(f"{filename}: not a valid {kind} ({exc}); re-save it and try again.") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise FormatError(f"{filename}: has {len(infos)} parts, too many for a {kind}; refusing to open it.")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1 * MB and ratio > MAX_ZIP_RATIO:
            raise FormatError(
                f"{filename}: part {info.filename} expands {ratio:.0f}× (a zip bomb?); refusing to open it."
            )
    if total > MAX_UNZIPPED_BYTES:
        raise FormatError(
            f"{filename}: would expand to {total / MB:.0f} MB (a zip bomb?); refusing to open it."
        )
    return zf


def xml_parser(*, recover: bool = False):  # -> lxml.etree.XMLParser
    """An lxml parser that never expands entities, loads DTDs or touches the network."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=False, recover=recover,
    )


def reject_doctype_entities(data: bytes, filename: str) -> None:
    """Refuse XML/HTML that declares entities (XXE, billion laughs) instead of silently mangling it.

    A DOCTYPE that merely names an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, HTML's
    ``about:legacy-compat``) is harmless: our parsers never load DTDs or touch the network.
    """
    head = data[:65536]
    if b"<!ENTITY" in head.upper() or b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y" in head.upper():
        raise FormatError(
            f"{filename}: declares XML entities, which is refused for safety (XXE, entity bombs); "
            "remove the DOCTYPE declaration and try again."
        )


def parse_xml(data: bytes, filename: str):  # -> lxml.etree._Element
    """Parse untrusted XML safely (entity declarations refused, no network, no huge trees)."""
    from lxml import etree

    reject_doctype_entities(data, filename)
    try:
        return etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"{filename}: not well-formed XML ({exc}); fix the file and try again.") from None


@functools.cache
def _umask() -> int:
    """The process umask (read once: setting and restoring it is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; rename it over ``path`` only on success."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise FormatError(f"{path}: the folder {path.parent} does not exist; create it first.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp creates 0600 files; give the result the permissions a plain open() would
        # (or those of the file it replaces), so exports are readable like any other file.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp_path, mode)
        os.replace(tmp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then ``os.replace``)."""
    with atomic_write(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
