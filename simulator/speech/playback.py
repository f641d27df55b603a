"""Where customer audio goes: the sound card through PyAudio, or nowhere at real-time pace.

Audio is written in short blocks so a barge-in can stop the customer within ~50 ms,
as a person would stop talking when interrupted.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol

from simulator.speech import audio as au
from simulator.speech.extras import need, quiet_native_stderr
from simulator.speech.types import Audio, SpeechUnavailable

BLOCK_S = 0.04


class Player(Protocol):
    """Plays mono audio; `write` returns when the block is queued to the device."""

    def write(self, audio: Audio) -> None: ...

    def drain(self) -> None: ...

    def close(self) -> None: ...


class NullPlayer:
    """No device: drops audio, optionally taking as long as playing it would (so a
    benchmark or a test sees real-time turn-taking)."""

    def __init__(self, *, paced: bool = True) -> None:
        self.paced = paced
        self.played_s = 0.0
        self._until = 0.0

    def write(self, audio: Audio) -> None:
        self.played_s += audio.seconds
        if self.paced:
            now = time.monotonic()
            self._until = max(self._until, now) + audio.seconds
            # stay at most one block ahead, like a device buffer
            ahead = self._until - now - BLOCK_S
            if ahead > 0:
                time.sleep(ahead)

    def drain(self) -> None:
        if self.paced:
            wait = self._until - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def close(self) -> None:
        pass


class PyAudioPlayer:
    """The default output device via PortAudio; one stream per sample rate, reused."""

    def __init__(self, device_index: int | None = None) -> None:
        pyaudio = need("pyaudio", "audio output")
        with quiet_native_stderr():
            self._pa: Any = pyaudio.PyAudio()
        self._pyaudio = pyaudio
        self._device = device_index
        self._stream: Any = None
        self._rate = 0
        self._lock = threading.Lock()

    def _open(self, rate: int) -> Any:
        if self._stream is not None and self._rate == rate:
            return self._stream
        self.close_stream()
        try:
            with quiet_native_stderr():
                self._stream = self._pa.open(format=self._pyaudio.paInt16, channels=1, rate=rate,
                                             output=True, output_device_index=self._device,
                                             frames_per_buffer=int(rate * BLOCK_S))
        except OSError as exc:
            raise SpeechUnavailable(f"cannot open the audio output: {exc}") from exc
        self._rate = rate
        return self._stream

    def write(self, audio: Audio) -> None:
        with self._lock:
            self._open(audio.rate).write(au.to_int16_bytes(audio))

    def drain(self) -> None:
        """Wait while the device plays what is still queued: a blocking write returns
        once the data is in PortAudio's buffer, and closing the stream right after
        would cut the customer's last syllable."""
        with self._lock:
            stream = self._stream
            if stream is None:
                return
            try:
                queued_s = stream.get_output_latency()
            except OSError:
                return
        time.sleep(max(0.0, queued_s) + BLOCK_S)

    def close_stream(self) -> None:
        if self._stream is not None:
            try:
                self._stream.stop_stream()
                self._stream.close()
            except OSError:
                pass
            self._stream = None

    def close(self) -> None:
        with self._lock:
            self.close_stream()
            self._pa.terminate()


def play_audio(audio: Audio, player: Player) -> None:
    """Play a whole clip (replay of a recorded turn)."""
    step = max(1, int(audio.rate * BLOCK_S))
    for i in range(0, len(audio.samples), step):
        player.write(Audio(audio.samples[i:i + step], audio.rate))
    player.drain()
