"""``workbench qa`` on files and stored documents: output, JSON and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.qa.io import QaInputError, load_bilingual

S1 = "Документ опубликован 7 ноября 2025 года в Telegram-канале внешнеполитического ведомства, сообщает Lada.kz."
T1 = "The document was published on November 7, 2025 on the Telegram channel of the foreign policy agency, Lada.kz reports."
S2 = "В заявлении МИД подчеркивается, что вступление Казахстана в Авраамские соглашения принято в национальных интересах."
T2 = "The Foreign Ministry statement stresses that Kazakhstan's accession to the Abraham Accords was made in the national interest."
T2_BAD = T2.replace("Abraham Accords", "Abrahamic agreements")


def write_tsv(path: Path, rows: list[tuple[str, str]], header: str | None = "source\ttarget") -> Path:
    lines = ([header] if header else []) + [f"{s}\t{t}" for s, t in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_clean_file_exits_zero(tmp_path: Path, run_cli) -> None:
    code, out, _ = run_cli("qa", write_tsv(tmp_path / "a.tsv", [(S1, T1), (S2, T2)]))
    assert code == 0
    assert "0 open errors" in out


def test_error_exits_one_and_json_lists_flags(tmp_path: Path, run_cli) -> None:
    path = write_tsv(tmp_path / "a.tsv", [(S1, T1.replace("7", "8")), (S2, T2)])
    code, out, _ = run_cli("qa", path, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["open_errors"] is True and data["segments_checked"] == 2
    [seg] = data["segments"]
    assert seg["label"] == "line 2"
    assert {f["check"] for f in seg["flags"]} == {"number-mismatch"}


def test_warnings_alone_do_not_fail(tmp_path: Path, run_cli) -> None:
    path = write_tsv(tmp_path / "a.tsv", [(S1, T1.replace("published on", "published  on"))])
    code, out, _ = run_cli("qa", path)
    assert code == 0 and "whitespace" in out


def test_glossary_terms_checked_with_real_glossary(tmp_path: Path, run_cli, glossary_file: Path) -> None:
    pytest.importorskip("workbench.glossary", reason="glossary module not available")
    path = write_tsv(tmp_path / "a.csv", [], header=None)
    path.write_text(f'source,target\n"{S2}","{T2_BAD}"\n', encoding="utf-8")
    code, out, _ = run_cli("qa", path, "--glossary", glossary_file, "--json")
    checks = {f["check"] for s in json.loads(out)["segments"] for f in s["flags"]}
    assert code == 1
    assert "missing-term" in checks
    code, out, _ = run_cli("qa", path, "--json")  # without a glossary the term is not checked
    assert code == 0


def test_disable_check(tmp_path: Path, run_cli) -> None:
    path = write_tsv(tmp_path / "a.tsv", [(S1, T1.replace("7", "8"))])
    assert run_cli("qa", path, "--disable", "number-mismatch")[0] == 0
    code, _, err = run_cli("qa", path, "--disable", "no-such-check")
    assert code == 2 and "Unknown check" in err


def test_aligned_text_with_target(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "a.ru.txt"
    tgt = tmp_path / "a.en.txt"
    src.write_text(f"{S1}\n\n{S2}\n", encoding="utf-8")
    tgt.write_text(f"{T1}\n\n\n", encoding="utf-8")
    code, out, _ = run_cli("qa", src, "--target", tgt, "--json")
    data = json.loads(out)
    assert code == 1
    assert [s["label"] for s in data["segments"]] == ["line 3"]
    assert data["segments"][0]["flags"][0]["check"] == "empty-target"


def test_user_errors_exit_two(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "a.ru.txt"
    src.write_text(f"{S1}\n{S2}\n", encoding="utf-8")
    tgt = tmp_path / "a.en.txt"
    tgt.write_text(f"{T1}\n", encoding="utf-8")
    code, _, err = run_cli("qa", src, "--target", tgt)
    assert code == 2 and "line-aligned" in err
    code, _, err = run_cli("qa", src)
    assert code == 2 and "--target" in err
    cp = tmp_path / "cp.tsv"
    cp.write_bytes(f"{S1}\t{T1}\n".encode("cp1251"))
    code, _, err = run_cli("qa", cp)
    assert code == 2 and "not UTF-8" in err
    code, _, err = run_cli("qa", "no-such-document")
    assert code == 2 and "neither a file nor a stored document" in err


def test_table_header_and_status_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'ru,en,status\n"{S1}","{T1}",approved\n"{S2}","",new\n', encoding="utf-8")
    doc = load_bilingual(path)
    segs = list(doc.segments())
    assert [s.status.value for s in segs] == ["approved", "new"]
    assert segs[0].source == S1 and segs[0].target == T1
    path.write_text(f'ru,en,status\n"{S1}","{T1}",finished\n', encoding="utf-8")
    with pytest.raises(QaInputError, match="unknown status"):
        load_bilingual(path)


def test_stored_document(run_cli) -> None:
    store_mod = pytest.importorskip("workbench.store.sqlite", reason="store not available")
    from workbench.document import Document, Paragraph, Segment, Status
    from workbench.store import open_store

    assert store_mod
    seg = Segment(id="news:p0:s0", paragraph=0, index=0, source=S1, end=len(S1), target=T1.replace("2025", "2024"),
                  status=Status.TRANSLATED)
    doc = Document(id="news", name="news.txt", paragraphs=[Paragraph(index=0, text=S1, segments=[seg])])
    store = open_store()
    try:
        store.add_document(doc)
    finally:
        store.close()
    code, out, _ = run_cli("qa", "news", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["segments"][0]["id"] == "news:p0:s0"
    assert {f["check"] for f in data["segments"][0]["flags"]} == {"number-mismatch"}


def test_several_files_are_checked_as_a_project(tmp_path: Path, run_cli) -> None:
    head_ru = "Участники и значение соглашений"
    a = write_tsv(tmp_path / "a.tsv", [(head_ru, "Participants and significance of the agreements"), (S1, T1)])
    (tmp_path / "b").mkdir()
    b = write_tsv(tmp_path / "b" / "a.tsv", [(head_ru, "Participants and importance of the accords")])
    code, out, _ = run_cli("qa", a, b, "--json")
    data = json.loads(out)
    assert code == 0  # inconsistency is a warning
    assert [d["segments_checked"] for d in data["documents"]] == [2, 1]
    assert len({d["document"] for d in data["documents"]}) == 2  # same file name, distinct ids
    flagged = [f["check"] for d in data["documents"] for s in d["segments"] for f in s["flags"]]
    assert flagged == ["inconsistent-translation", "inconsistent-translation"]
    # Each file alone is consistent.
    code, out, _ = run_cli("qa", a, "--json")
    assert json.loads(out)["segments"] == []


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news.txt" source-language="ru" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>{s1}</source><target state="translated">{t1}</target></trans-unit>
      <trans-unit id="2"><source>Итог</source><target state="translated">Summary</target></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_file(tmp_path: Path, run_cli) -> None:
    pytest.importorskip("workbench.formats.xliff")
    path = tmp_path / "news.xlf"
    path.write_text(XLIFF.format(s1=S1, t1=T1.replace("November 7", "November 8")), encoding="utf-8")
    code, out, _ = run_cli("qa", path, "--json")
    data = json.loads(out)
    assert code == 1 and data["segments_checked"] == 2
    [seg] = data["segments"]
    assert seg["source"] == S1 and {f["check"] for f in seg["flags"]} == {"number-mismatch"}
    path.write_text(XLIFF.format(s1=S1, t1=T1), encoding="utf-8")
    assert run_cli("qa", path)[0] == 0


def test_save_stores_flags_and_keeps_ignore_decisions(run_cli) -> None:
    pytest.importorskip("workbench.store.sqlite")
    from workbench.document import Document, Paragraph, Segment, Status
    from workbench.store import SegmentUpdate, open_store

    seg = Segment(id="saved:p0:s0", paragraph=0, index=0, source=S1, end=len(S1), target=T1.replace("2025", "2024"),
                  status=Status.TRANSLATED)
    store = open_store()
    try:
        store.add_document(Document(id="saved", name="saved.txt",
                                    paragraphs=[Paragraph(index=0, text=S1, segments=[seg])]))
    finally:
        store.close()
    assert run_cli("qa", "saved", "--save")[0] == 1
    store = open_store()
    try:
        flags = store.get_segment("saved:p0:s0").flags
        assert {f.check for f in flags} == {"number-mismatch"}
        for f in flags:
            f.ignored, f.reason = True, "the source has a typo"
        store.apply_updates([SegmentUpdate(segment_id="saved:p0:s0", flags=flags)])
    finally:
        store.close()
    code, out, _ = run_cli("qa", "saved", "--json")
    assert code == 0  # every error is ignored now
    assert json.loads(out)["summary"] == {"error": 0, "warning": 0, "ignored": 2}
    file_code, _, err = run_cli("qa", "missing.tsv", "--save", "--target", "x.txt")
    assert file_code == 2 and "stored documents only" in err
