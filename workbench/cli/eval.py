"""``workbench eval``: sacrebleu scores, terminology success, significance and post-editing effort."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from workbench.cli.common import print_json


def _load_glossary(path: Path) -> Any:
    from workbench.errors import WorkbenchError

    try:
        from workbench.glossary import load_glossary
    except ImportError as exc:  # the glossary module is optional for plain scoring
        raise WorkbenchError(f"Glossary support is not available in this installation ({exc}).") from None
    return load_glossary(path)


def _fmt_ci(mean: float | None, ci: float | None) -> str:
    return f"{mean:.1f} ± {ci:.1f}" if mean is not None and ci is not None else "–"


def _postedit(doc_id: str, as_json: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    from workbench.errors import WorkbenchError
    from workbench.evaluate import postedit_report
    from workbench.store import open_store

    store = open_store()
    try:
        try:
            doc = store.get_document(doc_id)
        except KeyError:
            raise WorkbenchError(f"No stored document {doc_id!r}; `workbench documents` lists them.") from None
    finally:
        store.close()
    report = postedit_report(doc)
    if as_json:
        print_json(report.to_dict())
        return
    console = Console()
    if not report.segments:
        console.print(f"{doc_id}: no segment has both an MT draft and a final target yet.")
        return
    console.print(f"[bold]{doc.name}[/bold] ({doc_id}): {len(report.segments)} segments with a draft, "
                  f"{report.skipped} skipped")
    console.print(f"HTER {report.hter:.1f} · character edit rate {report.char_edit_rate:.1%} · "
                  f"unchanged {report.unchanged_share:.0%} · words edited {report.words_edited}/{report.words_total}")
    if report.seconds_per_segment is not None:
        console.print(f"Time: {report.seconds_total:.0f} s in total, {report.seconds_per_segment:.1f} s per timed segment")
    table = Table("segment", "chars", "rate", "words", "TER")
    for s in report.segments:
        table.add_row(s.segment_id, str(s.char_distance), f"{s.char_edit_rate:.0%}", str(s.word_distance), f"{s.ter:.1f}")
    console.print(table)


def eval_command(
    hyp: Path | None = typer.Option(None, "--hyp", help="System output, one segment per line (UTF-8)."),
    ref: list[Path] | None = typer.Option(None, "--ref", help="Reference translation; repeat for several references."),
    src: Path | None = typer.Option(None, "--src", help="Source lines (for terminology success, with --glossary)."),
    glossary: Path | None = typer.Option(None, "--glossary", help="Glossary (CSV/TSV/TBX) for terminology success."),
    baseline: Path | None = typer.Option(None, "--baseline", help="A second system: paired bootstrap test against it."),
    sentence: bool = typer.Option(False, "--sentence", help="Also print per-line scores."),
    metrics: str = typer.Option("bleu,chrf,ter", "--metrics", help="Comma-separated: bleu, chrf (chrF2++), ter."),
    width: int = typer.Option(1, "--width", help="Decimals in printed scores (as sacrebleu's -w)."),
    samples: int = typer.Option(1000, "--bootstrap-samples", help="Resamples of the paired bootstrap test."),
    doc: str | None = typer.Option(None, "--doc", help="Instead: post-editing effort of a stored document."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Score a translation against references (BLEU, chrF2++, TER: identical to the sacrebleu CLI).

    With --src and --glossary also the terminology success rate; with --baseline sacrebleu's
    paired bootstrap test; with --doc the post-editing effort (MT draft vs final) of a stored document.
    """
    from workbench.errors import WorkbenchError

    if doc is not None:
        if hyp or ref:
            raise WorkbenchError("--doc reports post-editing effort; do not combine it with --hyp/--ref.")
        _postedit(doc, as_json)
        return
    if hyp is None or not ref:
        raise WorkbenchError("Give --hyp and at least one --ref (or --doc DOC_ID for post-editing effort).")
    if (src is None) != (glossary is None):
        raise WorkbenchError("Terminology success needs both --src and --glossary.")

    from workbench.evaluate import (
        check_aligned,
        paired_bootstrap,
        read_lines,
        score_corpus,
        score_sentences,
        term_success,
    )

    hyps = read_lines(hyp)
    refs = [read_lines(r) for r in ref]
    streams = [(str(hyp), hyps), *[(str(r), lines) for r, lines in zip(ref, refs, strict=True)]]
    base_lines = read_lines(baseline) if baseline else None
    if base_lines is not None and baseline is not None:
        streams.append((str(baseline), base_lines))
    src_lines = read_lines(src) if src else None
    if src_lines is not None and src is not None:
        streams.append((str(src), src_lines))
    check_aligned(streams)

    chosen = [m for m in metrics.split(",") if m.strip()]
    scores = score_corpus(hyps, refs, chosen, width=width)
    out: dict[str, Any] = {"hyp": str(hyp), "refs": [str(r) for r in ref], "lines": len(hyps),
                           "scores": {k: v.to_dict() for k, v in scores.items()}}
    per_line = score_sentences(hyps, refs, chosen) if sentence else None
    if per_line is not None:
        out["sentences"] = per_line
    terms = None
    if src_lines is not None and glossary is not None:
        terms = term_success(_load_glossary(glossary), src_lines, hyps)
        out["terms"] = terms.to_dict()
    paired = None
    if base_lines is not None:
        paired = paired_bootstrap(base_lines, hyps, refs, chosen, samples=samples)
        out["baseline"] = str(baseline)
        out["paired"] = [p.to_dict() for p in paired]

    if as_json:
        print_json(out)
        return

    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for score in scores.values():
        console.print(score.text, soft_wrap=True)
        console.print(f"  [dim]{score.signature}[/dim]")
    if terms is not None:
        rate = f"{terms.rate:.1%}" if terms.rate is not None else "n/a (no glossary term occurs in the source)"
        console.print(f"Terminology success: {terms.hits}/{terms.total} = {rate}")
    if paired is not None:
        table = Table("metric", f"baseline {baseline.name if baseline else ''}", f"system {hyp.name}", "p-value",
                      title=f"Paired bootstrap resampling ({paired[0].samples if paired else samples} samples)")
        for p in paired:
            mark = " *" if p.significant else ""
            table.add_row(scores[p.metric].name,
                          f"{p.baseline:.{width}f} ({_fmt_ci(p.baseline_mean, p.baseline_ci)})",
                          f"{p.system:.{width}f} ({_fmt_ci(p.system_mean, p.system_ci)})",
                          f"{p.p_value:.4f}{mark}" if p.p_value is not None else "–")
        console.print(table)
        console.print("[dim]* p < 0.05: the difference is unlikely to be chance.[/dim]")
    if per_line is not None:
        table = Table("line", *[scores[k].name for k in scores])
        for i, row in enumerate(per_line, 1):
            table.add_row(str(i), *[f"{row[k]:.{width}f}" for k in scores])
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``workbench eval`` to the root app."""
    app.command("eval")(eval_command)
