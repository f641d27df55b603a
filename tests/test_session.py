"""Session tests with the scripted customer: typed lines in, silent customer out."""

from __future__ import annotations

import pytest

from simulator.scenario import Scenario
from simulator.session import SessionError


def _marks(events) -> list[str]:
    return [m for e in events for m in e.marks]


def test_inbound_call_opens_with_a_scenario_line(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    (opening,) = session.start()
    assert opening.speaker == "customer"
    assert opening.text in late_delivery.opening
    assert opening.anger == 70


def test_facts_only_when_asked(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    reply = session.say("Hello, Pizza Planet, Sam speaking.")[-1]
    assert "555-0142" not in reply.text and "A-7731" not in reply.text
    reply = session.say("Could I have the phone number on the order, please?")[-1]
    assert "555-0142" in reply.text
    assert "fact:phone" in reply.marks
    reply = session.say("And what's your order number?")[-1]
    assert "A-7731" in reply.text


def test_empathy_calms_and_rudeness_hangs_up(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    reply = session.say("I'm so sorry, I completely understand how frustrating this must be.")[-1]
    assert reply.anger is not None and reply.anger < 70
    hostile, _ = make_session(late_delivery)
    hostile.start()
    events = []
    for _ in range(6):
        if hostile.ended:
            break
        events += hostile.say("Calm down, that's not my problem, it's your own fault.")
    assert hostile.ended and hostile.transcript.ended_by == "customer_hangup"
    assert "hangup" in _marks(events)


def test_objection_raised_at_trigger_and_resolved(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    reply = session.say("I can send the order again right now and give you a voucher.")[-1]
    assert "objection_raised:wants-refund" in reply.marks
    assert session.state.open_objections == ["wants-refund"]
    reply = session.say("I completely understand, and I'll personally make sure it gets to you.")[-1]
    assert "objection_resolved:wants-refund" in reply.marks
    assert session.state.open_objections == []


def test_change_fires_after_read_back(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    reply = session.say(
        "Let me read that back: two large pepperoni pizzas to 12 Oak Street, is that right?"
    )[-1]
    assert "change:add-cola" in reply.marks


def test_patience_runs_out_without_progress(make_session, late_delivery: Scenario) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    angers = []
    for _ in range(4):
        if session.ended:
            break
        angers += [e.anger for e in session.say("I see.") if e.anger is not None]
    assert angers[-1] > 70


def test_dead_air_is_an_event_the_customer_reacts_to(make_session, late_delivery) -> None:
    session, _clock = make_session(late_delivery)
    session.start()
    assert session.silence(2) == []
    events = session.silence(15)
    assert events[0].techniques == ["dead_air"]
    assert events[1].speaker == "customer" and events[1].anger > 70


def test_actions_fill_the_form_and_transfer_ends(make_session, late_delivery) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    note = session.act("lookup_account", query="555-0142")[-1]
    assert "C-1042" in note.text and "overdue 0.00" in note.text
    session.act("add_item", sku="PZ-PEP", qty=2, options={"size": "large"})
    session.act("set_delivery", address="12 Oak Street", window="19:30-20:00")
    assert session.state.form.as_dict()["items"] == [
        {"sku": "PZ-PEP", "qty": 2, "options": {"size": "large"}}
    ]
    with pytest.raises(SessionError, match="no product"):
        session.act("add_item", sku="NOPE")
    with pytest.raises(SessionError, match="unknown transfer target"):
        session.act("transfer", target="mars")
    session.act("transfer", target="supervisor")
    assert session.ended and session.transcript.ended_by == "transfer:supervisor"
    with pytest.raises(SessionError, match="ended"):
        session.say("hello?")


def test_lookup_with_wrong_query_finds_nothing(make_session, late_delivery) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    assert "No account" in session.act("lookup_account", query="999-9999")[-1].text
    assert not session.state.account_found


def test_same_seed_same_call_different_seed_different_words(make_session, late_delivery) -> None:
    lines = ["Hi there.", "Okay.", "Right.", "I see.", "Hmm."]

    def play(seed: int) -> list[str]:
        session, _ = make_session(late_delivery, seed=seed)
        session.start()
        for line in lines:
            if not session.ended:
                session.say(line)
        return [e.text for e in session.transcript.customer_lines]

    assert play(1) == play(1)
    assert any(play(1) != play(s) for s in range(2, 8))


def test_close_ends_the_call(make_session, late_delivery) -> None:
    session, _ = make_session(late_delivery)
    session.start()
    session.say("Hello, Pizza Planet.")
    events = session.say("Thank you for calling, have a lovely evening, goodbye!")
    assert session.ended and events[-1].text == "Call ended (operator)."


def test_recorder_sees_every_event(make_session, late_delivery) -> None:
    seen = []

    class Spy:
        def record(self, transcript, event):
            seen.append(event.turn)

        def finish(self, transcript):
            seen.append("finished")

    session, _ = make_session(late_delivery, recorder=Spy())
    session.start()
    session.say("Hello.")
    session.end()
    assert seen == [1, 2, 3, 4, "finished"]
