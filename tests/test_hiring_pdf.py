"""The candidate PDF: the HTML report printed by headless Chromium, checked by rendering
its first page to PNG (poppler's pdftoppm) and looking at the pixels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.hiring.models import Plan
from simulator.hiring.runner import CandidateScript, run_candidate
from simulator.hiring.store import HiringStore
from simulator.store import Store


def need(tool: str) -> str:
    from simulator.hiring.pdf import find_browser

    path = find_browser() if tool == "chromium" else shutil.which(tool)
    if path:
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"no {tool}: run scripts/browser_setup.sh (CI must check the PDF)")
    pytest.skip(f"no {tool} here (scripts/browser_setup.sh installs it)")


def test_candidate_pdf_renders_with_its_figures(tmp_path: Path) -> None:
    need("chromium")
    pdftoppm = need("pdftoppm")
    from PIL import Image

    db = f"sqlite:///{tmp_path / 'pdf.db'}"
    store = Store(db)
    plan = Plan.model_validate({"id": "pdf-plan", "title": "PDF plan", "keyboard": {
        "typing": {"passage": "customer-notes", "seconds": 30, "pass_wpm": 20}}})
    run_candidate(plan, "C-55", CandidateScript.model_validate(
        {"typing": {"text": "Customer called about order A-7731, which was fifty", "cps": 4}}), store)
    HiringStore(store).override(1, "typing", 44, by="Lee", reason="re-timed by hand")
    plan_file = tmp_path / "pdf-plan.yaml"
    plan_file.write_text(plan.model_dump_json(), encoding="utf-8")
    out = tmp_path / "c-55.pdf"
    exe = Path(sys.executable).with_name("callsim")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]
    done = subprocess.run([*cmd, "report", "candidate", "--plan", str(plan_file), "--candidate", "c-55",
                           "--format", "pdf", "--out", str(out), "--db", db],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, timeout=120)
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    assert height > width  # a portrait page
    dark = sum(image.histogram()[:128])
    assert 0.002 < dark / (width * height) < 0.5  # text on the page, not blank, not a black box
    # the text is the report's: the PDF carries the candidate, the override and its note
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # table cells wrap
    assert "C-55" in text and "re-timed by hand" in text and "Time per part" in text
