"""Scripted candidate runs: a plan taken without a person, from a YAML file.

Managers use it to check a new plan's pass marks before the first interview, and the
tests use it to check report numbers end to end. The script says what the candidate
typed in each part; the same scorers as the app turn it into results, which are
recorded in a real session and submitted (locked):

    typing:
      text: "Customer called about ordr<BS>er A-7731"   # <BS> is a backspace
      cps: 5                      # key presses per second, steady
    data_entry:
      seconds: 150                # time taken
      fields: {name: Maria Gonzalez, phone: 555 0187, address: ..., order: "2 x ...", notes: ...}
    ten_key:
      seconds: 60
      entries: ["1042.50", "77.25"]
    read_aloud:                   # WAV recordings of the plan's passages (needs the voice extra)
      recordings: {order-confirmation: reading.wav}
    call:                         # the role-play call, as a scripted trainee run
      steps:
        - say: "Good evening, Pizza Planet, this is Sam."
        - do: end_call

A part the script leaves out is not taken (and fails its pass marks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scoring.typing import BACKSPACE, TypingTest
from simulator.hiring.loading import load_keyboard
from simulator.hiring.models import FormCase, NumbersCase, Plan, TypingPassage
from simulator.hiring.parts import (
    call_result,
    form_result,
    numbers_result,
    read_aloud_result,
    typing_result,
)
from simulator.hiring.store import HiringError, HiringStore
from simulator.loading import load_model_file
from simulator.script import Step, TraineeScript
from simulator.store import Store

BS = "<BS>"


MAX_SECONDS = 86400.0  # a keyboard test never takes a day


class Strict(BaseModel):
    # NaN and infinity are refused in every float (a NaN time crashed the typing scorer)
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class TypingRun(Strict):
    text: str | None = Field(None, description="What was typed; <BS> is a backspace.")
    cps: float = Field(5.0, gt=0, le=30, description="Key presses per second.")
    log: list[tuple[float, str]] | None = Field(None, description="[seconds, key] pairs instead of text.")

    @field_validator("log")
    @classmethod
    def _presses(cls, log: list[tuple[float, str]] | None) -> list[tuple[float, str]] | None:
        """Times from 0 to a day, in order; each key one character or `backspace`."""
        for i, (t, key) in enumerate(log or []):
            if not 0 <= t <= MAX_SECONDS:
                raise ValueError(f"log[{i}]: time {t} is outside 0..{MAX_SECONDS:g} s")
            if i and t < log[i - 1][0]:  # type: ignore[index]
                raise ValueError(f"log[{i}]: time {t} is before the previous press")
            if len(key) != 1 and key != BACKSPACE:
                raise ValueError(f"log[{i}]: key {key!r} is not one character or '{BACKSPACE}'")
        return log

    @model_validator(mode="after")
    def _one(self) -> TypingRun:
        if (self.text is None) == (self.log is None):
            raise ValueError("typing: give exactly one of text or log")
        return self

    def presses(self) -> list[tuple[float, str]]:
        if self.log is not None:
            return list(self.log)
        keys: list[str] = []
        rest = self.text or ""
        while rest:
            if rest.startswith(BS):
                keys.append(BACKSPACE)
                rest = rest[len(BS):]
            else:
                keys.append(rest[0])
                rest = rest[1:]
        return [(i / self.cps, k) for i, k in enumerate(keys)]


class FormRun(Strict):
    seconds: float = Field(gt=0, le=MAX_SECONDS)
    keystrokes: int | None = Field(None, ge=0, description="Default: the characters entered.")
    fields: dict[str, str]


class NumbersRun(Strict):
    seconds: float = Field(gt=0, le=MAX_SECONDS)
    keystrokes: int | None = Field(None, ge=0, description="Default: characters + one Enter each.")
    entries: list[str]


class CallRun(Strict):
    steps: list[Step] = Field(min_length=1)
    seed: int = 0


class ReadAloudRun(Strict):
    recordings: dict[str, str] = Field(description="passage id -> WAV file (relative to the script)")


class CandidateScript(Strict):
    read_aloud: ReadAloudRun | None = None
    typing: TypingRun | None = None
    data_entry: FormRun | None = None
    ten_key: NumbersRun | None = None
    call: CallRun | None = None


def load_candidate_script(path: Path) -> CandidateScript:
    return load_model_file(path, CandidateScript)


def replay_typing(passage: TypingPassage, seconds: int, run: TypingRun) -> dict[str, Any]:
    test = TypingTest(passage.text, float(seconds), passage.id)
    for t, key in run.presses():
        test.press(key, t)
    if not test.finished:
        test.time_up((test.start or 0.0) + seconds)
    return typing_result(test.result((test.start or 0.0) + seconds))


def run_call(scenario_id: str, run: CallRun, store: Store, candidate: str) -> tuple[dict[str, Any], int]:
    """Play the role-play call through the real engine and scorer; (scorecard, attempt id)."""
    from simulator.calls import new_session, score_and_save
    from simulator.loading import load_scenario, resolve_scenario
    from simulator.script import ScriptStepError, run_script
    from simulator.session import Session

    scenario = load_scenario(resolve_scenario(scenario_id))
    script = TraineeScript(scenario=scenario_id, trainee=candidate, seed=run.seed, steps=run.steps)

    def factory(clock: Any, seed: int) -> Session:
        return new_session(scenario, store=store, clock=clock, trainee=candidate, mode="script",
                           seed=seed)

    try:
        transcript = run_script(script, factory)
    except ScriptStepError as exc:  # a bad step is the script's fault: a one-line error
        raise HiringError(f"call: {exc}") from exc
    done = score_and_save(transcript, scenario, store)
    assert done.attempt is not None  # a store was given
    return done.scorecard, done.attempt


def score_readings(run: ReadAloudRun, base: Path) -> dict[str, Any]:
    """Score each recording with the phone test's reader; not taken if it cannot run here."""
    try:
        from simulator.passages import resolve_passage
        from simulator.phone_test import ReadAloud

        reader = ReadAloud()
        results = []
        for pid, wav in run.recordings.items():
            path = Path(wav) if Path(wav).is_absolute() else base / wav
            result = dict(reader.score_file(path, resolve_passage(pid).text), passage_id=pid)
            results.append(result)
    except Exception as exc:  # no voice extra, no model, a bad recording: say so in the report
        return read_aloud_result(None, reason=f"could not score the reading: {exc}")
    return read_aloud_result(results)


