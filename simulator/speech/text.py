"""Customer text cut into pieces to synthesise one after another, and made speakable.

Synthesising a whole reply before playing it adds its full synthesis time to the gap
the trainee hears; cutting it into sentences (and a long first sentence at its first
comma) lets the first words play while the rest is made. Long digit strings are spelt
out digit by digit, as people read phone and card numbers, instead of "four thousand
one hundred and eleven". Card numbers become their own pieces marked `sensitive`, so
the recording can mute exactly those samples. And `sounds_finished` judges whether
a transcript ends like a finished turn, for end-of-turn detection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.understanding.digits import digit_runs

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"')\]])\s+")
_FIRST_CLAUSE_MIN_WORDS = 3
_LONG_FIRST_SENTENCE_WORDS = 8
_DIGIT_WORD = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
               "6": "six", "7": "seven", "8": "eight", "9": "nine"}
_DIGIT_GROUP = re.compile(r"\d[\d \-]{4,}\d")
SENSITIVE_MIN_DIGITS = 12  # a run this long is card-like: mute it whatever its checksum

_GOES_ON = frozenset({
    "and", "but", "so", "or", "because", "um", "uh", "er", "erm", "hmm", "like", "the", "a", "an",
    "to", "of", "is", "are", "was", "my", "your", "our", "if", "then", "that",
    "which", "i", "we", "you", "it's", "i'm", "let", "can", "could", "would", "will", "just",
})


_BACKCHANNEL = frozenset({
    "mm", "mhm", "mmhm", "mm-hm", "mm-hmm", "mmhmm", "hm", "hmm", "uh-huh", "uhhuh", "uh", "um",
    "yeah", "yes", "yep", "right", "okay", "ok", "sure", "i", "see", "got", "it", "oh",
})


_HUM = frozenset({"mm", "mhm", "mmhm", "mm-hm", "mm-hmm", "mmhmm", "hm", "hmm", "uh-huh", "uhhuh"})


_TAKES_FLOOR = frozenset({
    "wait", "sorry", "stop", "hold", "excuse", "no", "but", "hang", "listen", "actually", "please",
    "sir", "madam", "ma'am", "hello", "hey",
})


def is_backchannel(text: str, seconds: float | None = None) -> bool:
    """Is this a listener's "mm-hm", "right", "I see" (at most three such words), which
    tells the speaker to go on rather than asking for the floor?

    Whisper tiny often writes a short hum as words ("Mm-hm." heard as "And I'm hm,"), so
    with `seconds` of speech under 0.8 s, three words or fewer with a hum among them
    count too, as does any murmur under 0.55 s, unless a word takes the floor ("wait",
    "sorry", "no"...)."""
    words = [w.strip(".,!?;:…-") for w in text.lower().split()]
    words = [w for w in words if w]
    if not 0 < len(words) <= 4:
        return False
    if len(words) <= 3 and all(w in _BACKCHANNEL for w in words):
        return True
    if seconds is None or any(w in _TAKES_FLOOR for w in words):
        return False
    # a hum Whisper wrote as words, or any murmur this short that asks for nothing
    return (seconds <= 0.8 and any(w in _HUM for w in words)) or seconds <= 0.55


def sounds_finished(text: str) -> bool:
    """Does this transcript end like a finished turn (not mid-sentence or on a filler)?

    Whisper puts a full stop after almost anything, so the last word decides; a
    trailing comma or "..." means the speaker was carrying on.
    """
    text = text.strip()
    if not text or text.endswith((",", "...", "…", "-", ";", ":")):
        return False
    words = text.lower().rstrip(".?!").replace(",", " ").split()
    return bool(words) and words[-1] not in _GOES_ON


def trails_off(text: str) -> bool:
    """Does the transcript end mid-thought: on "and", "so", "um", "the"... or "..."?
    (A bare comma is weaker evidence: Whisper writes one at many sentence ends.)"""
    text = text.strip()
    if not text or text.endswith(("...", "…", "-", "—")):
        return True
    words = text.lower().rstrip(".?!,;:").replace(",", " ").split()
    return not words or words[-1] in _GOES_ON


@dataclass(frozen=True, slots=True)
class Piece:
    """One stretch of text to synthesise; `sensitive` stretches are muted when recorded."""

    text: str
    sensitive: bool = False


def sentences(text: str) -> list[str]:
    """Split into sentences, keeping their punctuation; "" gives []."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _split_first(sentence: str) -> list[str]:
    """A long first sentence split at its first comma, so the first audio comes sooner."""
    if len(sentence.split()) < _LONG_FIRST_SENTENCE_WORDS or "," not in sentence:
        return [sentence]
    head, tail = sentence.split(",", 1)
    if len(head.split()) < _FIRST_CLAUSE_MIN_WORDS or not tail.strip():
        return [sentence]
    return [head.strip() + ",", tail.strip()]


def spell_digits(text: str) -> str:
    """"555-0142" -> "five five five, zero one four two"; groups of 5+ digits only,
    so "2 pizzas" and "12 Oak Street" stay as they are."""

    def spell(m: re.Match[str]) -> str:
        groups = [g for g in re.split(r"[ \-]+", m.group()) if g]
        return ", ".join(" ".join(_DIGIT_WORD[d] for d in g) for g in groups)

    return _DIGIT_GROUP.sub(spell, text)


def pieces(text: str) -> list[Piece]:
    """The reply as speakable pieces in order: sentences, the first one maybe split,
    card-like digit runs cut out as sensitive pieces."""
    out: list[Piece] = []
    for i, sentence in enumerate(sentences(text)):
        parts = _split_first(sentence) if i == 0 else [sentence]
        for part in parts:
            out.extend(_sensitive_split(part))
    return out


def _sensitive_split(sentence: str) -> list[Piece]:
    runs = [r for r in digit_runs(sentence) if len(r.digits) >= SENSITIVE_MIN_DIGITS]
    if not runs:
        return [Piece(spell_digits(sentence))]
    out: list[Piece] = []
    last = 0
    for run in runs:
        before = sentence[last:run.start].strip()
        if before:
            out.append(Piece(spell_digits(before)))
        spoken = " ".join(_DIGIT_WORD[d] for d in run.digits)
        # read in groups of four, the way a card is printed
        words = spoken.split()
        grouped = ", ".join(" ".join(words[i:i + 4]) for i in range(0, len(words), 4))
        out.append(Piece(grouped + ".", sensitive=True))
        last = run.end
    rest = sentence[last:].strip(" ,")
    if rest and any(ch.isalnum() for ch in rest):
        out.append(Piece(spell_digits(rest)))
    return out
