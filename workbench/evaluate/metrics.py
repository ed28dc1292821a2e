"""Corpus and sentence metrics through ``sacrebleu``, one small class per metric.

Every number comes from ``sacrebleu`` itself, configured exactly as its CLI configures it, so a
score printed by ``workbench eval`` is the score ``sacrebleu`` prints for the same files, and the
signature says how it was computed (tokeniser, smoothing, version).  chrF is used as chrF2++
(``word_order=2``), the variant recommended for morphologically rich languages.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any, ClassVar

from workbench.evaluate.io import EvaluationError, check_aligned


@dataclass
class MetricScore:
    """A corpus score with the signature that makes it reproducible."""

    metric: str  # "bleu" | "chrf" | "ter"
    name: str  # sacrebleu's display name: "BLEU", "chrF2++", "TER"
    score: float
    signature: str
    text: str  # sacrebleu's own formatting, e.g. "BLEU = 25.3 58.1/31.0/..."
    higher_is_better: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PairedResult:
    """One metric of the paired bootstrap test: baseline vs system, with confidence intervals."""

    metric: str
    baseline: float
    baseline_mean: float | None
    baseline_ci: float | None
    system: float
    system_mean: float | None
    system_ci: float | None
    p_value: float | None
    samples: int
    signature: str

    @property
    def significant(self) -> bool:
        """Different at the customary 5 % level."""
        return self.p_value is not None and self.p_value < 0.05

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "significant": self.significant}


class Metric(ABC):
    """A metric over hypotheses and one or more reference streams.

    ``refs_list`` follows ``sacrebleu``: a list of reference *streams*, each as long as ``hyps``.
    """

    key: ClassVar[str]
    higher_is_better: ClassVar[bool] = True

    @abstractmethod
    def make(self, *, sentence: bool = False, references: Sequence[Sequence[str]] | None = None) -> Any:
        """A configured ``sacrebleu`` metric object (sentence BLEU needs effective order)."""

    def corpus(self, hyps: Sequence[str], refs_list: Sequence[Sequence[str]], width: int = 1) -> MetricScore:
        metric = self.make()
        result = metric.corpus_score(list(hyps), [list(r) for r in refs_list])
        signature = metric.get_signature().format()
        return MetricScore(metric=self.key, name=result.name, score=float(result.score), signature=signature,
                           text=result.format(width=width), higher_is_better=self.higher_is_better)

    def sentences(self, hyps: Sequence[str], refs_list: Sequence[Sequence[str]]) -> list[float]:
        metric = self.make(sentence=True)
        return [float(metric.sentence_score(h, list(refs)).score) for h, *refs in zip(hyps, *refs_list, strict=True)]


class Bleu(Metric):
    """BLEU with sacrebleu's defaults (13a tokeniser, exp smoothing)."""

    key = "bleu"

    def make(self, *, sentence: bool = False, references: Sequence[Sequence[str]] | None = None) -> Any:
        from sacrebleu.metrics import BLEU

        return BLEU(effective_order=sentence, references=references)


class ChrF(Metric):
    """chrF2++: character 6-grams plus word bigrams, beta 2."""

    key = "chrf"

    def make(self, *, sentence: bool = False, references: Sequence[Sequence[str]] | None = None) -> Any:
        from sacrebleu.metrics import CHRF

        return CHRF(word_order=2, references=references)


class Ter(Metric):
    """Translation edit rate (lower is better)."""

    key = "ter"
    higher_is_better = False

    def make(self, *, sentence: bool = False, references: Sequence[Sequence[str]] | None = None) -> Any:
        from sacrebleu.metrics import TER

        return TER(references=references)


METRICS: Mapping[str, Metric] = MappingProxyType({m.key: m for m in (Bleu(), ChrF(), Ter())})
DEFAULT_METRICS: tuple[str, ...] = ("bleu", "chrf", "ter")


def _resolve(metrics: Iterable[str]) -> list[Metric]:
    chosen = []
    for name in metrics:
        key = name.strip().lower().replace("chrf++", "chrf").replace("chrf2++", "chrf")
        if key not in METRICS:
            raise EvaluationError(f"Unknown metric {name!r}; choose from {', '.join(METRICS)}.")
        chosen.append(METRICS[key])
    if not chosen:
        raise EvaluationError("Choose at least one metric.")
    return chosen


def _validate(hyps: Sequence[str], refs_list: Sequence[Sequence[str]]) -> None:
    if not refs_list:
        raise EvaluationError("At least one reference is needed.")
    if not hyps:
        raise EvaluationError("There are no hypotheses to score.")
    check_aligned([("hypotheses", hyps), *[(f"reference {i + 1}", r) for i, r in enumerate(refs_list)]])


def score_corpus(hyps: Sequence[str], refs_list: Sequence[Sequence[str]],
                 metrics: Iterable[str] = DEFAULT_METRICS, *, width: int = 1) -> dict[str, MetricScore]:
    """Corpus scores keyed by metric ("bleu", "chrf", "ter"), identical to the sacrebleu CLI's."""
    _validate(hyps, refs_list)
    return {m.key: m.corpus(hyps, refs_list, width=width) for m in _resolve(metrics)}


def score_sentences(hyps: Sequence[str], refs_list: Sequence[Sequence[str]],
                    metrics: Iterable[str] = DEFAULT_METRICS) -> list[dict[str, float]]:
    """Per-line scores (sentence BLEU with effective order, as ``sacrebleu --sentence-level``)."""
    _validate(hyps, refs_list)
    chosen = _resolve(metrics)
    columns = {m.key: m.sentences(hyps, refs_list) for m in chosen}
    return [{key: values[i] for key, values in columns.items()} for i in range(len(hyps))]


def _num(value: Any) -> float | None:
    """numpy scalars → plain floats, so results serialise to JSON."""
    return None if value is None else float(value)


def paired_bootstrap(baseline: Sequence[str], system: Sequence[str], refs_list: Sequence[Sequence[str]],
                     metrics: Iterable[str] = DEFAULT_METRICS, *, samples: int = 1000) -> list[PairedResult]:
    """sacrebleu's paired bootstrap resampling test of ``system`` against ``baseline``.

    Uses sacrebleu's seed (``SACREBLEU_SEED``, default 12345) so results repeat run to run and
    match ``sacrebleu REF -i BASE SYS --paired-bs``.
    """
    _validate(system, refs_list)
    check_aligned([("baseline", baseline), ("hypotheses", system)])
    from sacrebleu.significance import PairedTest

    refs = [list(r) for r in refs_list]
    chosen = {m.make().__class__.__name__: (m, m.make(references=refs)) for m in _resolve(metrics)}
    test = PairedTest([("baseline", list(baseline)), ("system", list(system))],
                      {name: obj for name, (_m, obj) in chosen.items()}, references=None,
                      test_type="bs", n_samples=samples)
    signatures, scores = test()
    results = []
    keys = iter(chosen.values())
    for name, values in scores.items():
        if name == "System":
            continue
        metric, _obj = next(keys)
        base, sys_ = values[0], values[1]
        results.append(PairedResult(
            metric=metric.key, baseline=float(base.score), baseline_mean=_num(base.mean),
            baseline_ci=_num(base.ci), system=float(sys_.score), system_mean=_num(sys_.mean),
            system_ci=_num(sys_.ci), p_value=_num(sys_.p_value),
            samples=test.n_samples, signature=signatures[name].format(),
        ))
    return results
