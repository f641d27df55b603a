"""What the model is told each turn: who it is, how it feels, and exactly what to say.

The prompt hands the model the director's plan, not the scenario: the beats to
express, only the facts this turn reveals, the open objections and the mood. The
scripted line is included as an example so that even a small model stays on the
plan; a good model rewords it. Everything shown here also feeds the guard's list of
numbers the customer may use (see `known_text`).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.director import Beat, Plan
from simulator.state import CallState

HISTORY_LINES = 8


def mood_word(anger: int) -> str:
    if anger >= 80:
        return "furious"
    if anger >= 60:
        return "angry"
    if anger >= 40:
        return "annoyed"
    if anger >= 20:
        return "a little impatient"
    return "calm"


def _quote(lines: tuple[str, ...] | list[str]) -> str:
    return " / ".join(f'"{ln}"' for ln in lines[:2])


def beat_instruction(beat: Beat, state: CallState) -> str:
    """One beat as a plain instruction to the customer."""
    fact = beat.ref.replace("_", " ")
    item = state.product_names.get(beat.ref, "the extra item").lower()
    lines = f" (like {_quote(beat.lines)})" if beat.lines else ""
    text = {
        "opening": f"Open the call: say why you are calling{lines}.",
        "reveal": f"Tell them your {fact}: {beat.value}",
        "repeat": f"Say again, a bit annoyed, that your {fact} is {beat.value}",
        "correct": f"Correct yourself: your {fact} is actually {beat.value}",
        "unknown": "Say you don't know that.",
        "state_order": f"Say what you want to order{lines}.",
        "need": f"Say why you are calling{lines}.",
        "resolve": f"Accept what they offered; you are satisfied about this now{lines}.",
        "raise": f"Push back / complain{lines}.",
        "change": f"Change your order{lines}.",
        "upsell_yes": f"Say yes to their offer of {item}.",
        "upsell_no": "Say no thanks to the extra item they offered.",
        "confirm": "Confirm that what they read back is right.",
        "hold_ok": "Agree to hold.",
        "greeting_reply": f"Answer their greeting{lines}.",
        "thanks_back": "Acknowledge their thanks briefly.",
        "goodbye": "Say goodbye; the call is ending.",
        "hangup": "Say angrily that you are hanging up.",
        "transfer_ok": "Agree to being transferred.",
        "transfer_bad": "Complain about being passed around, but agree to the transfer.",
        "filler": ("Demand to know what they will do about it." if state.anger >= 60
                   else "React briefly and let them go on."),
    }.get(beat.kind, f"{beat.kind.replace('_', ' ')}{lines}.")
    return text


def background(state: CallState) -> str:
    """The customer's side of the story, without facts they should only give when asked."""
    s = state.scenario
    parts = [f"You called (or answered) saying things like {_quote(s.opening)}."]
    if s.lines.need:
        parts.append(f"What you want: {_quote(s.lines.need)}.")
    if s.account and s.account.history:
        parts.append("What happened before: " + "; ".join(s.account.history) + ".")
    return " ".join(parts)


def system_prompt(state: CallState) -> str:
    """The part that stays the same all call: a stable prefix servers can cache."""
    s = state.scenario
    p = s.persona
    traits = ", ".join(p.traits) or "ordinary"
    return (
        f"You are {p.name}, a customer on a phone call with a company's call-center agent. "
        "Stay in character as the customer: you are NOT the agent, NOT an assistant and NOT "
        "a coach.\n"
        f"Personality: {traits}.\n"
        f"Your situation: {background(state)}\n"
        "Rules:\n"
        "- Speak 1 to 3 short spoken sentences. No lists, no stage directions, no quotes.\n"
        "- Do only what 'This turn' says. Never give personal details or numbers unless "
        "this turn lists them, and then exactly as written.\n"
        "- Keep the mood you are told; become friendlier only when this turn says you "
        "accept something.\n"
        "- Never mention these instructions, your anger number, or that this is practice.\n"
        'Answer with JSON only: {"say": what you say, "mood_change": integer -10..10 (how '
        "much angrier (+) or calmer (-) the agent's last words made you), "
        '"revealed_facts": [names of the facts you gave], "hangs_up": true only if this '
        "turn says to hang up}."
    )


@dataclass(frozen=True)
class TurnPrompt:
    messages: list[dict[str, str]]
    known_text: str  # everything shown to the model, for the guard's number check


def build_prompt(state: CallState, operator_text: str, plan: Plan, example: str,
                 history: list[tuple[str, str]]) -> TurnPrompt:
    """Messages for one turn; `history` is (speaker, text) pairs, oldest first.

    Order matters for speed: what never changes comes first and the history only grows
    at its end, so a local server reuses its cached prefix and evaluates only the new
    tail of the prompt each turn.
    """
    lines: list[str] = []
    if history:
        lines.append("Conversation so far:")
        lines += [f"{who}: {text}" for who, text in history[-HISTORY_LINES:]]
        lines.append("")
    if operator_text:
        lines.append(f'The agent just said: "{operator_text}"')
    elif not history:
        lines.append("The call has just connected; you speak first.")
    open_objections = [o for o in state.scenario.objections if o.id in state.open_objections]
    resolving = {b.ref for b in plan.beats if b.kind == "resolve"}
    still = [o for o in open_objections if o.id not in resolving]
    if still:
        lines.append("Still bothering you: " + "; ".join(_quote(o.says) for o in still) + ".")
    lines.append(f"Right now you are {mood_word(state.anger)} (anger {state.anger} of 100).")
    lines.append("This turn:")
    lines += [f"{i}. {beat_instruction(b, state)}" for i, b in enumerate(plan.beats, start=1)]
    reveals = {b.ref: b.value for b in plan.beats if b.kind in ("reveal", "repeat", "correct")}
    if reveals:
        lines.append("Facts you may give this turn (exactly): "
                     + ", ".join(f"{k.replace('_', ' ')} = {v}" for k, v in reveals.items()))
    else:
        lines.append("Give no personal details or numbers this turn.")
    if example:
        lines.append(f'A line that fits (say it in your own words): "{example}"')
    user = "\n".join(lines)
    system = system_prompt(state)
    return TurnPrompt(
        [{"role": "system", "content": system}, {"role": "user", "content": user}],
        known_text=system + "\n" + user,
    )
