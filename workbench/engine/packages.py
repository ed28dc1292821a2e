"""Argos model packages: validate, list, install (file or index) and remove.

Packages go where Argos Translate keeps them (its packages directory, the same layout its
``install_from_path`` produces), so a model installed here is visible to Argos and the other way
round.  This module adds what a product needs around it: validation *before* anything is extracted
(the UI upload hands us arbitrary files), atomic installs, one clear sentence for every failure
(offline, unknown language pair, corrupt file), and no reliance on ``argostranslate``'s quirks
(its index lookup recurses forever when offline, one stray directory in the packages folder makes
its listing raise, and its install/uninstall import ``argostranslate.translate`` — stanza and
torch — only to clear a cache).

Only ``argostranslate.package``/``settings`` are imported, inside the functions: they are light
(no torch, no stanza) and read their settings (``ARGOS_PACKAGES_DIR``, ``XDG_DATA_HOME``…) at
import time.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.engine.base import EngineError

#: Shown whenever no ru→en model can be found.
INSTALL_HINT = (
    "Run `workbench models install ru en` (needs internet) or "
    "`workbench models install path/to/translate-ru_en.argosmodel`, "
    "or upload a .argosmodel on the Models page."
)


class ModelNotFoundError(EngineError):
    """No usable model where one was expected."""


class InvalidPackageError(EngineError):
    """A file or directory that is not a usable Argos package."""


class OfflineError(EngineError):
    """The package index or a download could not be reached."""


class UnknownPackageError(EngineError):
    """The index (or the installed set) has no package for what was asked."""


@dataclass(frozen=True)
class PackageInfo:
    """What the shells show about a package (read from its ``metadata.json``)."""

    name: str
    from_code: str
    to_code: str
    from_name: str = ""
    to_name: str = ""
    version: str = ""
    type: str = "translate"
    target_prefix: str = ""
    path: Path | None = None

    @property
    def codes(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path) if self.path else None
        data["codes"] = self.codes
        return data


def _info_from_metadata(metadata: dict[str, Any], name: str, path: Path | None) -> PackageInfo:
    return PackageInfo(
        name=name,
        from_code=str(metadata.get("from_code") or ""),
        to_code=str(metadata.get("to_code") or ""),
        from_name=str(metadata.get("from_name") or ""),
        to_name=str(metadata.get("to_name") or ""),
        version=str(metadata.get("package_version") or ""),
        type=str(metadata.get("type") or "translate"),
        target_prefix=str(metadata.get("target_prefix") or ""),
        path=path,
    )


def read_package(package_dir: Path) -> PackageInfo:
    """Validate a package directory (``metadata.json``, ``model/``, ``sentencepiece.model``).

    Raises :class:`InvalidPackageError` naming what is missing.
    """
    package_dir = Path(package_dir)
    meta_path = package_dir / "metadata.json"
    if not meta_path.is_file():
        raise InvalidPackageError(
            f"{package_dir} is not an Argos package (no metadata.json); point to an installed "
            "package directory or a .argosmodel file."
        )
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(metadata, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        raise InvalidPackageError(f"{meta_path} is not valid JSON ({exc}); reinstall the model.") from None
    if not (package_dir / "model" / "model.bin").is_file():
        raise InvalidPackageError(
            f"{package_dir} has no CTranslate2 model (model/model.bin); reinstall the model."
        )
    if not (package_dir / "sentencepiece.model").is_file():
        raise InvalidPackageError(
            f"{package_dir} has no sentencepiece.model (BPE packages are not supported); "
            "use a current Argos ru→en package."
        )
    return _info_from_metadata(metadata, package_dir.name, package_dir)


def inspect_archive(archive: Path) -> tuple[str, PackageInfo]:
    """Check a ``.argosmodel`` without extracting it: a zip with one top-level directory holding
    ``metadata.json``, a model and a SentencePiece model, and no unsafe member names.

    Returns the top-level directory name and the package's metadata.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise InvalidPackageError(f"{archive} does not exist; check the path of the .argosmodel file.")
    if not zipfile.is_zipfile(archive):
        raise InvalidPackageError(
            f"{archive.name} is not an Argos model (a .argosmodel is a zip archive); "
            "download it again from the Argos package index."
        )
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            tops = set()
            for name in names:
                parts = PurePosixPath(name).parts
                if not parts or name.startswith("/") or ".." in parts or "\\" in name:
                    raise InvalidPackageError(f"{archive.name} contains an unsafe path ({name!r}); not installing it.")
                tops.add(parts[0])
            if len(tops) != 1:
                raise InvalidPackageError(
                    f"{archive.name} is not an Argos model (expected one top-level directory, found {len(tops)})."
                )
            top = tops.pop()
            required = [f"{top}/metadata.json", f"{top}/model/model.bin", f"{top}/sentencepiece.model"]
            missing = [r.split("/", 1)[1] for r in required if r not in names]
            if missing:
                raise InvalidPackageError(
                    f"{archive.name} is not a usable Argos model (missing {', '.join(missing)})."
                )
            metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            if not isinstance(metadata, dict):
                raise ValueError("metadata.json is not a JSON object")
            bad = zf.testzip()
            if bad is not None:
                raise InvalidPackageError(f"{archive.name} is corrupt ({bad} fails its checksum); download it again.")
    except (zipfile.BadZipFile, ValueError, UnicodeDecodeError, OSError) as exc:
        raise InvalidPackageError(f"{archive.name} is corrupt ({exc}); download it again.") from None
    return top, _info_from_metadata(metadata, top, None)


