"""The Streamlit web app: one module per page plus shared state and components.

Pages only parse input and call the library (:mod:`workbench.pipeline`, the store, the glossary,
the evaluation module); they never translate, check or store things their own way, so the app and
the CLI always agree.  Session state holds ids and UI choices only, never whole documents: every
rerun reads fresh data from the store, which is what lets two tabs notice each other's edits.
"""
