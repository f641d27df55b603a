#!/usr/bin/env bash
# Set up callsim on a fresh machine: a virtual environment in .venv with the app and
# its test tools. Re-running is safe and quick. Needs Python 3.11+.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,llm]'
echo "callsim is installed: run .venv/bin/callsim (or activate with: source .venv/bin/activate)"
