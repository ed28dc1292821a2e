"""App frame shared by every page: stylesheet, demo opening, navigation and the sidebar status.

``app.py`` at the repository root sets the page config and calls :func:`run`.  This module can also
be run directly by Streamlit (``workbench serve`` does that when the package is installed without
its source checkout).
"""

from __future__ import annotations

import streamlit as st

from workbench.ui import components, state
from workbench.ui.navigation import all_pages

DEMO_DONE_KEY = "demo_opened"


def _open_demo_once() -> bool:
    """With ``workbench serve --demo``: open the demo article in each new browser session."""
    from workbench.ui.demo import demo_requested, open_demo

    if not demo_requested() or st.session_state.get(DEMO_DONE_KEY):
        return False
    st.session_state[DEMO_DONE_KEY] = True
    if state.current_doc_id():
        return False
    with components.user_errors("opening the demo"):
        state.set_current_doc(open_demo(state.get_store()))
        return True
    return False


def _sidebar_status() -> None:
    with st.sidebar:
        model = state.get_model_status()
        if model.available:
            st.caption(f":material/check_circle: Model: {model.name}")
        else:
            st.caption(":material/warning: No translation model installed")
        path = state.glossary_path()
        st.caption(f":material/menu_book: Glossary: {path.name}" if path else
                   ":material/menu_book: No glossary")


def run() -> None:
    """Render the current page inside the app frame."""
    components.inject_css()
    with components.user_errors("starting the app"):
        demo = _open_demo_once()
        _sidebar_status()
        navigation = st.navigation(all_pages(default="documents"))
        if demo and navigation.url_path == "":  # landing on the root URL, not a page link
            from workbench.ui.navigation import goto

            goto("editor", state.current_doc_id())
        navigation.run()


if __name__ == "__main__":  # `streamlit run workbench/ui/app.py`
    st.set_page_config(page_title="workbench · RU→EN", page_icon="🌐", layout="wide")
    run()
