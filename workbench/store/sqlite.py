"""SQLite implementation of the store (the default backend).

Why these choices:

* **One file, WAL mode.**  Readers never block the writer, so the editor page can load a document
  while a translation run saves drafts.  ``busy_timeout`` lets a second process wait for a short
  write instead of failing at once; a lock held for longer becomes a clear :class:`StoreError`.
* **``synchronous = NORMAL``.**  In WAL mode a commit then needs no fsync, so an editor's save
  costs well under a millisecond; a crash of the program loses nothing, a power cut can lose only
  the last instants of work, never corrupt the file.
* **One connection guarded by a lock.**  Streamlit runs each session's script in its own thread and
  shares ``st.cache_resource`` objects between them.  A single connection opened with
  ``check_same_thread=False`` plus an ``RLock`` makes every public method atomic for all threads of
  the process; other processes are kept consistent by SQLite's own locking and by the ``version``
  check of :meth:`SQLiteStore.save_segment`.
* **Optimistic locking in SQL.**  An editor's save is ``UPDATE … SET …, version = version + 1
  WHERE id = ? AND version = ?``; zero rows means somebody saved first and the save is refused
  with both texts (:class:`ConflictError`).  Machine-side metadata updates (QA flags, term status,
  alternatives) do not bump ``version``, so re-running QA never turns an editor's next save into a
  spurious conflict; only target/status/origin changes do (a bulk status change does, so a tab
  still showing "translated" cannot silently undo an approval).
* **Versioned schema.**  ``PRAGMA user_version`` holds the schema version; :func:`migrate` applies
  the missing steps in order inside one transaction, so older files upgrade in place.

Everything SQLite-specific lives in this module; the rest of the code base talks to
:class:`workbench.store.base.Store`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.document import (
    EDITOR_STATUSES,
    Document,
    Flag,
    Origin,
    Paragraph,
    Segment,
    Status,
    TermHit,
    is_editor_work,
)
from workbench.store.base import (
    ConflictError,
    DocumentInfo,
    HistoryEntry,
    NotFoundError,
    ProjectInfo,
    SegmentUpdate,
    Store,
    StoreError,
)

#: Status order: a segment at or beyond TRANSLATED has been worked on by a person.

#: How long a call waits for another process's write lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5000


# --------------------------------------------------------------------------------------------
# schema and migrations
# --------------------------------------------------------------------------------------------
_V1 = """
CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
    format TEXT NOT NULL DEFAULT 'text',
    source_lang TEXT NOT NULL DEFAULT 'ru',
    target_lang TEXT NOT NULL DEFAULT 'en',
    skeleton TEXT NOT NULL DEFAULT '{}',
    meta TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX documents_project ON documents(project_id);
CREATE TABLE paragraphs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'text',
    text TEXT NOT NULL DEFAULT '',
    skeleton TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE segments (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    source TEXT NOT NULL,
    start INTEGER NOT NULL DEFAULT 0,
    "end" INTEGER NOT NULL DEFAULT 0,
    target TEXT NOT NULL DEFAULT '',
    mt TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    origin TEXT,
    score REAL,
    alternatives TEXT NOT NULL DEFAULT '[]',
    terms TEXT NOT NULL DEFAULT '[]',
    flags TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL
);
CREATE INDEX segments_doc ON segments(doc_id, ord);
CREATE TABLE segment_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    segment_id TEXT NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    user TEXT NOT NULL,
    old_target TEXT NOT NULL,
    new_target TEXT NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    note TEXT
);
CREATE INDEX segment_history_segment ON segment_history(segment_id, id);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: Migration steps: ``MIGRATIONS[i]`` brings a file from schema version ``i`` to ``i + 1``.  A step
#: is an SQL script or a function of the connection (for data moves SQL cannot express).
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [_V1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database behind ``conn`` to :data:`SCHEMA_VERSION`; returns the old version.

    Runs every missing step in one ``BEGIN IMMEDIATE`` transaction so two processes opening a new
    file at once cannot both create the tables, and a failed step leaves the file untouched.
    Scripts are split into statements rather than given to ``executescript``, which would commit
    on its own and break the all-or-nothing upgrade.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"The store was written by a newer workbench (schema {current}, this version knows "
                f"{SCHEMA_VERSION}); upgrade workbench or point WORKBENCH_DATA elsewhere."
            )
        for step in MIGRATIONS[current:]:
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
        if current != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    return current


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open: SQLite ends it by itself on some errors (disk
    full, I/O error), and a second ROLLBACK would hide the real error behind a confusing one."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads_list(text: str) -> list[Any]:
    return [] if text == "[]" else json.loads(text)


