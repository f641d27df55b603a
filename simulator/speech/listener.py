"""One trainee turn from a live source: wait for speech, find its end, recognise it.

SpeechRecognition does the capture and the end-of-turn detection (`Recognizer.listen`
in streaming mode, energy threshold calibrated on the room's noise, a short trailing
silence window). Around it, two things a call needs that `listen` alone does not give:

- Barge-in: while the customer is talking, speech that lasts ~0.2 s stops the customer
  (the playback) and marks the utterance `barged_in`. The threshold is raised during
  playback so the customer's own voice leaking from the speakers is not taken for the
  trainee (a headset is still the better set-up).
- Early recognition: when the trainee pauses for `speculate_ms`, decoding of the audio
  so far starts in the background. If the pause turns out to be the end of the turn,
  the result is (nearly) ready when the end is confirmed; if they go on talking, it is
  thrown away and the whole turn is decoded at the end.
- Two end-of-turn windows: people pause 300-400 ms at commas and between sentences,
  so a fixed 300 ms window cuts turns in half and the customer answers half a
  sentence. A turn ends after `end_silence_ms` (300) only when the early transcript
  sounds finished (final punctuation, not ending on "and", "so", "um"...); otherwise
  after `max_end_silence_ms` (700), which is sr's own pause threshold.
"""

from __future__ import annotations

import concurrent.futures
import math
import threading
import time
from typing import Any

from simulator.speech import audio as au
from simulator.speech.cache import BusyGate
from simulator.speech.config import SpeechConfig
from simulator.speech.extras import need, quiet_native_stderr
from simulator.speech.sources import CHUNK, RATE
from simulator.speech.text import sounds_finished
from simulator.speech.types import Audio, Utterance

sr = need("speech_recognition", "speech input")

MAX_PHRASE_S = 28.0        # Whisper's window is 30 s
BARGE_IN_FACTOR = 2.5      # energy threshold multiplier while the customer talks
BARGE_IN_MIN_S = 0.19      # sustained speech that counts as talking over the customer
CONTINUATION_S = 1.0       # speech this soon after the trainee's last turn carries it on
MIN_TURN_SPEECH_S = 0.09   # shorter bursts (a click, a cough) are ignored
_SLICE_S = 0.25            # how often the wait checks playback and cancellation


