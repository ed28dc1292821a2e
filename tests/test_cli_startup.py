"""The CLI must start instantly: no model, torch, streamlit or morphology import at start-up."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "ctranslate2", "argostranslate", "streamlit", "stanza", "pymorphy3", "docx", "sacrebleu")


def test_cli_import_is_light() -> None:
    code = (
        "import sys, workbench.cli, workbench.segment, workbench.document;"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for name in ("translate", "batch", "segment", "models", "glossary", "export"):
        assert name in out.stdout
