"""Cached resources and the few pieces of session state the pages share.

Heavy objects (the store connection, the translator with its loaded model, the parsed glossary
with its morphology index, the translation memory) are created once per server process with
``st.cache_resource`` and keyed on what identifies them (database path, model path, glossary file
and modification time), so a rerun never reloads a model or rescans the database, and tests with
their own ``WORKBENCH_DATA`` never see another test's store.

Session state holds only ids and UI choices: the current document id (mirrored in the URL as
``?doc=`` so a page reload keeps it), pending conflicts (the editor's unsaved text), flash messages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from workbench import config

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workbench.engine.base import Translator
    from workbench.glossary import Glossary
    from workbench.memory import TranslationMemory
    from workbench.pipeline import ModelStatus
    from workbench.store.base import Store

#: Store setting naming the glossary file the app works with.
GLOSSARY_SETTING = "ui.glossary_path"
DOC_KEY = "doc_id"
CONFLICTS_KEY = "conflicts"
FLASH_KEY = "flash"


# ------------------------------------------------------------------------------------------
# cached resources
# ------------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _store_for(db: str) -> Store:
    from workbench.store import open_store

    return open_store(db)


def get_store() -> Store:
    """The store of the current data directory (one connection pool per server process)."""
    return _store_for(str(config.db_path()))


@st.cache_resource(show_spinner=False)
def _model_status_for(packages_dir: str, data: str) -> ModelStatus:
    from workbench.pipeline import model_status

    return model_status()


def get_model_status() -> ModelStatus:
    """Whether a ru→en model is installed, cached until the Models page changes something."""
    return _model_status_for(os.environ.get("ARGOS_PACKAGES_DIR", ""), str(config.data_dir()))


@st.cache_resource(show_spinner="Loading the translation model…")
def _translator_for(path: str, data: str) -> Translator:
    from workbench.pipeline import open_translator

    return open_translator(path or None)


def get_translator() -> Translator | None:
    """The cached translator, or ``None`` when no model is installed (the app stays usable)."""
    status = get_model_status()
    if not status.available:
        return None
    return _translator_for(status.path, str(config.data_dir()))


def models_changed() -> None:
    """Forget the cached model status and translator after an install or removal."""
    _model_status_for.clear()
    _translator_for.clear()


@st.cache_resource(show_spinner="Loading the glossary…")
def _glossary_for(path: str, mtime_ns: int) -> Glossary:
    from workbench.glossary import load_glossary

    return load_glossary(Path(path))


def glossary_path() -> Path | None:
    """The glossary file the app uses (chosen on the Glossary page or by the demo), if any."""
    value = get_store().get_setting(GLOSSARY_SETTING)
    if not value:
        return None
    path = Path(value)
    return path if path.is_file() else None


def get_glossary() -> Glossary | None:
    """The active glossary, reparsed only when its file changes; ``None`` when there is none."""
    path = glossary_path()
    if path is None:
        return None
    return _glossary_for(str(path), path.stat().st_mtime_ns)


def set_glossary_path(path: Path) -> None:
    """Make ``path`` the active glossary."""
    get_store().set_setting(GLOSSARY_SETTING, str(path))


@st.cache_resource(show_spinner=False)
def _memory_for(data: str) -> TranslationMemory:
    from workbench.memory import TranslationMemory

    return TranslationMemory()


def get_memory() -> TranslationMemory | None:
    """The translation memory, or ``None`` when the memory module is unavailable."""
    try:
        return _memory_for(str(config.data_dir()))
    except ImportError:
        return None


# ------------------------------------------------------------------------------------------
# session state: ids and UI choices only
# ------------------------------------------------------------------------------------------
def current_doc_id() -> str | None:
    """The document the user works on: session first, then the URL (survives a reload)."""
    doc_id = st.session_state.get(DOC_KEY)
    if doc_id:
        return str(doc_id)
    from_url = st.query_params.get("doc")
    return str(from_url) if from_url else None


def set_current_doc(doc_id: str | None) -> None:
    """Remember the current document in the session and in the URL."""
    if doc_id:
        st.session_state[DOC_KEY] = doc_id
        st.query_params["doc"] = doc_id
    else:
        st.session_state.pop(DOC_KEY, None)
        if "doc" in st.query_params:
            del st.query_params["doc"]


def conflicts() -> dict[str, str]:
    """Segment id → the editor's text that the store refused because of a newer version."""
    return st.session_state.setdefault(CONFLICTS_KEY, {})


def flash(kind: str, message: str) -> None:
    """Queue a message shown at the top of the next render (callbacks cannot place elements)."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flashes() -> None:
    """Render and clear queued messages."""
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        show: Any = {"error": st.error, "warning": st.warning, "success": st.success}.get(kind, st.info)
        show(message)