def _friendly(exc: sqlite3.Error, path: str) -> StoreError:
    """Turn an SQLite error into one sentence that tells the user what to do."""
    msg = str(exc).lower()
    if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
        return StoreError(
            f"{path} is not a readable workbench database ({exc}). Move the file away or set "
            "WORKBENCH_DATA to another directory."
        )
    if "locked" in msg or "busy" in msg:
        return StoreError(
            f"The store {path} is locked by another program for too long; close other workbench "
            "windows or commands and try again."
        )
    if "disk is full" in msg or "disk i/o" in msg:
        return StoreError(f"Cannot write to {path}: the disk is full or failing ({exc}). Free some space.")
    if "readonly" in msg or "unable to open" in msg:
        return StoreError(
            f"Cannot open {path} for writing ({exc}); check the directory's permissions or set "
            "WORKBENCH_DATA to a writable directory."
        )
    return StoreError(f"Store error in {path}: {exc}")


_SEGMENT_COLUMNS = (
    'id, paragraph, idx, source, start, "end", target, mt, status, origin, score, '
    "alternatives, terms, flags, note, version"
)


def _row_to_segment(row: tuple[Any, ...]) -> Segment:
    (sid, paragraph, idx, source, start, end, target, mt, status, origin, score,
     alternatives, terms, flags, note, version) = row
    return Segment(
        id=sid,
        paragraph=paragraph,
        index=idx,
        source=source,
        start=start,
        end=end,
        target=target,
        mt=mt,
        status=Status(status),
        origin=Origin(origin) if origin else None,
        score=score,
        alternatives=_loads_list(alternatives),
        terms=[TermHit.from_dict(t) for t in _loads_list(terms)],
        flags=[Flag.from_dict(f) for f in _loads_list(flags)],
        note=note,
        version=version,
    )


#: Document meta key holding ``{segment_id: seconds}`` of editing time.
SEGMENT_SECONDS = "segment_seconds"


