"""Customer brains: they word the customer's lines; the engine decides what happens.

A brain gets the call state, the operator's utterance and the director's plan (the
beats the line must contain) and returns the words. The scripted brain is the default
and the fallback for every other brain.
"""

from __future__ import annotations

from typing import Protocol

from simulator.customer.turn import CustomerTurn
from simulator.director import Plan
from simulator.state import CallState
from simulator.understanding.types import Analysis


class CustomerBrain(Protocol):
    name: str

    def reply(self, state: CallState, utterance: Analysis, plan: Plan) -> CustomerTurn: ...


from simulator.customer.scripted import ScriptedBrain  # noqa: E402

__all__ = ["CustomerBrain", "CustomerTurn", "ScriptedBrain"]
