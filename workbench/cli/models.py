"""``workbench models list | install | remove``: manage Argos translation models.

A thin shell over :mod:`workbench.engine.packages`; failures (offline, unknown pair, corrupt
file) are raised as ``EngineError`` and printed by the root app as one ``Error: …`` line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.common import print_json

models_app = typer.Typer(
    name="models",
    help="List, install and remove Argos translation models (workbench needs ru→en).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``models`` sub-app to the root app."""
    app.add_typer(models_app, name="models")


@models_app.command("list")
def list_models(
    as_json: Annotated[bool, typer.Option("--json", help="JSON list of installed packages.")] = False,
) -> None:
    """Show installed translation packages and where they live."""
    from workbench.engine.packages import list_installed, packages_dirs

    installed = list_installed()
    if as_json:
        print_json([p.to_dict() for p in installed])
        return
    if not installed:
        directories = ", ".join(str(d) for d in packages_dirs())
        typer.echo(f"No models installed (looked in {directories}).")
        typer.echo("Install one: workbench models install ru en   (or: workbench models install FILE.argosmodel)")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "languages", "version", "path")
    for info in installed:
        languages = f"{info.from_name or info.from_code} → {info.to_name or info.to_code} ({info.from_code} {info.to_code})"
        table.add_row(info.name, languages, info.version, str(info.path))
    Console().print(table)


@models_app.command("install")
def install(
    what: Annotated[
        list[str],
        typer.Argument(metavar="CODES_OR_FILE",
                      help="Two language codes (`ru en`, downloads from the Argos index) or a .argosmodel file."),
    ],
) -> None:
    """Install a model from the Argos index (`ru en`, needs internet) or from a .argosmodel file."""
    from workbench.engine import packages

    if len(what) == 1:
        info = packages.install_from_path(Path(what[0]).expanduser())
    elif len(what) == 2:
        from_code, to_code = (code.strip().lower() for code in what)
        typer.echo(f"Downloading the {from_code}→{to_code} model from the Argos package index…", err=True)
        info = packages.install_from_index(from_code, to_code)
    else:
        raise packages.InvalidPackageError(
            "Give two language codes (`workbench models install ru en`) or one .argosmodel file."
        )
    typer.echo(f"Installed {info.name} ({info.from_code}→{info.to_code}, version {info.version}) in {info.path}")


@models_app.command("remove")
def remove(
    name_or_codes: Annotated[
        list[str], typer.Argument(metavar="NAME_OR_CODES",
                                  help="Package name (see `workbench models list`) or two codes (`ru en`).")
    ],
) -> None:
    """Remove an installed model by name or by language codes."""
    from workbench.engine import packages

    removed = packages.remove(" ".join(name_or_codes))
    typer.echo(f"Removed {removed.name} ({removed.from_code}→{removed.to_code}).")
