"""QA speed and false-alarm rate on human translations; evaluation speed.

* Speed: ``run_document_checks`` over a document of sentence pairs (goal: a 2,000-segment document
  checked in < 2 s, so the editor can re-run QA on save and export without waiting).
* False alarms: the pairs are professional human translations (WMT newstest2018 ru→en, FLORES
  devtest), so every error-level flag on them is, nearly always, a false positive.  Reported
  per check as the share of segments flagged; goal: error flags on < 5 % of human segments
  (a QA pass that cries wolf gets switched off).
* Evaluation: corpus BLEU + chrF2++ + TER over 1,000 lines (goal < 10 s).

Falls back to generated pairs when the shared data is absent.

    python benchmarks/qa_checks.py [--quick]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pairs(corpus: str, n: int) -> list[tuple[str, str]]:
    ru, en = SHARED / corpus / "ru.txt", SHARED / corpus / "en.txt"
    out: list[tuple[str, str]] = []
    if ru.is_file() and en.is_file():
        out = [(r.strip(), e.strip()) for r, e in zip(ru.read_text(encoding="utf-8").split("\n"),
                                                     en.read_text(encoding="utf-8").split("\n"), strict=False)
               if r.strip() and e.strip()]
    if not out:
        out = [(f"Документ опубликован {i % 28 + 1} ноября 2025 года, рост составил {i}%.",
                f"The document was published on November {i % 28 + 1}, 2025, growth was {i}%.")
               for i in range(n)]
    return out[:n]


def document(rows: list[tuple[str, str]], doc_id: str = "bench"):  # -> Document
    from workbench.document import Document, Paragraph, Segment, Status, segment_id

    doc = Document(id=doc_id, name=f"{doc_id}.txt")
    for i, (ru, en) in enumerate(rows):
        seg = Segment(id=segment_id(doc_id, i, 0), paragraph=i, index=0, source=ru, end=len(ru), target=en,
                      status=Status.TRANSLATED)
        doc.paragraphs.append(Paragraph(index=i, text=ru, segments=[seg]))
    return doc


def run(quick: bool = False) -> list[dict]:
    from workbench.evaluate import score_corpus
    from workbench.qa import run_document_checks

    rows: list[dict] = []
    n = 200 if quick else 2000
    doc = document(pairs("newstest2018", n))
    run_document_checks(document(pairs("newstest2018", 20), "warm"))  # morphology and regex warm-up
    start = time.perf_counter()
    flags = run_document_checks(doc)
    elapsed = time.perf_counter() - start
    per_2000 = elapsed * 2000 / max(len(flags), 1)
    rows.append({"benchmark": "qa", "metric": f"QA time for 2,000 segments (measured on {len(flags)})",
                 "value": round(per_2000, 3), "unit": "s", "goal": "< 2 s", "ok": per_2000 < 2.0})

    for corpus in ("newstest2018", "flores200-devtest"):
        cdoc = document(pairs(corpus, n), corpus)
        cflags = run_document_checks(cdoc)
        total = len(cflags)
        with_error = sum(1 for fl in cflags.values() if any(f.severity == "error" for f in fl))
        share = 100 * with_error / max(total, 1)
        rows.append({"benchmark": "qa", "metric": f"human {corpus} segments with an error flag ({total} segments)",
                     "value": round(share, 2), "unit": "%", "goal": "< 5 %", "ok": share < 5})
        by_check = Counter(f.check for fl in cflags.values() for f in {f.check: f for f in fl}.values())
        for check, count in by_check.most_common(6):
            rows.append({"benchmark": "qa", "metric": f"{corpus}: segments flagged by {check}",
                         "value": round(100 * count / max(total, 1), 2), "unit": "%", "goal": "informational",
                         "ok": None})

    lines = 200 if quick else 1000
    hyp_ref = pairs("newstest2018", lines)
    refs = [en for _, en in hyp_ref]
    hyps = [en.replace(" the ", " a ") for en in refs]
    start = time.perf_counter()
    scores = score_corpus(hyps, [refs])
    elapsed = time.perf_counter() - start
    rows.append({"benchmark": "evaluate", "metric": f"BLEU+chrF2+++TER over {len(hyps)} lines",
                 "value": round(elapsed, 3), "unit": "s", "goal": "< 10 s", "ok": elapsed < 10})
    assert scores["bleu"].score > 0
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
