"""Streaming: the first sentence is out before the model finishes; nothing unchecked is said."""

from __future__ import annotations

import time

import pytest

from simulator.customer import ScriptedBrain
from simulator.director import Beat, Plan
from simulator.llm import FakeLLM, FakeResponse, LLMBrain, LLMConfig, fake_reply, reply_with
from simulator.llm.errors import LLMConnectionError, LLMTimeout
from simulator.llm.fake import obedient
from simulator.llm.schema import SayExtractor
from simulator.llm.stream import take_sentences
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.state import CallState
from simulator.understanding.types import Analysis

CFG = LLMConfig(model="fake", timeout_s=2.0, retries=0)
ASK = Analysis(text="What's your phone number?")


@pytest.fixture(scope="module")
def late_delivery() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


def _setup(scenario: Scenario, *beats: Beat) -> tuple[CallState, Plan, str]:
    state = CallState(scenario=scenario, anger=70)
    plan = Plan()
    for b in beats:
        plan.add(b)
        if b.kind == "reveal":
            state.revealed[b.ref] = b.value
    scripted = ScriptedBrain(1).reply(state, ASK, plan).text
    return state, plan, scripted


PHONE = Beat("reveal", "phone", "555-0142")


def test_first_sentence_arrives_before_the_rest(late_delivery: Scenario) -> None:
    state, plan, _ = _setup(late_delivery, PHONE)
    content = fake_reply("Ugh, seriously? It's 555-0142. Write it down this time.", 3, ["phone"])
    brain = LLMBrain(FakeLLM([FakeResponse(content, chunk_delay_s=0.02)]), config=CFG, seed=1)
    t0 = time.monotonic()
    stamps = []
    chunks = []
    stream = brain.reply_stream(state, ASK, plan)
    for chunk in stream:
        stamps.append(time.monotonic() - t0)
        chunks.append(chunk)
    total = time.monotonic() - t0
    assert chunks == ["Ugh, seriously?", "It's 555-0142.", "Write it down this time."]
    assert stamps[0] < total * 0.6
    assert stream.turn.text == "Ugh, seriously? It's 555-0142. Write it down this time."
    assert stream.turn.marks == []
    assert stream.spoken == chunks


def test_an_unsafe_sentence_is_never_spoken(late_delivery: Scenario) -> None:
    state, plan, scripted = _setup(late_delivery, PHONE)
    content = fake_reply("It's 555-0142. And my order number is A-7731.", 0, ["phone"])
    stream = LLMBrain(FakeLLM([content]), config=CFG, seed=1).reply_stream(state, ASK, plan)
    chunks = list(stream)
    assert chunks == ["It's 555-0142.", scripted]
    assert not any("A-7731" in c for c in chunks[:-1])
    assert stream.turn.text == scripted
    assert "fallback:fact_not_asked" in stream.turn.marks


def test_a_failure_after_speaking_still_records_the_scripted_line(late_delivery) -> None:
    state, plan, scripted = _setup(late_delivery, PHONE)
    content = fake_reply("Oh, come on. I really don't remember.", 0, [])
    stream = LLMBrain(FakeLLM([content]), config=CFG, seed=1).reply_stream(state, ASK, plan)
    chunks = list(stream)
    assert chunks[0] == "Oh, come on."
    assert chunks[-1] == scripted  # the planned phone number is still said
    assert stream.turn.text == scripted
    assert "fallback:fact_missing" in stream.turn.marks


@pytest.mark.parametrize(("response", "reason"), [
    (LLMConnectionError("refused"), "connection"),
    (FakeResponse(fake_reply("Well. It's 555-0142."), error_after=LLMConnectionError()),
     "connection"),
    (FakeResponse(fake_reply("Well. It's 555-0142.", 0, ["phone"]), chunk_delay_s=0.2),
     "timeout"),
    (FakeResponse("not json at all. really."), "bad_output"),
    (FakeResponse('{"say": "Fine. It\'s 555-0142.", "mood_'), "bad_output"),
])
def test_stream_faults_fall_back(late_delivery, response, reason) -> None:
    state, plan, scripted = _setup(late_delivery, PHONE)
    brain = LLMBrain(FakeLLM([response]), config=CFG.with_(timeout_s=0.6), seed=1)
    t0 = time.monotonic()
    stream = brain.reply_stream(state, ASK, plan)
    chunks = list(stream)
    assert time.monotonic() - t0 < 2.0
    assert chunks[-1] == scripted
    assert stream.turn.text == scripted
    assert f"fallback:{reason}" in stream.turn.marks


def test_reading_turn_early_drains_the_stream(late_delivery: Scenario) -> None:
    state, plan, _ = _setup(late_delivery, PHONE)
    stream = LLMBrain(FakeLLM([fake_reply("It's 555-0142.")]), config=CFG).reply_stream(
        state, ASK, plan)
    assert stream.turn.text == "It's 555-0142."
    assert list(stream) == []


def test_reply_with_streams_llm_and_speaks_scripted_whole(late_delivery: Scenario) -> None:
    state, plan, scripted = _setup(late_delivery, PHONE)
    said: list[str] = []
    turn = reply_with(ScriptedBrain(1), state, ASK, plan, said.append)
    assert said == [turn.text] and turn.text == scripted
    said.clear()
    brain = LLMBrain(FakeLLM([fake_reply("Fine. It's 555-0142.")]), config=CFG)
    turn = reply_with(brain, state, ASK, plan, said.append)
    assert said == ["Fine.", "It's 555-0142."] and turn.text == "Fine. It's 555-0142."
    turn = reply_with(LLMBrain(obedient(), config=CFG, seed=1), state, ASK, plan, None)
    assert turn.text == scripted


def test_stream_timeouts_count_towards_the_breaker(late_delivery: Scenario) -> None:
    state, plan, _scripted = _setup(late_delivery, PHONE)
    fake = FakeLLM([LLMTimeout(), LLMTimeout()], default=fake_reply("It's 555-0142."))
    brain = LLMBrain(fake, config=CFG)
    marks = [brain.reply_stream(state, ASK, plan).turn.marks for _ in range(3)]
    assert marks[2] == ["fallback:unavailable"] and len(fake.requests) == 2


def test_say_extractor_handles_escapes_split_anywhere() -> None:
    content = fake_reply('He said "no"\\n \u00e9t\u00e9 \u2014 fine.\nOk.', 2, [])
    for size in (1, 2, 3, 5, 11):
        ex = SayExtractor()
        out = "".join(ex.feed(content[i:i + size]) for i in range(0, len(content), size))
        assert out == 'He said "no"\\n \u00e9t\u00e9 \u2014 fine.\nOk.'
        assert ex.done
    ex = SayExtractor()
    assert ex.feed('{"mood_change": 1, "say": 7}') == "" and ex.done


def test_take_sentences() -> None:
    assert take_sentences("One. Two! Thr") == (["One.", "Two!"], "Thr")
    assert take_sentences("Costs 12.50 now") == ([], "Costs 12.50 now")
    assert take_sentences("Last one", final=True) == (["Last one"], "")
