"""Store speed: a 2,000-segment document — add it, load it, save one segment.

Goals (issue 5): the editor opens a 2,000-segment document in < 2 s (the store's share should be
a small fraction of that: aim < 0.2 s) and saving one segment takes < 100 ms at the store level.

The document is built from the shared news corpora when present (3 sentences per paragraph, with
MT drafts, alternatives, term hits and a QA flag on some segments, like a translated document),
otherwise from generated sentences.  Timings are medians over several runs on a file-backed
store in a temporary directory (WAL, as in production).

    python benchmarks/store_save.py [--quick]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sentences(n: int) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    ru, en = SHARED / "newstest2018" / "ru.txt", SHARED / "newstest2018" / "en.txt"
    if ru.is_file() and en.is_file():
        pairs = [(r.strip(), e.strip()) for r, e in zip(ru.read_text(encoding="utf-8").splitlines(),
                                                       en.read_text(encoding="utf-8").splitlines(),
                                                       strict=False) if r.strip()]
    if not pairs:
        pairs = [(f"Предложение номер {i} о переговорах в Астане и росте цен на нефть.",
                  f"Sentence number {i} about talks in Astana and rising oil prices.") for i in range(n)]
    return [pairs[i % len(pairs)] for i in range(n)]


def build_document(n_segments: int, doc_id: str = "bench"):  # -> Document
    from workbench.document import (
        Document,
        Flag,
        Origin,
        Paragraph,
        Segment,
        Status,
        TermHit,
        TermStatus,
        segment_id,
    )

    doc = Document(id=doc_id, name="bench.txt", format="text")
    pairs = sentences(n_segments)
    per_para = 3
    for p in range(0, n_segments, per_para):
        chunk = pairs[p : p + per_para]
        text = " ".join(r for r, _ in chunk)
        para = Paragraph(index=p // per_para, kind="text", text=text, skeleton={"line": p // per_para})
        pos = 0
        for i, (ru, en) in enumerate(chunk):
            seg = Segment(id=segment_id(doc_id, para.index, i), paragraph=para.index, index=i, source=ru,
                          start=pos, end=pos + len(ru), target=en, mt=en, status=Status.DRAFT,
                          origin=Origin.MT, score=-0.4, alternatives=[en.lower(), en.upper()])
            pos += len(ru) + 1
            if (p + i) % 4 == 0:
                seg.terms = [TermHit(source="Россия", target="Russia", start=0, end=6, text="Россия",
                                     status=TermStatus.OK)]
            if (p + i) % 9 == 0:
                seg.flags = [Flag(check="number-mismatch", severity="error", message="5 ≠ 6", span=(0, 1))]
            para.segments.append(seg)
        doc.paragraphs.append(para)
    return doc


def run(quick: bool = False) -> list[dict]:
    from workbench.document import Status
    from workbench.store.sqlite import SQLiteStore

    n = 200 if quick else 2000
    repeats = 3 if quick else 7
    saves = 20 if quick else 100
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.sqlite3")
        add_times, load_times = [], []
        for r in range(repeats):
            doc = build_document(n, doc_id=f"bench-{r}")
            t0 = time.perf_counter()
            store.add_document(doc)
            add_times.append(time.perf_counter() - t0)
        for r in range(repeats):
            t0 = time.perf_counter()
            loaded = store.get_document(f"bench-{r}")
            load_times.append(time.perf_counter() - t0)
            assert sum(1 for _ in loaded.segments()) == n

        ids = [s.id for s in store.get_document("bench-0").segments()]
        save_times = []
        for i in range(saves):
            sid = ids[(i * 37) % len(ids)]
            seg = store.get_segment(sid)
            t0 = time.perf_counter()
            store.save_segment(sid, target=f"Edited translation {i}.", expected_version=seg.version)
            save_times.append(time.perf_counter() - t0)
        saved = {ids[(i * 37) % len(ids)] for i in range(saves)}
        assert sum(len(store.history(sid)) for sid in saved) == saves  # every save really landed

        t0 = time.perf_counter()
        store.set_status(ids, Status.APPROVED)
        bulk_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        listing = store.list_documents()
        list_s = time.perf_counter() - t0
        assert len(listing) == repeats
        store.close()

    label = f"{n:,} segments"
    add_ms = statistics.median(add_times) * 1000
    load_ms = statistics.median(load_times) * 1000
    save_ms = statistics.median(save_times) * 1000
    save_p95 = sorted(save_times)[int(len(save_times) * 0.95) - 1] * 1000
    rows.append({"benchmark": "store_save", "metric": f"add_document ({label})", "value": round(add_ms, 1),
                 "unit": "ms", "goal": "", "ok": None})
    rows.append({"benchmark": "store_save", "metric": f"get_document ({label}), median",
                 "value": round(load_ms, 1), "unit": "ms", "goal": "< 200 ms (page < 2 s)",
                 "ok": load_ms < 200 if not quick else None})
    rows.append({"benchmark": "store_save", "metric": "save_segment, median", "value": round(save_ms, 2),
                 "unit": "ms", "goal": "< 100 ms", "ok": save_ms < 100 if not quick else None})
    rows.append({"benchmark": "store_save", "metric": "save_segment, p95", "value": round(save_p95, 2),
                 "unit": "ms", "goal": "< 100 ms", "ok": save_p95 < 100 if not quick else None})
    rows.append({"benchmark": "store_save", "metric": f"set_status approved ({label})",
                 "value": round(bulk_s * 1000, 1), "unit": "ms", "goal": "", "ok": None})
    rows.append({"benchmark": "store_save", "metric": f"list_documents ({repeats} × {label})",
                 "value": round(list_s * 1000, 1), "unit": "ms", "goal": "", "ok": None})
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
