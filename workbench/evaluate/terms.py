"""Terminology success rate: how often the required glossary translation made it into the output.

Rate = hits / (glossary entries whose source term occurs in the source line).  Occurrence is the
glossary's own Russian-side lemma match (so «Авраамским соглашениям» counts for «Авраамские
соглашения»), and a hit is decided by the glossary's target-side check (case-insensitive, light
English inflection).  An entry counts once per line however often it occurs there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.evaluate.io import check_aligned


@dataclass
class TermMiss:
    """A line where a glossary term occurred in the source but its translation is absent."""

    line: int  # 1-based
    source_term: str
    target_term: str


@dataclass
class TermSuccess:
    hits: int
    total: int
    per_entry: dict[str, tuple[int, int]] = field(default_factory=dict)  # source term → (hits, total)
    misses: list[TermMiss] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Share of occurring terms translated as required; ``None`` when no term occurs."""
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "hits": self.hits,
            "total": self.total,
            "rate": self.rate,
            "per_entry": {k: {"hits": h, "total": t} for k, (h, t) in self.per_entry.items()},
            "misses": [m.__dict__ for m in self.misses],
        }


def _key(entry: Any) -> tuple[str, str]:
    return (entry.source, entry.target)


def term_success(glossary: Any, sources: Sequence[str], targets: Sequence[str]) -> TermSuccess:
    """Term hits over line-aligned ``sources``/``targets`` using ``glossary.check_target``."""
    check_aligned([("sources", sources), ("targets", targets)])
    result = TermSuccess(hits=0, total=0)
    for line, (src, tgt) in enumerate(zip(sources, targets, strict=True), 1):
        check = glossary.check_target(src, tgt)
        failed = {_key(e) for e in [*check.missing, *check.dnt_altered]}
        seen: dict[tuple[str, str], Any] = {}
        for match in check.found:
            seen.setdefault(_key(match.entry), match.entry)
        for key, entry in seen.items():
            hit = key not in failed
            hits, total = result.per_entry.get(entry.source, (0, 0))
            result.per_entry[entry.source] = (hits + hit, total + 1)
            result.total += 1
            if hit:
                result.hits += 1
            else:
                result.misses.append(TermMiss(line, entry.source, entry.target))
    return result
