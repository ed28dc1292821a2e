"""The bundled demo: the seed article with the shipped glossary, ready to translate.

``workbench serve --demo`` must show something useful on a fresh machine in one command, so the
app imports ``seeds/kazakhstan-abraham-accords.ru.txt`` once (remembered in the store's settings,
so later starts reopen the same document with its edits) and makes a working copy of
``glossary/ru-en.csv`` in the data directory the active glossary (the Glossary page edits the copy,
never the shipped file).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from workbench import config
from workbench.errors import WorkbenchError
from workbench.store.base import NotFoundError, Store

DEMO_ARTICLE = "kazakhstan-abraham-accords.ru.txt"
DEMO_GLOSSARY = "ru-en.csv"
DEMO_NAME = "Kazakhstan and the Abraham Accords (demo)"
DEMO_SETTING = "ui.demo_doc_id"
#: Environment variable set by ``workbench serve --demo``.
DEMO_ENV = "WORKBENCH_DEMO"


class DemoMissingError(WorkbenchError):
    """The demo files are not shipped with this installation."""


def _candidates(folder: str, name: str) -> list[Path]:
    package = Path(__file__).resolve().parents[1]  # …/workbench
    return [package / "data" / name, package.parent / folder / name]


def find_bundled(folder: str, name: str) -> Path:
    """Locate a bundled file: inside the package (``workbench/data``) or in the source checkout."""
    for path in _candidates(folder, name):
        if path.is_file():
            return path
    raise DemoMissingError(
        f"The demo file {folder}/{name} is not part of this installation; "
        "install workbench from its source checkout (pip install -e .) to get the demo."
    )


def demo_requested() -> bool:
    """Whether the server was started with ``--demo``."""
    return os.environ.get(DEMO_ENV, "") not in ("", "0", "false")


def open_demo(store: Store) -> str:
    """Import the demo article (once) and activate the demo glossary; return the document id."""
    from workbench.pipeline import import_file

    doc_id = store.get_setting(DEMO_SETTING)
    if doc_id:
        try:
            store.get_document(str(doc_id))
        except (NotFoundError, KeyError):
            doc_id = None
    fresh = not doc_id
    if fresh:
        info = import_file(store, find_bundled("seeds", DEMO_ARTICLE), name=DEMO_NAME)
        doc_id = info.id
        store.set_setting(DEMO_SETTING, doc_id)
    glossary_file = _activate_demo_glossary(store)
    if fresh:
        # Mark the glossary terms right away, so the article opens with its terms highlighted.
        from workbench.glossary import load_glossary
        from workbench.pipeline import check_document

        check_document(store, str(doc_id), glossary=load_glossary(glossary_file))
    return str(doc_id)


def _activate_demo_glossary(store: Store) -> Path:
    """Keep the user's active glossary if there is one, else activate a copy of the shipped one."""
    from workbench.ui.state import GLOSSARY_SETTING

    current = store.get_setting(GLOSSARY_SETTING)
    if current and Path(current).is_file():
        return Path(current)
    copy = config.data_dir() / "glossary.csv"
    if not copy.is_file():
        shutil.copyfile(find_bundled("glossary", DEMO_GLOSSARY), copy)
    store.set_setting(GLOSSARY_SETTING, str(copy))
    return copy
