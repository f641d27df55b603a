"""A customer's line as a brain returns it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CustomerTurn:
    text: str
    # engine marks the brain adds, e.g. "fallback:timeout" when an LLM line was replaced
    marks: list[str] = field(default_factory=list)
