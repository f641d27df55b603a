"""Held-out-style evaluation of the technique classifier, and a throughput sanity check.

`understanding_dev.jsonl` is what the rules were tuned on; `understanding_holdout.jsonl`
was written before any tuning and is only measured. Both are hand-written support and
emotional-support lines (typos, no punctuation, run-on sentences) with every technique
the line uses. `understanding_holdout2.jsonl` holds paraphrases of misses found by
replaying operator calls (identity checks, upsells, remedies, transfers, harmful
moves, false alarms, asks), written before the rules that fix them; `understanding_
fresh.jsonl` is a batch in the style of real emotional-support and customer-support
chats, written and scored once before tuning (then tuned on: it is no longer blind).
`understanding_blind.jsonl` was written after that tuning in the same style and scored
once with the old and the new rules before six generic cues were added for its misses.
Rows may carry `facts` (scenario fact
names, for the asks) and `asks` (what the line asks for); an empty label list means
"no technique" (a bare "okay", "mm-hm"). The floors sit a little under the measured
figures, so a change that makes the engine generalise worse fails here; run with `-s`
to see the tables.
"""

from __future__ import annotations

# The phrase tables' own tests. The tables are no longer the answer for techniques and
# asks (the learned model is: tests/test_understanding_model.py); they stay as the
# model's features, its exact parsers and the benchmark's baseline, so they keep their
# behaviour.
import itertools
import json
import time
from collections import Counter
from pathlib import Path

import pytest

from simulator.understanding import Context, FactHint
from simulator.understanding.engine import analyze_rules as analyze
from simulator.vocab import TECHNIQUES

DATA = Path(__file__).resolve().parent / "data"
# the labels real support-strategy corpora use (question, restatement, reflection of
# feelings, affirmation and reassurance, suggestions, information)
CORE = ("probe_question", "paraphrase", "empathize", "reassure", "offer_solution", "inform")


