"""Record one long take from the microphone: a read-aloud passage, not a call turn.

A call turn ends at the first 0.7 s of silence; a candidate reading a passage pauses
longer than that between sentences, so the phone test records differently: from the
first sound until the candidate says they are done (`stop` is set, e.g. a key), or
`end_silence_s` of silence after they have spoken, or `max_s` in all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from simulator.speech import audio as au
from simulator.speech.extras import quiet_native_stderr
from simulator.speech.sources import CHUNK, RATE, microphone
from simulator.speech.types import Audio

SPEECH_DB = -45.0   # a 32 ms chunk louder than this counts as sound


def record(stop: threading.Event | None = None, *, max_s: float = 120.0, end_silence_s: float = 4.0,
           wait_s: float = 15.0, on_level: Callable[[float], None] | None = None,
           source: object | None = None) -> Audio:
    """Record until stopped, silent for `end_silence_s` after speech, or `max_s`.

    Raises SpeechUnavailable when there is no microphone; returns what was heard
    (maybe silence: the phone test's audio check says so) after `wait_s` with no sound.
    """
    n = au.np()
    mic = source if source is not None else microphone()
    chunks: list[bytes] = []
    heard = False
    quiet = 0.0
    chunk_s = CHUNK / RATE
    t0 = time.monotonic()
    with quiet_native_stderr(), mic as src:  # type: ignore[attr-defined]
        while time.monotonic() - t0 < max_s:
            if stop is not None and stop.is_set():
                break
            data = src.stream.read(CHUNK)
            if not data:
                break
            chunks.append(data)
            x = n.frombuffer(data, dtype=n.int16).astype(n.float32) / 32768.0
            level = 20.0 * float(n.log10(max(1e-6, float(n.sqrt(n.mean(x * x))))))
            if on_level is not None:
                on_level(level)
            if level > SPEECH_DB:
                heard, quiet = True, 0.0
            else:
                quiet += chunk_s
            if heard and quiet >= end_silence_s:
                break
            if not heard and len(chunks) * chunk_s >= wait_s:
                break
    return au.from_int16_bytes(b"".join(chunks), RATE)
