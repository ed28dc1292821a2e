"""Streamlit entry point: page configuration and navigation only (``workbench serve`` runs it).

Pages live in :mod:`workbench.ui`; see :mod:`workbench.ui.navigation` for the list.
"""

from __future__ import annotations

import streamlit as st

from workbench.ui.app import run

st.set_page_config(page_title="workbench · RU→EN", page_icon="🌐", layout="wide",
                   initial_sidebar_state="expanded")
run()
