"""Start-up: how long each `callsim` command takes to print its first line.

A trainer who types a command and sees nothing for seconds thinks it hung; the goal is
a first line (stdout or stderr) within 1.5 s on a small machine. Each run is a fresh
interpreter, timed from spawning it to the first byte on either pipe; the median of
`--runs` runs is reported with the time to exit. The app's first frame is measured by
benchmarks/tui_cold_start.py.

    .venv/bin/python benchmarks/cli_first_output.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 1.5


def commands(tmp: Path) -> dict[str, tuple[list[str], str | None]]:
    """name -> (arguments, stdin)."""
    run = str(ROOT / "scenarios" / "runs" / "late-delivery-angry.pass.yaml")
    db = f"sqlite:///{tmp / 'bench.db'}"
    return {
        "--help": (["--help"], None),
        "list": (["list"], None),
        "validate": (["validate"], None),
        "history": (["history", "--db", db], None),
        "play --script": (["play", "late-delivery-angry", "--script", run, "--db", db], None),
        "analyze techniques": (["analyze", "techniques", "--input", "-"],
                               '{"id": 1, "text": "Hello, this is Amy."}\n'),
    }


def first_output(args: list[str], stdin: str | None) -> tuple[float, float]:
    """(seconds to the first byte on stdout or stderr, seconds to exit)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "simulator.cli", *args], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin.encode())
    assert proc.stdin is not None
    proc.stdin.close()
    sel = selectors.DefaultSelector()
    for pipe in (proc.stdout, proc.stderr):
        assert pipe is not None
        sel.register(pipe, selectors.EVENT_READ)
    first = None
    open_pipes = 2
    while open_pipes:
        for key, _ in sel.select():
            chunk = os.read(key.fileobj.fileno(), 65536)  # type: ignore[union-attr]
            if not chunk:
                sel.unregister(key.fileobj)
                open_pipes -= 1
            elif first is None:
                first = time.perf_counter() - start
    proc.wait()
    total = time.perf_counter() - start
    return (first if first is not None else total), total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (argv, stdin) in commands(Path(tmp)).items():
            firsts, totals = zip(*(first_output(argv, stdin) for _ in range(args.runs)),
                                 strict=True)
            rows.append({"command": name, "first_output_s": round(statistics.median(firsts), 2),
                         "exit_s": round(statistics.median(totals), 2),
                         "ok": statistics.median(firsts) <= GOAL_S})
    if args.json:
        print(json.dumps({"machine": machine(), "goal_s": GOAL_S, "rows": rows}))
        return
    print(f"{machine()}; median of {args.runs} runs; goal: first output within {GOAL_S} s")
    for r in rows:
        mark = "ok" if r["ok"] else "SLOW"
        print(f"  {r['command']:<20} first output {r['first_output_s']:>5.2f} s   "
              f"exit {r['exit_s']:>5.2f} s   {mark}")


if __name__ == "__main__":
    main()
