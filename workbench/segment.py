"""Russian sentence splitting (placeholder over razdel; replaced by the tuned splitter)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    from razdel import sentenize

    return [Sentence(s.text, s.start, s.stop) for s in sentenize(text) if s.text.strip()]
