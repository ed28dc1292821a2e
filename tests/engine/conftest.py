"""Engine test fixtures: an installed synthetic model and a translator over it.

``synthetic_package``, ``synthetic_argosmodel`` and ``argos_home`` live in the root conftest
because pipeline, CLI and UI tests need them too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.engine.argos import ArgosTranslator

SENTENCES = [
    "Министерство иностранных дел Республики Казахстан сделало официальное заявление.",
    "Документ опубликован 7 ноября 2025 года в Telegram-канале внешнеполитического ведомства.",
    "Решение в интересах страны",
    "Фото: кадр YouTube",
    "Присоединение к Авраамским соглашениям будет способствовать укреплению сотрудничества нашей страны со всеми заинтересованными государствами",
]


@pytest.fixture(scope="session")
def translator(synthetic_package: Path) -> ArgosTranslator:
    """One translator for the session (loading the model once, as the product does)."""
    return ArgosTranslator(synthetic_package, intra_threads=1)


@pytest.fixture
def installed(argos_home: Path, synthetic_argosmodel: Path) -> Path:
    """The synthetic model installed in the isolated Argos home; returns the package dir."""
    from workbench.engine.packages import install_from_path

    info = install_from_path(synthetic_argosmodel)
    assert info.path is not None
    return info.path
