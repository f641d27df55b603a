"""Critical errors fail the call whatever the average, are named first, keep the
dimension scores, and can be switched off per scenario with `critical:`."""

from __future__ import annotations

import json

from scoring import score_call
from scoring.common import identity_check
from scoring.types import Scorecard
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.render import scorecard_text
from simulator.scenario import Critical, Scenario
from simulator.transcript import Event


def _lib(name: str, **critical: bool) -> Scenario:
    scenario = load_scenario(LIBRARY_DIR / f"{name}.yaml")
    if critical:
        scenario = scenario.model_copy(update={"critical": Critical(**critical)})
    return scenario


def _good_late_delivery(make_session, scenario: Scenario, *, qty: int = 2,
                        address: str = "12 Oak Street"):
    """A warm, well-run call whose only fault is what was typed into the form."""
    session, _ = make_session(scenario)
    session.start()
    session.say("Good evening, Pizza Planet, this is Kim. I'm so sorry it hasn't come.")
    session.say("Could you confirm the phone number on the account for me?")
    session.act("lookup_account", query="555-0142")
    session.say("I'll take care of this myself: I'll send a fresh order now, free of charge, "
                "and it'll be with you in about twenty-five minutes.")
    session.say("I completely understand. A refund takes days to reach your card, a fresh "
                "delivery gets your dinner to you tonight.")
    session.act("add_item", sku="PZ-PEP", qty=qty, options={"size": "large"})
    session.act("set_delivery", address=address, window="19:30-20:00")
    session.act("set_receiver", name="Dana Whitfield")
    session.act("set_payment", method="card")
    session.say("Thanks for your patience, Dana, sorry again. Have a good evening.")
    return session.end()


def test_a_wrong_quantity_fails_a_polite_call_and_is_named_first(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    transcript = _good_late_delivery(make_session, scenario, qty=1)
    card = score_call(transcript, scenario)
    assert not card.passed
    assert card.overall >= card.pass_mark  # the dimension scores are kept
    assert [c.kind for c in card.critical] == ["wrong_order"]
    assert "1 entered, 2 ordered" in card.critical[0].text
    assert card.tips[0].text.startswith("Before you close, check the form")
    text = scorecard_text(card.as_dict())
    lines = text.splitlines()
    assert "FAIL" in lines[1] and lines[2].lstrip().startswith("CRITICAL ERROR")
    assert Scorecard.from_dict(json.loads(json.dumps(card.as_dict()))) == card


def test_the_same_call_with_the_right_form_passes(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    card = score_call(_good_late_delivery(make_session, scenario), scenario)
    assert card.passed and not card.critical


def test_a_wrong_address_is_critical_unless_switched_off(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    transcript = _good_late_delivery(make_session, scenario, address="21 Oak Street")
    card = score_call(transcript, scenario)
    assert [c.kind for c in card.critical] == ["wrong_order"]
    assert "21 Oak Street" in card.critical[0].text
    relaxed = _lib("late-delivery-angry", wrong_order=False)
    assert score_call(transcript, relaxed).critical == []


def test_nothing_entered_for_an_order_is_critical(make_session) -> None:
    scenario = _lib("dormant-client-winback")
    session, _ = make_session(scenario)
    session.start()
    session.say("Hello, it's Ali from Bean and Leaf, have you got a moment?")
    card = score_call(session.end(), scenario)
    assert "wrong_order" in [c.kind for c in card.critical]


def test_the_wrong_team_is_critical(make_session) -> None:
    scenario = _lib("new-client-head-of-sales")
    session, _ = make_session(scenario)
    session.start()
    session.say("Good morning, thanks for calling, I'm Lee. Let me put you through.")
    session.act("transfer", target="finance")
    card = score_call(session.transcript, scenario)
    assert card.critical[0].kind == "wrong_team"
    assert "finance" in card.critical[0].text and not card.passed
    assert score_call(session.transcript, _lib("new-client-head-of-sales",
                                               wrong_team=False)).critical == []


def test_account_details_before_the_identity_check_are_critical(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    session, _ = make_session(scenario)
    session.start()
    session.say("I can see the two pizzas were due at 12 Oak Street.")
    card = score_call(session.end(), scenario)
    kinds = [c.kind for c in card.critical]
    assert "disclosure" in kinds
    assert kinds.index("wrong_order") < kinds.index("disclosure")  # order of seriousness


def test_repeating_what_the_caller_said_is_not_a_disclosure(make_session) -> None:
    scenario = _lib("first-order-confused", wrong_order=False)
    scenario = scenario.model_copy(update={"procedure": scenario.procedure.model_copy(
        update={"verify_before_disclose": True})})
    session, _ = make_session(scenario)
    session.start()
    session.say("Where are we sending it?")
    session.say("And what time suits?")  # the caller corrects herself to 41 Elm Road
    session.say("Lovely, so that's to 41 Elm Road.")
    assert score_call(session.end(), scenario).critical == []


def _say(text: str, *techniques: str) -> Event:
    return Event(turn=1, t=0.0, speaker="operator", text=text, techniques=list(techniques))


def test_a_security_code_or_an_email_is_not_an_identity_check() -> None:
    assert not identity_check(_say("Can I take the security code on the back of the card?",
                                   "verify_identity"))
    assert not identity_check(_say("What's your email address for the price list?",
                                   "verify_identity"))
    assert identity_check(_say("Could you confirm your name and the phone number on the "
                               "account?", "verify_identity"))
    assert identity_check(_say("Can I have your postcode and your email?", "verify_identity"))


def test_a_card_number_read_back_is_critical(make_session) -> None:
    scenario = _lib("card-payment-pci")
    session, _ = make_session(scenario)
    session.start()
    session.say("What's the long number on the card?")
    session.say("That's 4111 1111 1111 1111, right?")
    card = score_call(session.end(), scenario)
    assert "card_readback" in [c.kind for c in card.critical]
    assert score_call(session.transcript, _lib("card-payment-pci", card_readback=False,
                                               wrong_order=False)).critical == []


def test_a_first_name_or_short_day_is_not_a_wrong_order(make_session) -> None:
    scenario = _lib("dormant-client-winback")
    session, _ = make_session(scenario)
    session.start()
    session.act("add_item", sku="WH-COF-1K", qty=3)
    session.act("add_item", sku="WH-CUP-12", qty=1)
    session.act("set_delivery", address="14 Canal St", window="09:00-12:00", date="Tue")
    session.act("set_receiver", name="Laura")
    session.act("set_payment", method="invoice")
    assert score_call(session.end(), scenario).critical == []