# --------------------------------------------------------------------------------------------
# the Argos packages directory
# --------------------------------------------------------------------------------------------
def _settings():
    from argostranslate import settings

    return settings


def packages_dirs() -> list[Path]:
    """Where Argos looks for installed packages (``ARGOS_PACKAGES_DIR`` etc., read by Argos)."""
    return [Path(p) for p in _settings().package_dirs]


def _clear_argos_caches() -> None:
    """Argos caches its installed languages; a stale cache would hide or resurrect a package."""
    import sys

    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def list_installed() -> list[PackageInfo]:
    """Installed translation packages, sorted by name; broken directories are skipped."""
    found: list[PackageInfo] = []
    for directory in packages_dirs():
        if not directory.is_dir():
            continue
        for child in sorted(directory.iterdir()):
            if not child.is_dir():
                continue
            try:
                info = read_package(child)
            except InvalidPackageError:
                continue
            if info.type == "translate":
                found.append(info)
    return found


def find_installed(from_code: str = "ru", to_code: str = "en") -> PackageInfo | None:
    """The installed package for a language pair (first by name), if any."""
    for info in list_installed():
        if info.from_code == from_code and info.to_code == to_code:
            return info
    return None


def install_from_path(path: str | Path) -> PackageInfo:
    """Install a ``.argosmodel`` file (validated first) and return the installed package.

    A previously installed package for the same language pair under another name is removed, so
    Argos and workbench agree on which model translates.
    """
    archive = Path(path)
    top, meta = inspect_archive(archive)
    if meta.type != "translate":
        raise InvalidPackageError(f"{archive.name} is a {meta.type!r} package, not a translation model.")
    target_root = Path(_settings().package_data_dir)
    previous = [p for p in list_installed() if (p.from_code, p.to_code) == (meta.from_code, meta.to_code)]
    destination = target_root / top
    # Same result as argostranslate.package.install_from_path (extract into its packages
    # directory), but validated, atomic, and without importing argostranslate.translate (stanza,
    # torch) just to clear a cache.
    staging = target_root.parent / f".{top}.installing"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        extract_archive(archive, staging)
        if destination.exists():
            shutil.rmtree(destination)
        target_root.mkdir(parents=True, exist_ok=True)
        (staging / top).rename(destination)
    except OSError as exc:
        raise InvalidPackageError(f"Could not install {archive.name} ({exc}).") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _clear_argos_caches()
    try:
        installed = read_package(destination)
    except InvalidPackageError:
        shutil.rmtree(destination, ignore_errors=True)
        raise
    for old in previous:
        if old.path is not None and old.path.resolve() != destination.resolve():
            shutil.rmtree(old.path, ignore_errors=True)
    _clear_argos_caches()
    return installed


