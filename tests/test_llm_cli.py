"""`callsim doctor` and `callsim judge` against FakeOpenAIServer, through click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("openai", reason="the llm extra is not installed: pip install 'callsim[llm]'")

from simulator.cli_llm import doctor, judge
from simulator.llm import fake_reply
from simulator.llm.fake_server import FakeOpenAIServer, ServerReply
from simulator.llm.local_server import free_port
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.session import Session

PING = json.dumps({"ok": True, "word": "ready"})
OPENING = fake_reply("Third time I'm calling. Where is my pizza?", 0)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CALLSIM_LLM_MODEL",
                "CALLSIM_LLM_TIMEOUT_S", "CALLSIM_LLM_RETRIES"):
        monkeypatch.delenv(var, raising=False)
    return {"CALLSIM_CONFIG": str(tmp_path / "none.toml"),
            "CALLSIM_CACHE_DIR": str(tmp_path / "cache"),
            "CALLSIM_LLM_MODEL": "fake-model", "CALLSIM_LLM_RETRIES": "0",
            "CALLSIM_LLM_TIMEOUT_S": "2"}


def _doctor(env: dict[str, str], base_url: str | None, *args: str):
    if base_url:
        env = {**env, "OPENAI_BASE_URL": base_url}
    return CliRunner().invoke(doctor, list(args), env=env)


def test_doctor_all_good(env) -> None:
    with FakeOpenAIServer([ServerReply(PING), ServerReply(OPENING)]) as server:
        result = _doctor(env, server.base_url)
    assert result.exit_code == 0, result.output
    assert "ok   reachable" in result.output
    assert "'fake-model' is offered" in result.output
    assert "JSON-schema answer parsed (response_format json_schema)" in result.output
    assert "first sentence after" in result.output
    assert "ready" in result.output


def test_doctor_refused_connection(env) -> None:
    result = _doctor(env, f"http://127.0.0.1:{free_port()}/v1")
    assert result.exit_code == 1
    assert "cannot connect" in result.output and "scripts/llm_server.sh" in result.output


def test_doctor_unknown_model(env) -> None:
    with FakeOpenAIServer(models=["llama-3", "qwen"]) as server:
        result = _doctor(env, server.base_url)
    assert result.exit_code == 1
    assert "'fake-model' is not offered here; it offers: llama-3, qwen" in result.output


def test_doctor_no_structured_output(env) -> None:
    replies = [ServerReply(status=400, message="response_format json_schema is not supported"),
               ServerReply(status=400, message="response_format json_object is not supported")]
    with FakeOpenAIServer(replies) as server:
        result = _doctor(env, server.base_url)
    assert result.exit_code == 1
    assert "rejected response_format json_schema" in result.output


def test_doctor_bad_key_and_slow_turn(env) -> None:
    with FakeOpenAIServer([ServerReply(status=401, message="Incorrect API key")]) as server:
        result = _doctor({**env, "OPENAI_API_KEY": "sk-wrong"}, server.base_url)
    assert result.exit_code == 1 and "API key was refused" in result.output
    slow = [ServerReply(PING), ServerReply(OPENING, delay_s=3)]
    with FakeOpenAIServer(slow) as server:
        result = _doctor({**env, "CALLSIM_LLM_TIMEOUT_S": "1"}, server.base_url)
    assert result.exit_code == 1 and "fell back (timeout)" in result.output


def test_doctor_without_any_endpoint(env) -> None:
    result = _doctor(env, None, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and "OPENAI_API_KEY" in data["checks"][-1]["detail"]


def test_doctor_reports_a_broken_config_file(env, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[llm]\ntimeout = 3\n", encoding="utf-8")
    result = _doctor({**env, "CALLSIM_CONFIG": str(bad)}, None)
    assert result.exit_code == 1 and "unknown key(s) in [llm]: timeout" in result.output


def test_judge_prints_rules_and_judge_side_by_side(env, tmp_path: Path) -> None:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    session = Session(scenario, seed=1)
    session.start()
    session.say("Hello, I'm so sorry, that must be so frustrating.")
    path = tmp_path / "call.json"
    session.end().save(path)
    answer = json.dumps({"verdicts": [
        {"item": "de-empathy", "verdict": "pass", "quotes": ["that must be so frustrating"],
         "reason": "names the feeling"},
        {"item": "de-outcome", "verdict": "pass", "quotes": ["All is well now"], "reason": "?"},
    ]})
    with FakeOpenAIServer(default=ServerReply(answer)) as server:
        args = [str(path), "--scenario", "late-delivery-angry"]
        result = CliRunner().invoke(judge, args, env={**env, "OPENAI_BASE_URL": server.base_url})
        assert result.exit_code == 0, result.output
        assert "Scorecard — late-delivery-angry" in result.output
        assert "LLM judge — fake-model, 3/3 runs" in result.output
        assert "PASS   Validates the customer's feelings [pass 3]" in result.output
        assert "3 dropped (bad quotes)" in result.output
        assert len(server.requests) == 3
        again = CliRunner().invoke(judge, [*args, "--json"],
                                   env={**env, "OPENAI_BASE_URL": server.base_url})
        assert len(server.requests) == 3  # cached
    data = json.loads(again.output)
    assert data["judge"]["cached_runs"] == 3 and "deescalation" in data["scorecard"]["scores"]


def test_judge_with_the_endpoint_down_still_prints_rule_scores(env, tmp_path: Path) -> None:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    session = Session(scenario, seed=1)
    session.start()
    path = tmp_path / "call.json"
    session.end().save(path)
    env = {**env, "OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1"}
    result = CliRunner().invoke(judge, [str(path), "--scenario", "late-delivery-angry",
                                        "--runs", "1"], env=env)
    assert result.exit_code == 1
    assert "Scorecard — late-delivery-angry" in result.output
    assert "a run failed: connection" in result.output
