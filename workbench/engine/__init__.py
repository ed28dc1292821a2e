"""Translation engines: the :class:`Translator` protocol, the Argos/CTranslate2 implementation,
its on-disk cache and a scripted translator for tests."""

from workbench.engine.base import EngineError, Hypothesis, Translator

__all__ = ["EngineError", "Hypothesis", "Translator"]
