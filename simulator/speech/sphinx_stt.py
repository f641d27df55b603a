"""PocketSphinx: the last-resort recogniser when faster-whisper cannot run.

Small and pure CPU, but 30-90 % word errors on the same audio where Whisper makes
0-10 %: good enough to keep a call going, never good enough to score diction on. The
package is optional (`pip install pocketsphinx`); nothing imports it unless asked.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from simulator.speech import audio as au
from simulator.speech.extras import need
from simulator.speech.types import Audio, Utterance, Word

_NOT_WORDS = {"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]"}


class SphinxRecognizer:
    """PocketSphinx 5 with its bundled US English model; same `transcribe` as Whisper."""

    name = "pocketsphinx"

    def __init__(self) -> None:
        ps = need("pocketsphinx", "the PocketSphinx fallback recogniser")
        self._decoder: Any = ps.Decoder(samprate=au.WHISPER_RATE, loglevel="FATAL")
        self._lock = threading.Lock()
        self.calls = 0

    def transcribe(self, audio: Audio) -> Utterance:
        pcm = au.resample(audio, au.WHISPER_RATE)
        with self._lock:
            t0 = time.perf_counter()
            d = self._decoder
            d.start_utt()
            d.process_raw(au.to_int16_bytes(pcm), full_utt=True)
            d.end_utt()
            frate = float(d.config["frate"])
            words = [
                Word(s.word.split("(")[0], s.start_frame / frate, (s.end_frame + 1) / frate,
                     min(1.0, float(s.prob)))
                for s in d.seg() if s.word not in _NOT_WORDS and not s.word.startswith("<")
            ]
            spent = time.perf_counter() - t0
            self.calls += 1
        return Utterance(text=" ".join(w.word for w in words), words=words, audio=audio,
                         timings={"decode_s": spent})
