"""Issue 16 items 4 and 13: the guard strips control characters from model lines and
falls back (`fallback:off_plan`) when the line does not voice a planned objection or change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.customer import ScriptedBrain
from simulator.director import Beat, Plan
from simulator.llm import FakeLLM, LLMBrain, LLMConfig, fake_reply
from simulator.llm.guard import check_plan, key_words, turn_rules
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.state import CallState
from simulator.understanding.types import Analysis

CFG = LLMConfig(model="fake", timeout_s=2.0)


@pytest.fixture(scope="module")
def late() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


def _plan(*beats: Beat) -> Plan:
    plan = Plan()
    for b in beats:
        plan.add(b)
    return plan


def _objection(s: Scenario) -> Beat:
    obj = s.objections[0]
    return Beat("raise", obj.id, "", tuple(obj.says))


def _change(s: Scenario) -> Beat:
    ch = s.changes[0]
    return Beat("change", ch.id, "", tuple(ch.says))


def _reply(s: Scenario, say: str, plan: Plan, stream: bool = False):
    brain = LLMBrain(FakeLLM([fake_reply(say)]), config=CFG, seed=1)
    state = CallState(scenario=s, anger=40)
    if stream:
        return brain.reply_stream(state, Analysis(text="Okay."), plan).turn
    return brain.reply(state, Analysis(text="Okay."), plan)


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("beat", [_objection, _change])
def test_a_line_that_drops_the_planned_beat_is_off_plan(late, beat, stream) -> None:
    """Before: "Okay, go on." was accepted while the engine marked the beat as raised."""
    plan = _plan(beat(late))
    turn = _reply(late, "Okay, go on.", plan, stream)
    assert "fallback:off_plan" in turn.marks
    assert turn.text == ScriptedBrain(1).reply(CallState(scenario=late, anger=40),
                                               Analysis(text=""), plan).text


def test_a_paraphrase_that_carries_the_beat_passes(late) -> None:
    turn = _reply(late, "A voucher won't do. I want my money back.", _plan(_objection(late)))
    assert turn.text == "A voucher won't do. I want my money back."
    turn = _reply(late, "Oh, and throw in a cola.", _plan(_change(late)))
    assert not any(m.startswith("fallback:") for m in turn.marks)


def test_every_shipped_objection_and_change_has_key_words() -> None:
    """A beat with no key words could never be checked: the library has none such."""
    from simulator.loading import library_files

    for f in library_files():
        s = load_scenario(f)
        for lines in [o.says for o in s.objections] + [c.says for c in s.changes]:
            assert key_words(" ".join(lines)), (f.name, lines)


def test_the_scripted_wording_always_carries_its_own_beat(late) -> None:
    for beat in (_objection(late), _change(late)):
        rules = turn_rules(CallState(scenario=late, anger=40), _plan(beat), "")
        for line in beat.lines:
            assert check_plan(line, rules) is None, line


@pytest.mark.parametrize("escape", ["\x1bc", "\x1b[31m", "\x1b]0;owned\x07", "\x07", "\x9b2J"])
@pytest.mark.parametrize("stream", [False, True])
def test_control_characters_never_leave_the_guard(late, escape, stream) -> None:
    """Before: a reply with ESC c passed in 9 of 10 turns and was stored and printed."""
    turn = _reply(late, f"Where is my pizza?{escape} I've waited an hour.",
                  _plan(Beat("filler")), stream)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in turn.text), repr(turn.text)


@given(st.text(max_size=80))
def test_any_model_text_comes_out_printable(say) -> None:
    from simulator.llm.guard import clean_model_text

    out = clean_model_text(say)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in out)
