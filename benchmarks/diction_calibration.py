"""Calibrate and check the read-aloud (diction) score against expert ratings.

    .venv/bin/python benchmarks/diction_calibration.py --data ../shared/data/speechocean762-train

Runs the phone test's own analysis (`simulator.phone_test.ReadAloud`, Whisper loaded
once) on every recording of a speechocean762 manifest, then:

- fits the small linear models of `scoring/reading.py` (ridge regression on a dozen
  standardised features, one model per expert score: total, accuracy, fluency);
- reports Pearson r against the experts' total, accuracy and fluency, both in-sample
  and by speaker-grouped cross-validation (each fold's speakers never seen in its
  fit: speechocean762 ids are SSSSS + UUUU, the first five digits name the speaker);
- reports the baseline "mean Whisper word confidence" r from the same run, and the
  median seconds per clip.

`--write` saves the fitted coefficients to scoring/reading_weights.py (the only way
that file changes). Analyses are cached next to the manifest's name in
benchmarks/.cache/, so refitting takes seconds; `--fresh` re-analyses.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402  (the voice extra; after the path set-up on purpose)

from scoring import reading  # noqa: E402

TARGETS = ("total", "accuracy", "fluency")
# The features of every model: forced-text likelihood (alone, against a neutral synthetic
# reading, and against the decoder's prior), words said in order, recogniser confidence,
# and four fluency measures: seconds per word of the text spent speaking and pausing,
# pauses beyond one per sentence break (per sentence, so a six-sentence passage is not
# penalised for its five natural breaks), and the longest pause. Chosen for meaning
# first; speaker-grouped CV on the training sample agreed (see BENCHMARKS.md).
FEATURES = [
    "forced_logp", "forced_rel", "forced_gain", "matched", "conf_mean",
    "speech_sec_per_word", "pause_sec_per_word", "extra_pauses", "longest_pause_s",
]
ALPHA = 10.0
FOLDS = 5
WEIGHTS_FILE = ROOT / "scoring" / "reading_weights.py"


def speaker(utt_id: str) -> str:
    return utt_id[:5]


def analyse(manifest: Path, cache: Path, fresh: bool) -> list[dict[str, Any]]:
    """One analysis dict per manifest line (cached), with the expert scores attached."""
    from simulator.phone_test import ReadAloud

    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    done: dict[str, dict[str, Any]] = {}
    if cache.exists() and not fresh:
        for line in cache.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            done[d["id"]] = d
    todo = [r for r in rows if r["id"] not in done]
    if todo:
        reader = ReadAloud()
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("w" if fresh else "a", encoding="utf-8") as out:
            for i, r in enumerate(todo):
                t0 = time.perf_counter()
                try:
                    d = reader.analyse_file(manifest.parent / r["audio"], r["text"])
                except ValueError as exc:  # AudioProblem
                    d = {"error": str(exc)}
                d["id"] = r["id"]
                d["secs"] = time.perf_counter() - t0
                done[r["id"]] = d
                out.write(json.dumps(d) + "\n")
                out.flush()
                if i % 50 == 0:
                    print(f"  analysed {i + 1}/{len(todo)}", file=sys.stderr, flush=True)
    out_rows = []
    for r in rows:
        d = dict(done[r["id"]])
        d["expert"] = {t: float(r[t]) for t in TARGETS}
        out_rows.append(d)
    return out_rows


def design(rows: list[dict[str, Any]]) -> tuple[Any, Any, list[str], Any]:
    feats = [reading.features(r) for r in rows]
    x = np.array([[f[k] for k in FEATURES] for f in feats], dtype=float)
    y = np.array([[r["expert"][t] for t in TARGETS] for r in rows], dtype=float)
    groups = [speaker(r["id"]) for r in rows]
    base = np.array([f["conf_mean"] for f in feats])
    return x, y, groups, base


def fit(x: Any, y: Any, alpha: float = ALPHA) -> dict[str, Any]:
    """Ridge on standardised, clipped features; returns the model dict scoring uses."""
    lo, hi = np.percentile(x, 1, axis=0), np.percentile(x, 99, axis=0)
    xc = np.clip(x, lo, hi)
    mean, scale = xc.mean(axis=0), xc.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (xc - mean) / scale
    a = z.T @ z + alpha * np.eye(z.shape[1])
    coef = np.linalg.solve(a, z.T @ (y - y.mean()))
    return {"features": list(FEATURES), "lo": lo.tolist(), "hi": hi.tolist(), "mean": mean.tolist(),
            "scale": scale.tolist(), "coef": coef.tolist(), "intercept": float(y.mean())}


def apply(model: dict[str, Any], x: Any) -> Any:
    rows = [dict(zip(model["features"], r, strict=True)) for r in x]
    return np.array([reading.predict(model, f) for f in rows])


def grouped_folds(groups: list[str], k: int = FOLDS) -> list[Any]:
    """k folds of whole speakers, balanced by utterance count (largest speakers first)."""
    counts: dict[str, int] = {}
    for g in groups:
        counts[g] = counts.get(g, 0) + 1
    sizes = [0] * k
    fold_of: dict[str, int] = {}
    for g in sorted(counts, key=lambda s: (-counts[s], s)):
        i = sizes.index(min(sizes))
        fold_of[g] = i
        sizes[i] += counts[g]
    return [np.array([fold_of[g] == i for g in groups]) for i in range(k)]


def pearson(a: Any, b: Any) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def evaluate(x: Any, y: Any, groups: list[str]) -> dict[str, dict[str, float]]:
    """In-sample and speaker-grouped CV Pearson r for the total model's score and each
    target's own model."""
    out: dict[str, dict[str, float]] = {"cv": {}, "in_sample": {}, "cv_own": {}}
    cv_total = np.zeros(len(y))
    cv_own = np.zeros_like(y)
    for test in grouped_folds(groups):
        for j in range(len(TARGETS)):
            m = fit(x[~test], y[~test, j])
            cv_own[test, j] = apply(m, x[test])
        cv_total[test] = cv_own[test, 0]
    full = fit(x, y[:, 0])
    ins = apply(full, x)
    for j, t in enumerate(TARGETS):
        out["cv"][t] = pearson(cv_total, y[:, j])
        out["in_sample"][t] = pearson(ins, y[:, j])
        out["cv_own"][t] = pearson(cv_own[:, j], y[:, j])
    return out


