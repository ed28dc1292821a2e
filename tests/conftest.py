"""Shared test fixtures.

Every test runs with its own data directory (``WORKBENCH_DATA``) so no test touches a user's
store or cache, and with one intra-op thread so CTranslate2 tests stay fast on small machines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def seed_article() -> Path:
    return REPO / "seeds" / "kazakhstan-abraham-accords.ru.txt"


# --------------------------------------------------------------------------------------------
# synthetic Argos model (built once per test session) and an isolated Argos home
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def synthetic_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory of the tiny synthetic ru→en Argos package (random weights, real formats)."""
    from workbench.testing.synthetic_model import build_package

    return build_package(tmp_path_factory.mktemp("synthetic-model"), size="tiny", seed=0)


@pytest.fixture(scope="session")
def synthetic_argosmodel(synthetic_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same package zipped as a ``.argosmodel`` file."""
    from workbench.testing.synthetic_model import ARGOSMODEL_NAME, zip_package

    return zip_package(synthetic_package, tmp_path_factory.mktemp("argosmodel") / ARGOSMODEL_NAME)


@pytest.fixture
def argos_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty, offline Argos Translate home; returns its packages directory.

    Argos reads its settings at import time, so both the environment (for subprocesses) and the
    already-imported ``argostranslate.settings`` are pointed at a temporary directory.  The
    package index URL points at a closed local port, so nothing reaches the network.  Install the
    synthetic model with ``workbench.engine.packages.install_from_path(synthetic_argosmodel)``.
    """
    root = tmp_path_factory.mktemp("argos-home")
    dirs = {
        "data": root / "data" / "argos-translate",
        "config": root / "config" / "argos-translate",
        "cache": root / "cache" / "argos-translate",
        "packages": root / "packages",
    }
    for path in dirs.values():
        path.mkdir(parents=True)
    # A (blank) cached spaCy model so argostranslate's SPACY chunking never tries to download.
    (dirs["cache"] / "spacy" / "senter" / "model").mkdir(parents=True)
    index = "http://127.0.0.1:9/"
    for key, value in {
        "XDG_DATA_HOME": root / "data",
        "XDG_CONFIG_HOME": root / "config",
        "XDG_CACHE_HOME": root / "cache",
        "ARGOS_PACKAGES_DIR": dirs["packages"],
        "ARGOS_PACKAGE_INDEX": index,
        "ARGOS_CHUNK_TYPE": "SPACY",
        "ARGOS_INTRA_THREADS": "1",
    }.items():
        monkeypatch.setenv(key, str(value))

    from argostranslate import settings

    for name, value in {
        "data_dir": dirs["data"],
        "config_dir": dirs["config"],
        "cache_dir": dirs["cache"],
        "downloads_dir": dirs["cache"] / "downloads",
        "settings_file": dirs["config"] / "settings.json",
        "package_data_dir": dirs["packages"],
        "package_dirs": [dirs["packages"]],
        "package_index": index,
        "remote_package_index": index + "index.json",
        "local_package_index": dirs["data"] / "index.json",
        "chunk_type": settings.ChunkType.SPACY,
        "intra_threads": 1,
    }.items():
        monkeypatch.setattr(settings, name, value)
    (dirs["cache"] / "downloads").mkdir(exist_ok=True)
    _reset_argos_state()
    yield dirs["packages"]
    _reset_argos_state()


def _reset_argos_state() -> None:
    """Forget Argos' cached languages and translators (module-level state in argostranslate)."""
    import sys

    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()
        translate.installed_translates.clear()
