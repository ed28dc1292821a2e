"""SubRip subtitles: timings untouched, cue lines re-wrapped, italics kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats import FormatError, read_bytes, write_document

SRT = """1
00:00:01,000 --> 00:00:03,500
Казахстан присоединился
к <i>Авраамским соглашениям</i>.

2
00:00:04,000 --> 00:00:06,000
Итог.
"""


def test_reads_cues_and_tags() -> None:
    doc = read_bytes(SRT.encode(), "news.srt")
    assert [p.text for p in doc.paragraphs] == [
        "Казахстан присоединился к <i1>Авраамским соглашениям</i1>.",
        "Итог.",
    ]


def test_round_trip_and_translation(tmp_path: Path) -> None:
    doc = read_bytes(SRT.encode(), "news.srt")
    assert write_document(doc, tmp_path / "same.srt").read_text("utf-8") == SRT
    doc.paragraphs[0].segments[0].target = "Kazakhstan has joined the <i1>Abraham Accords</i1> on Friday."
    doc.paragraphs[1].segments[0].target = "Summary."
    out = write_document(doc, tmp_path / "en.srt").read_text("utf-8")
    assert out.startswith("1\n00:00:01,000 --> 00:00:03,500\n")
    cue = out.split("\n\n")[0].splitlines()[2:]
    assert len(cue) == 2 and " ".join(cue) == "Kazakhstan has joined the <i>Abraham Accords</i> on Friday."
    assert out.endswith("2\n00:00:04,000 --> 00:00:06,000\nSummary.\n")


def test_not_srt() -> None:
    with pytest.raises(FormatError, match=r"x\.srt: no subtitle timings"):
        read_bytes("просто текст".encode(), "x.srt")
