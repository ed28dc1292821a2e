"""``workbench qa``: run the QA checks on a bilingual file or a stored document.

Exit codes make it usable as a pipeline gate: 0 when no error-level flag is open (warnings and
ignored flags do not count), 1 when at least one is, 2 for problems the user has to fix first
(unreadable file, unknown document id).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from workbench.cli.common import print_json


def _load_glossary(path: Path) -> Any:
    from workbench.errors import WorkbenchError

    try:
        from workbench.glossary import load_glossary
    except ImportError as exc:
        raise WorkbenchError(f"Glossary support is not available in this installation ({exc}).") from None
    glossary = load_glossary(path)
    for problem in getattr(glossary, "problems", [])[:10]:
        typer.echo(f"Warning: {problem}", err=True)
    return glossary


def _load(file_or_doc: str, target: Path | None, save: bool, glossary: Any) -> tuple[Any, bool]:
    """(document, stored?) for a path or a stored document id."""
    from workbench.errors import WorkbenchError

    path = Path(file_or_doc)
    if path.exists() or target is not None:
        from workbench.qa.io import load_bilingual

        if save:
            raise WorkbenchError("--save applies to stored documents only; a file's flags are just reported.")
        return load_bilingual(path, target), False
    from workbench.store import open_store

    store = open_store()
    try:
        try:
            if save:
                from workbench.pipeline import check_document

                return check_document(store, file_or_doc, glossary=glossary), True
            return store.get_document(file_or_doc), True
        except KeyError:
            raise WorkbenchError(
                f"{file_or_doc!r} is neither a file nor a stored document id; "
                "`workbench documents` lists the stored ones."
            ) from None
    finally:
        store.close()


def qa_command(
    files_or_docs: list[str] = typer.Argument(..., metavar="FILE_OR_DOC...",
                                              help="A bilingual file (.tsv/.csv/.xlf), a source text with "
                                                   "--target, or a stored document id; several are checked "
                                                   "together as a project (consistency across them)."),
    target: Path | None = typer.Option(None, "--target", help="Line-aligned translation of a source text file."),
    glossary: Path | None = typer.Option(None, "--glossary", help="Glossary (CSV/TSV/TBX) for term checks."),
    disable: list[str] | None = typer.Option(None, "--disable", help="Check id to skip; repeatable."),
    save: bool = typer.Option(False, "--save", help="Store the flags on a stored document's segments."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Check translations: terms, numbers, untranslated text, punctuation, consistency...

    Exit code 1 when any error-level flag is open (not ignored), 0 otherwise.
    """
    from workbench.errors import WorkbenchError
    from workbench.qa import all_check_ids, count_flags, has_open_errors, run_project_checks
    from workbench.qa.io import segment_labels

    disabled = set(disable or [])
    unknown = disabled - set(all_check_ids())
    if unknown:
        raise WorkbenchError(f"Unknown check id(s) {', '.join(sorted(unknown))}; known: {', '.join(all_check_ids())}.")
    if target is not None and len(files_or_docs) != 1:
        raise WorkbenchError("--target pairs with exactly one source file.")
    gloss = _load_glossary(glossary) if glossary else None
    docs = [_load(item, target, save, gloss)[0] for item in files_or_docs]
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):  # two files named alike: keep their segment ids apart
        for i, d in enumerate(docs):
            _rename(d, f"{d.id}-{i + 1}")
    flags = run_project_checks(docs, glossary=gloss, disabled=disabled)
    blocked = has_open_errors(flags)

    reports = []
    for doc in docs:
        doc_flags = {seg.id: flags.get(seg.id, []) for seg in doc.segments()}
        labels = segment_labels(doc)
        reports.append({
            "document": doc.id,
            "name": doc.name,
            "segments_checked": len(doc_flags),
            "summary": count_flags(doc_flags),
            "open_errors": has_open_errors(doc_flags),
            "segments": [
                {"id": seg.id, "label": labels.get(seg.id, seg.id), "source": seg.source, "target": seg.target,
                 "status": str(seg.status), "flags": [f.to_dict() for f in doc_flags[seg.id]]}
                for seg in doc.segments() if doc_flags[seg.id]
            ],
        })

    if as_json:
        if len(reports) == 1:
            print_json(reports[0])
        else:
            print_json({"open_errors": blocked, "summary": count_flags(flags), "documents": reports})
    else:
        _print_reports(reports)
    if blocked:
        raise typer.Exit(1)


def _rename(doc: Any, new_id: str) -> None:
    """Give a file-based document (and its segments) a distinct id."""
    for seg in doc.segments():
        seg.id = new_id + seg.id[len(doc.id):]
    doc.id = new_id


def _print_reports(reports: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    for report in reports:
        for seg in report["segments"]:
            console.print(f"[bold]{escape(seg['label'])}[/bold]  {escape(seg['source'])}")
            console.print(f"  [dim]→[/dim] {escape(seg['target']) if seg['target'] else '[dim](empty)[/dim]'}")
            for f in seg["flags"]:
                colour = "dim" if f["ignored"] else ("red" if f["severity"] == "error" else "yellow")
                note = f" (ignored: {escape(f['reason'])})" if f["ignored"] else ""
                console.print(f"  [{colour}]{f['severity']:<7}[/{colour}] {f['check']}: {escape(f['message'])}{note}")
        counts = report["summary"]
        console.print(
            f"{report['name']}: {report['segments_checked']} segments, {len(report['segments'])} flagged · "
            f"{counts['error']} open errors, {counts['warning']} warnings, {counts['ignored']} ignored"
        )


def register(app: typer.Typer) -> None:
    """Add ``workbench qa`` to the root app."""
    app.command("qa")(qa_command)
