"""Measurements of one turn's audio for diction scoring: loudness, clipping, pauses, pitch.

Scorers are pure functions of the transcript, so everything diction needs from the
sound itself is measured here, once, when the turn is captured, and stored on the
operator's event as a small dict of numbers (`Event.audio`). Only numpy is used:
10 ms frame levels give speech vs silence (an energy voice-activity detector relative
to the clip's own noise floor, so a quiet room and a noisy one are treated alike),
and a short-time autocorrelation gives the pitch track used for "monotone" delivery.

The keys are documented in docs/diction.md; every value is a plain float or int so
the dict goes into the transcript JSON as it is.
"""

from __future__ import annotations

import itertools
from typing import Any

from simulator.speech import audio as au
from simulator.speech.types import Audio

FRAME_S = 0.010
CLIP_LEVEL = 0.999          # |sample| at or above this is full scale (clipped)
MIN_PAUSE_S = 0.25          # a silence this long inside speech is a pause (not a stop consonant)
MIN_BURST_S = 0.06          # shorter loud bursts are clicks, not speech
MERGE_GAP_S = 0.12          # speech separated by less than this is one stretch
F0_MIN_HZ, F0_MAX_HZ = 70.0, 500.0   # adults and children
PITCH_MIN_VOICED_S = 1.0    # below this much voiced speech the pitch spread is not reported
SILENT_PEAK_DB = -50.0      # a clip whose loudest 10 ms is below this has no speech


def _db(x: Any) -> Any:
    n = au.np()
    return 20.0 * n.log10(n.maximum(x, 1e-6))


def frame_levels(audio: Audio) -> Any:
    """RMS level in dBFS of each 10 ms frame."""
    n = au.np()
    hop = max(1, round(audio.rate * FRAME_S))
    frames = len(audio.samples) // hop
    if frames == 0:
        return n.zeros(0, dtype=n.float32)
    x = audio.samples[: frames * hop].astype(n.float32).reshape(frames, hop)
    return _db(n.sqrt(n.mean(x * x, axis=1)))


def speech_mask(levels: Any) -> tuple[Any, float]:
    """Which frames are speech, and the threshold used (dB).

    The threshold sits between the clip's noise floor (10th percentile of frame
    levels) and its loud speech (97th percentile): 35 % of the way up, and at least
    6 dB over the floor. Relative thresholds keep a quiet but clean recording and a
    loud one with room noise comparable.
    """
    n = au.np()
    if len(levels) == 0:
        return n.zeros(0, dtype=bool), 0.0
    floor = float(n.percentile(levels, 10))
    loud = float(n.percentile(levels, 97))
    thr = max(floor + 6.0, floor + 0.35 * (loud - floor), SILENT_PEAK_DB)
    mask = levels > thr
    mask = _close_gaps(mask, round(MERGE_GAP_S / FRAME_S))
    mask = _drop_short(mask, round(MIN_BURST_S / FRAME_S))
    return mask, thr


def _runs(mask: Any) -> list[tuple[int, int]]:
    """(start, end) frame index of each run of True."""
    n = au.np()
    if len(mask) == 0:
        return []
    padded = n.concatenate([[False], mask, [False]]).astype(n.int8)
    edges = n.diff(padded)
    starts = n.nonzero(edges == 1)[0]
    ends = n.nonzero(edges == -1)[0]
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def _close_gaps(mask: Any, frames: int) -> Any:
    out = mask.copy()
    runs = _runs(mask)
    for (_, end), (start, _) in itertools.pairwise(runs):
        if start - end <= frames:
            out[end:start] = True
    return out


def _drop_short(mask: Any, frames: int) -> Any:
    out = mask.copy()
    for start, end in _runs(mask):
        if end - start < frames:
            out[start:end] = False
    return out


