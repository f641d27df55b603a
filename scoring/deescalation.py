"""De-escalation: did the operator bring the caller's anger down, and keep it down?

The engine writes the customer's anger after every event (`Event.anger`), so this
scorer only reads the curve: where it started, its peak, where it ended, and how many
operator lines it took until it stayed calm. Harmful moves (blame, "calm down",
rudeness...) cost points each and are quoted, because they are what a trainee can
stop doing tomorrow. A hang-up fails the dimension hard.

value = 100 − 10 per harmful move (max 50) − (end anger − 30) when the caller ends
above calm (max 50) − 3 per operator line beyond 3 needed to calm an angry caller
(max 15) − 0.3 × the rise of the peak above the start (max 20); anger ending higher
than it started, and above calm, caps the value below the pass mark; a hang-up caps
it at 10.
"""

from __future__ import annotations

from scoring.common import evidence, make_score, not_measured, operator_says, plural
from scoring.types import Evidence, Score, Tip
from simulator.scenario import Scenario
from simulator.transcript import Event, Transcript
from simulator.vocab import HARMFUL_TECHNIQUES

CALM = 30  # anger at or below this is calm
HARM_COST, HARM_MAX = 10.0, 50.0
END_COST, END_MAX = 1.0, 50.0
SLOW_FREE, SLOW_COST, SLOW_MAX = 3, 3.0, 15.0
PEAK_COST, PEAK_MAX = 0.3, 20.0
HANGUP_CAP = 10.0
WORSE_CAP = 40.0

HARM_TIPS: dict[str, str] = {
    "blame_customer": "Don't put the fault on the caller; own the problem instead: "
                      "'Let me sort this out for you.'",
    "argue": "Don't argue the point; acknowledge it first: 'I can see why that's frustrating.'",
    "dismiss": "Avoid 'calm down' or 'nothing I can do'; say what you can do: "
               "'What I can do right now is…'",
    "jargon": "Use plain words instead of internal terms: say 'your order is on its way' "
              "rather than system codes.",
    "rude": "Keep a courteous tone even when the caller is not: 'I understand, let's fix this.'",
    "interrupt": "Let the caller finish before you speak, then paraphrase: "
                 "'So what happened is…'",
    "dead_air": "Don't leave silence; say what you are doing: 'I'm checking that now, one moment.'",
    "overpromise": "Promise only what you can deliver: 'I'll ask the kitchen to prioritise it "
                   "and call you back within 10 minutes.'",
}


class DeescalationScorer:
    name = "deescalation"

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        events = transcript.events
        start = scenario.persona.anger
        readings = [(i, e.anger) for i, e in enumerate(events) if e.anger is not None]
        says = operator_says(transcript)
        hung_up = [e for e in events if e.has_mark("hangup")]
        if not (readings or says or hung_up or transcript.ended_by == "customer_hangup"):
            return not_measured(self.name, "not measured: the operator never spoke and no "
                                "anger was recorded.")
        reasons: list[str] = []
        evid: list[Evidence] = []
        tips: list[Tip] = []
        penalty = 0.0

        harmful = [(e, t) for _, e in says for t in e.techniques if t in HARMFUL_TECHNIQUES]
        for event, technique in harmful:
            evid.append(evidence(event, f"harmful move: {technique}"))
        harm_cost = min(HARM_MAX, HARM_COST * len(harmful))
        if harmful:
            names = ", ".join(sorted({t for _, t in harmful}))
            reasons.append(
                f"{plural(len(harmful), 'harmful move')} ({names}) cost {harm_cost:.0f} points."
            )
            per_move = harm_cost / len(harmful)
            for _, technique in harmful:
                tips.append(Tip(HARM_TIPS.get(technique, f"Avoid '{technique}'."), per_move))
        else:
            reasons.append("No harmful moves (blaming, dismissing, arguing, rudeness).")
        penalty += harm_cost

        details: dict[str, object] = {
            "start": start, "harmful": len(harmful), "calm_threshold": CALM,
        }
        end = start
        worse = False
        if readings:
            peak_i, peak = max(readings, key=lambda r: r[1])
            peak = max(peak, start)
            end = readings[-1][1]
            calm_line = _calm_line(start, readings, says)
            details.update(peak=peak, end=end, turns_to_calm=calm_line[0] if calm_line else None)
            reasons.append(f"Anger went from {start} at the start to a peak of {peak} "
                           f"and ended at {end} (calm is {CALM} or less).")
            if peak > start:
                evid.append(evidence(events[peak_i], f"anger peaked at {peak}"))
                rise = min(PEAK_MAX, PEAK_COST * (peak - start))
                penalty += rise
                reasons.append(f"Anger rose {plural(peak - start, 'point')} above the start "
                               f"(-{rise:.0f}).")
            if end > CALM:
                cost = min(END_MAX, END_COST * (end - CALM))
                penalty += cost
                reasons.append(f"The caller was still upset at the end ({end}; -{cost:.0f}).")
                tips.append(Tip(_still_upset_tip(says, scenario), cost))
            if calm_line and calm_line[1] is not None:
                n, event = calm_line
                evid.append(evidence(event, f"caller calm from here (operator line {n})"))
                reasons.append(f"The caller calmed after {plural(n, 'operator line')}.")
                slow = min(SLOW_MAX, SLOW_COST * max(0, n - SLOW_FREE)) if start > CALM else 0.0
                if slow:
                    penalty += slow
                    tips.append(Tip(_slow_tip(says, scenario), slow))
            elif calm_line:
                reasons.append("The caller stayed calm throughout." if not harmful else
                               "The caller's anger stayed at or below the calm line; the "
                               "harmful moves are what cost points here.")
            else:
                reasons.append("The caller never settled below the calm level.")
            # ending a point or two above a calm start is still a calm caller: "stayed
            # calm throughout" and FAIL must never appear on the same card
            worse = end > start and end > CALM
            if worse:
                reasons.append(f"Anger ended higher than it started ({end} > {start}): failed.")
        else:
            details.update(peak=None, end=None, turns_to_calm=None)
            reasons.append("The transcript records no anger readings; only moves were scored.")

        value = 100.0 - penalty
        if worse:
            value = min(value, WORSE_CAP, max(0.0, scenario.scoring.pass_mark - 1.0))
        hard = bool(hung_up) or transcript.ended_by == "customer_hangup"
        details["hangup"] = hard
        if hard:
            value = min(value, HANGUP_CAP)
            if hung_up:
                evid.append(evidence(hung_up[0], "the caller hung up"))
            reasons.append("The caller hung up: de-escalation failed.")
            tips.append(Tip("Keep the caller on the line: when anger climbs, stop explaining, "
                            "apologise and offer one concrete fix.", 100.0 - HANGUP_CAP))
        evid.sort(key=lambda e: e.turn)
        return make_score(self.name, value, scenario, reasons, evid, tips, details, hard)


