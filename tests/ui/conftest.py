"""Fixtures for the Streamlit page tests (``streamlit.testing.v1.AppTest``).

Each page is run on its own through :func:`page_app`, in the test's isolated data directory, with
the seed article already imported; tests then drive widgets and check the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.store import Store, open_store


def _page_script(page: str) -> None:
    """Runs inside AppTest: the page exactly as the app renders it (stylesheet + page body)."""
    import importlib

    from workbench.ui import components

    components.inject_css()
    importlib.import_module(f"workbench.ui.{page}").render()


@pytest.fixture
def store(data_dir: Path) -> Store:
    """The store the app uses in this test's data directory."""
    s = open_store()
    yield s
    s.close()


@pytest.fixture
def doc_id(store: Store, seed_article: Path) -> str:
    """The seed article, imported (no drafts yet)."""
    from workbench.pipeline import import_file

    return import_file(store, seed_article).id


@pytest.fixture
def page_app() -> Callable[..., AppTest]:
    """``page_app("editor", doc_id)`` → a ready-to-run AppTest of one page."""

    def make(page: str, doc: str | None = None) -> AppTest:
        at = AppTest.from_function(_page_script, kwargs={"page": page}, default_timeout=60)
        if doc:
            at.session_state["doc_id"] = doc
        return at

    return make
