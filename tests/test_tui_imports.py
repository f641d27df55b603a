"""The engine and the scorers must never need the UI (harlequin's rule).

A fresh interpreter imports every module of `simulator` and `scoring` and then checks
that textual was not pulled in along the way: the CLI, scripted runs, batch scoring and
any future server have to work on a machine without textual installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
from simulator.speech.types import SpeechUnavailable
imported, optional = [], []
for package in ("simulator", "scoring"):
    root = importlib.import_module(package)
    imported.append(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        try:
            importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # an optional extra (speech, llm) not installed
            if (exc.name or "").split(".")[0] in ("simulator", "scoring"):
                raise
            optional.append(info.name)
            continue
        except SpeechUnavailable:  # the voice extra's guarded import said what to install
            optional.append(info.name)
            continue
        imported.append(info.name)
ui = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(json.dumps({"imported": imported, "optional": optional, "ui": ui,
                  "tui": "tui" in sys.modules}))
"""


def test_engine_and_scoring_import_without_textual() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "simulator.session" in result["imported"] and "scoring" in result["imported"]
    assert result["ui"] == [], f"textual imported by the engine: {result['ui']}"
    assert not result["tui"]


def test_the_app_module_is_importable_and_exposes_its_entry_points() -> None:
    import tui

    assert callable(tui.make_app) and callable(tui.run)
