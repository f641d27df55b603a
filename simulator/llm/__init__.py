"""The LLM customer and judge, on any OpenAI-compatible endpoint.

Nothing here imports `openai` until a real backend is built, so the scripted customer
(the default) works without the `llm` extra; building one without it raises
LLMUnavailable saying `pip install 'callsim[llm]'`.

    brain = make_brain("llm", seed=7)      # LLMBrain with the scripted fallback
    session = Session(scenario, brain=brain)

Modules: config (settings), backend (the openai client), fake (FakeLLM), schema (the
structured answer), prompt, guard (the engine's checks), deadline (the wall clock),
brain (LLMBrain), stream (sentence streaming), judge (the optional LLM grader),
doctor (endpoint checks), local_server (llama.cpp for tests and benchmarks).
"""

from __future__ import annotations

from simulator.customer import CustomerBrain, ScriptedBrain
from simulator.llm.brain import LLMBrain, LLMTurn
from simulator.llm.config import LLMConfig, load_config
from simulator.llm.errors import LLMError, LLMUnavailable
from simulator.llm.fake import FakeLLM, FakeResponse, fake_reply
from simulator.llm.stream import ReplyStream, reply_with

BRAINS = ("scripted", "llm")


def make_brain(name: str, seed: int, *, config: LLMConfig | None = None) -> CustomerBrain:
    """The customer brain the CLI asked for; "llm" falls back to the scripted wording.

    Raises LLMUnavailable (a RuntimeError whose message says what to install or set)
    when the LLM brain cannot be built, and ValueError for an unknown name.
    """
    if name == "scripted":
        return ScriptedBrain(seed)
    if name == "llm":
        return LLMBrain(config=config or load_config(), fallback=ScriptedBrain(seed), seed=seed)
    raise ValueError(f"unknown brain '{name}' (expected one of: {', '.join(BRAINS)})")


__all__ = [
    "BRAINS", "FakeLLM", "FakeResponse", "LLMBrain", "LLMConfig", "LLMError", "LLMTurn",
    "LLMUnavailable", "ReplyStream", "fake_reply", "load_config", "make_brain", "reply_with",
]
