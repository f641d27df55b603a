"""Numbers that describe how something was said, from stored words and audio measurements.

Pure functions: the inputs are what the transcript (or a phone-test attempt) already
holds — recognised words with timings and confidences, the turn's audio measurements
(`simulator/speech/measure.py`), and, for a read-aloud, Whisper's forced probability of
each word of the known text. Both the call scorer (`scoring/diction.py`) and the
read-aloud scorer (`scoring/reading.py`) build on these, so a number means the same
thing on a call's scorecard and in the phone test.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

FILLERS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "hm", "mm", "mhm", "eh"})
UNCLEAR_P = 0.5            # a recognised word below this confidence counts as unclear
FORCED_UNCLEAR_P = 0.2     # a word of the known text below this forced probability is unclear
MIN_LOG_P = math.log(1e-4)
_WORD = re.compile(r"[^\w']+")
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_NUMBER_WORD = {**{w: i for i, w in enumerate(_UNITS)}, **_TENS, "oh": 0}


def _number(word: str) -> str | None:
    """'forty-two' -> '42', 'seven' -> '7'; None for anything else."""
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBER_WORD and _NUMBER_WORD[parts[1]] < 10:
        return str(_TENS[parts[0]] + _NUMBER_WORD[parts[1]])
    return str(_NUMBER_WORD[word]) if word in _NUMBER_WORD else None


def key(word: str) -> str:
    """A word as compared: lower case, no punctuation, numbers as digits ("forty-two" == "42")."""
    w = _WORD.sub("", word.lower().replace("-", "_")).replace("_", "-").strip("-")
    n = _number(w)
    return n if n is not None else w.replace("-", "")


def keys(word: str) -> list[str]:
    """Keys of a recognised word, which may hold several: "$38.50" -> ["38", "50"], "7:30"."""
    w = word.strip().lstrip("$£€")
    if re.fullmatch(r"\d+([.:,]\d+)+[.,?!]?", w):
        return [str(int(p)) for p in re.split(r"[.:,]", w.rstrip(".,?!")) if p]
    return [key(word)]


def syllables(word: str) -> int:
    """Rough English syllable count (vowel groups, silent final e); at least 1.

    Only used for rates, where an error of one syllable in a long word is noise.
    """
    w = key(word)
    if not w:
        return 0
    if w.isdigit():
        return max(1, len(w))
    groups = re.findall(r"[aeiouy]+", w)
    count = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def is_filler(word: str) -> bool:
    return key(word) in FILLERS


def lcs_match(reference: Sequence[str], heard: Sequence[str]) -> list[bool]:
    """For each reference word, whether it was said in order (longest common subsequence)."""
    matched = dict(lcs_pairs(reference, heard))
    return [i in matched for i in range(len(reference))]


def lcs_pairs(reference: Sequence[str], heard: Sequence[str]) -> list[tuple[int, int]]:
    """(reference index, heard index) of words said in order; fillers never match."""
    ref = [key(w) for w in reference]
    hyp: list[str] = []
    origin: list[int] = []
    for j, w in enumerate(heard):
        for k in (["\0"] if is_filler(w) else keys(w)):
            hyp.append(k)
            origin.append(j)
    n, m = len(ref), len(hyp)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if ref[i] == hyp[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if ref[i] == hyp[j]:
            out.append((i, origin[j]))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _mean(xs: Iterable[float], default: float = 0.0) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else default


def _log(p: Any) -> float:
    try:
        return max(MIN_LOG_P, math.log(max(float(p), 1e-12)))
    except (TypeError, ValueError):
        return MIN_LOG_P


def word_gaps(words: Sequence[dict[str, Any]]) -> list[float]:
    """Silences between consecutive recognised words (seconds, >= 0)."""
    out = []
    for a, b in itertools.pairwise(words):
        try:
            out.append(max(0.0, float(b["start"]) - float(a["end"])))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def speech_features(words: Sequence[dict[str, Any]], audio: dict[str, Any] | None) -> dict[str, float]:
    """Pace, pauses, fillers and recogniser confidence of one stretch of speech.

    Speaking time comes from the audio measurements when there are any (energy
    detector: first to last speech), else from the first and last word's timings.
    """
    audio = audio or {}
    spoken = [w for w in words if str(w.get("word", "")).strip()]
    lexical = [w for w in spoken if not is_filler(str(w["word"]))]
    fillers = len(spoken) - len(lexical)
    probs = [float(w.get("probability", 1.0)) for w in lexical]
    span = float(audio.get("span_s") or 0.0)
    if span <= 0 and spoken:
        span = max(0.0, float(spoken[-1].get("end", 0.0)) - float(spoken[0].get("start", 0.0)))
    pause_s = float(audio.get("pause_s") or 0.0)
    gaps = word_gaps(spoken)
    if not audio:
        pause_s = sum(g for g in gaps if g >= 0.25)
    speech_time = max(1e-3, span - pause_s)
    syl = sum(syllables(str(w["word"])) for w in lexical)
    minutes = span / 60.0 if span > 0 else 0.0
    return {
        "words": float(len(lexical)),
        "span_s": span,
        "wpm": len(lexical) / minutes if minutes else 0.0,
        "articulation_sps": syl / speech_time if span > 0 else 0.0,
        "pauses": float(audio.get("pauses", sum(1 for g in gaps if g >= 0.25))),
        "pause_s": pause_s,
        "longest_pause_s": float(audio.get("longest_pause_s", max(gaps, default=0.0))),
        "pause_ratio": pause_s / span if span > 0 else 0.0,
        "fillers": float(fillers),
        "fillers_pm": fillers / minutes if minutes else 0.0,
        "conf_mean": _mean(probs, 0.0),
        "conf_logmean": _mean((_log(p) for p in probs), MIN_LOG_P),
        "unclear_ratio": _mean((1.0 if p < UNCLEAR_P else 0.0 for p in probs), 1.0),
        "lead_s": float(audio.get("lead_s", 0.0)),
        "trail_s": float(audio.get("trail_s", 0.0)),
    }


def forced_features(reference: Sequence[str], forced: Sequence[dict[str, Any]],
                    forced_reference: Sequence[dict[str, Any]], heard: Sequence[dict[str, Any]]
                    ) -> dict[str, float]:
    """How well the known text was said: forced probabilities (alone and relative to a
    neutral synthetic reading of the same text) and words said correctly in order."""
    lp = [_log(w.get("p")) for w in forced]
    lp_first = [_log(w.get("p_first", w.get("p"))) for w in forced]
    base = [_log(w.get("p")) for w in forced_reference] if len(forced_reference) == len(forced) else []
    rel = [max(-6.0, min(2.0, a - b)) for a, b in zip(lp, base, strict=True)] if base else []
    matched = lcs_match(reference, [str(w.get("word", "")) for w in heard])
    n_ref = max(1, len(reference))
    heard_lexical = [w for w in heard if not is_filler(str(w.get("word", "")))]
    body = lp[1:] if len(lp) > 1 else lp  # a sentence's first word is always less certain
    return {
        "ref_words": float(len(reference)),
        "forced_logp": _mean(lp, MIN_LOG_P),
        "forced_logp_body": _mean(body, MIN_LOG_P),
        "forced_logp_first": _mean(lp_first, MIN_LOG_P),
        "forced_logp_min": min(lp, default=MIN_LOG_P),
        "forced_low": _mean((1.0 if x < math.log(FORCED_UNCLEAR_P) else 0.0 for x in lp), 1.0),
        "forced_rel": _mean(rel, 0.0),
        "forced_rel_low": _mean((1.0 if x < -1.5 else 0.0 for x in rel), 0.0),
        "matched": sum(matched) / n_ref,
        "extra_words": max(0, len(heard_lexical) - sum(matched)) / n_ref,
    }


def unclear_words(words: Sequence[dict[str, Any]], *, field: str = "probability",
                  threshold: float = UNCLEAR_P) -> list[str]:
    """Words (not fillers) whose confidence is below `threshold`, in order, once each."""
    out: list[str] = []
    for w in words:
        word = str(w.get("word", "")).strip(" ,.?!;:")
        if not word or is_filler(word):
            continue
        try:
            p = float(w.get(field, 1.0))
        except (TypeError, ValueError):
            continue
        if p < threshold and word not in out:
            out.append(word)
    return out
