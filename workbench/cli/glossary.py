"""``workbench glossary {match,check,import,export,validate}``.

Thin shell over :mod:`workbench.glossary`: the commands read files, call the library and print
either one JSON object per input line (``--json``, for scripts and evaluation) or a rich table.
The glossary library (and its morphology) is imported inside the commands so the CLI starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.common import fail, print_json

if TYPE_CHECKING:
    from workbench.glossary import Glossary

glossary_app = typer.Typer(
    name="glossary",
    help="Glossary: find terms in Russian text, check translations, convert CSV/TSV ↔ TBX.",
    no_args_is_help=True,
)

GlossaryOpt = Annotated[Path, typer.Option("--glossary", "-g", help="Glossary file (CSV, TSV or TBX).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per input line.")]


def register(app: typer.Typer) -> None:
    """Add the ``glossary`` sub-app to the root app."""
    app.add_typer(glossary_app, name="glossary")


def _load(path: Path, *, warn: bool = True) -> Glossary:
    """Load a glossary; unusable files become one ``Error:`` line, row problems warnings."""
    from workbench.glossary import GlossaryError, load_glossary

    try:
        glossary = load_glossary(path)
    except GlossaryError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits
    if warn and glossary.problems:
        from rich.console import Console

        err = Console(stderr=True)
        for problem in glossary.problems[:20]:
            err.print(f"[yellow]Glossary warning:[/] {problem}", highlight=False, markup=True)
        if len(glossary.problems) > 20:
            err.print(f"… and {len(glossary.problems) - 20} more (run `workbench glossary validate`)")
    return glossary


def _read_lines(path: Path) -> list[str]:
    """Lines of a text file in any common encoding (the same detection as glossaries)."""
    from workbench.glossary.io import decode_text

    if not path.is_file():
        fail(f"{path} does not exist (check the path)")
    return decode_text(path.read_bytes(), str(path)).splitlines()


@glossary_app.command("match")
def match(
    text_file: Annotated[Path, typer.Argument(help="Russian text, one segment per line.")],
    glossary: GlossaryOpt,
    as_json: JsonOpt = False,
) -> None:
    """Find glossary terms (any inflected form) in each line of a Russian text."""
    g = _load(glossary)
    lines = _read_lines(text_file)
    if as_json:
        for n, line in enumerate(lines, start=1):
            print_json({
                "line": n,
                "matches": [
                    {"source": m.entry.source, "target": m.entry.target, "start": m.start,
                     "end": m.end, "text": m.text}
                    for m in g.match(line)
                ],
            })
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Glossary terms in {text_file.name}")
    for col in ("line", "text", "term", "target", "span"):
        table.add_column(col)
    total = 0
    for n, line in enumerate(lines, start=1):
        for m in g.match(line):
            total += 1
            table.add_row(str(n), m.text, m.entry.source, m.entry.target, f"{m.start}–{m.end}")
    console = Console()
    console.print(table)
    console.print(f"{total} term occurrence(s) in {len(lines)} line(s).")


@glossary_app.command("check")
def check(
    glossary: GlossaryOpt,
    source: Annotated[Path, typer.Option("--source", "-s", help="Russian source, one segment per line.")],
    target: Annotated[Path, typer.Option("--target", "-t", help="English translation, line-aligned.")],
    as_json: JsonOpt = False,
) -> None:
    """Check a line-aligned translation: missing terms, forbidden variants, altered DNT items.

    In ``--json`` output an altered do-not-translate item counts as missing (its exact form is).
    """
    g = _load(glossary)
    src_lines, tgt_lines = _read_lines(source), _read_lines(target)
    if len(src_lines) != len(tgt_lines):
        fail(f"{source} has {len(src_lines)} lines but {target} has {len(tgt_lines)}: "
             "the files must be line-aligned")
    results = [g.check_target(s, t) for s, t in zip(src_lines, tgt_lines, strict=True)]
    if as_json:
        for n, chk in enumerate(results, start=1):
            print_json({
                "line": n,
                "missing": [e.source for e in chk.missing] + [e.source for e in chk.dnt_altered],
                "forbidden": list(dict.fromkeys(e.source for e, _ in chk.forbidden)),
            })
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Terminology check")
    for col in ("line", "missing", "forbidden variant used", "do-not-translate altered"):
        table.add_column(col)
    hits = occurring = 0
    for n, chk in enumerate(results, start=1):
        occurring += len(chk.ok) + len(chk.missing) + len(chk.dnt_altered)
        hits += len(chk.ok)
        if chk.passed:
            continue
        table.add_row(
            str(n),
            ", ".join(f"{e.source} → {e.target}" for e in chk.missing),
            ", ".join(f"{text!r} (use {e.target})" for e, text in chk.forbidden),
            ", ".join(e.source for e in chk.dnt_altered),
        )
    console = Console()
    console.print(table)
    rate = f"{hits / occurring:.1%}" if occurring else "n/a"
    console.print(f"Term success: {hits}/{occurring} ({rate}).")


def _convert(file: Path, output: Path) -> None:
    from workbench.glossary import GlossaryError, save_glossary

    g = _load(file)
    try:
        save_glossary(g, output)
    except GlossaryError as exc:
        fail(str(exc))
    typer.echo(f"Wrote {len(g.entries)} entries to {output}"
               + (f" ({len(g.problems)} problem(s) in the input)" if g.problems else "") + ".")


@glossary_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Glossary to import (CSV/TSV in any encoding, or TBX).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Converted glossary (.csv, .tsv or .tbx).")],
) -> None:
    """Convert a glossary from another tool (TBX, cp1251 CSV…) to a clean UTF-8 CSV or TBX."""
    _convert(file, output)


@glossary_app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Glossary to export (CSV/TSV/TBX).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Exported glossary (.tbx, .csv or .tsv).")],
) -> None:
    """Export a glossary for other tools (TBX keeps forbidden variants and do-not-translate)."""
    _convert(file, output)


@glossary_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="Glossary file to validate.")],
) -> None:
    """List the problems of a glossary file (exit code 1 when there are any)."""
    g = _load(file, warn=False)
    if not g.problems:
        typer.echo(f"{file}: {len(g.entries)} entries, no problems.")
        return
    from rich.console import Console

    console = Console()
    for problem in g.problems:
        console.print(f"[yellow]•[/] {problem}", highlight=False)
    console.print(f"{file}: {len(g.entries)} usable entries, {len(g.problems)} problem(s).")
    raise typer.Exit(1)
