"""Build a synthetic Argos ru→en package: real file formats, random weights.

Tests, parity checks and benchmarks need an Argos package that exercises the same code paths as a
real one (CTranslate2 Transformer, SentencePiece tokeniser, ``metadata.json``, a ``.argosmodel``
zip that ``argostranslate`` installs) without downloading hundreds of megabytes.  This module
writes one from seeded numpy weights, so builds are byte-identical for the same seed and text.

Random weights never emit ``</s>``: every sentence would decode to the 256-token limit, which
makes decoding cost (and so every benchmark) unrealistic.  The weights therefore carry a tiny
hand-wired circuit beside the random ones:

* a constant channel pair (+K, −K) in the position encodings keeps each LayerNorm's standard
  deviation almost constant, so the other control channels pass through LayerNorm linearly;
* a position channel pair (+a·p, −a·p) carries the token position in encoder and decoder
  (pairs keep the LayerNorm mean unchanged);
* one cross-attention head of the first decoder layer has zero queries, so it attends uniformly
  to the (unpadded) source and copies the *mean source position* into the decoder;
* the ``</s>`` row of the output projection reads ``target position − 0.9 × source length``,
  so decoding stops once the output is ≈ 0.9 × the source length (the en/ru SentencePiece token
  ratio), while ``<unk>``/``<s>`` get a bias of −100 and never appear.

The output is gibberish whose length follows the source, which is all plumbing and throughput
measurements need.  Run ``python -m workbench.testing.synthetic_model OUT_DIR [--size tiny|base]``.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGE_NAME = "translate-ru_en-synthetic"
ARGOSMODEL_NAME = f"{PACKAGE_NAME}.argosmodel"
#: Output length / source length in SentencePiece tokens (measured on flores for en/ru).
LENGTH_RATIO = 0.9
_MAX_POSITIONS = 1024
_REPO = Path(__file__).resolve().parents[2]
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Size:
    """Model dimensions of one preset."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab: int


SIZES: dict[str, Size] = {
    "tiny": Size(layers=2, d_model=64, heads=4, ffn=128, vocab=1000),
    "base": Size(layers=6, d_model=512, heads=8, ffn=2048, vocab=16000),
}

# A little text shipped with the code so a build works on a clean clone without any data files.
_RU_TEXT = """\
Министерство иностранных дел сделало официальное заявление о присоединении страны к соглашениям.
Документ опубликован в Telegram-канале внешнеполитического ведомства, сообщает агентство.
Решение принято исключительно в национальных интересах и соответствует принципам внешней политики.
Президент провёл переговоры с главами государств и обсудил вопросы торговли, энергетики и транспорта.
В 2025 году объём товарооборота вырос на 12,5 процента и превысил 3 млрд долларов.
По словам министра, правительство продолжит работу по укреплению сотрудничества со всеми странами.
Эксперты считают, что новые договорённости помогут развитию региона и привлечению инвестиций.
Пресс-служба сообщила, что встреча прошла в конструктивной атмосфере, т. е. без разногласий.
Учёные из университета опубликовали исследование о влиянии климата на сельское хозяйство.
Во вторник в столице прошла конференция, в которой приняли участие более ста делегатов.
"""

_EN_TEXT = """\
The Ministry of Foreign Affairs made an official statement on the country joining the accords.
The document was published on the Telegram channel of the foreign policy agency, the agency reports.
The decision was taken solely in the national interest and is consistent with its foreign policy.
The president held talks with heads of state and discussed trade, energy and transport.
In 2025 trade grew by 12.5 percent and exceeded 3 billion dollars.
According to the minister, the government will keep strengthening cooperation with all countries.
Experts believe the new agreements will help the region develop and attract investment.
The press service said the meeting was held in a constructive atmosphere, without disagreements.
Scientists from the university published a study on the effect of climate on agriculture.
On Tuesday a conference was held in the capital with more than a hundred delegates taking part.
"""


