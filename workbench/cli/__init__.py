"""The ``workbench`` command line: a thin Typer shell over the library.

Each sub-module registers its commands on the root app.  Sub-modules import only typer/rich at
module level; heavy libraries are imported inside the commands so ``workbench --help`` and
``workbench segment`` start instantly.
"""

from __future__ import annotations

import os
import sys

import typer

from workbench.cli import eval as eval_cmd
from workbench.cli import export, glossary, models, qa, serve, tm, translate

app = typer.Typer(
    name="workbench",
    help="Offline Russian→English translation workbench: drafts, glossary, QA, editor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (translate, models, glossary, qa, eval_cmd, export, tm, serve):
    _module.register(app)


def main() -> None:
    """Console-script entry point: user errors become one line and exit code 2."""
    from workbench.errors import WorkbenchError

    debug = "--debug" in sys.argv or os.environ.get("WORKBENCH_DEBUG")
    if "--debug" in sys.argv:
        sys.argv.remove("--debug")
    try:
        app()
    except WorkbenchError as exc:
        if debug:
            raise
        typer.echo(f"Error: {exc}", err=True)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise SystemExit(130) from None
