"""Shared test fixtures.

Every test runs with its own data directory (``WORKBENCH_DATA``) so no test touches a user's
store or cache, and with one intra-op thread so CTranslate2 tests stay fast on small machines.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("WORKBENCH_THREADS", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("wbdata")
    monkeypatch.setenv("WORKBENCH_DATA", str(data))
    return data


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    """The isolated data directory of this test."""
    return _isolated_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` when present; tests that need it skip otherwise."""
    if not SHARED_DATA.is_dir():
        pytest.skip("shared evaluation data not available")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_article() -> Path:
    return REPO / "seeds" / "kazakhstan-abraham-accords.ru.txt"
