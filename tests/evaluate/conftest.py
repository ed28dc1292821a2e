"""Small line-aligned files (news sentences) and a helper that runs the CLI entry point."""

from __future__ import annotations

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
