"""Glue between formats, segmentation, memory, engine, glossary, QA and the store.

Both shells (CLI and Streamlit) call these functions instead of wiring modules themselves.
(Filled in as the modules land; signatures are the contract the shells code against.)
"""
