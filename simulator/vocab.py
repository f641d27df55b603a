"""The shared vocabulary of a call: techniques, actions, slots, transfer targets.

One list, used by the scenario YAML, the understanding engine, the customer and the
scorers, so that a name a trainer writes means the same thing everywhere. Changing a
name here is a breaking change for every scenario file.
"""

from __future__ import annotations

from typing import Literal, get_args

Technique = Literal[
    "greet",
    "introduce_self",
    "verify_identity",
    "empathize",
    "apologize",
    "take_ownership",
    "reassure",
    "probe_question",
    "paraphrase",
    "inform",
    "offer_solution",
    "explain_value",
    "upsell",
    "read_back",
    "confirm",
    "set_expectation",
    "hold_request",
    "transfer",
    "escalate",
    "thank",
    "close",
    # harmful
    "blame_customer",
    "argue",
    "dismiss",
    "jargon",
    "rude",
    "interrupt",
    "dead_air",
    "overpromise",
]
TECHNIQUES: tuple[str, ...] = get_args(Technique)
HARMFUL_TECHNIQUES: frozenset[str] = frozenset(
    {"blame_customer", "argue", "dismiss", "jargon", "rude", "interrupt", "dead_air", "overpromise"}
)
HELPFUL_TECHNIQUES: frozenset[str] = frozenset(TECHNIQUES) - HARMFUL_TECHNIQUES

# Techniques that show the operator heard the customer's feelings or point before
# answering it; objection handling asks for one of these before the answer.
ACKNOWLEDGING_TECHNIQUES: frozenset[str] = frozenset(
    {"empathize", "apologize", "paraphrase", "take_ownership"}
)

# Default mood change (anger points) per technique when a scenario says nothing.
# Negative calms the customer. Scenarios override any of these in `reactions`.
DEFAULT_REACTIONS: dict[str, int] = {
    "greet": 0,
    "empathize": -8,
    "apologize": -6,
    "take_ownership": -6,
    "reassure": -4,
    "paraphrase": -3,
    "offer_solution": -6,
    "set_expectation": -3,
    "thank": -1,
    "blame_customer": 15,
    "argue": 12,
    "dismiss": 15,
    "jargon": 5,
    "rude": 25,
    "interrupt": 8,
    "dead_air": 6,
    "overpromise": 0,
}

Action = Literal[
    "lookup_account",
    "add_item",
    "change_item",
    "remove_item",
    "set_delivery",
    "set_payment",
    "set_receiver",
    "set_field",
    "take_card",
    "hold",
    "resume",
    "transfer",
    "escalate",
    "end_call",
]
ACTIONS: tuple[str, ...] = get_args(Action)

TransferTarget = Literal["manager", "finance", "head_of_sales", "supervisor", "tech_support"]
TRANSFER_TARGETS: tuple[str, ...] = get_args(TransferTarget)

Slot = Literal["quantity", "item", "option", "address", "time", "phone", "name", "payment", "card"]
SLOTS: tuple[str, ...] = get_args(Slot)

# Words a procedure step may use besides techniques and actions.
PROCEDURE_EXTRAS: tuple[str, ...] = ("check_debt", "mention_recording")
PROCEDURE_STEPS: tuple[str, ...] = TECHNIQUES + ACTIONS + PROCEDURE_EXTRAS
