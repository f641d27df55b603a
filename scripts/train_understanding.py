"""Train the understanding model's heads from the corpus; one command, same bytes each run.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_understanding.py            # writes the model files
    .venv/bin/python scripts/train_understanding.py --report   # figures only, writes nothing

Reads data/understanding/corpus/train_*.jsonl (the training part) and test.jsonl (the
held-back part, written separately, by other situations and domains: measured, never
trained on). For each technique and each ask type it fits a logistic regression on the
features of features.py, picks the head's threshold on out-of-fold predictions from
folds grouped by call situation (a call's lines never sit on both sides), then refits
on all training rows. Writes simulator/understanding/model/heads.npz and index.npz.
Deterministic: lbfgs on fixed data in a fixed order, a fixed-timestamp archive.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.understanding.encoder import DEFAULT_ENCODER  # noqa: E402
from simulator.understanding.engine import analyze_rules  # noqa: E402
from simulator.understanding.features import RULE_LABELS, many_features  # noqa: E402
from simulator.understanding.model import (  # noqa: E402
    ASK_TYPES,
    HEADS_FILE,
    INDEX_FILE,
    save_arrays,
)
from simulator.understanding.types import Context  # noqa: E402

CORPUS = ROOT / "data" / "understanding" / "corpus"
LABELS = RULE_LABELS  # every technique but dead_air (silence, never words)
C_VALUE = 2.0
FOLDS = 5
MAX_ITER = 150
GRID = np.round(np.arange(0.15, 0.901, 0.025), 3)


def load_rows(paths: list[Path]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


CACHE_DIR = Path.home() / ".cache" / "callsim-train"
# Bump when features.py or the encoder's pooling changes what a feature row holds.
POOLING_VERSION = "pool-1"


def featurize(rows: list[dict[str, object]], encoder: str) -> np.ndarray:
    """Feature rows, cached on disk by (encoder, features code, text, context): rebuilding
    after a corpus edit encodes only the new lines. The cache changes speed, not results."""
    code = POOLING_VERSION
    keys = [hashlib.sha256(f"{encoder}|{code}|{r['text']}|{r.get('customer_before') or ''}"
                           .encode()).hexdigest() for r in rows]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache_file = CACHE_DIR / f"{encoder}.npz"
    cache: dict[str, np.ndarray] = {}
    if cache_file.exists():
        with np.load(cache_file) as z:
            cache = {k: z[k] for k in z.files}
    missing = [(key, row) for key, row in zip(keys, rows, strict=True) if key not in cache]
    turns = []
    for _, row in missing:
        text = str(row["text"])
        before = str(row.get("customer_before") or "")
        rules = analyze_rules(text, Context(previous_customer_line=before))
        turns.append((text, before, frozenset(rules.techniques), rules.is_question))
    if turns:
        for (key, _), feat in zip(missing, many_features(turns, encoder), strict=True):
            cache[key] = feat
    feats = [cache[key] for key in keys]
    np.savez(cache_file, **cache)
    return np.stack(feats) if feats else np.zeros((0, 0), np.float32)


def targets(rows: list[dict[str, object]], key: str, labels: tuple[str, ...]) -> np.ndarray:
    y = np.zeros((len(rows), len(labels)), np.int8)
    for i, row in enumerate(rows):
        have = set(row.get(key) or ())  # type: ignore[call-overload]
        for j, lab in enumerate(labels):
            y[i, j] = lab in have
    return y


def fit_joint(x: np.ndarray, y: np.ndarray,
              start: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression for every label at once, class-balanced, L2 (as scikit-learn's
    `LogisticRegression(C, class_weight="balanced")` per label), by L-BFGS on one matrix:
    the same optimum in a fraction of the time of fitting the labels one by one."""
    from scipy.optimize import minimize

    # float32 matrix products (twice as fast); the optimiser itself works in float64
    x64 = x.astype(np.float32)
    y64 = y.astype(np.float32)
    n, d = x64.shape
    n_labels = y64.shape[1]
    pos = y64.sum(axis=0)
    neg = n - pos
    weights = np.where(y64 == 1, n / (2 * np.maximum(pos, 1)), n / (2 * np.maximum(neg, 1)))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * n_labels].reshape(d, n_labels).astype(np.float32)
        b = theta[d * n_labels:].astype(np.float32)
        z = x64 @ w + b
        # log(1 + e^z) - y z, computed without overflow
        value = np.sum(weights * (np.logaddexp(0.0, z) - y64 * z)) * C_VALUE + 0.5 * np.sum(w * w)
        g = weights * (1.0 / (1.0 + np.exp(-z)) - y64) * C_VALUE
        grad = np.concatenate([(x64.T @ g + w).ravel(), g.sum(axis=0)]).astype(np.float64)
        return float(value), grad

    theta0 = np.zeros(d * n_labels + n_labels)
    if start is not None:  # warm start (the final fit starts from the folds' mean)
        theta0 = np.concatenate([start[0].T.ravel(), start[1]]).astype(np.float64)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B",
                   options={"maxiter": MAX_ITER, "gtol": 1e-5})
    w = res.x[: d * n_labels].reshape(d, n_labels).T.astype(np.float32)
    b = res.x[d * n_labels:].astype(np.float32)
    # a label with no positives (or no negatives) gets a constant head
    for j in range(n_labels):
        if pos[j] == 0 or neg[j] == 0:
            w[j] = 0.0
            b[j] = 8.0 if neg[j] == 0 else -8.0
    return w, b


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def group_folds(groups: list[str], k: int) -> list[np.ndarray]:
    """Fold index per row: whole situations to one fold, by a stable hash of the name."""
    fold = np.array([int(hashlib.sha256(g.encode()).hexdigest(), 16) % k for g in groups])
    return [np.where(fold == i)[0] for i in range(k)]


