"""The LLM customer brain; it lives in simulator.llm with its client, checks and fakes."""

from __future__ import annotations

from simulator.llm import LLMBrain, LLMTurn, make_brain

__all__ = ["LLMBrain", "LLMTurn", "make_brain"]
