"""Call procedure: steps in order, debt check, routing, upsell count, disclosure, PCI."""

from __future__ import annotations

import copy
from typing import Any

from scoring.procedure import ProcedureScorer, _lis
from scoring.types import Score
from simulator.scenario import Scenario
from simulator.transcript import Transcript

BASE: dict[str, Any] = {
    "id": "proc-call", "title": "Procedure", "direction": "inbound", "brief": "Take the order.",
    "persona": {"name": "Dana Whitfield", "anger": 10}, "opening": "Hi.",
    "account": {"id": "C-1", "phone": "555-0142", "address": "12 Oak Street", "overdue": 0,
                "history": ["ordered two large pepperoni pizzas in March"]},
    "procedure": {"steps": ["greet", "verify_identity", "check_debt", "read_back", "close"],
                  "debt_check": True, "upsell": {"min": 1, "max": 2},
                  "verify_before_disclose": True, "no_card_readback": True},
}
TOTAL = 5 + 2 + 2 + 2 + 2  # five steps, debt check, upsell, disclosure, card


def scenario(**procedure: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    data["procedure"].update(procedure)
    return Scenario.model_validate(data)


def op(text: str, *techniques: str, marks: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"speaker": "operator", "text": text, "techniques": list(techniques),
            "marks": list(marks)}


def act(action: str, *marks: str, **args: Any) -> dict[str, Any]:
    return {"speaker": "operator", "kind": "action", "action": action, "args": args,
            "marks": list(marks)}


GREET = op("Good evening, Pizza Co.", "greet")
VERIFY = op("Can you confirm your phone number?", "verify_identity")
LOOKUP = act("lookup_account", query="555-0142")
ADD = act("add_item", sku="PZ-PEP", qty=1)
UPSELL = op("Would you like garlic bread with that?", "upsell")
READ_BACK = op("So that's one pepperoni pizza.", "read_back")
CLOSE = op("Thanks, have a good evening.", "close")


def run(*events: dict[str, Any], sc: Scenario | None = None) -> Score:
    fresh = [copy.deepcopy(e) for e in events]  # from_data numbers turns in place
    t = Transcript.from_data({"scenario_id": "proc-call", "events": fresh})
    return ProcedureScorer().score(t, sc or scenario())


def test_full_procedure_scores_100() -> None:
    s = run(GREET, VERIFY, LOOKUP, ADD, UPSELL, READ_BACK, CLOSE)
    assert s.value == 100.0 and s.passed is True and s.hard_fail is False
    assert s.details["upsell_offers"] == 1


def test_one_misplaced_step_costs_half_a_step() -> None:
    s = run(GREET, READ_BACK, VERIFY, LOOKUP, ADD, UPSELL, CLOSE)
    assert s.value == round(100 * (TOTAL - 0.5) / TOTAL, 1)
    assert "The step 'read_back' came out of order (turn 2)." in s.reasons
    assert [(e.turn, e.note) for e in s.evidence] == [(2, "'read_back' out of order")]


def test_missing_step_is_named() -> None:
    s = run(GREET, VERIFY, LOOKUP, ADD, UPSELL, READ_BACK)
    assert s.value == round(100 * (TOTAL - 1) / TOTAL, 1)
    assert "The step 'close' was missing." in s.reasons
    assert s.tips[0].text.startswith("Don't forget to close the call: e.g. 'Is there anything else")


def test_longest_increasing_subsequence() -> None:
    assert _lis([1, 3, 4, 2, 5]) == {0, 1, 2, 4}
    assert len(_lis([5, 1, 2, 3, 4])) == 4 and _lis([]) == set()
    assert _lis([2, 2, 3]) == {0, 1, 2}


def test_two_steps_in_one_line_are_in_order() -> None:
    both = op("Good evening. Can I have your phone number?", "greet", "verify_identity")
    assert run(both, LOOKUP, ADD, UPSELL, READ_BACK, CLOSE).value == 100.0


def test_item_added_before_debt_check() -> None:
    s = run(GREET, VERIFY, ADD, LOOKUP, UPSELL, READ_BACK, CLOSE)
    assert s.details["checks"]["debt_check"] is False
    # the debt check is also a step: it still comes after verify, so it stays in order
    assert s.value == round(100 * (TOTAL - 2) / TOTAL, 1)
    assert (3, "item added before the debt check") in [(e.turn, e.note) for e in s.evidence]


def test_rejected_lookup_does_not_count() -> None:
    s = run(GREET, VERIFY, act("lookup_account", "rejected", query="x"), ADD, UPSELL,
            READ_BACK, CLOSE)
    assert s.details["checks"]["debt_check"] is False
    assert "The account was never checked for overdue debt." in s.reasons


def test_upsell_count_outside_range() -> None:
    s = run(GREET, VERIFY, LOOKUP, ADD, READ_BACK, CLOSE)
    assert s.value == round(100 * (TOTAL - 0.5) / TOTAL, 1)
    assert "You offered 0 extra items; 1–2 are expected." in s.reasons
    s = run(GREET, VERIFY, LOOKUP, ADD, UPSELL, UPSELL, UPSELL, UPSELL, READ_BACK, CLOSE)
    assert s.details["upsell_offers"] == 4
    assert s.value == round(100 * (TOTAL - 1) / TOTAL, 1)
    assert [e.turn for e in s.evidence] == [7, 8]


def test_account_details_before_verification_are_violations() -> None:
    leak = op("I see you're at 12 Oak St, phone 555 0142.", "inform")
    debt = op("You ordered two large pepperoni pizzas back in March, right?", "confirm")
    s = run(GREET, leak, debt, VERIFY, LOOKUP, ADD, UPSELL, READ_BACK, CLOSE)
    assert s.value == round(100 * (TOTAL - 2) / TOTAL, 1)
    notes = [(e.turn, e.note) for e in s.evidence]
    assert notes == [(2, "disclosed before verifying identity: phone, address"),
                     (3, "disclosed before verifying identity: history")]
    after = op("Thanks. You're at 12 Oak Street, correct?", "confirm")
    assert run(GREET, VERIFY, after, LOOKUP, ADD, UPSELL, READ_BACK, CLOSE).value == 100.0


def test_overdue_amount_disclosed() -> None:
    data = copy.deepcopy(BASE)
    data["account"]["overdue"] = 120.5
    sc = Scenario.model_validate(data)
    s = run(GREET, op("Your account shows $120.50 due.", "inform"), VERIFY, LOOKUP, ADD,
            UPSELL, READ_BACK, CLOSE, sc=sc)
    assert s.evidence[0].note == "disclosed before verifying identity: overdue amount"


def test_card_readback_fails_hard() -> None:
    card = op("That's 4242 4242 4242 4242, right?", "confirm", marks=("card_readback",))
    s = run(GREET, VERIFY, LOOKUP, ADD, UPSELL, card, READ_BACK, CLOSE)
    assert s.hard_fail is True and s.passed is False and s.value == 20.0
    assert s.evidence[0].turn == 6
    s = run(GREET, VERIFY, LOOKUP, ADD, UPSELL, card, READ_BACK, CLOSE,
            sc=scenario(no_card_readback=False))
    assert s.hard_fail is False and s.value == 100.0


def test_routing() -> None:
    sc = Scenario.model_validate({**BASE, "procedure": {"route": "finance"}})
    s = run(GREET, act("transfer", target="manager"), sc=sc)
    assert s.value == 0.0 and "The call went to manager instead of finance." in s.reasons
    assert s.evidence[0].turn == 2
    assert run(GREET, act("transfer", target="finance"), sc=sc).value == 100.0
    sup = Scenario.model_validate({**BASE, "procedure": {"route": "supervisor"}})
    assert run(GREET, act("escalate"), sc=sup).value == 100.0


def test_mention_recording_step() -> None:
    sc = Scenario.model_validate({**BASE, "procedure": ["greet", "mention_recording"]})
    assert run(GREET, op("This call is recorded.", "inform"), sc=sc).value == 100.0
    assert run(GREET, sc=sc).value == 50.0


def test_no_procedure_is_not_measured() -> None:
    sc = Scenario.model_validate({**BASE, "procedure": []})
    s = run(GREET, sc=sc)
    assert s.value is None and s.passed is None
