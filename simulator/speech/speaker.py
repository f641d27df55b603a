"""The customer's voice: synthesis piece by piece, played as soon as the first is ready.

`SynthSpeechOut.speak()` returns a `Playback` at once; a worker thread synthesises the
reply's pieces in order (cache first) and writes them to the player in short blocks.
The voice loop keeps listening meanwhile, and stops the playback if the trainee barges
in. What was actually played (cut short at a barge-in, card numbers marked) is kept
for the recording.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from simulator.speech import audio as au
from simulator.speech.cache import BusyGate, Prewarmer, SynthCache
from simulator.speech.playback import BLOCK_S, NullPlayer, Player
from simulator.speech.text import pieces
from simulator.speech.types import Audio, Synthesizer
from simulator.speech.voices import VoiceSettings, settings_for


@dataclass
class Playback:
    """One customer line being spoken; every field is safe to read from other threads."""

    text: str
    started_at: float = field(default_factory=time.monotonic)
    first_audio_at: float | None = None
    finished_at: float | None = None
    interrupted: bool = False
    played_s: float = 0.0
    rate: int = 0
    sensitive_spans: list[tuple[float, float]] = field(default_factory=list)
    synth_s: float = 0.0
    error: str | None = None
    silenced_at: float | None = None  # when the last block before a pause or stop ended
    paused_s: float = 0.0
    _blocks: list[Any] = field(default_factory=list, repr=False)
    _pieces: list[tuple[str, float, float]] = field(default_factory=list, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _done: threading.Event = field(default_factory=threading.Event, repr=False)
    _running: threading.Event = field(default_factory=threading.Event, repr=False)

    def __post_init__(self) -> None:
        self._running.set()

    @property
    def active(self) -> bool:
        return not self._done.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def stop(self) -> None:
        """Barge-in: stop within one block; the rest of the line is never heard."""
        if self.active:
            self.interrupted = True
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        """Hold the line within one block, as a speaker falls silent on hearing the
        other start: the listener then decides between stop (an interruption) and
        resume (a backchannel, or the customer's own voice from the speakers)."""
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def heard_text(self) -> str:
        """The words the trainee actually heard: whole pieces played, and of the piece
        cut short the share of its words its played time covers (Piper speaks evenly
        enough for this to land within a word or two)."""
        out: list[str] = []
        for text, played, length in self._pieces:
            if length <= 0 or played >= length - 0.02:
                out.append(text)
                continue
            words = text.split()
            keep = int(len(words) * played / length)
            if keep:
                out.append(" ".join(words[:keep]).rstrip(",.;:!?") + "—")
            break
        return " ".join(out)

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def audio(self) -> Audio | None:
        """What the trainee heard (sensitive stretches still audible: mute before saving)."""
        if not self._blocks or not self.rate:
            return None
        return au.concat([Audio(b, self.rate) for b in self._blocks], self.rate)

    @property
    def first_audio_s(self) -> float | None:
        """Seconds from `speak()` to the first block handed to the player."""
        return None if self.first_audio_at is None else self.first_audio_at - self.started_at


def cache_key(synth: Any, text: str, voice: VoiceSettings) -> tuple[Any, ...]:
    """The sentence cache's key: engine, delivery, words."""
    return (getattr(synth, "name", "tts"), voice.key(), text)


class SynthSpeechOut:
    """SpeechOut over any Synthesizer (Piper, pyttsx3) and any Player."""

    def __init__(self, synth: Synthesizer, player: Player | None = None, *,
                 cache: SynthCache | None = None, gate: BusyGate | None = None) -> None:
        self.synth = synth
        self.player: Player = player or NullPlayer()
        self.cache = cache or SynthCache()
        self.gate = gate or BusyGate()
        self.name = getattr(synth, "name", "tts")
        self._prewarmer: Prewarmer | None = None
        self._speaking = threading.Lock()
        self.spoken: list[Playback] = []
        self.echo_ref: Any = None  # echo.EchoReference: what went to the speaker, for the canceller

    # -- synthesis -----------------------------------------------------------------
    def _key(self, text: str, voice: VoiceSettings) -> tuple[Any, ...]:
        return cache_key(self.synth, text, voice)

    def _piece(self, text: str, voice: VoiceSettings) -> Audio:
        key = self._key(text, voice)
        found = self.cache.get(key)
        if found is None:
            found = self.synth.synthesize(text, voice)
            self.cache.put(key, found)
        return found

    def synthesize(self, text: str, voice: Any) -> Audio:
        """The whole line as one clip (tests, recordings); pieces joined with pauses."""
        settings = settings_for(voice)
        clips, _ = self._render(text, settings)
        return au.concat(clips) if clips else au.silence(0.0, 16_000)

    def _render(self, text: str, voice: VoiceSettings) -> tuple[list[Audio], list[tuple[float, float]]]:
        clips: list[Audio] = []
        spans: list[tuple[float, float]] = []
        t = 0.0
        for i, piece in enumerate(pieces(text)):
            clip = self._piece(piece.text, voice)
            if i:
                gap = au.silence(voice.sentence_gap_s, clip.rate)
                clips.append(gap)
                t += gap.seconds
            if piece.sensitive:
                spans.append((t, t + clip.seconds))
            clips.append(clip)
            t += clip.seconds
        return clips, spans

    def prewarm(self, lines: Iterable[str], voice: Any) -> Prewarmer:
        """Start synthesising likely lines in the background (see cache.Prewarmer)."""
        settings = settings_for(voice)
        if self._prewarmer is not None:
            self._prewarmer.stop()
        self._prewarmer = Prewarmer(self._piece, lambda t, v: self._key(t, v) in self.cache, self.gate)
        self._prewarmer.start(lines, settings)
        return self._prewarmer

    # -- speaking ------------------------------------------------------------------
    def speak(self, text: str, voice: Any, *, on_first_audio: Callable[[Playback], None] | None = None
              ) -> Playback:
        """Start speaking `text`; returns at once with the Playback to watch or stop."""
        settings = settings_for(voice)
        pb = Playback(text=text)
        self.spoken.append(pb)
        threading.Thread(target=self._play, args=(pb, settings, on_first_audio), daemon=True,
                         name="callsim-tts-play").start()
        return pb

    def say(self, text: str, voice: Any) -> None:
        """Speak and wait until the line has been played (the SpeechOut protocol)."""
        self.speak(text, voice).wait()

    def _produce(self, pb: Playback, voice: VoiceSettings, out: queue.Queue[Any]) -> None:
        """Synthesise the pieces in order while earlier ones play."""
        try:
            for piece in pieces(pb.text):
                if pb._stop.is_set():
                    break
                t0 = time.monotonic()
                clip = self._piece(piece.text, voice)
                pb.synth_s += time.monotonic() - t0
                out.put((piece, clip))
        except Exception as exc:
            out.put(exc)
        finally:
            out.put(None)

    def _play(self, pb: Playback, voice: VoiceSettings, on_first: Callable[[Playback], None] | None) -> None:
        with self._speaking:  # one line at a time, in order
            made: queue.Queue[Any] = queue.Queue()
            threading.Thread(target=self._produce, args=(pb, voice, made), daemon=True,
                             name="callsim-tts-synth").start()
            try:
                t = 0.0
                first = True
                while (item := made.get()) is not None:
                    if isinstance(item, Exception):
                        raise item
                    piece, clip = item
                    if pb._stop.is_set():
                        continue  # let the producer finish its piece and stop
                    pb.rate = pb.rate or clip.rate
                    if not first:
                        gap = au.silence(voice.sentence_gap_s, clip.rate)
                        t += self._write(pb, gap, on_first)
                    first = False
                    start = t
                    pb._pieces.append((piece.text, 0.0, clip.seconds))
                    t += self._write(pb, clip, on_first, track=True)
                    if piece.sensitive:
                        pb.sensitive_spans.append((start, t))
                if not pb._stop.is_set():
                    self.player.drain()
            except Exception as exc:  # a broken device must not kill the call
                pb.error = str(exc)
            finally:
                pb.finished_at = time.monotonic()
                pb._done.set()

    def _write(self, pb: Playback, clip: Audio, on_first: Callable[[Playback], None] | None, *,
               track: bool = False) -> float:
        """Write a clip in blocks; returns the seconds actually played. `track`: the clip
        is the newest piece of `pb._pieces`, whose played time is kept up to the block
        (what the trainee heard is read from it the moment they cut in)."""
        step = max(1, int(clip.rate * BLOCK_S))
        played = 0.0
        for i in range(0, len(clip.samples), step):
            if not pb._running.is_set():
                pb.silenced_at = pb.silenced_at or time.monotonic()
                t_pause = time.monotonic()
                pb._running.wait()
                pb.paused_s += time.monotonic() - t_pause
                if not pb._stop.is_set():
                    pb.silenced_at = None  # resumed: the line goes on
            if pb._stop.is_set():
                pb.silenced_at = pb.silenced_at or time.monotonic()
                break
            block = clip.samples[i:i + step]
            if pb.first_audio_at is None:
                pb.first_audio_at = time.monotonic()
                if on_first is not None:
                    on_first(pb)
            self.player.write(Audio(block, clip.rate))
            if self.echo_ref is not None:
                self.echo_ref.push(Audio(block, clip.rate))
            pb._blocks.append(block)
            seconds = len(block) / clip.rate
            played += seconds
            pb.played_s += seconds
            if track:
                text, _, length = pb._pieces[-1]
                pb._pieces[-1] = (text, played, length)
        return played

    def close(self) -> None:
        if self._prewarmer is not None:
            self._prewarmer.stop()
        self.player.close()
