"""One trainee turn from a live source: wait for speech, find its end, recognise it.

The listener reads the source (microphone, or fed WAV audio) in 32 ms chunks and asks a
voice-activity detector about each (Silero VAD by default; an energy threshold for the
silence-timer baseline, CALLSIM_EOT=silence). Around that, what a call needs:

- Echo: with echo cancelling on, each chunk has the customer's own voice (what the app
  sent to the speaker) subtracted before anything listens to it (see echo).
- Barge-in: while the customer is talking, ~0.1 s of speech pauses the customer at
  once (within a 40 ms block). Then the trainee's words decide: a backchannel ("mm-hm",
  "right") or the customer's own words coming back from the speakers resume the
  customer where they stopped; anything else stops them, and the turn is `barged_in`.
- Early recognition: when the trainee pauses for `speculate_ms`, decoding of the audio
  so far starts in the background. If the pause turns out to be the end of the turn,
  the result is (nearly) ready when the end is confirmed; if they go on talking, it is
  thrown away and the whole turn is decoded at the end.
- Two end-of-turn windows: a turn ends after `end_silence_ms` of quiet when the early
  transcript sounds finished (final punctuation, not ending on "and", "so", "um"...),
  halfway to the long window when only a trailing comma says otherwise, and after
  `max_end_silence_ms` when the words trail off. The long-pause setting stretches all.
- The customer's patience: with `patience_s` set (an impatient persona), a trainee who
  talks on past it is cut off; the turn keeps what they said so far, marked `cut_in`.
"""

from __future__ import annotations

import collections
import concurrent.futures
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from simulator.speech import audio as au
from simulator.speech.cache import BusyGate
from simulator.speech.config import SpeechConfig
from simulator.speech.extras import need, quiet_native_stderr
from simulator.speech.sources import CHUNK, RATE
from simulator.speech.text import is_backchannel, sounds_finished, trails_off
from simulator.speech.turn import SPEECH_P, EnergyVad, Vad, make_vad
from simulator.speech.types import Utterance

sr = need("speech_recognition", "speech input")

MAX_PHRASE_S = 28.0        # Whisper's window is 30 s
BARGE_IN_FACTOR = 2.5      # energy-baseline threshold multiplier while the customer talks
START_CHUNKS = 2           # 64 ms of speech starts a phrase
BARGE_IN_CHUNKS = 4        # 0.13 s of speech in a row over the customer pauses them
CONTINUATION_S = 1.0       # speech this soon after the trainee's last turn carries it on
MIN_TURN_SPEECH_S = 0.09   # shorter bursts (a click, a cough) are ignored
BACKCHANNEL_MAX_S = 1.2    # a backchannel is short
BARGE_IN_P = 0.8           # and be clearly speech (echo residue is often half-likely)
ECHO_RESIDUE = 0.5         # over the customer, speech must survive echo cancelling this well
ECHO_PHRASE_RESIDUE = 0.45  # a phrase quieter than this after cancelling was the customer
PREROLL_CHUNKS = 8         # audio kept from before the phrase started (its first sound)


def _words(text: str) -> list[str]:
    return [w.strip(".,!?;:…-—\"'").lower() for w in text.split() if w.strip(".,!?;:…-—\"'")]


def is_own_echo(heard: str, customer_line: str) -> bool:
    """Did the microphone only hear the customer's own line (speakers, no headset)?
    Most of the heard words come from the line being played."""
    words = _words(heard)
    line = set(_words(customer_line))
    return bool(words) and sum(w in line for w in words) >= max(1, round(0.7 * len(words)))


