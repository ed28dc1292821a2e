#!/usr/bin/env bash
# Install workbench into ./.venv on a fresh machine (idempotent).
#
# torch is pinned and installed first: argostranslate depends on it through stanza, and an
# unpinned resolve pulls multi-GB CUDA wheels; 2.13.0 resolves to the CPU build here.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[dev]"

# Chromium for the real-browser tests (Debian package; Playwright's own download is not used).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium not found; browser tests will be skipped (Debian: sudo apt-get install chromium)" >&2
  fi
fi
echo "workbench installed in .venv"
