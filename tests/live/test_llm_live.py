"""The LLM customer against a real OpenAI-compatible server (llama.cpp + Gemma 3 270M).

The model is tiny and often fails the engine's checks; these tests check the protocol
and the engine's guarantees, not the wording: structured output parses, streaming
really streams, a whole call keeps the engine's facts and marks, and a frozen or
missing server costs a bounded wait and never a turn.
"""

from __future__ import annotations

import time

import pytest

from simulator.customer import ScriptedBrain
from simulator.director import Beat, Plan
from simulator.llm import LLMBrain
from simulator.llm.backend import ChatRequest, OpenAIBackend
from simulator.llm.doctor import run_checks
from simulator.llm.judge import Judge, quote_found
from simulator.llm.local_server import MODEL_ALIAS, LocalServer, free_port
from simulator.llm.prompt import build_prompt
from simulator.llm.schema import parse_reply, reply_schema
from simulator.scenario import Scenario
from simulator.session import Session
from simulator.state import CallState
from simulator.understanding.types import Analysis

pytestmark = pytest.mark.live

CALL = [
    "Hello, Pizza Planet, this is Sam. I'm so sorry about the wait.",
    "Could I have your phone number, please?",
    "I can send the order again right now and give you a 20% voucher.",
    "I completely understand, and I'll personally make sure it gets to you.",
    "Let me read that back: two large pepperoni pizzas to 12 Oak Street, is that right?",
    "Thank you, it will be there in 25 minutes. Goodbye!",
]


def _events(scenario: Scenario, brain, lines: list[str]) -> list:
    session = Session(scenario, brain=brain, seed=2)
    events = list(session.start())
    for line in lines:
        if session.ended:
            break
        events += session.say(line)
    return events


def _fallbacks(events: list) -> list[str]:
    return [m for e in events for m in e.marks if m.startswith("fallback:")]


def test_doctor_passes_against_the_real_server(llama_server: LocalServer) -> None:
    config = llama_server.config(response_format="auto")
    checks = {c.name: c for c in run_checks(config, turn_check=False)}
    assert checks["reachable"].ok, checks["reachable"].detail
    assert checks["model"].ok, checks["model"].detail
    assert checks["structured output"].ok, checks["structured output"].detail


def test_structured_output_round_trip(llama_server: LocalServer, late_delivery_live) -> None:
    state = CallState(scenario=late_delivery_live, anger=70)
    plan = Plan()
    plan.add(Beat("reveal", "phone", "555-0142"))
    prompt = build_prompt(state, "What's your phone number?", plan, "It's 555-0142.", [])
    backend = OpenAIBackend(llama_server.config())
    request = ChatRequest(prompt.messages, reply_schema(limits=True), "customer_turn",
                          temperature=0.2, max_tokens=160, seed=1, timeout_s=120)
    reply = parse_reply(backend.complete(request))  # raises if not the schema's shape
    assert isinstance(reply.say, str) and len(reply.say) <= 240
    assert isinstance(reply.mood_change, int)  # bounds are the engine's job (bound_mood)


def test_a_whole_call_through_the_session(llama_server, late_delivery_live) -> None:
    brain = LLMBrain(config=llama_server.config(), seed=2)
    llm = _events(late_delivery_live, brain, CALL)
    scripted = _events(late_delivery_live, ScriptedBrain(2), CALL)
    assert [e.speaker for e in llm] == [e.speaker for e in scripted]
    engine_marks = [[m for m in e.marks if not m.startswith("fallback:")] for e in llm]
    assert engine_marks == [e.marks for e in scripted]
    assert all(e.text for e in llm if e.speaker == "customer")
    falls = _fallbacks(llm)
    assert "fallback:timeout" not in falls and "fallback:connection" not in falls
    assert "fallback:bad_output" not in falls  # the grammar keeps the JSON well-formed
    lines = sum(1 for e in llm if e.speaker == "customer")
    print(f"\n{len(falls)} of {lines} customer lines fell back: {falls}")


