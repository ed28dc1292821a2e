"""Translation memory: reuse approved work as exact, in-context and fuzzy matches.

Every approved segment goes in (source, target, document, neighbours, time).  A lookup returns,
best first:

* ``context`` — the same source with the same previous and next sentences (safest reuse: the
  pipeline fills these before MT),
* ``exact`` — the same source (after whitespace/«ё» normalisation),
* ``fuzzy`` — similar sources scored with :func:`rapidfuzz.fuzz.ratio` (0–100, capped at 99 so a
  fuzzy match never looks like an exact one), with a word-level diff the editor can highlight.

The memory lives in its own SQLite file (``tm.sqlite3`` in the data directory) so it can be
shared between projects, copied or deleted without touching documents, and has no dependency on
the UI or the store.

**Why an index.**  Scoring all 100,000 units of a large memory with ``fuzz.ratio`` costs ≈ 110 ms
per query, and an editor page asks for every visible segment.  A unit can only reach a ratio of
``t`` if its length is within ``[L·t/(200−t), L·(200−t)/t]`` of the query's length ``L`` (the
Indel ratio is ``2·LCS / (len₁ + len₂)``), and in practice it shares words with the query.  So the
in-memory index keeps an inverted list of word stems (first five letters, lower case, ё→е: a cheap
stemmer that lets «соглашения»/«соглашениям» meet); a query sums idf weights over the postings of
its stems with one ``numpy.bincount``, keeps the best-weighted few hundred units inside the length
bounds and only scores those with rapidfuzz.  Tests compare the results with brute force.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError

if TYPE_CHECKING:  # pragma: no cover - typing only
    import numpy as np

    from workbench.document import Document
    from workbench.formats.tmx import TranslationPair

#: Default fuzzy threshold (percent), as in OmegaT/MateCat.
DEFAULT_THRESHOLD = 70
#: How many best-weighted candidates are scored with rapidfuzz per query.
CANDIDATES = 400
#: Stem length: the first letters of a word stand in for its lemma (Russian endings vary).
STEM_LEN = 5

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


class TranslationMemoryError(WorkbenchError):
    """The translation memory file cannot be used; the message says what to do."""


# --------------------------------------------------------------------------------------------
# normalisation and diff
# --------------------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """Exact-match key: Unicode NFC, «ё» → «е», whitespace collapsed, ends stripped.

    Case and punctuation are kept: «Мир.» and «мир» are different sentences to translate.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WS.sub(" ", text.replace("ё", "е").replace("Ё", "Е")).strip()


def fuzzy_key(text: str) -> str:
    """What fuzzy scores compare: the exact key, case-folded."""
    return normalize(text).casefold()


def _stems(key: str) -> set[str]:
    return {w[:STEM_LEN] for w in _WORD.findall(key)}


def word_diff(query: str, source: str) -> list[tuple[str, str]]:
    """Word-level differences between ``query`` (the segment being translated) and ``source``
    (a TM unit's source), for highlighting.

    Returns ``(op, text)`` pairs with ``op`` in ``"equal"``, ``"insert"`` (words only in the TM
    source) and ``"delete"`` (words only in the query).  Texts keep their spacing, so joining the
    ``equal`` and ``insert`` parts gives back ``source`` exactly, and ``equal`` + ``delete`` parts
    give back ``query`` (up to the spacing and case of equal words, which are taken from
    ``source``).
    """
    from rapidfuzz.distance import Indel

    def tokens(text: str) -> tuple[list[str], list[str]]:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        if not spans:
            return [], []
        # each token carries the whitespace before it (the first also any leading space, the last
        # any trailing space), so parts concatenate back to the original text
        texts = []
        for i, (_start, end) in enumerate(spans):
            lo = 0 if i == 0 else spans[i - 1][1]
            hi = end if i + 1 < len(spans) else len(text)
            texts.append(text[lo:hi])
        keys = [fuzzy_key(text[s:e]) for s, e in spans]
        return keys, texts

    qk, qt = tokens(query)
    sk, st = tokens(source)
    out: list[tuple[str, str]] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in Indel.opcodes(qk, sk).as_list():
        if tag == "equal":
            emit("equal", "".join(st[j1:j2]))
        else:
            emit("delete", "".join(qt[i1:i2]))
            emit("insert", "".join(st[j1:j2]))
    return out


