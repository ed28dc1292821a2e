"""Evaluation inputs: sacrebleu's line splitting, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.evaluate import EvaluationError, check_aligned, read_lines, split_lines


def test_lines_split_like_sacrebleu() -> None:
    # Only "\n" separates lines; trailing whitespace (and a Windows "\r") is stripped.
    assert split_lines("a b \r\nc\u2028d\n\n") == ["a b", "c\u2028d", ""]


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe document was published.\n".encode())
    assert read_lines(path) == ["The document was published."]


def test_cp1251_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Документ опубликован 7 ноября 2025 года в Telegram-канале ведомства.\n".encode("cp1251"))
    with pytest.raises(EvaluationError, match=r"not UTF-8.*cp1251.*iconv"):
        read_lines(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="is empty"):
        read_lines(empty)
    with pytest.raises(EvaluationError, match="no such file"):
        read_lines(tmp_path / "missing.txt")


def test_alignment_message_names_every_count() -> None:
    check_aligned([("a", ["x"]), ("b", ["y"])])
    with pytest.raises(EvaluationError, match=r"hyp.txt: 2, ref.txt: 3"):
        check_aligned([("hyp.txt", ["1", "2"]), ("ref.txt", ["1", "2", "3"])])
