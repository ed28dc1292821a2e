"""The SQLite store: CRUD, persistence, optimistic locking, history and machine updates."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from workbench.document import Document, Flag, Origin, Status, TermHit, TermStatus, build_paragraph
from workbench.store import ConflictError, NotFoundError, SegmentUpdate, StoreError, open_store
from workbench.store.sqlite import SCHEMA_VERSION, SQLiteStore

TEXT = [
    "Казахстан присоединится к Авраамским соглашениям. Об этом сообщил Токаев.",
    "Переговоры прошли 7 ноября 2025 года в Вашингтоне.",
    "Рост составил 5%. Цены выросли на 1 000,5 тенге.",
]


def make_doc(doc_id: str = "article", texts: list[str] | None = None) -> Document:
    doc = Document(id=doc_id, name=f"{doc_id}.txt", format="text", skeleton={"content": "x"},
                   meta={"source": "test"})
    for i, text in enumerate(texts or TEXT):
        doc.paragraphs.append(build_paragraph(doc_id, i, text, skeleton={"line": i}))
    doc.paragraphs.append(build_paragraph(doc_id, len(doc.paragraphs), "", kind="blank"))
    return doc


@pytest.fixture
def store(data_dir: Path) -> SQLiteStore:
    s = SQLiteStore(data_dir / "store.sqlite3")
    yield s
    s.close()


def first_id(store: SQLiteStore, doc_id: str = "article") -> str:
    return next(store.get_document(doc_id).segments()).id


def test_open_store_uses_data_dir_and_wal(data_dir: Path) -> None:
    s = open_store()
    try:
        assert isinstance(s, SQLiteStore)
        assert Path(s.path).parent == data_dir
        assert s.schema_version == SCHEMA_VERSION
    finally:
        s.close()
    conn = sqlite3.connect(Path(s.path))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"projects", "documents", "paragraphs", "segments", "segment_history", "settings"} <= tables


def test_document_round_trip(store: SQLiteStore) -> None:
    doc = make_doc()
    seg = doc.paragraphs[0].segments[0]
    seg.target, seg.mt, seg.origin, seg.status, seg.score = "Kazakhstan joins.", "Kazakhstan joins.", \
        Origin.MT, Status.DRAFT, -0.25
    seg.alternatives = ["Kazakhstan will join."]
    seg.terms = [TermHit(source="Авраамские соглашения", target="Abraham Accords", start=26, end=48,
                         text="Авраамским соглашениям", status=TermStatus.ENFORCED, method="prefix")]
    seg.flags = [Flag(check="number-mismatch", severity="error", message="5 vs 6", span=(1, 2))]
    info = store.add_document(doc)
    assert info.id == "article"
    assert info.counts["total"] == len(list(doc.segments()))
    assert info.counts["draft"] == 1
    assert info.counts["words"] == sum(len(s.source.split()) for s in doc.segments())
    loaded = store.get_document("article")
    assert loaded.to_dict() == doc.to_dict()


def test_persists_across_reopen(data_dir: Path) -> None:
    path = data_dir / "persist.sqlite3"
    s1 = SQLiteStore(path)
    s1.add_document(make_doc())
    sid = first_id(s1)
    s1.save_segment(sid, target="Kazakhstan will join the Abraham Accords.", expected_version=0)
    s1.set_setting("ui", {"page_size": 50, "theme": "light"})
    project = s1.create_project("News")
    s1.close()

    s2 = SQLiteStore(path)
    try:
        seg = s2.get_segment(sid)
        assert seg.target == "Kazakhstan will join the Abraham Accords."
        assert seg.version == 1
        assert s2.get_setting("ui") == {"page_size": 50, "theme": "light"}
        assert [p.name for p in s2.list_projects()] == [project.name]
        assert len(s2.history(sid)) == 1
    finally:
        s2.close()


def test_editor_save_sets_origin_status_and_history(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    sid = first_id(store)
    store.apply_updates([SegmentUpdate(sid, target="Kazakhstan joins.", mt="Kazakhstan joins.",
                                       status=Status.DRAFT, origin=Origin.MT)])
    seg = store.get_segment(sid)
    assert (seg.origin, seg.status, seg.version) == (Origin.MT, Status.DRAFT, 1)

    saved = store.save_segment(sid, target="Kazakhstan will join.", expected_version=1, user="anna")
    assert saved.origin is Origin.HUMAN
    assert saved.status is Status.TRANSLATED
    assert saved.version == 2
    # the same text again with the current version is not a conflict and makes no new version
    again = store.save_segment(sid, target="Kazakhstan will join.", expected_version=2)
    assert again.version == 2
    # an explicit status wins
    reviewed = store.save_segment(sid, target="Kazakhstan will join.", expected_version=2,
                                  status=Status.REVIEWED, user="boris")
    assert (reviewed.status, reviewed.version, reviewed.origin) == (Status.REVIEWED, 3, Origin.HUMAN)
    # going back to the machine draft's text is no longer a human translation
    back = store.save_segment(sid, target="Kazakhstan joins.", expected_version=3)
    assert back.origin is Origin.MT
    assert back.status is Status.REVIEWED  # status never silently drops

    hist = store.history(sid)
    assert [(h.action, h.user, h.old_target, h.new_target, h.version) for h in hist] == [
        ("mt", "pipeline", "", "Kazakhstan joins.", 1),
        ("edit", "anna", "Kazakhstan joins.", "Kazakhstan will join.", 2),
        ("status", "boris", "Kazakhstan will join.", "Kazakhstan will join.", 3),
        ("edit", "editor", "Kazakhstan will join.", "Kazakhstan joins.", 4),
    ]
    assert hist[2].old_status == "translated" and hist[2].new_status == "reviewed"


def test_conflict_between_two_sessions(data_dir: Path) -> None:
    path = data_dir / "conflict.sqlite3"
    setup = SQLiteStore(path)
    setup.add_document(make_doc())
    sid = first_id(setup)
    setup.close()

    tab_a, tab_b = SQLiteStore(path), SQLiteStore(path)
    try:
        seen_a, seen_b = tab_a.get_segment(sid), tab_b.get_segment(sid)
        assert seen_a.version == seen_b.version == 0
        tab_a.save_segment(sid, target="Text from tab A.", expected_version=seen_a.version)
        with pytest.raises(ConflictError) as info:
            tab_b.save_segment(sid, target="Text from tab B.", expected_version=seen_b.version)
        err = info.value
        assert err.yours == "Text from tab B."
        assert err.theirs == "Text from tab A."
        assert err.current_version == 1
        assert err.current_status is Status.TRANSLATED
        assert tab_b.get_segment(sid).target == "Text from tab A."  # nothing overwritten
        # after reloading, tab B can save deliberately on top
        fresh = tab_b.get_segment(sid)
        tab_b.save_segment(sid, target="Text from tab B.", expected_version=fresh.version)
        assert tab_a.get_segment(sid).target == "Text from tab B."
        assert [h.new_target for h in tab_a.history(sid)] == ["Text from tab A.", "Text from tab B."]
    finally:
        tab_a.close()
        tab_b.close()


def test_stale_save_with_identical_text_is_not_a_conflict(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    sid = first_id(store)
    store.save_segment(sid, target="Same.", expected_version=0)
    seg = store.save_segment(sid, target="Same.", expected_version=0)
    assert seg.version == 1 and seg.target == "Same."


def test_threads_share_one_store_safely(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    ids = [s.id for s in store.get_document("article").segments()]
    errors: list[BaseException] = []

    def worker(sid: str) -> None:
        try:
            for i in range(20):
                seg = store.get_segment(sid)
                store.save_segment(sid, target=f"v{i}", expected_version=seg.version)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(sid,)) for sid in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(store.get_segment(sid).version == 20 for sid in ids)


def test_apply_updates_respects_human_work(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    ids = [s.id for s in store.get_document("article").segments()]
    human, approved, fresh = ids[0], ids[1], ids[2]
    store.save_segment(human, target="Human text.", expected_version=0)
    store.set_status([approved], Status.APPROVED)
    flag = Flag(check="empty-target", severity="error", message="Empty")
    n = store.apply_updates([
        SegmentUpdate(sid, target="MT text.", mt="MT text.", status=Status.DRAFT, origin=Origin.MT,
                      flags=[flag], alternatives=["Alt."])
        for sid in (human, approved, fresh)
    ])
    assert n == 3
    h, a, f = (store.get_segment(s) for s in (human, approved, fresh))
    assert (h.target, h.origin, h.status) == ("Human text.", Origin.HUMAN, Status.TRANSLATED)
    assert (a.target, a.status) == ("", Status.APPROVED)
    assert (f.target, f.origin, f.status) == ("MT text.", Origin.MT, Status.DRAFT)
    # metadata reaches every segment and does not bump the version of protected ones
    assert h.mt == "MT text." and h.flags == [flag] and h.alternatives == ["Alt."]
    assert h.version == 1 and a.version == 1 and f.version == 1
    # force overwrites
    store.apply_updates([SegmentUpdate(human, target="Forced.", origin=Origin.MT, status=Status.DRAFT,
                                       force=True)])
    assert store.get_segment(human).target == "Forced."
    # unchanged updates change nothing
    assert store.apply_updates([SegmentUpdate(fresh, target="MT text.", flags=[flag])]) == 0


def test_bulk_status_records_history(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    ids = [s.id for s in store.get_document("article").segments()]
    assert store.set_status(ids, Status.REVIEWED, user="lead") == len(ids)
    assert store.set_status(ids, Status.REVIEWED) == 0
    assert store.set_status(ids[:2], Status.APPROVED) == 2
    info = store.document_info("article")
    assert info.counts["approved"] == 2 and info.counts["reviewed"] == len(ids) - 2
    hist = store.history(ids[0])
    assert [(h.old_status, h.new_status, h.action) for h in hist] == [
        ("new", "reviewed", "status"), ("reviewed", "approved", "status")]
    assert hist[0].user == "lead"
    with pytest.raises(NotFoundError):
        store.set_status(["nope"], Status.APPROVED)


def test_list_rename_delete_cascade(store: SQLiteStore) -> None:
    project = store.create_project("Kazakhstan")
    store.add_document(make_doc("a"), project_id=project.id)
    store.add_document(make_doc("b"))
    sid = first_id(store, "a")
    store.save_segment(sid, target="x", expected_version=0)
    assert {d.id for d in store.list_documents()} == {"a", "b"}
    assert [d.id for d in store.list_documents(project.id)] == ["a"]
    store.rename_document("a", "Renamed article")
    assert store.get_document("a").name == "Renamed article"
    store.delete_document("a")
    assert [d.id for d in store.list_documents()] == ["b"]
    with pytest.raises(NotFoundError):
        store.get_document("a")
    with pytest.raises(NotFoundError):
        store.get_segment(sid)
    assert store.history(sid) == []
    with sqlite3.connect(store.path) as conn:
        for table, col in (("segments", "doc_id"), ("paragraphs", "doc_id")):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {col} = 'a'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM segment_history").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        store.delete_document("a")
    with pytest.raises(NotFoundError):
        store.rename_document("a", "x")


def test_unique_ids_and_duplicates(store: SQLiteStore) -> None:
    assert store.unique_document_id("doc") == "doc"
    store.add_document(make_doc("doc"))
    assert store.unique_document_id("doc") == "doc-2"
    store.add_document(make_doc("doc-2"))
    assert store.unique_document_id("doc") == "doc-3"
    assert store.unique_document_id("do%") == "do%"
    with pytest.raises(StoreError, match="already exists"):
        store.add_document(make_doc("doc"))
    with pytest.raises(StoreError, match="already exists"):
        store.create_project("P") and store.create_project("P")


def test_not_a_database_gives_clear_error(data_dir: Path) -> None:
    bad = data_dir / "bad.sqlite3"
    bad.write_bytes(b"this is not sqlite at all " * 100)
    with pytest.raises(StoreError, match="not a readable workbench database"):
        SQLiteStore(bad)


def test_newer_schema_is_refused(data_dir: Path) -> None:
    path = data_dir / "future.sqlite3"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer workbench"):
        SQLiteStore(path)


def test_settings_and_closed_store(store: SQLiteStore) -> None:
    assert store.get_setting("missing", 3) == 3
    store.set_setting("k", [1, "два"])
    store.set_setting("k", {"x": None})
    assert store.get_setting("k") == {"x": None}
    with pytest.raises(StoreError):
        store.set_setting("bad", object())
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get_setting("k")


def test_lock_held_too_long_gives_clear_error(data_dir: Path) -> None:
    path = data_dir / "locked.sqlite3"
    store = SQLiteStore(path, busy_timeout=0.05)
    store.add_document(make_doc())
    sid = first_id(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            store.save_segment(sid, target="x", expected_version=0)
        assert store.get_segment(sid).target == ""  # readers still work in WAL mode
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.save_segment(sid, target="x", expected_version=0).version == 1
    store.close()


def test_disk_full_gives_clear_error(store: SQLiteStore) -> None:
    store.add_document(make_doc())
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # simulate a full disk
    with pytest.raises(StoreError, match="disk is full"):
        store.set_setting("big", "x" * 200_000)
    assert store.get_setting("big") is None
    assert store.get_document("article").name == "article.txt"


def test_two_connections_racing_lose_no_edit(data_dir: Path) -> None:
    """Two processes' worth of connections hammer one segment: every save either lands or is
    refused as a conflict; the history holds exactly the saves that landed, in order."""
    path = data_dir / "race.sqlite3"
    setup = SQLiteStore(path)
    setup.add_document(make_doc())
    sid = first_id(setup)
    setup.close()
    landed: list[str] = []
    conflicts = [0]
    guard = threading.Lock()

    def editor(name: str) -> None:
        store = SQLiteStore(path)
        try:
            for i in range(25):
                text = f"{name}-{i}"
                seen = store.get_segment(sid)
                try:
                    store.save_segment(sid, target=text, expected_version=seen.version, user=name)
                except ConflictError as exc:
                    assert exc.yours == text and exc.theirs != text
                    with guard:
                        conflicts[0] += 1
                    continue
                with guard:
                    landed.append(text)
        finally:
            store.close()

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("anna", "boris")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = SQLiteStore(path)
    history = check.history(sid)
    final = check.get_segment(sid)
    check.close()
    assert len(landed) + conflicts[0] == 50
    assert sorted(h.new_target for h in history) == sorted(landed)
    assert [h.version for h in history] == list(range(1, len(landed) + 1))
    assert final.version == len(landed) and final.target == history[-1].new_target


def test_migrations_upgrade_in_place_or_not_at_all(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.store.sqlite as backend

    path = data_dir / "old.sqlite3"
    store = SQLiteStore(path)
    store.add_document(make_doc())
    store.close()

    broken = [*backend.MIGRATIONS, "ALTER TABLE segments ADD COLUMN reviewer TEXT; SELECT * FROM nowhere"]
    monkeypatch.setattr(backend, "MIGRATIONS", broken)
    monkeypatch.setattr(backend, "SCHEMA_VERSION", len(broken))
    with pytest.raises(StoreError):
        SQLiteStore(path)
    with sqlite3.connect(path) as conn:  # the failed step left the file as it was
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "reviewer" not in {r[1] for r in conn.execute("PRAGMA table_info(segments)")}

    def backfill(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE segments SET reviewer = 'nobody'")

    good = [*backend.MIGRATIONS[:SCHEMA_VERSION], "ALTER TABLE segments ADD COLUMN reviewer TEXT", backfill]
    monkeypatch.setattr(backend, "MIGRATIONS", good)
    monkeypatch.setattr(backend, "SCHEMA_VERSION", len(good))
    upgraded = SQLiteStore(path)
    assert upgraded.schema_version == SCHEMA_VERSION + 2
    assert upgraded.get_document("article").name == "article.txt"
    with sqlite3.connect(path) as conn:
        assert {r[0] for r in conn.execute("SELECT DISTINCT reviewer FROM segments")} == {"nobody"}
    upgraded.close()


def test_bulk_status_skips_segments_changed_since_the_page_was_drawn(tmp_path):
    from workbench.document import Document, Status, build_paragraph
    from workbench.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "s.sqlite3")
    doc = Document(id="d", name="d")
    doc.paragraphs.append(build_paragraph("d", 0, "Первое предложение. Второе предложение."))
    store.add_document(doc)
    a, b = store.get_document("d").segments()
    seen = {a.id: a.version, b.id: b.version}
    store.save_segment(b.id, target="Edited elsewhere.", expected_version=b.version)
    assert store.set_status(list(seen), Status.APPROVED, expected_versions=seen) == 1
    assert store.get_segment(a.id).status is Status.APPROVED
    assert store.get_segment(b.id).status is not Status.APPROVED
