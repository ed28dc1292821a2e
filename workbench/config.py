"""Where workbench keeps its files.

One data directory holds the SQLite store, the translation cache and uploaded models' staging
area.  ``WORKBENCH_DATA`` overrides it so tests, CI and several installations stay isolated.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The data directory (created on first use)."""
    env = os.environ.get("WORKBENCH_DATA")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("workbench", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path() -> Path:
    """The default SQLite store file."""
    return data_dir() / "workbench.sqlite3"


def cache_path() -> Path:
    """The translation cache file (beside the store, separate so it can be deleted freely)."""
    return data_dir() / "mt-cache.sqlite3"
