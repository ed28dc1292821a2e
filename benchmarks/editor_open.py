"""Editor speed: open a 2,000-segment document in the Streamlit editor and save one segment.

Goal (issue 5): a 2,000-segment document opens in the editor in < 2 s.  Measured end to end with
Streamlit's ``AppTest`` (the page script really runs: store read, filters, pagination, widget tree),
minus the browser's own painting.  The document carries machine drafts, alternatives, a glossary
term and a QA flag on every segment so the cards render as they do after translation.

    python benchmarks/editor_open.py [--quick]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _page_script(page: str) -> None:
    import importlib

    from workbench.ui import components

    components.inject_css()
    importlib.import_module(f"workbench.ui.{page}").render()


def _prepare(n_segments: int) -> str:
    """Import an ``n_segments`` document and give every segment a translated look."""
    from workbench.document import Flag, Origin, Status, TermHit, TermStatus
    from workbench.pipeline import import_text
    from workbench.store import SegmentUpdate, open_store

    paragraphs = []
    for p in range(n_segments // 2):
        paragraphs.append(f"Министр иностранных дел Казахстана заявил о переговорах номер {p}. "
                          f"Цены на нефть выросли на {p % 90 + 1}% за неделю.")
    store = open_store()
    info = import_text(store, "\n\n".join(paragraphs), "bench")
    updates = []
    for seg in store.get_document(info.id).segments():
        updates.append(SegmentUpdate(
            segment_id=seg.id, target=f"Draft of {seg.id}.", mt=f"Draft of {seg.id}.",
            alternatives=["Alternative one.", "Alternative two."], status=Status.DRAFT, origin=Origin.MT,
            score=-0.5, terms=[TermHit(source="Казахстан", target="Kazakhstan", start=0, end=8,
                                       text=seg.source[:8], status=TermStatus.MISSING)],
            flags=[Flag(check="number-mismatch", severity="error", message="Number missing")],
        ))
    store.apply_updates(updates)
    total = info.counts.get("total", 0)
    store.close()
    return f"{info.id}:{total}"


def run(quick: bool = False) -> list[dict]:
    """Rows in the benchmark convention (see benchmarks/run.py)."""
    from streamlit.testing.v1 import AppTest

    n = 200 if quick else 2000
    repeats = 2 if quick else 5
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WORKBENCH_DATA"] = tmp
        doc_id, total = _prepare(n).rsplit(":", 1)
        name = f"editor_open ({total} segments)"

        at = AppTest.from_function(_page_script, kwargs={"page": "editor"}, default_timeout=120)
        at.session_state["doc_id"] = doc_id
        started = time.perf_counter()
        at.run()
        cold = time.perf_counter() - started
        assert not at.exception, at.exception
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        saves = []
        for i in range(repeats):
            box = at.text_area[i % len(at.text_area)]
            started = time.perf_counter()
            box.input(f"Edited text {i}.").run()
            saves.append(time.perf_counter() - started)
        at.selectbox(key="ed.pagesize").set_value(100).run()
        big = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            big.append(time.perf_counter() - started)
        warm_median = statistics.median(warm)
        rows += [
            {"benchmark": name, "metric": "first open (cold: imports + caches)", "value": round(cold, 3),
             "unit": "s", "goal": "< 2 s", "ok": cold < 2.0},
            {"benchmark": name, "metric": "open / rerun, 20 per page (median)", "value": round(warm_median, 3),
             "unit": "s", "goal": "< 2 s", "ok": warm_median < 2.0},
            {"benchmark": name, "metric": "edit + save + QA re-check + rerun (median)",
             "value": round(statistics.median(saves), 3), "unit": "s", "goal": "", "ok": None},
            {"benchmark": name, "metric": "rerun, 100 per page (median)", "value": round(statistics.median(big), 3),
             "unit": "s", "goal": "", "ok": None},
        ]
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
