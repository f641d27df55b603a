"""How well a recording says a known text: Whisper used as a pronunciation judge.

Two looks at one recording with the same loaded Whisper model (the project's
`WhisperRecognizer`, loaded once per run):

- free recognition: what Whisper hears, with word timings and confidences (fillers
  kept) — pace, pauses, hesitations, and which words came out unclear;
- forced text (a GOP-like measure, "goodness of pronunciation"): the probability
  Whisper gives each token of the *known* text given the audio, via CTranslate2's
  `Whisper.align` (teacher forcing over the reference tokens). A clearly said word
  gets a high probability even when free recognition picks a neighbour; a
  mispronounced or skipped word gets a low one.

Forced probabilities also carry the language model's surprise at rare words ("tai
goose"), so `reference=True` also scores the text on a neutral synthetic reading
(Piper): the per-word ratio to that reading cancels what is about the word rather
than about the speaker. The result is a plain dict of numbers and words, the input of
the pure scorer in `scoring/reading.py`.
"""

from __future__ import annotations

import itertools
import math
import threading
from typing import Any

from simulator.native import native_call
from simulator.speech import audio as au
from simulator.speech import measure
from simulator.speech.types import Audio, SpeechUnavailable

CONTEXT_FRAMES = 100       # 1 s after the speech, as the recogniser's short window
TOKENS_PER_SECOND = 50     # encoder frames per second
MIN_PROB = 1e-4            # floor before taking logs
WINDOW_S = 28.0            # longest piece given to Whisper at once (its window is 30 s)
HEARING_PIECE_S = 15.0     # free recognition hears long readings in pieces of at most this


