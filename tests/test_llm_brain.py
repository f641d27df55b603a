"""LLMBrain with FakeLLM: every fault path and every check falls back without losing a turn."""

from __future__ import annotations

import time

import pytest

from simulator import director
from simulator.customer import ScriptedBrain
from simulator.director import Beat, Plan
from simulator.llm import FakeLLM, FakeResponse, LLMBrain, LLMConfig, LLMTurn, fake_reply
from simulator.llm.brain import BREAK_TURNS
from simulator.llm.errors import (
    LLMBadOutput,
    LLMConnectionError,
    LLMRateLimited,
    LLMRequestError,
    LLMServerError,
    LLMTimeout,
)
from simulator.llm.fake import obedient
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.session import Session
from simulator.state import CallState
from simulator.understanding.types import Analysis

CFG = LLMConfig(model="fake", timeout_s=1.0, retries=0)


@pytest.fixture(scope="module")
def late_delivery() -> Scenario:
    """Loaded once for the module (the shared fixture reloads it per test)."""
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


def _state(scenario: Scenario, anger: int | None = None) -> CallState:
    return CallState(scenario=scenario, anger=scenario.persona.anger if anger is None else anger)


def _plan(*beats: Beat) -> Plan:
    plan = Plan()
    for b in beats:
        plan.add(b)
    return plan


def _brain(responses: list, **cfg) -> LLMBrain:
    return LLMBrain(FakeLLM(list(responses)), config=CFG.with_(**cfg), seed=1)


def _scripted(state: CallState, plan: Plan) -> str:
    return ScriptedBrain(1).reply(state, Analysis(text=""), plan).text


PHONE = Beat("reveal", "phone", "555-0142")
FILLER = Beat("filler")


def test_a_good_answer_is_used(late_delivery: Scenario) -> None:
    state = _state(late_delivery)
    state.revealed["phone"] = "555-0142"
    brain = _brain([fake_reply("Ugh. It's 555-0142, obviously.", 4, ["phone"])])
    turn = brain.reply(state, Analysis(text="What's your phone number?"), _plan(PHONE))
    assert isinstance(turn, LLMTurn)
    assert turn.text == "Ugh. It's 555-0142, obviously."
    assert not [m for m in turn.marks if m.startswith("fallback")]
    assert turn.mood_adjust == 4 and turn.proposed_mood == 4


def test_the_model_sees_only_this_turns_facts(late_delivery: Scenario) -> None:
    state = _state(late_delivery)
    brain = _brain([fake_reply("It's 555-0142.", 0, ["phone"])])
    brain.reply(state, Analysis(text="Your phone number?"), _plan(PHONE))
    sent = "\n".join(m["content"] for m in brain.backend.requests[0].messages)
    assert "555-0142" in sent
    assert "A-7731" not in sent  # the order number is not asked for this turn
    assert "Dana Whitfield" in sent and "angry" in sent


@pytest.mark.parametrize(("fault", "reason"), [
    (LLMTimeout(), "timeout"),
    (LLMRateLimited("slow down", status=429), "rate_limited"),
    (LLMServerError("HTTP 503", status=503), "server_error"),
    (LLMServerError("HTTP 500", status=500), "server_error"),
    (LLMConnectionError("refused"), "connection"),
    (ConnectionRefusedError(111, "Connection refused"), "connection"),
    (TimeoutError("read timed out"), "timeout"),
    (LLMRequestError("HTTP 401", status=401), "request_error"),
    (LLMBadOutput("garbage"), "bad_output"),
    (RuntimeError("anything else"), "error"),
    ("this is not JSON", "bad_output"),
    ('{"say": 5, "mood_change": 0, "revealed_facts": [], "hangs_up": false}', "bad_output"),
    ('{"say": "Hm.", "mood_change": "lots", "revealed_facts": [], "hangs_up": false}',
     "bad_output"),
    ('["a list"]', "bad_output"),
    ('{"say": "Hm.", "mood_change": 0, "revealed_facts": [], "hangs_up": false', "bad_output"),
])
def test_every_fault_falls_back_to_the_scripted_line(late_delivery, fault, reason) -> None:
    state = _state(late_delivery)
    plan = _plan(FILLER)
    brain = _brain([fault])
    turn = brain.reply(state, Analysis(text="Okay."), plan)
    assert turn.text == _scripted(state, plan)
    assert f"fallback:{reason}" in turn.marks


