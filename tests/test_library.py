"""The shipped scenario library: every file valid, every scenario proven by two runs.

Each scenario ships a competent trainee run (`runs/<id>.pass.yaml`) and a weak one
(`runs/<id>.fail.yaml`). Replaying them through the real session and scoring them is
the library's acceptance test: the good call must pass clearly (not by a point), the
weak call must fail, and fail for the reason its author wrote down (`expect_failed`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from scoring import score_call
from scoring.types import Scorecard
from simulator.loading import LIBRARY_DIR, check_scenario_file, library_files, load_scenario
from simulator.scenario import Scenario
from simulator.script import TraineeScript, load_script, run_script
from simulator.session import Session
from simulator.transcript import Transcript
from simulator.vocab import HARMFUL_TECHNIQUES

RUNS_DIR = LIBRARY_DIR / "runs"
SCHEMA_HEADER = "# yaml-language-server: $schema=schema.json"
PASS_MARGIN = 5  # a pass run must clear the pass mark by this much

SCENARIO_FILES = library_files()
SCENARIO_IDS = [f.stem for f in SCENARIO_FILES]


def _run_path(scenario_id: str, kind: str) -> Path:
    return RUNS_DIR / f"{scenario_id}.{kind}.yaml"


@cache
def _scenario(scenario_id: str) -> Scenario:
    return load_scenario(LIBRARY_DIR / f"{scenario_id}.yaml")


@cache
def _replay(scenario_id: str, kind: str) -> tuple[TraineeScript, Transcript, Scorecard]:
    scenario = _scenario(scenario_id)
    script = load_script(_run_path(scenario_id, kind))

    def factory(clock, seed: int) -> Session:
        return Session(scenario, clock=clock, seed=seed, mode="script")

    transcript = run_script(script, factory)
    return script, transcript, score_call(transcript, scenario)


def _explain(card: Scorecard, transcript: Transcript) -> str:
    """What to read when a run does not score as expected."""
    rows = [f"overall {card.overall} (pass mark {card.pass_mark}, passed={card.passed})"]
    for name, score in card.scores.items():
        rows.append(f"  {name}: {score.value} passed={score.passed} — {'; '.join(score.reasons)}")
    rows.append("transcript:")
    for ev in transcript.events:
        extra = f" {ev.techniques}" if ev.techniques else ""
        extra += f" {ev.marks}" if ev.marks else ""
        what = ev.text or f"[{ev.action} {ev.args}]"
        rows.append(f"  {ev.turn:>2} {ev.speaker:<8} {what}{extra}")
    return "\n".join(rows)


def test_library_is_not_empty() -> None:
    assert len(SCENARIO_FILES) >= 11


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=SCENARIO_IDS)
def test_scenario_file_is_valid(path: Path) -> None:
    scenario, problems = check_scenario_file(path)
    assert not problems, "\n".join(str(p) for p in problems)
    assert scenario is not None
    assert scenario.id == path.stem, "a scenario's id must be its file name"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_HEADER, "start the file with the schema header for editor help"


def test_no_stray_runs() -> None:
    """Every run file belongs to a scenario and is named <id>.pass|fail.yaml."""
    for run in sorted(RUNS_DIR.glob("*.yaml")):
        stem, _, kind = run.name.removesuffix(".yaml").rpartition(".")
        assert kind in ("pass", "fail"), f"{run.name}: name it <id>.pass.yaml or <id>.fail.yaml"
        assert stem in SCENARIO_IDS, f"{run.name}: no scenario '{stem}'"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
@pytest.mark.parametrize("kind", ["pass", "fail"])
def test_run_file_matches_its_scenario(scenario_id: str, kind: str) -> None:
    path = _run_path(scenario_id, kind)
    assert path.exists(), f"missing trainee run {path.relative_to(LIBRARY_DIR.parent)}"
    script = load_script(path)
    assert script.scenario == scenario_id
    assert script.expect == kind
    if kind == "fail":
        assert script.expect_failed, "a fail run must name the dimension(s) that fail"
        assert script.why, "a fail run must say in one sentence why it fails"
        weights = _scenario(scenario_id).scoring.weights
        for dim in script.expect_failed:
            assert weights.get(dim, 0) > 0, f"'{dim}' has no weight in {scenario_id}"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_pass_run_passes_clearly(scenario_id: str) -> None:
    _, transcript, card = _replay(scenario_id, "pass")
    why = _explain(card, transcript)
    assert card.passed, why
    assert card.overall >= card.pass_mark + PASS_MARGIN, why
    harmful = [(e.turn, t) for e in transcript.operator_lines for t in e.techniques
               if t in HARMFUL_TECHNIQUES]
    assert not harmful, f"harmful techniques in a pass run: {harmful}\n{why}"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_fail_run_fails_for_the_stated_reason(scenario_id: str) -> None:
    script, transcript, card = _replay(scenario_id, "fail")
    why = _explain(card, transcript)
    assert not card.passed, why
    for dim in script.expect_failed:
        score = card.scores[dim]
        assert score.passed is False, f"expected '{dim}' to fail\n{why}"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_pass_run_reaches_the_scenario(scenario_id: str) -> None:
    """A pass run exercises what its scenario is about: every objection is raised and
    resolved, every change happens, and the call ends the way the procedure wants."""
    scenario = _scenario(scenario_id)
    _, transcript, _ = _replay(scenario_id, "pass")
    why = _explain(score_call(transcript, scenario), transcript)
    marks = {m for e in transcript.events for m in e.marks}
    for objection in scenario.objections:
        assert f"objection_resolved:{objection.id}" in marks, (
            f"objection '{objection.id}' never resolved\n{why}")
    for change in scenario.changes:
        assert f"change:{change.id}" in marks, f"change '{change.id}' never happened\n{why}"
    assert "hangup" not in marks, why
    for name, fact in scenario.facts.items():
        if fact.wrong_first and f"fact_wrong:{name}" in marks:
            assert f"fact:{name}" in marks, f"the caller never corrected '{name}'\n{why}"
    rule = scenario.procedure.upsell
    if rule is not None:
        offered = [m for m in marks if m.startswith("upsell_offered:")]
        assert rule.min <= len(offered) <= rule.max, f"upsells offered: {offered}\n{why}"
        accepted = {m.split(":", 1)[1] for m in marks if m.startswith("upsell_accepted:")}
        assert accepted, f"no upsell was accepted\n{why}"
    route = scenario.procedure.route
    if route is not None:
        expected = {f"transfer:{route}"} | ({"escalate:supervisor"} if route == "supervisor"
                                             else set())
        assert transcript.ended_by in expected, why
