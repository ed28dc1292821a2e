"""Fixtures of the glossary tests: the shipped glossary and the project's dev set."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.glossary import Glossary, load_glossary

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    """``glossary/ru-en.csv`` as shipped with the product."""
    return load_glossary(REPO / "glossary" / "ru-en.csv")


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """Local copy of the glossary evaluation set (written for this project)."""
    return HERE / "data"