def test_a_slow_model_is_cut_off_by_the_wall_clock(late_delivery: Scenario) -> None:
    state = _state(late_delivery)
    brain = _brain([FakeResponse(fake_reply("Finally."), delay_s=5)], timeout_s=0.3)
    t0 = time.monotonic()
    turn = brain.reply(state, Analysis(text="Okay."), _plan(FILLER))
    assert time.monotonic() - t0 < 1.5
    assert "fallback:timeout" in turn.marks


@pytest.mark.parametrize(("say", "facts", "hangs_up", "beats", "reason"), [
    ("My order number is A-7731.", [], False, [FILLER], "fact_not_asked"),
    ("Fine. Call me on 555-0142.", [], False, [FILLER], "fact_not_asked"),
    ("I don't remember it.", ["phone"], False, [PHONE], "fact_missing"),
    ("It's 555-0199.", ["phone"], False, [PHONE], "fact_invented"),
    ("Hm. Order 98765 was mine.", [], False, [FILLER], "fact_invented"),
    ("It's 555-0142.", ["phone", "order_number"], False, [PHONE], "fact_not_asked"),
    ("Thank you for calling Pizza Planet! How can I help you?", [], False, [FILLER],
     "broken_character"),
    ("As an AI, I can't be angry.", [], False, [FILLER], "broken_character"),
    ("You should try to empathize with me more.", [], False, [FILLER], "broken_character"),
    ("Good job acknowledging my feelings.", [], False, [FILLER], "broken_character"),
    ("Agent: I'm so sorry.", [], False, [FILLER], "broken_character"),
    ("Is there anything else I can do for you today?", [], False, [FILLER],
     "broken_character"),
    ("That's my objection, as in the scenario.", [], False, [FILLER], "scenario_leak"),
    ("My anger level is 70/100.", [], False, [FILLER], "scenario_leak"),
    ('Okay. {"say": "fine"}', [], False, [FILLER], "json_in_text"),
    ("Right, I'm hanging up.", [], True, [FILLER], "hangup_mismatch"),
    ("Whatever. Bye.", [], False, [FILLER], "hangup_mismatch"),
    ("", [], False, [FILLER], "empty"),
    ("Where is it? " * 40, [], False, [FILLER], "too_long"),
])
def test_checks_reject_off_plan_lines(late_delivery, say, facts, hangs_up, beats, reason) -> None:
    state = _state(late_delivery)
    plan = _plan(*beats)
    for b in beats:
        if b.kind == "reveal":
            state.revealed[b.ref] = b.value  # the director records the reveal before wording
    brain = _brain([fake_reply(say, 0, facts, hangs_up)])
    turn = brain.reply(state, Analysis(text="Okay."), plan)
    assert f"fallback:{reason}" in turn.marks
    assert turn.text == _scripted(state, plan)


def test_already_revealed_facts_may_be_repeated(late_delivery: Scenario) -> None:
    state = _state(late_delivery)
    state.revealed["order_number"] = "A-7731"
    brain = _brain([fake_reply("I told you, A-7731! Where is my pizza?")])
    turn = brain.reply(state, Analysis(text="Okay."), _plan(FILLER))
    assert turn.text.startswith("I told you")


def test_values_the_operator_said_may_be_echoed(late_delivery: Scenario) -> None:
    state = _state(late_delivery)
    brain = _brain([fake_reply("Yes, 555-0142, that's me.")])
    turn = brain.reply(state, Analysis(text="Is your number 555-0142?"), _plan(Beat("confirm")))
    assert turn.text == "Yes, 555-0142, that's me."


