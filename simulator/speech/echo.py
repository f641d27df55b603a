"""Echo cancellation: take the customer's own voice out of the microphone.

With laptop speakers the microphone hears the customer's line as well as the trainee.
Without cancelling, the listener would take that for the trainee barging in (and
Whisper would transcribe the customer's words as the trainee's). The canceller is
Speex's adaptive echo canceller (with its residual-echo suppressor) as shipped in the
`pyaec` wheel: it learns the path from speaker to microphone from the reference,
which is exactly what the app sent to the speaker.

Timing is the whole trick: the reference is laid on a timeline as it is written to the
output (`EchoReference.push`), each microphone chunk is matched with the reference up
to the moment that chunk was captured, so the echo always lags its reference by the
output and input latency (tens to a few hundred ms), inside the filter's 256 ms.
`aec-audio-processing` (WebRTC's AEC3) was the first choice; it ships only as source
that compiles WebRTC for minutes, and the speexdsp bindings need the system library.
Speex alone adapts too slowly for the first words of a line, hence the direct-path
stage in front of it (see EchoCanceller).
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from simulator.speech import audio as au
from simulator.speech.extras import need
from simulator.speech.types import Audio

RATE = 16_000
FILTER_SAMPLES = 4096      # 256 ms of echo path
RING_S = 8.0               # reference kept this long
IDLE_S = 1.0               # no reference for this long: pass the microphone through
MAX_LAG_S = 0.4            # the longest speaker-to-microphone delay looked for
ESTIMATE_EVERY = 8         # chunks between direct-path estimates (256 ms)
RESYNC = int(0.15 * RATE)  # re-anchor the microphone's sample count past this drift


class EchoReference:
    """What went to the speaker, at 16 kHz, placed on the monotonic clock."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        n = au.np()
        self._clock = clock
        self._t0 = clock()
        self._size = int(RING_S * RATE)
        self._ring = n.zeros(self._size, dtype=n.int16)
        self._end = 0           # sample index (since _t0) just after the last pushed block
        self._lock = threading.Lock()
        self.last_push = -1e9

    def index(self, t: float) -> int:
        return int((t - self._t0) * RATE)

    def push(self, audio: Audio, at: float | None = None) -> None:
        """A block just handed to the output; it plays from about now."""
        n = au.np()
        pcm = au.resample(audio, RATE).samples
        data = (n.clip(pcm, -1.0, 1.0) * 32767).astype(n.int16)
        now = self._clock() if at is None else at
        with self._lock:
            start = max(self._end, self.index(now))
            if start - self._end > self._size:  # a long silence: clear the whole ring
                self._ring[:] = 0
            else:
                self._clear(self._end, start)
            idx = (start + n.arange(len(data))) % self._size
            self._ring[idx] = data
            self._end = start + len(data)
            self.last_push = now

    def _clear(self, a: int, b: int) -> None:
        n = au.np()
        if b > a:
            self._ring[(a + n.arange(b - a)) % self._size] = 0

    def window(self, end: int, count: int) -> Any:
        """The reference for samples [end-count, end) of the timeline (zeros where none)."""
        n = au.np()
        with self._lock:
            out = n.zeros(count, dtype=n.int16)
            lo = max(end - count, self._end - self._size)
            hi = min(end, self._end)
            if hi > lo:
                out[lo - (end - count):hi - (end - count)] = self._ring[n.arange(lo, hi) % self._size]
            return out


_LAST_PATH: list[Any] = [0, 0.0]


