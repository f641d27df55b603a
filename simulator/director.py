"""Decides what happens in the customer's next line: the plan a brain then words.

Given what the operator just did, the director works out the beats of the customer's
reply in a fixed order — correct a wrong read-back, accept a resolved objection, answer
what was asked (once each, one plain "I don't know" at most), state the order, answer
an offer that was really made, make a scheduled change, raise a due objection — and
updates the call state to match. Keeping this out of the brains is what lets an LLM brain vary
the wording while the engine keeps the facts and the scenario's logic straight.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from simulator import readback
from simulator.hearing import asks_of, fact_asks_said, facts_by_words
from simulator.scenario import Objection, Scenario
from simulator.state import CallState
from simulator.triggers import Trigger, parse_trigger
from simulator.understanding.types import Analysis

# Operator asks that map onto where the scenario keeps the answer.
_ASK_TO_FACT = {"phone": "phone", "name": "name", "address": "address", "receiver": "receiver",
                "time": "time", "payment": "payment", "card": "card_number"}
# asks that are answered by saying the order itself ("which pizza, what size?")
_ORDER_ASKS = {"order", "item", "option", "quantity"}

# a customer line that asks who is calling: wrong after the operator said who they are
_WHO_IS_THIS = re.compile(r"\bwho(?:'s| is) (?:this|calling)|\bwho are you\b", re.IGNORECASE)
# teams a line may name; the customer never accepts being sent to a team not offered
_TEAMS = {
    "supervisor": r"supervisor|team lead|line manager|senior",
    "manager": r"account manager|\byour manager\b|\bmanager\b",
    "finance": r"finance|billing|accounts",
    "head_of_sales": r"head of sales|sales",
    "tech_support": r"tech(?:nical)? support|technician|engineer",
}


@dataclass(frozen=True)
class Beat:
    """One thing the customer's next line must do."""

    kind: str  # see ScriptedBrain.LINES for the kinds
    ref: str = ""
    value: str = ""
    lines: tuple[str, ...] = ()  # scenario wording, when the scenario gives some


@dataclass
class Plan:
    beats: list[Beat] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    anger_delta: int = 0
    hangup: bool = False
    ends_call: bool = False

    def add(self, beat: Beat, *marks: str) -> None:
        self.beats.append(beat)
        self.marks.extend(marks)


def _trigger(when: str) -> Trigger:
    return parse_trigger(when)


def _fires(trig: Trigger, state: CallState, now: set[str]) -> bool:
    if trig.kind == "start":
        return True
    if trig.kind == "turn":
        return state.operator_turns >= trig.turn
    if trig.kind == "technique":
        # "after X" means X has happened at some point, so a trigger deferred by another
        # beat still fires on a later line
        ref = "lookup_account" if trig.ref == "check_debt" else trig.ref
        return ref in now or state.used[ref] > 0
    if trig.kind == "fact":
        return trig.ref in state.facts_given
    if trig.kind == "objection":
        return trig.ref in state.resolved
    if trig.kind == "change":
        return trig.ref in state.fired_changes
    return False


def _resolves(obj: Objection, used: set[str]) -> bool:
    need = set(obj.resolved_by)
    return need <= used if obj.needs == "all" else bool(need & used)


def fact_value(scenario: Scenario, name: str) -> str | None:
    """Where the customer finds an answer: a fact, else the account or order."""
    if name in scenario.facts:
        return scenario.facts[name].value
    order, account = scenario.order, scenario.account
    if name == "name":
        return scenario.persona.name
    if name == "address":
        if order and order.delivery and order.delivery.address:
            return order.delivery.address
        return account.address if account else None
    if name == "phone" and account:
        return account.phone
    if name == "receiver" and order:
        return order.receiver
    if name == "time" and order and order.delivery:
        return order.delivery.window
    if name == "payment" and order:
        return order.payment.replace("_", " ") if order.payment else None
    return None


def _answer(state: CallState, name: str, plan: Plan) -> None:
    s = state.scenario
    fact = s.facts.get(name)
    if any(b.kind == "correct" and b.ref == name for b in plan.beats):
        return  # just corrected it in this same reply; saying it again is noise
    if name in state.revealed and state.revealed[name] == fact_value(s, name):
        plan.add(Beat("repeat", name, state.revealed[name]), f"fact:{name}")
        return
    if fact and fact.wrong_first and name not in state.revealed:
        state.revealed[name] = fact.wrong_first
        state.corrections_due.append(name)
        plan.add(Beat("reveal", name, fact.wrong_first, tuple(fact.says)), f"fact_wrong:{name}")
        return
    value = fact_value(s, name)
    if value is None:
        plan.add(Beat("unknown", name, "", tuple(s.lines.unknown)))
        return
    state.revealed[name] = value
    plan.add(Beat("reveal", name, value, tuple(fact.says) if fact else ()), f"fact:{name}")


