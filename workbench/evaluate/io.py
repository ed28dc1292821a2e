"""Reading evaluation files the way the ``sacrebleu`` CLI does, with clear messages when they are wrong.

Scores must be identical to ``sacrebleu``'s, so lines are split exactly as it splits them (on
``\\n`` only, each line right-stripped).  Where ``sacrebleu`` would crash with a decoding
traceback or silently score a truncated file, these helpers raise an :class:`EvaluationError` that
says what is wrong and how to fix it: a file in cp1251, an empty file, streams of different
lengths.  A UTF-8 byte-order mark is dropped (``sacrebleu`` would keep it in the first word).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import WorkbenchError


class EvaluationError(WorkbenchError):
    """An evaluation input the user has to fix (encoding, emptiness, alignment)."""


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of ``data``; anything else is refused with the detected encoding named."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        guess = best.encoding if best is not None else "an unknown encoding"
        hint = f"iconv -f {guess} -t utf-8" if best is not None else "a text editor"
        raise EvaluationError(
            f"{name} is not UTF-8 (byte {exc.start} cannot be decoded; it looks like {guess}). "
            f"Convert it to UTF-8 first, e.g. with `{hint}`."
        ) from None


def read_text(path: str | Path) -> str:
    """The whole file as text, refusing missing, empty and non-UTF-8 files."""
    p = Path(path)
    if not p.is_file():
        raise EvaluationError(f"{p}: no such file.")
    text = decode(p.read_bytes(), str(p))
    if not text.strip():
        raise EvaluationError(f"{p} is empty: nothing to evaluate.")
    return text


def split_lines(text: str) -> list[str]:
    """Lines exactly as ``sacrebleu`` reads them: split on ``\\n``, trailing whitespace removed."""
    return [line.rstrip() for line in io.StringIO(text, newline="\n")]


def read_lines(path: str | Path) -> list[str]:
    """One segment per line (see :func:`split_lines`)."""
    return split_lines(read_text(path))


def check_aligned(streams: Sequence[tuple[str, Sequence[str]]]) -> None:
    """All named streams must have the same number of lines; the message names each count."""
    counts = {name: len(lines) for name, lines in streams}
    if len(set(counts.values())) > 1:
        detail = ", ".join(f"{name}: {n}" for name, n in counts.items())
        raise EvaluationError(
            f"The files have different numbers of lines ({detail}); they must be line-aligned, "
            "one segment per line."
        )
