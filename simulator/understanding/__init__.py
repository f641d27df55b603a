"""The understanding engine: what an operator utterance does.

`analyze(text, context)` returns the techniques used (greet, empathize, probe_question,
... and the harmful ones), the slot values stated, what was asked for, and whether a
full card number was spoken. Techniques and asks come from a learned model (a sentence
encoder that ships in a package, and small trained heads: learned.py, model.py);
digits, catalog items, card numbers and silence come from exact parsers. It is offline
and deterministic: the scorers and the scripted customer need the same answer every
time.

Names are loaded on first use (PEP 562): importing `simulator.understanding.types`
for the `Analysis` shape must not compile the phrase tables or load the model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# `normalize` names both a submodule and its function: bound here, eagerly, so that
# importing the submodule later cannot leave the package attribute pointing at the module.
from .normalize import normalize

if TYPE_CHECKING:
    from .card import card_number_spoken, find_card_numbers, mask_card_numbers
    from .engine import analyze, classify_techniques
    from .types import Analysis, CatalogHint, Context, FactHint, ItemMention

_WHERE = {
    "card_number_spoken": "card", "find_card_numbers": "card", "mask_card_numbers": "card",
    "analyze": "engine", "classify_techniques": "engine",
    "Analysis": "types", "CatalogHint": "types", "Context": "types", "FactHint": "types",
    "ItemMention": "types",
}

__all__ = [
    "Analysis", "CatalogHint", "Context", "FactHint", "ItemMention", "analyze",
    "card_number_spoken", "classify_techniques", "find_card_numbers", "mask_card_numbers",
    "normalize",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