def normalise_text(text: str) -> str:
    """One line, single spaces, first letter capitalised as Whisper writes a sentence."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else text


class PronunciationProbe:
    """Whisper (free and forced) on one recording; `analyse(audio, text)` -> dict."""

    def __init__(self, recognizer: Any = None, *, synth: Any = None, reference: bool = True) -> None:
        if recognizer is None:
            from simulator.speech.whisper_stt import WhisperRecognizer

            recognizer = WhisperRecognizer()
        self.recognizer = recognizer
        model = getattr(recognizer, "_model", None)  # the WhisperModel the recogniser loaded
        if model is None or not hasattr(model, "model"):
            raise SpeechUnavailable("pronunciation scoring needs the Whisper recogniser (faster-whisper)")
        self._fw = model
        from faster_whisper.tokenizer import Tokenizer

        self._tok = Tokenizer(model.hf_tokenizer, False, task="transcribe", language="en")
        self._lock: threading.Lock = getattr(recognizer, "_lock", threading.Lock())
        self._synth = synth
        self._want_reference = reference
        self._voice: Any = None
        self._ref_cache: dict[str, list[dict[str, Any]]] = {}
        self._silent: tuple[Any, int] | None = None

    # -- the synthetic reading -----------------------------------------------------
    def _reference_reader(self) -> Any:
        if self._synth is None and self._want_reference:
            try:
                from simulator.speech.piper_tts import PiperSynth

                self._synth = PiperSynth()
            except SpeechUnavailable:
                self._want_reference = False
        return self._synth

    def reference_words(self, text: str) -> list[dict[str, Any]]:
        """Forced probabilities of `text` on a neutral synthetic reading (cached per text)."""
        text = normalise_text(text)
        if text in self._ref_cache:
            return self._ref_cache[text]
        synth = self._reference_reader()
        if synth is None:
            return []
        from simulator.speech.voices import VoiceSettings

        self._voice = self._voice or VoiceSettings()
        out: list[dict[str, Any]] = []
        for sentence in _sentences(text):  # each well inside Whisper's window
            clip = au.resample(synth.synthesize(sentence, self._voice, exact=True), au.WHISPER_RATE)
            out.extend(self.forced(clip, sentence))
        self._ref_cache[text] = out
        return out

    # -- Whisper, forced -------------------------------------------------------------
    def _encode(self, audio: Audio) -> tuple[Any, int]:
        from faster_whisper.audio import pad_or_trim

        n = au.np()
        pcm = au.resample(audio, au.WHISPER_RATE)
        feats = self._fw.feature_extractor(pcm.samples)
        frames = feats.shape[-1]
        ctx = min(3000, frames + CONTEXT_FRAMES)
        ctx += ctx % 2
        seg = n.ascontiguousarray(pad_or_trim(feats)[..., :ctx][None].astype(n.float32))
        import ctranslate2

        return self._fw.model.encode(ctranslate2.StorageView.from_array(seg)), min(frames, ctx)

    def _silence(self) -> tuple[Any, int]:
        """The encoder's view of 1 s of silence, made once: aligning a text on it gives
        the decoder's prior for that text, what it expects before hearing anything."""
        if self._silent is None:
            self._silent = self._encode(au.silence(1.0, au.WHISPER_RATE))
        return self._silent

    def forced(self, audio: Audio | None, text: str) -> list[dict[str, Any]]:
        """Per word of `text`: probability (geometric mean over its tokens), the lowest
        token probability, and aligned start/end seconds. `audio` None: the prior."""
        words = normalise_text(text).split()
        if not words or (audio is not None and len(audio.samples) == 0):
            return []
        per_word = [self._tok.encode(" " + w) for w in words]
        tokens = [t for ws in per_word for t in ws]
        with self._lock, native_call():
            enc, frames = self._encode(audio) if audio is not None else self._silence()
            result = self._fw.model.align(enc, self._tok.sot_sequence, [tokens], frames)[0]
        n = au.np()
        probs = list(result.text_token_probs)
        pairs = result.alignments
        text_idx = n.array([p[0] for p in pairs])
        time_idx = n.array([p[1] for p in pairs])
        starts: dict[int, float] = {}
        if len(text_idx):
            jumps = n.pad(n.diff(text_idx), (1, 0), constant_values=1).astype(bool)
            for ti, tm in zip(text_idx[jumps], time_idx[jumps], strict=True):
                starts.setdefault(int(ti), float(tm) / TOKENS_PER_SECOND)
        out: list[dict[str, Any]] = []
        pos = 0
        for w, toks in zip(words, per_word, strict=True):
            ps = [max(MIN_PROB, float(p)) for p in probs[pos:pos + len(toks)]] or [MIN_PROB]
            start = starts.get(pos)
            end = starts.get(pos + len(toks))
            out.append({
                "word": w,
                "p": round(math.exp(sum(math.log(p) for p in ps) / len(ps)), 5),
                "p_min": round(min(ps), 5),
                "p_first": round(ps[0], 5),
                "start": None if start is None else round(start, 2),
                "end": None if end is None else round(end, 2),
            })
            pos += len(toks)
        return out

    # -- long recordings -------------------------------------------------------------
    def forced_long(self, audio: Audio, text: str, heard: list[dict[str, Any]],
                    *, prior: bool = False) -> list[dict[str, Any]]:
        """`forced` for audio of any length: Whisper sees 30 s at a time, so a longer
        reading is cut at the longest pauses between recognised words into pieces under
        `WINDOW_S`, and each word of the text goes with the piece where it was heard
        (words not heard go with the word before them). Word times stay per piece."""
        words = normalise_text(text).split()
        if audio.seconds <= WINDOW_S:
            return self.forced(None if prior else audio, text)
        cuts = _cut_points(heard, audio.seconds)
        piece_of_heard = [sum(1 for c in cuts if float(w["start"]) >= c) for w in heard]
        from scoring.diction_features import lcs_pairs

        pairs = dict(lcs_pairs(words, [str(w.get("word", "")) for w in heard]))
        piece, last = [], 0
        for i in range(len(words)):
            if i in pairs:
                last = max(last, piece_of_heard[pairs[i]])
            piece.append(last)
        bounds = [0.0, *cuts, audio.seconds]
        out: list[dict[str, Any]] = []
        for k in range(len(bounds) - 1):
            chunk_words = [w for w, p in zip(words, piece, strict=True) if p == k]
            if not chunk_words:
                continue
            a, b = int(bounds[k] * audio.rate), int(bounds[k + 1] * audio.rate)
            clip = Audio(audio.samples[a:b], audio.rate)
            out.extend(self.forced(None if prior else clip, " ".join(chunk_words)))
        return out

    # -- everything ------------------------------------------------------------------
    def analyse(self, audio: Audio, text: str | None = None, *,
                measures: dict[str, Any] | None = None) -> dict[str, Any]:
        """Free recognition, forced text (when known), the synthetic reading's forced
        probabilities, and the audio measurements, as one JSON-ready dict."""
        pcm = au.resample(audio, au.WHISPER_RATE)
        import ctranslate2

        ctranslate2.set_random_seed(0)  # the recogniser's temperature fallback samples: same clip, same score
        heard_text, heard_words = self.hear(pcm)
        out: dict[str, Any] = {
            "text_heard": heard_text,
            "words": heard_words,
            "audio": measures if measures is not None else measure.measure(pcm),
        }
        if text:
            words = out["words"]
            out["text"] = normalise_text(text)
            out["forced"] = self.forced_long(pcm, text, words)
            out["forced_prior"] = self.forced_long(pcm, text, words, prior=True)
            if self._want_reference:
                out["forced_reference"] = self.reference_words(text)
        return out


    def hear(self, pcm: Audio) -> tuple[str, list[dict[str, Any]]]:
        """Free recognition: the text heard and its words (times from the start).

        A long reading is heard in pieces of at most HEARING_PIECE_S, cut in its
        quietest moments. Whisper tiny given a 25 s passage in one window sometimes
        skips or drops a whole stretch of it (a reading that was all there scored 46 %
        of words in order); pieces as long as the sentences it was calibrated on do not.
        """
        texts: list[str] = []
        words: list[dict[str, Any]] = []
        bounds = [0.0, *_quiet_cuts(pcm, HEARING_PIECE_S), pcm.seconds]
        for start, end in itertools.pairwise(bounds):
            piece = Audio(pcm.samples[int(start * pcm.rate):int(end * pcm.rate)], pcm.rate)
            utt = self.recognizer.transcribe(piece)
            if utt.text.strip():
                texts.append(utt.text.strip())
            for w in utt.word_dicts():
                words.append({**w, "start": round(float(w["start"]) + start, 3),
                              "end": round(float(w["end"]) + start, 3)})
        return " ".join(texts), words