def write_weights(models: dict[str, Any], figures: dict[str, Any]) -> None:
    lines = [
        '"""Fitted read-aloud models: written by benchmarks/diction_calibration.py --write; do not edit.',
        "",
        "Ridge regression on standardised features (clipped to the training 1-99th percentiles),",
        "fitted on the speechocean762 training sample (500 expert-rated readings).",
        f"Speaker-grouped CV Pearson r of the score: {json.dumps(figures)}",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        "MODELS: dict[str, Any] = " + json.dumps(models, indent=1).replace("\n", "\n") + "",
        "",
    ]
    WEIGHTS_FILE.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "speechocean762-train")
    ap.add_argument("--manifest", type=Path, default=None, help="default: DATA/manifest.jsonl")
    ap.add_argument("--fresh", action="store_true", help="re-analyse instead of using the cache")
    ap.add_argument("--write", action="store_true",
                    help="save the fitted models to scoring/reading_weights.py")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    manifest = args.manifest or args.data / "manifest.jsonl"
    cache = ROOT / "benchmarks" / ".cache" / f"diction-{manifest.parent.name}.jsonl"
    rows = analyse(manifest, cache, args.fresh)
    bad = [r for r in rows if "error" in r]
    rows = [r for r in rows if "error" not in r]
    if len(rows) < 2 * FOLDS:
        sys.exit(f"{len(rows)} usable clips in {manifest}: too few to fit and cross-validate")
    x, y, groups, base = design(rows)
    figures = evaluate(x, y, groups)
    figures["baseline_conf_mean"] = {t: pearson(base, y[:, j]) for j, t in enumerate(TARGETS)}
    secs = [r["secs"] for r in rows if "secs" in r]
    summary = {
        "clips": len(rows), "refused": len(bad), "speakers": len(set(groups)),
        "median_s_per_clip": round(statistics.median(secs), 3) if secs else None,
        **{k: {t: round(v, 3) for t, v in d.items()} for k, d in figures.items()},
    }
    if args.write:
        models: dict[str, Any] = {"version": f"speechocean762-train-{len(rows)}"}
        for j, t in enumerate(TARGETS):
            models[t] = fit(x, y[:, j])
        write_weights(models, {"total": summary["cv"]["total"], "accuracy": summary["cv"]["accuracy"],
                               "fluency": summary["cv"]["fluency"]})
    if args.json:
        print(json.dumps(summary))
        return
    print(f"{summary['clips']} clips, {summary['speakers']} speakers, {summary['refused']} refused; "
          f"median {summary['median_s_per_clip']} s a clip")
    print(f"{'Pearson r of the score vs experts':40s} {'total':>7s} {'accuracy':>9s} {'fluency':>8s}")
    for key, label in (("cv", "speaker-grouped 5-fold CV"), ("in_sample", "in-sample (fit on all 500)"),
                       ("cv_own", "CV, one model per expert score"),
                       ("baseline_conf_mean", "baseline: mean Whisper word confidence")):
        d = summary[key]
        print(f"{label:40s} {d['total']:7.3f} {d['accuracy']:9.3f} {d['fluency']:8.3f}")


if __name__ == "__main__":
    main()
