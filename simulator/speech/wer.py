"""Word error rate, for tests and the benchmark: how far recognised text is from what
was said, after the normalisation a person would accept ("Tony's pizza." == "tony's Pizza")."""

from __future__ import annotations

import re

_NUMBER_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                 "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"}


def normalise(text: str) -> list[str]:
    """Lower case, no punctuation (apostrophes kept), small number words as digits."""
    words = re.sub(r"[^\w' ]+", " ", text.lower().replace("-", " ")).split()
    return [_NUMBER_WORDS.get(w, w) for w in words]


def wer(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / words in the reference."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return float(bool(hyp))
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1] / len(ref)


def corpus_wer(pairs: list[tuple[str, str]]) -> float:
    """WER over many utterances, weighted by reference length."""
    errors = sum(wer(r, h) * len(normalise(r)) for r, h in pairs)
    words = sum(len(normalise(r)) for r, _ in pairs)
    return errors / words if words else 0.0
