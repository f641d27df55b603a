"""The LLM brain's small parts: config, guard rules, schema parsing, the wall clock."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from simulator.llm.config import LOCAL_PLACEHOLDER_KEY, ConfigError, LLMConfig, load_config
from simulator.llm.deadline import call_with_deadline, stream_with_deadline
from simulator.llm.errors import LLMBadOutput, LLMConnectionError, LLMTimeout, classify
from simulator.llm.guard import bound_mood, contains, norm, split_sentences
from simulator.llm.schema import parse_reply, reply_schema


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "config.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_without_file_or_env(tmp_path: Path) -> None:
    cfg = load_config(tmp_path / "none.toml", env={})
    assert cfg.model == "gpt-4o-mini" and cfg.base_url is None and cfg.api_key is None
    assert cfg.key_for_client is None and not cfg.is_local


def test_file_then_env(tmp_path: Path) -> None:
    path = _write(tmp_path, '[llm]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "m1"\n'
                            "timeout_s = 3\nretries = 2\n")
    cfg = load_config(path, env={})
    assert (cfg.base_url, cfg.model, cfg.timeout_s, cfg.retries) == (
        "http://127.0.0.1:8080/v1", "m1", 3.0, 2)
    assert cfg.is_local and cfg.key_for_client == LOCAL_PLACEHOLDER_KEY
    assert cfg.sources["model"] == str(path)
    env = {"CALLSIM_LLM_MODEL": "m2", "OPENAI_API_KEY": "sk-x", "CALLSIM_LLM_TIMEOUT_S": "2.5"}
    cfg = load_config(path, env=env)
    assert (cfg.model, cfg.api_key, cfg.timeout_s) == ("m2", "sk-x", 2.5)
    assert cfg.sources["model"] == "$CALLSIM_LLM_MODEL"
    assert any("m2" in line and "$CALLSIM_LLM_MODEL" in line for line in cfg.describe())


def test_server_quirk_settings(tmp_path: Path) -> None:
    path = _write(tmp_path, '[llm]\nresponse_format = "json_object"\nmerge_system = false\n')
    cfg = load_config(path, env={})
    assert cfg.response_format == "json_object" and cfg.merge_system is False
    assert load_config(tmp_path / "none.toml", env={}).response_format == "auto"


def test_config_path_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, '[llm]\nmodel = "from-file"\n')
    monkeypatch.setenv("CALLSIM_CONFIG", str(path))
    monkeypatch.delenv("CALLSIM_LLM_MODEL", raising=False)
    assert load_config().model == "from-file"


@pytest.mark.parametrize(("text", "needle"), [
    ("[llm\n", "not valid TOML"),
    ('[llm]\nmodle = "x"\n', "unknown key(s) in [llm]: modle"),
    ('[llm]\ntimeout_s = "soon"\n', "`timeout_s` should be a float"),
    ("[llm]\ntimeout_s = 0\n", "must be above 0"),
    ("[llm]\nretries = 9\n", "must be 0..5"),
    ("[llm]\nretries = true\n", "`retries` should be a int"),
    ("llm = 3\n", "[llm] should be a table"),
    ('[llm]\nresponse_format = "xml"\n', "`response_format` must be one of auto"),
    ('[llm]\nmerge_system = "maybe"\n', "`merge_system` should be a bool"),
])
def test_config_errors_name_the_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert needle in str(err.value) and str(path) in str(err.value)


def test_bad_env_value_is_named() -> None:
    with pytest.raises(ConfigError, match=r"\$CALLSIM_LLM_RETRIES"):
        load_config(Path("/nonexistent.toml"), env={"CALLSIM_LLM_RETRIES": "many"})


def test_norm_and_contains() -> None:
    assert norm("555-0142!") == "555 0142"
    assert contains("Call 555 0142 now", "555-0142")
    assert contains("it's 5550142", "555-0142")
    assert contains("I live at 12 Oak Street.", "12 oak street")
    assert not contains("12 Oak St.", "12 Oak Street")
    assert not contains("Dana", "Dana Whitfield")


def test_split_sentences() -> None:
    assert split_sentences("Hi. How are you? Fine!") == ["Hi.", "How are you?", "Fine!"]
    assert split_sentences('"Really?" she said. Ok.') == ['"Really?"', "she said.", "Ok."]


def test_bound_mood_never_calms_never_hangs_up() -> None:
    assert bound_mood(-10, engine_delta=0, anger=50) == 0
    assert bound_mood(7, engine_delta=-20, anger=50) == 7
    assert bound_mood(7, engine_delta=5, anger=50) == 2
    assert bound_mood(10, engine_delta=0, anger=99) == 0


def test_parse_reply_shapes() -> None:
    r = parse_reply('```json\n{"say": " Hi. ", "mood_change": 2.6, "revealed_facts": ["a"], '
                    '"hangs_up": false}\n```')
    assert (r.say, r.mood_change, r.revealed_facts, r.hangs_up) == ("Hi.", 3, ["a"], False)
    for bad in ('{"say": "x", "hangs_up": "no"}', '{"say": "x", "revealed_facts": [1]}',
                '{"say": "x", "mood_change": true}', "[]", "{"):
        with pytest.raises(LLMBadOutput):
            parse_reply(bad)


def test_a_raw_newline_inside_a_string_is_still_a_reply() -> None:
    """What the tiny local model sent in a live run: valid JSON but for an unescaped
    newline in a string, which the grammar let through."""
    r = parse_reply('{ "say": "Fine.\nJust send it." ,"mood_change": -2, "revealed_facts": '
                    '["x\n2. Your set"],"hangs_up": false }')
    assert r.say.startswith("Fine.") and r.mood_change == -2 and not r.hangs_up


def test_schema_limits_only_for_local_servers() -> None:
    strict = reply_schema(limits=False)
    assert list(strict["properties"]) == ["say", "mood_change", "revealed_facts", "hangs_up"]
    assert strict["additionalProperties"] is False
    assert "maxLength" not in strict["properties"]["say"]
    assert reply_schema(limits=True)["properties"]["say"]["maxLength"] == 240


def test_call_with_deadline() -> None:
    assert call_with_deadline(lambda: 42, 1.0) == 42
    t0 = time.monotonic()
    with pytest.raises(LLMTimeout):
        call_with_deadline(lambda: time.sleep(3), 0.2)
    assert time.monotonic() - t0 < 1.0

    def boom() -> None:
        raise ConnectionRefusedError(111, "refused")

    with pytest.raises(LLMConnectionError):
        call_with_deadline(boom, 1.0)


def test_stream_with_deadline_stops_the_worker_when_closed() -> None:
    produced: list[int] = []
    finished = threading.Event()

    def slow() -> object:
        try:
            for i in range(100):
                produced.append(i)
                time.sleep(0.01)
                yield f"{i},"
        finally:
            finished.set()

    gen = stream_with_deadline(slow, 5.0)
    assert next(gen) == "0,"
    gen.close()
    assert finished.wait(2.0)
    assert len(produced) < 100
    with pytest.raises(LLMTimeout):
        list(stream_with_deadline(lambda: (time.sleep(0.1) or str(i) for i in range(50)), 0.3))


def test_classify_by_name_without_importing_httpx() -> None:
    ReadTimeout = type("ReadTimeout", (Exception,), {})
    RemoteProtocolError = type("RemoteProtocolError", (Exception,), {})
    assert isinstance(classify(ReadTimeout()), LLMTimeout)
    assert isinstance(classify(RemoteProtocolError()), LLMConnectionError)
    assert classify(KeyError("x")).reason == "bad_output"
    assert classify(OSError("?")).reason == "error"


def test_llm_config_is_immutable_and_copyable() -> None:
    cfg = LLMConfig(model="a")
    assert cfg.with_(model="b").model == "b" and cfg.model == "a"
