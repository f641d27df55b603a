"""How a persona sounds: the scenario's voice block and traits turned into engine knobs.

A scenario says `voice: {rate: 1.15, pitch: high}` and `traits: [angry]`; engines want
words per minute (pyttsx3), a phoneme length scale (Piper), a pitch factor. Keeping the
mapping here, pure and engine-free, means an angry caller sounds fast and sharp and a
confused elderly caller slow on every engine, and a test can check it without audio.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PITCH_FACTOR = {"low": 0.88, "medium": 1.0, "high": 1.12}
# traits that change delivery on top of the scenario's explicit voice block
_TRAIT_RATE = {"angry": 1.08, "hurried": 1.08, "elderly": 0.85, "confused": 0.92}
_TRAIT_PITCH = {"angry": 1.04, "elderly": 0.97}
_TRAIT_SHARPNESS = {"angry": 1.0, "sarcastic": 0.5, "hurried": 0.4}

BASE_WPM = 175  # espeak's natural rate; pyttsx3 rate 1.0


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """Engine-neutral delivery: speed and pitch factors, volume, gender, sharpness.

    `sharpness` (0..1) is how clipped and tense the delivery is: less pausing between
    sentences and a little more variation in Piper's noise scales.
    """

    rate: float = 1.0
    pitch: float = 1.0
    volume: float = 1.0
    gender: str = "any"
    sharpness: float = 0.0

    @property
    def words_per_minute(self) -> int:
        return round(BASE_WPM * self.rate)

    @property
    def espeak_pitch(self) -> int:
        """espeak's 0..100 pitch scale, 50 = the voice's normal pitch."""
        return max(0, min(100, round(50 + (self.pitch - 1.0) * 250)))

    @property
    def piper_length_scale(self) -> float:
        """Piper's phoneme length (1.0 normal, < 1 faster) before pitch compensation."""
        return 1.0 / self.rate

    @property
    def sentence_gap_s(self) -> float:
        """Silence between sentences: a sharp caller barely pauses."""
        return max(0.05, 0.25 / self.rate - 0.12 * self.sharpness)

    def key(self) -> tuple[float, float, float, str, float]:
        return (round(self.rate, 3), round(self.pitch, 3), round(self.volume, 3), self.gender,
                round(self.sharpness, 3))


def settings_for(voice: Any, traits: list[str] | tuple[str, ...] = ()) -> VoiceSettings:
    """VoiceSettings from a scenario `Voice` (or a VoiceSettings, returned as is) and traits."""
    if isinstance(voice, VoiceSettings):
        return voice
    if voice is None:
        rate, pitch_name, volume, gender = 1.0, "medium", 1.0, "any"
    else:
        rate = float(getattr(voice, "rate", 1.0))
        pitch_name = str(getattr(voice, "pitch", "medium"))
        volume = float(getattr(voice, "volume", 1.0))
        gender = str(getattr(voice, "gender", "any"))
    pitch = PITCH_FACTOR.get(pitch_name, 1.0)
    sharpness = 0.0
    for trait in traits:
        rate *= _TRAIT_RATE.get(trait, 1.0)
        pitch *= _TRAIT_PITCH.get(trait, 1.0)
        sharpness = max(sharpness, _TRAIT_SHARPNESS.get(trait, 0.0))
    return VoiceSettings(rate=max(0.5, min(2.0, rate)), pitch=max(0.7, min(1.4, pitch)),
                         volume=max(0.1, min(1.0, volume)), gender=gender, sharpness=sharpness)


def voice_for(persona: Any) -> VoiceSettings:
    """The delivery of a scenario persona: its voice block plus its traits."""
    return settings_for(getattr(persona, "voice", None), tuple(getattr(persona, "traits", ()) or ()))
