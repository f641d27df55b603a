"""Order capture: field-by-field comparison of the form with the expected order."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scoring.matching import (
    address_matches,
    date_matches,
    name_matches,
    parse_window,
    payment_matches,
    text_matches,
    window_matches,
)
from scoring.order_capture import OrderCaptureScorer
from scoring.types import Score
from simulator.scenario import Scenario
from simulator.transcript import Transcript

BASE: dict[str, Any] = {
    "id": "order-call", "title": "Order", "direction": "inbound", "brief": "Take the order.",
    "persona": {"name": "Dana Whitfield", "anger": 10}, "opening": "Hi, I'd like to order.",
    "order": {
        "says": "Two large pepperoni and a garlic bread.",
        "items": [{"sku": "PZ-PEP", "qty": 2, "options": {"size": "large"}},
                  {"sku": "SD-GAR", "qty": 1}],
        "delivery": {"address": "12 Oak Street", "window": "18:00-20:00"},
        "receiver": "Dana Whitfield", "payment": "card",
    },
    "changes": [{"id": "add-cola", "when": "turn 4", "says": "Oh, and a cola.",
                 "add": [{"sku": "DR-COL"}]},
                {"id": "never", "when": "turn 50", "says": "Never said.", "remove": ["SD-GAR"]}],
}


def scenario(**extra: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    data.update(extra)
    return Scenario.model_validate(data)


def act(action: str, *marks: str, **args: Any) -> dict[str, Any]:
    return {"speaker": "operator", "kind": "action", "action": action, "args": args,
            "marks": list(marks)}


def op(text: str, *techniques: str) -> dict[str, Any]:
    return {"speaker": "operator", "text": text, "techniques": list(techniques)}


def cu(text: str, *marks: str) -> dict[str, Any]:
    return {"speaker": "customer", "text": text, "marks": list(marks)}


PEP = act("add_item", sku="PZ-PEP", qty=2, options={"size": "large"})
GAR = act("add_item", sku="SD-GAR", qty=1)
COLA_SAID = cu("Oh, and a cola please.", "change:add-cola")
COLA = act("add_item", sku="DR-COL", qty=1)
DELIVERY = act("set_delivery", address="12 oak st.", window="7:30 pm")
RECEIVER = act("set_receiver", name="dana whitfeld")
PAYMENT = act("set_payment", method="card")
READ_BACK = op("So that's two large pepperoni, a garlic bread and a cola.", "read_back")


def run(*events: dict[str, Any], sc: Scenario | None = None) -> Score:
    fresh = [copy.deepcopy(e) for e in events]  # from_data numbers turns in place
    t = Transcript.from_data({"scenario_id": "order-call", "events": fresh})
    return OrderCaptureScorer().score(t, sc or scenario())


def good(**swap: dict[str, Any]) -> list[dict[str, Any]]:
    events = {"pep": PEP, "gar": GAR, "cola_said": COLA_SAID, "cola": COLA,
              "delivery": DELIVERY, "receiver": RECEIVER, "payment": PAYMENT,
              "read_back": READ_BACK}
    events.update(swap)
    return [e for e in events.values() if e]


def test_correct_order_scores_100_and_names_the_captured_change() -> None:
    s = run(*good())
    assert s.value == 100.0 and s.passed is True
    assert "The change 'add-cola' (turn 3) was captured." in s.reasons
    assert not any("never" in r for r in s.reasons)  # a change that never happened


def test_wrong_quantity_costs_one_of_16_points_with_evidence() -> None:
    s = run(*good(pep=act("add_item", sku="PZ-PEP", qty=1, options={"size": "large"})))
    assert s.value == round(100 * 15 / 16, 1)
    assert "Pepperoni pizza: quantity 1 entered, 2 expected." in s.reasons
    assert [(e.turn, e.note) for e in s.evidence] == [(1, "quantity 1, expected 2")]
    assert s.evidence[0].quote == "[add_item sku=PZ-PEP qty=1 size=large]"


def test_wrong_option_is_reported() -> None:
    s = run(*good(pep=act("add_item", sku="PZ-PEP", qty=2, options={"size": "small"})))
    assert s.value == round(100 * 15 / 16, 1)
    assert "Pepperoni pizza: size is small, large expected." in s.reasons


def test_missed_change_is_named_with_its_turn() -> None:
    s = run(*good(cola={}))
    assert s.value == round(100 * 13 / 16, 1)
    assert "1 × Cola 1.5 l is missing from the form." in s.reasons
    assert ("The change 'add-cola' (turn 3) was not captured: 1 × Cola 1.5 l is missing from "
            "the form." in s.reasons)
    assert s.tips[0].priority == round(100 * 3 / 16, 1)  # the item, its quantity
    assert (3, "change 'add-cola' not captured") in [(e.turn, e.note) for e in s.evidence]


def test_extra_item_costs_two_points() -> None:
    s = run(*good(read_back={}), act("add_item", sku="DS-TIR", qty=1), READ_BACK)
    assert s.value == round(100 * 16 / 18, 1)
    assert s.evidence[0].turn == 8 and "Tiramisu" in s.reasons[1]


def test_rejected_action_is_ignored() -> None:
    s = run(*good(), act("add_item", "rejected", sku="DS-TIR", qty=1))
    assert s.value == 100.0


def test_wrong_house_number_fails_address() -> None:
    s = run(*good(delivery=act("set_delivery", address="21 Oak Street", window="19:00")))
    assert s.value == round(100 * 14 / 16, 1)
    assert "The address entered was '21 Oak Street', expected '12 Oak Street'." in s.reasons
    assert s.evidence[0].turn == 5


def test_time_outside_window_fails_window_only() -> None:
    s = run(*good(delivery=act("set_delivery", address="12 Oak Street", window="20:30")))
    assert s.value == round(100 * 15 / 16, 1)
    assert s.details["checks"]["window"] is False and s.details["checks"]["address"] is True


def test_missing_read_back_and_read_back_too_early() -> None:
    s = run(*good(read_back={}))
    assert s.value == round(100 * 15 / 16, 1)
    assert s.tips[0].text.startswith(
        "Read the whole order back after the last item: 'So that's 2 × Pepperoni pizza "
        "(large), 1 × Garlic bread and 1 × Cola 1.5 l, to 12 Oak Street")
    early = [PEP, GAR, READ_BACK, COLA_SAID, COLA, DELIVERY, RECEIVER, PAYMENT]
    s = run(*early)
    assert s.details["checks"]["read_back"] is False
    assert (5, "last item edit, no read-back after it") in [(e.turn, e.note) for e in s.evidence]


def test_form_fields_matched_by_kind() -> None:
    sc = scenario(order=None, changes=[], form={
        "rating": {"expected": "4", "match": "number"},
        "comment": {"expected": "Delivery was late", "match": "fuzzy"},
        "code": {"expected": "A-7731", "match": "exact"},
    })
    s = run(act("set_field", name="rating", value="4.0 stars"),
            act("set_field", name="comment", value="delivery was late!"),
            act("set_field", name="code", value="A 7732"), sc=sc)
    assert s.details["checks"] == {"field rating": True, "field comment": True,
                                   "field code": False}
    assert s.value == round(100 * 4 / 6, 1)
    assert s.evidence[0].turn == 3


def test_no_order_and_no_form_is_not_measured() -> None:
    s = run(sc=scenario(order=None, changes=[]))
    assert s.value is None and s.reasons == ["not measured: this scenario has no order or form "
                                             "to fill."]


@pytest.mark.parametrize(("text", "span"), [
    ("19:30", (1170, 1170)), ("7:30 pm", (1170, 1170)), ("7.30pm", (1170, 1170)),
    ("18:00-20:00", (1080, 1200)), ("6-8pm", (1080, 1200)), ("11 to 1 pm", (660, 780)),
    ("12 am", (0, 0)), ("soon", None),
])
def test_parse_window(text: str, span: tuple[int, int] | None) -> None:
    assert parse_window(text) == span


def test_tolerant_matchers() -> None:
    assert address_matches("12 Oak St.", "12 Oak Street")
    assert address_matches("12, oak street", "12 Oak St")
    assert not address_matches("21 Oak Street", "12 Oak Street")
    assert not address_matches("12 Elm Street", "12 Oak Street")
    assert window_matches("19:30", "18:00-20:00") and window_matches("18:00-20:00", "18:00-20:00")
    assert not window_matches("17:00-21:00", "18:00-20:00")
    assert not window_matches("18:00", "19:30")
    assert name_matches("Whitfield, Dana", "Dana Whitfield") and not name_matches("Dana", "Dana "
                                                                                  "Whitfield")
    assert payment_matches("Bank transfer", "bank_transfer") and payment_matches("credit card",
                                                                                 "card")
    assert not payment_matches("cash", "card")
    assert date_matches("2024-05-03", "3 May 2024") and not date_matches("Friday", "Saturday")
    assert text_matches("$1,200.50", "1200.5", "number")
