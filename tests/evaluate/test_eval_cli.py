"""``workbench eval``: scores, terms, significance, post-editing effort and user errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.evaluate import paired_bootstrap, read_lines, score_corpus


def test_json_scores_equal_library_and_include_signatures(files: dict[str, Path], run_cli) -> None:
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--ref", files["ref2"], "--json")
    assert code == 0
    data = json.loads(out)
    expected = score_corpus(read_lines(files["hyp"]), [read_lines(files["ref"]), read_lines(files["ref2"])])
    assert data["lines"] == 6
    for key in ("bleu", "chrf", "ter"):
        assert data["scores"][key]["score"] == expected[key].score
        assert data["scores"][key]["signature"] == expected[key].signature
    assert "nrefs:2" in data["scores"]["bleu"]["signature"]


def test_text_output_uses_sacrebleu_format(files: dict[str, Path], run_cli) -> None:
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--width", "2")
    expected = score_corpus(read_lines(files["hyp"]), [read_lines(files["ref"])], width=2)
    assert code == 0
    for score in expected.values():
        assert score.text in out and score.signature in out


def test_sentence_scores(files: dict[str, Path], run_cli) -> None:
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--sentence", "--json",
                           "--metrics", "bleu,chrf")
    rows = json.loads(out)["sentences"]
    assert code == 0 and len(rows) == 6
    assert set(rows[0]) == {"bleu", "chrf"}
    assert rows[1]["bleu"] == pytest.approx(100.0)  # line 2 is identical to the reference


def test_terminology_success(files: dict[str, Path], glossary_file: Path, run_cli) -> None:
    pytest.importorskip("workbench.glossary")
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--src", files["src"],
                           "--glossary", glossary_file, "--json")
    terms = json.loads(out)["terms"]
    assert code == 0
    # Казахстан occurs on lines 1 and 3 (hits), Авраамские соглашения on line 1 (miss: "Abrahamic agreements").
    assert terms["per_entry"]["Казахстан"] == {"hits": 2, "total": 2}
    assert terms["per_entry"]["Авраамские соглашения"] == {"hits": 0, "total": 1}
    assert terms["rate"] == pytest.approx(terms["hits"] / terms["total"])
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--src", files["src"],
                           "--glossary", glossary_file)
    assert "Terminology success: " in out


def test_paired_bootstrap(files: dict[str, Path], run_cli) -> None:
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--baseline", files["base"],
                           "--bootstrap-samples", "100", "--json", "--metrics", "bleu")
    assert code == 0
    [paired] = json.loads(out)["paired"]
    expected = paired_bootstrap(read_lines(files["base"]), read_lines(files["hyp"]), [read_lines(files["ref"])],
                                ["bleu"], samples=100)[0]
    assert paired["p_value"] == expected.p_value and paired["samples"] == 100
    assert paired["system"] > paired["baseline"]
    code, out, _ = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--baseline", files["base"],
                           "--bootstrap-samples", "100", "--metrics", "bleu")
    assert "Paired bootstrap" in out and "p < 0.05" in out


def test_user_errors(files: dict[str, Path], tmp_path: Path, run_cli) -> None:
    short = tmp_path / "short.txt"
    short.write_text("One line only.\n", encoding="utf-8")
    code, _, err = run_cli("eval", "--hyp", short, "--ref", files["ref"])
    assert code == 2 and "different numbers of lines" in err and "short.txt: 1" in err
    code, _, err = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--src", files["src"])
    assert code == 2 and "--glossary" in err
    code, _, err = run_cli("eval", "--hyp", files["hyp"])
    assert code == 2 and "--ref" in err
    cp = tmp_path / "cp.txt"
    cp.write_bytes(files["src"].read_text(encoding="utf-8").encode("cp1251"))
    code, _, err = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--src", cp, "--glossary", files["ref"])
    assert code == 2 and "cp1251" in err
    code, _, err = run_cli("eval", "--hyp", files["hyp"], "--ref", files["ref"], "--metrics", "meteor")
    assert code == 2 and "Unknown metric" in err


def test_postedit_of_stored_document(run_cli) -> None:
    pytest.importorskip("workbench.store.sqlite")
    from workbench.document import Document, Paragraph, Segment, Status
    from workbench.store import open_store

    src = "Судан также начал процесс нормализации."
    seg = Segment(id="pe:p0:s0", paragraph=0, index=0, source=src, end=len(src),
                  mt="Sudan also began the normalization process.",
                  target="Sudan has also started the normalisation process.", status=Status.APPROVED)
    store = open_store()
    try:
        store.add_document(Document(id="pe", name="pe.txt", paragraphs=[Paragraph(index=0, text=src, segments=[seg])]))
    finally:
        store.close()
    code, out, _ = run_cli("eval", "--doc", "pe", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["document_id"] == "pe" and data["edited"] == 1 and data["unchanged_share"] == 0
    assert data["segments"][0]["word_distance"] == 3
    code, out, _ = run_cli("eval", "--doc", "pe")
    assert code == 0 and "HTER" in out
    code, _, err = run_cli("eval", "--doc", "missing-doc")
    assert code == 2 and "missing-doc" in err
