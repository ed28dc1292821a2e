"""The app frame (``app.py``) and ``workbench serve``."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]


def _html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_app_starts_on_documents_page(store, argos_home):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Documents"]
    assert any("No translation model installed" in c.value for c in at.sidebar.caption)


def test_demo_mode_opens_the_seed_article_in_the_editor(store, argos_home, monkeypatch):
    from workbench.ui.demo import DEMO_ENV, DEMO_NAME

    monkeypatch.setenv(DEMO_ENV, "1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == [DEMO_NAME]
    assert len(at.text_area) > 0  # segment cards of the editor
    # Glossary terms are marked before any translation (neutral: nothing to check yet).
    assert 'wb-term wb-term-todo' in _html(at)
    assert "→ Abraham Accords" in _html(at)
    assert any("Glossary: glossary.csv" in c.value for c in at.sidebar.caption)
    docs = store.list_documents()
    assert [d.name for d in docs] == [DEMO_NAME]


def test_serve_runs_streamlit_on_app_py(monkeypatch):
    from workbench.cli import app
    from workbench.ui.demo import DEMO_ENV

    calls = []
    monkeypatch.setattr("os.execve", lambda path, args, env: calls.append((path, args, env)))
    result = CliRunner().invoke(app, ["serve", "--port", "8765", "--demo", "--headless"])
    assert result.exit_code == 0, result.output
    (_path, args, env), = calls
    assert args[1:4] == ["-m", "streamlit", "run"]
    assert Path(args[4]) == REPO / "app.py"
    assert args[args.index("--server.port") + 1] == "8765"
    assert args[args.index("--server.headless") + 1] == "true"
    assert env[DEMO_ENV] == "1"
    assert "8765" in result.output


def test_serve_without_demo_clears_the_flag(monkeypatch):
    from workbench.cli import app
    from workbench.ui.demo import DEMO_ENV

    monkeypatch.setenv(DEMO_ENV, "1")
    calls = []
    monkeypatch.setattr("os.execve", lambda path, args, env: calls.append(env))
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert calls[0][DEMO_ENV] == ""