def _quiet_cuts(audio: Audio, piece_s: float) -> list[float]:
    """Where to cut a recording into pieces of at most `piece_s`: at the quietest
    0.2 s in the second half of each piece (a pause between words or sentences)."""
    n = au.np()
    if audio.seconds <= piece_s:
        return []
    frame = max(1, int(audio.rate * 0.02))
    count = len(audio.samples) // frame
    energy = n.sqrt((audio.samples[:count * frame].astype(n.float32).reshape(count, frame) ** 2).mean(axis=1))
    smooth = n.convolve(energy, n.ones(10) / 10, mode="same")  # 0.2 s around each frame
    cuts: list[float] = []
    start = 0
    per_piece = int(piece_s / 0.02)
    while count - start > per_piece:
        lo, hi = start + per_piece // 2, start + per_piece
        quietest = lo + int(n.argmin(smooth[lo:hi]))
        cuts.append(quietest * 0.02)
        start = quietest
    return cuts


def _cut_points(heard: list[dict[str, Any]], seconds: float) -> list[float]:
    """Times to cut a long recording: in the middle of the longest gap between heard
    words in the last third of each window, so every piece is under WINDOW_S."""
    cuts: list[float] = []
    start = 0.0
    while seconds - start > WINDOW_S:
        limit = start + WINDOW_S
        gaps = [(float(b["start"]) - float(a["end"]), (float(a["end"]) + float(b["start"])) / 2)
                for a, b in itertools.pairwise(heard)
                if start + WINDOW_S / 3 < float(a["end"]) and float(b["start"]) < limit]
        cut = max(gaps)[1] if gaps else limit
        cuts.append(cut)
        start = cut
    return cuts



def _sentences(text: str, max_words: int = 40) -> list[str]:
    """The text in sentences (then at most `max_words` words each), words kept in order."""
    import re

    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        words = sentence.split()
        out.extend(" ".join(words[i:i + max_words]) for i in range(0, len(words), max_words))
    return [s for s in out if s]