def test_a_confused_customer_never_gives_the_true_value_early(late_delivery: Scenario) -> None:
    facts = dict(late_delivery.facts)
    facts["phone"] = facts["phone"].model_copy(update={"wrong_first": "555-0124"})
    scenario = late_delivery.model_copy(update={"facts": facts})
    state = _state(scenario)
    state.revealed["phone"] = "555-0124"
    wrong = Beat("reveal", "phone", "555-0124")
    ok = _brain([fake_reply("Um, it's 555-0124.")]).reply(state, Analysis(text="?"), _plan(wrong))
    assert ok.text == "Um, it's 555-0124."
    bad = _brain([fake_reply("It's 555-0124, no, 555-0142.")]).reply(
        state, Analysis(text="?"), _plan(wrong))
    assert "fallback:fact_not_asked" in bad.marks


def test_the_hangs_up_flag_alone_is_ignored(late_delivery: Scenario) -> None:
    turn = _brain([fake_reply("Fine. Go on then.", 0, [], True)]).reply(
        _state(late_delivery), Analysis(text="x"), _plan(FILLER))
    assert turn.text == "Fine. Go on then."


def test_hangup_is_allowed_only_when_planned(late_delivery: Scenario) -> None:
    state = _state(late_delivery, anger=100)
    turn = _brain([fake_reply("That's it. I'm done. Bye.", 10, [], True)]).reply(
        state, Analysis(text=""), _plan(Beat("hangup")))
    assert turn.text == "That's it. I'm done. Bye."
    assert turn.mood_adjust == 0  # never pushes past 99: hang-ups are the engine's call


@pytest.mark.parametrize(("proposed", "anger", "last_anger", "expected"), [
    (-10, 70, 70, 0),   # models drift nice: calming proposals are ignored
    (-3, 50, 70, 0),    # the engine calmed by 20; the model may not calm more
    (5, 70, 70, 5),     # the line annoyed the customer more than the rules saw
    (25, 70, 70, 10),   # bounded to +10
    (8, 95, 95, 4),     # never to 100: hanging up is the engine's decision
    (6, 80, 70, 0),     # the engine already added 10; the model asked for less
    (12, 80, 70, 0),    # clamped to 10 first: no more than the engine's +10
])
def test_mood_proposals_are_bounded(late_delivery, proposed, anger, last_anger, expected) -> None:
    brain = _brain([fake_reply("Hm.", 0), fake_reply("Hm!", proposed)])
    brain.reply(_state(late_delivery, last_anger), Analysis(text="x"), _plan(FILLER))
    turn = brain.reply(_state(late_delivery, anger), Analysis(text="Okay."), _plan(FILLER))
    assert isinstance(turn, LLMTurn) and turn.mood_adjust == expected


def test_fallback_turns_propose_no_mood(late_delivery: Scenario) -> None:
    turn = _brain([LLMTimeout()]).reply(_state(late_delivery), Analysis(text="x"), _plan(FILLER))
    assert getattr(turn, "mood_adjust", 0) == 0


def test_a_dead_endpoint_is_skipped_for_a_few_turns(late_delivery: Scenario) -> None:
    fake = FakeLLM([LLMConnectionError(), LLMTimeout()], default=fake_reply("Hm."))
    brain = LLMBrain(fake, config=CFG, seed=1)
    state = _state(late_delivery)
    marks = [brain.reply(state, Analysis(text="x"), _plan(FILLER)).marks for _ in range(6)]
    assert marks[0] == ["fallback:connection"] and marks[1] == ["fallback:timeout"]
    assert all(m == ["fallback:unavailable"] for m in marks[2:2 + BREAK_TURNS])
    assert len(fake.requests) == 3  # two failures, no calls while skipping, then one more
    assert marks[5] == []


def test_bad_lines_do_not_trip_the_breaker(late_delivery: Scenario) -> None:
    fake = FakeLLM([fake_reply("As an AI..."), "nope", fake_reply("Hm.")])
    brain = LLMBrain(fake, config=CFG, seed=1)
    state = _state(late_delivery)
    for _ in range(3):
        brain.reply(state, Analysis(text="x"), _plan(FILLER))
    assert len(fake.requests) == 3