class VoiceListener:
    """SpeechIn over an sr.AudioSource (Microphone or FedSource) and a recogniser."""

    def __init__(self, recognizer: Any, source: Any, *, config: SpeechConfig | None = None,
                 gate: BusyGate | None = None, calibrate_s: float = 0.0) -> None:
        self.config = config or SpeechConfig.from_env()
        self.recognizer = recognizer
        self.source = source
        self.gate = gate or BusyGate()
        self.calibrate_s = calibrate_s
        self.threshold = float(self.config.energy_floor)
        chunk_s = CHUNK / RATE
        self._chunk_s = chunk_s
        rec = sr.Recognizer()
        rec.dynamic_energy_threshold = False
        # sr ends a phrase after ceil(pause/chunk)+1 quiet chunks: the long window
        long_s = max(self.config.max_end_silence_ms, self.config.end_silence_ms) / 1000
        rec.pause_threshold = max(chunk_s, long_s - chunk_s)
        self._short_chunks = max(1, math.ceil(self.config.end_silence_ms / 1000 / chunk_s))
        rec.non_speaking_duration = min(0.25, rec.pause_threshold)
        rec.phrase_threshold = 0.0  # too-short bursts are filtered here, not retried inside sr
        self._rec = rec
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="callsim-stt")
        self._opened = False
        self._last_turn_end = 0.0
        self.last_timings: dict[str, float] = {}

    # -- lifecycle -----------------------------------------------------------------
    def open(self) -> VoiceListener:
        if not self._opened:
            with quiet_native_stderr():  # sr.Microphone starts PortAudio here
                self.source.__enter__()
            self._opened = True
            if self.calibrate_s > 0:
                self._rec.energy_threshold = self.threshold
                self._rec.adjust_for_ambient_noise(self.source, duration=self.calibrate_s)
                self.threshold = max(float(self.config.energy_floor), float(self._rec.energy_threshold))
        return self

    def close(self) -> None:
        if self._opened:
            self._opened = False
            self.source.__exit__(None, None, None)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> VoiceListener:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one turn ------------------------------------------------------------------
    def _energy(self, data: bytes) -> float:
        n = au.np()
        x = n.frombuffer(data, dtype=n.int16).astype(n.float32)
        return float(math.sqrt(float(n.mean(x * x)))) if len(x) else 0.0

    def _decode(self, data: bytes) -> Utterance:
        return self.recognizer.transcribe(au.from_int16_bytes(data, RATE))

    def listen(self, *, timeout_s: float, during: Any = None,
               cancel: threading.Event | None = None) -> Utterance:
        """Wait up to `timeout_s` of silence (counted after `during` finishes playing)
        for the trainee to speak; return what they said, or a silent Utterance."""
        self.open()
        waited = 0.0
        while True:
            if cancel is not None and cancel.is_set():
                return Utterance(text="", source="cancelled")
            playing = during is not None and getattr(during, "active", False)
            self._rec.energy_threshold = self.threshold * (BARGE_IN_FACTOR if playing else 1.0)
            slice_s = _SLICE_S if (playing or cancel is not None) else timeout_s - waited
            if not playing:
                slice_s = min(slice_s, timeout_s - waited)
            slice_s = max(slice_s, self._chunk_s)
            try:
                stream = self._rec.listen(self.source, timeout=slice_s, phrase_time_limit=MAX_PHRASE_S,
                                          stream=True)
                first = next(stream)
            except sr.WaitTimeoutError:
                if not playing:
                    waited += slice_s
                if waited >= timeout_s - 1e-6:
                    return Utterance(text="", silence_s=round(waited, 2))
                continue
            except StopIteration as exc:  # the source ran dry (fed audio finished)
                raise EOFError("the audio source has ended") from exc
            utt = self._phrase(first.frame_data, stream, during if playing else None)
            if utt is not None:
                return utt
            # a click or a cough: keep waiting, the time it took counts as silence
            if not playing:
                waited += self._chunk_s * 4

    def _phrase(self, first: bytes, stream: Any, during: Any) -> Utterance | None:
        """Consume one phrase from the sr stream; None if it was too short to be speech."""
        with self.gate:
            t_start = time.monotonic()
            chunks = [first]
            thr = self._rec.energy_threshold
            loud = 1
            last_loud = 0
            last_loud_at = t_start
            quiet_run = 0
            barged = False
            early = False
            spec: concurrent.futures.Future[Utterance] | None = None
            spec_upto = 0
            spec_ms = self.config.speculate_ms
            spec_chunks = math.ceil(spec_ms / 1000 / self._chunk_s) if spec_ms else 0
            barge_chunks = math.ceil(BARGE_IN_MIN_S / self._chunk_s)
            for piece in stream:
                data = piece.frame_data
                chunks.append(data)
                if self._energy(data) > thr:
                    loud += 1
                    quiet_run = 0
                    last_loud = len(chunks)
                    last_loud_at = time.monotonic()
                else:
                    quiet_run += 1
                if during is not None and not barged:
                    if not during.active:  # the customer finished first: an ordinary turn
                        during = None
                    elif loud >= barge_chunks:
                        # the customer stops; it is an interruption only if they had
                        # started talking (not while their line was still being made)
                        # (or if the trainee is carrying on a turn cut at a pause: the
                        # customer yields, but nobody was interrupted)
                        barged = (getattr(during, "first_audio_at", 0.0) is not None
                                  and t_start - self._last_turn_end > CONTINUATION_S)
                        during.stop()
                        if not barged:
                            during = None
                    if during is None or barged:
                        thr = self.threshold
                        self._rec.energy_threshold = thr  # back to normal for the end of turn
                if (spec_chunks and quiet_run == spec_chunks and loud * self._chunk_s >= MIN_TURN_SPEECH_S
                        and (spec is None or spec.done())):
                    spec_upto = len(chunks)
                    spec = self._pool.submit(self._decode, b"".join(chunks))
                settled = spec is not None and last_loud <= spec_upto and spec.done()
                if (settled and quiet_run >= self._short_chunks and (during is None or barged)
                        and sounds_finished(spec.result().text)):  # type: ignore[union-attr]
                    early = True
                    stream.close()  # the short window: the turn sounds finished
                    break
            t_eot = time.monotonic()
            if loud * self._chunk_s < MIN_TURN_SPEECH_S or (during is not None and not barged):
                # too short, or a murmur under the customer's voice ("mm-hm", echo)
                if spec is not None:
                    spec.cancel()
                return None
            audio_bytes = b"".join(chunks)
            used_spec = spec is not None and last_loud <= spec_upto
            if used_spec:
                assert spec is not None
                utt = spec.result()
            else:
                utt = self._pool.submit(self._decode, audio_bytes).result()
            t_done = time.monotonic()
            self._last_turn_end = t_eot
            utt.audio = au.from_int16_bytes(audio_bytes, RATE)
            utt.barged_in = barged
            utt.timings.update({
                "speech_start": t_start, "speech_end": last_loud_at, "end_of_turn": t_eot,
                "recognised": t_done, "speculated": 1.0 if used_spec else 0.0,
                "short_window": 1.0 if early else 0.0,
                "eot_wait_s": t_eot - last_loud_at, "recognition_s": t_done - t_eot,
            })
            self.last_timings = dict(utt.timings)
            return utt


def listener_for_audio(recognizer: Any, audio: Audio, **kwargs: Any) -> VoiceListener:
    """A listener over a FedSource preloaded with `audio` (tests)."""
    from simulator.speech.sources import FedSource

    src = FedSource(realtime=False)
    src.feed(audio)
    return VoiceListener(recognizer, src, **kwargs)
