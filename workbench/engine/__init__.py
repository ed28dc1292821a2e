"""Translation engines: the :class:`Translator` protocol, the Argos/CTranslate2 implementation,
its on-disk cache and a scripted translator for tests.

Importing this package is cheap: ctranslate2, sentencepiece and argostranslate are imported only
when a model is loaded or a package is installed.
"""

from workbench.engine.argos import ArgosTranslator, load_translator, resolve_package
from workbench.engine.base import EngineError, Hypothesis, Translator
from workbench.engine.cache import CachedTranslator
from workbench.engine.packages import (
    InvalidPackageError,
    ModelNotFoundError,
    OfflineError,
    PackageInfo,
    UnknownPackageError,
)

__all__ = [
    "ArgosTranslator",
    "CachedTranslator",
    "EngineError",
    "Hypothesis",
    "InvalidPackageError",
    "ModelNotFoundError",
    "OfflineError",
    "PackageInfo",
    "Translator",
    "UnknownPackageError",
    "load_translator",
    "resolve_package",
]
