"""What the engine knows about the call in progress.

The engine, not a customer brain, owns this: mood, revealed facts, open objections,
the order form. Brains only word the customer's lines (see simulator.customer).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from simulator.order_form import OrderForm
from simulator.scenario import Scenario


@dataclass
class CallState:
    scenario: Scenario
    anger: int
    operator_turns: int = 0
    stalled_turns: int = 0
    # fact name -> what the customer has said it is (a wrong value until corrected)
    revealed: dict[str, str] = field(default_factory=dict)
    corrections_due: list[str] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)
    resolved: set[str] = field(default_factory=set)
    # objection id -> techniques the operator used since it was raised
    objection_progress: dict[str, set[str]] = field(default_factory=dict)
    fired_changes: set[str] = field(default_factory=set)
    # every technique and action seen so far, with counts (repeats calm less)
    used: Counter[str] = field(default_factory=Counter)
    said_need: bool = False
    order_stated: bool = False
    upsells_offered: set[str] = field(default_factory=set)
    upsells_accepted: set[str] = field(default_factory=set)
    on_hold: bool = False
    account_found: bool = False
    form: OrderForm = field(default_factory=OrderForm)
    product_names: dict[str, str] = field(default_factory=dict)
    # sku -> words a caller would recognise it by, and its option values (the customer
    # checks read-backs with these when the understanding engine names no product)
    product_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    product_options: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    ended: bool = False
    ended_by: str | None = None
    # the session seed: a persona's chance to miss a mistake is drawn from it, per turn
    seed: int = 0
    # the operator's latest line (the LLM guard refuses a customer line that echoes it)
    last_operator_line: str = ""
    # operator lines with a harmful move (blame, argue, rude...): a customer's patience
    # for those is `persona.patience`, then they hang up
    harmful_lines: int = 0
    # techniques used since the last harmful line (real de-escalation settles anger)
    since_harm: Counter[str] = field(default_factory=Counter)
    # techniques of the operator's latest line, so a line right after an apology
    # does not ask "are you even listening?"
    last_techniques: frozenset[str] = frozenset()
    hold_since: float | None = None

    @property
    def open_objections(self) -> list[str]:
        return [o for o in self.raised if o not in self.resolved]

    @property
    def facts_given(self) -> set[str]:
        """Facts the customer has given correctly."""
        s = self.scenario
        return {k for k, v in self.revealed.items() if k in s.facts and v == s.facts[k].value}
