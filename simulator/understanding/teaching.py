"""Trainers teach the model: a scenario's own example lines, checked when it is validated.

A scenario's `phrases:` (technique -> example lines or phrases) are folded into every
reading of that scenario (learned.py adds the technique when a turn says an example or
means the same). `callsim validate` reports each example the model on its own reads as
something else, so a trainer knows which examples are teaching it something new and
which may be mislabelled ("thanks for your patience" listed under `close` is read as
`thank`: the example is used, but is that what was meant?).
"""

from __future__ import annotations

from dataclasses import dataclass

from .types import Context


@dataclass(frozen=True)
class ExampleNote:
    """One trainer example that the model alone reads differently."""

    technique: str
    example: str
    read_as: tuple[str, ...]

    def message(self) -> str:
        seen = ", ".join(self.read_as) if self.read_as else "no technique"
        return (f"example for '{self.technique}' is read as {seen} without it: "
                f"'{self.example}' (kept, and taught to the model for this scenario)")


def misread_examples(phrases: dict[str, list[str]]) -> list[ExampleNote]:
    """Examples (of three words or more: shorter ones are cue words, not lines) that
    the model, without the scenario's examples, does not read as their technique."""
    from .learned import analyze_many

    pairs = [(tech, ex) for tech, exs in phrases.items() for ex in exs if len(ex.split()) >= 3]
    if not pairs:
        return []
    readings = analyze_many([ex for _, ex in pairs], [Context()] * len(pairs))
    return [ExampleNote(tech, ex, reading.techniques)
            for (tech, ex), reading in zip(pairs, readings, strict=True)
            if tech not in reading.techniques]
