"""Scripted trainee runs: replay an operator's lines and actions without a person.

Trainers use them to test a scenario ("does a good call pass, does a sloppy one
fail?"), and every shipped scenario has one of each. The file format:

    scenario: late-delivery-angry
    expect: pass                 # pass | fail
    expect_failed: [deescalation] # (fail runs) dimensions that must fail
    steps:
      - say: "Hello, thanks for calling Pizza Planet, this is Sam."
      - do: lookup_account
        query: "555-0142"
      - wait: 12                 # seconds of silence
      - do: end_call

The clock is virtual: each step advances it by a few seconds, so a replay takes
milliseconds but dead air and timings still mean something.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.loading import load_model_file
from simulator.scenario import Dimension
from simulator.transcript import Transcript
from simulator.vocab import ACTIONS

SECONDS_PER_STEP = 4.0


class Step(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False)

    say: str | None = Field(None, min_length=1)
    do: str | None = None
    wait: float | None = Field(None, ge=0, le=3600)

    @model_validator(mode="after")
    def _one_kind(self) -> Step:
        kinds = [k for k in ("say", "do", "wait") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("each step needs exactly one of say / do / wait")
        if self.do is not None and self.do not in ACTIONS:
            raise ValueError(f"unknown action '{self.do}' (expected one of: {', '.join(ACTIONS)})")
        if self.do is None and self.model_extra:
            raise ValueError(f"unexpected fields {sorted(self.model_extra)} (only `do` steps take arguments)")
        return self

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class TraineeScript(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    scenario: str
    expect: Literal["pass", "fail"] | None = None
    expect_failed: list[Dimension] = Field(default_factory=list)
    why: str | None = None
    trainee: str = "script"
    seed: int = 0
    steps: list[Step] = Field(min_length=1)


def load_script(path: Path) -> TraineeScript:
    """Read a trainee script; raise ScenarioError with file:line problems."""
    return load_model_file(path, TraineeScript)


class ScriptStepError(ValueError):
    """A step the call could not take (unknown SKU, bad quantity...): which step, and why."""


class VirtualClock:
    """A clock that moves only when told; replays are fast and repeatable."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def run_script(script: TraineeScript, session_factory: Any) -> Transcript:
    """Play every step into a fresh session; stops early if the call ends.

    `session_factory(clock, seed)` returns a Session; the caller decides the scenario,
    brain and recorder, which keeps this function free of storage concerns.
    """
    clock = VirtualClock()
    session = session_factory(clock, script.seed)
    session.start()
    from simulator.session import SessionError

    for n, step in enumerate(script.steps, start=1):
        if session.ended:
            break
        try:
            if step.wait is not None:
                clock.advance(step.wait)
                session.silence(step.wait)
                continue
            clock.advance(SECONDS_PER_STEP)
            if step.say is not None:
                session.say(step.say)
            else:
                session.act(step.do, **step.args)
        except (SessionError, TypeError, ValueError) as exc:
            what = f"say: {step.say!r}" if step.say is not None else f"do: {step.do}"
            session.end("script_error")
            raise ScriptStepError(f"step {n} ({what[:60]}): {exc}") from exc
    return session.end("operator")
