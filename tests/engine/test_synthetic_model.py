"""The synthetic package builder: deterministic, valid, and decoding stops at a realistic length."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from workbench.engine.argos import ArgosTranslator
from workbench.testing.synthetic_model import LENGTH_RATIO, PACKAGE_NAME, build_package

from .conftest import SENTENCES


def test_same_seed_gives_identical_files_and_another_seed_differs(
    synthetic_package: Path, tmp_path: Path
) -> None:
    again = build_package(tmp_path / "again", size="tiny", seed=0)
    other = build_package(tmp_path / "other", size="tiny", seed=1)
    for name in ("model/model.bin", "sentencepiece.model", "metadata.json"):
        assert (again / name).read_bytes() == (synthetic_package / name).read_bytes(), name
    assert (other / "model/model.bin").read_bytes() != (synthetic_package / "model/model.bin").read_bytes()


def test_package_layout_and_metadata(synthetic_package: Path) -> None:
    meta = json.loads((synthetic_package / "metadata.json").read_text(encoding="utf-8"))
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("ru", "en", "translate")
    assert meta["target_prefix"] == ""
    assert {"package_version", "argos_version", "from_name", "to_name"} <= meta.keys()
    assert (synthetic_package / "model" / "model.bin").is_file()
    assert (synthetic_package / "spacy" / "config.cfg").is_file()


def test_argosmodel_has_one_top_level_directory(synthetic_argosmodel: Path) -> None:
    with zipfile.ZipFile(synthetic_argosmodel) as zf:
        names = zf.namelist()
    assert {name.split("/", 1)[0] for name in names} == {PACKAGE_NAME}
    assert f"{PACKAGE_NAME}/metadata.json" in names
    assert f"{PACKAGE_NAME}/model/model.bin" in names


def test_output_length_follows_source_length(translator: ArgosTranslator) -> None:
    results = translator.translate_batch(SENTENCES)
    for sentence, (best,) in zip(SENTENCES, results, strict=True):
        source_len = len(translator.tokenize(sentence)) + 1  # CTranslate2 counts </s>
        ratio = len(best.tokens) / source_len
        assert 0.6 * LENGTH_RATIO < ratio < 1.3 * LENGTH_RATIO, (sentence, ratio)
        assert "<unk>" not in best.tokens and "<s>" not in best.tokens
