"""Card numbers in what a trainee said: which words carried one, and when, to mute it.

Pure text and timings, no audio and no database: the session's masking (`privacy`),
the voice call's muting and the recordings store all use it, so it sits below them.
A digit run of 12 or more is treated as a card number whatever its checksum, because
a misheard card number is still a card number.
"""

from __future__ import annotations

from typing import Any

from simulator.understanding.digits import digit_runs

SENSITIVE_MIN_DIGITS = 12
MUTE_PAD_S = 0.12
# what a recogniser writes for a digit it misheard ("for 111" for "four one one one")
_DIGIT_SOUNDALIKES = {"for", "fore", "to", "too", "won", "ate", "oh", "o", "tree", "free", "nein"}


def card_spans(words: list[dict[str, Any]]) -> tuple[list[tuple[float, float]], set[int]]:
    """Time spans (seconds) where a card-like digit run was spoken, and the indexes of
    the words that carried it."""
    text_parts: list[str] = []
    owners: list[tuple[int, int, int]] = []  # (char start, char end, word index)
    pos = 0
    for i, w in enumerate(words):
        token = str(w.get("word", "")).strip()
        if text_parts:
            text_parts.append(" ")
            pos += 1
        owners.append((pos, pos + len(token), i))
        text_parts.append(token)
        pos += len(token)
    text = "".join(text_parts)
    hit: set[int] = set()
    for run in digit_runs(text):
        if len(run.digits) < SENSITIVE_MIN_DIGITS:
            continue
        for start, end, i in owners:
            if start < run.end and end > run.start:
                hit.add(i)
    for i in sorted(hit):  # a misheard first digit just before the run ("for 111 ...")
        j = i - 1
        before = str(words[j].get("word", "")).strip(" ,.").lower() if j >= 0 else ""
        if j not in hit and before in _DIGIT_SOUNDALIKES:
            hit.add(j)
    spans: list[tuple[float, float]] = []
    prev = -2
    for i in sorted(hit):  # one span per run of consecutive digit words, gaps included
        a = max(0.0, float(words[i].get("start", 0.0)) - MUTE_PAD_S)
        b = float(words[i].get("end", 0.0)) + MUTE_PAD_S
        if spans and (i == prev + 1 or a <= spans[-1][1]):
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
        prev = i
    return spans, hit


def mask_misheard_card(text: str) -> str:
    """Mask digit runs of 12+ that are not a valid card number (so the session, which
    masks only checksum-valid numbers, would store them): a recogniser that hears
    "four one one one..." as "for 111, 111..." still heard a card number."""
    from simulator.understanding.card import find_card_numbers

    if find_card_numbers(text):
        return text  # a real card number: the session masks it and marks the read-back
    runs = [r for r in digit_runs(text) if len(r.digits) >= SENSITIVE_MIN_DIGITS]
    for run in reversed(runs):
        masked = "*" * (len(run.digits) - 4) + run.digits[-4:]
        text = text[:run.start] + masked + text[run.end:]
    return text


def redact_words(words: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[tuple[float, float]]]:
    """Words with card digits masked ("****"), and the spans to mute in the audio."""
    spans, hit = card_spans(words)
    out = []
    for i, w in enumerate(words):
        if i in hit:
            w = {**w, "word": "".join("*" if ch.isalnum() else ch for ch in str(w.get("word", "")))}
        out.append(w)
    return out, spans
