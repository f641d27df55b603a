"""The understanding engine: what an operator utterance does.

`analyze(text, context)` returns the techniques used (greet, empathize, probe_question,
... and the harmful ones), the slot values stated, what was asked for, and whether a
full card number was spoken. It is rule-based, offline and deterministic — the scorers
and the scripted customer need the same answer every time, in well under a
millisecond — with broad linguistic cues rather than one call centre's script, so it
also reads emotional-support and chat-style text.
"""

from __future__ import annotations

from .card import card_number_spoken, find_card_numbers, mask_card_numbers
from .engine import analyze, classify_techniques
from .normalize import normalize
from .types import Analysis, CatalogHint, Context, FactHint, ItemMention

__all__ = [
    "Analysis",
    "CatalogHint",
    "Context",
    "FactHint",
    "ItemMention",
    "analyze",
    "card_number_spoken",
    "classify_techniques",
    "find_card_numbers",
    "mask_card_numbers",
    "normalize",
]
