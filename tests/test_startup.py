"""Start-up stays light (item 19): the app's first frame and `callsim --help` must not
wait for the scenario models, the database or the engine. Timings live in
benchmarks/cli_first_output.py and benchmarks/tui_cold_start.py; this checks what is
imported, which is what the timings depend on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "sqlalchemy", "simulator.loading", "simulator.session", "scoring")

PROBE = """
import json, sys
import tui
app = tui.make_app(store_url="sqlite:///{tmp}/s.db", config_dir="{tmp}")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy}
                        or m in {heavy})))
"""


def test_building_the_app_imports_nothing_heavy(tmp_path: Path) -> None:
    code = PROBE.format(tmp=tmp_path, heavy=repr(set(HEAVY)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
