"""`analyze`: one operator utterance in, an `Analysis` out.

The only place that knows the order of the steps: dead-air markers (silence only: a
typed or heard "hmm" is a sound, not dead air), sentence
splitting and normalisation, technique cues, per-scenario extra phrases, slots and
catalog items, asks, and the PCI check. Each step lives in its own module so it can be
tested and tuned alone; this module just wires them together and stays cheap (no
compilation or heavy objects per call).
"""

from __future__ import annotations

import re

from ..vocab import TECHNIQUES
from .types import Analysis, Context

_EMPTY = Context()
_TECHNIQUE_SET = frozenset(TECHNIQUES)
# What a recogniser or a typist leaves when nothing was said.
_DEAD_AIR = re.compile(
    r"\s*(?:\.{2,}|\u2026|[\[(](?:silence|pause|no response|no answer|dead air|inaudible)[\])]"
    r"|)\s*",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]")
_EXTRA_THRESHOLD = 85.0
_EXTRA_CACHE: dict[int, tuple[dict[str, tuple[str, ...]], tuple[tuple[str, tuple[str, ...]],
                                                                 ...]]] = {}


def _extra_phrases(extra: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Scenario phrases, normalised once per scenario (cached by the dict's identity)."""
    from .normalize import normalize

    hit = _EXTRA_CACHE.get(id(extra))
    if hit is not None and hit[0] is extra:
        return hit[1]
    prepared = tuple(
        (tech, tuple(p for p in (normalize(x) for x in phrases) if p))
        for tech, phrases in extra.items() if tech in _TECHNIQUE_SET
    )
    if len(_EXTRA_CACHE) > 64:
        _EXTRA_CACHE.clear()
    _EXTRA_CACHE[id(extra)] = (extra, prepared)
    return prepared


def analyze_rules(text: str, context: Context | None = None) -> Analysis:
    """The phrase tables' reading of one operator utterance.

    Kept for three jobs: its labels are features of the learned model (learned.py), its
    exact parsers (slots, catalog items, card numbers, silence markers) are the answer
    for structure, and it is the baseline the benchmark measures the model against.
    """
    # the phrase tables compile on first use, not when the engine is imported
    from .asks import find_asks, phrase_in
    from .normalize import split_sentences
    from .questions import is_interrogative
    from .slots import extract_slots
    from .techniques import order_techniques, post_utterance, sentence_techniques

    ctx = context if context is not None else _EMPTY
    if _DEAD_AIR.fullmatch(text):
        return Analysis(text=text, techniques=("dead_air",))
    sentences = split_sentences(text)
    if not sentences:
        # only fillers ("hmm", "um"): the operator made a sound, which is not silence
        if _WORD.search(text):
            return Analysis(text=text)
        return Analysis(text=text, techniques=("dead_air",))
    found: set[str] = set()
    for sent in sentences:
        found |= sentence_techniques(sent)
    norm = " , ".join(s.norm for s in sentences)
    found = post_utterance(found, norm)
    if ctx.extra_phrases:
        for tech, phrases in _extra_phrases(ctx.extra_phrases):
            if tech not in found and any(phrase_in(p, norm, _EXTRA_THRESHOLD) for p in phrases):
                found.add(tech)
    slots, items = extract_slots(norm, text, ctx)
    asks = find_asks(sentences, ctx.facts)
    is_question = any(
        s.question_mark or any(is_interrogative(c) for c in s.clauses) for s in sentences
    )
    return Analysis(
        text=text,
        techniques=order_techniques(found),
        slots=slots,
        asks=asks,
        is_question=is_question,
        items=items,
        card_number_spoken="card" in slots,
    )


def analyze(text: str, context: Context | None = None) -> Analysis:
    """Techniques, slots, asks and PCI flag of one operator utterance.

    Works with no context at all; a context adds the customer's previous line, catalog
    items, scenario facts that can be asked for, trainer examples and the customer's
    name. Techniques and asks come from the learned model (learned.py); structure
    (digits, items, card numbers, silence) from the exact parsers.
    """
    from .learned import analyze_learned

    return analyze_learned(text, context if context is not None else _EMPTY)


def classify_techniques(text: str) -> list[str]:
    """The techniques of `text` (no context), in vocabulary order."""
    return list(analyze(text).techniques)
