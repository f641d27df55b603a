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

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from simulator.loading import Problem, ScenarioError, load_model_file, read_model_file
from simulator.scenario import CatalogItem, Dimension, Scenario
from simulator.transcript import Transcript
from simulator.vocab import ACTIONS, TRANSFER_TARGETS

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
    # where it was read from: a step that fails while playing is reported as file:line
    _file: str = PrivateAttr("")
    _step_lines: list[int] = PrivateAttr(default_factory=list)

    def where(self, step: int) -> str:
        """'file:line' of a step (0-based), or '' for a script built in code."""
        if not self._file:
            return ""
        line = self._step_lines[step] if step < len(self._step_lines) else 1
        return f"{self._file}:{line}"


class StepError(RuntimeError):
    """A step the call refused while playing (the loader's checks missed it)."""

    def __init__(self, script: TraineeScript, step: int, message: str) -> None:
        where = script.where(step)
        super().__init__(f"{where + ': ' if where else ''}step {step + 1}: {message}")


# the hiring runner's name for the same error
ScriptStepError = StepError


def load_script(path: Path) -> TraineeScript:
    """Read a trainee script; raise ScenarioError with file:line problems."""
    return load_model_file(path, TraineeScript)


# The arguments each action takes in a run file (and which are required).
ACTION_ARGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "lookup_account": (("query",), ("query",)),
    "add_item": (("sku", "qty", "options"), ("sku",)),
    "change_item": (("sku", "qty", "options"), ("sku",)),
    "remove_item": (("sku",), ("sku",)),
    "set_delivery": (("address", "window", "date"), ()),
    "set_payment": (("method",), ("method",)),
    "set_receiver": (("name",), ("name",)),
    "set_field": (("name", "value"), ("name", "value")),
    "take_card": (("number", "expiry", "code"), ("number", "expiry", "code")),
    "transfer": (("target",), ("target",)),
}


def step_problems(step: Step, scenario: Scenario,
                  products: dict[str, CatalogItem]) -> list[tuple[str, str]]:
    """What is wrong with one `do` step for this scenario: (argument, message) pairs.

    The same checks the app and the plain-text call make, so a run file cannot do what
    a trainee could not (an unknown SKU, `qty: two`, `size: family`, `target: boss`).
    """
    from simulator.form_checks import check_action

    if step.do is None:
        return []
    args = step.args
    allowed, required = ACTION_ARGS.get(step.do, ((), ()))
    out = [(k, f"{step.do} takes no '{k}'" + (f" (expected: {', '.join(allowed)})" if allowed
                                               else " (it takes no arguments)"))
           for k in args if k not in allowed]
    out += [(k, f"{step.do} needs '{k}'") for k in required if k not in args]
    if "sku" in args:
        sku = str(args["sku"])
        if sku not in products:
            from rapidfuzz import process

            near = process.extractOne(sku, list(products), score_cutoff=60)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            out.append(("sku", f"SKU '{sku}' is not in the catalog{hint}"))
    if "qty" in args:
        qty = str(args["qty"])
        if not qty.isdigit() or int(qty) < 1:
            out.append(("qty", f"qty '{qty}' is not a whole number of at least 1"))
    if "options" in args and not isinstance(args["options"], dict):
        out.append(("options", "options must be a mapping, e.g. {size: large}"))
    if step.do == "transfer" and "target" in args and args["target"] not in TRANSFER_TARGETS:
        out.append(("target", f"unknown transfer target '{args['target']}' (expected one of: "
                              f"{', '.join(TRANSFER_TARGETS)})"))
    if not out and step.do in ("add_item", "change_item", "set_delivery", "set_payment",
                               "set_receiver", "set_field"):
        problem = check_action(scenario, products, step.do, args)
        if problem:
            out.append(("options" if "options" in args and step.do.endswith("_item") else
                        next(iter(args), ""), problem))
    return out


def load_run(path: Path, scenario: Scenario, products: dict[str, CatalogItem]) -> TraineeScript:
    """Read a run file for `scenario` with every problem as file:line: the file's own
    shape, its `scenario:` against the scenario it is played on, and each step."""
    script, lines, text = read_model_file(path, TraineeScript)
    file = str(path)

    def problem(where: tuple[Any, ...], message: str) -> Problem:
        line = lines.line_for(where)
        rows = text.splitlines()
        return Problem(file, line, message, rows[line - 1].rstrip() if line <= len(rows) else "")

    problems = []
    if script.scenario != scenario.id:
        problems.append(problem(("scenario",), f"this run is for scenario '{script.scenario}', "
                                               f"but it is played on '{scenario.id}'"))
    for i, step in enumerate(script.steps):
        for arg, message in step_problems(step, scenario, products):
            problems.append(problem(("steps", i, arg), f"steps[{i}]: {message}"))
    for dim in script.expect_failed:
        if not scenario.scoring.weights.get(dim, 0):
            problems.append(problem(("expect_failed",), f"expect_failed: '{dim}' has no weight "
                                                        f"in {scenario.id}, so it cannot fail"))
    if problems:
        raise ScenarioError(problems)
    script._file = file
    script._step_lines = [lines.line_for(("steps", i)) for i in range(len(script.steps))]
    return script


def expectation_problems(script: TraineeScript, card: dict[str, Any]) -> list[str]:
    """How a played run missed what its file expects (`expect`, `expect_failed`)."""
    out = []
    outcome = "pass" if card["passed"] else "fail"
    if script.expect is not None and outcome != script.expect:
        out.append(f"expected this run to {script.expect}, but it would {outcome}")
    for dim in script.expect_failed:
        score = card["scores"].get(dim) or {}
        if score.get("passed") is not False:
            value = score.get("value")
            shown = "not measured" if value is None else f"scored {value:.0f} and passed"
            out.append(f"expected {dim} to fail, but it {shown}")
    return out


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
    from simulator.session import SessionError

    clock = VirtualClock()
    session = session_factory(clock, script.seed)
    session.start()
    for i, step in enumerate(script.steps):
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
            session.end("script_error")
            raise StepError(script, i, str(exc)) from exc
    return session.end("operator")
