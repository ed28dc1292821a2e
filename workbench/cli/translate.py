"""``workbench segment``, ``workbench translate`` and ``workbench batch``.

Only argument parsing and output live here; reading, translating and writing are library calls
(:mod:`workbench.formats`, :mod:`workbench.pipeline`).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from workbench.cli.common import fail, print_json

ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Argos package directory or .argosmodel file (default: installed ru→en)."),
]
MemoryOpt = Annotated[
    bool,
    typer.Option("--tm/--no-tm", help="Fill exact translation-memory matches first (approved work)."),
]
GlossaryOpt = Annotated[
    Path | None,
    typer.Option("--glossary", "-g", help="Glossary (CSV/TSV/TBX) whose terms are enforced."),
]

BATCH_MANIFEST = ".workbench-batch.json"
BILINGUAL_BY_SUFFIX = {".docx": "bilingual-docx", ".html": "bilingual-html", ".htm": "bilingual-html",
                       ".csv": "csv", ".tsv": "tsv", ".xlsx": "xlsx"}


def register(app: typer.Typer) -> None:
    app.command("segment")(segment)
    app.command("translate")(translate)
    app.command("batch")(batch)


def segment(
    file: Annotated[Path, typer.Argument(help="Text or Markdown file (any supported format).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON: paragraphs with sentences and offsets.")] = False,
) -> None:
    """Split a Russian document into paragraphs and sentences (one sentence per line)."""
    from workbench.formats import read_document

    doc = read_document(file)
    paragraphs = [p for p in doc.paragraphs if p.segments]
    if as_json:
        print_json({
            "file": str(file),
            "paragraphs": [
                {"index": p.index, "kind": p.kind,
                 "sentences": [{"id": s.id, "text": s.source, "start": s.start, "end": s.end}
                               for s in p.segments]}
                for p in paragraphs
            ],
        })
        return
    blocks = ["\n".join(s.source for s in p.segments) for p in paragraphs]
    typer.echo("\n\n".join(blocks))


def _load_glossary(path: Path | None) -> Any:
    if path is None:
        return None
    from rich.console import Console

    from workbench.glossary import load_glossary

    glossary = load_glossary(path)
    err = Console(stderr=True)
    for problem in getattr(glossary, "problems", [])[:20]:
        err.print(f"[yellow]Glossary warning:[/] {problem}", highlight=False)
    return glossary


def translate(
    input: Annotated[Path, typer.Argument(help="Source document (.txt, .md, …).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Target file (default: stdout).")] = None,
    model: ModelOpt = None,
    glossary: GlossaryOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Per-segment source/target/score as JSON.")] = False,
    tm: MemoryOpt = True,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the translation cache.")] = False,
    bilingual: Annotated[Path | None, typer.Option(
        "--bilingual", help="Also write a bilingual review copy (.docx, .html, .csv, .tsv, .xlsx).")] = None,
) -> None:
    """Translate one document Russian → English, keeping its layout."""
    from workbench import pipeline
    from workbench.formats import read_document, write_document

    if not input.exists():
        fail(f"{input}: no such file.")
    doc = read_document(input)
    translator = pipeline.open_translator(model, cache=not no_cache)
    report = pipeline.translate_doc(doc, translator, glossary=_load_glossary(glossary),
                                    memory=_open_memory() if tm else None)
    if bilingual is not None:
        from workbench.formats.export import export_document

        kind = BILINGUAL_BY_SUFFIX.get(bilingual.suffix.lower())
        if kind is None:
            fail(f"{bilingual}: a bilingual copy can be {', '.join(sorted(BILINGUAL_BY_SUFFIX))}.")
        export_document(doc, kind, bilingual)
    if as_json:
        payload = {
            "file": str(input),
            "report": report.to_dict(),
            "segments": [
                {"id": s.id, "paragraph": s.paragraph, "source": s.source, "target": s.target,
                 "score": s.score, "origin": str(s.origin) if s.origin else None,
                 "alternatives": s.alternatives,
                 "terms": [t.to_dict() for t in s.terms]}
                for s in doc.segments()
            ],
        }
        if output:
            output.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            print_json(payload)
        return
    if output is not None:
        write_document(doc, output)
        typer.echo(f"{report.message} Wrote {output}.", err=True)
    else:
        typer.echo("\n".join(p.target_text() if p.segments else p.text for p in doc.paragraphs))


def _open_memory() -> Any:
    """The user's translation memory, or ``None`` while it is empty (nothing to look up)."""
    from workbench.memory import TranslationMemory

    memory = TranslationMemory()
    return memory if len(memory) else None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def batch(
    in_dir: Annotated[Path, typer.Argument(help="Folder of source documents (searched recursively).")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", help="Folder for the translations.")],
    model: ModelOpt = None,
    glossary: GlossaryOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Translate files already done in an earlier run.")] = False,
    tm: MemoryOpt = True,
) -> None:
    """Translate every supported file of a folder; resumable, bad files are reported and skipped.

    A manifest in the output folder records each finished file with its content hash, so an
    interrupted run started again skips what is done.  Ends with a JSON summary on stdout.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from workbench import pipeline
    from workbench.errors import WorkbenchError
    from workbench.formats import read_document, supported_extensions, write_document

    if not in_dir.is_dir():
        fail(f"{in_dir}: not a folder.")
    exts = {e.lower() for e in supported_extensions()}
    files = sorted(p for p in in_dir.rglob("*") if p.is_file() and p.suffix.lower() in exts
                   and BATCH_MANIFEST not in p.name and out_dir.resolve() not in p.resolve().parents)
    if not files:
        fail(f"{in_dir}: no files to translate (supported: {', '.join(sorted(exts))}).")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / BATCH_MANIFEST
    manifest: dict[str, Any] = {}
    if manifest_path.exists() and not force:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}

    translator = pipeline.open_translator(model)
    terms = _load_glossary(glossary)
    memory = _open_memory() if tm else None
    console = Console(stderr=True)
    summary: dict[str, Any] = {"translated": [], "skipped": [], "failed": [], "segments": 0}
    started = time.perf_counter()

    def save_manifest() -> None:
        tmp = manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, manifest_path)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as bar:
        files_task = bar.add_task("files", total=len(files))
        seg_task = bar.add_task("segments", total=0)
        for path in files:
            rel = path.relative_to(in_dir)
            target = out_dir / rel
            digest = _sha256(path)
            done = manifest.get(str(rel))
            if done and done.get("sha256") == digest and target.exists():
                summary["skipped"].append(str(rel))
                bar.advance(files_task)
                continue
            bar.update(files_task, description=f"files ({rel})")
            try:
                doc = read_document(path)
                n = sum(1 for _ in doc.segments())
                bar.update(seg_task, total=(bar.tasks[seg_task].total or 0) + n)

                report = pipeline.translate_doc(doc, translator, glossary=terms, memory=memory)
                target.parent.mkdir(parents=True, exist_ok=True)
                write_document(doc, target)
                bar.advance(seg_task, n)
            except WorkbenchError as exc:
                console.print(f"[red]Skipped[/] {rel}: {exc}", highlight=False)
                summary["failed"].append({"file": str(rel), "error": str(exc)})
                bar.advance(files_task)
                continue
            manifest[str(rel)] = {"sha256": digest, "output": str(target), "segments": n,
                                  "seconds": round(report.seconds, 3)}
            save_manifest()
            summary["translated"].append(str(rel))
            summary["segments"] += n
            bar.advance(files_task)
    summary["seconds"] = round(time.perf_counter() - started, 3)
    summary["output"] = str(out_dir)
    print_json(summary)
    if summary["failed"] and not summary["translated"] and not summary["skipped"]:
        raise typer.Exit(1)