def _named_teams(text: str) -> set[str]:
    found = {team for team, p in _TEAMS.items() if re.search(p, text, re.IGNORECASE)}
    if re.search(r"line manager", text, re.IGNORECASE):
        found.discard("manager")
    return found


def _accept_lines(obj: Objection, analysis: Analysis) -> tuple[str, ...]:
    """The objection's accept lines, minus any that name a team other than the one the
    operator named in this line ("Fine, get your supervisor" when the operator said
    they would put them through to billing). A line naming no team always stays."""
    offered = _named_teams(analysis.text) | (
        {"supervisor"} if "escalate" in analysis.techniques else set())
    keep = [ln for ln in obj.accepts if not offered or _named_teams(ln) <= offered]
    return tuple(keep) if keep else ("Okay. Fine.",)


def _readback(state: CallState, analysis: Analysis, plan: Plan) -> None:
    """Correct a wrong read-back in the customer's voice — or, for a persona that
    misses mistakes, let it pass (drawn from the session seed, so replays agree). The
    marks record the mistake either way: the scorecard counts it."""
    found = readback.mistakes(state, analysis)
    if not found:
        return
    fields = list(dict.fromkeys(m.field for m in found))
    marks = [f"readback_wrong:{f}" for f in fields]
    chance = state.scenario.persona.misses_mistakes
    rng = random.Random(f"{state.seed}:{state.operator_turns}:miss")
    if chance > 0 and rng.random() < chance:
        plan.marks.extend([*marks, *(f"readback_missed:{f}" for f in fields)])
        return
    text = readback.correction(found)
    # value: the right values as the customer says them ("two"), which an LLM wording
    # of this beat must contain; lines: the scripted correction
    wants = [readback.number_word(int(m.want)) if m.field == "quantity" else m.want
             for m in found if m.want]
    plan.add(Beat("correct_them", ",".join(fields), "; ".join(wants), (text,)), *marks)


def plan_reply(state: CallState, analysis: Analysis, now: set[str]) -> Plan:
    """Beats for the customer's reply to one operator line; updates `state`."""
    s = state.scenario
    plan = Plan()
    used = set(analysis.techniques)

    # corrections from a confused customer come first, unprompted
    for name in list(state.corrections_due):
        value = s.facts[name].value
        state.revealed[name] = value
        state.corrections_due.remove(name)
        plan.add(Beat("correct", name, value), f"fact:{name}")

    # the customer knows its own order: a wrong read-back is corrected next
    _readback(state, analysis, plan)

    for oid in state.open_objections:
        obj = next(o for o in s.objections if o.id == oid)
        state.objection_progress.setdefault(oid, set()).update(used)
        if _resolves(obj, state.objection_progress[oid]):
            state.resolved.add(oid)
            plan.add(Beat("resolve", oid, "", _accept_lines(obj, analysis)),
                     f"objection_resolved:{oid}")

    phrases = {name: (name.replace("_", " "), *(p.casefold() for p in f.asked_by))
               for name, f in s.facts.items()}
    asked = fact_asks_said(analysis, asks_of(analysis), phrases)
    if not asked and analysis.is_question:
        asked = facts_by_words(analysis.text, phrases)
    if "still_there" in asked:
        plan.add(Beat("still_here"))
    if "anything_else" in asked:
        asked.remove("anything_else")
        if "upsell" not in used and not asked:
            plan.add(Beat("nothing_else"))
    wants_order = bool(_ORDER_ASKS & set(asked)) and s.order is not None
    names = dict.fromkeys(
        a if a in s.facts else _ASK_TO_FACT.get(a, a) for a in asked
        if a not in ("still_there", "anything_else") and not (a in _ORDER_ASKS and s.order is not None)
        and not (a in ("item", "option", "quantity") and a not in s.facts)
    )
    if names and analysis.is_question and not plan.beats and readback.restates(state, analysis):
        # "Is it still 14 Canal Street, and what day works best?": yes, and the day
        plan.add(Beat("confirm"))
    for name in names:
        _answer(state, name, plan)
    _one_unknown(plan)
    if wants_order:
        state.order_stated = True
        plan.add(Beat("state_order", "", "", tuple(s.order.says)))  # type: ignore[union-attr]
    elif (not asked and "probe_question" in used and not state.said_need
          and s.lines.need and not _fixed(state) and not state.order_stated
          and not used & {"read_back", "confirm"}
          and (state.operator_turns <= 2 or not analysis.is_question
               or _OPEN_PROBE.search(analysis.text))):
        state.said_need = True
        plan.add(Beat("need", "", "", tuple(s.lines.need)))

    offered = [m.sku for m in analysis.items if not any(ln.sku == m.sku for ln in s.order.items)] \
        if s.order is not None else []
    if ("upsell" in used and s.order is not None and not wants_order
            and (offered or (analysis.is_question and _OFFER.search(analysis.text)))):
        offered = offered or ["?"]
        for sku in offered:
            if sku in state.upsells_offered:
                continue
            state.upsells_offered.add(sku)
            if sku in s.order.upsell.accepts and sku not in state.upsells_accepted:
                state.upsells_accepted.add(sku)
                plan.add(Beat("upsell_yes", sku, "", tuple(s.order.upsell.says_yes)),
                         f"upsell_offered:{sku}", f"upsell_accepted:{sku}")
            else:
                plan.add(Beat("upsell_no", sku, "", tuple(s.order.upsell.says_no)),
                         f"upsell_offered:{sku}", f"upsell_declined:{sku}")

    # a correction is this line's surprise: a change or a new objection waits a line
    correcting = any(b.kind == "correct_them" for b in plan.beats)
    for change in s.changes:
        if correcting:
            break
        if change.id not in state.fired_changes and _fires(_trigger(change.when), state, now):
            state.fired_changes.add(change.id)
            plan.add(Beat("change", change.id, "", tuple(change.says)), f"change:{change.id}")
            break  # one change per line keeps it followable

    changed = correcting or any(b.kind == "change" for b in plan.beats)
    for obj in s.objections:
        if obj.id in state.raised or changed:  # one surprise per line keeps it followable
            continue
        if _fires(_trigger(obj.when), state, now):
            state.raised.append(obj.id)
            state.objection_progress[obj.id] = set()
            plan.anger_delta += obj.anger
            plan.add(Beat("raise", obj.id, "", tuple(obj.says)), f"objection_raised:{obj.id}")
            break  # one new objection per line

    if (plan.beats and {"read_back", "confirm"} & used
            and all(b.kind in ("change", "raise") for b in plan.beats)):
        # a right read-back is confirmed before the customer adds or objects to anything
        plan.beats.insert(0, Beat("confirm"))
    if not plan.beats:
        if ("read_back" in used or "confirm" in used
                or (analysis.is_question and readback.restates(state, analysis))):
            plan.add(Beat("confirm"))
        elif "hold_request" in used:
            plan.add(Beat("hold_ok", "", "", tuple(s.lines.hold_ok)))
        elif "greet" in used and state.operator_turns <= 2:
            lines = s.lines.greeting_reply or s.lines.need
            if state.used["introduce_self"] or "introduce_self" in used:
                lines = [ln for ln in lines if not _WHO_IS_THIS.search(ln)]
            plan.add(Beat("greeting_reply", "", "", tuple(lines)))
            state.said_need = state.said_need or bool(s.lines.need)
        elif "thank" in used and not analysis.is_question and not (used & _STATEMENT_MOVES):
            plan.add(Beat("thanks_back"))
        elif analysis.is_question and not (used & _STATEMENT_MOVES):
            # a question the customer has no answer to gets one plain "I don't know",
            # never an "Okay." a trainee would write down as a yes
            plan.add(Beat("unknown", "", "", tuple(s.lines.unknown)))
        else:
            plan.add(Beat("filler"))
    return plan


