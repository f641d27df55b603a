#!/usr/bin/env bash
# Install what the browser tests need, if it is missing: a headless Chromium (the HTML
# report test and the candidate PDF), poppler's pdftoppm (renders that PDF to PNG to check
# it) and chromedriver (the `callsim serve` browser test drives Chromium through it).
# Debian/Ubuntu: the distribution's `chromium`, `poppler-utils` and `chromium-driver`
# packages; macOS: an installed Chrome or Chromium (found as `chromium`,
# `chromium-browser` or `google-chrome` on PATH) and `brew install poppler`. Safe to run again.
set -euo pipefail
have_browser() {
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}
want=()
have_browser || want+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
command -v chromedriver >/dev/null 2>&1 || want+=(chromium-driver)
if [ "${#want[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}"
  else
    echo "Missing: ${want[*]}; no apt-get: install them by hand, then re-run." >&2
    exit 1
  fi
fi
for tool in chromium pdftoppm chromedriver; do
  echo "$tool: $(command -v "$tool" || echo 'not found')"
done
