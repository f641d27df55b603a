"""What the understanding engine says about one operator utterance.

Kept in its own module so that the session, the customer brains and the scorers can
depend on the shape without importing the (larger) pattern tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemMention:
    """A catalog product named in an utterance, with what was said about it."""

    sku: str
    qty: int | None = None
    options: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the words that matched, for evidence


@dataclass(frozen=True)
class FactHint:
    """A scenario fact with the phrases that ask for it (from the scenario)."""

    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class CatalogHint:
    """A catalog product as the matcher needs it: sku, names, and option values."""

    sku: str
    names: tuple[str, ...]
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What the engine knows beyond the sentence itself; every part optional.

    `analyze(text)` with no context must still work well (the `analyze techniques`
    command has nothing but the text).
    """

    previous_customer_line: str = ""
    catalog: tuple[CatalogHint, ...] = ()
    facts: tuple[FactHint, ...] = ()
    # per-scenario extensions: technique -> extra phrases that signal it
    extra_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    customer_name: str = ""


@dataclass(frozen=True)
class Analysis:
    """Techniques used, slots stated, things asked for, in one utterance."""

    text: str
    techniques: tuple[str, ...] = ()
    # slot name (simulator.vocab.SLOTS) -> values the operator stated
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # slot names and scenario fact names the operator asked the customer for
    asks: tuple[str, ...] = ()
    is_question: bool = False
    items: tuple[ItemMention, ...] = ()
    # a full payment-card number was spoken (PCI: must never be read back)
    card_number_spoken: bool = False
    # what kinds of information the model read the turn as asking for, including
    # "need" (why they are calling) and "other" that no fact answers
    ask_types: tuple[str, ...] = ()
    # the model's probability per technique (those over 0.15, highest first): the
    # evidence for each label, shown by `analyze techniques --explain` and the scorecard
    scores: tuple[tuple[str, float], ...] = ()