def test_streaming_really_streams(llama_server: LocalServer, late_delivery_live) -> None:
    state = CallState(scenario=late_delivery_live, anger=70)
    plan = Plan()
    plan.add(Beat("filler"))
    prompt = build_prompt(state, "Okay.", plan, "And? What are you going to do about it?", [])
    backend = OpenAIBackend(llama_server.config())
    request = ChatRequest(prompt.messages, reply_schema(limits=True), "customer_turn",
                          temperature=0.2, max_tokens=160, seed=3, timeout_s=120)
    t0 = time.perf_counter()
    stamps, pieces = [], []
    for piece in backend.stream(request):
        stamps.append(time.perf_counter() - t0)
        pieces.append(piece)
    assert len(pieces) > 3 and stamps[0] < stamps[-1]
    parse_reply("".join(pieces))
    brain = LLMBrain(config=llama_server.config(), seed=3)
    stream = brain.reply_stream(state, Analysis(text="Okay."), plan)
    chunks = list(stream)
    assert chunks and stream.turn.text
    if any(m.startswith("fallback:") for m in stream.turn.marks):
        assert chunks[-1] == stream.turn.text  # the recorded scripted line was spoken too
    else:
        assert " ".join(chunks) == stream.turn.text


def test_a_frozen_server_mid_call_falls_back_and_loses_nothing(
        llama_server: LocalServer, late_delivery_live) -> None:
    brain = LLMBrain(config=llama_server.config(), seed=4)
    session = Session(late_delivery_live, brain=brain, seed=4)
    session.start()
    session.say(CALL[0])
    brain.config = brain.config.with_(timeout_s=3.0)  # a budget a frozen server will blow
    llama_server.pause()
    try:
        t0 = time.monotonic()
        events = session.say(CALL[1])
        waited = time.monotonic() - t0
        events += session.say(CALL[2])
    finally:
        llama_server.resume()
    assert waited < 6.0
    customer = [e for e in events if e.speaker == "customer"]
    assert len(customer) == 2 and all(e.text for e in customer)
    assert "fallback:timeout" in customer[0].marks
    assert "fact:phone" in customer[0].marks and "555-0142" in customer[0].text
    assert "objection_raised:wants-refund" in customer[1].marks
    for line in CALL[3:]:
        if not session.ended:
            session.say(line)
    transcript = session.end()
    assert len(transcript.customer_lines) == len(transcript.operator_lines) + 1


def test_a_refused_connection_falls_back_fast(late_delivery_live: Scenario) -> None:
    pytest.importorskip("openai")
    dead = LocalServer(port=free_port()).config(timeout_s=3.0)
    brain = LLMBrain(config=dead, seed=5)
    t0 = time.monotonic()
    events = _events(late_delivery_live, brain, CALL)
    assert time.monotonic() - t0 < 10
    scripted = _events(late_delivery_live, ScriptedBrain(5), CALL)
    assert [e.text for e in events] == [e.text for e in scripted]
    falls = _fallbacks(events)
    assert falls[:2] == ["fallback:connection", "fallback:connection"]
    assert set(falls[2:]) <= {"fallback:unavailable", "fallback:connection"}


def test_the_judge_runs_and_keeps_only_real_quotes(llama_server, late_delivery_live) -> None:
    transcript = Session(late_delivery_live, seed=6)
    transcript.start()
    for line in CALL[:4]:
        transcript.say(line)
    call = transcript.end()
    judge = Judge(OpenAIBackend(llama_server.config()), llama_server.config(),
                  timeout_s=180, max_tokens=400)
    report = judge.judge(call, late_delivery_live, runs=1)
    assert len(report.runs) == 1 and report.model == MODEL_ALIAS
    for run in report.ok_runs:
        for verdict in run["verdicts"]:
            assert all(quote_found(q, call) for q in verdict["quotes"])
