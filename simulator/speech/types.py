"""The data that crosses the speech boundary: words, utterances, audio, and the interfaces.

Nothing here imports numpy or any speech engine, so the call engine, the TUI and the
tests can use these types without the `voice` extra installed. Audio samples are kept
as whatever array the engines produce (numpy float32 in practice) behind `Any`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from simulator.speech.voices import VoiceSettings


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word: seconds from the start of the utterance, and the
    recogniser's confidence. Diction scoring reads pace and hesitation from these."""

    word: str
    start: float
    end: float
    probability: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        """The shape `Session.say(words=...)` stores on the event."""
        return {"word": self.word, "start": round(self.start, 3), "end": round(self.end, 3),
                "probability": round(self.probability, 3)}


@dataclass(slots=True)
class Audio:
    """Mono float32 samples in [-1, 1] and their rate; the unit every engine trades in."""

    samples: Any
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


@dataclass(slots=True)
class Utterance:
    """What the trainee said in one turn.

    `text` keeps fillers ("um", "uh") on purpose: diction scoring counts them. An empty
    text with `silence_s` > 0 means the trainee said nothing before the timeout (dead
    air). `barged_in` is True when the trainee started talking over the customer;
    `cut_in` when the customer ran out of patience and cut the trainee off (the text is
    what the trainee had said until then).
    """

    text: str
    words: list[Word] = field(default_factory=list)
    audio: Audio | None = None
    silence_s: float = 0.0
    barged_in: bool = False
    cut_in: bool = False
    source: str = "voice"
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def is_silence(self) -> bool:
        return not self.text.strip()

    def word_dicts(self) -> list[dict[str, Any]]:
        return [w.as_dict() for w in self.words]


@runtime_checkable
class SpeechIn(Protocol):
    """Microphone, WAV file, or typed text: one trainee turn per call."""

    def listen(self, *, timeout_s: float) -> Utterance: ...


@runtime_checkable
class SpeechOut(Protocol):
    """Pyttsx3, Piper, or silent: speaks one customer line in a persona's voice."""

    def say(self, text: str, voice: VoiceSettings | Any) -> None: ...


class Synthesizer(Protocol):
    """Text to audio, one engine (Piper, pyttsx3); no playing."""

    name: str

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio: ...


class SpeechUnavailable(RuntimeError):
    """A speech part cannot run here (extra not installed, no device, no model).

    The message says what is missing and how to get it; voice calls catch this once
    and carry on in text mode.
    """