def _run(scenario: Scenario, brain, lines: list[str]) -> list:
    session = Session(scenario, brain=brain, seed=1)
    events = list(session.start())
    for line in lines:
        if session.ended:
            break
        events += session.say(line)
    return events


CALL = [
    "Hello, Pizza Planet, this is Sam. I'm so sorry about the wait.",
    "Could I have your phone number, please?",
    "And the order number?",
    "I can send the order again right now and give you a 20% voucher.",
    "I completely understand, and I'll personally make sure it gets to you.",
    "Let me read that back: two large pepperoni pizzas to 12 Oak Street, is that right?",
    "Thank you, it will be there in 25 minutes. Goodbye!",
]


def test_a_whole_call_keeps_the_engines_facts_and_marks(late_delivery: Scenario) -> None:
    scripted = _run(late_delivery, ScriptedBrain(1), CALL)
    llm = _run(late_delivery, LLMBrain(obedient(), config=CFG, seed=1), CALL)
    assert [e.speaker for e in llm] == [e.speaker for e in scripted]
    assert [e.marks for e in llm] == [e.marks for e in scripted]
    assert [e.anger for e in llm] == [e.anger for e in scripted]


def test_a_call_with_faults_every_other_turn_loses_nothing(late_delivery: Scenario) -> None:
    faults = [LLMTimeout(), fake_reply("Hm, fine."), LLMRateLimited(status=429), "{{bad",
              LLMServerError(status=502), LLMConnectionError()]
    fake = FakeLLM(faults, default=lambda req: fake_reply("Hm."))
    llm = _run(late_delivery, LLMBrain(fake, config=CFG, seed=1), CALL)
    scripted = _run(late_delivery, ScriptedBrain(1), CALL)
    assert len(llm) == len(scripted)
    strip = [[m for m in e.marks if not m.startswith("fallback:")] for e in llm]
    assert strip == [e.marks for e in scripted]
    assert sum(1 for e in llm for m in e.marks if m.startswith("fallback:")) >= 5


def test_goodbye_and_hangup_lines_go_through_the_brain_too(late_delivery: Scenario) -> None:
    brain = LLMBrain(obedient(), config=CFG, seed=1)
    session = Session(late_delivery, brain=brain, seed=1)
    session.start()
    events = []
    for _ in range(8):
        if session.ended:
            break
        events += session.say("Calm down, that's not my problem, it's your own fault.")
    assert session.transcript.ended_by == "customer_hangup"
    assert any("hangup" in e.marks for e in events)


def test_history_is_kept_for_the_next_prompt(late_delivery: Scenario) -> None:
    brain = LLMBrain(obedient(), config=CFG, seed=1)
    _run(late_delivery, brain, CALL[:2])
    last = brain.backend.requests[-1].messages[-1]["content"]
    assert "Agent: Hello, Pizza Planet" in last


def test_opening_plan_from_the_engine(late_delivery: Scenario) -> None:
    plan = director.Plan()
    plan.add(director.Beat("opening", "", "", tuple(late_delivery.opening)))
    turn = LLMBrain(obedient(), config=CFG).reply(_state(late_delivery), Analysis(text=""), plan)
    assert turn.text in late_delivery.opening


def test_only_consecutive_transport_faults_open_the_breaker(late_delivery: Scenario) -> None:
    fake = FakeLLM([LLMTimeout(), fake_reply("As an AI..."), LLMTimeout()],
                   default=fake_reply("Hm."))
    brain = LLMBrain(fake, config=CFG, seed=1)
    state = _state(late_delivery)
    marks = [brain.reply(state, Analysis(text="x"), _plan(FILLER)).marks for _ in range(4)]
    assert marks == [["fallback:timeout"], ["fallback:broken_character"],
                     ["fallback:timeout"], []]
