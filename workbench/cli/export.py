"""``workbench import``, ``workbench documents`` and ``workbench export``: the store from the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.common import fail, print_json


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.command("documents")(documents)
    app.command("export")(export)


def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Documents to add to the workbench store.")],
) -> None:
    """Add documents to the store (they then appear in the web app)."""
    from workbench import pipeline
    from workbench.store import open_store

    store = open_store()
    try:
        for path in files:
            if not path.is_file():
                fail(f"{path}: no such file.")
            info = pipeline.import_file(store, path)
            typer.echo(f"{info.id}\t{info.name}\t{info.counts.get('total', 0)} segments")
    finally:
        store.close()


def documents(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the documents in the store with their progress."""
    from rich.console import Console
    from rich.table import Table

    from workbench.store import open_store

    store = open_store()
    try:
        infos = store.list_documents()
    finally:
        store.close()
    if as_json:
        print_json([{"id": i.id, "name": i.name, "format": i.format, "counts": i.counts,
                     "updated": i.updated} for i in infos])
        return
    table = Table("id", "name", "format", "approved", "segments", "updated")
    for i in infos:
        table.add_row(i.id, i.name, i.format, str(i.counts.get("approved", 0)),
                      str(i.counts.get("total", 0)), i.updated)
    Console().print(table)


def export(
    doc: Annotated[str, typer.Argument(help="Document id in the store (see `workbench documents`), "
                                            "or a bilingual file such as .xliff.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="target | bilingual-docx | bilingual-html | "
                                                            "csv | tsv | xlsx | xliff | xliff2 | tmx")] = "target",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    block_on_errors: Annotated[bool, typer.Option(
        "--block-on-errors/--allow-errors",
        help="Refuse to export while error-level QA flags are open (default: warn only).")] = False,
) -> None:
    """Export a document: target in its own format, bilingual review copy, or exchange format."""
    from workbench.formats.export import EXPORT_FORMATS, export_document

    if fmt not in EXPORT_FORMATS:
        fail(f"unknown format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}.")
    if output is None:
        fail("give the file to write with --output/-o.")
    path = Path(doc)
    if path.is_file():
        from workbench.formats import read_document

        document = read_document(path)
    else:
        from workbench.store import open_store

        store = open_store()
        try:
            document = store.get_document(doc)
        finally:
            store.close()
    from workbench.qa import count_flags

    open_errors = count_flags({s.id: s.flags for s in document.segments()})["error"]
    if open_errors:
        msg = f"{open_errors} error-level QA flag(s) are still open in {document.name}."
        if block_on_errors:
            fail(msg + " Fix or ignore them, or export with --allow-errors.", code=1)
        typer.echo("Warning: " + msg, err=True)
    export_document(document, fmt, output)
    typer.echo(f"Wrote {output}.", err=True)
