"""``workbench serve``: start the Streamlit web app.

The command only builds the ``streamlit run`` command line and replaces itself with it (so Ctrl+C
and exit codes behave as if Streamlit had been started directly).  ``--demo`` asks the app to open
the bundled demo article with the shipped glossary in every new browser session.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the root app."""
    app.command("serve")(serve)


def app_script() -> Path:
    """The Streamlit script: ``app.py`` of the source checkout, else the packaged frame."""
    package = Path(__file__).resolve().parents[1]  # …/workbench
    root_app = package.parent / "app.py"
    if root_app.is_file():
        return root_app
    return package / "ui" / "app.py"


def streamlit_command(port: int, host: str, headless: bool) -> list[str]:
    """The ``streamlit run`` command line (kept separate so it can be tested without starting)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_script()),
        "--server.port", str(port),
        "--server.address", host,
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--theme.base", "light",
        "--theme.primaryColor", "#4f46e5",
        "--client.toolbarMode", "minimal",
        "--server.maxUploadSize", "1024",  # MB: .argosmodel uploads on the Models page
    ]


def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8501,
    demo: Annotated[bool, typer.Option("--demo", help="Open the bundled demo article with its glossary.")] = False,
    host: Annotated[str, typer.Option("--host", help="Address to bind (0.0.0.0 to share on the network).")]
    = "localhost",
    headless: Annotated[bool, typer.Option("--headless", help="Do not open a browser window.")] = False,
) -> None:
    """Start the web app (editor, glossary, models, export) on http://HOST:PORT."""
    from workbench import config
    from workbench.ui.demo import DEMO_ENV

    env = dict(os.environ)
    env[DEMO_ENV] = "1" if demo else ""
    data = config.data_dir()
    typer.echo(f"workbench: http://{host}:{port}  (data: {data})" + ("  — demo article ready" if demo else ""))
    cmd = streamlit_command(port, host, headless)
    sys.stdout.flush()
    os.execve(cmd[0], cmd, env)
