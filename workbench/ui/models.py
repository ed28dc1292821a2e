"""Models page: install an uploaded ``.argosmodel`` and manage installed packages.

The upload is written to a temporary file in the data directory and handed to
:func:`workbench.engine.packages.install_from_path`, which validates it before installing; the
cached model status and translator are then dropped so every page sees the new model at once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from workbench import config
from workbench.ui import components, state


def _install_upload() -> None:
    from workbench.engine.packages import install_from_path

    uploaded = st.session_state.get("models.upload")
    if uploaded is None:
        return
    staging = config.data_dir() / "uploads"
    staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging) as tmp:
        path = Path(tmp) / Path(uploaded.name).name
        path.write_bytes(uploaded.getvalue())
        try:
            info = install_from_path(path)
        except Exception as exc:
            state.flash("error", str(exc))
            return
    state.models_changed()
    state.flash("success", f"Installed {info.name} ({info.from_code}→{info.to_code} {info.version}).")


def _remove(name: str) -> None:
    from workbench.engine.packages import remove

    try:
        info = remove(name)
    except Exception as exc:
        state.flash("error", str(exc))
        return
    state.models_changed()
    st.session_state.pop("models.confirm", None)
    state.flash("success", f"Removed {info.name}.")


def render() -> None:
    """The Models page."""
    st.title("Models")
    state.show_flashes()
    with components.user_errors("managing models"):
        from workbench.engine.packages import list_installed

        st.markdown("Workbench translates with standard **Argos Translate** packages (`.argosmodel`). "
                    "Everything runs on this machine; nothing is sent anywhere.")
        with st.form("models.form", clear_on_submit=True):
            st.file_uploader("Upload a .argosmodel file", type=["argosmodel", "zip"], key="models.upload")
            st.form_submit_button("Install", type="primary", on_click=_install_upload,
                                  icon=":material/download_done:")
        st.caption("From a terminal: `workbench models install ru en` (downloads from the Argos index) "
                   "or `workbench models install FILE.argosmodel`.")
        st.subheader("Installed")
        installed = list_installed()
        if not installed:
            components.empty_state("No models installed",
                                   "Upload a Russian→English .argosmodel above to get machine drafts.", "memory")
            return
        active = state.get_model_status()
        confirm = st.session_state.get("models.confirm")
        for info in installed:
            with st.container(border=True, key=f"model-{info.name}"):
                left, right = st.columns([6, 2], vertical_alignment="center")
                in_use = active.available and info.path is not None and str(info.path) == active.path
                left.markdown(f"**{info.from_name or info.from_code} → {info.to_name or info.to_code}** "
                              f"· version {info.version or '?'}" + (" · *in use*" if in_use else ""))
                left.caption(f"{info.name} · {info.path}")
                right.button("Remove", key=f"models.rm.{info.name}", icon=":material/delete:",
                             on_click=st.session_state.__setitem__, args=("models.confirm", info.name))
                if confirm == info.name:
                    st.warning(f"Remove {info.name}? Documents keep their drafts; new translations "
                               "will need another model.")
                    c1, c2, _ = st.columns([2, 2, 8])
                    c1.button("Yes, remove", key=f"models.yes.{info.name}", type="primary",
                              on_click=_remove, args=(info.name,))
                    c2.button("Cancel", key=f"models.no.{info.name}",
                              on_click=st.session_state.pop, args=("models.confirm", None))
