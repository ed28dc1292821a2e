"""Scores must equal the sacrebleu CLI's on the same files (it is run here as the oracle)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.evaluate import EvaluationError, paired_bootstrap, read_lines, score_corpus, score_sentences

SACREBLEU = Path(sys.executable).with_name("sacrebleu")
WIDTH = 6


def sacrebleu_cli(*args: str) -> str:
    if not SACREBLEU.exists():
        pytest.skip("sacrebleu CLI not installed beside this interpreter")
    out = subprocess.run([str(SACREBLEU), *args], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "SACREBLEU_SEED": "12345"})
    return out.stdout


def oracle_corpus(refs: list[Path], hyp: Path) -> dict[str, tuple[float, str]]:
    out = sacrebleu_cli(*map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
                        "--chrf-word-order", "2", "-w", str(WIDTH), "-f", "json")
    rows = json.loads(out)
    names = {"BLEU": "bleu", "chrF2++": "chrf", "TER": "ter"}
    return {names[r["name"]]: (r["score"], r["signature"]) for r in rows}


@pytest.mark.parametrize("n_refs", [1, 2])
def test_corpus_scores_equal_sacrebleu_cli(files: dict[str, Path], n_refs: int) -> None:
    refs = [files["ref"], files["ref2"]][:n_refs]
    expected = oracle_corpus(refs, files["hyp"])
    ours = score_corpus(read_lines(files["hyp"]), [read_lines(r) for r in refs], width=WIDTH)
    assert set(ours) == {"bleu", "chrf", "ter"}
    for key, (score, signature) in expected.items():
        assert round(ours[key].score, WIDTH) == score
        assert ours[key].signature == signature
        assert ours[key].text.startswith(f"{ours[key].name} = {score:.{WIDTH}f}")
    assert f"nrefs:{n_refs}" in ours["bleu"].signature
    assert "nw:2" in ours["chrf"].signature  # chrF2++, not plain chrF


def test_sentence_bleu_equals_sacrebleu_cli(files: dict[str, Path]) -> None:
    out = sacrebleu_cli(str(files["ref"]), "-i", str(files["hyp"]), "-m", "bleu", "-sl", "-b", "-w", str(WIDTH))
    expected = [float(x) for x in out.split()]
    ours = score_sentences(read_lines(files["hyp"]), [read_lines(files["ref"])], ["bleu"])
    assert [round(row["bleu"], WIDTH) for row in ours] == expected


def test_paired_bootstrap_equals_sacrebleu_cli(files: dict[str, Path]) -> None:
    out = sacrebleu_cli(str(files["ref"]), "-i", str(files["base"]), str(files["hyp"]), "-m", "bleu",
                        "--paired-bs", "--paired-bs-n", "200", "-f", "text", "--no-color", "-q")
    p_values = [float(p) for p in re.findall(r"p = ([0-9.]+)", out)]
    ours = paired_bootstrap(read_lines(files["base"]), read_lines(files["hyp"]), [read_lines(files["ref"])],
                            ["bleu"], samples=200)
    assert len(ours) == 1 and len(p_values) == 1
    assert round(ours[0].p_value, 4) == p_values[0]
    assert ours[0].system > ours[0].baseline
    assert ours[0].samples == 200 and "bs:200" in ours[0].signature


def test_better_system_scores_better(corpus: dict[str, list[str]]) -> None:
    good = score_corpus(corpus["hyp"], [corpus["ref"]])
    bad = score_corpus(corpus["base"], [corpus["ref"]])
    assert good["bleu"].score > bad["bleu"].score
    assert good["chrf"].score > bad["chrf"].score
    assert good["ter"].score < bad["ter"].score and not good["ter"].higher_is_better


def test_misaligned_and_unknown_inputs_are_user_errors(corpus: dict[str, list[str]]) -> None:
    hyp, ref = corpus["hyp"], corpus["ref"]
    with pytest.raises(EvaluationError, match="different numbers of lines"):
        score_corpus(hyp[:-1], [ref])
    with pytest.raises(EvaluationError, match="Unknown metric"):
        score_corpus(hyp, [ref], ["meteor"])
    with pytest.raises(EvaluationError, match="reference"):
        score_corpus(hyp, [])
