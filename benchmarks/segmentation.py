"""Sentence segmentation: workbench vs plain razdel on the shared test sets.

Convention (``shared/data/README.md``): join 2–5 consecutive lines of a sentence-aligned test set
into one paragraph (seeded, so every run scores the same paragraphs), split it, and score
sentence-boundary precision/recall/F1 plus the exact-sentence rate against the original lines.

Caveat worth knowing when reading the numbers: some FLORES lines hold two or three sentences, so a
correct split inside such a line counts as a false positive for every splitter; the comparison
between splitters is what matters, not the absolute precision.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETS = ("flores200-devtest", "newstest2018")
SEED = 20251107
QUICK_LINES = 300

Splitter = Callable[[str], list[tuple[int, int]]]


def make_paragraphs(lines: Sequence[str], seed: int = SEED, low: int = 2, high: int = 5) -> list[list[str]]:
    """Group consecutive non-empty lines into paragraphs of ``low``–``high`` lines (deterministic)."""
    clean = [line.strip() for line in lines if line.strip()]
    rng = random.Random(seed)
    out: list[list[str]] = []
    i = 0
    while i < len(clean):
        k = rng.randint(low, high)
        out.append(clean[i : i + k])
        i += k
    return out


def score(split: Splitter, paragraphs: Sequence[Sequence[str]]) -> dict[str, float]:
    """Boundary precision/recall/F1 and exact-sentence rate of ``split`` over joined paragraphs.

    A boundary is the end offset of a sentence that is not the last one; the gold boundaries are the
    ends of the original lines.  A line counts as exact when the splitter returns exactly its span.
    """
    tp = fp = fn = exact = total = 0
    for lines in paragraphs:
        text = " ".join(lines)
        gold_spans: set[tuple[int, int]] = set()
        pos = 0
        for line in lines:
            gold_spans.add((pos, pos + len(line)))
            pos += len(line) + 1
        spans = split(text)
        gold = {end for _, end in gold_spans if end != len(text)}
        pred = {end for _, end in spans if end != len(text)}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        exact += len(gold_spans & set(spans))
        total += len(lines)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "exact": exact / total if total else 0.0}


def razdel_split(text: str) -> list[tuple[int, int]]:
    """Plain ``razdel.sentenize`` spans (the baseline)."""
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def workbench_split(text: str) -> list[tuple[int, int]]:
    """``workbench.segment.split_sentences`` spans."""
    from workbench.segment import split_sentences

    return [(s.start, s.end) for s in split_sentences(text)]


def _row(metric: str, value: float, unit: str, goal: str = "", ok: bool | None = None) -> dict:
    return {"benchmark": "segmentation", "metric": metric, "value": value, "unit": unit, "goal": goal, "ok": ok}


def run(quick: bool = False) -> list[dict]:
    """Score both splitters on both shared sets; empty list (with a message) when the data is absent."""
    rows: list[dict] = []
    if not SHARED_DATA.is_dir():
        print(f"segmentation: shared data not found at {SHARED_DATA}; skipped", file=sys.stderr)
        return rows
    for name in SETS:
        path = SHARED_DATA / name / "ru.txt"
        if not path.is_file():
            print(f"segmentation: {path} missing; skipped", file=sys.stderr)
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if quick:
            lines = lines[:QUICK_LINES]
        paragraphs = make_paragraphs(lines)
        workbench_split("Прогрев.")  # load morphology once so the timing below is the splitting itself
        base = score(razdel_split, paragraphs)
        started = time.perf_counter()
        ours = score(workbench_split, paragraphs)
        elapsed = time.perf_counter() - started
        chars = sum(len(" ".join(p)) for p in paragraphs)
        for metric, unit in (("precision", "P"), ("recall", "R")):
            rows.append(_row(f"{name} boundary {metric}, razdel", base[metric], unit))
            rows.append(_row(f"{name} boundary {metric}, workbench", ours[metric], unit))
        rows += [
            _row(f"{name} boundary F1, razdel", base["f1"], "F1"),
            _row(f"{name} boundary F1, workbench", ours["f1"], "F1", f"> razdel ({base['f1']:.4f})",
                 ours["f1"] > base["f1"]),
            _row(f"{name} exact sentences, razdel", base["exact"], "share"),
            _row(f"{name} exact sentences, workbench", ours["exact"], "share", f">= razdel ({base['exact']:.4f})",
                 ours["exact"] >= base["exact"]),
            _row(f"{name} splitting speed, workbench ({len(paragraphs)} paragraphs)", chars / elapsed / 1000,
                 "k chars/s"),
        ]
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
