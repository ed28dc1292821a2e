"""Glossary enforcement: decision logic with the scripted engine, plumbing with a real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.document import TermStatus
from workbench.engine.scripted import ScriptedTranslator
from workbench.glossary import Entry, Glossary
from workbench.glossary.enforce import enforce_batch

S_OK = "Казахстан присоединился к Авраамским соглашениям."
S_NBEST = "МИД Казахстана сообщил об этом."
S_PREFIX = "Израиль подписал Авраамские соглашения."
S_DNT = "Об этом сообщает Lada.kz."
S_PLAIN = "Погода хорошая."

TABLE: dict[str, str | list[str]] = {
    S_OK: ["Kazakhstan joined the Abraham Accords.", "Kazakhstan has joined the Abraham Accords."],
    S_NBEST: ["The MFA of Kazakhstan reported this.", "The Foreign Ministry of Kazakhstan reported this."],
    S_PREFIX: ["Israel signed the Abrahamic agreements in 2020.", "Israel signed Abraham agreements."],
    S_DNT: ["This is reported by Lada. kz."],
    S_PLAIN: ["The weather is good.", "Nice weather."],
}


def statuses(result) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(t.source, t.status.value, t.method) for t in result.terms]


def test_each_strategy_in_order_with_two_batched_calls(shipped: Glossary) -> None:
    tr = ScriptedTranslator(TABLE)
    sources = [S_OK, S_NBEST, S_PREFIX, S_DNT, S_PLAIN]
    ok, nbest, prefix, dnt, plain = enforce_batch(tr, sources, shipped, num_hypotheses=4)

    # one n-best call for everything, one prefixed call for the segments that need it
    assert len(tr.calls) == 2
    assert tr.calls[0].sentences == tuple(sources) and tr.calls[0].num_hypotheses == 4
    assert tr.calls[0].target_prefixes is None
    assert tr.calls[1].sentences == (S_PREFIX, S_DNT)

    assert ok.text == "Kazakhstan joined the Abraham Accords."
    assert statuses(ok) == [("Казахстан", "ok", ""), ("Авраамские соглашения", "ok", "")]
    assert ok.alternatives == ["Kazakhstan has joined the Abraham Accords."]

    assert nbest.text == "The Foreign Ministry of Kazakhstan reported this."
    assert nbest.score == -2.0
    assert statuses(nbest) == [("МИД", "enforced", "nbest"), ("Казахстан", "ok", "")]
    assert "The MFA of Kazakhstan reported this." in nbest.alternatives

    # the model's words before the divergence are kept, the term is forced, the model continues
    assert tr.calls[1].target_prefixes[0] == "Israel signed the Abraham Accords"
    assert prefix.text == "Israel signed the Abraham Accords in 2020."
    assert statuses(prefix) == [("Израиль", "ok", ""), ("Авраамские соглашения", "enforced", "prefix")]

    assert "Lada.kz" in dnt.text
    assert statuses(dnt) == [("Lada.kz", "enforced", "prefix")]

    assert plain.text == "The weather is good." and plain.terms == []


class IgnoresPrefixes(ScriptedTranslator):
    """A model that will not be steered: the prefix step fails and repair must act."""

    def _forced(self, source: str, prefix: str) -> str:
        return self._hypotheses(source)[0]


def test_repair_replaces_aligned_spans_and_never_invents(shipped: Glossary) -> None:
    src = "Токаев посетил ОАЭ и подписал Авраамские соглашения."
    tr = IgnoresPrefixes({src: "Tokaev visited the Emirates and signed the Abrahamic agreements."})
    [res] = enforce_batch(tr, [src], shipped)
    assert res.text == "Tokayev visited the Emirates and signed the Abraham Accords."
    assert statuses(res) == [
        ("Токаев", "enforced", "repair"),
        ("ОАЭ", "missing", ""),  # nothing aligned with "UAE": left alone and reported
        ("Авраамские соглашения", "enforced", "repair"),
    ]
    assert res.score is None  # an edited draft has no model score
    assert res.alternatives == ["Tokaev visited the Emirates and signed the Abrahamic agreements."]


def test_term_hits_point_into_the_source(shipped: Glossary) -> None:
    [res] = enforce_batch(ScriptedTranslator(TABLE), [S_PREFIX], shipped)
    for hit in res.terms:
        assert S_PREFIX[hit.start : hit.end] == hit.text
    assert all(isinstance(h.status, TermStatus) for h in res.terms)


def test_no_sources_no_calls(shipped: Glossary) -> None:
    tr = ScriptedTranslator({})
    assert enforce_batch(tr, [], shipped) == []
    assert tr.calls == []


def test_sentence_start_term_is_capitalised() -> None:
    g = Glossary([Entry("двусторонние отношения", "bilateral relations")])
    src = "Двусторонние отношения крепнут."
    draft = "Two-way ties are getting stronger."
    [res] = enforce_batch(IgnoresPrefixes({src: draft}), [src], g)
    # nothing in the draft resembles the term: repair leaves it alone and reports it
    assert res.text == draft
    assert statuses(res) == [("двусторонние отношения", "missing", "")]
    # the prefix step inserts it where the source has it (the start), capitalised
    tr = ScriptedTranslator({src: draft})
    [res2] = enforce_batch(tr, [src], g)
    assert tr.calls[1].target_prefixes == ("Bilateral relations",)
    assert res2.text == "Bilateral relations are getting stronger."
    assert statuses(res2) == [("двусторонние отношения", "enforced", "prefix")]


def test_partial_prefix_success_is_kept_and_repaired(shipped: Glossary) -> None:
    src = "Токаев подписал Авраамские соглашения."
    draft = "Tokaev signed the Abrahamic agreements."


    class MangledPrefix(ScriptedTranslator):
        """Like CTranslate2 replacing out-of-vocabulary prefix pieces: part of the prefix is lost."""

        def _forced(self, source: str, prefix: str) -> str:
            assert prefix == "Tokayev signed the Abraham Accords"
            return "Tokaev signed the Abraham Accords today."

    [res] = enforce_batch(MangledPrefix({src: draft}), [src], shipped)
    assert res.text == "Tokayev signed the Abraham Accords today."
    assert statuses(res) == [("Токаев", "enforced", "repair"), ("Авраамские соглашения", "enforced", "prefix")]


@pytest.mark.slow
def test_real_prefix_and_nbest_plumbing(synthetic_package: Path, shipped: Glossary) -> None:
    """The synthetic model's output is gibberish, so only the prefix step can place the terms:
    this proves n-best and target prefixes really travel through CTranslate2."""
    from workbench.engine.argos import ArgosTranslator

    argos = ArgosTranslator(synthetic_package, intra_threads=1)
    nbest = argos.translate_batch([S_OK], num_hypotheses=3)[0]
    assert len(nbest) == 3
    assert nbest[0].score is not None and nbest[0].score >= nbest[-1].score  # type: ignore[operator]

    class Recording:
        """Passes calls through to the real engine and keeps what it was asked."""

        model_id = argos.model_id

        def __init__(self) -> None:
            self.calls: list[dict] = []

        def translate_batch(self, sentences, *, target_prefixes=None, num_hypotheses=1):  # type: ignore[no-untyped-def]
            out = argos.translate_batch(sentences, target_prefixes=target_prefixes, num_hypotheses=num_hypotheses)
            self.calls.append({"prefixes": target_prefixes, "n": num_hypotheses, "out": out})
            return out

    # (the tiny model's vocabulary lacks some Latin capitals such as "K", which CTranslate2 would
    # replace as unknowns, so the term is chosen from pieces the vocabulary has)
    g = Glossary([Entry("Авраамские соглашения", "Abraham Accords")])
    tr = Recording()
    [res] = enforce_batch(tr, [S_PREFIX], g, num_hypotheses=3)
    assert [c["n"] for c in tr.calls] == [3, 1]
    assert tr.calls[0]["prefixes"] is None
    [prefix] = tr.calls[1]["prefixes"]
    assert prefix.endswith("Abraham Accords")
    assert res.text.startswith(prefix)  # CTranslate2 kept the forced words and went on
    assert "Abraham Accords" in res.text
    assert statuses(res) == [("Авраамские соглашения", "enforced", "prefix")]
    assert res.score is not None


def test_alignment_never_overwrites_a_correct_term() -> None:
    from workbench.glossary.enforce import _aligned_span

    entry = Entry("казахстанский", "Kazakhstani")
    text = "Kazakhstan joined."
    assert _aligned_span(text, entry, 60.0) == (0, 10)
    assert _aligned_span(text, entry, 60.0, protected=[(0, 10)]) is None
