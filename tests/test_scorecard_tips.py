"""Tips and evidence a trainee (and a hiring manager) can trust: they never contradict
the transcript, never repeat, speak plainly, suit the caller, and every quote shows
what the line was read as."""

from __future__ import annotations

import re

import pytest

from scoring import score_call
from scoring.__init__ import _same_advice
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.vocab import TECHNIQUES

TECHNIQUE_NAME = re.compile(r"\b(?:" + "|".join(t for t in TECHNIQUES if "_" in t) + r")\b")


def _lib(name: str) -> Scenario:
    return load_scenario(LIBRARY_DIR / f"{name}.yaml")


def _slow_but_kind_call(make_session, scenario: Scenario):
    session, _ = make_session(scenario)
    session.start()
    session.say("Oh no, I completely understand how annoying that is.")
    for _ in range(4):
        session.say("Let me have a look here.")
    session.say("I'll sort it myself and send a fresh one right now at no charge.")
    session.say("I'm so sorry, I understand, and I'll make sure it arrives.")
    session.say("Have a good evening, goodbye.")
    return session.end()


def test_a_tip_never_says_acknowledge_first_when_the_first_reply_did(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    card = score_call(_slow_but_kind_call(make_session, scenario), scenario)
    texts = [t.text for s in card.scores.values() for t in s.tips]
    assert any("sooner" in t for t in texts)  # the slow calm is still pointed out
    assert not any("acknowledge the feeling in your first reply" in t for t in texts)


def test_tips_use_plain_words_not_technique_names(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    session, _ = make_session(scenario)
    session.start()
    session.say("I can send it again with a voucher.")  # raises the refund objection
    session.say("It is what it is.")
    card = score_call(session.end(), scenario)
    texts = [t.text for s in card.scores.values() for t in s.tips]
    assert texts
    assert not [t for t in texts if TECHNIQUE_NAME.search(t)], texts


def test_a_gentle_caller_is_not_given_an_angry_callers_wording(make_session) -> None:
    scenario = _lib("first-order-confused")
    session, _ = make_session(scenario)
    session.start()
    session.say("You should have checked first.")
    session.say("Like I said, what do you want?")
    card = score_call(session.end(), scenario)
    assert not any("not good enough" in t.text for s in card.scores.values() for t in s.tips)


def test_top_tips_do_not_say_the_same_thing_twice() -> None:
    assert _same_advice("Don't forget to read the order back: e.g. 'Let me read that back "
                        "to you: ... Is that all correct?'",
                        "Read the whole order back after the last item: 'So that's 2 × "
                        "Veggie pizza — is that all correct?'")
    assert not _same_advice("Don't forget to greet the caller: e.g. 'Good evening.'",
                            "Never read a card number back; confirm only the last four digits.")


def test_a_calm_caller_is_not_called_calm_and_failed_together(make_session) -> None:
    scenario = _lib("new-client-head-of-sales")
    session, _ = make_session(scenario)
    session.start()
    session.say("Good morning, Bean and Leaf, it's Sam. Tell me about the bakery.")
    session.say("Lovely. I'll transfer you to our head of sales, Martin.")  # raises an objection
    card = score_call(session.end(), scenario)
    d = card.scores["deescalation"]
    if any("calm throughout" in r for r in d.reasons):
        assert d.passed


@pytest.mark.xfail(strict=True, reason="known miss of the learned model: this line is not "
                   "read as reassurance (held-back reassure F1 0.51); the scorer is right once it is")
def test_reassurance_acknowledges_a_worry(make_session) -> None:
    scenario = _lib("survey-satisfaction")
    session, _ = make_session(scenario)
    session.start()  # "is this a sales call?" comes with the opening
    session.say("Don't worry, I'm not selling anything, it takes two minutes.")
    card = score_call(session.end(), scenario)
    details = card.scores["objections"].details["objections"]["is-this-quick"]
    assert details["acknowledged"]


def test_every_operator_quote_shows_what_it_was_read_as(make_session) -> None:
    scenario = _lib("late-delivery-angry")
    session, _ = make_session(scenario)
    session.start()
    session.say("Calm down, it's not my fault.")
    if not session.ended:
        session.say("Whatever.")
    card = score_call(session.end(), scenario)
    operator_turns = {e.turn for e in session.transcript.operator_lines}
    quotes = [e for s in card.scores.values() for e in s.evidence if e.turn in operator_turns]
    assert quotes
    assert all(e.reading for e in quotes)
    assert any("dismissing" in e.reading for e in quotes)
    assert card.as_dict()["scores"]["deescalation"]["evidence"][0]["reading"]


def test_the_critical_tip_is_not_repeated_by_an_order_tip() -> None:
    assert _same_advice("Before you close, check the form against what the caller said, item "
                        "by item, and read it back; fix anything they correct.",
                        "Before closing, check every item the caller asked for is on the "
                        "form: 2 × Pepperoni pizza was missing.")
    assert not _same_advice("Don't forget to greet the caller: e.g. 'Good evening, thank you "
                            "for calling.'", "Don't forget to check who you are speaking to: "
                            "e.g. 'Before we go on, can you confirm the phone number?'")
