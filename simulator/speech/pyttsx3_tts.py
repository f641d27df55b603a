"""pyttsx3: the operating system's own voices (espeak-ng on Linux, SAPI5, NSSS).

Robotic next to Piper but small, and always there once the OS voice is installed, so it
is the fallback speaker. We only ask pyttsx3 for audio (`save_to_file`) and play it
ourselves: its own `say` blocks until done, cannot be stopped when the trainee barges
in, and would leave nothing to record.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from simulator.speech import audio as au
from simulator.speech.extras import need
from simulator.speech.types import Audio, SpeechUnavailable
from simulator.speech.voices import VoiceSettings

_FILE_TIMEOUT_S = 20.0


class Pyttsx3Synth:
    """Text to audio with pyttsx3, one synthesis at a time (the engine is a singleton)."""

    name = "pyttsx3"

    def __init__(self) -> None:
        pyttsx3 = need("pyttsx3", "system voices")
        try:
            self._engine: Any = pyttsx3.init()
        except Exception as exc:  # no espeak-ng / SAPI5 / NSSS voice on this machine
            raise SpeechUnavailable(
                f"pyttsx3 found no system voice ({exc}); on Debian/Ubuntu: apt-get install espeak-ng"
            ) from exc
        self._lock = threading.Lock()
        self._voices = self._engine.getProperty("voices") or []
        self._dir = Path(tempfile.mkdtemp(prefix="callsim-tts-"))
        self._count = 0

    def _voice_id(self, gender: str) -> str | None:
        """An English voice of the wanted gender, if the system has one."""
        english = [v for v in self._voices if "en" in str(getattr(v, "id", "")).lower()
                   or any("en" in str(lang).lower() for lang in getattr(v, "languages", []) or [])]
        for v in english:
            if gender != "any" and str(getattr(v, "gender", "") or "").lower() == gender:
                return str(v.id)
        for v in english:
            if str(v.id).lower().endswith(("en-us", "en_us", "english")):
                return str(v.id)
        return str(english[0].id) if english else None

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        with self._lock:
            self._count += 1
            path = self._dir / f"tts-{self._count}.wav"
            engine = self._engine
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            # pyttsx3 2.99's espeak driver re-speaks the previous text at the start of
            # the next run unless its pending text is cleared, and finishes writing the
            # file on espeak's own thread after runAndWait returns.
            if driver is not None and hasattr(driver, "_text_to_say"):
                driver._text_to_say = None
            voice_id = self._voice_id(voice.gender)
            if voice_id:
                engine.setProperty("voice", voice_id)
            engine.setProperty("rate", voice.words_per_minute)
            engine.setProperty("volume", voice.volume)
            with contextlib.suppress(KeyError, ValueError, TypeError):
                engine.setProperty("pitch", voice.espeak_pitch)  # espeak only
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved"
                engine.save_to_file(text, str(path))
                engine.runAndWait()
                deadline = time.monotonic() + _FILE_TIMEOUT_S
                while (getattr(driver, "_speaking", False) or not path.exists()) and \
                        time.monotonic() < deadline:
                    time.sleep(0.005)
            if not path.exists():
                raise SpeechUnavailable("pyttsx3 did not produce audio")
            try:
                return au.read_wav(path)
            finally:
                with contextlib.suppress(OSError):
                    os.remove(path)
