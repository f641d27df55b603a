"""How the customer's anger moves, turn by turn.

The rules a trainer can reason about: each technique has a reaction (scenario first,
then the defaults in simulator.vocab); calming moves lose strength when repeated (the
fifth "sorry" is worth little); a customer who sees no progress for more than
`persona.patience` operator turns gets angrier each turn. Anger stays in 0..100 and 100
means the customer hangs up.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.state import CallState
from simulator.vocab import DEFAULT_REACTIONS

STALL_STEP = 6  # anger per turn once patience has run out
_PROGRESS = {
    "empathize", "apologize", "take_ownership", "offer_solution", "set_expectation",
    "inform", "read_back", "explain_value", "transfer", "escalate", "paraphrase",
}


def reaction(state: CallState, technique: str) -> int:
    """Anger change for one use of `technique`, with diminishing returns on repeats."""
    base = state.scenario.reactions.get(technique, DEFAULT_REACTIONS.get(technique, 0))  # type: ignore[call-overload]
    if base < 0:
        repeats = state.used[technique]
        return round(base / (1 + repeats))  # 1st full, 2nd half, 3rd a third...
    return base


def mood_change(state: CallState, techniques: Iterable[str], *, progress: bool) -> int:
    """Total anger change for one operator turn (before the customer answers)."""
    delta = sum(reaction(state, t) for t in dict.fromkeys(techniques))
    if progress or _PROGRESS.intersection(techniques):
        state.stalled_turns = 0
    else:
        state.stalled_turns += 1
        if state.stalled_turns > state.scenario.persona.patience:
            delta += STALL_STEP
    return delta


def apply(state: CallState, delta: int) -> int:
    """Move anger by `delta`, kept inside 0..100; returns the new anger."""
    state.anger = max(0, min(100, state.anger + delta))
    return state.anger
