"""Glossary entries, matches and the :class:`Glossary` container.

An :class:`Entry` is what a terminologist writes in one row: the Russian term, its required English
rendering and how strictly it must be matched.  The :class:`Glossary` keeps the entries *and* the
problems found while reading them, because a glossary with one broken row must stay usable: the
editor shows the problems, the matcher uses the rest.

Matching is compiled lazily (the morphology analyser and the index are only built when the first
text is matched), so loading a glossary to list or convert it stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.glossary.match import Matcher

MatchMode = Literal["lemma", "exact", "prefix"]
MATCH_MODES: tuple[str, ...] = ("lemma", "exact", "prefix")

_ABBREVIATION = re.compile(r"^[^\W\d_]{2,}$")


class GlossaryError(WorkbenchError):
    """A glossary file that cannot be used at all (empty, binary, too large, malformed XML)."""


def fold(text: str) -> str:
    """Case- and ё-insensitive comparison key: lowercase, ё→е, NFC, collapsed spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return " ".join(text.split())


def is_abbreviation(word: str) -> bool:
    """``МИД``, ``ОАЭ``, ``ООН``, ``UN``: two or more letters, all upper case."""
    return bool(_ABBREVIATION.match(word)) and word.isupper()


@dataclass(eq=False)
class Entry:
    """One glossary row.

    ``case_sensitive`` is ``None`` for *auto*: upper-case letters of the glossary term must be
    upper case in the text (so «Мид» in «Маргарет Мид» is not «МИД» and «газа» is not «Газа»),
    lower-case letters match either case (sentence-initial capitals).  The one exception is the
    capital first word of a multi-word term that is not a name («Мирное урегулирование»): Russian
    glossaries capitalise it by habit, so it matches in lower case too.  ``True`` additionally makes
    lower-case words lower-case only (except at the start of the term); ``False`` ignores case.
    ``match_mode``: ``lemma`` (default) matches any inflected form of every word; ``exact`` only
    the written form (ё/е and, unless case-sensitive, case aside) — for brands and codes;
    ``prefix`` matches words that *start with* the glossary words («кибер» → «кибератака»).
    ``forbidden`` lists English renderings QA must flag and enforcement replaces; ``dnt``
    (do not translate) requires the term to appear unchanged in the translation.

    Entries compare by identity: two rows with the same text are still two rows (duplicates are
    reported, never merged).
    """

    source: str
    target: str
    note: str = ""
    pos: str = ""
    case_sensitive: bool | None = None
    match_mode: MatchMode = "lemma"
    forbidden: list[str] = field(default_factory=list)
    dnt: bool = False
    origin: str = ""  # "file.csv, row 7": where the entry came from, for messages

    def __post_init__(self) -> None:
        self.source = " ".join(self.source.split())
        self.target = " ".join(self.target.split())
        if self.match_mode not in MATCH_MODES:
            raise GlossaryError(
                f"unknown match mode {self.match_mode!r} for {self.source!r}: use one of "
                + ", ".join(MATCH_MODES)
            )
        if self.dnt and not self.target:
            self.target = self.source

    @property
    def abbreviation(self) -> bool:
        """True when the term contains an abbreviation (auto case sensitivity applies to it)."""
        return any(is_abbreviation(w) for w in re.findall(r"[^\W\d_]+", self.source))

    @property
    def effective_case_sensitive(self) -> bool:
        """Resolved case sensitivity: explicit value, or auto (abbreviations are case-sensitive)."""
        return self.abbreviation if self.case_sensitive is None else self.case_sensitive

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "note": self.note,
            "pos": self.pos,
            "case_sensitive": self.case_sensitive,
            "match_mode": self.match_mode,
            "forbidden": list(self.forbidden),
            "dnt": self.dnt,
        }


@dataclass(frozen=True)
class TermMatch:
    """An occurrence of ``entry`` in a text: ``text[start:end]`` is the surface form."""

    entry: Entry
    start: int
    end: int
    text: str


@dataclass
class TargetCheck:
    """How a translation treats the glossary terms of its source.

    ``ok``/``missing``/``dnt_altered`` partition the distinct entries found in the source
    (do-not-translate entries land in ``ok`` or ``dnt_altered``, never in ``missing``);
    ``forbidden`` lists (entry, surface text in the target) for every forbidden variant used.
    """

    found: list[TermMatch] = field(default_factory=list)
    ok: list[Entry] = field(default_factory=list)
    missing: list[Entry] = field(default_factory=list)
    forbidden: list[tuple[Entry, str]] = field(default_factory=list)
    dnt_altered: list[Entry] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No missing term, no forbidden variant, no altered do-not-translate item."""
        return not (self.missing or self.forbidden or self.dnt_altered)


class Glossary:
    """A list of entries plus the problems found while reading them.

    The matcher is compiled on first use; call :meth:`refresh` after changing ``entries`` in place
    (appending or replacing the list is detected automatically).
    """

    def __init__(self, entries: list[Entry] | None = None, problems: list[str] | None = None,
                 name: str = "") -> None:
        self.entries: list[Entry] = list(entries or [])
        self.problems: list[str] = list(problems or [])
        self.name = name
        self._matcher: Matcher | None = None
        self._compiled_for: tuple[int, int] = (0, -1)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"Glossary({self.name!r}, {len(self.entries)} entries, {len(self.problems)} problems)"

    def refresh(self) -> None:
        """Forget the compiled matcher (after editing entries in place)."""
        self._matcher = None

    @property
    def matcher(self) -> Matcher:
        """The compiled index (built on first use, rebuilt when the entry list changed)."""
        key = (id(self.entries), len(self.entries))
        if self._matcher is None or key != self._compiled_for:
            from workbench.glossary.match import Matcher

            self._matcher = Matcher(self.entries)
            self._compiled_for = key
        return self._matcher

    def match(self, text: str) -> list[TermMatch]:
        """Occurrences of glossary terms in Russian ``text`` (any inflected form), sorted by start;
        overlaps are resolved (longest match wins)."""
        return self.matcher.find(text)

    def check_target(self, source: str, target: str) -> TargetCheck:
        """Which terms found in ``source`` are rendered as required in ``target``."""
        from workbench.glossary.check import check_target

        return check_target(self, source, target)

    def lookup(self, source: str) -> list[Entry]:
        """Entries whose source term is ``source`` (case- and ё-insensitive)."""
        key = fold(source)
        return [e for e in self.entries if fold(e.source) == key]
