"""Small numpy helpers on mono audio: convert, resample, pitch-shift, mute, read/write WAV.

Every engine speaks a different dialect (Piper float32 at 22.05 kHz, espeak int16 at
22.05 kHz, the microphone int16 at 16 kHz, Whisper float32 at 16 kHz); these helpers
are the one place where samples change shape. numpy comes with the `voice` extra.
"""

from __future__ import annotations

import wave
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simulator.speech.extras import need
from simulator.speech.types import Audio

WHISPER_RATE = 16_000


def np() -> Any:
    """numpy, imported on first use (the core package must import without it)."""
    return need("numpy")


def from_int16_bytes(data: bytes, rate: int) -> Audio:
    n = np()
    return Audio(n.frombuffer(data, dtype=n.int16).astype(n.float32) / 32768.0, rate)


def to_int16_bytes(audio: Audio) -> bytes:
    n = np()
    return (n.clip(audio.samples, -1.0, 1.0) * 32767.0).astype(n.int16).tobytes()


def silence(seconds: float, rate: int) -> Audio:
    n = np()
    return Audio(n.zeros(max(0, round(seconds * rate)), dtype=n.float32), rate)


def concat(parts: Iterable[Audio], rate: int | None = None) -> Audio:
    """Join audio pieces (resampled to the first piece's rate, or `rate`)."""
    n = np()
    parts = list(parts)
    if not parts:
        return Audio(n.zeros(0, dtype=n.float32), rate or WHISPER_RATE)
    target = rate or parts[0].rate
    arrays = [resample(p, target).samples for p in parts]
    return Audio(n.concatenate(arrays).astype(n.float32), target)


def resample(audio: Audio, rate: int) -> Audio:
    """Linear-interpolation resampling: plenty for speech going into Whisper or a
    speaker, and no scipy/soxr dependency."""
    if audio.rate == rate or len(audio.samples) == 0:
        return Audio(audio.samples, rate)
    n = np()
    count = max(1, round(len(audio.samples) * rate / audio.rate))
    x_new = n.linspace(0, len(audio.samples) - 1, count)
    out = n.interp(x_new, n.arange(len(audio.samples)), audio.samples)
    return Audio(out.astype(n.float32), rate)


def shift_pitch(audio: Audio, factor: float) -> Audio:
    """Raise (factor > 1) or lower the pitch by playing the samples faster or slower.

    This also changes the speed by `factor`; the synthesiser compensates by making the
    speech `factor` times longer first (Piper's length scale), so only pitch changes.
    """
    if abs(factor - 1.0) < 1e-3:
        return audio
    squeezed = resample(Audio(audio.samples, audio.rate), round(audio.rate / factor))
    return Audio(squeezed.samples, audio.rate)


def rms(samples: Any) -> float:
    n = np()
    if len(samples) == 0:
        return 0.0
    return float(n.sqrt(n.mean(n.square(samples.astype(n.float32)))))


def mute(audio: Audio, spans: Iterable[tuple[float, float]]) -> Audio:
    """A copy with each (start_s, end_s) stretch set to silence (card numbers, PCI)."""
    samples = audio.samples.copy()
    for start, end in spans:
        a = max(0, int(start * audio.rate))
        b = min(len(samples), int(end * audio.rate) + 1)
        if b > a:
            samples[a:b] = 0.0
    return Audio(samples, audio.rate)


def read_wav(path: Path | str) -> Audio:
    """A 16-bit PCM WAV (mono or stereo, any rate) as mono float32."""
    n = np()
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM WAV is supported")
        data = n.frombuffer(w.readframes(w.getnframes()), dtype=n.int16).astype(n.float32) / 32768.0
        channels, rate = w.getnchannels(), w.getframerate()
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return Audio(data.astype(n.float32), rate)


def write_wav(path: Path | str, audio: Audio) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.rate)
        w.writeframes(to_int16_bytes(audio))
    return path
