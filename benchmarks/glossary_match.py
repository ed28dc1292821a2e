"""Glossary matching: speed on 1 MB × 10,000 terms, linearity, and dev-set precision/recall.

Goals (issue 4): 1 MB of Russian text against a 10,000-term glossary in < 3 s, linear in the text
size; on ``glossary-eval/dev.tsv`` recall 1.0 and precision ≥ 0.98.

The text is the shared Russian news/FLORES sentences (the seed article when they are absent),
repeated to exactly 1 MB of UTF-8.  The 10,000-term glossary is generated deterministically
(seeded) from that text: one- to three-word phrases cut from real sentences, so many of them do
occur and the matcher does real verification work, plus the shipped glossary.  "cold" clears the
per-word-form caches after compiling the glossary, so morphology of every distinct text form is
paid for in the timing; "warm" is a second pass.  Each figure is the best of a few runs (the
machine is shared; CPU time of the process is reported too, as it is less disturbed by others).

    python benchmarks/glossary_match.py [--quick]
"""

from __future__ import annotations

import csv
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED = REPO / "seeds" / "kazakhstan-abraham-accords.ru.txt"
LOCAL_DEV = REPO / "tests" / "glossary" / "data"


def corpus_text() -> str:
    parts = [SHARED / "newstest2018" / "ru.txt", SHARED / "flores200-devtest" / "ru.txt"]
    texts = [p.read_text(encoding="utf-8") for p in parts if p.is_file()]
    return "\n".join(texts) if texts else SEED.read_text(encoding="utf-8")


def text_of_size(n_bytes: int) -> str:
    """``n_bytes`` of UTF-8 Russian text, cut at a line end."""
    base = corpus_text()
    chunks, size = [], 0
    while size < n_bytes:
        chunks.append(base)
        size += len(base.encode("utf-8"))
    data = "\n".join(chunks).encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")
    return data[: data.rfind("\n")] if "\n" in data else data


def synthetic_glossary(n_terms: int, seed: int = 0):  # -> Glossary
    """Deterministic glossary of ``n_terms`` phrases taken from the corpus plus the shipped terms."""
    from workbench.glossary import Entry, Glossary, load_glossary

    rng = random.Random(seed)
    lines = [ln for ln in corpus_text().splitlines() if ln.strip()]
    shipped = load_glossary(REPO / "glossary" / "ru-en.csv").entries
    entries: list[Entry] = list(shipped)
    seen = {e.source.lower() for e in entries}
    attempts = 0
    while len(entries) < n_terms and attempts < n_terms * 50:
        attempts += 1
        words = re.findall(r"[А-Яа-яЁё]{4,}", rng.choice(lines))
        if not words:
            continue
        size = rng.choice((1, 2, 2, 3))
        start = rng.randrange(0, max(1, len(words) - size + 1))
        phrase = " ".join(words[start : start + size])
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        entries.append(Entry(phrase, f"term {len(entries)}"))
    return Glossary(entries, name=f"synthetic-{n_terms}")


