"""The small base every QA check builds on, and the registry that lists them.

A check is a class with an ``id``, a ``severity`` and a ``check(source, target, context)`` method
returning :class:`~workbench.document.Flag` objects.  Keeping each rule in its own class (as
OmegaT, Xbench and LanguageTool do) lets the editor filter by check, lets a user switch one off, and
keeps every rule testable on its own.

Severity decides what blocks an export: ``error`` flags that are not ignored stop a pipeline
(``workbench qa`` exits 1), ``warning`` flags are shown but never block.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeVar

from workbench.document import Document, Flag, Segment

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass
class QaContext:
    """What a check may need beyond the two texts.

    ``glossary`` follows the glossary module's API (``check_target``, ``entries``); ``segment`` and
    ``document`` are set when checks run over a stored document.  The thresholds are here rather
    than in the checks so a project can tune them without subclassing.  ``memo`` lets several
    checks share one expensive computation per segment (the glossary target check runs once for
    the missing, forbidden and do-not-translate checks).
    """

    glossary: Any = None
    segment: Segment | None = None
    document: Document | None = None
    source_lang: str = "ru"
    target_lang: str = "en"
    min_ratio: float = 0.4
    max_ratio: float = 2.2
    ratio_min_chars: int = 25
    memo: dict[Any, Any] = field(default_factory=dict)

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for the lifetime of this context (one segment)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def glossary_check(self, source: str, target: str) -> Any:
        """The glossary's :class:`TargetCheck` for this pair, computed once."""
        return self.cached(("glossary", source, target), lambda: self.glossary.check_target(source, target))


class QaCheck(ABC):
    """One segment-level rule.

    Subclasses set ``id`` (stable: stored flags and ignore decisions refer to it), ``severity``
    and ``description`` (shown in the editor's filter), and implement :meth:`check`.
    ``needs_glossary`` checks are skipped when no glossary is given; ``runs_on_empty`` checks are
    the only ones run on an empty target (every other rule would just repeat "it is empty").
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    description: ClassVar[str]
    needs_glossary: ClassVar[bool] = False
    runs_on_empty: ClassVar[bool] = False

    @abstractmethod
    def check(self, source: str, target: str, context: QaContext) -> list[Flag]:
        """Return the problems of ``target`` as a translation of ``source`` (empty when fine)."""

    def flag(self, message: str, span: tuple[int, int] | None = None) -> Flag:
        """A flag of this check with its id and severity filled in."""
        return Flag(check=self.id, severity=self.severity, message=message, span=span)


class DocumentCheck(ABC):
    """A rule that needs several segments at once (consistency across a document or project)."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    description: ClassVar[str]

    @abstractmethod
    def check_documents(self, documents: Sequence[Document], context: QaContext) -> dict[str, list[Flag]]:
        """Flags keyed by segment id, over all ``documents`` together."""

    def flag(self, message: str, span: tuple[int, int] | None = None) -> Flag:
        return Flag(check=self.id, severity=self.severity, message=message, span=span)


_SEGMENT_CHECKS: dict[str, QaCheck] = {}
_DOCUMENT_CHECKS: dict[str, DocumentCheck] = {}

#: Segment-level checks by id, in the order they run (read-only view of the registry).
CHECKS: Mapping[str, QaCheck] = MappingProxyType(_SEGMENT_CHECKS)
#: Document/project-level checks by id.
DOCUMENT_CHECKS: Mapping[str, DocumentCheck] = MappingProxyType(_DOCUMENT_CHECKS)

_C = TypeVar("_C", bound=type)


def register(cls: _C) -> _C:
    """Class decorator: instantiate the check once and add it to the registry under its id."""
    instance = cls()
    if isinstance(instance, QaCheck):
        registry: dict[str, Any] = _SEGMENT_CHECKS
    elif isinstance(instance, DocumentCheck):
        registry = _DOCUMENT_CHECKS
    else:  # pragma: no cover - programming error
        raise TypeError(f"{cls.__name__} is not a QA check")
    if instance.id in _SEGMENT_CHECKS or instance.id in _DOCUMENT_CHECKS:
        raise ValueError(f"duplicate QA check id {instance.id!r}")
    registry[instance.id] = instance
    return cls


def all_check_ids() -> list[str]:
    """Every check id, segment-level first (for CLI help and the editor's filter)."""
    return [*_SEGMENT_CHECKS, *_DOCUMENT_CHECKS]
