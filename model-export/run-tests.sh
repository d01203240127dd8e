#!/usr/bin/env bash
# Creates model-export/.venv from requirements.txt, every transitive package held to constraints.txt, when
# needed, then runs the Python tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
cat requirements.txt constraints.txt > .venv.wanted 2>/dev/null || true
if [ ! -x .venv/bin/python ] || ! cmp -s .venv.wanted .venv/requirements.installed; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
  mv .venv.wanted .venv/requirements.installed
fi
rm -f .venv.wanted
exec .venv/bin/python -m pytest -q tests "$@"
