"""Test support shipped with the package: the synthetic Argos model builder.

It lives inside ``workbench`` (not ``tests/``) so benchmarks, CI and other projects' tests can
build the same package with ``python -m workbench.testing.synthetic_model``.
"""
