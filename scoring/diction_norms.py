"""The norms diction is compared against, each with where it comes from.

One table so that the call scorer, the read-aloud scorer, the scorecard text and
docs/diction.md all quote the same numbers. A `Norm` maps a measurement to 0-100: full
marks inside [good_lo, good_hi], falling linearly to 0 at bad_lo / bad_hi. "Source"
says why these numbers: published figures where they exist, otherwise what the
speechocean762 calibration set (500 expert-rated readings, see BENCHMARKS.md) shows
for readers the experts rated fluent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Norm:
    name: str
    unit: str
    good_lo: float
    good_hi: float
    bad_lo: float
    bad_hi: float
    source: str

    def score(self, value: float) -> float:
        """100 inside the good range, linear to 0 at the bad limits."""
        if self.good_lo <= value <= self.good_hi:
            return 100.0
        if value < self.good_lo:
            span = self.good_lo - self.bad_lo
            return max(0.0, 100.0 * (value - self.bad_lo) / span) if span > 0 else 0.0
        span = self.bad_hi - self.good_hi
        return max(0.0, 100.0 * (self.bad_hi - value) / span) if span > 0 else 0.0

    def describe(self) -> str:
        lo = f"{self.good_lo:g}" if self.good_lo > float("-inf") else ""
        hi = f"{self.good_hi:g}" if self.good_hi < float("inf") else ""
        if lo and hi:
            return f"{lo}-{hi} {self.unit}"
        return f"≤ {hi} {self.unit}" if hi else f"≥ {lo} {self.unit}"


INF = float("inf")

PACE_CALL = Norm(
    "speaking rate", "words/min", 130, 170, 80, 230,
    "contact-centre coaching guidance of about 140-160 words a minute on the phone; "
    "conversational English runs about 150-190 (Tauroza & Allison 1990)")
PACE_READING = Norm(
    "reading rate", "words/min", 120, 200, 60, 280,
    "adults read English aloud at about 180 words a minute (Brysbaert 2019); speechocean762 "
    "readers rated fluent (9+) read at 122-250 (10th-90th percentile, median 170)")
ARTICULATION = Norm(
    "articulation rate (pauses excluded)", "syllables/s", 3.0, 6.5, 1.5, 8.5,
    "fluent adult English is about 4-6 syllables a second without pauses (Jacewicz, Fox & Wei 2010)")
PAUSES = Norm(
    "time in pauses inside turns", "% of speaking time", -INF, 15, -INF, 45,
    "pauses over 250 ms inside speech are the hesitation measure of fluency research "
    "(Kormos & Dénes 2004); 90% of speechocean762 readings rated fluent (9+) have none "
    "inside a sentence, and a call turn has room for a breath between sentences")
LONGEST_PAUSE = Norm(
    "longest pause inside a turn", "s", -INF, 1.0, -INF, 3.0,
    "a silence over about a second inside a turn reads as hesitation or dead air on a call")
FILLERS = Norm(
    "fillers (um, uh, er)", "per minute", -INF, 3.0, -INF, 12.0,
    "'uh'/'um' occur about 1-2 times per 100 words in conversation (Bortfeld et al. 2001): "
    "2-3 a minute at telephone pace")
CLARITY = Norm(
    "recogniser confidence per word", "mean probability", 0.80, INF, 0.35, INF,
    "Whisper tiny.en's mean word confidence is about 0.89 on clear synthetic speech (Piper) "
    "and 0.83 (median) on speechocean762 readings rated 9+; a word under 0.5 is listed as unclear")
UNCLEAR_SHARE = Norm(
    "words recognised with confidence under 0.5", "% of words", -INF, 10.0, -INF, 40.0,
    "Whisper tiny.en leaves about 5% of words under 0.5 on clear synthetic speech (Piper) and "
    "14% (median) on short sentences read by speechocean762 readers rated 9+; each unclear "
    "word is one a listener may ask to hear again")
LOUDNESS_STD = Norm(
    "loudness variation (250 ms windows of speech)", "dB", -INF, 6.0, -INF, 14.0,
    "level varying by more than about 6 dB between phrases makes a listener reach for the "
    "volume; measured on 250 ms windows so syllable rhythm does not count")
LEVEL = Norm(
    "speech level", "dBFS", -38.0, -12.0, -55.0, -3.0,
    "telephone speech is best at about -26 dBFS (ITU-T P.56 active speech level); "
    "below -40 the far end strains, near 0 it distorts")
CLIPPING = Norm(
    "clipped samples", "% of samples", -INF, 0.1, -INF, 2.0,
    "any sample at full scale is distortion; above ~0.1% it is audible")
PITCH_RANGE = Norm(
    "pitch movement (half the 10-90% range)", "semitones", 2.0, INF, 0.8, INF,
    "English speakers' pitch span is typically 4-8 semitones (Mennen, Schaeffler & Docherty "
    "2012); under about 2 semitones half-range sounds flat. Only measured with at least 3 s "
    "of clearly voiced speech")

ALL = (PACE_CALL, PACE_READING, ARTICULATION, PAUSES, LONGEST_PAUSE, FILLERS, CLARITY, UNCLEAR_SHARE,
       LOUDNESS_STD, LEVEL, CLIPPING, PITCH_RANGE)
