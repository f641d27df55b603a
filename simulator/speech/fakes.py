"""Stand-ins that are real code: typed lines for speech in, a recorder for speech out,
and WAV files spoken into the real recogniser.

Tests and the text-mode fallback use these, so they honour the same contracts as the
live parts: `listen(timeout_s=...)` returns an Utterance (empty with `silence_s` set for
dead air) and raises EOFError when the trainee has nothing more to say.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.speech.types import Audio, Utterance, Word
from simulator.speech.voices import VoiceSettings, settings_for

SILENCE = None  # put in a TypedSpeechIn script: the trainee says nothing this turn
_WORD_S = 0.35


def typed_words(text: str) -> list[Word]:
    """Evenly spaced word timings for typed text (so diction code has something)."""
    return [Word(w, i * _WORD_S, (i + 1) * _WORD_S - 0.05, 1.0) for i, w in enumerate(text.split())]


class TypedSpeechIn:
    """Speech in from a list of strings; `None` in the list is a silent turn."""

    def __init__(self, lines: Iterable[str | None], *, barge_in: Iterable[int] = ()) -> None:
        self._lines = list(lines)
        self._barge = set(barge_in)  # indexes of lines said over the customer
        self._i = 0
        self.heard: list[Utterance] = []

    def listen(self, *, timeout_s: float, during: Any = None, cancel: threading.Event | None = None
               ) -> Utterance:
        if self._i >= len(self._lines):
            raise EOFError("no more typed lines")
        i = self._i
        self._i += 1
        line = self._lines[i]
        if line is None:
            if during is not None:
                during.wait()
            utt = Utterance(text="", silence_s=timeout_s, source="typed")
        else:
            barged = i in self._barge and during is not None and getattr(during, "active", False)
            if barged:
                during.stop()
            elif during is not None:
                during.wait()
            utt = Utterance(text=line, words=typed_words(line), barged_in=barged, source="typed")
        self.heard.append(utt)
        return utt


@dataclass
class SpokenLine:
    text: str
    voice: VoiceSettings


@dataclass
class SilentSpeechOut:
    """Speaks nothing and remembers every line it was asked to say, with its voice.

    With `seconds_per_line` set, each line "plays" for that long (a barge-in stops it),
    so turn-taking and interruptions can be tested without audio.
    """

    said: list[SpokenLine] = field(default_factory=list)
    rate: int = 16_000
    name: str = "silent"
    seconds_per_line: float = 0.0

    def say(self, text: str, voice: Any) -> None:
        self.said.append(SpokenLine(text, settings_for(voice)))

    def speak(self, text: str, voice: Any, **_: Any) -> Any:
        """Non-blocking form used by the voice loop: an already finished playback."""
        from simulator.speech.speaker import Playback

        self.say(text, voice)
        pb = Playback(text=text)
        if self.seconds_per_line <= 0:
            pb._done.set()
            return pb

        def play() -> None:
            pb._stop.wait(self.seconds_per_line)
            pb._done.set()

        threading.Thread(target=play, daemon=True, name="callsim-silent-play").start()
        return pb

    def synthesize(self, text: str, voice: Any) -> Audio:
        """Silence as long as the line would take to say (~15 characters a second)."""
        from simulator.speech import audio as au

        return au.silence(len(text) / 15.0 / settings_for(voice).rate, self.rate)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.said]


class WavSpeechIn:
    """The trainee's turns from WAV files, through the real listener and recogniser.

    Each `listen` feeds the next file (after `gap_s` of silence) into a FedSource, in
    real time if `realtime`, so end-of-turn detection and recognition run as they would
    on a microphone. `None` in the list is a turn of silence (dead air). A turn waits
    for the customer to finish, unless its index is in `barge_in`.
    """

    def __init__(self, files: Sequence[Path | str | Audio | None], *, recognizer: Any = None,
                 realtime: bool = False, gap_s: float = 0.3, config: Any = None,
                 barge_in: Iterable[int] = ()) -> None:
        from simulator.speech import audio as au
        from simulator.speech.listener import VoiceListener
        from simulator.speech.sources import FedSource

        if recognizer is None:
            from simulator.speech.whisper_stt import WhisperRecognizer

            recognizer = WhisperRecognizer(config)
        self._au = au
        self._files = list(files)
        self._i = 0
        self.gap_s = gap_s
        self.source = FedSource(realtime=realtime)
        self.listener = VoiceListener(recognizer, self.source, config=config)
        self.fed: list[tuple[int, int]] = []  # (first, last) sample of each clip in the stream
        self._barge = set(barge_in)  # turns spoken over the customer instead of after them

    def listen(self, *, timeout_s: float, during: Any = None, cancel: threading.Event | None = None,
               patience_s: float | None = None, on_cut_in: Any = None) -> Utterance:
        if self._i >= len(self._files):
            raise EOFError("no more WAV turns")
        item = self._files[self._i]
        if during is not None and self._i not in self._barge:
            during.wait()  # a polite trainee: the customer finishes first
        elif during is not None:  # talk over the customer once they are audible
            while getattr(during, "first_audio_at", 0.0) is None and during.active:
                time.sleep(0.005)
        self._i += 1
        if item is not None:
            clip = item if isinstance(item, Audio) else self._au.read_wav(item)
            self.source.feed(self._au.silence(self.gap_s, clip.rate))
            self.fed.append(self.source.feed(clip))
        return self.listener.listen(timeout_s=timeout_s, during=during, cancel=cancel,
                                    patience_s=patience_s, on_cut_in=on_cut_in)

    def close(self) -> None:
        self.listener.close()


class QueuedSpeechIn:
    """Speech in that waits for lines pushed by another thread (`speak`), like a
    microphone waits for the trainee; for driving the app's voice mode in tests.

    `listen` returns as soon as a line is pushed, when `cancel` is set (a typed line or
    a button: source "cancelled", as the live listener does), or after `timeout_s` of
    nothing as dead air when `dead_air` is on. `close` (or `speak(None)`) ends the call
    the way a closed keyboard does: EOFError.
    """

    def __init__(self, *, dead_air: bool = False) -> None:
        import queue

        self._lines: queue.Queue[str | None] = queue.Queue()
        self.dead_air = dead_air
        self.heard: list[Utterance] = []

    def speak(self, line: str | None) -> None:
        self._lines.put(line)

    def listen(self, *, timeout_s: float, during: Any = None, cancel: threading.Event | None = None
               ) -> Utterance:
        import queue

        if during is not None:
            during.wait()
        deadline = time.monotonic() + timeout_s
        while True:
            if cancel is not None and cancel.is_set():
                return Utterance(text="", source="cancelled")
            try:
                line = self._lines.get(timeout=0.02)
            except queue.Empty:
                if self.dead_air and time.monotonic() >= deadline:
                    return Utterance(text="", silence_s=timeout_s, source="typed")
                continue
            if line is None:
                raise EOFError("the microphone was closed")
            utt = Utterance(text=line, words=typed_words(line), source="typed")
            self.heard.append(utt)
            return utt

    def close(self) -> None:
        self._lines.put(None)
