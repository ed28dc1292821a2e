"""A deterministic :class:`~workbench.engine.base.Translator` driven by a lookup table.

Logic that sits on top of the engine (glossary enforcement, the pipeline, QA, the editor) must be
testable with predictable English and without loading a model.  ``ScriptedTranslator`` answers
from a table and records every batch it receives, so tests can assert both *what* came back and
*how* the engine was called (how many batches, which prefixes, how many hypotheses).

Rules, chosen to mimic a real decoder closely enough for enforcement logic:

* ``table[source]`` is one translation or a list of translations, best first.  Hypothesis ``i``
  gets the score ``-1.0 - i`` (log-probability-like: higher is better, strictly decreasing).
  At most ``num_hypotheses`` are returned.
* An unknown source raises :class:`KeyError` naming the sentence (a test that forgot a row should
  fail loudly); pass ``on_unknown="copy"`` to get the source back unchanged instead.
* With a target prefix, the output always starts with the prefix (as CTranslate2's does):

  1. ``prefix_table[(source, prefix)]`` when given: either the full output (if it already starts
     with the prefix) or the continuation appended after the prefix;
  2. otherwise the model "continues" the best hypothesis: the words of the prefix that differ from
     the best hypothesis replace the same number of its words at the point of divergence, and the
     remaining words follow.  So with best ``"The Abrahamic agreements were signed"`` the prefix
     ``"The Abraham Accords"`` yields ``"The Abraham Accords were signed"``; punctuation glued to
     a replaced word (``"agreements."``) is kept.

  Prefixed requests return a single hypothesis (the forced one) whatever ``num_hypotheses`` is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from workbench.engine.base import Hypothesis


@dataclass(frozen=True)
class ScriptedCall:
    """One ``translate_batch`` call as the scripted engine received it."""

    sentences: tuple[str, ...]
    target_prefixes: tuple[str | None, ...] | None
    num_hypotheses: int


def _join(prefix: str, continuation: str) -> str:
    """Append a continuation to a forced prefix with exactly one space between words."""
    if not prefix:
        return continuation
    if not continuation:
        return prefix
    if prefix[-1].isspace() or continuation[0].isspace() or continuation[0] in ".,;:!?)»”'":
        return prefix + continuation
    return f"{prefix} {continuation}"


def continue_after_prefix(best: str, prefix: str) -> str:
    """The scripted model's continuation of ``best`` when forced to start with ``prefix``.

    Word-level: the prefix words that agree with ``best`` are kept, the diverging prefix words
    replace as many words of ``best``, and the rest of ``best`` follows.  A prefix that ends inside
    a word (no trailing space and its last word is a strict start of the hypothesis word) is
    completed with the rest of that word, which is what a subword decoder would do.
    """
    best_words = best.split()
    prefix_words = prefix.split()
    common = 0
    while (
        common < len(prefix_words)
        and common < len(best_words)
        and prefix_words[common] == best_words[common]
    ):
        common += 1
    if common == len(prefix_words):
        # The prefix is a word-prefix of the hypothesis: nothing diverged.
        return _join(prefix.rstrip(), " ".join(best_words[common:]))
    if (
        common == len(prefix_words) - 1
        and not prefix[-1:].isspace()
        and common < len(best_words)
        and best_words[common].startswith(prefix_words[common])
    ):
        # The prefix stops in the middle of the next hypothesis word: finish the word.
        rest_of_word = best_words[common][len(prefix_words[common]) :]
        return _join(prefix + rest_of_word, " ".join(best_words[common + 1 :]))
    skip = len(prefix_words) - common
    replaced = best_words[common : common + skip]
    rest = " ".join(best_words[common + skip :])
    # Sentence punctuation glued to a replaced word ("agreements.") is kept, as a decoder would.
    trailing = re.search(r"[^\w\s]+$", replaced[-1]) if replaced else None
    if trailing and not prefix.rstrip().endswith(trailing.group()):
        rest = trailing.group() + (" " + rest if rest else "")
    return _join(prefix.rstrip(), rest)


class ScriptedTranslator:
    """Deterministic translator for tests: see the module docstring for the exact rules."""

    def __init__(
        self,
        table: Mapping[str, str | Sequence[str]],
        *,
        prefix_table: Mapping[tuple[str, str], str] | None = None,
        model_id: str = "scripted",
        on_unknown: Literal["raise", "copy"] = "raise",
    ) -> None:
        self.table: dict[str, list[str]] = {
            src: [tgt] if isinstance(tgt, str) else list(tgt) for src, tgt in table.items()
        }
        for src, hyps in self.table.items():
            if not hyps:
                raise ValueError(f"ScriptedTranslator: no translation given for {src!r}")
        self.prefix_table: dict[tuple[str, str], str] = dict(prefix_table or {})
        self._model_id = model_id
        self.on_unknown = on_unknown
        self.calls: list[ScriptedCall] = []

    @property
    def model_id(self) -> str:
        return self._model_id

    def _hypotheses(self, source: str) -> list[str]:
        if source in self.table:
            return self.table[source]
        if self.on_unknown == "copy":
            return [source]
        raise KeyError(
            f"ScriptedTranslator has no translation for {source!r}; add it to the table "
            "or create the translator with on_unknown='copy'"
        )

    def _forced(self, source: str, prefix: str) -> str:
        scripted = self.prefix_table.get((source, prefix))
        if scripted is not None:
            return scripted if scripted.startswith(prefix) else _join(prefix, scripted)
        return continue_after_prefix(self._hypotheses(source)[0], prefix)

    def translate_batch(
        self,
        sentences: Sequence[str],
        *,
        target_prefixes: Sequence[str | None] | None = None,
        num_hypotheses: int = 1,
    ) -> list[list[Hypothesis]]:
        """Answer every sentence from the table; record the call in :attr:`calls`."""
        if target_prefixes is not None and len(target_prefixes) != len(sentences):
            raise ValueError("target_prefixes must have one entry per sentence")
        self.calls.append(
            ScriptedCall(
                sentences=tuple(sentences),
                target_prefixes=tuple(target_prefixes) if target_prefixes is not None else None,
                num_hypotheses=num_hypotheses,
            )
        )
        out: list[list[Hypothesis]] = []
        for i, source in enumerate(sentences):
            prefix = target_prefixes[i] if target_prefixes is not None else None
            if prefix:
                text = self._forced(source, prefix)
                out.append([Hypothesis(text=text, score=-1.0, tokens=tuple(text.split()))])
                continue
            hyps = self._hypotheses(source)[: max(1, num_hypotheses)]
            out.append(
                [Hypothesis(text=t, score=-1.0 - k, tokens=tuple(t.split())) for k, t in enumerate(hyps)]
            )
        return out
