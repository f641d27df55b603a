"""A candidate's report as PDF, printed by headless Chromium from the same HTML page.

One source of truth: the PDF is the HTML report (`simulator.hiring.html`) printed, so
the numbers, overrides and evidence a manager files are the ones on screen. Chromium
rather than a Python PDF library: the HTML already renders correctly there (the report
tests check it in Chromium), and no second layout engine has to agree with it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfError(RuntimeError):
    """No browser, or it failed: the message says what to do."""


def find_browser() -> str | None:
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    return None


def html_to_pdf(html: str, out: Path, *, browser: str | None = None, timeout_s: float = 120) -> Path:
    """Write `html` as a PDF at `out` (A4, backgrounds printed, no header or footer)."""
    exe = browser or find_browser()
    if exe is None:
        raise PdfError("no Chromium or Chrome found for the PDF (scripts/browser_setup.sh installs it)")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="callsim-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--disable-extensions", f"--user-data-dir={tmp}/profile",
               "--no-pdf-header-footer", f"--print-to-pdf={out.resolve()}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(f"Chromium could not print the PDF: {exc}") from exc
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        last = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise PdfError(f"Chromium could not print the PDF: {last[0][:200]}")
    return out