def run_candidate(plan: Plan, candidate: str, script: CandidateScript, store: Store,
                  keyboard_dir: Path | None = None, script_dir: Path | None = None) -> dict[str, Any]:
    """Start a new session for the candidate, record every scripted part, submit.

    Never into a session that is already open: that is a real candidate's, part way
    through in the app, and a script must not fill and lock it. A script part the plan
    does not have is an error, not silently ignored (it is most likely a typo).
    """
    from simulator.hiring.store import HiringError, candidate_key

    candidate = candidate_key(candidate)
    extra = [name for name in CandidateScript.model_fields
             if getattr(script, name) is not None and name not in plan.parts()]
    if extra:
        raise HiringError(f"the script has part(s) plan '{plan.id}' does not: {', '.join(extra)} "
                          f"(the plan's parts: {', '.join(plan.parts())})")
    hiring = HiringStore(store)
    if any(not s["locked"] for s in hiring.sessions(plan_id=plan.id, candidate=candidate)):
        raise HiringError(f"{candidate} has an open session on plan '{plan.id}' (a candidate may be "
                          f"taking it now); a scripted run needs a new candidate ID")
    session = hiring.start(plan, candidate)
    sid = session["id"]
    done = set(session["parts"])
    items = load_keyboard(keyboard_dir)
    kb = plan.keyboard
    parts = plan.parts()
    if "read_aloud" in parts and script.read_aloud and "read_aloud" not in done:
        hiring.record(sid, "read_aloud", score_readings(script.read_aloud, script_dir or Path.cwd()))
    if "call" in parts and script.call and "call" not in done:
        assert plan.phone_test is not None and plan.phone_test.scenario is not None
        card, attempt = run_call(plan.phone_test.scenario, script.call, store, candidate)
        hiring.record(sid, "call", call_result(card, attempt), attempt_id=attempt)
    if "typing" in parts and script.typing and "typing" not in done:
        assert kb is not None and kb.typing is not None
        passage = items[kb.typing.passage]
        assert isinstance(passage, TypingPassage)
        hiring.record(sid, "typing", replay_typing(passage, kb.typing.seconds, script.typing))
    if "data_entry" in parts and script.data_entry and "data_entry" not in done:
        assert kb is not None and kb.data_entry is not None
        case = items[kb.data_entry.case]
        assert isinstance(case, FormCase)
        run = script.data_entry
        keys = run.keystrokes if run.keystrokes is not None else sum(len(v) for v in run.fields.values())
        hiring.record(sid, "data_entry", form_result(case, run.fields, seconds=run.seconds,
                                                      keystrokes=keys))
    if "ten_key" in parts and script.ten_key and "ten_key" not in done:
        assert kb is not None and kb.ten_key is not None
        ncase = items[kb.ten_key.case]
        assert isinstance(ncase, NumbersCase)
        nrun = script.ten_key
        keys = nrun.keystrokes if nrun.keystrokes is not None else sum(len(e) + 1 for e in nrun.entries)
        hiring.record(sid, "ten_key", numbers_result(ncase, nrun.entries, seconds=nrun.seconds,
                                                      keystrokes=keys))
    return hiring.submit(sid)