# --------------------------------------------------------------------------------------------
# data classes
# --------------------------------------------------------------------------------------------
@dataclass
class TmUnit:
    """One unit to add: a source/target pair with where and when it was approved."""

    source: str
    target: str
    doc_id: str = ""
    context_prev: str = ""
    context_next: str = ""
    created: datetime | str | None = None
    origin: str = "approved"
    note: str = ""


@dataclass
class TmMatch:
    """A lookup result.  ``score`` is 0–100; ``kind`` is ``"context"``, ``"exact"`` or ``"fuzzy"``;
    ``diff`` is :func:`word_diff` of the looked-up text against this unit's source."""

    source: str
    target: str
    score: float
    kind: str
    diff: list[tuple[str, str]] = field(default_factory=list)
    doc_id: str = ""
    created: str = ""
    origin: str = ""
    id: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "target": self.target, "score": self.score, "kind": self.kind,
            "diff": [list(d) for d in self.diff], "doc_id": self.doc_id, "created": self.created,
            "origin": self.origin, "id": self.id,
        }


_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm_units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    key TEXT NOT NULL,
    prev_key TEXT NOT NULL DEFAULT '',
    next_key TEXT NOT NULL DEFAULT '',
    doc_id TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'approved',
    created TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (key, target, prev_key, next_key)
);
CREATE INDEX IF NOT EXISTS tm_units_key ON tm_units(key);
"""
SCHEMA_VERSION = 1

_UPSERT = (
    "INSERT INTO tm_units(source, target, key, prev_key, next_key, doc_id, origin, created, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(key, target, prev_key, next_key) DO UPDATE SET"
    " created = max(created, excluded.created), doc_id = excluded.doc_id, origin = excluded.origin"
)


def _iso(value: datetime | str | None) -> str:
    if value is None:
        return datetime.now(UTC).isoformat(timespec="seconds")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="seconds")
    return str(value)


class _FuzzyIndex:
    """In-memory inverted index of word stems → unit positions (see the module docstring)."""

    def __init__(self) -> None:
        self.ids: array[int] = array("q")
        self.keys: list[str] = []
        self.lengths: array[int] = array("i")
        self.postings: dict[str, array[int]] = {}
        self.max_id = 0

    def __len__(self) -> int:
        return len(self.keys)

    def add_rows(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index ``(unit id, source)`` rows (ids ascending).  Hot loop at load time: ≈ 15 µs per
        unit, so names are bound locally."""
        postings, keys, ids, lengths = self.postings, self.keys, self.ids, self.lengths
        findall = _WORD.findall
        pos = len(keys)
        for unit_id, source in rows:
            key = fuzzy_key(source)
            keys.append(key)
            ids.append(unit_id)
            lengths.append(len(key))
            for stem in {w[:STEM_LEN] for w in findall(key)}:
                plist = postings.get(stem)
                if plist is None:
                    postings[stem] = plist = array("i")
                plist.append(pos)
            pos += 1
        if ids:
            self.max_id = max(self.max_id, ids[-1])

    def search(self, query_key: str, threshold: float, limit: int) -> list[tuple[int, float]]:
        """(unit id, ratio) of the best fuzzy candidates with ratio ≥ ``threshold``."""
        import numpy as np
        from rapidfuzz import fuzz, process

        n = len(self.keys)
        if n == 0 or not query_key:
            return []
        qlen = len(query_key)
        t = max(min(float(threshold), 100.0), 1.0)
        lo, hi = qlen * t / (200 - t), qlen * (200 - t) / t
        lengths = np.frombuffer(self.lengths, dtype=np.int32)

        # Every known stem votes, weighted by idf: frequent words cost postings to scan (still
        # ≈ 1 ms with numpy at 100,000 units) but dropping them lost near-duplicates that differ
        # only in their rare words, which are exactly the matches an editor wants.
        lists = [np.frombuffer(self.postings[s], dtype=np.int32)
                 for s in _stems(query_key) if s in self.postings]
        candidates: np.ndarray
        if lists:
            weights = [np.full(len(p), math.log(n / len(p)) + 1.0, dtype=np.float32) for p in lists]
            score = np.bincount(np.concatenate(lists), weights=np.concatenate(weights), minlength=n)
            score[(lengths < lo) | (lengths > hi)] = 0
            nonzero = np.flatnonzero(score)
            if len(nonzero) > CANDIDATES:
                top = np.argpartition(score[nonzero], -CANDIDATES)[-CANDIDATES:]
                candidates = nonzero[top]
            else:
                candidates = nonzero
        else:  # no known word at all: fall back to every unit of a plausible length
            candidates = np.flatnonzero((lengths >= lo) & (lengths <= hi))
        if len(candidates) == 0:
            return []
        keys = self.keys
        choices = [keys[i] for i in candidates.tolist()]
        found = process.extract(query_key, choices, scorer=fuzz.ratio, score_cutoff=threshold,
                                limit=max(limit * 4, limit + 10))
        ids = self.ids
        return [(ids[int(candidates[idx])], float(score_)) for _choice, score_, idx in found]


