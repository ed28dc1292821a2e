"""ArgosTranslator: batching, determinism, n-best, target prefixes, package resolution."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbench.engine import argos
from workbench.engine.argos import ArgosTranslator, load_translator, resolve_package
from workbench.engine.base import EngineError, Translator
from workbench.engine.packages import InvalidPackageError, ModelNotFoundError

from .conftest import SENTENCES


def test_implements_the_protocol(translator: ArgosTranslator) -> None:
    assert isinstance(translator, Translator)


def test_deterministic_across_instances(translator: ArgosTranslator, synthetic_package: Path) -> None:
    first = translator.translate_batch(SENTENCES)
    second = ArgosTranslator(synthetic_package, intra_threads=1).translate_batch(SENTENCES)
    assert [h[0].text for h in first] == [h[0].text for h in second]
    assert all(h[0].text and h[0].score is not None for h in first)


def test_batch_order_is_restored(translator: ArgosTranslator) -> None:
    forward = translator.translate_batch(SENTENCES)
    backward = translator.translate_batch(list(reversed(SENTENCES)))
    assert [h[0].text for h in forward] == [h[0].text for h in reversed(backward)]
    # each sentence gets its own translation, not its neighbour's
    assert len({h[0].text for h in forward}) == len(SENTENCES)


def test_one_engine_call_sorted_by_length(translator: ArgosTranslator, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, _ = translator._load()
    calls: list[dict] = []

    class Spy:
        def translate_batch(self, tokens, **kwargs):
            calls.append({"tokens": tokens, **kwargs})
            return engine.translate_batch(tokens, **kwargs)

    monkeypatch.setattr(translator, "_translator", Spy())
    translator.translate_batch(SENTENCES)
    assert len(calls) == 1
    lengths = [len(t) for t in calls[0]["tokens"]]
    assert lengths == sorted(lengths)
    assert calls[0]["batch_type"] == "tokens"
    assert calls[0]["max_batch_size"] == translator.max_batch_tokens
    assert (calls[0]["beam_size"], calls[0]["length_penalty"], calls[0]["replace_unknowns"]) == (4, 0.2, True)


def test_n_best_hypotheses_are_ranked(translator: ArgosTranslator) -> None:
    results = translator.translate_batch(SENTENCES[:2], num_hypotheses=3)
    for hyps in results:
        assert len(hyps) == 3
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True)
        assert len({h.text for h in hyps}) == 3
    single = translator.translate_batch(SENTENCES[:2])
    assert [h[0].text for h in results] == [h[0].text for h in single]


def test_target_prefix_is_honoured(translator: ArgosTranslator) -> None:
    prefix = "The Ministry of Foreign Affairs"
    results = translator.translate_batch(SENTENCES[:3], target_prefixes=[prefix, None, None])
    assert results[0][0].text.startswith(prefix)
    assert len(results[0][0].text) > len(prefix)
    plain = translator.translate_batch(SENTENCES[:3])
    assert not plain[0][0].text.startswith(prefix)


def test_empty_sentences_skip_the_engine(translator: ArgosTranslator) -> None:
    results = translator.translate_batch(["", "  ", SENTENCES[0]])
    assert [r[0].text for r in results[:2]] == ["", ""]
    assert results[2][0].text
    assert translator.translate_batch([]) == []


def test_model_id_names_package_and_options(synthetic_package: Path) -> None:
    default = ArgosTranslator(synthetic_package)
    assert "ru-en" in default.model_id and "beam=4" in default.model_id
    assert ArgosTranslator(synthetic_package, beam_size=2).model_id != default.model_id
    # where the package lives does not matter, its content does
    assert ArgosTranslator(synthetic_package, max_batch_tokens=64).model_id == default.model_id


def test_threads_default_from_environment(synthetic_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_THREADS", "3")
    assert ArgosTranslator(synthetic_package).intra_threads == 3
    monkeypatch.setenv("WORKBENCH_THREADS", "many")
    with pytest.raises(EngineError, match="WORKBENCH_THREADS"):
        ArgosTranslator(synthetic_package)


# ------------------------------------------------------------------------------- resolution
def test_no_installed_model_says_what_to_do(argos_home: Path) -> None:
    with pytest.raises(ModelNotFoundError) as err:
        resolve_package(None)
    message = str(err.value)
    assert "No Russian→English model is installed" in message
    assert "workbench models install ru en" in message and ".argosmodel" in message


def test_installed_model_is_found(installed: Path) -> None:
    assert resolve_package(None) == installed


def test_package_directory_is_validated(synthetic_package: Path, tmp_path: Path) -> None:
    assert resolve_package(synthetic_package) == synthetic_package
    assert resolve_package(str(synthetic_package)) == synthetic_package
    with pytest.raises(InvalidPackageError, match=r"metadata\.json"):
        resolve_package(tmp_path)
    broken = tmp_path / "broken"
    shutil.copytree(synthetic_package, broken)
    (broken / "sentencepiece.model").unlink()
    with pytest.raises(InvalidPackageError, match=r"sentencepiece\.model"):
        resolve_package(broken)


def test_wrong_language_pair_is_refused(synthetic_package: Path, tmp_path: Path) -> None:
    german = tmp_path / "translate-de_en"
    shutil.copytree(synthetic_package, german)
    meta = json.loads((german / "metadata.json").read_text(encoding="utf-8"))
    meta["from_code"] = "de"
    (german / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InvalidPackageError, match="de→en"):
        resolve_package(german)


def test_missing_path_and_non_zip_file(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        resolve_package(tmp_path / "nope.argosmodel")
    fake = tmp_path / "fake.argosmodel"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InvalidPackageError, match="zip"):
        resolve_package(fake)


def test_argosmodel_is_extracted_once(
    synthetic_argosmodel: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = resolve_package(synthetic_argosmodel)
    assert first.is_relative_to(data_dir / "models")
    assert (first / "model" / "model.bin").is_file()

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted twice")

    monkeypatch.setattr("workbench.engine.packages.zipfile.ZipFile.extractall", no_extraction)
    assert resolve_package(synthetic_argosmodel) == first


def test_load_translator_reuses_one_instance(synthetic_package: Path) -> None:
    one = load_translator(synthetic_package, intra_threads=1)
    assert load_translator(str(synthetic_package), intra_threads=1) is one
    assert load_translator(synthetic_package, intra_threads=1, beam_size=2) is not one
    assert isinstance(one, argos.ArgosTranslator)


def test_installed_package_by_name(installed: Path) -> None:
    assert resolve_package(installed.name) == installed


def test_concurrent_first_use_loads_the_model_once(
    synthetic_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import ctranslate2

    loads: list[int] = []
    real = ctranslate2.Translator

    def counting(*args, **kwargs):
        loads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counting)
    fresh = ArgosTranslator(synthetic_package, intra_threads=1)
    results: dict[int, list[str]] = {}
    barrier = threading.Barrier(4)

    def work(n: int) -> None:
        barrier.wait()
        results[n] = [h[0].text for h in fresh.translate_batch(SENTENCES[:3])]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert len(results) == 4 and all(r == results[0] for r in results.values())
