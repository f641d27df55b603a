"""Objection handling: acknowledge, answer with the right move, resolve, quickly.

Trainers teach objections as a sequence — hear it, say you heard it, then answer it —
so each objection the customer actually raised (engine mark
`objection_raised:<id>`) is graded on that sequence. Objections the scenario defines
but the call never reached are not counted: the trainee had no chance at them.

Per objection, out of 100: acknowledged in the operator's next line (an
ACKNOWLEDGING technique) 20; answered with its resolving techniques (scenario
`resolved_by`, any one or — with `needs: all` — the share used) 30; resolved (mark
`objection_resolved:<id>`) 40; quick 10, minus 3 per operator line beyond 2 it took.
The dimension is the mean over raised objections.
"""

from __future__ import annotations

from scoring.common import (
    EXAMPLES,
    evidence,
    make_score,
    not_measured,
    operator_says,
    plain_list,
    plural,
    trim,
)
from scoring.types import Evidence, Score, Tip
from simulator.scenario import Objection, Scenario
from simulator.transcript import Event, Transcript
from simulator.vocab import ACKNOWLEDGING_TECHNIQUES

ACK_POINTS, ANSWER_POINTS, RESOLVED_POINTS, QUICK_POINTS = 20.0, 30.0, 40.0, 10.0
QUICK_FREE, QUICK_COST = 2, 3.0


class ObjectionScorer:
    name = "objections"

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        events = transcript.events
        raised: dict[str, int] = {}
        for i, event in enumerate(events):
            if event.speaker == "customer":
                for ref in event.mark_refs("objection_raised"):
                    raised.setdefault(ref, i)
        if not raised:
            return not_measured(self.name, "not measured: the caller raised no objections "
                                "in this call.", {"raised": 0})
        defined = {o.id: o for o in scenario.objections}
        says = operator_says(transcript)
        values: list[float] = []
        reasons: list[str] = []
        evid: list[Evidence] = []
        tips: list[Tip] = []
        per: dict[str, dict[str, object]] = {}
        share = 1.0 / len(raised)
        for ref, at in sorted(raised.items(), key=lambda kv: kv[1]):
            result = _grade(ref, at, events, says, defined.get(ref))
            values.append(result.points)
            reasons.extend(result.reasons)
            evid.extend(result.evidence)
            tips.extend(Tip(t.text, t.priority * share) for t in result.tips)
            per[ref] = result.details
        resolved = sum(1 for d in per.values() if d["resolved"])
        reasons.insert(0, f"{resolved} of {plural(len(raised), 'objection')} raised "
                          f"{'was' if resolved == 1 else 'were'} resolved.")
        value = sum(values) / len(values)
        evid.sort(key=lambda e: e.turn)
        details: dict[str, object] = {"raised": len(raised), "resolved": resolved,
                                      "objections": per}
        return make_score(self.name, value, scenario, reasons, evid, tips, details)


class _Result:
    """One objection's grade while it is being built."""

    def __init__(self) -> None:
        self.points = 0.0
        self.reasons: list[str] = []
        self.evidence: list[Evidence] = []
        self.tips: list[Tip] = []
        self.details: dict[str, object] = {}


def _grade(ref: str, at: int, events: list[Event], says: list[tuple[int, Event]],
           objection: Objection | None) -> _Result:
    r = _Result()
    raise_event = events[at]
    # quote the objection itself, not the answer the caller gave in the same breath
    own = [ln for ln in (objection.says if objection else []) if ln in raise_event.text]
    said = trim(own[0] if own else raise_event.text, 60)
    r.evidence.append(evidence(raise_event, f"objection '{ref}' raised"))
    resolved_at = next((i for i, e in enumerate(events)
                        if i >= at and e.has_mark("objection_resolved", ref)), None)
    window = [(i, e) for i, e in says if i > at and (resolved_at is None or i <= resolved_at)]

    first = window[0][1] if window else None
    # acknowledging is about the concern, not a word list: reassurance, or a direct
    # answer to the worry (one of the objection's own resolving moves), counts too
    hearing = ACKNOWLEDGING_TECHNIQUES | {"reassure"} | set(objection.resolved_by if objection
                                                            else ())
    acks = sorted(set(first.techniques) & hearing) if first else []
    if acks:
        r.points += ACK_POINTS
        r.evidence.append(evidence(first, f"acknowledged ({', '.join(acks)})"))
    else:
        if first is not None:
            r.evidence.append(evidence(first, f"objection '{ref}' not acknowledged first"))
        r.reasons.append(f"'{ref}': your next line did not acknowledge it (-{ACK_POINTS:.0f}).")
        r.tips.append(Tip(f"Acknowledge the objection before answering it: when the caller "
                          f"said '{said}', start with e.g. 'I understand why that matters "
                          f"to you…'", ACK_POINTS))

    used = {t for _, e in window for t in e.techniques}
    needed = list(objection.resolved_by) if objection else []
    if needed:
        have = [t for t in needed if t in used]
        needs_all = bool(objection and objection.needs == "all")
        fraction = len(have) / len(needed) if needs_all else float(bool(have))
        r.points += ANSWER_POINTS * fraction
        missing = [t for t in needed if t not in used]
        if fraction < 1.0:
            joiner = "and" if objection and objection.needs == "all" else "or"
            r.reasons.append(f"'{ref}': it needed you to {plain_list(needed, joiner)}; "
                             f"{'you did ' + plain_list(have, 'and') if have else 'none of that came'}.")
            show = missing[0] if missing else needed[0]
            r.tips.append(Tip(f"When the caller said '{said}', {plain_list(missing, joiner)}: "
                              f"e.g. '{EXAMPLES.get(show, show)}'",
                              ANSWER_POINTS * (1 - fraction)))
    else:
        fraction = 1.0 if resolved_at is not None else 0.0
        r.points += ANSWER_POINTS * fraction

    turns = len(window) if resolved_at is not None else None
    if resolved_at is not None:
        r.points += RESOLVED_POINTS
        quick = max(0.0, QUICK_POINTS - QUICK_COST * max(0, len(window) - QUICK_FREE))
        r.points += quick
        r.evidence.append(evidence(events[resolved_at], f"objection '{ref}' resolved"))
        r.reasons.append(f"'{ref}' was resolved after {len(window)} operator "
                         f"line{'s' if len(window) != 1 else ''}.")
        if quick < QUICK_POINTS:
            r.tips.append(Tip("Resolve objections in fewer turns: acknowledge, then offer "
                              "the fix in the same reply.", QUICK_POINTS - quick))
    else:
        r.reasons.append(f"'{ref}' was never resolved (-{RESOLVED_POINTS + QUICK_POINTS:.0f}).")
        if needed:
            joiner = "and" if objection and objection.needs == "all" else "or"
            r.tips.append(Tip(f"Don't move on until '{said}' is settled: "
                              f"{plain_list(needed, joiner)}, then check 'Does that work for "
                              f"you?'", RESOLVED_POINTS + QUICK_POINTS))
    r.details = {"turn": raise_event.turn, "acknowledged": bool(acks),
                 "answered": round(fraction, 2), "resolved": resolved_at is not None,
                 "operator_turns": turns, "points": round(r.points, 1)}
    return r
