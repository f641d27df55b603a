"""pyttsx3: the operating system's own voices (espeak-ng on Linux, SAPI5, NSSS).

Robotic next to Piper but small, and always there once the OS voice is installed, so it
is the fallback speaker. We only ask pyttsx3 for audio (`save_to_file`) and play it
ourselves: its own `say` blocks until done, cannot be stopped when the trainee barges
in, and would leave nothing to record.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import subprocess
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
    """Text to audio with pyttsx3, one synthesis at a time.

    A fresh pyttsx3 engine is made for every piece: pyttsx3 2.99's espeak driver runs
    espeak asynchronously and, on a reused engine, applies a new rate only some of the
    time and can replay the previous text, so an angry caller would speak at the
    elderly caller's pace. A new engine costs a few milliseconds (espeak itself stays
    initialised).
    """

    name = "pyttsx3"

    def __init__(self) -> None:
        self._pyttsx3 = need("pyttsx3", "system voices")
        self._lock = threading.Lock()
        self._dir = Path(tempfile.mkdtemp(prefix="callsim-tts-"))
        self._count = 0
        engine = self._engine()
        self._voices = list(engine.getProperty("voices") or [])
        del engine

    def _engine(self) -> Any:
        try:
            return self._pyttsx3.init()
        except Exception as exc:  # no espeak-ng / SAPI5 / NSSS voice on this machine
            raise SpeechUnavailable(
                f"pyttsx3 found no system voice ({exc}); on Debian/Ubuntu: apt-get install espeak-ng"
            ) from exc

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

    def _espeak_direct(self, text: str, voice: VoiceSettings, path: Path) -> bool:
        """On Linux, run espeak-ng itself: the same voice pyttsx3 would drive, but rate,
        pitch and volume always apply (through pyttsx3 2.99 they sometimes do not)."""
        exe = shutil.which("espeak-ng")
        if exe is None:
            return False
        args = [exe, "-v", "en-us", "-s", str(voice.words_per_minute), "-p", str(voice.espeak_pitch),
                "-a", str(max(0, min(200, round(voice.volume * 100)))), "-w", str(path), "--", text]
        done = subprocess.run(args, capture_output=True, timeout=_FILE_TIMEOUT_S, check=False)
        return done.returncode == 0 and path.exists()

    def synthesize(self, text: str, voice: VoiceSettings) -> Audio:
        with self._lock:
            self._count += 1
            path = self._dir / f"tts-{self._count}.wav"
            if self._espeak_direct(text, voice, path):
                try:
                    return au.read_wav(path)
                finally:
                    with contextlib.suppress(OSError):
                        os.remove(path)
            engine = self._engine()
            driver = getattr(getattr(engine, "proxy", None), "_driver", None)
            voice_id = self._voice_id(voice.gender)
            if voice_id:
                engine.setProperty("voice", voice_id)
            engine.setProperty("rate", voice.words_per_minute)
            engine.setProperty("volume", voice.volume)
            with contextlib.suppress(KeyError, ValueError, TypeError):
                engine.setProperty("pitch", voice.espeak_pitch)  # espeak only
            with contextlib.redirect_stdout(io.StringIO()):  # the espeak driver prints "Audio saved"
                engine.save_to_file(text, str(path))
                engine.runAndWait()
                # espeak finishes writing the file on its own thread after runAndWait
                deadline = time.monotonic() + _FILE_TIMEOUT_S
                while (getattr(driver, "_speaking", False) or not path.exists()) and \
                        time.monotonic() < deadline:
                    time.sleep(0.005)
            del engine, driver
            gc.collect()  # pyttsx3 keeps engines in a weak cache: let this one go
            if not path.exists():
                raise SpeechUnavailable("pyttsx3 did not produce audio")
            try:
                return au.read_wav(path)
            finally:
                with contextlib.suppress(OSError):
                    os.remove(path)
