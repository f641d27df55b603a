"""Understanding throughput: operator utterances analysed per second.

Baseline, run in the same process: normalising the same utterances (lowercase, split),
the least any analyser must do. The ratio shows what the real analysis costs on top.

    .venv/bin/python benchmarks/understanding_throughput.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine, median_seconds

from simulator.loading import LIBRARY_DIR, load_catalog, load_scenario, scenario_catalog
from simulator.session import understanding_context
from simulator.understanding import analyze

UTTERANCES = [
    "Hello, thank you for calling Pizza Planet, my name is Sam, how can I help you today?",
    "I'm so sorry about that, I completely understand how frustrating it must be.",
    "Could I have the phone number on the account, please?",
    "Let me read that back: two large pepperoni pizzas to 12 Oak Street between 7:30 and 8.",
    "Would you like to add some garlic bread or a tiramisu for dessert tonight?",
    "I can send a replacement right away and give you a twenty percent voucher.",
    "calm down, there's nothing I can do about the traffic",
    "So what you're saying is the router keeps dropping the connection every evening?",
    "Is there anything else I can help you with? Have a lovely evening, goodbye.",
    "Let me put you on hold for a moment while I check with my supervisor.",
]


def main() -> None:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    ctx = understanding_context(scenario, scenario_catalog(scenario, load_catalog()))
    n = len(UTTERANCES)

    def baseline() -> None:
        for u in UTTERANCES:
            u.lower().split()

    def bare() -> None:
        for u in UTTERANCES:
            analyze(u)

    def with_context() -> None:
        for u in UTTERANCES:
            analyze(u, ctx)

    base = median_seconds(baseline, number=200) / n
    t_bare = median_seconds(bare, number=20) / n
    t_ctx = median_seconds(with_context, number=20) / n
    result = {
        "machine": machine(),
        "baseline_us": round(base * 1e6, 2),
        "analyze_no_context_per_s": round(1 / t_bare),
        "analyze_with_scenario_context_per_s": round(1 / t_ctx),
        "ratio_vs_baseline_no_context": round(t_bare / base, 1),
        "ratio_vs_baseline_with_context": round(t_ctx / base, 1),
    }
    print(json.dumps(result, indent=2))
    print(f"understanding utterances_per_s={result['analyze_with_scenario_context_per_s']} "
          f"no_context_per_s={result['analyze_no_context_per_s']}")


if __name__ == "__main__":
    main()
