"""``workbench glossary …`` commands: JSON contracts and readable errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from workbench.cli import app

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "glossary" / "ru-en.csv"
runner = CliRunner()


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_match_json(tmp_path: Path) -> None:
    text = tmp_path / "in.txt"
    text.write_text("МИД Казахстана сообщил о присоединении к Авраамским соглашениям.\n\nМаргарет Мид.\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["glossary", "match", "--glossary", str(SHIPPED), str(text), "--json"])
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert [r["line"] for r in rows] == [1, 2, 3]
    first = rows[0]["matches"]
    assert [m["source"] for m in first] == ["МИД", "Казахстан", "Авраамские соглашения"]
    assert first[2] == {"source": "Авраамские соглашения", "target": "Abraham Accords",
                        "start": 41, "end": 63, "text": "Авраамским соглашениям"}
    assert rows[1]["matches"] == [] and rows[2]["matches"] == []


def test_match_table(tmp_path: Path) -> None:
    text = tmp_path / "in.txt"
    text.write_text("Токаев прибыл в ОАЭ.\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "match", "-g", str(SHIPPED), str(text)])
    assert result.exit_code == 0
    assert "Tokayev" in result.stdout and "UAE" in result.stdout
    assert "2 term occurrence(s)" in result.stdout


def test_check_json_and_table(tmp_path: Path) -> None:
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("Казахстан присоединился к Авраамским соглашениям.\nОб этом сообщает Lada.kz.\n",
                   encoding="utf-8")
    tgt.write_text("Kazakhstan joined the Abrahamic agreements.\nThis was reported by Lada.kz.\n",
                   encoding="utf-8")
    args = ["glossary", "check", "--glossary", str(SHIPPED), "--source", str(src), "--target", str(tgt)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json_lines(result.stdout) == [
        {"line": 1, "missing": ["Авраамские соглашения"], "forbidden": ["Авраамские соглашения"]},
        {"line": 2, "missing": [], "forbidden": []},
    ]
    table = runner.invoke(app, args)
    assert "Term success: 2/3" in table.stdout


def test_check_refuses_unaligned_files(tmp_path: Path) -> None:
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("a\nb\n", encoding="utf-8")
    tgt.write_text("a\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "check", "-g", str(SHIPPED), "-s", str(src), "-t", str(tgt)])
    assert result.exit_code == 2
    assert "line-aligned" in result.output


def test_import_export_round_trip(tmp_path: Path) -> None:
    tbx, csv_back = tmp_path / "g.tbx", tmp_path / "back.csv"
    assert runner.invoke(app, ["glossary", "export", str(SHIPPED), "-o", str(tbx)]).exit_code == 0
    assert b"deprecatedTerm-admn-sts" in tbx.read_bytes()
    result = runner.invoke(app, ["glossary", "import", str(tbx), "-o", str(csv_back)])
    assert result.exit_code == 0 and "Wrote" in result.stdout
    assert csv_back.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_validate(tmp_path: Path) -> None:
    clean = runner.invoke(app, ["glossary", "validate", str(SHIPPED)])
    assert clean.exit_code == 0 and "no problems" in clean.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\nИран,\nИзраиль,Israel\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "validate", str(bad)])
    assert result.exit_code == 1
    assert "row 2: missing target" in result.stdout
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["glossary", "validate", str(empty)])
    assert result.exit_code == 2
    assert "Error:" in result.output and "empty.csv" in result.output
