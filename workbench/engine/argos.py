"""The Argos/CTranslate2 engine: one batched call per document.

``argostranslate.translate`` translates paragraph by paragraph with 32-token batches, which
serialises decoding; a document's sentences translated together in large token batches are
several times faster on the same model.  This module loads an Argos package directly
(``model/`` for CTranslate2, ``sentencepiece.model``, ``metadata.json``) and reproduces Argos'
tokenisation, decoding options and detokenisation, so single sentences come out exactly as Argos
users know them — without importing ``argostranslate.translate`` (which pulls stanza and torch)
and without its module-level translator state.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.engine.base import EngineError, Hypothesis
from workbench.engine.packages import (
    INSTALL_HINT,
    InvalidPackageError,
    ModelNotFoundError,
    PackageInfo,
    extract_archive,
    find_installed,
    read_package,
)


def default_threads() -> int:
    """Intra-op threads: ``WORKBENCH_THREADS`` if set, else 1 on machines with ≤ 2 cores and
    half the usable cores (at most 4) above that.

    Beam search over large token batches scales poorly past a few threads, and on small or
    shared machines oversubscription makes decoding slower, not faster (measured: one thread
    beats two on 2 vCPUs while the UI and other work share them).
    """
    env = os.environ.get("WORKBENCH_THREADS", "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise EngineError(f"WORKBENCH_THREADS must be a whole number, not {env!r}.") from None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 1 if cores <= 2 else min(4, cores // 2)


def _file_digest(path: Path) -> str:
    """sha256 of a file, read in chunks (archives can be hundreds of MB); memoised on the file's
    path, size and modification time because page renders resolve the same model repeatedly."""
    stat = path.stat()
    return _digest_of(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _digest_of(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _package_fingerprint(package_dir: Path) -> str:
    """A cheap content fingerprint: configs, tokeniser and the head/tail/size of the weights.

    Keys the cache by what the model *is*, not where it lives, so re-extracting or moving a
    package keeps its cache entries.
    """
    digest = hashlib.sha256()
    for name in ("metadata.json", "sentencepiece.model", "model/config.json"):
        path = package_dir / name
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    weights = package_dir / "model" / "model.bin"
    size = weights.stat().st_size
    digest.update(str(size).encode())
    with weights.open("rb") as handle:
        digest.update(handle.read(1 << 20))
        handle.seek(max(0, size - (1 << 20)))
        digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


def resolve_package(model: str | Path | None = None) -> Path:
    """Find the package directory to translate with.

    * ``None``: the installed Argos ru→en package (Argos' packages directory, which honours
      ``ARGOS_PACKAGES_DIR``/``XDG_DATA_HOME``);
    * a directory: that package, validated;
    * a ``.argosmodel`` file: extracted once (keyed by the file's hash) under
      ``data_dir()/models/`` and reused afterwards;
    * the name of an installed package (as ``workbench models list`` shows it).

    Raises :class:`EngineError` with one sentence saying what to do.
    """
    if model is None or (isinstance(model, str) and not model.strip()):
        info = find_installed("ru", "en")
        if info is None or info.path is None:
            raise ModelNotFoundError(f"No Russian→English model is installed. {INSTALL_HINT}")
        return info.path
    path = Path(model).expanduser()
    if path.is_dir():
        info = read_package(path)
        _check_pair(info)
        return path
    if path.is_file():
        from workbench import config

        root = config.data_dir() / "models" / _file_digest(path)[:16]
        package_dir = extract_archive(path, root)
        _check_pair(read_package(package_dir))
        return package_dir
    if isinstance(model, str) and "/" not in model:
        from workbench.engine.packages import list_installed

        named = next((p for p in list_installed() if p.name == model), None)
        if named is not None and named.path is not None:
            _check_pair(named)
            return named.path
    raise ModelNotFoundError(
        f"{path} does not exist: give an Argos package directory or a .argosmodel file, "
        f"or leave the model unset to use the installed one. {INSTALL_HINT}"
    )


def _check_pair(info: PackageInfo) -> None:
    if (info.from_code, info.to_code) != ("ru", "en"):
        raise InvalidPackageError(
            f"{info.name} translates {info.from_code}→{info.to_code}; workbench needs a Russian→English "
            f"(ru→en) model. {INSTALL_HINT}"
        )


class ArgosTranslator:
    """A :class:`~workbench.engine.base.Translator` over one Argos package.

    The CTranslate2 model and the SentencePiece processor are loaded on first use, once, under a
    lock (the UI and batch runs call from several threads).  Decoding defaults follow
    ``argostranslate`` (beam 4, length penalty 0.2, unknowns replaced) so drafts match Argos;
    ``max_batch_tokens`` is the lever for speed (Argos uses 32).
    """

    def __init__(
        self,
        package_dir: str | Path,
        *,
        beam_size: int = 4,
        length_penalty: float = 0.2,
        replace_unknowns: bool = True,
        max_batch_tokens: int = 2048,
        compute_type: str = "auto",
        intra_threads: int | None = None,
        inter_threads: int = 1,
        device: str = "cpu",
    ) -> None:
        self.package_dir = Path(package_dir)
        self.info = read_package(self.package_dir)
        self.beam_size = beam_size
        self.length_penalty = length_penalty
        self.replace_unknowns = replace_unknowns
        self.max_batch_tokens = max_batch_tokens
        self.compute_type = compute_type
        self.intra_threads = intra_threads if intra_threads is not None else default_threads()
        self.inter_threads = inter_threads
        self.device = device
        self._lock = threading.Lock()
        self._translator: Any = None
        self._processor: Any = None
        self._model_id: str | None = None

    def __repr__(self) -> str:
        return f"ArgosTranslator({str(self.package_dir)!r}, beam_size={self.beam_size})"

    @property
    def target_prefix(self) -> str:
        """The package's forced first target token (multilingual models), "" for none."""
        return self.info.target_prefix

    @property
    def model_id(self) -> str:
        """Package identity + content fingerprint + the options that change the output."""
        if self._model_id is None:
            self._model_id = (
                f"argos:{self.info.from_code}-{self.info.to_code}:{self.info.name}:{self.info.version}:"
                f"{_package_fingerprint(self.package_dir)}:beam={self.beam_size}:lp={self.length_penalty}:"
                f"unk={int(self.replace_unknowns)}:ct={self.compute_type}"
            )
        return self._model_id

    def _load(self) -> tuple[Any, Any]:
        if self._translator is None:
            with self._lock:
                if self._translator is None:
                    import ctranslate2
                    import sentencepiece

                    try:
                        processor = sentencepiece.SentencePieceProcessor(
                            model_file=str(self.package_dir / "sentencepiece.model")
                        )
                        translator = ctranslate2.Translator(
                            str(self.package_dir / "model"),
                            device=self.device,
                            compute_type=self.compute_type,
                            inter_threads=self.inter_threads,
                            intra_threads=self.intra_threads,
                        )
                    except (RuntimeError, OSError, ValueError) as exc:
                        raise InvalidPackageError(
                            f"Could not load the model in {self.package_dir} ({exc}); reinstall it."
                        ) from None
                    self._processor = processor
                    self._translator = translator
        return self._translator, self._processor

    def tokenize(self, text: str) -> list[str]:
        """SentencePiece pieces, as Argos feeds them to CTranslate2."""
        _, processor = self._load()
        return processor.encode(text, out_type=str)

    def detokenize(self, tokens: Sequence[str]) -> str:
        """Argos' detokenisation: decode pieces, map ``▁``/``_`` to spaces, drop the package
        prefix and the leading space."""
        _, processor = self._load()
        text = processor.decode_pieces(list(tokens)).replace("▁", " ").replace("_", " ")
        prefix = self.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        if text.startswith(" "):
            text = text[1:]
        return text

    def translate_batch(
        self,
        sentences: Sequence[str],
        *,
        target_prefixes: Sequence[str | None] | None = None,
        num_hypotheses: int = 1,
    ) -> list[list[Hypothesis]]:
        """Translate all ``sentences`` in one CTranslate2 call (sorted by length, token batches)."""
        if target_prefixes is not None and len(target_prefixes) != len(sentences):
            raise ValueError("target_prefixes must have one entry per sentence")
        if num_hypotheses < 1:
            raise ValueError("num_hypotheses must be at least 1")
        results: list[list[Hypothesis]] = [[Hypothesis("", 0.0)] for _ in sentences]
        work = [i for i, s in enumerate(sentences) if s.strip()]
        if not work:
            return results
        translator, _ = self._load()
        sources = {i: self.tokenize(sentences[i]) for i in work}
        package_prefix = [self.target_prefix] if self.target_prefix else []
        prefixes: dict[int, list[str]] = {}
        for i in work:
            user = target_prefixes[i] if target_prefixes is not None else None
            pieces = package_prefix + (self.tokenize(user) if user else [])
            if pieces:
                prefixes[i] = pieces
        order = sorted(work, key=lambda i: len(sources[i]))
        outputs = translator.translate_batch(
            [sources[i] for i in order],
            target_prefix=[prefixes.get(i) for i in order] if prefixes else None,
            replace_unknowns=self.replace_unknowns,
            max_batch_size=self.max_batch_tokens,
            batch_type="tokens",
            beam_size=max(self.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses,
            length_penalty=self.length_penalty,
            return_scores=True,
        )
        for i, output in zip(order, outputs, strict=True):
            results[i] = [
                Hypothesis(self.detokenize(tokens), float(score), tuple(tokens))
                for tokens, score in zip(output.hypotheses, output.scores, strict=True)
            ]
        return results


@functools.lru_cache(maxsize=8)
def _cached_translator(package_dir: Path, options: tuple[tuple[str, Any], ...]) -> ArgosTranslator:
    return ArgosTranslator(package_dir, **dict(options))


def load_translator(model: str | Path | None = None, **options: Any) -> ArgosTranslator:
    """The process-wide translator for ``model`` (see :func:`resolve_package`) and options.

    The same package and options give the same instance, so the model is loaded once per process
    however many documents, pages or threads ask for it.
    """
    package_dir = resolve_package(model).resolve()
    return _cached_translator(package_dir, tuple(sorted(options.items())))


__all__ = ["ArgosTranslator", "default_threads", "load_translator", "resolve_package"]
