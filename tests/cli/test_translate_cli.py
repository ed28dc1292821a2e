"""``workbench segment / translate / batch`` end to end on the synthetic Argos package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli import app

SEED_TEXT = (
    "Заголовок статьи\n"
    "\n"
    "Казахстан присоединился к Авраамским соглашениям. Об этом сообщил МИД.\n"
    "\n"
    "\n"
    "Решение принято 7 ноября 2025 года. В. В. Иванов подтвердил это, т.е. всё решено.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_segment_plain_and_json(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SEED_TEXT, encoding="utf-8")
    out = runner.invoke(app, ["segment", str(src)])
    assert out.exit_code == 0, out.output
    blocks = out.stdout.strip().split("\n\n")
    assert blocks[1].splitlines() == ["Казахстан присоединился к Авраамским соглашениям.", "Об этом сообщил МИД."]
    assert blocks[2].splitlines() == ["Решение принято 7 ноября 2025 года.", "В. В. Иванов подтвердил это, т.е. всё решено."]
    data = json.loads(runner.invoke(app, ["segment", str(src), "--json"]).stdout)
    sentences = [s["text"] for p in data["paragraphs"] for s in p["sentences"]]
    assert len(sentences) == 5
    assert all(s["end"] > s["start"] for p in data["paragraphs"] for s in p["sentences"])


def test_translate_without_model_fails_cleanly(tmp_path: Path, argos_home: Path, run_cli) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SEED_TEXT, encoding="utf-8")
    code, _out, err = run_cli("translate", str(src))
    assert code == 2
    assert err.startswith("Error: ") and "workbench models install" in err
    assert "Traceback" not in err


def test_translate_keeps_layout_and_json(tmp_path: Path, runner: CliRunner, synthetic_package: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SEED_TEXT, encoding="utf-8")
    dst = tmp_path / "a.en.txt"
    out = runner.invoke(app, ["translate", str(src), "-o", str(dst), "--model", str(synthetic_package)])
    assert out.exit_code == 0, out.output
    result = dst.read_text(encoding="utf-8")
    # same paragraph/blank-line skeleton as the source
    assert [bool(line.strip()) for line in result.split("\n")] == [bool(line.strip()) for line in SEED_TEXT.split("\n")]
    assert "Казахстан" not in result
    js = runner.invoke(app, ["translate", str(src), "--model", str(synthetic_package), "--json"])
    assert js.exit_code == 0, js.output
    payload = json.loads(js.stdout)
    assert len(payload["segments"]) == 5
    assert all(s["target"] and s["score"] is not None for s in payload["segments"])
    # the same document again comes from the cache and is identical
    again = json.loads(runner.invoke(app, ["translate", str(src), "--model", str(synthetic_package), "--json"]).stdout)
    assert [s["target"] for s in again["segments"]] == [s["target"] for s in payload["segments"]]


def test_batch_skips_bad_files_and_resumes(tmp_path: Path, runner: CliRunner, synthetic_package: Path) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "one.txt").write_text("Первый документ. Второе предложение.\n", encoding="utf-8")
    (inbox / "sub" / "two.md").write_text("# Заголовок\n\nТекст документа.\n", encoding="utf-8")
    (inbox / "broken.docx").write_bytes(b"this is not a word document")
    out = runner.invoke(app, ["batch", str(inbox), "-o", str(outbox), "--model", str(synthetic_package)])
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert sorted(summary["translated"]) == ["one.txt", "sub/two.md"]
    assert [f["file"] for f in summary["failed"]] == ["broken.docx"]
    assert (outbox / "sub" / "two.md").read_text(encoding="utf-8").startswith("# ")
    # a second run resumes: finished files are skipped
    again = runner.invoke(app, ["batch", str(inbox), "-o", str(outbox), "--model", str(synthetic_package)])
    summary2 = json.loads(again.stdout.strip().splitlines()[-1])
    assert sorted(summary2["skipped"]) == ["one.txt", "sub/two.md"]
    assert summary2["translated"] == []
    # a changed file is translated again
    (inbox / "one.txt").write_text("Изменённый документ.\n", encoding="utf-8")
    third = runner.invoke(app, ["batch", str(inbox), "-o", str(outbox), "--model", str(synthetic_package)])
    assert json.loads(third.stdout.strip().splitlines()[-1])["translated"] == ["one.txt"]


def test_translate_fills_exact_memory_matches(tmp_path: Path, runner: CliRunner, synthetic_package: Path) -> None:
    from workbench.memory import TranslationMemory

    TranslationMemory().add("Об этом сообщил МИД.", "The Foreign Ministry said so.")
    src = tmp_path / "a.txt"
    src.write_text(SEED_TEXT, encoding="utf-8")
    payload = json.loads(runner.invoke(app, ["translate", str(src), "--model", str(synthetic_package), "--json"]).stdout)
    seg = next(s for s in payload["segments"] if s["source"] == "Об этом сообщил МИД.")
    assert seg["target"] == "The Foreign Ministry said so." and seg["origin"] == "tm"
    assert payload["report"]["memory"] == 1
    off = json.loads(runner.invoke(app, ["translate", str(src), "--model", str(synthetic_package), "--json",
                                         "--no-tm"]).stdout)
    seg = next(s for s in off["segments"] if s["source"] == "Об этом сообщил МИД.")
    assert seg["origin"] == "mt"
