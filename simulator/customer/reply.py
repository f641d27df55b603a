"""One customer line from any brain, spoken sentence by sentence when the brain can.

The session calls `reply_with` instead of `brain.reply`, so a brain that streams (the
LLM brain's `reply_stream`) has its first sentence spoken while the rest is still being
written, and a brain that does not (the scripted one) is spoken as one chunk. It lives
with the customer, not with the LLM code: the session needs the contract, not the
client, so importing the session never loads an LLM module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol, runtime_checkable

from simulator.customer import CustomerBrain
from simulator.customer.turn import CustomerTurn
from simulator.director import Plan
from simulator.state import CallState
from simulator.understanding.types import Analysis


class LineStream(Protocol):
    """Sentence chunks of one customer line; `.turn` is the line once they are done."""

    @property
    def turn(self) -> CustomerTurn: ...

    def __iter__(self) -> Iterator[str]: ...


@runtime_checkable
class StreamingBrain(Protocol):
    """A brain that can word a line in pieces (as well as in one go)."""

    def reply_stream(self, state: CallState, utterance: Analysis, plan: Plan) -> LineStream: ...


def reply_with(brain: CustomerBrain, state: CallState, utterance: Analysis, plan: Plan,
               on_sentence: Callable[[str], None] | None) -> CustomerTurn:
    """The customer's line, each sentence handed to `on_sentence` as it is ready."""
    if on_sentence is None or not isinstance(brain, StreamingBrain):
        turn = brain.reply(state, utterance, plan)
        if on_sentence is not None and turn.text:
            on_sentence(turn.text)
        return turn
    stream = brain.reply_stream(state, utterance, plan)
    for chunk in stream:
        on_sentence(chunk)
    return stream.turn
