"""Agreement of the understanding model with human labels it never saw.

    .venv/bin/python benchmarks/understanding_agreement.py [--limit N] [--json out.json]

Two checks, each beside the phrase tables' figure on the same rows (the baseline):

* the held-back split of the project's corpus (data/understanding/corpus/test.jsonl,
  written separately from the training part, in other domains and situations):
  per-technique precision, recall and F1;
* MultiWOZ's validation agent turns (../shared/data/multiwoz-val, human dialogue-act
  labels, MIT; a development check, never training data): for each act, the share of
  turns carrying it whose reading contains the technique the act maps to (recall of
  the mapped technique), and for the whole set, the precision of each mapped technique
  (of the turns read as it, how many carry an act that maps to it).

The mapping from acts to techniques is stated once, in ACT_TO_TECHNIQUE.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.understanding import Context, analyze  # noqa: E402
from simulator.understanding.engine import analyze_rules  # noqa: E402

MULTIWOZ = ROOT.parent / "shared" / "data" / "multiwoz-val" / "agent-turns.jsonl"
TEST = ROOT / "data" / "understanding" / "corpus" / "test.jsonl"

# MultiWOZ act -> the technique a call-centre trainer would call it. `welcome` ("you're
# welcome") has no technique of its own; `greet` is left out because its annotators put
# it on closing lines too (see the data's NOTICE).
ACT_TO_TECHNIQUE: dict[str, str] = {
    "Inform": "inform",
    "NoOffer": "inform",
    "NoBook": "inform",
    "Request": "probe_question",
    "Select": "probe_question",
    "reqmore": "probe_question",
    "Recommend": "offer_solution",
    "OfferBook": "offer_solution",
    "Book": "read_back",
    "OfferBooked": "read_back",
    "bye": "close",
}


def _read(path: Path, limit: int | None) -> list[dict[str, object]]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return rows[:limit] if limit else rows


def multiwoz(rows: list[dict[str, object]], reader: object) -> dict[str, object]:
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    for row in rows:
        ctx = Context(previous_customer_line=str(row.get("customer_before") or ""))
        got = set(reader(str(row["text"]), ctx).techniques)  # type: ignore[operator]
        acts = set(row["acts"])  # type: ignore[arg-type]
        mapped = {ACT_TO_TECHNIQUE[a] for a in acts if a in ACT_TO_TECHNIQUE}
        for act in acts:
            if act in ACT_TO_TECHNIQUE:
                total[act] += 1
                hit[act] += ACT_TO_TECHNIQUE[act] in got
        for tech in set(ACT_TO_TECHNIQUE.values()):
            if tech in got:
                pred_n[tech] += 1
                pred_ok[tech] += tech in mapped
    recall = {a: round(hit[a] / total[a], 3) for a in ACT_TO_TECHNIQUE if total[a]}
    precision = {t: round(pred_ok[t] / pred_n[t], 3) if pred_n[t] else 0.0
                 for t in sorted(set(ACT_TO_TECHNIQUE.values()))}
    f1 = {}
    for tech in precision:
        acts = [a for a, t in ACT_TO_TECHNIQUE.items() if t == tech and total[a]]
        n = sum(total[a] for a in acts)
        r = sum(hit[a] for a in acts) / n if n else 0.0
        p = precision[tech]
        f1[tech] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return {"act_recall": recall, "technique_precision": precision, "technique_f1": f1,
            "macro_f1": round(sum(f1.values()) / len(f1), 3), "turns": len(rows)}


def held_back(rows: list[dict[str, object]], reader: object) -> dict[str, object]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for row in rows:
        ctx = Context(previous_customer_line=str(row.get("customer_before") or ""))
        got = set(reader(str(row["text"]), ctx).techniques)  # type: ignore[operator]
        gold = set(row["techniques"])  # type: ignore[arg-type]
        for t in got & gold:
            tp[t] += 1
        for t in got - gold:
            fp[t] += 1
        for t in gold - got:
            fn[t] += 1
    per = {}
    for t in sorted(set(tp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        per[t] = {"precision": round(p, 3), "recall": round(r, 3),
                  "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "support": tp[t] + fn[t]}
    macro = round(sum(v["f1"] for v in per.values()) / len(per), 3) if per else 0.0
    return {"per_technique": per, "macro_f1": macro, "rows": len(rows)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    out: dict[str, object] = {}
    if TEST.exists():
        rows = _read(TEST, args.limit)
        out["held_back"] = {"model": held_back(rows, analyze), "rules": held_back(rows, analyze_rules)}
        m, r = out["held_back"]["model"], out["held_back"]["rules"]  # type: ignore[index]
        print(f"held-back split ({m['rows']} rows): macro-F1 model {m['macro_f1']}, "
              f"phrase tables {r['macro_f1']}")
        for t, v in m["per_technique"].items():
            b = r["per_technique"].get(t, {}).get("f1", 0.0)
            print(f"  {t:16} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f} "
                  f"(n {v['support']:3d})   tables F1 {b:.2f}")
    if MULTIWOZ.exists():
        rows = _read(MULTIWOZ, args.limit)
        out["multiwoz"] = {"model": multiwoz(rows, analyze), "rules": multiwoz(rows, analyze_rules)}
        m, r = out["multiwoz"]["model"], out["multiwoz"]["rules"]  # type: ignore[index]
        print(f"MultiWOZ agent turns ({m['turns']}): macro-F1 of mapped techniques model "
              f"{m['macro_f1']}, phrase tables {r['macro_f1']}")
        for act, v in m["act_recall"].items():
            print(f"  {act:12} -> {ACT_TO_TECHNIQUE[act]:15} found model {v:.2f}  tables "
                  f"{r['act_recall'][act]:.2f}")
        for t, v in m["technique_f1"].items():
            print(f"  {t:15} precision model {m['technique_precision'][t]:.2f} tables "
                  f"{r['technique_precision'][t]:.2f}; F1 model {v:.2f} tables {r['technique_f1'][t]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
