"""Small line-aligned files (news sentences) and a helper that runs the CLI entry point."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SOURCES = [
    "Министерство иностранных дел Казахстана сделало заявление о присоединении к Авраамским соглашениям.",
    "Документ опубликован 7 ноября 2025 года.",
    "Казахстан выступает за справедливое урегулирование на Ближнем Востоке.",
    "Израиль установил мирные отношения с ОАЭ, Бахрейном и Марокко.",
    "Судан также начал процесс нормализации.",
    "Стороны обсудили перспективы укрепления двусторонних отношений.",
]
REFERENCES = [
    "Kazakhstan's Foreign Ministry made a statement on joining the Abraham Accords.",
    "The document was published on November 7, 2025.",
    "Kazakhstan supports a just settlement in the Middle East.",
    "Israel established peaceful relations with the UAE, Bahrain and Morocco.",
    "Sudan has also started the normalisation process.",
    "The parties discussed prospects for strengthening bilateral relations.",
]
REFERENCES_2 = [
    "The Ministry of Foreign Affairs of Kazakhstan announced that it joins the Abraham Accords.",
    "The document was released on 7 November 2025.",
    "Kazakhstan advocates a fair settlement in the Middle East.",
    "Israel set up peaceful ties with the UAE, Bahrain and Morocco.",
    "Sudan also began normalising relations.",
    "The sides talked about strengthening bilateral relations.",
]
SYSTEM = [
    "The Ministry of Foreign Affairs of Kazakhstan made a statement about joining the Abrahamic agreements.",
    "The document was published on November 7, 2025.",
    "Kazakhstan stands for a fair settlement in the Middle East.",
    "Israel has established peaceful relations with the UAE, Bahrain and Morocco.",
    "Sudan also began the normalization process.",
    "The parties discussed the prospects for strengthening bilateral relations.",
]
BASELINE = [
    "Ministry of foreign cases of Kazakhstan did statement about joining to Abraham agreements.",
    "Document is published 7 November 2025 of year.",
    "Kazakhstan performs for just regulation on Near East.",
    "Israel established peace relations with OAE, Bahrain and Morocco.",
    "Sudan also began process of normalization.",
    "Sides discussed perspectives of strengthening of two-sided relations.",
]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus() -> dict[str, list[str]]:
    """The line-aligned texts themselves."""
    return {"src": SOURCES, "ref": REFERENCES, "ref2": REFERENCES_2, "hyp": SYSTEM, "base": BASELINE}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "src": write_lines(tmp_path / "src.ru", SOURCES),
        "ref": write_lines(tmp_path / "ref.en", REFERENCES),
        "ref2": write_lines(tmp_path / "ref2.en", REFERENCES_2),
        "hyp": write_lines(tmp_path / "hyp.en", SYSTEM),
        "base": write_lines(tmp_path / "base.en", BASELINE),
    }


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``workbench ARGS`` through the real entry point: (exit code, stdout, stderr)."""
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
