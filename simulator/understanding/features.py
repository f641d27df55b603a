"""What the trained heads see of one operator turn.

The same function builds the features at training time (scripts/train_understanding.py)
and in a call, so the two can never drift apart. A turn is seen as:

* the whole turn's vector: what the turn is about overall;
* the element-wise maximum over its segments' vectors: a long turn that apologises,
  reads the order back and asks a question keeps each act's signal (a mean would blur
  three acts into none);
* the first and the last segment: openings greet, endings ask or say goodbye;
* the customer's previous line: after a list of items "is that right?" checks a
  read-back, after "can I have your name?" a bare "Dana" is an answer;
* the phrase tables' labels as 0/1 flags, a question flag and the length: the old
  rules are precise on some exact forms, and the heads learn from the corpus how far
  to trust each one (a flag is a feature, never the answer).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocab import TECHNIQUES
from .encoder import DIM, get_encoder

if TYPE_CHECKING:
    import numpy as np

# Sentence ends, and the joins a speech recogniser leaves in a run-on turn.
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+|\s+[-\u2013\u2014]\s+|\n+")
RULE_LABELS: tuple[str, ...] = tuple(t for t in TECHNIQUES if t != "dead_air")
N_EXTRA = 3
FEATURE_DIM = DIM * 5 + len(RULE_LABELS) + N_EXTRA


def segment_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences (or clauses) of a turn."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def turn_features(text: str, customer_before: str,
                  rule_labels: tuple[str, ...] | set[str] | frozenset[str],
                  is_question: bool, encoder: str | None = None) -> np.ndarray:
    """One feature row (float32, FEATURE_DIM) for a turn and its context."""
    return many_features([(text, customer_before, frozenset(rule_labels), is_question)], encoder)[0]


def many_features(turns: list[tuple[str, str, frozenset[str], bool]],
                  encoder: str | None = None) -> np.ndarray:
    """Feature rows for (text, customer_before, rule labels, is_question) tuples; the
    texts are encoded in batches."""
    import numpy as np

    enc = get_encoder(encoder)
    befores = sorted({t[1] for t in turns if t[1].strip()})
    # the turns and the customer lines before them go through the encoder together: in a
    # call that is one forward pass of two rows instead of two passes of one
    encoded = enc.encode_many([(t[0], segment_spans(t[0])) for t in turns]
                              + [(b, None) for b in befores])
    vecs = encoded[:len(turns)]
    ctx_vecs = {b: v.whole for b, v in zip(befores, encoded[len(turns):], strict=True)}
    zeros = np.zeros(DIM, np.float32)
    rows = np.zeros((len(turns), FEATURE_DIM), np.float32)
    for i, ((text, before, rule_labels, is_question), vec) in enumerate(zip(turns, vecs, strict=True)):
        flags = np.fromiter((1.0 if t in rule_labels else 0.0 for t in RULE_LABELS), np.float32,
                            count=len(RULE_LABELS))
        words = len(text.split())
        extra = np.asarray([1.0 if is_question else 0.0, min(words, 60) / 60.0,
                            min(len(vec.segments), 6) / 6.0], np.float32)
        rows[i] = np.concatenate([vec.whole, vec.segments.max(axis=0), vec.segments[0],
                                  vec.segments[-1], ctx_vecs.get(before, zeros), flags, extra])
    return rows
