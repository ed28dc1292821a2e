"""Package management (library and `workbench models` CLI) in an isolated, offline Argos home."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.engine import packages
from workbench.engine.packages import InvalidPackageError, OfflineError, UnknownPackageError


def test_list_install_remove(argos_home: Path, synthetic_argosmodel: Path) -> None:
    assert packages.list_installed() == []
    info = packages.install_from_path(synthetic_argosmodel)
    assert info.path == argos_home / "translate-ru_en-synthetic"
    assert (info.from_code, info.to_code) == ("ru", "en")
    assert [p.name for p in packages.list_installed()] == [info.name]
    # reinstalling replaces in place
    assert packages.install_from_path(synthetic_argosmodel).path == info.path
    removed = packages.remove("ru en")
    assert removed.name == info.name
    assert packages.list_installed() == []
    assert not info.path.exists()


def test_argostranslate_sees_what_we_install(argos_home: Path, synthetic_argosmodel: Path) -> None:
    from argostranslate import package as argos_package

    packages.install_from_path(synthetic_argosmodel)
    found = argos_package.get_installed_packages()
    assert [(p.from_code, p.to_code) for p in found] == [("ru", "en")]


def test_remove_by_name_and_unknown(argos_home: Path, synthetic_argosmodel: Path) -> None:
    info = packages.install_from_path(synthetic_argosmodel)
    with pytest.raises(UnknownPackageError, match="de_fr"):
        packages.remove("de_fr")
    assert packages.remove(info.name).name == info.name


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_bad_files_are_refused_before_extraction(argos_home: Path, tmp_path: Path) -> None:
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_bytes(b"garbage" * 50)
    with pytest.raises(InvalidPackageError, match="zip"):
        packages.install_from_path(not_zip)
    no_meta = _zip(tmp_path / "nometa.argosmodel", {"pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"})
    with pytest.raises(InvalidPackageError, match=r"metadata\.json"):
        packages.install_from_path(no_meta)
    escape = _zip(tmp_path / "escape.argosmodel", {"pkg/../../evil/metadata.json": b"{}"})
    with pytest.raises(InvalidPackageError, match="unsafe"):
        packages.install_from_path(escape)
    two_tops = _zip(tmp_path / "two.argosmodel", {"a/metadata.json": b"{}", "b/metadata.json": b"{}"})
    with pytest.raises(InvalidPackageError, match="one top-level"):
        packages.install_from_path(two_tops)
    with pytest.raises(InvalidPackageError, match="does not exist"):
        packages.install_from_path(tmp_path / "missing.argosmodel")
    assert list(argos_home.iterdir()) == []


def test_truncated_archive_is_reported_as_corrupt(argos_home: Path, synthetic_argosmodel: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(synthetic_argosmodel.read_bytes()[: synthetic_argosmodel.stat().st_size // 2])
    with pytest.raises(InvalidPackageError):
        packages.install_from_path(truncated)
    assert packages.list_installed() == []


def test_offline_index_gives_one_clear_error(argos_home: Path) -> None:
    with pytest.raises(OfflineError, match="internet connection"):
        packages.install_from_index("ru", "en")


@pytest.fixture
def package_server(synthetic_argosmodel: Path, argos_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                   ) -> Iterator[str]:
    """A local HTTP server playing the Argos package index, with the synthetic model on it."""
    from argostranslate import settings

    root = tmp_path / "www"
    root.mkdir()
    (root / "ru_en.argosmodel").write_bytes(synthetic_argosmodel.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    meta = {
        "package_version": "1.0", "argos_version": "1.9", "from_code": "ru", "from_name": "Russian",
        "to_code": "en", "to_name": "English", "type": "translate", "links": [base + "ru_en.argosmodel"],
    }
    (root / "index.json").write_text(json.dumps([meta]), encoding="utf-8")
    monkeypatch.setattr(settings, "remote_package_index", base + "index.json")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_install_from_index_downloads_and_installs(package_server: str, argos_home: Path) -> None:
    info = packages.install_from_index("ru", "en")
    assert info.path == argos_home / "translate-ru_en-synthetic"
    assert [p.name for p in packages.list_installed()] == [info.name]
    with pytest.raises(UnknownPackageError, match="no xx→en model"):
        packages.install_from_index("xx", "en")


# ------------------------------------------------------------------------------- CLI
def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from workbench.cli import main; main()", *args],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )


def test_models_cli_round_trip(argos_home: Path, synthetic_argosmodel: Path) -> None:
    empty = _cli("models", "list")
    assert empty.returncode == 0 and "No models installed" in empty.stdout
    installed = _cli("models", "install", str(synthetic_argosmodel))
    assert installed.returncode == 0, installed.stderr
    assert "Installed translate-ru_en-synthetic" in installed.stdout
    listed = _cli("models", "list", "--json")
    assert [p["codes"] for p in json.loads(listed.stdout)] == ["ru→en"]
    removed = _cli("models", "remove", "ru", "en")
    assert removed.returncode == 0 and "Removed translate-ru_en-synthetic" in removed.stdout
    assert json.loads(_cli("models", "list", "--json").stdout) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("models", "install", "ru", "en"), "Could not download the Argos package index"),
        (("models", "install", "no-such-file.argosmodel"), "does not exist"),
        (("models", "remove", "ru", "en"), "No installed package matches"),
    ],
)
def test_models_cli_errors_are_one_clean_line(argos_home: Path, args: tuple[str, ...], expected: str) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
