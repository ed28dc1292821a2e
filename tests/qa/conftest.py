"""Fixtures for the QA tests: a tiny stand-in glossary following the glossary API contract.

The checks only read ``check_target(...)`` results and ``entries``; a substring-based stand-in
keeps these tests independent of morphology (the real glossary is exercised separately).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``workbench ARGS`` through the real entry point: (exit code, stdout, stderr)."""
    import sys

    from workbench.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["workbench", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


TEST_GLOSSARY = """source,target,note,pos,case_sensitive,match_mode,forbidden,dnt
Авраамские соглашения,Abraham Accords,,noun,,,Abrahamic agreements|Abraham agreements,
МИД,Foreign Ministry,,noun,,,MFA,
Казахстан,Kazakhstan,,noun,,,,
Lada.kz,Lada.kz,do not translate,,,exact,,yes
"""


@pytest.fixture
def glossary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small glossary in the project's CSV format (terms, a forbidden variant, a do-not-translate item)."""
    path = tmp_path_factory.mktemp("glossary") / "news.csv"
    path.write_text(TEST_GLOSSARY, encoding="utf-8")
    return path
