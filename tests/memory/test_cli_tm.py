"""``workbench tm``: import, lookup (table and JSON), stats, export, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from workbench.cli import app
from workbench.formats.tmx import TranslationPair, read_tmx, write_tmx

runner = CliRunner()


def test_tm_commands(tmp_path: Path, data_dir: Path) -> None:
    tmx = tmp_path / "in.tmx"
    write_tmx([
        TranslationPair("Казахстан присоединится к Авраамским соглашениям.", "Kazakhstan will join the Abraham Accords."),
        TranslationPair("Цены на нефть выросли на 5%.", "Oil prices rose by 5%."),
    ], tmx)

    result = runner.invoke(app, ["tm", "import", str(tmx)])
    assert result.exit_code == 0, result.output
    assert "2 new unit(s)" in result.output
    assert (data_dir / "tm.sqlite3").is_file()

    result = runner.invoke(app, ["tm", "lookup", "Казахстан присоединился к Авраамским соглашениям.", "--json"])
    assert result.exit_code == 0, result.output
    matches = json.loads(result.output)
    assert matches[0]["target"] == "Kazakhstan will join the Abraham Accords."
    assert matches[0]["kind"] == "fuzzy" and 70 <= matches[0]["score"] < 100
    assert ["delete", " присоединился"] in matches[0]["diff"]

    result = runner.invoke(app, ["tm", "lookup", "Цены на нефть выросли на 5%."])
    assert result.exit_code == 0 and "exact" in result.output and "Oil prices rose by 5%." in result.output

    result = runner.invoke(app, ["tm", "lookup", "Совершенно другое предложение без совпадений."])
    assert result.exit_code == 0 and "No match" in result.output

    result = runner.invoke(app, ["tm", "stats", "--json"])
    assert json.loads(result.output)["units"] == 2

    out = tmp_path / "out.tmx"
    result = runner.invoke(app, ["tm", "export", str(out)])
    assert result.exit_code == 0 and "2 unit(s)" in result.output
    assert {p.target for p in read_tmx(out)} == {"Kazakhstan will join the Abraham Accords.",
                                                 "Oil prices rose by 5%."}


def test_tm_import_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tm", "import", str(tmp_path / "missing.tmx")])
    assert result.exit_code == 2
    assert "no such file" in result.output