def _load(name: str) -> list[dict[str, object]]:
    with open(DATA / f"understanding_{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _context(row: dict[str, object]) -> Context:
    facts = row.get("facts") or ()
    return Context(facts=tuple(FactHint(str(f), (str(f).replace("_", " "),))
                               for f in facts))  # type: ignore[union-attr]


def evaluate(rows: list[dict[str, object]]) -> dict[str, object]:
    """Per-label precision/recall/F1, macro-F1, exact-match rate, labels per line, and
    the share of rows with `asks` whose asks match exactly."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    exact = 0
    n_pred = 0
    asks_ok = asks_n = 0
    for row in rows:
        gold = set(row["techniques"])  # type: ignore[arg-type]
        analysis = analyze(str(row["text"]), _context(row))
        pred = set(analysis.techniques)
        n_pred += len(pred)
        exact += pred == gold
        for t in pred & gold:
            tp[t] += 1
        for t in pred - gold:
            fp[t] += 1
        for t in gold - pred:
            fn[t] += 1
        if "asks" in row:
            asks_n += 1
            asks_ok += set(analysis.asks) == set(row["asks"])  # type: ignore[arg-type]
    per: dict[str, tuple[float, float, float, int]] = {}
    for t in TECHNIQUES:
        support = tp[t] + fn[t]
        if not support:
            continue
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / support
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[t] = (p, r, f, support)
    return {
        "per": per,
        "macro_f1": sum(v[2] for v in per.values()) / len(per),
        "core_macro_f1": sum(per[t][2] for t in CORE if t in per) / sum(t in per for t in CORE),
        "exact": exact / len(rows),
        "labels_per_line": n_pred / len(rows),
        "gold_labels_per_line": sum(len(r["techniques"]) for r in rows) / len(rows),  # type: ignore[arg-type]
        "n": len(rows),
        "asks": asks_ok / asks_n if asks_n else 1.0,
    }


def _print(name: str, res: dict[str, object]) -> None:
    print(f"\n[{name}] n={res['n']} macro-F1={res['macro_f1']:.3f} "
          f"core macro-F1={res['core_macro_f1']:.3f} exact={res['exact']:.3f} "
          f"labels/line={res['labels_per_line']:.2f} (gold {res['gold_labels_per_line']:.2f}) "
          f"asks={res['asks']:.2f}")
    for t, (p, r, f, n) in res["per"].items():  # type: ignore[attr-defined]
        print(f"  {t:16s} P={p:.2f} R={r:.2f} F1={f:.2f} n={n}")


@pytest.fixture(scope="module")
def holdout() -> dict[str, object]:
    res = evaluate(_load("holdout"))
    _print("holdout", res)
    return res


@pytest.fixture(scope="module")
def dev() -> dict[str, object]:
    res = evaluate(_load("dev"))
    _print("dev", res)
    return res


@pytest.fixture(scope="module")
def holdout2() -> dict[str, object]:
    res = evaluate(_load("holdout2"))
    _print("holdout2", res)
    return res


@pytest.fixture(scope="module")
def fresh() -> dict[str, object]:
    res = evaluate(_load("fresh"))
    _print("fresh", res)
    return res


@pytest.fixture(scope="module")
def blind() -> dict[str, object]:
    res = evaluate(_load("blind"))
    _print("blind", res)
    return res


@pytest.mark.parametrize("name", ["dev", "holdout", "holdout2", "fresh", "blind"])
def test_data_is_labelled_with_vocabulary(name: str) -> None:
    rows = _load(name)
    assert len(rows) >= {"holdout2": 60, "blind": 90}.get(name, 150)
    unlabelled = 0
    for row in rows:
        assert set(row["techniques"]) <= set(TECHNIQUES), row  # type: ignore[arg-type]
        unlabelled += not row["techniques"]
    # "no technique" is for bare acknowledgements and self-disclosure, not a shortcut
    assert unlabelled <= len(rows) * 0.06, name


def test_evaluation_sets_do_not_leak_into_dev() -> None:
    dev_texts = {r["text"] for r in _load("dev")}
    assert dev_texts & {r["text"] for r in _load("holdout")} <= {"...", "[silence]"}
    assert not dev_texts & {r["text"] for r in _load("holdout2")}
    assert not dev_texts & {r["text"] for r in _load("blind")}
    # two stock phrases were written independently into both ("Your feelings are
    # completely valid.", "Try to get some fresh air today if you can.")
    assert len(dev_texts & {r["text"] for r in _load("fresh")}) <= 2


def test_dev_figures(dev: dict[str, object]) -> None:
    assert dev["macro_f1"] >= 0.95
    assert dev["exact"] >= 0.90


def test_holdout_generalises(holdout: dict[str, object]) -> None:
    assert holdout["macro_f1"] >= 0.92
    assert holdout["core_macro_f1"] >= 0.88
    assert holdout["exact"] >= 0.82
    # precise, not spraying labels: about as many labels as the annotator gave
    assert holdout["labels_per_line"] <= holdout["gold_labels_per_line"] * 1.15  # type: ignore[operator]


@pytest.mark.parametrize("label", CORE)
def test_holdout_core_labels(holdout: dict[str, object], label: str) -> None:
    p, r, _f, _n = holdout["per"][label]  # type: ignore[index]
    assert r >= 0.85, (label, r)
    assert p >= 0.75, (label, p)


def test_dev_asks(dev: dict[str, object]) -> None:
    assert dev["asks"] == 1.0


def test_holdout2_generalises(holdout2: dict[str, object]) -> None:
    # measured 0.515 macro-F1 / 0.28 exact / 3 of 15 asks before the rules were written
    assert holdout2["macro_f1"] >= 0.95
    assert holdout2["exact"] >= 0.95
    assert holdout2["asks"] >= 0.93


def test_fresh_generalises(fresh: dict[str, object]) -> None:
    # measured 0.812 core macro-F1 (inform 0.59, paraphrase 0.79) before tuning; 0.949 after
    assert fresh["core_macro_f1"] >= 0.92
    assert fresh["labels_per_line"] <= fresh["gold_labels_per_line"] * 1.15  # type: ignore[operator]
    for label in CORE:
        p, r, _f, _n = fresh["per"][label]  # type: ignore[index]
        assert p >= 0.85 and r >= 0.75, (label, p, r)


def test_blind_generalises(blind: dict[str, object]) -> None:
    # first score: 0.919 core macro-F1 with the old rules, 0.923 with the new ones
    assert blind["core_macro_f1"] >= 0.90
    assert blind["labels_per_line"] <= blind["gold_labels_per_line"] * 1.15  # type: ignore[operator]


def test_throughput_sanity() -> None:
    """Catastrophic slow-downs only (per-call compilation, quadratic loops): the target
    is > 2,000 utterances/s on an idle core; this floor holds on a busy shared one."""
    texts = [str(r["text"]) for r in _load("dev")]
    texts = [a + " " + b for a, b in itertools.pairwise(texts)][:200]
    for t in texts[:20]:
        analyze(t)
    start = time.process_time()
    for t in texts:
        analyze(t)
    per_s = len(texts) / max(time.process_time() - start, 1e-9)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"\n[throughput] {per_s:.0f} utterances/s ({words:.1f} words avg)")
    assert per_s > 250
