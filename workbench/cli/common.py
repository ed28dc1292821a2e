"""Helpers shared by the CLI modules."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer


def fail(message: str, code: int = 2) -> None:
    """Print one clear sentence and exit non-zero (no traceback)."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def print_json(obj: Any) -> None:
    """JSON with Cyrillic kept readable."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
