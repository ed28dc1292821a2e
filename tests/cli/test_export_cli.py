"""``workbench import / documents / export`` against the store."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document as DocxDocument
from typer.testing import CliRunner

from workbench.cli import app
from workbench.document import Status
from workbench.store import open_store


def _import(tmp_path: Path, runner: CliRunner) -> str:
    src = tmp_path / "news.txt"
    src.write_text("Первое предложение. Второе предложение.\n\nТретий абзац.\n", encoding="utf-8")
    out = runner.invoke(app, ["import", str(src)])
    assert out.exit_code == 0, out.output
    return out.stdout.split("\t")[0]


def test_import_list_export(tmp_path: Path) -> None:
    runner = CliRunner()
    doc_id = _import(tmp_path, runner)
    listed = json.loads(runner.invoke(app, ["documents", "--json"]).stdout)
    assert [d["id"] for d in listed] == [doc_id]
    assert listed[0]["counts"]["total"] == 3

    store = open_store()
    for seg in store.get_document(doc_id).segments():
        store.save_segment(seg.id, target=f"EN {seg.index}.", expected_version=seg.version, status=Status.APPROVED)
    store.close()

    out = tmp_path / "review.docx"
    res = runner.invoke(app, ["export", doc_id, "-f", "bilingual-docx", "-o", str(out)])
    assert res.exit_code == 0, res.output
    cells = [c.text for t in DocxDocument(str(out)).tables for r in t.rows for c in r.cells]
    assert "Первое предложение." in cells and "EN 0." in cells

    target = tmp_path / "news.en.txt"
    assert runner.invoke(app, ["export", doc_id, "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == "EN 0. EN 1.\n\nEN 0.\n"


def test_export_blocks_on_open_errors_when_asked(tmp_path: Path) -> None:
    runner = CliRunner()
    doc_id = _import(tmp_path, runner)
    assert runner.invoke(app, ["qa", doc_id, "--save"]).exit_code == 1  # empty targets are errors
    blocked = runner.invoke(app, ["export", doc_id, "-f", "csv", "-o", str(tmp_path / "x.csv"), "--block-on-errors"])
    assert blocked.exit_code == 1 and not (tmp_path / "x.csv").exists()
    warned = runner.invoke(app, ["export", doc_id, "-f", "csv", "-o", str(tmp_path / "y.csv")])
    assert warned.exit_code == 0 and (tmp_path / "y.csv").exists()


def test_unknown_export_format(tmp_path: Path) -> None:
    runner = CliRunner()
    doc_id = _import(tmp_path, runner)
    res = runner.invoke(app, ["export", doc_id, "-f", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and "unknown format" in res.output
