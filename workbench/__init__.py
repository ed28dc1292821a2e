"""workbench — an offline Russian→English translation workbench.

The package is one library (document model, segmentation, engine, glossary, memory, QA, store,
formats, evaluation, pipeline) with two thin shells on top: the Typer CLI (``workbench.cli``) and
the Streamlit app (``workbench.ui`` / ``app.py``).  Importing ``workbench`` is cheap on purpose:
heavy dependencies (ctranslate2, argostranslate, torch, streamlit) are imported only where used.
"""

__version__ = "0.1.0"
