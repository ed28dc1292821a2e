"""CachedTranslator: hits skip the engine, entries persist, keys cover everything that matters."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from workbench.engine.argos import ArgosTranslator
from workbench.engine.base import Hypothesis, Translator
from workbench.engine.cache import CachedTranslator, cache_key

from .conftest import SENTENCES


class CountingTranslator:
    """Upper-cases its input and records every call."""

    def __init__(self, model_id: str = "counting-v1") -> None:
        self._model_id = model_id
        self.calls: list[list[str]] = []

    @property
    def model_id(self) -> str:
        return self._model_id

    def translate_batch(
        self,
        sentences: Sequence[str],
        *,
        target_prefixes: Sequence[str | None] | None = None,
        num_hypotheses: int = 1,
    ) -> list[list[Hypothesis]]:
        self.calls.append(list(sentences))
        prefixes = target_prefixes or [None] * len(sentences)
        return [
            [Hypothesis(f"{p or ''}{s.upper()}#{n}", -float(n)) for n in range(num_hypotheses)]
            for s, p in zip(sentences, prefixes, strict=True)
        ]


def test_is_a_translator(tmp_path: Path) -> None:
    assert isinstance(CachedTranslator(CountingTranslator(), tmp_path / "c.sqlite3"), Translator)


def test_hit_skips_the_engine(tmp_path: Path) -> None:
    inner = CountingTranslator()
    cached = CachedTranslator(inner, tmp_path / "c.sqlite3")
    first = cached.translate_batch(["один", "два"])
    assert inner.calls == [["один", "два"]]
    second = cached.translate_batch(["два", "один"])
    assert inner.calls == [["один", "два"]]  # no new call
    assert [h[0].text for h in second] == [h[0].text for h in reversed(first)]
    assert (cached.stats.hits, cached.stats.misses) == (2, 2)


def test_only_misses_reach_the_engine_in_one_call(tmp_path: Path) -> None:
    inner = CountingTranslator()
    cached = CachedTranslator(inner, tmp_path / "c.sqlite3")
    cached.translate_batch(["один"])
    result = cached.translate_batch(["один", "два", "три", "два"])
    assert inner.calls[1] == ["два", "три"]  # one call, each distinct miss once
    assert [h[0].text for h in result] == ["ОДИН#0", "ДВА#0", "ТРИ#0", "ДВА#0"]


def test_persists_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    CachedTranslator(CountingTranslator(), path).translate_batch(["один"], num_hypotheses=2)
    fresh_inner = CountingTranslator()
    again = CachedTranslator(fresh_inner, path).translate_batch(["один"], num_hypotheses=2)
    assert fresh_inner.calls == []
    assert [h.text for h in again[0]] == ["ОДИН#0", "ОДИН#1"]
    assert again[0][1].score == -1.0


def test_key_covers_model_hypotheses_and_prefix(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    inner = CountingTranslator()
    cached = CachedTranslator(inner, path)
    cached.translate_batch(["один"])
    cached.translate_batch(["один"], num_hypotheses=2)
    cached.translate_batch(["один"], target_prefixes=["One"])
    result = cached.translate_batch(["один"], target_prefixes=["One"])
    assert len(inner.calls) == 3
    assert result[0][0].text == "OneОДИН#0"
    other_model = CountingTranslator("counting-v2")
    CachedTranslator(other_model, path).translate_batch(["один"])
    assert other_model.calls == [["один"]]
    assert len({cache_key("m", "a", None, 1), cache_key("m", "a", "", 1), cache_key("m", "a", None, 2)}) == 3


def test_default_path_is_in_the_data_dir(data_dir: Path) -> None:
    cached = CachedTranslator(CountingTranslator())
    cached.translate_batch(["один"])
    assert cached.path.parent == data_dir
    assert cached.path.is_file()


def test_unusable_cache_file_still_translates(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    inner = CountingTranslator()
    result = CachedTranslator(inner, path).translate_batch(["один"])
    assert result[0][0].text == "ОДИН#0"
    assert inner.calls == [["один"]]


def test_real_engine_is_skipped_on_second_pass(translator: ArgosTranslator, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = CachedTranslator(translator, path).translate_batch(SENTENCES)
    cached = CachedTranslator(translator, path)
    original = translator.translate_batch
    calls: list[int] = []

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    translator.translate_batch = counting  # type: ignore[method-assign]
    try:
        second = cached.translate_batch(SENTENCES)
    finally:
        del translator.translate_batch
    assert calls == []
    assert second == first
    assert [h[0].tokens for h in second] == [h[0].tokens for h in first]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM mt_cache").fetchone()[0] == len(SENTENCES)


def test_threads_share_one_cache_file(tmp_path: Path) -> None:
    import threading

    inner = CountingTranslator()
    cached = CachedTranslator(inner, tmp_path / "c.sqlite3")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                out = cached.translate_batch([f"фраза {n} {i}", "общая"])
                assert out[0][0].text == f"ФРАЗА {n} {i}#0"
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    fresh = CountingTranslator()
    CachedTranslator(fresh, tmp_path / "c.sqlite3").translate_batch([f"фраза {n} 19" for n in range(4)])
    assert fresh.calls == []
