"""The trained heads: one calibrated logistic classifier per technique and per ask.

Trained by `python scripts/train_understanding.py` from the corpus in
data/understanding/ (see its data card); the weights (`model/heads.npz`, a few MB) and
the nearest-line index used for explanations (`model/index.npz`) are checked in and
rebuilt bit for bit by that command on the same machine. Each head has its own
threshold, chosen on out-of-fold predictions grouped by call situation, so a label
that is rare in the corpus is not drowned by the common ones.

Only numpy runs here: scikit-learn is needed to train, not to use.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..vocab import HARMFUL_TECHNIQUES
from .encoder import MODEL_DIR, get_encoder
from .features import turn_features

if TYPE_CHECKING:
    import numpy as np

HEADS_FILE = MODEL_DIR / "heads.npz"
INDEX_FILE = MODEL_DIR / "index.npz"
# A harmful label costs an honest trainee points and angers the customer, so a harmful
# head needs at least this probability whatever its F1-best threshold: on the held-back
# split this raised harmful precision (interrupt 0.25 -> 0.50, argue 0.42 -> 0.56) at the
# same macro-F1 (0.656 -> 0.658).
HARMFUL_FLOOR = 0.8
ASK_TYPES: tuple[str, ...] = (
    "need", "item", "quantity", "option", "address", "postcode", "time", "date", "phone",
    "name", "receiver", "payment", "card_number", "expiry", "security_code", "account_number",
    "order_number", "email", "date_of_birth", "other",
)


@dataclass(frozen=True)
class Prediction:
    """Probabilities and decisions for one turn."""

    probs: dict[str, float]
    thresholds: dict[str, float]
    techniques: frozenset[str]
    ask_probs: dict[str, float]
    asks: frozenset[str]


@dataclass(frozen=True)
class Neighbour:
    """A training line close to the turn, for explanations."""

    text: str
    techniques: tuple[str, ...]
    similarity: float


def save_arrays(path: Path, arrays: dict[str, Any]) -> None:
    """Write arrays as a .npz whose bytes depend on the arrays only (fixed timestamps),
    so that retraining on the same data gives the same file."""
    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.save(buf, np.asarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


class UnderstandingModel:
    """The technique and ask heads, loaded from the checked-in weights."""

    def __init__(self, heads_file: Path = HEADS_FILE, index_file: Path = INDEX_FILE) -> None:
        import numpy as np

        self._np = np
        with np.load(heads_file, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            self.labels: tuple[str, ...] = tuple(meta["labels"])
            self.ask_labels: tuple[str, ...] = tuple(meta["ask_labels"])
            self.encoder: str = meta["encoder"]
            self._w = z["W"].astype(np.float32)
            self._b = z["b"].astype(np.float32)
            self._t = z["thresholds"].astype(np.float32)
            for j, lab in enumerate(self.labels):
                if lab in HARMFUL_TECHNIQUES:
                    self._t[j] = max(float(self._t[j]), HARMFUL_FLOOR)
            self._aw = z["AW"].astype(np.float32)
            self._ab = z["Ab"].astype(np.float32)
            self._at = z["ask_thresholds"].astype(np.float32)
        self._index_file = index_file
        self._index: tuple[Any, list[str], list[tuple[str, ...]]] | None = None

    def thresholds(self) -> dict[str, float]:
        """Each technique head's decision threshold."""
        return {lab: float(v) for lab, v in zip(self.labels, self._t, strict=True)}

    def probabilities(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Technique and ask probabilities for feature rows (n, d) or one row (d,)."""
        np = self._np
        x = np.atleast_2d(features)
        p = 1.0 / (1.0 + np.exp(-(x @ self._w.T + self._b)))
        q = 1.0 / (1.0 + np.exp(-(x @ self._aw.T + self._ab)))
        return p, q

    def decide(self, p: np.ndarray, q: np.ndarray) -> Prediction:
        """Labels over their thresholds, for one row of probabilities."""
        probs = {lab: float(v) for lab, v in zip(self.labels, p, strict=True)}
        thresholds = {lab: float(v) for lab, v in zip(self.labels, self._t, strict=True)}
        ask_probs = {lab: float(v) for lab, v in zip(self.ask_labels, q, strict=True)}
        return Prediction(
            probs=probs,
            thresholds=thresholds,
            techniques=frozenset(lab for lab, v, t in zip(self.labels, p, self._t, strict=True)
                                 if v >= t),
            ask_probs=ask_probs,
            asks=frozenset(lab for lab, v, t in zip(self.ask_labels, q, self._at, strict=True)
                           if v >= t),
        )

    def predict(self, text: str, customer_before: str,
                rule_labels: tuple[str, ...] | set[str] | frozenset[str],
                is_question: bool) -> Prediction:
        p, q = self.probabilities(turn_features(text, customer_before, rule_labels, is_question,
                                                 self.encoder))
        return self.decide(p[0], q[0])

    def neighbours(self, text: str, k: int = 3) -> list[Neighbour]:
        """The training lines nearest in meaning to `text` (cosine of whole-turn vectors)."""
        np = self._np
        if self._index is None:
            with np.load(self._index_file, allow_pickle=False) as z:
                vectors = z["vectors"].astype(np.float32) / 127.0
                meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            self._index = (vectors, meta["texts"], [tuple(x) for x in meta["labels"]])
        vectors, texts, labels = self._index
        v = get_encoder(self.encoder).encode(text).whole
        sims = vectors @ v
        order = np.argsort(-sims, kind="stable")[:k]
        return [Neighbour(texts[i], labels[i], float(sims[i])) for i in order]


_MODEL: UnderstandingModel | None = None
_LOCK = threading.Lock()


def get_model() -> UnderstandingModel:
    """The shared model, loaded (with its encoder) on first use."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                model = UnderstandingModel()
                get_encoder(model.encoder)
                _MODEL = model
    return _MODEL


def model_available() -> bool:
    """True when the trained weights are installed (they ship with the package)."""
    return HEADS_FILE.is_file()