class VoiceListener:
    """SpeechIn over an sr.AudioSource (Microphone or FedSource) and a recogniser."""

    def __init__(self, recognizer: Any, source: Any, *, config: SpeechConfig | None = None,
                 gate: BusyGate | None = None, calibrate_s: float = 0.0, vad: Vad | None = None,
                 echo: Any = None) -> None:
        self.config = config or SpeechConfig.from_env()
        self.recognizer = recognizer
        self.source = source
        self.gate = gate or BusyGate()
        self.calibrate_s = calibrate_s
        self.threshold = float(self.config.energy_floor)
        self.baseline = self.config.eot == "silence"
        self.vad: Vad = vad or make_vad("energy" if self.baseline else "silero",
                                        energy_threshold=self.threshold)
        self.echo = echo  # echo.EchoCanceller, or None (a headset)
        self._chunk_s = CHUNK / RATE
        self._short_chunks = max(1, math.ceil(self.config.end_silence_ms / 1000 / self._chunk_s))
        long_ms = max(self.config.max_end_silence_ms, self.config.end_silence_ms)
        self._long_chunks = max(1, math.ceil(long_ms / 1000 / self._chunk_s))
        self._mid_chunks = (self._short_chunks + self._long_chunks) // 2
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="callsim-stt")
        self._opened = False
        self._last_turn_end = 0.0
        self.last_timings: dict[str, float] = {}
        self.resumed = 0  # customer lines resumed after a backchannel or an echo
        self._levels = (0.0, 0.0)  # the last chunk's level before and after echo cancelling

    # -- lifecycle -----------------------------------------------------------------
    def open(self) -> VoiceListener:
        if not self._opened:
            with quiet_native_stderr():  # sr.Microphone starts PortAudio here
                self.source.__enter__()
            self._opened = True
            if self.calibrate_s > 0 and self.baseline:
                self._calibrate(self.calibrate_s)
        return self

    def _calibrate(self, seconds: float) -> None:
        """The energy baseline's threshold: 1.5x the room's noise, never below the floor."""
        levels = [self._energy(self._read()) for _ in range(max(1, int(seconds / self._chunk_s)))]
        noise = sum(levels) / len(levels)
        self.threshold = max(float(self.config.energy_floor), 1.5 * noise)
        if isinstance(self.vad, EnergyVad):
            self.vad.threshold = self.threshold

    def close(self) -> None:
        if self._opened:
            self._opened = False
            self.source.__exit__(None, None, None)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> VoiceListener:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- audio in ------------------------------------------------------------------
    def _energy(self, data: bytes) -> float:
        n = au.np()
        x = n.frombuffer(data, dtype=n.int16).astype(n.float32)
        return float(math.sqrt(float(n.mean(x * x)))) if len(x) else 0.0

    def _captured_at(self) -> float:
        """When the chunk just read was captured (the end of it): what the echo
        canceller matches the reference against."""
        src = self.source
        if hasattr(src, "time_of"):  # FedSource: its own timeline
            return float(src.time_of(src.position))
        now = time.monotonic()
        stream = getattr(getattr(src, "stream", None), "pyaudio_stream", None)
        try:
            waiting = stream.get_read_available() if stream is not None else 0
        except OSError:
            waiting = 0
        return now - waiting / RATE

    def _read(self) -> bytes:
        data = self.source.stream.read(CHUNK)
        if not data:
            raise EOFError("the audio source has ended")
        if len(data) < CHUNK * 2:
            data = data + bytes(CHUNK * 2 - len(data))
        return data

    def _chunk(self, playing: bool) -> tuple[bytes, bool]:
        """The next chunk (echo removed) and whether it is the trainee's speech."""
        data = self._read()
        raw_level = 0.0
        unknown_echo = False
        if self.echo is not None:
            raw_level = self._energy(data)
            at = self._captured_at()
            data = self.echo.process(data, at)
            unknown_echo = playing and self.echo.playing(at) and not self.echo.knows_path
        level = self._energy(data)
        self._levels = (raw_level, level)
        if self.baseline:
            thr = self.threshold * (BARGE_IN_FACTOR if playing else 1.0)
            return data, level > thr
        if unknown_echo or (playing and raw_level > 0 and level < ECHO_RESIDUE * raw_level):
            # double talk check: the canceller took most of this chunk away, so it was
            # mostly the customer's own voice; the trainee talking over them leaves a
            # residue about as loud as the microphone signal
            self.vad.prob(data)  # keep the detector's state in step
            return data, False
        p = self.vad.prob(data)
        # both must agree: the VAD that it sounds like speech (not hum, a click, the
        # speakers), the level that there is sound at all. Silero holds its probability
        # up for a chunk or two after the last word, while the level drops at once: the
        # end of a turn is timed from the level, as the silence timer's was
        return data, p >= (BARGE_IN_P if playing else SPEECH_P) and level > self.threshold

    def _decode(self, data: bytes) -> Utterance:
        return self.recognizer.transcribe(au.from_int16_bytes(data, RATE))

    # -- one turn ------------------------------------------------------------------
    def listen(self, *, timeout_s: float, during: Any = None,
               cancel: threading.Event | None = None, patience_s: float | None = None,
               on_cut_in: Callable[[], None] | None = None) -> Utterance:
        """Wait up to `timeout_s` of silence (counted after `during` finishes playing)
        for the trainee to speak; return what they said, or a silent Utterance."""
        self.open()
        waited = 0.0
        pre: collections.deque[bytes] = collections.deque(maxlen=PREROLL_CHUNKS)
        run = 0
        while True:
            if cancel is not None and cancel.is_set():
                return Utterance(text="", source="cancelled")
            playing = during is not None and getattr(during, "active", False)
            data, speech = self._chunk(playing)
            pre.append(data)
            run = run + 1 if speech else 0
            if run >= (BARGE_IN_CHUNKS if playing else START_CHUNKS):
                utt = self._phrase(list(pre), run, during if playing else None, patience_s, on_cut_in)
                if utt is not None:
                    return utt
                pre.clear()
                run = 0
                continue
            if not playing:
                waited += self._chunk_s
                if waited >= timeout_s - 1e-6:
                    return Utterance(text="", silence_s=round(waited, 2))

    def _phrase(self, first: list[bytes], voiced: int, during: Any, patience_s: float | None,
                on_cut_in: Callable[[], None] | None = None) -> Utterance | None:
        """Consume one phrase; None if it was not the trainee's turn (too short to be
        speech, a backchannel or the customer's own echo under the customer's voice)."""
        with self.gate:
            now = time.monotonic()
            t_start = now - voiced * self._chunk_s
            chunks = list(first)
            loud = voiced
            last_loud = len(chunks)
            last_loud_at = now
            quiet_run = 0
            paused = False
            barged = False
            cut_in = False
            early = False
            t_paused: float | None = None
            raw_sq = clean_sq = 0.0  # energy over the phrase before / after echo cancelling
            spec: concurrent.futures.Future[Utterance] | None = None
            spec_upto = 0
            spec_ms = self.config.speculate_ms
            if getattr(self.source, "realtime", True) is False:
                # audio fed faster than real time (WAV tests) has
                # no clock for an early decode to race: whether it finished in time
                # would depend on the machine's load, so the same audio could end as
                # one turn or three. Such a turn ends on the long window, always
                spec_ms = 0
            spec_chunks = math.ceil(spec_ms / 1000 / self._chunk_s) if spec_ms else 0
            max_chunks = int(MAX_PHRASE_S / self._chunk_s)
            while True:
                try:
                    data, speech = self._chunk(during is not None and not paused)
                except EOFError:
                    if loud * self._chunk_s < MIN_TURN_SPEECH_S:
                        raise
                    break
                chunks.append(data)
                if paused or (during is not None and self.echo is not None):
                    raw_sq += self._levels[0] ** 2
                    clean_sq += self._levels[1] ** 2
                if speech:
                    loud += 1
                    quiet_run = 0
                    last_loud = len(chunks)
                    last_loud_at = time.monotonic()
                else:
                    quiet_run += 1
                if during is not None and not paused:
                    if not during.active:  # the customer finished first: an ordinary turn
                        during = None
                    else:  # the phrase began with BARGE_IN_CHUNKS of speech in a row
                        if (getattr(during, "first_audio_at", 0.0) is None
                                or t_start - self._last_turn_end <= CONTINUATION_S):
                            # the customer had not started (their line was still being
                            # made), or the trainee carries on a turn cut at a pause: the
                            # customer yields, but nobody was interrupted
                            during.stop()
                            during = None
                        else:
                            during.pause()
                            paused = True
                            t_paused = time.monotonic()
                if (patience_s and during is None and loud * self._chunk_s >= patience_s
                        and speech):
                    cut_in = True  # the customer has heard enough: they talk over the trainee
                    if on_cut_in is not None:
                        on_cut_in()
                    break
                # early recognition of the audio so far, once per pause; a decode still
                # running from an earlier pause (a comma) is waited out, then redone
                if (spec_chunks and quiet_run >= spec_chunks and spec_upto < last_loud
                        and loud * self._chunk_s >= MIN_TURN_SPEECH_S and (spec is None or spec.done())):
                    spec_upto = len(chunks)
                    spec = self._pool.submit(self._decode, b"".join(chunks))
                settled = spec is not None and last_loud <= spec_upto and spec.done()
                if settled and quiet_run >= self._short_chunks:
                    text = spec.result().text  # type: ignore[union-attr]
                    if sounds_finished(text) or (quiet_run >= self._mid_chunks and not trails_off(text)):
                        early = True
                        break  # the turn sounds finished (or only a comma says otherwise)
                if quiet_run >= self._long_chunks or len(chunks) >= max_chunks:
                    break
            t_eot = time.monotonic()
            if loud * self._chunk_s < MIN_TURN_SPEECH_S or (during is not None and not paused):
                # too short, or a murmur under the customer's voice
                if spec is not None:
                    spec.cancel()
                if paused:
                    during.resume()
                return None
            audio_bytes = b"".join(chunks)
            used_spec = spec is not None and last_loud <= spec_upto and not cut_in
            if used_spec:
                assert spec is not None
                utt = spec.result()
            else:
                utt = self._pool.submit(self._decode, audio_bytes).result()
            t_done = time.monotonic()
            if paused:
                spoken = loud * self._chunk_s
                line = getattr(during, "text", "")
                # over the whole phrase, how much survived the canceller: the customer's
                # own voice leaves a faint residue, the trainee's about all of it
                mostly_echo = raw_sq > 0 and clean_sq < ECHO_PHRASE_RESIDUE ** 2 * raw_sq
                if ((is_backchannel(utt.text, spoken) and spoken <= BACKCHANNEL_MAX_S)
                        or mostly_echo or is_own_echo(utt.text, line) or utt.is_silence):
                    during.resume()  # "mm-hm", or the speakers: the customer goes on
                    self.resumed += 1
                    return None
                during.stop()
                barged = True
            self._last_turn_end = t_eot
            utt.audio = au.from_int16_bytes(audio_bytes, RATE)
            utt.barged_in = barged
            utt.cut_in = cut_in
            utt.timings.update({
                "speech_start": t_start, "speech_end": last_loud_at, "end_of_turn": t_eot,
                "recognised": t_done, "speculated": 1.0 if used_spec else 0.0,
                "short_window": 1.0 if early else 0.0,
                "eot_wait_s": t_eot - last_loud_at, "recognition_s": t_done - t_eot,
            })
            if t_paused is not None:
                utt.timings["customer_paused"] = t_paused
            self.last_timings = dict(utt.timings)
            return utt