class TranslationMemory:
    """A translation memory in its own SQLite file (default ``<data dir>/tm.sqlite3``).

    Safe to share between threads (one connection behind a lock); other processes' additions
    are picked up by the next lookup.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        if path is None:
            from workbench.config import data_dir

            path = data_dir() / "tm.sqlite3"
        self.path = str(path)
        self._lock = threading.RLock()
        self._index: _FuzzyIndex | None = None
        self._data_version = -1
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                         timeout=5.0)
            self._conn.execute("PRAGMA journal_mode = WAL").fetchone()
            self._conn.execute("PRAGMA synchronous = NORMAL")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise TranslationMemoryError(
                    f"The translation memory {self.path} was written by a newer workbench; upgrade "
                    "workbench or move the file away."
                )
            if version < SCHEMA_VERSION:
                self._conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._friendly(exc) from exc
        except OSError as exc:
            raise TranslationMemoryError(f"Cannot create the translation memory at {self.path}: {exc}") from exc

    def _friendly(self, exc: sqlite3.Error) -> TranslationMemoryError:
        msg = str(exc).lower()
        if "not a database" in msg or "malformed" in msg:
            return TranslationMemoryError(f"{self.path} is not a translation memory database ({exc}); move it away.")
        if "locked" in msg or "busy" in msg:
            return TranslationMemoryError(f"The translation memory {self.path} is busy in another program; try again.")
        if "full" in msg:
            return TranslationMemoryError(f"Cannot write the translation memory {self.path}: the disk is full.")
        return TranslationMemoryError(f"Translation memory error in {self.path}: {exc}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0])

    # adding ---------------------------------------------------------------------------------
    def add(self, source: str, target: str, *, doc_id: str = "", context_prev: str = "",
            context_next: str = "", created: datetime | str | None = None, origin: str = "approved",
            note: str = "") -> bool:
        """Add one approved pair; returns False when the very same unit was already there (its
        date and document are refreshed instead of storing a duplicate)."""
        return self.add_many([TmUnit(source, target, doc_id, context_prev, context_next, created, origin,
                                     note)]) == 1

    def add_many(self, units: Iterable[TmUnit | TranslationPair | Mapping[str, Any]]) -> int:
        """Add many units in one transaction; returns how many new units were stored.

        Accepts :class:`TmUnit`, :class:`~workbench.formats.tmx.TranslationPair` (context taken
        from its ``x-context-prev``/``x-context-next`` props) or mappings with TmUnit's fields.
        Units with an empty source or target are skipped.
        """
        rows = []
        for unit in units:
            u = self._coerce(unit)
            key = normalize(u.source)
            if not key or not u.target.strip():
                continue
            rows.append((u.source, u.target, key, normalize(u.context_prev), normalize(u.context_next),
                         u.doc_id, u.origin, _iso(u.created), u.note))
        if not rows:
            return 0
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    # ids only grow (AUTOINCREMENT), so units past the old maximum are the new ones
                    before = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM tm_units").fetchone()[0]
                    self._conn.executemany(_UPSERT, rows)
                    added = self._conn.execute("SELECT COUNT(*) FROM tm_units WHERE id > ?", (before,)).fetchone()[0]
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                        self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise self._friendly(exc) from exc
            if self._index is not None:
                self._refresh(force_check=True)
        return int(added)

    @staticmethod
    def _coerce(unit: TmUnit | TranslationPair | Mapping[str, Any]) -> TmUnit:
        if isinstance(unit, TmUnit):
            return unit
        if isinstance(unit, Mapping):
            return TmUnit(**{k: v for k, v in unit.items() if k in TmUnit.__dataclass_fields__})
        props = getattr(unit, "props", {}) or {}
        return TmUnit(
            source=unit.source, target=unit.target,
            context_prev=props.get("x-context-prev", props.get("x-prev", "")),
            context_next=props.get("x-context-next", props.get("x-next", "")),
            created=getattr(unit, "created", None), origin=props.get("x-origin", "import"),
            doc_id=props.get("x-document", ""), note=getattr(unit, "note", "") or "",
        )

    def add_from_document(self, doc: Document) -> int:
        """Add every approved segment of ``doc`` (with its neighbours as context, in reading
        order across paragraphs, exactly as the pipeline looks them up); returns units added."""
        from workbench.document import Status

        segs = list(doc.segments())
        units = []
        for i, seg in enumerate(segs):
            if seg.status is not Status.APPROVED or not seg.target.strip():
                continue
            units.append(TmUnit(
                source=seg.source, target=seg.target, doc_id=doc.id,
                context_prev=segs[i - 1].source if i > 0 else "",
                context_next=segs[i + 1].source if i + 1 < len(segs) else "",
            ))
        return self.add_many(units)

    # lookups --------------------------------------------------------------------------------
    def _refresh(self, force_check: bool = False) -> _FuzzyIndex:
        """Load the fuzzy index on first use; afterwards pick up units added since (by this or
        another process).  ``PRAGMA data_version`` tells cheaply whether another connection wrote."""
        conn = self._conn
        data_version = conn.execute("PRAGMA data_version").fetchone()[0]
        index = self._index
        if index is not None and not force_check and data_version == self._data_version:
            return index
        if index is None:
            index = _FuzzyIndex()
        else:
            count = conn.execute("SELECT COUNT(*) FROM tm_units WHERE id <= ?", (index.max_id,)).fetchone()[0]
            if count != len(index):  # units were deleted elsewhere: rebuild
                index = _FuzzyIndex()
        index.add_rows(conn.execute("SELECT id, source FROM tm_units WHERE id > ? ORDER BY id", (index.max_id,)))
        self._index = index
        self._data_version = data_version
        return index

    def warm(self) -> None:
        """Build the fuzzy index now (≈ 2 s per 100,000 units) instead of on the first fuzzy
        lookup, e.g. from a background thread when the editor opens."""
        with self._lock:
            try:
                self._refresh()
            except sqlite3.Error as exc:
                raise self._friendly(exc) from exc

    def _rows(self, where: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self._conn.execute(
            "SELECT id, source, target, prev_key, next_key, doc_id, created, origin FROM tm_units "
            f"WHERE {where}", params,
        ).fetchall()

    def lookup(self, source: str, *, prev: str = "", next: str = "",
               threshold: float = DEFAULT_THRESHOLD, limit: int = 5) -> list[TmMatch]:
        """Best ``limit`` matches for ``source``: in-context exact, exact, then fuzzy ≥ ``threshold``.

        One match per distinct (source, target) pair, the best kind winning; among equals the
        newest first.
        """
        key = normalize(source)
        if not key or limit <= 0:
            return []
        prev_key, next_key = normalize(prev), normalize(next)
        with self._lock:
            try:
                exact_rows = self._rows("key = ?", (key,))
                fuzzy_hits: list[tuple[int, float]] = []
                if threshold <= 99:  # fuzzy scores are capped at 99
                    index = self._refresh()
                    fuzzy_hits = index.search(key.casefold(), threshold, limit)
                fuzzy_rows = {}
                ids = [i for i, _ in fuzzy_hits]
                for chunk in range(0, len(ids), 500):
                    part = ids[chunk : chunk + 500]
                    marks = ",".join("?" * len(part))
                    for row in self._rows(f"id IN ({marks})", tuple(part)):
                        fuzzy_rows[row[0]] = row
            except sqlite3.Error as exc:
                raise self._friendly(exc) from exc

        ranked: list[tuple[tuple[Any, ...], TmMatch]] = []
        for row in exact_rows:
            uid, src, tgt, pk, nk, doc_id, created, origin = row
            in_context = (prev_key or next_key) and pk == prev_key and nk == next_key
            kind = "context" if in_context else "exact"
            match = TmMatch(src, tgt, 100.0, kind, word_diff(source, src), doc_id, created, origin, uid)
            ranked.append(((0 if in_context else 1, -100.0, _neg_time(created)), match))
        for uid, ratio in fuzzy_hits:
            row = fuzzy_rows.get(uid)
            if row is None or normalize(row[1]) == key:  # exact units are listed above
                continue
            _, src, tgt, _pk, _nk, doc_id, created, origin = row
            score = round(min(ratio, 99.0), 1)
            if score < threshold:
                continue
            match = TmMatch(src, tgt, score, "fuzzy", word_diff(source, src), doc_id, created, origin, uid)
            ranked.append(((2, -score, _neg_time(created)), match))
        ranked.sort(key=lambda r: r[0])
        out: list[TmMatch] = []
        seen: set[tuple[str, str]] = set()
        for _rank, match in ranked:
            pair = (normalize(match.source), match.target)
            if pair in seen:
                continue
            seen.add(pair)
            out.append(match)
            if len(out) >= limit:
                break
        return out

    def exact(self, source: str, *, prev: str = "", next: str = "") -> TmMatch | None:
        """The best 100 % match (in-context preferred, then newest), or None."""
        matches = self.lookup(source, prev=prev, next=next, threshold=100, limit=1)
        return matches[0] if matches and matches[0].kind in ("context", "exact") else None

    # TMX ------------------------------------------------------------------------------------
    def import_tmx(self, path: Path | str, source_lang: str = "ru", target_lang: str = "en") -> int:
        """Add the ``source_lang``→``target_lang`` units of a TMX file; returns units added."""
        from workbench.formats.tmx import read_tmx

        return self.add_many(read_tmx(path, source_lang, target_lang))

    def export_tmx(self, path: Path | str, source_lang: str = "ru", target_lang: str = "en") -> int:
        """Write the whole memory as TMX 1.4 (context and document kept as props)."""
        from workbench.formats.tmx import TranslationPair, parse_tmx_date, write_tmx

        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT source, target, prev_key, next_key, doc_id, origin, created, note"
                    " FROM tm_units ORDER BY id"
                ).fetchall()
            except sqlite3.Error as exc:
                raise self._friendly(exc) from exc
        pairs = []
        for source, target, pk, nk, doc_id, origin, created, note in rows:
            props = {}
            if pk:
                props["x-context-prev"] = pk
            if nk:
                props["x-context-next"] = nk
            if doc_id:
                props["x-document"] = doc_id
            if origin:
                props["x-origin"] = origin
            pairs.append(TranslationPair(source=source, target=target, note=note,
                                         created=parse_tmx_date(created), props=props))
        return write_tmx(pairs, path, source_lang, target_lang)

    # housekeeping ---------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts for ``workbench tm stats`` and the UI."""
        with self._lock:
            units, sources, docs, first, last = self._conn.execute(
                "SELECT COUNT(*), COUNT(DISTINCT key), COUNT(DISTINCT NULLIF(doc_id, '')), MIN(created),"
                " MAX(created) FROM tm_units"
            ).fetchone()
            origins = dict(self._conn.execute("SELECT origin, COUNT(*) FROM tm_units GROUP BY origin"))
        size = Path(self.path).stat().st_size if self.path != ":memory:" else 0
        return {"path": self.path, "units": units, "distinct_sources": sources, "documents": docs,
                "origins": origins, "oldest": first, "newest": last, "bytes": size}

    def clear(self) -> None:
        """Remove every unit (the UI's "empty translation memory" button)."""
        with self._lock:
            try:
                self._conn.execute("DELETE FROM tm_units")
            except sqlite3.Error as exc:
                raise self._friendly(exc) from exc
            self._index = None


def _neg_time(created: str) -> tuple[int, ...]:
    """Sort key that puts newer ISO timestamps first."""
    return tuple(-ord(c) for c in created or "")
