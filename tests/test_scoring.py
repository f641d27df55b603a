"""The scorecard: weights, None handling, tips, round-trips; de-escalation; objections."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from scoring import SCORERS, Scorer, score_call
from scoring.deescalation import DeescalationScorer
from scoring.diction import DictionScorer
from scoring.objections import ObjectionScorer
from scoring.types import Evidence, Score, Scorecard, Tip
from simulator.scenario import Scenario
from simulator.transcript import Transcript

BASE: dict[str, Any] = {
    "id": "t-call", "title": "Test call", "direction": "inbound", "brief": "Help the caller.",
    "persona": {"name": "Dana Whitfield", "anger": 20}, "opening": "Hello?",
}


def scenario(**extra: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return Scenario.model_validate(data)


def op(text: str, *techniques: str, anger: int | None = None) -> dict[str, Any]:
    return {"speaker": "operator", "text": text, "techniques": list(techniques), "anger": anger}


def cu(text: str, anger: int | None = None, *marks: str) -> dict[str, Any]:
    return {"speaker": "customer", "text": text, "anger": anger, "marks": list(marks)}


def call(*events: dict[str, Any], **extra: Any) -> Transcript:
    return Transcript.from_data({"scenario_id": "t-call", "events": list(events), **extra})


# --- types -----------------------------------------------------------------------


def test_scorecard_round_trips_through_json() -> None:
    sc = scenario(persona={"anger": 60})
    t = call(cu("Where is it?", 60), op("Calm down.", "dismiss", anger=75), cu("What?!", 75))
    card = score_call(t, sc)
    data = json.loads(json.dumps(card.as_dict()))
    assert Scorecard.from_dict(data) == card
    assert data["scores"]["deescalation"]["evidence"][0] == {
        "turn": 2, "quote": "Calm down.", "note": "harmful move: dismiss",
        "reading": "dismissing"}


def test_score_from_dict_keeps_none_value() -> None:
    s = Score("diction", None, None, ["not measured"], [Evidence(1, "q", "n")], [Tip("t", 1.5)])
    assert Score.from_dict(s.as_dict()) == s


def test_scorers_table_names_and_protocol() -> None:
    assert list(SCORERS) == ["deescalation", "objections", "order_capture", "procedure", "diction"]
    assert all(isinstance(s, Scorer) and s.name == n for n, s in SCORERS.items())


# --- de-escalation ------------------------------------------------------------------


def test_calm_caller_kept_calm_scores_100() -> None:
    t = call(cu("Hi, I'd like to order.", 20), op("Good evening!", "greet", anger=20),
             cu("Great.", 18), op("Thanks, bye.", "close", anger=15))
    s = DeescalationScorer().score(t, scenario())
    assert s.value == 100.0 and s.passed is True
    assert s.details["turns_to_calm"] == 0 and s.details["end"] == 15
    assert "stayed calm" in " ".join(s.reasons)


def _angry_calmed(lines: int) -> Transcript:
    events = [cu("This is the third time I call!", 70)]
    for n in range(1, lines + 1):
        anger = 70 - n * 45 // lines
        events += [op(f"I'm so sorry, let me fix it ({n}).", "empathize", "apologize",
                      anger=anger), cu("Hm.", anger)]
    return call(*events)


def test_angry_caller_calmed_quickly_scores_high() -> None:
    s = DeescalationScorer().score(_angry_calmed(3), scenario(persona={"anger": 70}))
    assert s.value == 100.0
    assert s.details["turns_to_calm"] == 3 and s.details["end"] == 25
    assert [e.turn for e in s.evidence] == [6]  # the line after which anger stayed calm


def test_angry_caller_calmed_slowly_loses_3_per_extra_line() -> None:
    s = DeescalationScorer().score(_angry_calmed(5), scenario(persona={"anger": 70}))
    assert s.details["turns_to_calm"] == 5
    assert s.value == 94.0 and s.value >= 80
    assert "sooner" in s.tips[0].text


def test_harmful_move_costs_points_with_evidence_on_its_turn() -> None:
    t = call(cu("Hi.", 20), op("Calm down, nothing I can do.", "dismiss", anger=35),
             cu("Excuse me?", 35), op("Sorry, I'll fix it.", "apologize", anger=20), cu("Ok.", 20))
    s = DeescalationScorer().score(t, scenario())
    assert s.value == 85.5  # 100 - 10 (move) - 0.3 * 15 (peak rise)
    harmful = [e for e in s.evidence if e.note.startswith("harmful")]
    assert [(e.turn, e.quote) for e in harmful] == [(2, "Calm down, nothing I can do.")]
    assert s.tips[0].text.startswith("Avoid 'calm down'")


def test_a_one_point_rise_reads_as_one_point() -> None:
    t = call(cu("Hi.", 20), op("Right, what is it you want?", anger=21), cu("Um, my order?", 21),
             op("Sorry, let me look.", "apologize", anger=20), cu("Thanks.", 20))
    reasons = DeescalationScorer().score(t, scenario()).reasons
    assert any(r.startswith("Anger rose 1 point above the start") for r in reasons), reasons


def test_anger_ending_higher_than_start_fails() -> None:
    t = call(cu("Hi.", 20), op("You should have read the menu.", "blame_customer", anger=40),
             cu("Wow.", 40))
    s = DeescalationScorer().score(t, scenario())
    assert s.value == 40.0 and s.passed is False
    assert any("ended higher" in r for r in s.reasons)


def test_hangup_fails_hard() -> None:
    t = call(cu("Where is my pizza?", 60), op("Not my problem.", "rude", anger=85),
             cu("I'm done with you.", 100, "hangup"), ended_by="customer_hangup")
    s = DeescalationScorer().score(t, scenario(persona={"anger": 60}))
    assert s.value == 10.0 and s.passed is False and s.hard_fail is True
    assert (3, "the caller hung up") in [(e.turn, e.note) for e in s.evidence]


def test_no_anger_readings_scores_moves_only() -> None:
    t = call(cu("Hi."), op("That's jargon: SKU ETA TBD.", "jargon"))
    s = DeescalationScorer().score(t, scenario(persona={"anger": 50}))
    assert s.value == 90.0 and s.details["end"] is None


# --- objections ---------------------------------------------------------------------

OBJECTIONS = [
    {"id": "price", "when": "start", "says": "Too expensive.",
     "resolved_by": ["explain_value", "offer_solution"]},
    {"id": "refund", "when": "after offer_solution", "says": "I want my money back.",
     "resolved_by": ["apologize", "offer_solution"], "needs": "all"},
    {"id": "never", "when": "turn 40", "says": "Never raised.", "resolved_by": ["inform"]},
]


def test_objection_acknowledged_answered_resolved_scores_100() -> None:
    t = call(cu("That's too expensive.", 30, "objection_raised:price"),
             op("I understand. The large feeds four.", "empathize", "explain_value"),
             cu("Fair enough.", 20, "objection_resolved:price"))
    s = ObjectionScorer().score(t, scenario(objections=OBJECTIONS))
    assert s.value == 100.0 and s.details["raised"] == 1  # 'never' is not counted
    assert s.details["objections"]["price"]["operator_turns"] == 1


def test_unacknowledged_objection_loses_20_with_evidence() -> None:
    t = call(cu("That's too expensive.", 30, "objection_raised:price"),
             op("Prices went up in May.", "inform"),
             cu("So?", 30),
             op("The large works out cheaper per slice.", "explain_value"),
             cu("Fine.", 25, "objection_resolved:price"))
    s = ObjectionScorer().score(t, scenario(objections=OBJECTIONS))
    assert s.value == 80.0
    assert (2, "objection 'price' not acknowledged first") in [(e.turn, e.note) for e in s.evidence]
    assert s.tips[0].text.startswith("Acknowledge the objection before answering it")


def test_needs_all_partially_answered_and_unresolved() -> None:
    t = call(cu("I want my money back.", 50, "objection_raised:refund"),
             op("I'm sorry about that.", "apologize"), cu("Sorry won't cut it.", 55))
    s = ObjectionScorer().score(t, scenario(objections=OBJECTIONS))
    assert s.value == 35.0  # 20 acknowledged + 30 × 1/2 answered + 0 resolved
    assert s.passed is False
    assert any("never resolved" in r for r in s.reasons)


def test_slow_resolution_and_mean_over_objections() -> None:
    slow = [op(f"Line {n}.", "empathize" if n == 1 else "inform") for n in range(1, 4)]
    t = call(cu("Too expensive.", 30, "objection_raised:price"), *slow,
             op("Here's a coupon.", "offer_solution"),
             cu("Ok.", 25, "objection_resolved:price"),
             cu("And I want my money back.", 30, "objection_raised:refund"),
             op("Sorry, I'll refund you now.", "apologize", "offer_solution"),
             cu("Thanks.", 20, "objection_resolved:refund"))
    s = ObjectionScorer().score(t, scenario(objections=OBJECTIONS))
    assert s.details["objections"]["price"]["points"] == 94.0  # 4 lines: 10 - 2 × 3
    assert s.details["objections"]["refund"]["points"] == 100.0
    assert s.value == 97.0


def test_no_objection_raised_is_not_measured() -> None:
    s = ObjectionScorer().score(call(cu("Hi."), op("Hello.", "greet")),
                                scenario(objections=OBJECTIONS))
    assert s.value is None and s.passed is None
    assert s.reasons[0].startswith("not measured")


# --- diction ------------------------------------------------------------------------


def test_diction_is_not_measured_for_text_calls() -> None:
    s = DictionScorer().score(call(op("Hello.", "greet")), scenario())
    assert (s.value, s.passed, s.reasons) == (None, None, ["not measured: no audio in this call"])


# --- the scorecard --------------------------------------------------------------------


class Fixed:
    """A scorer returning a fixed Score, to test how the card combines dimensions."""

    def __init__(self, name: str, value: float | None, tips: tuple[float, ...] = (),
                 hard: bool = False) -> None:
        self.name = name
        self._score = Score(name, value, None if value is None else value >= 70, [], [],
                            [Tip(f"{name} tip {p}", p) for p in tips], {}, hard)

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        return self._score


def test_none_dimension_is_dropped_and_weights_renormalised() -> None:
    sc = scenario(scoring={"weights": {"deescalation": 0.6, "objections": 0.2,
                                       "procedure": 0.2}, "pass": 70})
    table = {"deescalation": Fixed("deescalation", 80), "objections": Fixed("objections", None),
             "procedure": Fixed("procedure", 40), "diction": Fixed("diction", 0)}
    card = score_call(call(), sc, table)
    assert card.weights_used == {"deescalation": 0.75, "procedure": 0.25, "diction": 0.0}
    assert card.overall == 70.0 and card.passed is True  # diction's weight 0: shown, not counted


def test_hard_fail_fails_card_only_when_weighted() -> None:
    weights = {"deescalation": 0.5, "procedure": 0.5}
    table = {"deescalation": Fixed("deescalation", 90),
             "procedure": Fixed("procedure", 90, hard=True)}
    card = score_call(call(), scenario(scoring={"weights": weights}), table)
    assert card.overall == 90.0 and card.passed is False
    weights = {"deescalation": 1.0, "procedure": 0.0}
    card = score_call(call(), scenario(scoring={"weights": weights}), table)
    assert card.overall == 90.0 and card.passed is True


def test_top_three_tips_ranked_by_points_times_weight() -> None:
    sc = scenario(scoring={"weights": {"deescalation": 0.75, "procedure": 0.25}})
    table = {"deescalation": Fixed("deescalation", 60, (20, 4, 1)),
             "procedure": Fixed("procedure", 60, (40, 8))}
    card = score_call(call(), sc, table)
    assert [(t.text, t.priority) for t in card.tips] == [
        ("deescalation tip 20", 15.0), ("procedure tip 40", 10.0), ("deescalation tip 4", 3.0)]


def test_real_card_on_a_bad_angry_call() -> None:
    sc = scenario(persona={"anger": 60}, objections=OBJECTIONS,
                  procedure=["greet", "apologize", "close"],
                  scoring={"weights": {"deescalation": 0.5, "objections": 0.3,
                                       "procedure": 0.2}})
    t = call(cu("Too expensive!", 60, "objection_raised:price"),
             op("Calm down.", "dismiss", anger=75), cu("Unbelievable.", 100, "hangup"))
    card = score_call(t, sc)
    assert card.scores["order_capture"].value is None
    assert card.scores["deescalation"].value == 10.0
    assert card.passed is False and card.overall < 70
    assert len(card.tips) == 3
    assert card.tips[0].priority >= card.tips[1].priority >= card.tips[2].priority


@pytest.mark.parametrize("name", list(SCORERS))
def test_every_scorer_handles_an_empty_call(name: str) -> None:
    s = SCORERS[name].score(call(), scenario(objections=OBJECTIONS))
    assert s.name == name and (s.value is None or 0 <= s.value <= 100)


def test_empty_call_is_not_measured_for_deescalation() -> None:
    s = DeescalationScorer().score(call(), scenario(persona={"anger": 70}))
    assert s.value is None and s.reasons[0].startswith("not measured")