def clear_caches() -> None:
    from workbench.glossary import match, morph

    morph.lemma_keys.cache_clear()
    match._text_keys.cache_clear()


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def cpu_timed(fn):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of this process): CPU time shows the cost when the
    machine is shared and wall time is inflated by other processes."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def dev_scores() -> tuple[float, float, int]:
    """(precision, recall, expected matches) on the glossary evaluation dev set."""
    from workbench.glossary import load_glossary

    directory = SHARED / "glossary-eval"
    if not (directory / "dev.tsv").is_file():
        directory = LOCAL_DEV
    glossary = load_glossary(directory / "glossary.csv")
    tp = fp = fn = 0
    with (directory / "dev.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            expected = {tuple(x.split("=", 1)) for x in row["expected"].split("|") if x}
            got = {(m.entry.source, m.text) for m in glossary.match(row["text"])}
            tp, fp, fn = tp + len(expected & got), fp + len(got - expected), fn + len(expected - got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp + fn


def run(quick: bool = False) -> list[dict]:
    """Benchmark rows (see the module docstring)."""
    n_bytes = 100_000 if quick else 1_000_000
    n_terms = 1_000 if quick else 10_000
    name = "glossary_match"
    rows: list[dict] = []

    precision, recall, n_expected = dev_scores()
    rows.append({"benchmark": name, "metric": f"dev recall ({n_expected} expected matches)",
                 "value": round(recall, 4), "unit": "ratio", "goal": "1.0", "ok": recall == 1.0})
    rows.append({"benchmark": name, "metric": "dev precision", "value": round(precision, 4),
                 "unit": "ratio", "goal": "≥ 0.98", "ok": precision >= 0.98})

    text = text_of_size(n_bytes)
    glossary = synthetic_glossary(n_terms)
    _, compile_s = timed(lambda: glossary.matcher)
    rows.append({"benchmark": name, "metric": f"compile {len(glossary.entries)}-term glossary",
                 "value": round(compile_s, 3), "unit": "s", "goal": "", "ok": None})

    # Best of several runs: the machine is shared, and the minimum is the least disturbed run.
    repeats = 1 if quick else 3
    cold_runs = []
    for _ in range(2 if not quick else 1):
        clear_caches()
        cold_runs.append(cpu_timed(lambda: glossary.match(text)))
    matches = cold_runs[0][0]
    cold_s, cold_cpu = min(r[1] for r in cold_runs), min(r[2] for r in cold_runs)
    warm_runs = [cpu_timed(lambda: glossary.match(text)) for _ in range(repeats)]
    warm_s, warm_cpu = min(r[1] for r in warm_runs), min(r[2] for r in warm_runs)
    size_mb = len(text.encode("utf-8")) / 1e6
    goal = 3.0 * size_mb  # 3 s per MB
    rows.append({"benchmark": name, "metric": f"match {size_mb:.2f} MB × {len(glossary.entries)} terms, cold",
                 "value": round(cold_s, 3), "unit": "s", "goal": f"< {goal:.1f} s", "ok": cold_s < goal})
    rows.append({"benchmark": name, "metric": "same, cold, CPU time of the process",
                 "value": round(cold_cpu, 3), "unit": "s", "goal": f"< {goal:.1f} s", "ok": cold_cpu < goal})
    rows.append({"benchmark": name, "metric": "same, warm caches", "value": round(warm_s, 3), "unit": "s",
                 "goal": f"< {goal:.1f} s", "ok": warm_s < goal})
    rows.append({"benchmark": name, "metric": "same, warm, CPU time", "value": round(warm_cpu, 3),
                 "unit": "s", "goal": f"< {goal:.1f} s", "ok": warm_cpu < goal})
    rows.append({"benchmark": name, "metric": "matches found", "value": float(len(matches)),
                 "unit": "count", "goal": "", "ok": None})

    # Linearity (warm): doubling the text should double the time.
    half = text[: len(text) // 2]
    half_s = min(timed(lambda: glossary.match(half))[1] for _ in range(repeats))
    ratio = warm_s / half_s if half_s else 0.0
    rows.append({"benchmark": name, "metric": "time(full) / time(half), warm", "value": round(ratio, 2),
                 "unit": "ratio", "goal": "≈ 2 (linear)", "ok": 1.5 <= ratio <= 2.6})

    # Independence from glossary size: the index makes 10 terms and 10,000 terms cost alike.
    small = synthetic_glossary(20)
    small.matcher  # noqa: B018 - compile outside the timing
    small_s = min(timed(lambda: small.match(text))[1] for _ in range(repeats))
    rows.append({"benchmark": name, "metric": f"same text × {len(small.entries)} terms, warm",
                 "value": round(small_s, 3), "unit": "s", "goal": "", "ok": None})
    if quick:  # a smoke run: timings of a tenth of the text say nothing about the 1 MB goal
        for row in rows[2:]:
            row["ok"] = None
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
