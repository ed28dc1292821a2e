"""A persistent translation cache in front of any :class:`Translator`.

Re-opening or re-importing an unchanged document must not cost a second of decoding: every
(model + decoding options, number of hypotheses, target prefix, sentence) is stored in a small
SQLite file beside the store.  SQLite in WAL mode with short transactions lets the CLI, the
Streamlit app and batch workers share one cache file safely; a corrupt or unwritable cache only
costs speed, never a translation.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.engine.base import Hypothesis, Translator

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt_cache (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    hypotheses TEXT NOT NULL,
    created REAL NOT NULL
)
"""


@dataclass
class CacheStats:
    """Counts since this wrapper was created (what the CLI summary and benchmarks report)."""

    hits: int = 0
    misses: int = 0


def cache_key(model_id: str, sentence: str, target_prefix: str | None, num_hypotheses: int) -> str:
    """sha256 over everything that changes the engine's answer (length-prefixed, so no two
    different tuples can serialise to the same bytes)."""
    digest = hashlib.sha256()
    for part in (model_id, str(num_hypotheses), "" if target_prefix is None else "\x01" + target_prefix, sentence):
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _encode(hypotheses: list[Hypothesis]) -> str:
    return json.dumps([[h.text, h.score, list(h.tokens)] for h in hypotheses], ensure_ascii=False)


def _decode(payload: str) -> list[Hypothesis]:
    return [Hypothesis(text, score, tuple(tokens)) for text, score, tokens in json.loads(payload)]


class CachedTranslator:
    """Wraps a translator: hits come from SQLite, misses go to the engine in one batch call."""

    def __init__(self, inner: Translator, path: Path | None = None) -> None:
        if path is None:
            from workbench import config

            path = config.cache_path()
        self.inner = inner
        self.path = Path(path)
        self.stats = CacheStats()
        self._local = threading.local()
        self._stats_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CachedTranslator({self.inner!r}, {str(self.path)!r})"

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    def _connection(self) -> sqlite3.Connection | None:
        """One connection per thread (sqlite3 objects must not cross threads); ``None`` when
        the cache file cannot be used, so translation still works without it."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(_SCHEMA)
            except (sqlite3.Error, OSError):
                return None
            self._local.conn = conn
        return conn

    def _lookup(self, keys: list[str]) -> dict[str, list[Hypothesis]]:
        conn = self._connection()
        found: dict[str, list[Hypothesis]] = {}
        if conn is None:
            return found
        unique = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(unique), 500):  # stay below SQLite's variable limit
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT key, hypotheses FROM mt_cache WHERE key IN ({marks})", chunk)
                for key, payload in rows:
                    try:
                        found[key] = _decode(payload)
                    except (ValueError, TypeError):
                        continue  # a damaged row is just a miss
        except sqlite3.Error:
            return {}
        return found

    def _store(self, model: str, rows: list[tuple[str, list[Hypothesis]]]) -> None:
        conn = self._connection()
        if conn is None or not rows:
            return
        now = time.time()
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT OR REPLACE INTO mt_cache (key, model, hypotheses, created) VALUES (?, ?, ?, ?)",
                    [(key, model, _encode(hyps), now) for key, hyps in rows],
                )
        except sqlite3.Error:
            pass  # a read-only or locked cache only costs speed

    def translate_batch(
        self,
        sentences: Sequence[str],
        *,
        target_prefixes: Sequence[str | None] | None = None,
        num_hypotheses: int = 1,
    ) -> list[list[Hypothesis]]:
        """Cached hypotheses where available; the rest translated in a single inner call
        (each distinct sentence once, even if repeated in the batch)."""
        if target_prefixes is not None and len(target_prefixes) != len(sentences):
            raise ValueError("target_prefixes must have one entry per sentence")
        model = self.inner.model_id
        prefixes = list(target_prefixes) if target_prefixes is not None else [None] * len(sentences)
        keys = [cache_key(model, s, p, num_hypotheses) for s, p in zip(sentences, prefixes, strict=True)]
        found = self._lookup(keys)
        todo: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key not in found and key not in todo:
                todo[key] = index
        if todo:
            indices = list(todo.values())
            fresh = self.inner.translate_batch(
                [sentences[i] for i in indices],
                target_prefixes=[prefixes[i] for i in indices] if target_prefixes is not None else None,
                num_hypotheses=num_hypotheses,
            )
            new_rows = list(zip(todo.keys(), fresh, strict=True))
            found.update(new_rows)
            self._store(model, new_rows)
        with self._stats_lock:
            self.stats.misses += len(todo)
            self.stats.hits += len(keys) - len(todo)
        return [list(found[key]) for key in keys]

    def clear(self) -> int:
        """Delete every cached translation; returns how many were removed."""
        conn = self._connection()
        if conn is None:
            return 0
        with conn:
            return conn.execute("DELETE FROM mt_cache").rowcount

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


__all__ = ["CacheStats", "CachedTranslator", "cache_key"]
