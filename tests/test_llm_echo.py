"""The LLM guard refuses a customer line that speaks as the operator or repeats the
operator's words; each refusal falls back to the scripted line with its reason."""

from __future__ import annotations

import pytest

from simulator.director import Beat, Plan
from simulator.llm import FakeLLM, LLMBrain, LLMConfig, fake_reply
from simulator.llm.guard import speaks_as_operator, turn_rules
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.state import CallState
from simulator.understanding.types import Analysis, ItemMention

OPERATOR = ("I completely get it, you've been left waiting for ages and you want it put "
            "right tonight, so I'm sending two large pepperoni pizzas to 12 Oak Street.")


@pytest.fixture(scope="module")
def late_delivery() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


def _state(scenario: Scenario) -> CallState:
    state = CallState(scenario=scenario, anger=scenario.persona.anger)
    state.last_operator_line = OPERATOR
    return state


def _plan(kind: str = "filler") -> Plan:
    plan = Plan()
    plan.add(Beat(kind))
    return plan


@pytest.mark.parametrize(("line", "reason"), [
    ("I'm so sorry your pizzas haven't turned up, that's just not on.", "speaks_as_operator"),
    ("I fully understand, it has been a long evening.", "speaks_as_operator"),
    ("You've waited almost an hour, haven't you.", "speaks_as_operator"),
    ("Left waiting for ages and you want it put right.", "echoes_operator"),
    ("left waiting for,", "echoes_operator"),
])
def test_operator_talk_and_echoes_are_refused(late_delivery, line: str, reason: str) -> None:
    state = _state(late_delivery)
    rules = turn_rules(state, _plan(), "")
    assert speaks_as_operator(line, rules) == reason
    brain = LLMBrain(FakeLLM([fake_reply(line)]), config=LLMConfig(model="fake", retries=0),
                     seed=1)
    turn = brain.reply(state, Analysis(text=OPERATOR), _plan())
    assert f"fallback:{reason}" in turn.marks
    assert turn.text != line


@pytest.mark.parametrize("line", [
    "Yes, two large pepperoni pizzas to 12 Oak Street, that's right.",  # confirming values
    "Fine. It had better be hot this time.",
    "I'm sorry, what did you say?",
])
def test_a_customer_may_confirm_and_complain_in_its_own_words(late_delivery, line: str) -> None:
    rules = turn_rules(_state(late_delivery), _plan("confirm"), "")
    assert speaks_as_operator(line, rules) is None


def test_a_model_that_accepts_a_wrong_read_back_falls_back(late_delivery) -> None:
    from simulator import director
    state = _state(late_delivery)
    analysis = Analysis(text="So that's one large pepperoni?", techniques=("read_back",),
                        is_question=True,
                        items=(ItemMention("PZ-PEP", 1, {"size": "large"}, "large pepperoni"),))
    plan = director.plan_reply(state, analysis, {"read_back"})
    assert any(b.kind == "correct_them" for b in plan.beats)
    yes = LLMBrain(FakeLLM([fake_reply("Yes, that's right.")]),
                   config=LLMConfig(model="fake", retries=0), seed=1)
    turn = yes.reply(state, analysis, plan)
    assert "fallback:fact_missing" in turn.marks and turn.text.startswith("No, two")
    ok = LLMBrain(FakeLLM([fake_reply("No no, I said two of them.")]),
                  config=LLMConfig(model="fake", retries=0), seed=1)
    assert ok.reply(state, analysis, plan).text == "No no, I said two of them."
