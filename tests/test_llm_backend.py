"""The real openai client against FakeOpenAIServer: HTTP faults map to fallback reasons."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("openai", reason="the llm extra is not installed: pip install 'callsim[llm]'")

from simulator.director import Beat, Plan
from simulator.llm import LLMBrain, LLMConfig, fake_reply
from simulator.llm.backend import ChatRequest, OpenAIBackend
from simulator.llm.errors import (
    LLMBadOutput,
    LLMConnectionError,
    LLMRateLimited,
    LLMRequestError,
    LLMServerError,
    LLMTimeout,
)
from simulator.llm.fake_server import FakeOpenAIServer, ServerReply
from simulator.llm.local_server import free_port
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.state import CallState
from simulator.understanding.types import Analysis

REQ = ChatRequest(messages=[{"role": "user", "content": "hi"}],
                  schema={"type": "object"}, timeout_s=2.0)


def _backend(server: FakeOpenAIServer, **cfg) -> OpenAIBackend:
    base = LLMConfig(base_url=server.base_url, model="fake-model", timeout_s=2.0, retries=0)
    return OpenAIBackend(base.with_(**cfg))


def test_complete_stream_and_models() -> None:
    content = fake_reply("Fine. It's 555-0142.")
    with FakeOpenAIServer([ServerReply(content), ServerReply(content)]) as server:
        backend = _backend(server)
        assert backend.complete(REQ) == content
        assert "".join(backend.stream(REQ)) == content
        assert backend.list_models(2.0) == ["fake-model"]
        sent = server.requests[0]
        assert sent["response_format"]["type"] == "json_schema"
        assert sent["response_format"]["json_schema"]["strict"] is True
        assert sent["model"] == "fake-model" and server.requests[1]["stream"] is True


@pytest.mark.parametrize(("reply", "error", "status"), [
    (ServerReply(status=429, message="rate limit reached"), LLMRateLimited, 429),
    (ServerReply(status=500), LLMServerError, 500),
    (ServerReply(status=503), LLMServerError, 503),
    (ServerReply(status=401, message="bad key"), LLMRequestError, 401),
    (ServerReply(status=400, message="unknown parameter: foo"), LLMRequestError, 400),
    (ServerReply(raw=b"<html>oops</html>"), LLMBadOutput, None),
])
def test_http_faults_are_classified(reply: ServerReply, error: type, status: int | None) -> None:
    with FakeOpenAIServer([reply]) as server:
        with pytest.raises(error) as exc:
            _backend(server).complete(REQ)
        assert exc.value.status == status
        if reply.status != 200:
            assert reply.message in str(exc.value)


def test_a_slow_server_times_out() -> None:
    with FakeOpenAIServer([ServerReply(fake_reply("late"), delay_s=3)]) as server:
        t0 = time.monotonic()
        with pytest.raises(LLMTimeout):
            _backend(server, timeout_s=0.5).complete(REQ.__class__(**{**REQ.__dict__,
                                                                      "timeout_s": 0.5}))
        assert time.monotonic() - t0 < 2.5


def test_refused_connection() -> None:
    cfg = LLMConfig(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", retries=0)
    with pytest.raises(LLMConnectionError):
        OpenAIBackend(cfg).complete(REQ)


def test_the_clients_retries_recover_from_one_5xx() -> None:
    replies = [ServerReply(status=502), ServerReply(fake_reply("ok"))]
    with FakeOpenAIServer(replies) as server:
        assert _backend(server, retries=1).complete(REQ) == fake_reply("ok")
        assert len(server.requests) == 2


def test_no_key_and_no_base_url_is_a_plain_error() -> None:
    with pytest.raises(LLMRequestError, match="OPENAI_API_KEY"):
        OpenAIBackend(LLMConfig(model="m")).complete(REQ)


def test_brain_over_http_falls_back_on_each_fault() -> None:
    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    replies = [ServerReply(fake_reply("Unbelievable. Well?")), ServerReply(status=429),
               ServerReply(status=503), ServerReply(raw=b"{not json"),
               ServerReply(fake_reply("x"), delay_s=2), ServerReply("{\"say\": 1}")]
    with FakeOpenAIServer(replies) as server:
        cfg = LLMConfig(base_url=server.base_url, model="fake-model", timeout_s=0.8, retries=0)
        brain = LLMBrain(config=cfg, seed=1)
        state = CallState(scenario=scenario, anger=70)
        marks = []
        for i in range(6):
            plan = Plan()
            plan.add(Beat("filler"))
            stream = i % 2 == 1
            turn = (brain.reply_stream(state, Analysis(text="ok"), plan).turn if stream
                    else brain.reply(state, Analysis(text="ok"), plan))
            marks.append(turn.marks)
            brain._skip_turns = 0  # test each fault, not the breaker
    assert marks == [[], ["fallback:rate_limited"], ["fallback:server_error"],
                     ["fallback:bad_output"], ["fallback:timeout"], ["fallback:bad_output"]]


def test_auto_switches_to_json_object_when_json_schema_is_refused() -> None:
    refused = ServerReply(status=500, message="Input should be 'text' or 'json_object' "
                                              "(body.response_format.type)")
    content = fake_reply("Fine.")
    with FakeOpenAIServer([refused, ServerReply(content), ServerReply(content)]) as server:
        backend = _backend(server)
        assert backend.complete(REQ) == content
        assert backend.format == "json_object"
        assert "".join(backend.stream(REQ)) == content
        formats = [r["response_format"]["type"] for r in server.requests]
        assert formats == ["json_schema", "json_object", "json_object"]
        assert server.requests[1]["response_format"]["schema"] == REQ.schema


def test_forced_json_schema_does_not_switch() -> None:
    refused = ServerReply(status=400, message="response_format json_schema unsupported")
    with FakeOpenAIServer([refused]) as server:
        with pytest.raises(LLMRequestError):
            _backend(server, response_format="json_schema").complete(REQ)
        assert len(server.requests) == 1


def test_system_messages_are_merged_unless_told_otherwise() -> None:
    req = ChatRequest(messages=[{"role": "system", "content": "RULES"},
                                {"role": "user", "content": "TURN"}], schema={}, timeout_s=2)
    with FakeOpenAIServer([ServerReply("{}"), ServerReply("{}")]) as server:
        _backend(server).complete(req)
        _backend(server, merge_system=False).complete(req)
    assert server.requests[0]["messages"] == [{"role": "user", "content": "RULES\n\nTURN"}]
    assert server.requests[1]["messages"][0] == {"role": "system", "content": "RULES"}
