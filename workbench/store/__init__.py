"""Persistent store: repository interface and the SQLite implementation (default)."""

from workbench.store.base import (
    ConflictError,
    DocumentInfo,
    HistoryEntry,
    NotFoundError,
    ProjectInfo,
    SegmentUpdate,
    Store,
    StoreError,
)

__all__ = [
    "ConflictError",
    "DocumentInfo",
    "HistoryEntry",
    "NotFoundError",
    "ProjectInfo",
    "SegmentUpdate",
    "Store",
    "StoreError",
    "open_store",
]


def open_store(url: str | None = None) -> Store:
    """Open the store named by ``url`` (a SQLite path; default: the data directory's file)."""
    from workbench.store.sqlite import SQLiteStore

    return SQLiteStore(url)
