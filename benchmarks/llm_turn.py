"""Time per customer turn with the LLM brain on a local server, against the scripted brain.

Starts llama.cpp's server with the shipped Gemma 3 270M GGUF (or uses OPENAI_BASE_URL
and CALLSIM_LLM_MODEL when set), plays the same calls through Session with each brain
and times every customer line: time to the first streamed sentence (what the trainee
waits for before the customer starts talking) and to the whole line. The scripted
brain, timed in the same process on the same turns, is the baseline.

    .venv/bin/python benchmarks/llm_turn.py [--calls 3]

Last line: llm_turn first_sentence_p50_ms=<n> full_p50_ms=<n> scripted_p50_ms=<n>
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

from simulator.customer import ScriptedBrain
from simulator.customer.turn import CustomerTurn
from simulator.llm import LLMBrain, LLMConfig
from simulator.llm.local_server import LocalServer
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.session import Session

LINES = [
    "Hello, Pizza Planet, this is Sam. I'm so sorry about the wait.",
    "Could I have your phone number, please?",
    "And what's your order number?",
    "I can send the order again right now and give you a 20% voucher.",
    "I completely understand, and I'll personally make sure it gets to you.",
    "Let me read that back: two large pepperoni pizzas to 12 Oak Street, is that right?",
    "Thank you, it will be there in 25 minutes. Goodbye!",
]


class Timed:
    """Wraps a brain; records (first chunk s, whole line s, fell back) per customer line."""

    def __init__(self, brain: Any) -> None:
        self.brain = brain
        self.name = brain.name
        self.rows: list[tuple[float, float, bool]] = []
        self.reasons: Counter[str] = Counter()

    def reply(self, state: Any, utterance: Any, plan: Any) -> CustomerTurn:
        t0 = time.perf_counter()
        if hasattr(self.brain, "reply_stream"):
            first = None
            stream = self.brain.reply_stream(state, utterance, plan)
            for _ in stream:
                first = first if first is not None else time.perf_counter() - t0
            turn = stream.turn
        else:
            turn = self.brain.reply(state, utterance, plan)
            first = None
        full = time.perf_counter() - t0
        fell = any(m.startswith("fallback:") for m in turn.marks)
        self.reasons.update(m.split(":", 1)[1] for m in turn.marks if m.startswith("fallback:"))
        self.rows.append((first if first is not None else full, full, fell))
        return turn


def play(brain: Timed, seed: int) -> None:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    session = Session(scenario, brain=brain, seed=seed)  # type: ignore[arg-type]
    session.start()
    for line in LINES:
        if session.ended:
            break
        session.say(line)


def ms(values: list[float]) -> int:
    return round(statistics.median(values) * 1000) if values else -1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=90.0,
                        help="per-turn budget, s (generous: measure the model, not the guard)")
    args = parser.parse_args()
    server = None
    if os.environ.get("OPENAI_BASE_URL"):
        config = LLMConfig(base_url=os.environ["OPENAI_BASE_URL"],
                           model=os.environ.get("CALLSIM_LLM_MODEL", "gemma-3-270m"),
                           api_key=os.environ.get("OPENAI_API_KEY"), timeout_s=args.timeout,
                           retries=0)
        where = config.base_url
    else:
        server = LocalServer().start(ready_timeout_s=300)
        config = server.config(timeout_s=args.timeout)
        where = f"llama.cpp server, Gemma 3 270M Q4_K_M, {server.threads} threads"
    try:
        llm = Timed(LLMBrain(config=config, seed=0))  # LocalServer.start() already warmed up
        for seed in range(args.calls):
            llm.brain = LLMBrain(config=config, seed=seed)
            play(llm, seed)
    finally:
        if server is not None:
            server.stop()
    scripted = Timed(ScriptedBrain(0))
    for _ in range(20):
        for seed in range(args.calls):
            scripted.brain = ScriptedBrain(seed)
            play(scripted, seed)
    firsts = [r[0] for r in llm.rows]
    fulls = [r[1] for r in llm.rows]
    kept = [r for r in llm.rows if not r[2]]
    print(f"machine: {machine()}")
    print(f"endpoint: {where}")
    print(f"customer lines: {len(llm.rows)} LLM ({len(llm.rows) - len(kept)} fell back to "
          f"scripted: {dict(llm.reasons)}), {len(scripted.rows)} scripted")
    print(f"LLM first sentence p50 {ms(firsts)} ms (p90 "
          f"{round(statistics.quantiles(firsts, n=10)[-1] * 1000)} ms), whole line p50 "
          f"{ms(fulls)} ms")
    print(f"LLM lines the engine kept: first sentence p50 {ms([r[0] for r in kept])} ms, "
          f"whole line p50 {ms([r[1] for r in kept])} ms")
    print(f"scripted brain p50 {statistics.median(r[1] for r in scripted.rows) * 1e6:.0f} µs")
    scripted_ms = statistics.median(r[1] for r in scripted.rows) * 1000
    print(f"llm_turn first_sentence_p50_ms={ms(firsts)} full_p50_ms={ms(fulls)} "
          f"scripted_p50_ms={scripted_ms:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