class EchoCanceller:
    """Two stages over 32 ms chunks; `process(chunk, captured_at)` -> cleaned chunk.

    1. The direct path: every quarter second the lag (0-400 ms) and gain of the
       speaker-to-microphone path are estimated by cross-correlating the last second
       of microphone and reference (when they correlate clearly), and the reference,
       so delayed and scaled, is subtracted. This is what Speex alone is slow at: it
       needed 1-2 s of the customer talking to reach 12 dB (measured on the virtual
       loop), and the first words of every line would sound like the trainee.
    2. Speex's adaptive filter and residual-echo suppressor take out what is left
       (room reflections, a speaker's colouring), fed the already aligned reference.
    """

    name = "speex"

    def __init__(self, reference: EchoReference, chunk: int = 512) -> None:
        pyaec = need("pyaec", "echo cancellation")
        n = au.np()
        self.reference = reference
        self.chunk = chunk
        self._aec = pyaec.Aec(chunk, FILTER_SAMPLES, RATE, True)
        self._hist_mic = n.zeros(RATE, dtype=n.float32)
        self._mic_base: int | None = None  # timeline index of the microphone's first sample
        self._mic_count = 0
        self._since = 0
        # samples the echo arrives after its reference, and its gain: the last path found
        # in this app session, since a machine's speaker-to-microphone path rarely moves
        self.lag, self.gain = _LAST_PATH
        self.frames = 0
        self.cancelled = 0

    def _estimate(self, end: int) -> None:
        """Lag and gain of the direct path from the last second (FFT cross-correlation)."""
        n = au.np()
        mic = self._hist_mic
        ref = self.reference.window(end, len(mic)).astype(n.float32)
        if not ref.any() or not mic.any():
            return
        size = 2 * len(mic)
        corr = n.fft.irfft(n.fft.rfft(mic, size) * n.conj(n.fft.rfft(ref, size)), size)
        max_lag = int(MAX_LAG_S * RATE)
        lags = corr[:max_lag]
        lag = int(n.argmax(lags))
        shifted = self.reference.window(end - lag, len(mic)).astype(n.float32)
        energy = float(n.dot(shifted, shifted))
        if energy <= 0:
            return
        gain = float(n.dot(mic, shifted)) / energy
        r = float(n.dot(mic, shifted)) / (math.sqrt(energy * float(n.dot(mic, mic))) or 1.0)
        if r > 0.5 and 0.0 < gain < 4.0:  # a clear echo path, not the trainee talking
            self.lag, self.gain = lag, gain
            _LAST_PATH[:] = [lag, gain]

    @property
    def knows_path(self) -> bool:
        """False until the echo path has been measured: until then (the first fraction
        of a second of the first customer line) the microphone cannot tell the
        customer's voice from the trainee's, and the listener treats it as echo."""
        return self.gain > 0.0

    def playing(self, captured_at: float) -> bool:
        return captured_at - self.reference.last_push <= IDLE_S + MAX_LAG_S

    def process(self, data: bytes, captured_at: float) -> bytes:
        """The microphone chunk ending at `captured_at` with the customer's voice removed."""
        n = au.np()
        mic = n.frombuffer(data, dtype=n.int16).astype(n.float32)
        # The microphone is a continuous stream: its samples are counted, not timed (a
        # clock read per chunk jitters by a few ms, and a few samples off is enough to
        # double an echo instead of cancelling it). The clock only re-anchors the count
        # when the two drift apart (a dropped buffer).
        by_clock = self.reference.index(captured_at)
        self._mic_count += len(mic)
        if self._mic_base is None or abs(self._mic_base + self._mic_count - by_clock) > RESYNC:
            self._mic_base = by_clock - self._mic_count
        end = self._mic_base + self._mic_count
        self._hist_mic = n.concatenate([self._hist_mic[len(mic):], mic])
        if captured_at - self.reference.last_push > IDLE_S + MAX_LAG_S:
            return data  # nothing played lately: no echo to cancel
        self.frames += 1
        self._since += 1
        if self._since >= ESTIMATE_EVERY or not self.knows_path:
            self._since = 0
            self._estimate(end)
        ref = self.reference.window(end - self.lag, len(mic))
        if not ref.any():
            return data
        direct = mic - self.gain * ref.astype(n.float32)
        pre = n.clip(direct, -32768, 32767).astype(n.int16)
        self.last_direct = float(n.sqrt(n.mean(direct * direct)))
        out = self._aec.cancel_echo(pre.tolist(), ref.tolist())
        self.cancelled += 1
        return n.asarray(out, dtype=n.int16).tobytes()
