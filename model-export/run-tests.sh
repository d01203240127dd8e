#!/usr/bin/env bash
# Creates model-export/.venv from requirements.txt when needed, then runs the Python tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.txt .venv/requirements.installed; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/requirements.installed
fi
exec .venv/bin/python -m pytest -q tests "$@"
