"""Fixtures for the QA tests: a tiny stand-in glossary following the glossary API contract.

The checks only read ``check_target(...)`` results and ``entries``; a substring-based stand-in
keeps these tests independent of morphology (the real glossary is exercised separately).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class FakeEntry:
    source: str
    target: str
    forbidden: list[str] = field(default_factory=list)
    dnt: bool = False


@dataclass
class FakeCheck:
    found: list = field(default_factory=list)
    ok: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    forbidden: list = field(default_factory=list)
    dnt_altered: list = field(default_factory=list)


class FakeGlossary:
    """Stems in the source, case-insensitive substrings in the target."""

    def __init__(self, entries: list[tuple[FakeEntry, str]]) -> None:
        self._entries = entries  # (entry, source stem that signals a hit)
        self.entries = [e for e, _ in entries]
        self.calls = 0

    def check_target(self, source: str, target: str) -> FakeCheck:
        self.calls += 1
        result = FakeCheck()
        low = target.casefold()
        for entry, stem in self._entries:
            if stem.casefold() not in source.casefold():
                continue
            result.found.append(entry)
            if entry.dnt:
                (result.ok if entry.target in target else result.dnt_altered).append(entry)
                continue
            (result.ok if entry.target.casefold() in low else result.missing).append(entry)
            for variant in entry.forbidden:
                if variant.casefold() in low:
                    result.forbidden.append((entry, variant))
        return result


@pytest.fixture
def news_glossary() -> FakeGlossary:
    return FakeGlossary([
        (FakeEntry("Авраамские соглашения", "Abraham Accords"), "Авраамск"),
        (FakeEntry("МИД", "Foreign Ministry", forbidden=["Ministry of International Affairs"]), "МИД"),
        (FakeEntry("Lada.kz", "Lada.kz", dnt=True), "Lada.kz"),
    ])
