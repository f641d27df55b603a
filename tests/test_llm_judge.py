"""The LLM judge: quotes checked against the call, n runs with spread, verdicts cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.llm import FakeLLM, LLMConfig
from simulator.llm.cache import JudgeCache, transcript_key
from simulator.llm.errors import LLMTimeout
from simulator.llm.judge import Judge, judge_messages, judge_schema, quote_found, verify
from simulator.llm.rubric import RUBRIC, RUBRIC_VERSION
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.session import Session
from simulator.transcript import Transcript

CFG = LLMConfig(model="judge-model", timeout_s=2.0, retries=0)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


@pytest.fixture(scope="module")
def call(scenario: Scenario) -> Transcript:
    session = Session(scenario, seed=1)
    session.start()
    for line in ["Hello, Pizza Planet, Sam speaking. I'm so sorry, that must be so frustrating.",
                 "I can send the order again right now and give you a voucher.",
                 "I completely understand, and I'll personally make sure it gets to you.",
                 "Thank you, goodbye."]:
        session.say(line)
    return session.end()


def _answer(verdicts: dict[str, tuple[str, list[str]]]) -> str:
    return json.dumps({"verdicts": [
        {"item": item, "verdict": v, "quotes": q, "reason": f"because {item}"}
        for item, (v, q) in verdicts.items()]})


GOOD = {
    "de-empathy": ("pass", ["that must be so frustrating"]),
    "de-no-blame": ("pass", ["I'm so sorry"]),
    "de-ownership": ("pass", ["I'll personally make sure it gets to you"]),
    "obj-acknowledge": ("fail", ["give you a voucher"]),
    "obj-answer": ("pass", ["I'll personally make sure it gets to you"]),
}


def test_quotes_must_be_in_the_call(call: Transcript) -> None:
    assert quote_found("THAT must be so frustrating!", call)
    assert not quote_found("I will refund you in full", call)
    assert not quote_found("  ", call)
    data = json.loads(_answer({
        **GOOD,
        "de-outcome": ("pass", ["Thanks, you've been wonderful"]),  # invented
        "obj-settled": ("fail", []),  # no evidence
    }))
    data["verdicts"].append({"item": "de-empathy", "verdict": "fail", "quotes": ["x"],
                             "reason": ""})
    data["verdicts"].append({"item": "made-up", "verdict": "pass", "quotes": [], "reason": ""})
    kept, dropped = verify(data, call)
    assert {v["item"] for v in kept} == set(GOOD)
    whys = {d["item"]: d["why"] for d in dropped}
    assert whys["de-outcome"].startswith("quote not in the call")
    assert whys["obj-settled"] == "no quote given"
    assert whys["made-up"] == "unknown item or verdict"
    assert "duplicate item" in [d["why"] for d in dropped]


def test_na_needs_no_quote(call: Transcript) -> None:
    kept, dropped = verify({"verdicts": [{"item": "obj-settled", "verdict": "n/a",
                                          "quotes": [], "reason": "none"}]}, call)
    assert len(kept) == 1 and not dropped


def test_three_runs_with_spread_and_cache(tmp_path: Path, scenario, call) -> None:
    second = {**GOOD, "obj-acknowledge": ("pass", ["give you a voucher"])}
    fake = FakeLLM([_answer(GOOD), _answer(second), LLMTimeout()])
    cache = JudgeCache(tmp_path / "judge.json")
    report = Judge(fake, CFG, cache=cache).judge(call, scenario, runs=3)
    data = report.as_dict()
    assert data["runs"] == 3 and data["ok_runs"] == 2 and data["errors"][0].startswith("timeout")
    obj = data["dimensions"]["objections"]
    assert obj["scores"] == [50.0, 100.0] and obj["spread"] == (50.0, 100.0) and obj["mean"] == 75
    assert data["dimensions"]["deescalation"]["mean"] == 100
    assert data["items"]["obj-acknowledge"]["votes"] == {"pass": 1, "fail": 1, "n/a": 0}
    assert data["items"]["de-outcome"]["majority"] is None
    # the two good runs are cached; a second judge asks only for the missing third
    fake2 = FakeLLM([_answer(GOOD)])
    again = Judge(fake2, CFG, cache=cache).judge(call, scenario, runs=3)
    assert again.cached_runs == 2 and len(fake2.requests) == 1
    fake3 = FakeLLM([])
    third = Judge(fake3, CFG, cache=cache).judge(call, scenario, runs=3)
    assert third.cached_runs == 3 and fake3.requests == []


def test_cache_key_ignores_start_time_not_content(scenario, call) -> None:
    key = transcript_key(call, scenario, model="m", rubric_version=RUBRIC_VERSION)
    moved = call.model_copy(update={"started_at": "2001-01-01T00:00:00+00:00"})
    assert transcript_key(moved, scenario, model="m", rubric_version=RUBRIC_VERSION) == key
    edited = call.model_copy(deep=True)
    edited.events[1].text += "!"
    assert transcript_key(edited, scenario, model="m", rubric_version=RUBRIC_VERSION) != key
    assert transcript_key(call, scenario, model="other", rubric_version=RUBRIC_VERSION) != key


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "judge.json"
    path.write_text("{half", encoding="utf-8")
    cache = JudgeCache(path)
    assert cache.get("k") == []
    cache.put("k", [{"verdicts": []}])
    assert cache.get("k") == [{"verdicts": []}]


def test_prompt_and_schema_cover_the_rubric(scenario, call) -> None:
    text = "\n".join(m["content"] for m in judge_messages(call, scenario))
    for item in RUBRIC:
        assert item.id in text and item.passes in text and item.fails in text
    assert "I want my money back" in text or "I want a refund" in text
    enum = judge_schema()["properties"]["verdicts"]["items"]["properties"]["item"]["enum"]
    assert enum == [i.id for i in RUBRIC]


def test_garbage_from_the_judge_is_an_error_run(scenario, call) -> None:
    report = Judge(FakeLLM(["no json", '{"verdicts": 3}']), CFG).judge(call, scenario, runs=2)
    assert report.as_dict()["ok_runs"] == 0
    assert all(e.startswith("bad_output") for e in report.as_dict()["errors"])
