#!/usr/bin/env bash
# Install a headless Chromium for the HTML report test (tests/test_reports_html.py) if it
# is missing. Debian/Ubuntu: the distribution's `chromium` package; macOS: use an
# installed Chrome or Chromium (the test finds `chromium`, `chromium-browser` or
# `google-chrome` on PATH). Safe to run again.
set -euo pipefail
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "browser: $(command -v "$name")"
    exit 0
  fi
done
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
  echo "browser: $(command -v chromium)"
else
  echo "No Chromium found and no apt-get: install Chromium or Chrome, then re-run." >&2
  exit 1
fi
