"""Cold start: from launching a fresh Python process to the app's first screen.

Each run is a new interpreter (nothing imported or cached in memory beyond what the OS
keeps) that builds the app as `callsim` does, runs it headless at 80x24 and records the
wall-clock moment the home screen's first frame has been painted (a `call_after_refresh`
from the home screen's mount); the parent subtracts the moment it spawned the process.
Also reported: the whole process (start, first frame, exit). A baseline run times a
bare interpreter that only imports textual, the floor any Textual app starts from.

    .venv/bin/python benchmarks/tui_cold_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
import tui

mount = tui.HomeScreen.on_mount

def on_mount(self):
    mount(self)

    def painted():
        print("painted", time.time(), flush=True)
        self.app.exit()

    self.call_after_refresh(painted)

tui.HomeScreen.on_mount = on_mount
app = tui.make_app(store_url="sqlite:///{tmp}/cold.db", config_dir={tmp!r}, trainee="bench")
app.run(headless=True, size=(80, 24))
"""
BASELINE = """
import time
import textual.app
print("painted", time.time(), flush=True)
"""


def one_run(tmp: str, template: str = CHILD) -> tuple[float, float]:
    code = template.format(root=str(ROOT), tmp=tmp)
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    end = time.time()
    painted = next(float(line.split()[1]) for line in out.stdout.splitlines()
                   if line.startswith("painted"))
    return painted - start, end - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one_run(tmp)  # warm the OS file cache and .pyc files, as any second launch would be
        runs = [one_run(tmp) for _ in range(args.runs)]
        floor = [one_run(tmp, BASELINE)[0] * 1e3 for _ in range(args.runs)]
    first = [r[0] * 1e3 for r in runs]
    whole = [r[1] * 1e3 for r in runs]
    result = {
        "machine": machine(), "runs": args.runs,
        "first_screen_median_ms": round(statistics.median(first)),
        "first_screen_min_ms": round(min(first)), "first_screen_max_ms": round(max(first)),
        "process_median_ms": round(statistics.median(whole)),
        "baseline_import_textual_median_ms": round(statistics.median(floor)),
    }
    print(json.dumps(result, indent=2))
    print(f"tui_cold_start first_screen_median_ms={result['first_screen_median_ms']} "
          f"process_median_ms={result['process_median_ms']} "
          f"baseline_import_textual_median_ms={result['baseline_import_textual_median_ms']} "
          f"runs={args.runs}")


if __name__ == "__main__":
    main()
