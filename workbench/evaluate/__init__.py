"""Quality evaluation: sacrebleu metrics, terminology success and post-editing effort.

Public API::

    from workbench.evaluate import score_corpus, score_sentences, paired_bootstrap
    from workbench.evaluate import term_success, postedit_report, read_lines
"""

from workbench.evaluate.io import EvaluationError, check_aligned, read_lines, read_text, split_lines
from workbench.evaluate.metrics import (
    DEFAULT_METRICS,
    METRICS,
    Metric,
    MetricScore,
    PairedResult,
    paired_bootstrap,
    score_corpus,
    score_sentences,
)
from workbench.evaluate.postedit import PostEditReport, SegmentEffort, postedit_report
from workbench.evaluate.terms import TermMiss, TermSuccess, term_success

__all__ = [
    "DEFAULT_METRICS",
    "METRICS",
    "EvaluationError",
    "Metric",
    "MetricScore",
    "PairedResult",
    "PostEditReport",
    "SegmentEffort",
    "TermMiss",
    "TermSuccess",
    "check_aligned",
    "paired_bootstrap",
    "postedit_report",
    "read_lines",
    "read_text",
    "score_corpus",
    "score_sentences",
    "split_lines",
    "term_success",
]
