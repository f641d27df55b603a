"""The phone test's read-aloud score: how well a known passage was read, 0-100.

Pure: the input is the analysis dict `simulator/speech/pronunciation.py` makes from
one recording (free recognition, forced probabilities of the known text, audio
measurements); the output is the score with its parts, reasons and the words that came
out unclear.

The score itself is a small linear model of a dozen features, fitted once on 500
expert-rated readings (speechocean762, see BENCHMARKS.md) by
`benchmarks/diction_calibration.py`, which writes the coefficients to
`scoring/reading_weights.py`; nothing is fitted at run time. It predicts the experts'
0-10 "total" (and, as parts, their "accuracy" and "fluency"), shown as 0-100. Next to
it, plain measurements with norms explain the number: words said correctly and in
order, pace, pauses, clarity.
"""

from __future__ import annotations

import math
from typing import Any

from scoring import diction_norms as norms
from scoring.diction_features import (
    FORCED_UNCLEAR_P,
    forced_features,
    lcs_match,
    speech_features,
    syllables,
)
from scoring.reading_weights import MODELS

MAX_UNCLEAR_SHOWN = 12
# Nobody reads English faster than about 400 words a minute of pure speech (0.15 s a
# word); calibration readings never went under 0.19. Less speech than that for the text
# means part of it was not read, whatever the model makes of what was: the score is
# scaled down by the share that could have been read.
MIN_SEC_PER_WORD = 0.15
# A passage (25+ words) read as written has at least half its words recognised in order
# even with a strong accent; a different text read fluently has 10-20% (the, to, you).
# Short sentences are exempt: one misheard word is a third of "Tina loves eggplant".
LONG_TEXT_WORDS = 25
MIN_MATCHED = 0.5
_SENTENCE_END = (".", "?", "!")


def features(analysis: dict[str, Any]) -> dict[str, float]:
    """Every named feature the fitted models may use, from one analysis dict."""
    words = analysis.get("words") or []
    audio = analysis.get("audio") or {}
    reference = str(analysis.get("text", "")).split()
    n_ref = max(1, len(reference))
    f = speech_features(words, audio)
    forced = analysis.get("forced") or []
    f.update(forced_features(reference, forced, analysis.get("forced_reference") or [], words))
    prior = analysis.get("forced_prior") or []
    if len(prior) == len(forced) and forced:
        gain = [math.log(max(1e-4, float(a["p"]))) - math.log(max(1e-4, float(b["p"])))
                for a, b in zip(forced, prior, strict=True)]
        f["forced_gain"] = sum(gain) / len(gain)
        f["forced_gain_min"] = min(gain)
    else:
        f["forced_gain"] = f["forced_gain_min"] = 0.0
    span = float(audio.get("span_s") or f["span_s"] or 0.0)
    f["ref_sps"] = sum(syllables(w) for w in reference) / span if span > 0 else 0.0
    f["ref_wpm"] = 60.0 * len(reference) / span if span > 0 else 0.0
    f["sec_per_word"] = span / n_ref
    f["speech_sec_per_word"] = max(0.0, span - f["pause_s"]) / n_ref
    f["pause_sec_per_word"] = f["pause_s"] / n_ref
    # pauses beyond one per sentence break, per sentence: a passage of six sentences
    # invites five pauses that a one-sentence calibration reading never had
    sentences = 1 + sum(1 for w in reference[:-1] if w.rstrip().endswith(_SENTENCE_END))
    f["extra_pauses"] = max(0.0, f["pauses"] - (sentences - 1)) / sentences
    f["snr_db"] = float(audio.get("snr_db", 0.0))
    f["level_std_db"] = float(audio.get("level_db_std", 0.0))
    f["pitch_range_st"] = float(audio.get("f0_range_st", 3.0))
    return f