def _corpus(size: str) -> list[str]:
    """Training text for SentencePiece: built-in text, the seed article, and (for ``base``) the
    shared flores sentences when present, because a 16,000-piece vocabulary needs more text.

    SentencePiece caps the vocabulary at what the text supports (``hard_vocab_limit=False``):
    the built-in text and seed article give ≈ 550 pieces, so ``tiny`` and a ``base`` built
    without the shared data have a smaller vocabulary than their preset asks for."""
    lines = _RU_TEXT.splitlines() + _EN_TEXT.splitlines()
    for seed in sorted((_REPO / "seeds").glob("*.txt")):
        lines += seed.read_text(encoding="utf-8").splitlines()
    if size != "tiny":
        flores = _REPO.parent / "shared" / "data" / "flores200-devtest"
        for name in ("ru.txt", "en.txt"):
            if (flores / name).is_file():
                lines += (flores / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def _train_sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    """Train a real unigram SentencePiece model (one thread, so the result is deterministic)."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


class _Weights:
    """Seeded random weights plus the control circuit described in the module docstring."""

    # Control channels (the rest of the residual stream is random).
    C_POS, C_NEG = 0, 1  # constant pair ±K: keeps LayerNorm's std ≈ constant
    P_POS, P_NEG = 2, 3  # position pair ±a·p
    M_POS, M_NEG = 4, 5  # mean source position pair, written by the averaging head
    N_CONTROL = 6

    def __init__(self, size: Size, vocab: int, seed: int) -> None:
        self.size = size
        self.vocab = vocab
        self.rng = np.random.default_rng(seed)
        d = size.d_model
        self.K = 20.0 * np.sqrt(d)
        self.a = 0.1 * self.K / _MAX_POSITIONS  # a·p stays ≤ 0.1 K: std moves < 1 %
        self.sigma = self.K * np.sqrt(2.0 / d)  # LayerNorm std, dominated by the ±K pair
        self.unit = 0.1  # control value per position after a LayerNorm
        self.random = np.arange(self.N_CONTROL, d)

    def normal(self, *shape: int, scale: float) -> np.ndarray:
        return (self.rng.standard_normal(shape) * scale).astype(np.float32)

    def linear(self, out_dim: int, in_dim: int, gain: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        weight = self.normal(out_dim, in_dim, scale=gain / np.sqrt(in_dim))
        bias = self.normal(out_dim, scale=0.02)
        return weight, bias

    def embeddings(self) -> np.ndarray:
        d = self.size.d_model
        table = self.normal(self.vocab, d, scale=1.0 / np.sqrt(d))  # × sqrt(d) at run time
        table[:, : self.N_CONTROL] = 0.0
        return table

    def positions(self) -> np.ndarray:
        d = self.size.d_model
        n_random = d - self.N_CONTROL
        pos = np.arange(_MAX_POSITIONS, dtype=np.float64)[:, None]
        freqs = np.exp(-np.log(10000.0) * (np.arange(n_random) // 2 * 2) / n_random)[None, :]
        angles = pos * freqs
        table = np.zeros((_MAX_POSITIONS, d), dtype=np.float64)
        table[:, self.N_CONTROL :] = np.where(np.arange(n_random) % 2 == 0, np.sin(angles), np.cos(angles))
        table[:, self.C_POS], table[:, self.C_NEG] = self.K, -self.K
        table[:, self.P_POS], table[:, self.P_NEG] = self.a * pos[:, 0], -self.a * pos[:, 0]
        return table.astype(np.float32)

    def layer_norm(self, control_gain: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Sub-layer LayerNorm: random channels rescaled to O(1), control channels hidden
        (``control_gain`` 0) or passed on as ``unit`` per position."""
        d = self.size.d_model
        gamma = np.full(d, self.sigma, dtype=np.float32)
        gamma[: self.N_CONTROL] = 0.0
        if control_gain:
            gamma[[self.P_POS, self.P_NEG, self.M_POS, self.M_NEG]] = control_gain
        beta = np.zeros(d, dtype=np.float32)
        return gamma, beta

    def hide_control_outputs(self, weight: np.ndarray, bias: np.ndarray) -> None:
        """A sub-layer never writes into the control channels of the residual stream."""
        weight[: self.N_CONTROL] = 0.0
        bias[: self.N_CONTROL] = 0.0


def _fill_spec(size: Size, pieces: list[str], seed: int):
    """A CTranslate2 TransformerSpec with every variable set (see the module docstring)."""
    from ctranslate2.specs import transformer_spec

    d, heads, ffn, vocab = size.d_model, size.heads, size.ffn, len(pieces)
    head_dim = d // heads
    w = _Weights(size, vocab, seed)
    spec = transformer_spec.TransformerSpec.from_config((size.layers, size.layers), heads)
    control_gain = w.unit * w.sigma / w.a  # LayerNorm output = unit × position

    def fill_ffn(ffn_spec) -> None:
        ffn_spec.layer_norm.gamma, ffn_spec.layer_norm.beta = w.layer_norm()
        ffn_spec.linear_0.weight, ffn_spec.linear_0.bias = w.linear(ffn, d)
        ffn_spec.linear_1.weight, ffn_spec.linear_1.bias = w.linear(d, ffn, gain=0.5)
        w.hide_control_outputs(ffn_spec.linear_1.weight, ffn_spec.linear_1.bias)

    def fill_self_attention(attention) -> None:
        attention.layer_norm.gamma, attention.layer_norm.beta = w.layer_norm()
        attention.linear[0].weight, attention.linear[0].bias = w.linear(3 * d, d)
        attention.linear[1].weight, attention.linear[1].bias = w.linear(d, d, gain=0.5)
        w.hide_control_outputs(attention.linear[1].weight, attention.linear[1].bias)

    encoder = spec.encoder
    encoder.embeddings[0].weight = w.embeddings()
    encoder.position_encodings.encodings = w.positions()
    for layer in encoder.layer:
        fill_self_attention(layer.self_attention)
        fill_ffn(layer.ffn)
    # Encoder output: random channels O(1), position channel = unit × p (what the head averages).
    gamma, beta = w.layer_norm()
    gamma[[w.P_POS, w.P_NEG]] = control_gain
    encoder.layer_norm.gamma, encoder.layer_norm.beta = gamma, beta

    decoder = spec.decoder
    decoder.embeddings.weight = w.embeddings()
    decoder.position_encodings.encodings = w.positions()
    for index, layer in enumerate(decoder.layer):
        fill_self_attention(layer.self_attention)
        cross = layer.attention
        cross.layer_norm.gamma, cross.layer_norm.beta = w.layer_norm()
        cross.linear[0].weight, cross.linear[0].bias = w.linear(d, d)
        cross.linear[1].weight, cross.linear[1].bias = w.linear(2 * d, d)
        cross.linear[2].weight, cross.linear[2].bias = w.linear(d, d, gain=0.5)
        w.hide_control_outputs(cross.linear[2].weight, cross.linear[2].bias)
        if index == 0:
            # The last head averages the source: zero queries → uniform attention over the
            # unpadded source; its first value dimension reads the encoder's position channel.
            head = slice(d - head_dim, d)
            cross.linear[0].weight[head] = 0.0
            cross.linear[0].bias[head] = 0.0
            values = cross.linear[1].weight[d:]
            values_bias = cross.linear[1].bias[d:]
            values[head] = 0.0
            values_bias[head] = 0.0
            first = d - head_dim
            values[first, w.P_POS], values[first, w.P_NEG] = 0.5 / w.unit, -0.5 / w.unit
            out = cross.linear[2].weight
            out[:, head] = 0.0
            out[w.M_POS, first], out[w.M_NEG, first] = w.a, -w.a  # residual gets ±a·mean(p)
        fill_ffn(layer.ffn)

    gamma, beta = w.layer_norm(control_gain=control_gain)
    decoder.layer_norm.gamma, decoder.layer_norm.beta = gamma, beta
    projection, bias = w.linear(vocab, d, gain=2.0)
    projection[:, : w.N_CONTROL] = 0.0
    # </s> logit = G·(t − 2·ratio·mean(p) − ratio) = G·(t − ratio·S) for S source positions.
    eos, gain = 2, 8.0
    projection[eos] = 0.0
    projection[eos, w.P_POS], projection[eos, w.P_NEG] = gain / (2 * w.unit), -gain / (2 * w.unit)
    scale = 2 * LENGTH_RATIO * gain / (2 * w.unit)
    projection[eos, w.M_POS], projection[eos, w.M_NEG] = -scale, scale
    bias[eos] = -gain * LENGTH_RATIO + 2.0 * gain  # small head start over the random logits
    bias[0] = bias[1] = -100.0  # never emit <unk> or <s>
    decoder.projection.weight, decoder.projection.bias = projection, bias

    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def _metadata(size: str, seed: int) -> dict[str, object]:
    return {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "ru",
        "from_name": "Russian",
        "to_code": "en",
        # The name says what it is wherever a model name is shown (CLI list, the app's sidebar), so
        # its gibberish is never taken for a real machine translation.
        "to_name": "English (synthetic test model, meaningless output)",
        "type": "translate",
        "target_prefix": "",
        "description": f"Synthetic ru→en package ({size}, seed {seed}): random weights, for tests.",
    }


def _write_spacy(package_dir: Path) -> None:
    """A blank Russian spaCy pipeline so ``argostranslate`` (``ARGOS_CHUNK_TYPE=SPACY``) runs
    offline; skipped when spaCy is not installed (only the parity test needs it)."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dev dependency
        return
    spacy.blank("ru").to_disk(package_dir / "spacy")


def build_package(out_dir: str | Path, size: str = "tiny", seed: int = 0) -> Path:
    """Write the package directory ``OUT_DIR/translate-ru_en-synthetic`` and return it."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    preset = SIZES[size]
    package_dir = Path(out_dir) / PACKAGE_NAME
    if package_dir.exists():
        shutil.rmtree(package_dir)
    (package_dir / "model").mkdir(parents=True)

    sp_model = _train_sentencepiece(_corpus(size), preset.vocab)
    (package_dir / "sentencepiece.model").write_bytes(sp_model)
    spec = _fill_spec(preset, _pieces(sp_model), seed)
    spec.save(str(package_dir / "model"))
    (package_dir / "metadata.json").write_text(
        json.dumps(_metadata(size, seed), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (package_dir / "README.md").write_text(
        "Synthetic Argos package with random weights: valid formats, meaningless output.\n",
        encoding="utf-8",
    )
    _write_spacy(package_dir)
    return package_dir


def zip_package(package_dir: Path, archive: Path) -> Path:
    """Zip a package directory as a ``.argosmodel`` (one top-level directory, fixed timestamps
    and order so the archive is reproducible)."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                name = f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    return archive


def build_argosmodel(out_dir: str | Path, size: str = "tiny", seed: int = 0) -> Path:
    """Build the package and return ``OUT_DIR/translate-ru_en-synthetic.argosmodel``."""
    out = Path(out_dir)
    package_dir = build_package(out, size=size, seed=seed)
    return zip_package(package_dir, out / ARGOSMODEL_NAME)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    archive = build_argosmodel(args.out_dir, size=args.size, seed=args.seed)
    print(f"package: {archive.with_suffix('').parent / PACKAGE_NAME}")
    print(f"archive: {archive}")


if __name__ == "__main__":
    main()
