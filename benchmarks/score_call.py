"""Time to score a 60-turn call (all scorers, the whole scorecard).

Baseline, run in the same process: parsing the same transcript from JSON, which any
scoring has to do first. Also times annotating a bare hand-written transcript (what
`callsim score` adds for imported calls).

    .venv/bin/python benchmarks/score_call.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine, median_seconds

from scoring import score_call
from simulator.annotate import annotate
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import VirtualClock
from simulator.session import Session
from simulator.transcript import Transcript

LINES = [
    "I'm sorry to hear that, let me have a look.",
    "Could you tell me the phone number on the order?",
    "I understand, that's really frustrating.",
    "Let me check what happened with the driver.",
    "Okay, I can see the order here.",
]


def sixty_turn_call() -> Transcript:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    scenario = scenario.model_copy(update={"persona": scenario.persona.model_copy(
        update={"patience": 20, "anger": 40})})
    clock = VirtualClock()
    session = Session(scenario, clock=clock, seed=3)
    session.start()
    i = 0
    while len(session.transcript.events) < 58 and not session.ended:
        clock.advance(4)
        if i % 6 == 5:
            session.act("add_item", sku="SD-GAR", qty=1)
        else:
            session.say(LINES[i % len(LINES)])
        i += 1
    return session.end()


def main() -> None:
    transcript = sixty_turn_call()
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    raw = transcript.to_json()
    bare = json.dumps({"scenario_id": scenario.id, "events": [
        {"speaker": e.speaker, "kind": e.kind, "text": e.text, "action": e.action, "args": e.args}
        for e in transcript.events]})
    t_parse = median_seconds(lambda: Transcript.model_validate_json(raw), number=20)
    t_score = median_seconds(lambda: score_call(transcript, scenario), number=5)
    t_import = median_seconds(
        lambda: score_call(annotate(Transcript.from_data(json.loads(bare)), scenario), scenario),
        number=3,
    )
    result = {
        "machine": machine(),
        "turns": len(transcript.events),
        "parse_ms": round(t_parse * 1e3, 3),
        "score_ms": round(t_score * 1e3, 2),
        "annotate_and_score_bare_ms": round(t_import * 1e3, 2),
        "score_ratio_vs_parse": round(t_score / t_parse, 1),
    }
    print(json.dumps(result, indent=2))
    print(f"score_60_turns median_ms={result['score_ms']} turns={result['turns']}")


if __name__ == "__main__":
    main()