def pitch_track(audio: Audio, voiced: Any) -> Any:
    """F0 in Hz for voiced 10 ms frames (40 ms windows), by normalised autocorrelation.

    Frames whose autocorrelation peak is weak (< 0.5) are unvoiced (fricatives, noise)
    and dropped, so the track holds only clearly periodic speech.
    """
    n = au.np()
    pcm = au.resample(audio, 16_000)
    x = pcm.samples.astype(n.float32)
    hop, win = 160, 640
    idx = n.nonzero(voiced)[0]
    idx = idx[(idx * hop + win) <= len(x)]
    if len(idx) == 0:
        return n.zeros(0)
    frames = n.stack([x[i * hop: i * hop + win] for i in idx])
    frames = frames - frames.mean(axis=1, keepdims=True)
    frames *= n.hanning(win).astype(n.float32)
    spec = n.fft.rfft(frames, 2 * win, axis=1)
    ac = n.fft.irfft(spec * n.conj(spec), axis=1)[:, :win]
    energy = ac[:, :1] + 1e-9
    ac = ac / energy
    lo, hi = int(16_000 / F0_MAX_HZ), int(16_000 / F0_MIN_HZ)
    band = ac[:, lo:hi]
    lag = n.argmax(band, axis=1) + lo
    peak = band[n.arange(len(band)), lag - lo]
    f0 = 16_000.0 / lag
    return f0[peak > 0.5]


def measure(audio: Audio) -> dict[str, Any]:
    """The turn's audio measurements (see the module docstring); {} for an empty clip."""
    n = au.np()
    if audio.rate <= 0 or len(audio.samples) == 0:
        return {}
    samples = audio.samples
    levels = frame_levels(audio)
    mask, thr = speech_mask(levels)
    runs = _runs(mask)
    duration = len(samples) / audio.rate
    peak = float(n.max(n.abs(samples))) if len(samples) else 0.0
    out: dict[str, Any] = {
        "duration_s": round(duration, 3),
        "peak_db": round(float(_db(peak)), 1),
        "clipped_ratio": round(float(n.mean(n.abs(samples) >= CLIP_LEVEL)), 5),
        "noise_db": round(float(n.percentile(levels, 10)), 1) if len(levels) else -120.0,
    }
    if not runs:
        out.update(speech_s=0.0, pauses=0, pause_s=0.0, longest_pause_s=0.0,
                   lead_s=round(duration, 3), trail_s=0.0)
        return out
    first, last = runs[0][0] * FRAME_S, runs[-1][1] * FRAME_S
    gaps = [(b0 - a1) * FRAME_S for (_, a1), (b0, _) in itertools.pairwise(runs)]
    pauses = [g for g in gaps if g >= MIN_PAUSE_S]
    voiced_levels = levels[mask]
    # loudness consistency over 250 ms windows of speech, so syllable rhythm is not "inconsistency"
    win = 25
    chunks = [float(n.mean(voiced_levels[i:i + win])) for i in range(0, len(voiced_levels) - win + 1, win)]
    out.update(
        speech_s=round(float(mask.sum()) * FRAME_S, 3),
        lead_s=round(first, 3),
        trail_s=round(max(0.0, duration - last), 3),
        span_s=round(last - first, 3),
        pauses=len(pauses),
        pause_s=round(sum(pauses), 3),
        longest_pause_s=round(max(pauses, default=0.0), 3),
        level_db=round(float(n.mean(voiced_levels)), 1),
        level_db_std=round(float(n.std(chunks)), 2) if len(chunks) >= 2 else 0.0,
        snr_db=round(float(n.percentile(voiced_levels, 90) - out["noise_db"]), 1),
        threshold_db=round(thr, 1),
    )
    f0 = pitch_track(audio, mask)
    voiced_pitch_s = len(f0) * FRAME_S
    out["voiced_pitch_s"] = round(voiced_pitch_s, 2)
    if voiced_pitch_s >= PITCH_MIN_VOICED_S:
        semis = 12.0 * n.log2(f0 / float(n.median(f0)))
        # robust spread: half the 10-90 % range, in semitones (octave jumps of the tracker trimmed)
        lo, hi = n.percentile(semis, [10, 90])
        out["f0_hz"] = round(float(n.median(f0)), 1)
        out["f0_range_st"] = round(float(hi - lo) / 2.0, 2)
    return out


def measure_turn(audio: Audio | None) -> dict[str, Any]:
    """`measure` for a live turn: {} when there is no audio or it cannot be measured.

    Called inside the call loop, so it never raises: a measurement problem must not
    cost the trainee the turn; diction then says what it could not measure.
    """
    if audio is None:
        return {}
    try:
        return measure(audio)
    except Exception:  # numpy missing, odd array: no measurements rather than a broken call
        return {}
