"""The translator protocol every engine implements.

Keeping the interface this small (a batch of sentences in, n-best hypotheses out) lets the
pipeline, glossary enforcement and tests swap the real Argos/CTranslate2 engine for a scripted one
without touching anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from workbench.errors import WorkbenchError


class EngineError(WorkbenchError):
    """A problem the user can fix (no model installed, broken package...): one clear sentence."""


@dataclass(frozen=True)
class Hypothesis:
    """One translation candidate; ``score`` is the model's log-probability (higher is better)."""

    text: str
    score: float | None = None
    tokens: tuple[str, ...] = field(default=(), compare=False)


@runtime_checkable
class Translator(Protocol):
    """Anything that turns source sentences into ranked target hypotheses.

    ``target_prefixes`` (one per sentence, ``None`` for no prefix) forces the beginning of the
    output: glossary enforcement uses it to put a required term where the model diverged.
    The result has one list per input sentence, best hypothesis first, at most ``num_hypotheses``.
    """

    @property
    def model_id(self) -> str:
        """Identifies the model and its decoding options (part of every cache key)."""
        ...

    def translate_batch(
        self,
        sentences: Sequence[str],
        *,
        target_prefixes: Sequence[str | None] | None = None,
        num_hypotheses: int = 1,
    ) -> list[list[Hypothesis]]: ...
