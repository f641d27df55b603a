"""The scripted customer listens: it checks read-backs against its own order, answers
the question asked (once), remembers what happened, feels how it was treated, and
stays quiet on hold. Each test drives a real Session with lines of its own."""

from __future__ import annotations

import re

import pytest

from scoring import score_call
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario


def _lib(name: str, **persona: object) -> Scenario:
    scenario = load_scenario(LIBRARY_DIR / f"{name}.yaml")
    if persona:
        scenario = scenario.model_copy(
            update={"persona": scenario.persona.model_copy(update=persona)})
    return scenario


def _marks(events) -> list[str]:
    return [m for e in events for m in e.marks]


def _reply(events) -> str:
    return next(e.text for e in reversed(events) if e.speaker == "customer")


# --- wrong read-backs ------------------------------------------------------------


def test_wrong_quantity_is_corrected_in_the_customers_words(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("Right, I'll read it back: a single large pepperoni to 12 Oak Street. "
                      "Is that correct?")
    assert _reply(out).startswith("No, two, not one.")
    assert "readback_wrong:quantity" in _marks(out)
    assert "Yes" not in _reply(out)


def test_swapped_house_number_is_corrected(make_session) -> None:
    session, _ = make_session(_lib("dormant-client-winback"))
    session.start()
    out = session.say("Just checking I have it: three kilos of espresso beans and one box of "
                      "cups, delivered to 41 Canal Street. Right?")
    assert "It's 14, not 41 Canal Street." in _reply(out)
    assert _marks(out).count("readback_wrong:address") == 1
    assert not any(m.startswith("readback_wrong:quantity") for m in _marks(out))


def test_wrong_size_payment_and_time_each_corrected(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("So that's two small pepperonis, arriving at 21:15, and you're paying "
                      "cash, yes?")
    text = _reply(out)
    assert "large, not small" in text
    assert "card, not cash" in text
    assert "19:30" in text
    assert {"readback_wrong:option", "readback_wrong:payment",
            "readback_wrong:time"} <= set(_marks(out))


def test_a_right_read_back_is_confirmed(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("To confirm: two large pepperoni pizzas to 12 Oak Street, between "
                      "half seven and eight. Is that right?")
    assert not any(m.startswith("readback_wrong") for m in _marks(out))
    assert re.match(r"(Yes|That's correct)", _reply(out))


def test_offering_a_choice_is_not_a_mistake(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    out = session.say("Would you be paying by card or with cash?")
    assert not any(m.startswith("readback_wrong") for m in _marks(out))
    assert "Cash" in _reply(out)


def test_a_persona_may_miss_mistakes_deterministically_and_the_scorer_still_counts_them(
        make_session) -> None:
    line = "Let me repeat that: one large pepperoni to 12 Oak Street, all good?"

    def outcome(seed: int) -> tuple[str, list[str]]:
        session, _ = make_session(_lib("late-delivery-angry", misses_mistakes=0.5), seed=seed)
        session.start()
        out = session.say(line)
        return _reply(out), _marks(out)

    first = [outcome(seed) for seed in range(12)]
    assert first == [outcome(seed) for seed in range(12)]  # same seed, same call
    missed = [m for _, m in first if "readback_missed:quantity" in m]
    caught = [t for t, m in first if "readback_missed:quantity" not in m]
    assert missed and caught
    assert all("readback_wrong:quantity" in m for _, m in first)
    assert all(t.startswith("No, two") for t in caught)

    always, _ = make_session(_lib("late-delivery-angry", misses_mistakes=1.0))
    always.start()
    out = always.say(line)
    assert "readback_missed:quantity" in _marks(out)
    assert not _reply(out).startswith("No")
    card = score_call(always.end(), always.scenario)
    checks = card.scores["order_capture"].details["checks"]
    assert any(label.startswith("readback quantity") and not ok for label, ok in checks.items())


# --- answers the question asked ----------------------------------------------------


def test_two_part_order_question_gets_the_order_once(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    out = session.say("Which pizza would you like, and in what size?")
    text = _reply(out)
    assert "margherita" in text.lower()
    assert "not sure" not in text.lower()


def test_a_receiver_question_gets_the_receiver(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("Who's going to be there to receive the pizzas?")
    assert "fact:receiver" in _marks(out)
    assert "Dana" in _reply(out)


def test_asked_for_the_phone_it_gives_only_the_phone(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("What's the phone number the order went in under?")
    assert "555-0142" in _reply(out)
    assert "A-7731" not in _reply(out)


def test_an_unanswerable_question_gets_one_plain_i_dont_know(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    session.say("Good evening, Pizza Planet, how can I help?")
    session.say("I'm so sorry about that.")
    out = session.say("Do you know which driver was assigned to it?")
    text = _reply(out)
    assert text.lower().count("know") == 1
    assert text not in ("Okay.", "Sure.", "Yep.", "Alright, go on.")


def test_no_line_is_repeated_within_one_reply(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    out = session.say("What's your favourite colour, and what's your star sign?")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", _reply(out)) if s]
    assert len(sentences) == len(set(sentences))


# --- remembers ---------------------------------------------------------------------


def test_no_are_you_listening_straight_after_an_apology(make_session) -> None:
    for seed in range(8):
        session, _ = make_session(_lib("late-delivery-angry"), seed=seed)
        session.start()
        out = session.say("I am so sorry.")
        assert "listening" not in _reply(out).lower(), seed


def test_no_whos_this_after_the_operator_introduced_themselves(make_session) -> None:
    session, _ = make_session(_lib("appointment-reminder"))
    session.start()
    out = session.say("Hi there, it's Morgan calling from BrightHome.")
    assert "who's this" not in _reply(out).lower()


def test_no_thanks_only_to_an_offer_that_was_made(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("So what would you like us to send you tonight?")
    assert "no thanks" not in _reply(out).lower()
    assert not any(m.startswith("upsell_declined") for m in _marks(out))


def test_accepting_another_team_never_asks_for_the_supervisor(make_session) -> None:
    session, _ = make_session(_lib("billing-dispute-supervisor"))
    session.start()
    session.say("Can I take your account number and postcode first?")
    session.say("I'm sorry you had to call twice about this, that should have been fixed.")
    session.say("What I can do is put the forty-five dollars back as a credit on your next "
                "bill.")
    assert "wants-card-refund" in session.state.open_objections
    out = session.say("I completely understand, I'll take care of it and pass you to our "
                      "finance team, who handle card refunds.")
    assert "objection_resolved:wants-card-refund" in _marks(out)
    assert "supervisor" not in _reply(out).lower()


def test_the_opening_complaint_is_not_repeated_after_a_fix(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    session.say("I'll sort this out for you myself and get a new order on its way now.")
    out = session.say("Is there something I can help with?")
    assert "never arrived" not in _reply(out)


# --- feels -------------------------------------------------------------------------


def test_a_harmful_line_calms_nothing_even_with_an_apology(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    out = session.say("Sorry, but you should have ordered earlier, it's your own fault.")
    assert out[-1].anger is not None and out[-1].anger > 70


def test_patience_for_harmful_lines_runs_out_in_a_hang_up(make_session) -> None:
    scenario = _lib("first-order-confused")  # calm, patient caller: patience 6
    session, _ = make_session(scenario)
    session.start()
    lines = 0
    while not session.ended and lines < 20:
        session.say("You're exaggerating, like I said.")
        lines += 1
    assert session.transcript.ended_by == "customer_hangup"
    assert lines <= scenario.persona.patience + 1


def test_a_blamed_caller_does_not_say_a_warm_goodbye(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    session.say("If you'd listened properly you'd know. You should have checked first.")
    out = session.say("Right, thanks for calling, goodbye.")
    assert session.ended
    assert "patient" not in _reply(out)


def test_real_de_escalation_settles_below_the_calm_line(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    session.say("I'm so sorry, that is a long time to wait and I can hear how annoying it is.")
    session.say("I completely understand, I'd be upset too. I'll take care of this myself.")
    out = session.say("What I can do right now is send a fresh order out at no charge, "
                      "with a voucher for next time.")
    if session.state.open_objections:
        out = session.say("I understand, and I'll make sure you're looked after: a fresh "
                          "pizza tonight gets you fed, a refund takes days.")
    assert not session.state.open_objections
    assert out[-1].anger is not None and out[-1].anger <= 30


# --- hold, goodbye -----------------------------------------------------------------


def test_on_hold_the_customer_hears_nothing(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    session.act("hold")
    turns = session.state.operator_turns
    out = session.say("ugh, this one is a nightmare")
    assert [e.speaker for e in out] == ["operator"]
    assert "on_hold" in out[0].marks
    assert session.state.operator_turns == turns
    assert session.silence(30) == []  # silence on hold is not dead air
    card = score_call(session.end(), session.scenario)
    assert not any("nightmare" in e.quote for s in card.scores.values() for e in s.evidence)


def test_a_long_hold_costs_patience_and_still_there_is_answered(make_session) -> None:
    session, clock = make_session(_lib("first-order-confused"))
    session.start()
    before = session.state.anger
    session.act("hold")
    clock.advance(120)
    out = session.act("resume")
    assert any(m.startswith("long_hold:") for m in _marks(out))
    assert session.state.anger > before
    out = session.say("Sorry about that, are you still there?")
    assert "here" in _reply(out).lower()


def test_a_short_hold_costs_nothing(make_session) -> None:
    session, clock = make_session(_lib("first-order-confused"))
    session.start()
    before = session.state.anger
    session.act("hold")
    clock.advance(20)
    out = session.act("resume")
    assert session.state.anger == before
    assert [e.speaker for e in out] == ["operator"]


def test_a_natural_goodbye_ends_the_call(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    session.say("What would you like tonight?")
    session.say("Lovely, that's all on its way, Margaret. Take care, speak soon!")
    assert session.ended and session.transcript.ended_by == "operator"


@pytest.mark.parametrize("line", [
    "Thanks, goodbye, speak next week?",  # a question keeps the call going
    "Good morning, it's Sam from Pizza Planet.",
])
def test_lines_that_are_not_a_goodbye_keep_the_call(make_session, line: str) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    session.say("Hello there.")
    session.say(line)
    assert not session.ended


def test_a_resolved_objection_stays_resolved_at_the_close(make_session) -> None:
    session, _ = make_session(_lib("late-delivery-angry"))
    session.start()
    session.say("I can send the order again right now and give you a voucher.")
    session.say("I completely understand, and I'll personally make sure it gets to you.")
    assert session.state.resolved == {"wants-refund"}
    out = session.say("Thanks for bearing with us tonight. Goodbye.")
    assert session.ended
    assert "refund" not in _reply(out).lower() and "not done" not in _reply(out).lower()


def test_a_short_confirmation_of_a_late_addition_reads_that_item_back(make_session) -> None:
    scenario = _lib("first-order-confused")
    session, _ = make_session(scenario)
    session.start()
    session.say("What would you like to order?")
    session.act("add_item", sku="PZ-MAR", qty=1, options={"size": "medium"})
    session.act("add_item", sku="SD-GAR", qty=1)
    session.say("Let me read that back: one medium margherita and a garlic bread. Is that "
                "right?")
    assert session.state.fired_changes == {"add-cola"}
    session.act("add_item", sku="DR-COL", qty=1)
    session.say("Of course, a bottle of cola is on there too now.")
    card = score_call(session.end(), scenario)
    assert card.scores["order_capture"].details["checks"]["read_back"] is True


def test_a_calm_caller_turns_cold_when_blamed(make_session) -> None:
    session, _ = make_session(_lib("first-order-confused"))
    session.start()
    out = session.say("You should have checked the menu before calling.")
    assert "listening" not in _reply(out) and "alright, dear" not in _reply(out).lower()
    assert out[-1].anger is not None and out[-1].anger > session.scenario.persona.anger


@pytest.mark.parametrize(("line", "harm"), [
    ("Honestly, you're overreacting.", "argue"),
    ("You'll just have to wait like everyone else.", "dismiss"),
    ("That's your problem, not ours.", "blame_customer"),
    ("Are you deaf? I said the address.", "rude"),
])
def test_harm_said_outright_is_heard(line: str, harm: str) -> None:
    from simulator.hearing import harm_cues
    assert harm in harm_cues(line)


@pytest.mark.parametrize("line", [
    "It's not your fault at all, let me fix it.",
    "I'm not going to argue, you're right to be upset.",
    "Whatever you need, I'm here to help.",
])
def test_kind_lines_are_not_heard_as_harm(line: str) -> None:
    from simulator.hearing import harm_cues
    assert harm_cues(line) == []
