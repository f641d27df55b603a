"""The scripted customer never needs openai; building the llm brain without it says what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.customer import ScriptedBrain
from simulator.llm import LLMBrain, LLMConfig, LLMUnavailable, make_brain


def test_importing_the_engine_and_llm_package_does_not_import_openai() -> None:
    code = ("import sys, simulator.session, simulator.llm, simulator.customer.llm, "
            "simulator.cli_llm, simulator.llm.judge, simulator.llm.doctor; "
            "print('openai' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


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