# an open invitation to say why they called (a specific question later in the call
# that the customer cannot answer gets "I don't know", not the opening complaint again)
_OPEN_PROBE = re.compile(r"\bhow (?:can|may|could|shall) (?:i|we) help|\bwhat can (?:i|we) "
                         r"(?:do|help)|\bwhat(?:'s| is| seems to be) (?:the (?:problem|issue|"
                         r"matter)|wrong|up)|\bwhat happened\b|\btell me (?:more|what|about)"
                         r"|\bwhat (?:are you|is it) (?:calling|ringing) about", re.IGNORECASE)
# "Would you like a garlic bread?" is an offer; "What would you like tonight?" is not
_OFFER = re.compile(r"\b(?:add|anything else|something (?:else|to drink|sweet)|extra|also"
                    r"|fancy|how about|interested in|tempt|try (?:our|the|a)|go with|"
                    r"with (?:that|it|your order))\b", re.IGNORECASE)
# lines that offer or explain something: a question at their end ("does that work?")
# is about the offer, which the customer has heard, not a fact it must know
_STATEMENT_MOVES = {"offer_solution", "explain_value", "set_expectation", "inform",
                    "reassure", "take_ownership", "empathize", "apologize", "paraphrase",
                    "transfer", "escalate", "close", "verify_identity"}


def _fixed(state: CallState) -> bool:
    """The caller's problem has been answered: a fix offered, or an objection settled.
    After that the caller does not repeat the complaint it opened with."""
    return bool(state.resolved) or any(
        state.used[t] > 0 for t in ("offer_solution", "take_ownership", "set_expectation"))


def _one_unknown(plan: Plan) -> None:
    """At most one "I don't know" per reply, and none next to an answer (saying "no
    idea" and then giving the answer contradicts itself in one breath)."""
    unknown = [b for b in plan.beats if b.kind == "unknown"]
    answered = any(b.kind in ("reveal", "repeat", "correct") for b in plan.beats)
    if not unknown:
        return
    first = plan.beats.index(unknown[0])
    plan.beats[:] = [b for i, b in enumerate(plan.beats)
                     if b.kind != "unknown" or (i == first and not answered)]