_HEARD = frozenset({"empathize", "apologize", "paraphrase", "take_ownership", "reassure"})
_GENTLE = frozenset({"elderly", "confused", "polite", "friendly"})


def _gentle(scenario: Scenario) -> bool:
    """A calm or gentle caller: tips must not put "that's not good enough" in the mouth."""
    return scenario.persona.anger <= 40 or bool(_GENTLE & set(scenario.persona.traits))


def _slow_tip(says: list[tuple[int, Event]], scenario: Scenario) -> str:
    """Calm sooner — worded from what the first reply actually did, never contradicting it."""
    first = says[0][1] if says else None
    fix = ("'Let me help you with that right now.'" if _gentle(scenario)
           else "'I'm sorry, that's not good enough — here's what I'll do.'")
    if first is not None and _HEARD & set(first.techniques):
        return ("You acknowledged the caller early; bring the fix into the same reply so "
                f"they calm sooner: {fix}")
    return f"Calm the caller sooner: acknowledge the feeling in your first reply, then offer a fix: {fix}"


def _still_upset_tip(says: list[tuple[int, Event]], scenario: Scenario) -> str:
    used = {t for _, e in says for t in e.techniques}
    if "apologize" in used and "empathize" not in used:
        return ("You apologised; also say you understand how they feel, and what you will "
                "do about it: 'I can hear how frustrating this is — here's what I'll do.'")
    if {"empathize", "apologize"} <= used or {"empathize", "take_ownership"} <= used:
        return ("The caller was still upset at the end: close with the fix and what happens "
                "next, in so many words: 'That's sorted for you now, and here's exactly what "
                "happens next.'")
    if _gentle(scenario):
        return ("Acknowledge how the caller feels and say sorry before the details: "
                "'I'm sorry for the muddle — let me sort it out for you.'")
    return ("Lead with empathy and an apology before the facts: 'I'm so sorry, I can hear "
            "how frustrating this is — let me put it right.'")


def _calm_line(start: int, readings: list[tuple[int, int]],
               says: list[tuple[int, Event]]) -> tuple[int, Event | None] | None:
    """(operator line number, event) after which anger stays <= CALM; (0, None) if never upset.

    None when the caller never settled. The operator line must come after the last
    reading above CALM, and a reading at or after it must show the calm held.
    """
    last_hot = max((i for i, a in readings if a > CALM), default=None)
    if last_hot is None and start <= CALM:
        return (0, None)
    for n, (index, event) in enumerate(says, start=1):
        if last_hot is None or index > last_hot:
            return (n, event) if any(i >= index for i, _ in readings) else None
    return None
