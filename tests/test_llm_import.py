"""The scripted customer never needs openai; building the llm brain without it says what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.customer import ScriptedBrain
from simulator.llm import LLMBrain, LLMConfig, LLMUnavailable, make_brain


def test_importing_the_engine_and_llm_package_does_not_import_openai() -> None:
    code = ("import sys, simulator.session, simulator.llm, "
            "simulator.cli_llm, simulator.llm.judge, simulator.llm.doctor; "
            "print('openai' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_call_session_loads_no_llm_or_speech_code() -> None:
    # A typed call with the scripted customer must not pay for (or break on) the LLM
    # client or the audio stack: the session receives them, it does not import them.
    code = ("import sys, simulator.session; "
            "print(sorted(m for m in sys.modules if m.startswith(('simulator.llm', "
            "'simulator.speech'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_make_brain_scripted_is_the_default_kind() -> None:
    brain = make_brain("scripted", 5)
    assert isinstance(brain, ScriptedBrain) and brain.seed == 5
    with pytest.raises(ValueError, match="unknown brain 'gpt'"):
        make_brain("gpt", 1)


def test_make_brain_llm_without_openai_says_how_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # import openai -> ImportError
    with pytest.raises(LLMUnavailable, match=r"pip install 'callsim\[llm\]'"):
        make_brain("llm", 1, config=LLMConfig(base_url="http://127.0.0.1:1/v1"))


def test_make_brain_llm_builds_with_scripted_fallback() -> None:
    pytest.importorskip("openai")
    brain = make_brain("llm", 3, config=LLMConfig(base_url="http://127.0.0.1:1/v1", model="m"))
    assert isinstance(brain, LLMBrain) and brain.name == "llm"
    assert isinstance(brain.fallback, ScriptedBrain) and brain.fallback.seed == 3
