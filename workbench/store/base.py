"""Repository interface of the persistent store.

The UI, CLI and pipeline talk to this interface only, so a PostgreSQL implementation can be added
beside the SQLite one without touching them.  Concurrency rule: every segment carries a
``version``; a save names the version the editor started from and is rejected with
:class:`ConflictError` when somebody saved in between (two tabs, two editors), so no edit is ever
overwritten silently.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.document import Document, Flag, Origin, Segment, Status, TermHit
from workbench.errors import WorkbenchError


class StoreError(WorkbenchError):
    """A store problem the user can act on (unknown document, unreadable database...)."""


class NotFoundError(StoreError, KeyError):
    """The requested project/document/segment does not exist (any more)."""


class ConflictError(StoreError):
    """A save was based on a stale version of the segment.

    Carries both texts so the UI can show them side by side and let the editor choose.
    """

    def __init__(self, segment_id: str, yours: str, theirs: str, current_version: int,
                 current_status: Status | None = None) -> None:
        super().__init__(
            f"Segment {segment_id} was changed elsewhere (now version {current_version}); "
            "your text was not saved over it."
        )
        self.segment_id = segment_id
        self.yours = yours
        self.theirs = theirs
        self.current_version = current_version
        self.current_status = current_status


@dataclass
class ProjectInfo:
    id: int
    name: str
    created: str


@dataclass
class DocumentInfo:
    """A row of the documents list: enough to show progress without loading every segment."""

    id: str
    name: str
    project_id: int | None
    format: str
    created: str
    updated: str
    counts: dict[str, int] = field(default_factory=dict)  # per status + "total", "words"


@dataclass
class HistoryEntry:
    segment_id: str
    time: str
    user: str
    old_target: str
    new_target: str
    old_status: str
    new_status: str
    version: int
    action: str = "edit"  # "edit", "mt", "status", "tm", ...


@dataclass
class SegmentUpdate:
    """Machine-side update of a segment (MT/TM prefill, term status, QA flags).

    Unlike an editor's save, pipeline updates do not take a version: they never overwrite a
    target an editor has touched (status beyond ``draft`` or origin ``human``) unless ``force``.
    """

    segment_id: str
    target: str | None = None
    mt: str | None = None
    status: Status | None = None
    origin: Origin | None = None
    score: float | None = None
    alternatives: list[str] | None = None
    terms: list[TermHit] | None = None
    flags: list[Flag] | None = None
    force: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Store(ABC):
    """Projects → documents → paragraphs → segments, plus history, TM units, glossary and settings."""

    # projects -------------------------------------------------------------------------------
    @abstractmethod
    def create_project(self, name: str) -> ProjectInfo: ...

    @abstractmethod
    def list_projects(self) -> list[ProjectInfo]: ...

    # documents ------------------------------------------------------------------------------
    @abstractmethod
    def add_document(self, doc: Document, project_id: int | None = None) -> DocumentInfo:
        """Insert a new document (its id must be unused; see :meth:`unique_document_id`)."""

    @abstractmethod
    def unique_document_id(self, base: str) -> str:
        """``base`` or ``base-2``, ``base-3``... whichever is free."""

    @abstractmethod
    def get_document(self, doc_id: str) -> Document: ...

    @abstractmethod
    def list_documents(self, project_id: int | None = None) -> list[DocumentInfo]: ...

    def document_info(self, doc_id: str) -> DocumentInfo:
        """Name, dates and progress counts of one document, without loading its segments."""
        for info in self.list_documents():
            if info.id == doc_id:
                return info
        raise NotFoundError(f"Document {doc_id!r} is not in the store (deleted?).")

    @abstractmethod
    def rename_document(self, doc_id: str, name: str) -> None: ...

    @abstractmethod
    def delete_document(self, doc_id: str) -> None: ...

    # segments -------------------------------------------------------------------------------
    @abstractmethod
    def get_segment(self, segment_id: str) -> Segment: ...

    @abstractmethod
    def save_segment(self, segment_id: str, *, target: str, expected_version: int,
                     status: Status | None = None, user: str = "editor",
                     note: str | None = None) -> Segment:
        """An editor's save: applied only if the stored version equals ``expected_version``;
        otherwise raises :class:`ConflictError`.  Records history; returns the new segment."""

    @abstractmethod
    def set_status(self, segment_ids: Iterable[str], status: Status, user: str = "editor",
                   expected_versions: dict[str, int] | None = None) -> int:
        """Bulk status change (mark reviewed/approved); returns how many segments changed.

        With ``expected_versions`` (segment id → the version the editor saw), segments changed
        since are left alone: a bulk approval never signs off text nobody looked at."""

    @abstractmethod
    def apply_updates(self, updates: Iterable[SegmentUpdate], user: str = "pipeline") -> int:
        """Machine updates in one transaction; returns how many segments changed."""

    @abstractmethod
    def history(self, segment_id: str) -> list[HistoryEntry]: ...

    @abstractmethod
    def record_time(self, segment_id: str, seconds: float) -> None:
        """Add editing time to a segment (kept in the document's ``meta["segment_seconds"]``,
        where :mod:`workbench.evaluate.postedit` reads it)."""

    # settings -------------------------------------------------------------------------------
    @abstractmethod
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    @abstractmethod
    def set_setting(self, key: str, value: Any) -> None: ...

    @abstractmethod
    def close(self) -> None: ...
