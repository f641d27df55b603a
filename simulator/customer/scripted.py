"""The scripted customer: deterministic wording from the scenario and stock lines.

Line variants are picked with a random generator seeded per call and turn, so the
same seed replays the same call word for word (tests, scripted runs), while different
calls sound different. Scenario wording always wins over the stock lines below.
"""

from __future__ import annotations

import random
import re

from simulator.customer.turn import CustomerTurn
from simulator.director import Beat, Plan
from simulator.state import CallState
from simulator.understanding.types import Analysis
from simulator.vocab import HARMFUL_TECHNIQUES

STOCK: dict[str, tuple[str, ...]] = {
    "reveal": ("It's {value}.", "{value}.", "Sure, it's {value}."),
    "repeat": ("I already said: {value}.", "Like I told you, {value}."),
    "correct": ("Oh, wait, sorry, I got that wrong. It's {value}.",
                "No, hang on, that's not right. It's {value}."),
    "unknown": ("I don't know, sorry.", "I don't know."),
    "state_order": ("I'd like to order, please.",),
    "need": ("I'm calling about my account.",),
    "resolve": ("Okay. Fine.",),
    "raise": ("I'm not happy about that.",),
    "change": ("Actually, I want to change something.",),
    "not_done": ("Hang on, we're not done.", "Wait, you haven't answered me."),
    "upsell_yes": ("Oh, go on then, add {item}.",),
    "upsell_no": ("No thanks, just what I asked for.", "No, that's all, thanks."),
    "confirm": ("Yes, that's right.", "Yes.", "That's correct."),
    "hold_ok": ("Okay, I'll hold.", "Fine, but be quick."),
    "greeting_reply": ("Hi.", "Hello."),
    "thanks_back": ("Sure.", "Okay."),
    "goodbye": ("Okay, thanks. Bye.", "Goodbye."),
    "nothing_else": ("No, that's everything.", "No, that's all, thanks."),
    "angry_goodbye": ("Whatever. Bye.", "Fine. Goodbye.", "Don't expect me to call again."),
    "cold_goodbye": ("Right. Bye.", "Fine. Goodbye."),
    "cold_filler": ("There's no need to talk to me like that.", "Excuse me?",
                    "I beg your pardon?"),
    "long_hold": ("Finally. That took ages.", "At last. I nearly hung up."),
    "still_here": ("Yes, I'm still here.", "Yes, I'm here."),
    "after_sorry": ("Right. So what happens now?", "Fine. And then what?"),
    "hangup": ("That's it, I'm done with you people!", "Forget it. I'm hanging up."),
    "transfer_ok": ("Okay, thank you.",),
    "transfer_bad": ("Why are you passing me around? Fine.",),
    "calm_filler": ("Okay.", "Alright.", "Go on.", "Mm-hm."),
    "angry_filler": ("And? What are you going to do about it?",
                     "I'm still waiting for an answer.",
                     "You're not listening to me."),
}


class ScriptedBrain:
    """Words each beat from scenario lines, else from STOCK, seeded per call."""

    name = "scripted"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._last: dict[str, str] = {}

    def _pick(self, key: str, options: tuple[str, ...], turn: int) -> str:
        rng = random.Random(f"{self.seed}:{turn}:{key}")
        choices = [o for o in options if o != self._last.get(key)] or list(options)
        line = rng.choice(choices)
        self._last[key] = line
        return line

    def line_for(self, state: CallState, beat: Beat, turn: int) -> str:
        s = state.scenario
        kind = beat.kind
        if kind == "correct_them":
            return beat.lines[0]  # already worded from the customer's own order
        if kind == "filler" and state.last_techniques & HARMFUL_TECHNIQUES and state.anger < 60:
            # blamed or talked down to, even a calm caller cools: no "go on, I'm listening"
            options = STOCK["cold_filler"]
        elif kind == "filler":
            custom = s.lines.angry if state.anger >= 60 else s.lines.calm
            kind = "angry_filler" if state.anger >= 60 else "calm_filler"
            options = tuple(custom) or STOCK[kind]
            if state.last_techniques & _ACKNOWLEDGING:
                # right after an apology "are you even listening?" is not what anyone says
                options = tuple(o for o in options if not _NOT_LISTENING.search(o)) \
                    or STOCK["after_sorry"]
        elif kind == "goodbye" and state.anger >= 60:
            options = STOCK["angry_goodbye"]
        elif kind == "goodbye" and (state.anger >= 45 or (
                state.harmful_lines and not state.since_harm["apologize"])):
            # an operator who blamed or argued gets no "you've been very patient"
            options = STOCK["cold_goodbye"]
        elif kind in ("goodbye", "hangup") and getattr(s.lines, kind):
            options = tuple(getattr(s.lines, kind))
        elif kind == "not_done":
            opener = self._pick("not_done", STOCK["not_done"], turn)
            return f"{opener} {self._pick('raise:' + beat.ref, beat.lines, turn + 1)}"
        elif kind == "correct":
            options = STOCK[kind]
        else:
            options = beat.lines or STOCK[kind]
        text = self._pick(f"{kind}:{beat.ref}", options, turn)
        item = state.product_names.get(beat.ref, "that").lower()
        return text.replace("{value}", beat.value).replace("{item}", item)

    def reply(self, state: CallState, utterance: Analysis, plan: Plan) -> CustomerTurn:
        turn = state.operator_turns
        parts = [self.line_for(state, beat, turn) for beat in plan.beats]
        # the same sentence twice in one reply sounds broken: keep the first
        return CustomerTurn(" ".join(dict.fromkeys(p for p in parts if p)))


_ACKNOWLEDGING = frozenset({"empathize", "apologize", "paraphrase", "take_ownership"})
_NOT_LISTENING = re.compile(r"listening|not answering|answer me|hear me", re.IGNORECASE)
