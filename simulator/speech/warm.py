"""One recogniser, one voice and one VAD for the whole app session, loaded early.

Loading Whisper, Piper and Silero takes about two seconds (more on a busy machine); a
voice call that loads them when the trainee presses `v` makes the trainee wait that
long for the customer. The app calls `start()` once its first screen is up: a daemon
thread loads the models (and runs each once, so first-call allocations are paid too),
and every voice call's kit reuses them; then it synthesises the first words of every
shipped scenario's opening into the shared sentence cache, so the customer starts
speaking at once. The models hold no per-call state: the
listener, the microphone stream and the speaker are made per call and closed after.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass
from typing import Any

from simulator.speech.config import SpeechConfig
from simulator.speech.types import SpeechUnavailable


@dataclass
class Models:
    recognizer: Any = None
    synth: Any = None
    vad_ok: bool = False
    problems: tuple[str, ...] = ()
    load_s: float = 0.0
    cache: Any = None  # the synthesised-sentence cache every call's voice shares


def opening_pieces() -> list[tuple[str, Any]]:
    """The first piece of every opening line in the shipped library, in its persona's
    voice: what the customer says first when a call starts (a damaged file is skipped)."""
    from simulator.loading import LIBRARY_DIR, load_scenario
    from simulator.speech.text import pieces
    from simulator.speech.voices import voice_for

    out = []
    for path in sorted(LIBRARY_DIR.glob("*.yaml")):
        try:
            scenario = load_scenario(path)
        except Exception:  # the library screen reports bad files; the warm-up just skips
            continue
        voice = voice_for(scenario.persona)
        for line in scenario.opening:
            first = pieces(line)
            if first and not first[0].sensitive:
                out.append((first[0].text, voice))
    return out


class WarmModels:
    """Loads the models once, in the background or on first need."""

    def __init__(self, config: SpeechConfig | None = None) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._models: Models | None = None
        self.openings = 0

    def start(self) -> WarmModels:
        """Begin loading in a daemon thread (quitting never waits for it)."""
        with self._lock:
            if self._thread is None and not self._ready.is_set():
                self._thread = threading.Thread(target=self._load, name="callsim-voice-warm", daemon=True)
                self._thread.start()
        return self

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def get(self, timeout: float | None = None) -> Models:
        """The loaded models; loads them here if nobody started the warm-up."""
        self.start()
        self._ready.wait(timeout)
        return self._models or Models(problems=("the speech models are still loading",))

    def _load(self) -> None:
        from simulator.speech.kit import make_recognizer, make_synth

        t0 = time.perf_counter()
        config = self.config or SpeechConfig.from_env()
        problems: list[str] = []
        models = Models()
        try:
            models.synth = make_synth(config)
            from simulator.speech.voices import VoiceSettings

            models.synth.synthesize("Hello.", VoiceSettings())
        except SpeechUnavailable as exc:
            problems.append(str(exc))
        except Exception as exc:  # a broken engine must not take the app down
            problems.append(f"speech synthesis failed to start: {exc}")
        try:
            models.recognizer = make_recognizer(config)
            from simulator.speech import audio as au

            models.recognizer.transcribe(au.silence(0.5, 16_000))
        except SpeechUnavailable as exc:
            problems.append(str(exc))
        except Exception as exc:
            problems.append(f"speech recognition failed to start: {exc}")
        if models.synth is not None:
            from simulator.speech.cache import SynthCache

            models.cache = SynthCache()
        if config.eot != "silence":
            try:
                from simulator.speech.turn import SileroVad

                SileroVad()
                models.vad_ok = True
            except SpeechUnavailable as exc:
                problems.append(str(exc))
        models.problems = tuple(problems)
        models.load_s = time.perf_counter() - t0
        self._models = models
        self._ready.set()
        if models.cache is not None:
            self._synth_openings(models)

    def _synth_openings(self, models: Models) -> None:
        """After the models are ready (a call may start meanwhile): the customers'
        first words, so the first audio of a call is a cache look-up, not a synthesis."""
        from simulator.speech.speaker import cache_key

        with contextlib.suppress(Exception):
            for text, voice in opening_pieces():
                key = cache_key(models.synth, text, voice)
                if key not in models.cache:
                    models.cache.put(key, models.synth.synthesize(text, voice))
                    self.openings += 1


_SHARED: WarmModels | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> WarmModels | None:
    """The session's warm models, if the app started them."""
    return _SHARED


def start(config: SpeechConfig | None = None) -> WarmModels | None:
    """Start warming the session's models; None (quietly) without the voice extra."""
    global _SHARED
    import importlib.util

    if any(importlib.util.find_spec(m) is None for m in ("numpy", "faster_whisper", "speech_recognition")):
        return None
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = WarmModels(config)
        return _SHARED.start()
