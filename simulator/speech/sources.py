"""Audio sources for SpeechRecognition: the microphone, and a fed stream of WAV audio.

`FedSource` plays the part of a microphone for tests and the latency benchmark: clips
are queued with `feed()`, and between clips it delivers silence, at real-time pace if
asked (so end-of-turn detection and the benchmark see what a live trainee produces).
Both go through the same `sr.Recognizer.listen` code as the real microphone.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Any

from simulator.speech import audio as au
from simulator.speech.extras import need, quiet_native_stderr
from simulator.speech.types import Audio, SpeechUnavailable

sr = need("speech_recognition", "speech input")

RATE = 16_000
CHUNK = 512  # 32 ms: the resolution of end-of-turn detection


class FedSource(sr.AudioSource):  # type: ignore[misc,name-defined]
    """A 16 kHz mono 16-bit source fed from audio clips; silence when nothing is queued."""

    SAMPLE_RATE = RATE
    SAMPLE_WIDTH = 2
    CHUNK = CHUNK

    def __init__(self, *, realtime: bool = True, max_silence_s: float | None = None) -> None:
        self.realtime = realtime
        self.max_silence_s = max_silence_s
        self.stream: Any = None
        self._queue: collections.deque[bytes] = collections.deque()
        self._lock = threading.Lock()
        self.position = 0          # samples delivered so far
        self.queued_end = 0        # sample index where the last fed clip ends
        self._silent_run = 0
        self._t0 = 0.0

    def feed(self, audio: Audio) -> tuple[int, int]:
        """Queue a clip; returns its (first, end) sample index in the stream timeline.

        In real-time mode the clip starts "now", as a person would start speaking now:
        if the listener is behind (busy recognising), the silence until now is queued
        first, exactly as a microphone's buffer would hold it.
        """
        data = au.to_int16_bytes(au.resample(audio, RATE))
        with self._lock:
            end = self.position + sum(len(b) for b in self._queue) // 2
            if self.realtime and self.stream is not None:
                now = int((time.monotonic() - self._t0) * RATE)
                if now > end:
                    self._queue.append(bytes((now - end) * 2))
                    end = now
            self._queue.append(data)
            self.queued_end = end + len(data) // 2
            return end, self.queued_end

    def time_of(self, sample: int) -> float:
        """Monotonic time at which `sample` reached the listener (real-time mode)."""
        chunk_end = -(-sample // CHUNK) * CHUNK
        return self._t0 + chunk_end / RATE

    def __enter__(self) -> FedSource:
        self.stream = self
        self._t0 = time.monotonic() - self.position / RATE
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream = None

    def read(self, size: int) -> bytes:
        want = size * 2
        out = bytearray()
        with self._lock:
            while self._queue and len(out) < want:
                head = self._queue.popleft()
                take = want - len(out)
                out += head[:take]
                if len(head) > take:
                    self._queue.appendleft(head[take:])
        if out:
            self._silent_run = 0
        else:
            self._silent_run += size
            if self.max_silence_s is not None and self._silent_run / RATE > self.max_silence_s:
                return b""  # end of stream: nobody will speak again
        out += bytes(want - len(out))
        self.position += size
        if self.realtime:
            wait = self._t0 + self.position / RATE - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        return bytes(out)

    def close(self) -> None:
        pass


def microphone(device_index: int | None = None) -> Any:
    """SpeechRecognition's Microphone at Whisper's rate, in 32 ms chunks."""
    need("pyaudio", "microphone input")
    try:
        with quiet_native_stderr():
            return sr.Microphone(device_index=device_index, sample_rate=RATE, chunk_size=CHUNK)
    except (OSError, AttributeError) as exc:
        raise SpeechUnavailable(f"no microphone: {exc}") from exc