def train_heads(x: np.ndarray, y: np.ndarray, groups: list[str]) -> dict[str, np.ndarray]:
    """Weights, biases and thresholds; out-of-fold probabilities for the report."""
    n = x.shape[0]
    n_labels = y.shape[1]
    folds = group_folds(groups, FOLDS)
    oof = np.zeros((n, n_labels), np.float32)
    fold_w: list[np.ndarray] = []
    fold_b: list[np.ndarray] = []
    for test_idx in folds:
        train_idx = np.setdiff1d(np.arange(n), test_idx)
        w, b = fit_joint(x[train_idx], y[train_idx])
        fold_w.append(w)
        fold_b.append(b)
        oof[test_idx] = _sigmoid(x[test_idx] @ w.T + b)
    thresholds = np.full(n_labels, 0.5, np.float32)
    for j in range(n_labels):
        if y[:, j].sum() < 5:
            continue
        f1s = [_f1(y[:, j], oof[:, j] >= t) for t in GRID]
        thresholds[j] = GRID[int(np.argmax(f1s))]
    weights, biases = fit_joint(x, y, (np.mean(fold_w, axis=0), np.mean(fold_b, axis=0)))
    return {"W": weights, "b": biases, "thresholds": thresholds, "oof": oof}


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum((y == 1) & pred))
    fp = float(np.sum((y == 0) & pred))
    fn = float(np.sum((y == 1) & ~pred))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def table(y: np.ndarray, pred: np.ndarray, labels: tuple[str, ...]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for j, lab in enumerate(labels):
        support = int(y[:, j].sum())
        if not support:
            continue
        tp = float(np.sum((y[:, j] == 1) & pred[:, j]))
        npred = float(pred[:, j].sum())
        p = tp / npred if npred else 0.0
        r = tp / support
        out[lab] = {"precision": round(p, 3), "recall": round(r, 3),
                    "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "support": support}
    return out


def macro(t: dict[str, dict[str, float]]) -> float:
    return round(float(np.mean([v["f1"] for v in t.values()])), 3) if t else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="print figures, write nothing")
    ap.add_argument("--encoder", default=DEFAULT_ENCODER)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder with train_*.jsonl, test.jsonl")
    args = ap.parse_args()

    train_paths = sorted(args.corpus.glob("train_*.jsonl"))
    rows = load_rows(train_paths)
    test_file = args.corpus / "test.jsonl"
    test_rows = load_rows([test_file]) if test_file.exists() else []
    print(f"training rows {len(rows)} from {len(train_paths)} files; held-back rows {len(test_rows)}")
    x = featurize(rows, args.encoder)
    groups = [f"{r['domain']}/{r['situation']}" for r in rows]
    y = targets(rows, "techniques", LABELS)
    ya = targets(rows, "asks", ASK_TYPES)
    heads = train_heads(x, y, groups)
    asks = train_heads(x, ya, groups)

    report: dict[str, object] = {"encoder": args.encoder, "train_rows": len(rows),
                                 "test_rows": len(test_rows)}
    oof_t = table(y, heads["oof"] >= heads["thresholds"], LABELS)
    report["cv_macro_f1"] = macro(oof_t)
    if test_rows:
        xt = featurize(test_rows, args.encoder)
        yt = targets(test_rows, "techniques", LABELS)
        pt = _sigmoid(xt @ heads["W"].T + heads["b"]) >= heads["thresholds"]
        held = table(yt, pt, LABELS)
        report["test"] = held
        report["test_macro_f1"] = macro(held)
        rules_pred = np.zeros_like(pt)
        for i, row in enumerate(test_rows):
            got = set(analyze_rules(str(row["text"]),
                                    Context(previous_customer_line=str(row.get("customer_before") or "")))
                      .techniques)
            for j, lab in enumerate(LABELS):
                rules_pred[i, j] = lab in got
        base = table(yt, rules_pred, LABELS)
        report["test_rules"] = base
        report["test_rules_macro_f1"] = macro(base)
        yat = targets(test_rows, "asks", ASK_TYPES)
        pat = _sigmoid(xt @ asks["W"].T + asks["b"]) >= asks["thresholds"]
        report["test_asks_macro_f1"] = macro(table(yat, pat, ASK_TYPES))
    print(json.dumps({k: v for k, v in report.items() if "macro" in k or k.endswith("rows")},
                     indent=1))
    if test_rows:
        print(f"{'technique':16} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}   rules F1")
        for lab, v in report["test"].items():  # type: ignore[union-attr]
            b = report["test_rules"].get(lab, {}).get("f1", 0.0)  # type: ignore[union-attr]
            print(f"{lab:16} {v['precision']:6.2f} {v['recall']:6.2f} {v['f1']:6.2f} "
                  f"{v['support']:4d}   {b:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.report:
        return 0

    digest = hashlib.sha256(b"".join(p.read_bytes() for p in train_paths)).hexdigest()
    meta = {"labels": list(LABELS), "ask_labels": list(ASK_TYPES), "encoder": args.encoder,
            "corpus_sha256": digest, "C": C_VALUE, "rows": len(rows)}
    save_arrays(HEADS_FILE, {
        "W": heads["W"], "b": heads["b"], "thresholds": heads["thresholds"],
        "AW": asks["W"], "Ab": asks["b"], "ask_thresholds": asks["thresholds"],
        "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), np.uint8),
    })
    whole = np.stack([
        __import__("simulator.understanding.encoder", fromlist=["get_encoder"])
        .get_encoder(args.encoder).encode(str(r["text"])).whole for r in rows])
    index_meta = {"texts": [str(r["text"]) for r in rows],
                  "labels": [sorted(r["techniques"]) for r in rows]}  # type: ignore[call-overload]
    save_arrays(INDEX_FILE, {
        "vectors": np.clip(np.round(whole * 127.0), -127, 127).astype(np.int8),
        "meta": np.frombuffer(json.dumps(index_meta, sort_keys=True).encode(), np.uint8),
    })
    for path in (HEADS_FILE, INDEX_FILE):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB, "
              f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