class SQLiteStore(Store):
    """The default store: one SQLite file (``config.db_path()`` unless ``path`` is given).

    ``path=":memory:"`` gives a throw-away in-memory store (tests, previews).  ``busy_timeout``
    (seconds) is how long a write waits for another process's lock before failing clearly.
    """

    def __init__(self, path: str | Path | None = None, *, busy_timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
        if path is None:
            from workbench.config import db_path

            path = db_path()
        self.path = str(path)
        self._lock = threading.RLock()
        self._closed = False
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                         timeout=busy_timeout)
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from exc
        except OSError as exc:
            raise StoreError(f"Cannot create the store at {self.path}: {exc}") from exc
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self._conn.execute("PRAGMA journal_mode = WAL").fetchone()
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            migrate(self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise _friendly(exc, self.path) from exc
        except BaseException:
            self._conn.close()
            raise

    # plumbing -------------------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """Serialise access from this process's threads; translate SQLite errors."""
        with self._lock:
            if self._closed:
                raise StoreError("The store has been closed; open it again.")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise _friendly(exc, self.path) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction.  ``BEGIN IMMEDIATE`` takes the write lock up front, so the
        read-check-update sequences inside see a state no other process can change under them."""
        with self._read() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # projects -------------------------------------------------------------------------------
    def create_project(self, name: str) -> ProjectInfo:
        name = name.strip()
        if not name:
            raise StoreError("A project needs a name.")
        created = _now()
        with self._write() as conn:
            try:
                cur = conn.execute("INSERT INTO projects(name, created) VALUES (?, ?)", (name, created))
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"A project named {name!r} already exists; pick another name.") from exc
            return ProjectInfo(id=int(cur.lastrowid or 0), name=name, created=created)

    def list_projects(self) -> list[ProjectInfo]:
        with self._read() as conn:
            rows = conn.execute("SELECT id, name, created FROM projects ORDER BY name").fetchall()
        return [ProjectInfo(*r) for r in rows]

    # documents ------------------------------------------------------------------------------
    def unique_document_id(self, base: str) -> str:
        with self._read() as conn:
            taken = {r[0] for r in conn.execute(
                "SELECT id FROM documents WHERE id = ? OR id LIKE ? ESCAPE '\\'",
                (base, base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"),
            )}
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def add_document(self, doc: Document, project_id: int | None = None) -> DocumentInfo:
        now = _now()
        para_rows = [(doc.id, p.index, p.kind, p.text, _dumps(p.skeleton)) for p in doc.paragraphs]
        seg_rows = []
        for ordinal, seg in enumerate(doc.segments()):
            seg_rows.append((
                seg.id, doc.id, ordinal, seg.paragraph, seg.index, seg.source, seg.start, seg.end,
                seg.target, seg.mt, str(seg.status), str(seg.origin) if seg.origin else None, seg.score,
                _dumps(list(seg.alternatives)), _dumps([t.to_dict() for t in seg.terms]),
                _dumps([f.to_dict() for f in seg.flags]), seg.note, len(seg.source.split()),
                seg.version, now,
            ))
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                raise StoreError(f"A document with id {doc.id!r} already exists; import it under a new id.")
            if project_id is not None and not conn.execute(
                    "SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone():
                raise NotFoundError(f"Project {project_id} does not exist.")
            conn.execute(
                "INSERT INTO documents(id, name, project_id, format, source_lang, target_lang, skeleton,"
                " meta, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.name, project_id, doc.format, doc.source_lang, doc.target_lang,
                 _dumps(doc.skeleton), _dumps(doc.meta), now, now),
            )
            conn.executemany(
                "INSERT INTO paragraphs(doc_id, idx, kind, text, skeleton) VALUES (?, ?, ?, ?, ?)", para_rows
            )
            try:
                conn.executemany(
                    'INSERT INTO segments(id, doc_id, ord, paragraph, idx, source, start, "end", target, mt,'
                    " status, origin, score, alternatives, terms, flags, note, words, version, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    seg_rows,
                )
            except sqlite3.IntegrityError as exc:
                raise StoreError(
                    f"Document {doc.id!r} has segment ids that are already in the store ({exc}); "
                    "give it a fresh id with unique_document_id()."
                ) from exc
            return self._info(conn, doc.id)

    def get_document(self, doc_id: str) -> Document:
        with self._read() as conn:
            row = conn.execute(
                "SELECT id, name, format, source_lang, target_lang, skeleton, meta FROM documents WHERE id = ?",
                (doc_id,),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Document {doc_id!r} is not in the store (deleted?).")
            paras = conn.execute(
                "SELECT idx, kind, text, skeleton FROM paragraphs WHERE doc_id = ? ORDER BY idx", (doc_id,)
            ).fetchall()
            segs = conn.execute(
                f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE doc_id = ? ORDER BY ord", (doc_id,)
            ).fetchall()
        paragraphs = [
            Paragraph(index=idx, kind=kind, text=text, skeleton=json.loads(skel) if skel != "{}" else {})
            for idx, kind, text, skel in paras
        ]
        by_index = {p.index: p for p in paragraphs}
        for r in segs:
            seg = _row_to_segment(r)
            para = by_index.get(seg.paragraph)
            if para is None:  # defensive: a segment whose paragraph row is missing
                para = by_index[seg.paragraph] = Paragraph(index=seg.paragraph)
                paragraphs.append(para)
            para.segments.append(seg)
        return Document(
            id=row[0], name=row[1], format=row[2], source_lang=row[3], target_lang=row[4],
            skeleton=json.loads(row[5]), meta=json.loads(row[6]), paragraphs=paragraphs,
        )

    def _info(self, conn: sqlite3.Connection, doc_id: str) -> DocumentInfo:
        infos = self._infos(conn, "WHERE d.id = ?", (doc_id,))
        if not infos:
            raise NotFoundError(f"Document {doc_id!r} is not in the store (deleted?).")
        return infos[0]

    def _infos(self, conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[DocumentInfo]:
        docs = conn.execute(
            f"SELECT d.id, d.name, d.project_id, d.format, d.created, d.updated FROM documents d {where}"
            " ORDER BY d.updated DESC, d.id",
            params,
        ).fetchall()
        if not docs:
            return []
        counts: dict[str, dict[str, int]] = {
            d[0]: {**{str(s): 0 for s in Status}, "total": 0, "words": 0, "approved_words": 0} for d in docs
        }
        rows = conn.execute(
            f"SELECT s.doc_id, s.status, COUNT(*), SUM(s.words) FROM segments s JOIN documents d"
            f" ON d.id = s.doc_id {where} GROUP BY s.doc_id, s.status",
            params,
        ).fetchall()
        for did, status, n, words in rows:
            c = counts[did]
            c[status] = c.get(status, 0) + n
            c["total"] += n
            c["words"] += words or 0
            if status == Status.APPROVED:
                c["approved_words"] += words or 0
        return [DocumentInfo(id=d[0], name=d[1], project_id=d[2], format=d[3], created=d[4], updated=d[5],
                             counts=counts[d[0]]) for d in docs]

    def list_documents(self, project_id: int | None = None) -> list[DocumentInfo]:
        with self._read() as conn:
            if project_id is None:
                return self._infos(conn, "", ())
            return self._infos(conn, "WHERE d.project_id = ?", (project_id,))

    def document_info(self, doc_id: str) -> DocumentInfo:
        with self._read() as conn:
            return self._info(conn, doc_id)

    def record_time(self, segment_id: str, seconds: float) -> None:
        if seconds <= 0:
            return
        with self._write() as conn:
            row = conn.execute(
                "SELECT d.id, d.meta FROM segments s JOIN documents d ON d.id = s.doc_id WHERE s.id = ?",
                (segment_id,),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Segment {segment_id!r} is not in the store (document deleted?).")
            meta = json.loads(row[1])
            times = meta.setdefault(SEGMENT_SECONDS, {})
            times[segment_id] = round(times.get(segment_id, 0.0) + seconds, 3)
            conn.execute("UPDATE documents SET meta = ? WHERE id = ?", (_dumps(meta), row[0]))

    def rename_document(self, doc_id: str, name: str) -> None:
        name = name.strip()
        if not name:
            raise StoreError("A document needs a name.")
        with self._write() as conn:
            cur = conn.execute("UPDATE documents SET name = ?, updated = ? WHERE id = ?", (name, _now(), doc_id))
            if cur.rowcount == 0:
                raise NotFoundError(f"Document {doc_id!r} is not in the store (deleted?).")

    def delete_document(self, doc_id: str) -> None:
        with self._write() as conn:
            cur = conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            if cur.rowcount == 0:
                raise NotFoundError(f"Document {doc_id!r} is not in the store (deleted?).")

    # segments -------------------------------------------------------------------------------
    def get_segment(self, segment_id: str) -> Segment:
        with self._read() as conn:
            row = conn.execute(f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Segment {segment_id!r} is not in the store (document deleted?).")
        return _row_to_segment(row)

    def save_segment(self, segment_id: str, *, target: str, expected_version: int,
                     status: Status | None = None, user: str = "editor",
                     note: str | None = None) -> Segment:
        with self._write() as conn:
            row = conn.execute(
                "SELECT doc_id, target, mt, status, origin, version, note FROM segments WHERE id = ?",
                (segment_id,),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Segment {segment_id!r} is not in the store (document deleted?).")
            doc_id, old_target, mt, old_status, old_origin, version, old_note = row
            old_status = Status(old_status)
            new_status = self._editor_status(target, old_status, status)
            new_note = old_note if note is None else note
            unchanged = target == old_target and new_status is old_status and new_note == old_note
            if unchanged:
                # A double submit or two tabs typing the same text: nothing would be lost, so it
                # is not a conflict and does not create a new version.
                return self._segment(conn, segment_id)
            if version != expected_version:
                raise ConflictError(segment_id, yours=target, theirs=old_target, current_version=version,
                                    current_status=old_status)
            if target == old_target:
                origin = old_origin
            elif target and target == mt:
                origin = Origin.MT
            elif target:
                origin = Origin.HUMAN
            else:
                origin = None
            now = _now()
            cur = conn.execute(
                "UPDATE segments SET target = ?, status = ?, origin = ?, note = ?, updated = ?,"
                " version = version + 1 WHERE id = ? AND version = ?",
                (target, str(new_status), str(origin) if origin else None, new_note, now, segment_id,
                 expected_version),
            )
            if cur.rowcount == 0:  # cannot happen under BEGIN IMMEDIATE, kept as the SQL contract
                raise ConflictError(segment_id, yours=target, theirs=old_target, current_version=version,
                                    current_status=old_status)
            action = "edit" if target != old_target else "status"
            self._history(conn, segment_id, now, user, old_target, target, old_status, new_status,
                          expected_version + 1, action, note)
            conn.execute("UPDATE documents SET updated = ? WHERE id = ?", (now, doc_id))
            return self._segment(conn, segment_id)

    @staticmethod
    def _editor_status(target: str, old: Status, given: Status | None) -> Status:
        """An editor's save is at least TRANSLATED (it is human work), unless a status is given;
        clearing the target sends the segment back to NEW."""
        if given is not None:
            return Status(given)
        if not target:
            return Status.NEW
        return old if old in EDITOR_STATUSES else Status.TRANSLATED

    def _segment(self, conn: sqlite3.Connection, segment_id: str) -> Segment:
        row = conn.execute(f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE id = ?", (segment_id,)).fetchone()
        return _row_to_segment(row)

    @staticmethod
    def _history(conn: sqlite3.Connection, segment_id: str, time: str, user: str, old_target: str,
                 new_target: str, old_status: Status | str, new_status: Status | str, version: int,
                 action: str, note: str | None = None) -> None:
        conn.execute(
            "INSERT INTO segment_history(segment_id, time, user, old_target, new_target, old_status,"
            " new_status, version, action, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (segment_id, time, user, old_target, new_target, str(old_status), str(new_status), version,
             action, note),
        )

    def set_status(self, segment_ids: Iterable[str], status: Status, user: str = "editor",
                   expected_versions: dict[str, int] | None = None) -> int:
        status = Status(status)
        ids = list(dict.fromkeys(segment_ids))
        changed = 0
        now = _now()
        touched_docs: set[str] = set()
        with self._write() as conn:
            for sid in ids:
                row = conn.execute(
                    "SELECT doc_id, target, status, version FROM segments WHERE id = ?", (sid,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(f"Segment {sid!r} is not in the store (document deleted?).")
                doc_id, target, old_status, version = row
                if old_status == status:
                    continue
                if expected_versions is not None and expected_versions.get(sid, version) != version:
                    continue
                conn.execute(
                    "UPDATE segments SET status = ?, updated = ?, version = version + 1 WHERE id = ?",
                    (str(status), now, sid),
                )
                self._history(conn, sid, now, user, target, target, old_status, status, version + 1, "status")
                touched_docs.add(doc_id)
                changed += 1
            for doc_id in touched_docs:
                conn.execute("UPDATE documents SET updated = ? WHERE id = ?", (now, doc_id))
        return changed

    def apply_updates(self, updates: Iterable[SegmentUpdate], user: str = "pipeline") -> int:
        changed = 0
        now = _now()
        touched_docs: set[str] = set()
        with self._write() as conn:
            for up in updates:
                row = conn.execute(
                    "SELECT doc_id, target, mt, status, origin, score, alternatives, terms, flags, version"
                    " FROM segments WHERE id = ?",
                    (up.segment_id,),
                ).fetchone()
                if row is None:
                    raise NotFoundError(f"Segment {up.segment_id!r} is not in the store (document deleted?).")
                doc_id, target, mt, status, origin, score, alternatives, terms, flags, version = row
                protected = not up.force and is_editor_work(origin, status)
                sets: dict[str, Any] = {}
                # metadata: always refreshed (QA flags and term status describe the current target)
                if up.mt is not None and up.mt != mt:
                    sets["mt"] = up.mt
                if up.alternatives is not None and _dumps(list(up.alternatives)) != alternatives:
                    sets["alternatives"] = _dumps(list(up.alternatives))
                if up.terms is not None and _dumps([t.to_dict() for t in up.terms]) != terms:
                    sets["terms"] = _dumps([t.to_dict() for t in up.terms])
                if up.flags is not None and _dumps([f.to_dict() for f in up.flags]) != flags:
                    sets["flags"] = _dumps([f.to_dict() for f in up.flags])
                # content: only where no editor has worked (or when forced)
                content: dict[str, Any] = {}
                if not protected:
                    if up.target is not None and up.target != target:
                        content["target"] = up.target
                    if up.status is not None and str(up.status) != status:
                        content["status"] = str(up.status)
                    if up.origin is not None and str(up.origin) != origin:
                        content["origin"] = str(up.origin)
                    if up.score is not None and up.score != score:
                        sets["score"] = up.score
                if not sets and not content:
                    continue
                assignments = [f"{col} = ?" for col in (*sets, *content)]
                if content:
                    assignments.append("version = version + 1")
                assignments.append("updated = ?")
                conn.execute(
                    f"UPDATE segments SET {', '.join(assignments)} WHERE id = ?",
                    (*sets.values(), *content.values(), now, up.segment_id),
                )
                if content:
                    action = str(up.extra.get("action") or (up.origin or origin or "update"))
                    self._history(conn, up.segment_id, now, user, target, content.get("target", target),
                                  status, content.get("status", status), version + 1, action)
                touched_docs.add(doc_id)
                changed += 1
            for doc_id in touched_docs:
                conn.execute("UPDATE documents SET updated = ? WHERE id = ?", (now, doc_id))
        return changed

    def history(self, segment_id: str) -> list[HistoryEntry]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT segment_id, time, user, old_target, new_target, old_status, new_status, version,"
                " action FROM segment_history WHERE segment_id = ? ORDER BY id",
                (segment_id,),
            ).fetchall()
        return [HistoryEntry(*r) for r in rows]

    # settings -------------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._read() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        try:
            encoded = _dumps(value)
        except TypeError as exc:
            raise StoreError(f"Setting {key!r} must be JSON-serialisable: {exc}") from exc
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, encoded),
            )
