"""Parity: for single sentences our engine's output equals ``argostranslate.translate``'s.

Argos runs offline here through its spaCy chunking (``ARGOS_CHUNK_TYPE=SPACY``, set by the
``argos_home`` fixture) with the blank Russian pipeline shipped in the synthetic package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.engine.argos import ArgosTranslator, resolve_package

# Single sentences (no inner sentence boundary, so Argos' splitter keeps each one whole).
PARITY_SENTENCES = [
    "Министерство иностранных дел Республики Казахстан сделало официальное заявление",
    "Документ опубликован 7 ноября 2025 года в Telegram-канале внешнеполитического ведомства",
    "Решение в интересах страны",
    "Фото: кадр YouTube",
    "Казахстан давно поддерживает дипломатические отношения с Израилем",
    "Присоединение к Авраамским соглашениям будет способствовать укреплению сотрудничества",
]


def test_single_sentences_match_argostranslate(installed: Path) -> None:
    translate = pytest.importorskip("argostranslate.translate")
    pytest.importorskip("spacy")
    ours = ArgosTranslator(resolve_package(None), intra_threads=1)
    assert ours.package_dir == installed
    for sentence in PARITY_SENTENCES:
        expected = translate.translate(sentence, "ru", "en")
        got = ours.translate_batch([sentence])[0][0].text
        assert got == expected, sentence
        assert got  # random weights still produce text


def test_n_best_matches_argostranslate_hypotheses(installed: Path) -> None:
    translate = pytest.importorskip("argostranslate.translate")
    ours = ArgosTranslator(installed, intra_threads=1)
    argos = translate.get_translation_from_codes("ru", "en")
    sentence = PARITY_SENTENCES[0]
    expected = [h.value for h in argos.hypotheses(sentence, num_hypotheses=3)]
    assert [h.text for h in ours.translate_batch([sentence], num_hypotheses=3)[0]] == expected