def predict(model: dict[str, Any], feats: dict[str, float]) -> float:
    """A fitted linear model's prediction (on the experts' 0-10 scale, clamped)."""
    y = float(model["intercept"])
    for name, lo, hi, mean, scale, coef in zip(model["features"], model["lo"], model["hi"], model["mean"],
                                               model["scale"], model["coef"], strict=True):
        x = min(hi, max(lo, float(feats.get(name, mean))))
        y += coef * (x - mean) / scale
    return max(0.0, min(10.0, y))


def unclear_reference_words(analysis: dict[str, Any]) -> list[str]:
    """Words of the passage that were missed or came out unclear (forced probability low)."""
    reference = str(analysis.get("text", "")).split()
    forced = analysis.get("forced") or []
    said = lcs_match(reference, [str(w.get("word", "")) for w in analysis.get("words") or []])
    out: list[str] = []
    for i, word in enumerate(reference):
        p = float(forced[i]["p"]) if i < len(forced) else 0.0
        clean = word.strip(" ,.?!;:\"'")
        if (p < FORCED_UNCLEAR_P or (not said[i] and p < 0.5)) and clean and clean not in out:
            out.append(clean)
    return out


def score_reading(analysis: dict[str, Any]) -> dict[str, Any]:
    """The read-aloud result: score 0-100, its parts, reasons with norms, unclear words."""
    f = features(analysis)
    by_time = min(1.0, f["speech_sec_per_word"] / MIN_SEC_PER_WORD)
    by_text = min(1.0, f["matched"] / MIN_MATCHED) if f["ref_words"] >= LONG_TEXT_WORDS else 1.0
    coverage = min(by_time, by_text)
    total = predict(MODELS["total"], f) * coverage
    accuracy = predict(MODELS["accuracy"], f) * coverage
    fluency = predict(MODELS["fluency"], f) * coverage
    unclear = unclear_reference_words(analysis)
    wpm = f["ref_wpm"]
    pace = norms.PACE_READING.score(wpm)
    pause_pct = 100.0 * f["pause_ratio"]
    n_ref = int(f["ref_words"])
    said = round(f["matched"] * n_ref)
    reasons = [
        f"pronunciation {accuracy * 10:.0f}: Whisper's forced probability of the passage averages "
        f"{math.exp(f['forced_logp']):.2f} a word; {len(unclear)} of {n_ref} words missed or unclear",
        f"words in order {100 * f['matched']:.0f}: {said} of {n_ref} words recognised as written, "
        f"in order",
        f"fluency {fluency * 10:.0f}: {pause_pct:.0f}% of the reading in pauses "
        f"(norm {norms.PAUSES.describe()}), longest {f['longest_pause_s']:.1f} s, "
        f"{int(f['fillers'])} fillers",
        f"pace {pace:.0f}: {wpm:.0f} words/min (norm {norms.PACE_READING.describe()})",
    ]
    if by_time < 1.0:
        reasons.insert(0, f"too little speech for the text: {f['span_s']:.1f} s for {n_ref} words "
                          f"(reading takes at least {MIN_SEC_PER_WORD:g} s a word); scored as "
                          f"{by_time:.0%} read")
    if by_text < 1.0:
        reasons.insert(0, f"much of the passage was not heard as written ({said} of {n_ref} words; "
                          f"a reading of it gets at least {MIN_MATCHED:.0%}); scored as {by_text:.0%} read")
    if unclear:
        reasons.append("unclear or missed: " + ", ".join(unclear[:MAX_UNCLEAR_SHOWN]))
    return {
        "score": round(total * 10.0, 1),
        "accuracy": round(accuracy * 10.0, 1),
        "fluency": round(fluency * 10.0, 1),
        "completeness": round(100.0 * f["matched"], 1),
        "pace_wpm": round(wpm, 1),
        "pace": round(pace, 1),
        "pause_pct": round(pause_pct, 1),
        "clarity": round(100.0 * math.exp(f["forced_logp"]), 1),
        "unclear_words": unclear,
        "reasons": reasons,
        "heard": analysis.get("text_heard", ""),
        "model": MODELS.get("version", ""),
    }