def _fetch_index() -> list[dict[str, Any]]:
    """Download the package index (our own request: Argos' lookup recurses forever offline)."""
    settings = _settings()
    url = settings.remote_package_index
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            data = response.read()
        index = json.loads(data)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OfflineError(
            f"Could not download the Argos package index ({reason}). Check the internet connection, "
            "or install a downloaded file with `workbench models install path/to/translate-ru_en.argosmodel`."
        ) from None
    if not isinstance(index, list):
        raise OfflineError(f"The Argos package index at {url} is not a list of packages; try again later.")
    Path(settings.local_package_index).write_bytes(data)
    return [entry for entry in index if isinstance(entry, dict)]


def install_from_index(from_code: str, to_code: str) -> PackageInfo:
    """Download and install the index's package for ``from_code``→``to_code``."""
    from argostranslate import package as argos_package

    index = _fetch_index()
    matches = [e for e in index if e.get("from_code") == from_code and e.get("to_code") == to_code
               and e.get("type", "translate") == "translate"]
    if not matches:
        pairs = sorted({f"{e.get('from_code')} {e.get('to_code')}" for e in index
                        if from_code in (e.get("from_code"), e.get("to_code"))
                        or to_code in (e.get("from_code"), e.get("to_code"))})
        hint = f" Pairs with these languages: {', '.join(pairs[:12])}." if pairs else ""
        raise UnknownPackageError(f"The Argos index has no {from_code}→{to_code} model.{hint}")
    available = argos_package.AvailablePackage(matches[0])
    try:
        download = Path(available.download())
    except Exception as exc:
        raise OfflineError(
            f"Downloading the {from_code}→{to_code} model failed ({exc}); check the internet connection and retry."
        ) from None
    try:
        return install_from_path(download)
    finally:
        download.unlink(missing_ok=True)


def remove(name_or_codes: str) -> PackageInfo:
    """Remove an installed package given its directory name or its codes (``ru en``, ``ru_en``,
    ``ru-en``, ``ru→en``)."""
    wanted = name_or_codes.strip()
    installed = list_installed()
    match = next((p for p in installed if p.name == wanted), None)
    if match is None:
        for sep in ("→", "_", "-", " "):
            parts = [x for x in wanted.split(sep) if x]
            if len(parts) == 2 and all(len(x) <= 3 for x in parts):
                match = next((p for p in installed if (p.from_code, p.to_code) == tuple(parts)), None)
                break
    if match is None or match.path is None:
        names = ", ".join(f"{p.name} ({p.from_code} {p.to_code})" for p in installed) or "none"
        raise UnknownPackageError(f"No installed package matches {wanted!r}; installed: {names}.")
    shutil.rmtree(match.path)
    _clear_argos_caches()
    return match


def extract_archive(archive: Path, root: Path) -> Path:
    """Extract a validated ``.argosmodel`` into ``root/<top-level dir>`` atomically (temporary
    directory, then rename) and return the package directory."""
    top, _ = inspect_archive(archive)
    root.mkdir(parents=True, exist_ok=True)
    destination = root / top
    if destination.is_dir():
        return destination
    with tempfile.TemporaryDirectory(dir=root, prefix=".extract-") as tmp:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        try:
            Path(tmp, top).rename(destination)
        except OSError:
            if not destination.is_dir():  # another process won the race: use its copy
                raise
    return destination


__all__ = [
    "INSTALL_HINT",
    "InvalidPackageError",
    "ModelNotFoundError",
    "OfflineError",
    "PackageInfo",
    "UnknownPackageError",
    "extract_archive",
    "find_installed",
    "inspect_archive",
    "install_from_index",
    "install_from_path",
    "list_installed",
    "packages_dirs",
    "read_package",
    "remove",
]
