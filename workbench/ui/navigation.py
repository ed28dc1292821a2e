"""The page registry: titles, icons and URL paths in one place.

Pages link to each other (the no-model banner links to Models, "Open" jumps to the Editor), so
they need the same :class:`st.Page` objects ``app.py`` registers.  Page modules are imported only
when their page runs, which keeps every rerun light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import streamlit as st

#: url path → (title, icon, module under workbench.ui)
PAGES: dict[str, tuple[str, str, str]] = {
    "documents": ("Documents", ":material/folder_open:", "documents"),
    "editor": ("Editor", ":material/edit_note:", "editor"),
    "translate": ("Translate", ":material/translate:", "translate"),
    "glossary": ("Glossary", ":material/menu_book:", "glossary"),
    "quality": ("Quality", ":material/insights:", "quality"),
    "export": ("Export", ":material/download:", "export"),
    "models": ("Models", ":material/memory:", "models"),
}


def _runner(module: str) -> Callable[[], None]:
    def run() -> None:
        importlib.import_module(f"workbench.ui.{module}").render()

    run.__name__ = f"page_{module}"
    return run


def page(name: str, *, default: bool = False) -> st.Page:
    """The :class:`st.Page` for ``name`` (a key of :data:`PAGES`)."""
    title, icon, module = PAGES[name]
    return st.Page(_runner(module), title=title, icon=icon, url_path=name, default=default)


def all_pages(default: str = "documents") -> dict[str, list[st.Page]]:
    """Pages grouped for the sidebar."""
    p = {name: page(name, default=name == default) for name in PAGES}
    return {
        "Work": [p["documents"], p["editor"], p["translate"]],
        "Resources": [p["glossary"], p["models"]],
        "Results": [p["quality"], p["export"]],
    }


def goto(name: str, doc_id: str | None = None) -> None:
    """Switch to another page, carrying the current document in the URL."""
    st.switch_page(page(name), query_params={"doc": doc_id} if doc_id else None)


def link(name: str, label: str | None = None, doc_id: str | None = None) -> None:
    """A link to another page of the app."""
    title, icon, _ = PAGES[name]
    st.page_link(page(name), label=label or title, icon=icon,
                 query_params={"doc": doc_id} if doc_id else None)
