"""How the customer's anger moves, turn by turn.

The rules a trainer can reason about: each technique has a reaction (scenario first,
then the defaults in simulator.vocab); calming moves lose strength when repeated (the
fifth "sorry" is worth little); a customer who sees no progress for more than
`persona.patience` operator turns gets angrier each turn. Anger stays in 0..100 and 100
means the customer hangs up.

Two rules make the customer feel what was done to it. A line with a harmful move
(blame, argue, rude, "calm down"...) calms nothing, whatever else it says ("sorry, but
you should have ordered earlier" is not an apology), and never counts as progress;
after more than `persona.patience` such lines the customer has had enough and hangs
up. And real de-escalation settles: once the operator has acknowledged the caller
more than once, apologised, taken ownership and offered a remedy with no harmful move
since, and nothing the caller raised is still open, anger drops to SETTLED — a caller
who got all of that is not still seething.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.state import CallState
from simulator.vocab import DEFAULT_REACTIONS, HARMFUL_TECHNIQUES

STALL_STEP = 6  # anger per turn once patience has run out
SETTLED = 25  # anger after real de-escalation (the scorer's calm line is 30)
HOLD_FREE_S = 45.0  # a hold up to this long costs nothing
HOLD_STEP, HOLD_EVERY_S = 5, 30.0  # then this much anger per this many seconds
_ACKNOWLEDGE = ("empathize", "paraphrase", "apologize", "take_ownership")
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
    used = list(dict.fromkeys(techniques))
    harmful = HARMFUL_TECHNIQUES.intersection(used)
    deltas = [reaction(state, t) for t in used]
    if harmful:
        deltas = [d for d in deltas if d > 0]  # a harmful line calms nothing
    delta = sum(deltas)
    if harmful:
        state.stalled_turns += 1
        if state.stalled_turns > state.scenario.persona.patience:
            delta += STALL_STEP
    elif progress or _PROGRESS.intersection(used):
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


def out_of_patience(state: CallState) -> bool:
    """More harmful lines than the persona's patience: the customer hangs up."""
    return state.harmful_lines > state.scenario.persona.patience


def settle(state: CallState) -> None:
    """Anger drops to SETTLED after real de-escalation (see the module docstring)."""
    since = state.since_harm
    acknowledged = sum(since[t] for t in _ACKNOWLEDGE)
    if (acknowledged >= 2 and since["apologize"] and since["take_ownership"]
            and since["offer_solution"] and not state.open_objections):
        state.anger = min(state.anger, SETTLED)


def hold_cost(seconds: float) -> int:
    """Anger for a hold of `seconds`: nothing for a short one, then a step per interval."""
    if seconds <= HOLD_FREE_S:
        return 0
    return HOLD_STEP * (1 + int((seconds - HOLD_FREE_S) // HOLD_EVERY_S))
