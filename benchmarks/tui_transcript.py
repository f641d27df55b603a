"""Does the call screen stay responsive as the transcript grows to 200 lines?

Runs the app headless, takes a real call through the UI's own path (the say box's
engine queue, the store, the scripted customer) until the transcript holds 200 lines,
and at line 10 and at line 200 measures, median of N samples each:

- render: appending one transcript line and painting the next frame (UI cost only);
- round trip: one operator line sent from the say box until the customer's reply is
  on screen (engine thread + store + UI).

Both are wall milliseconds up to and including painting the frame synchronously with
`Screen._on_timer_update()` (the hook Textual's own Pilot calls to paint), so the test
pilot's idle detection, which sleeps in fixed steps, is not part of the figure. The
figure that matters is the ratio
200 vs 10: near 1.0 means the transcript does not slow down as the call gets long.
Line 60 is also sampled: on a tall terminal line 10 still fits without scrolling, so
60 vs 200 separates "the log now scrolls" from "the log is long".

    .venv/bin/python benchmarks/tui_transcript.py [--samples 25] [--size 80x24]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _timing import machine

import tui
from simulator.script import VirtualClock
from simulator.store import Store
from simulator.transcript import Event

SCENARIO = "late-delivery-angry"
LINES = [
    "I understand, let me check that for you.",
    "I'm sorry about the wait, I'm looking at the order now.",
    "I can see why that's frustrating, one moment please.",
]


async def measure(samples: int, size: tuple[int, int]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        clock = VirtualClock()
        app = tui.make_app(store=Store(f"sqlite:///{tmp}/bench.db"), config_dir=Path(tmp),
                           seed=0, clock=clock, trainee="bench")
        async with app.run_test(size=size) as pilot:
            while not app.library.mtimes:  # the library loads after the first frame
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            scenario = app.library.get(SCENARIO).scenario
            # a patient customer, so the call can run to 200 lines without a hang-up
            scenario = scenario.model_copy(update={"persona": scenario.persona.model_copy(
                update={"patience": 20})})
            screen = tui.CallScreen(scenario)
            await app.push_screen(screen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            log = screen.query_one("#transcript", tui.TranscriptLog)
            turn = 0

            async def round_trip() -> float:
                nonlocal turn
                clock.advance(4)
                start = time.perf_counter()
                screen.send_line(LINES[turn % len(LINES)])
                turn += 1
                await app.workers.wait_for_complete()  # the reply is appended by now
                screen._on_timer_update()
                took = time.perf_counter() - start
                await pilot.pause()
                return took

            async def render() -> float:
                ev = Event(turn=len(log.entries) + 1, t=clock(), speaker="customer",
                           text="I don't want excuses, I want my dinner. Where is it?")
                start = time.perf_counter()
                screen.append_events([ev])
                screen._on_timer_update()
                took = time.perf_counter() - start
                await pilot.pause()
                return took

            async def sample_at(lines: int) -> tuple[list[float], list[float]]:
                while len(log.entries) < lines - 2:
                    await round_trip()
                trips = [await round_trip() for _ in range(samples)]
                renders = [await render() for _ in range(samples)]
                return trips, renders

            trips10, renders10 = await sample_at(10)
            # the samples above added lines; fill on through the real path
            trips50, renders50 = await sample_at(60)
            trips200, renders200 = await sample_at(200)
            assert not screen.call_view.ended, "the call ended early; raise patience"
            total = len(log.entries)

    def ms(values: list[float]) -> float:
        return round(statistics.median(values) * 1e3, 2)

    return {
        "lines_at_end": total,
        "render_ms_at_10": ms(renders10), "render_ms_at_60": ms(renders50),
        "render_ms_at_200": ms(renders200),
        "round_trip_ms_at_10": ms(trips10), "round_trip_ms_at_60": ms(trips50),
        "round_trip_ms_at_200": ms(trips200),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=25)
    parser.add_argument("--size", default="80x24", help="terminal size, e.g. 200x50")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    result = asyncio.run(measure(args.samples, (width, height)))
    result["render_ratio"] = round(
        result["render_ms_at_200"] / result["render_ms_at_10"], 2)
    result["round_trip_ratio"] = round(
        result["round_trip_ms_at_200"] / result["round_trip_ms_at_10"], 2)
    print(json.dumps({"machine": machine(), "size": args.size, "samples": args.samples,
                      **result}, indent=2))
    print("tui_transcript " + " ".join(f"{k}={result[k]}" for k in (
        "render_ms_at_10", "render_ms_at_200", "render_ratio",
        "round_trip_ms_at_10", "round_trip_ms_at_200", "round_trip_ratio")))


if __name__ == "__main__":
    main()
