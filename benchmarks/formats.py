"""Document format speed: import and export of realistic documents.

Goals (issue 6): an editor imports a 2,000-sentence Word file and writes the translation back in
< 5 s each way; a 10 MB web page (scripts, inline data, 2,000 paragraphs) is read in < 10 s;
XLIFF export + re-import of 2,000 segments < 3 s; protect/restore around MT costs < 1 s per
10,000 sentences.  Sentences come from the shared WMT news test set when present, else are
generated.

    python benchmarks/formats.py [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sentences(n: int) -> list[str]:
    ru = SHARED / "newstest2018" / "ru.txt"
    lines: list[str] = []
    if ru.is_file():
        lines = [ln.strip() for ln in ru.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        lines = [f"Документ №{i} опубликован {i % 28 + 1} ноября, сообщает МИД." for i in range(n)]
    while len(lines) < n:
        lines += lines
    return lines[:n]


def _row(bench: str, metric: str, value: float, unit: str, goal: str, limit: float | None) -> dict:
    return {"benchmark": bench, "metric": metric, "value": round(value, 3), "unit": unit, "goal": goal,
            "ok": (value < limit) if limit is not None else None}


def _timed(fn):  # -> tuple[result, seconds]
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _translate(doc) -> None:
    for seg in doc.segments():
        seg.target = "EN " + seg.source


def run(quick: bool = False) -> list[dict]:
    import docx

    from workbench.formats import read_bytes, read_document, write_document
    from workbench.formats.export import export_document
    from workbench.formats.inline import protect, restore

    n = 200 if quick else 2000
    sents = sentences(n)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)

        # Plain text: one paragraph per line.
        txt = tmp / "news.txt"
        txt.write_text("\n\n".join(sents) + "\n", encoding="utf-8")
        doc, t = _timed(lambda: read_document(txt))
        rows.append(_row("formats", f"txt read ({n} sentences)", t, "s", "< 2 s", 2.0))
        _translate(doc)
        _, t = _timed(lambda: write_document(doc, tmp / "news.en.txt"))
        rows.append(_row("formats", "txt write", t, "s", "< 1 s", 1.0))

        # Word: paragraphs of 3 sentences, every third with a bold run, a table every 50.
        d = docx.Document()
        for i in range(0, n, 3):
            p = d.add_paragraph(" ".join(sents[i : i + 2]) + " ")
            p.add_run(sents[i + 2] if i + 2 < n else "Конец.").bold = i % 9 == 0
            if i % 150 == 0:
                tb = d.add_table(rows=2, cols=2)
                for c in tb._cells:
                    c.text = sents[i]
        path = tmp / "news.docx"
        d.save(str(path))
        doc, t = _timed(lambda: read_document(path))
        segs = sum(1 for _ in doc.segments())
        rows.append(_row("formats", f"docx read ({segs} segments)", t, "s", "< 5 s", 5.0))
        _translate(doc)
        _, t = _timed(lambda: write_document(doc, tmp / "news.en.docx"))
        rows.append(_row("formats", "docx write (all translated)", t, "s", "< 5 s", 5.0))

        # A 10 MB web page: big script and inline image data plus the article.
        body = "".join(f"<p class='t'>{s} <b>{s[:20]}</b></p>\n" for s in sents)
        filler = 10 * 1024 * 1024 - len(body.encode())
        page = (f"<html lang='ru'><head><script>var d='{'x' * max(filler // 2, 0)}';</script></head><body>"
                f"<img src='data:image/png;base64,{'A' * max(filler // 2, 0)}'>{body}</body></html>")
        html = tmp / "page.html"
        html.write_text(page, encoding="utf-8")
        size_mb = html.stat().st_size / 1024 / 1024
        doc, t = _timed(lambda: read_document(html))
        rows.append(_row("formats", f"html read ({size_mb:.1f} MB, {n} paragraphs)", t, "s", "< 10 s", 10.0))
        _translate(doc)
        _, t = _timed(lambda: write_document(doc, tmp / "page.en.html"))
        rows.append(_row("formats", "html write", t, "s", "< 10 s", 10.0))

        # XLIFF exchange.
        doc = read_document(txt)
        _translate(doc)
        _, t = _timed(lambda: read_bytes(export_document(doc, "xliff", tmp / "x.xlf").read_bytes(), "x.xlf"))
        rows.append(_row("formats", f"xliff 1.2 export + import ({n} segments)", t, "s", "< 3 s", 3.0))
        for fmt in ("bilingual-docx", "bilingual-html", "xlsx"):
            _, t = _timed(lambda fmt=fmt: export_document(doc, fmt, tmp / f"b.{fmt}"))
            rows.append(_row("formats", f"{fmt} export ({n} segments)", t, "s", "< 5 s", 5.0))

        # Placeholder protection around MT.
        texts = [s + " {name} <b1>x</b1> https://example.ru/a" for s in sents] * (1 if quick else 5)
        def roundtrip() -> None:
            for text in texts:
                masked, mapping = protect(text)
                restore(masked, mapping)
        _, t = _timed(roundtrip)
        per_10k = t * 10_000 / len(texts)
        rows.append(_row("formats", "protect+restore per 10,000 sentences", per_10k, "s", "< 1 s", 1.0))
    return rows


if __name__ == "__main__":
    from run import print_rows  # benchmarks/ is on sys.path when a benchmark runs as a script

    print_rows(run(quick="--quick" in sys.argv[1:]))
