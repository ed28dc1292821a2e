"""The scripted translator other modules' tests rely on: its rules must not drift."""

from __future__ import annotations

import pytest

from workbench.engine.base import Translator
from workbench.engine.scripted import ScriptedTranslator, continue_after_prefix

SRC = "Казахстан присоединился к Авраамским соглашениям."


def make() -> ScriptedTranslator:
    return ScriptedTranslator(
        {
            SRC: [
                "Kazakhstan joined the Abrahamic agreements.",
                "Kazakhstan has joined the Abraham Accords.",
                "Kazakhstan joined Abraham agreements.",
            ],
            "Привет.": "Hello.",
        }
    )


def test_is_a_translator_with_ranked_hypotheses() -> None:
    tr = make()
    assert isinstance(tr, Translator)
    assert tr.model_id == "scripted"
    [hyps, single] = tr.translate_batch([SRC, "Привет."], num_hypotheses=2)
    assert [h.text for h in hyps] == [
        "Kazakhstan joined the Abrahamic agreements.",
        "Kazakhstan has joined the Abraham Accords.",
    ]
    assert hyps[0].score is not None and hyps[1].score is not None
    assert hyps[0].score > hyps[1].score
    assert [h.text for h in single] == ["Hello."]
    assert len(tr.translate_batch([SRC])[0]) == 1


def test_records_every_call() -> None:
    tr = make()
    tr.translate_batch([SRC], num_hypotheses=4)
    tr.translate_batch([SRC], target_prefixes=["Kazakhstan joined the Abraham Accords"])
    assert len(tr.calls) == 2
    assert tr.calls[0].sentences == (SRC,) and tr.calls[0].num_hypotheses == 4
    assert tr.calls[0].target_prefixes is None
    assert tr.calls[1].target_prefixes == ("Kazakhstan joined the Abraham Accords",)


def test_unknown_source_raises_or_copies() -> None:
    with pytest.raises(KeyError, match="no translation"):
        make().translate_batch(["Неизвестно."])
    copying = ScriptedTranslator({}, on_unknown="copy")
    assert copying.translate_batch(["Неизвестно."])[0][0].text == "Неизвестно."


def test_prefix_continues_the_best_hypothesis() -> None:
    tr = make()
    [[hyp]] = tr.translate_batch([SRC], target_prefixes=["Kazakhstan joined the Abraham Accords"])
    assert hyp.text == "Kazakhstan joined the Abraham Accords."
    # no prefix for this sentence: normal decoding
    out = tr.translate_batch([SRC, "Привет."], target_prefixes=["Kazakhstan", None])
    assert out[0][0].text.startswith("Kazakhstan")
    assert out[1][0].text == "Hello."


def test_prefix_table_wins() -> None:
    tr = ScriptedTranslator(
        {SRC: "Kazakhstan joined the Abrahamic agreements."},
        prefix_table={
            (SRC, "Kazakhstan joined the Abraham Accords"): "in November.",
            (SRC, "Kazakhstan"): "Kazakhstan signed up.",
        },
    )
    out = tr.translate_batch(
        [SRC, SRC], target_prefixes=["Kazakhstan joined the Abraham Accords", "Kazakhstan"]
    )
    assert out[0][0].text == "Kazakhstan joined the Abraham Accords in November."
    assert out[1][0].text == "Kazakhstan signed up."


@pytest.mark.parametrize(
    ("best", "prefix", "expected"),
    [
        ("The Abrahamic agreements were signed", "The Abraham Accords", "The Abraham Accords were signed"),
        ("The Abrahamic agreements were signed", "The Abr", "The Abrahamic agreements were signed"),
        ("A b c", "A b c", "A b c"),
        ("A b c", "A b", "A b c"),
        ("A b", "X Y Z W", "X Y Z W"),
    ],
)
def test_continuation_rule(best: str, prefix: str, expected: str) -> None:
    assert continue_after_prefix(best, prefix) == expected
