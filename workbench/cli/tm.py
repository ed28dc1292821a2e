"""``workbench tm {import,export,lookup,stats}``: the translation memory from the shell.

Thin shell over :mod:`workbench.memory`; the memory (and rapidfuzz/numpy/lxml behind it) is
imported inside the commands so ``workbench --help`` stays instant.  ``--memory`` points at
another TM file (default: ``tm.sqlite3`` in the data directory, shared with the web app).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.common import fail, print_json

if TYPE_CHECKING:
    from workbench.memory import TranslationMemory

tm_app = typer.Typer(
    name="tm",
    help="Translation memory: import/export TMX, look up exact and fuzzy matches, statistics.",
    no_args_is_help=True,
)

MemoryOpt = Annotated[
    Path | None,
    typer.Option("--memory", "-m", help="Translation memory file (default: the data directory's tm.sqlite3)."),
]
SourceLangOpt = Annotated[str, typer.Option("--source-lang", help="Source language of the TMX units.")]
TargetLangOpt = Annotated[str, typer.Option("--target-lang", help="Target language of the TMX units.")]


def register(app: typer.Typer) -> None:
    """Add the ``tm`` sub-app to the root app."""
    app.add_typer(tm_app, name="tm")


def _open(path: Path | None) -> TranslationMemory:
    from workbench.memory import TranslationMemory

    return TranslationMemory(path)


@tm_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="TMX files (from workbench or any CAT tool).")],
    memory: MemoryOpt = None,
    source_lang: SourceLangOpt = "ru",
    target_lang: TargetLangOpt = "en",
) -> None:
    """Add the units of TMX files to the translation memory."""
    tm = _open(memory)
    try:
        for path in files:
            if not path.is_file():
                fail(f"{path}: no such file; check the path.")
            added = tm.import_tmx(path, source_lang, target_lang)
            typer.echo(f"{path.name}: {added} new unit(s)")
        typer.echo(f"Translation memory: {len(tm)} unit(s) in {tm.path}")
    finally:
        tm.close()


@tm_app.command("export")
def export_cmd(
    file: Annotated[Path, typer.Argument(help="TMX file to write (replaced if it exists).")],
    memory: MemoryOpt = None,
    source_lang: SourceLangOpt = "ru",
    target_lang: TargetLangOpt = "en",
) -> None:
    """Write the whole translation memory as TMX 1.4."""
    tm = _open(memory)
    try:
        count = tm.export_tmx(file, source_lang, target_lang)
    finally:
        tm.close()
    typer.echo(f"Wrote {count} unit(s) to {file}")


@tm_app.command("lookup")
def lookup_cmd(
    text: Annotated[str, typer.Argument(help="Russian sentence to look up.")],
    memory: MemoryOpt = None,
    prev: Annotated[str, typer.Option("--prev", help="Previous sentence (for in-context matches).")] = "",
    next_: Annotated[str, typer.Option("--next", help="Next sentence (for in-context matches).")] = "",
    threshold: Annotated[float, typer.Option("--threshold", "-t", min=1, max=100,
                                             help="Lowest fuzzy score shown (percent).")] = 70,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many matches.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
) -> None:
    """Show the best exact, in-context and fuzzy matches for a sentence."""
    tm = _open(memory)
    try:
        matches = tm.lookup(text, prev=prev, next=next_, threshold=threshold, limit=limit)
    finally:
        tm.close()
    if as_json:
        print_json([m.to_dict() for m in matches])
        return
    if not matches:
        typer.echo(f"No match at or above {threshold:g} %.")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("score", "kind", "TM source (differences highlighted)", "target")
    for m in matches:
        shown = Text()
        for op, part in m.diff:
            if op == "equal":
                shown.append(part)
            elif op == "insert":
                shown.append(part, style="bold yellow")
            else:
                shown.append(part, style="strike red")
        table.add_row(f"{m.score:g}", m.kind, shown, m.target)
    Console().print(table)


@tm_app.command("stats")
def stats_cmd(
    memory: MemoryOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """Size and content of the translation memory."""
    tm = _open(memory)
    try:
        stats = tm.stats()
    finally:
        tm.close()
    if as_json:
        print_json(stats)
        return
    typer.echo(f"File:             {stats['path']} ({stats['bytes'] / 1024:.0f} KiB)")
    typer.echo(f"Units:            {stats['units']}")
    typer.echo(f"Distinct sources: {stats['distinct_sources']}")
    typer.echo(f"Documents:        {stats['documents']}")
    if stats["origins"]:
        typer.echo("By origin:        " + ", ".join(f"{k} {v}" for k, v in sorted(stats["origins"].items())))
    if stats["units"]:
        typer.echo(f"Dates:            {stats['oldest']} … {stats['newest']}")
