"""`callsim play --script`: run files checked like scenarios, expectations enforced, and
scripted runs kept out of a trainee's history unless asked (items 10, 11, 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.loading import LIBRARY_DIR

RUNS = LIBRARY_DIR / "runs"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CALLSIM_DB", f"sqlite:///{tmp_path / 'runs.db'}")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def _variant(tmp_path: Path, source: str, old: str, new: str) -> Path:
    text = (RUNS / source).read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / source
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, row in enumerate(path.read_text().splitlines(), 1) if needle in row)


def test_expect_failed_is_checked(run, tmp_path: Path) -> None:
    """Item 10: a fail run whose named dimension passed exited 0 silently."""
    path = _variant(tmp_path, "card-payment-pci.fail.yaml", "expect_failed: [procedure]",
                    "expect_failed: [procedure, deescalation]")
    result = run("play", "card-payment-pci", "--script", str(path))
    assert result.exit_code == 1
    assert f"{path}: expected deescalation to fail, but it scored" in result.output
    assert "and passed" in result.output


def test_the_run_must_be_for_the_scenario_it_is_played_on(run) -> None:
    """Item 10: the run's own `scenario:` was ignored."""
    path = RUNS / "late-delivery-angry.pass.yaml"
    result = run("play", "first-order-confused", "--script", str(path))
    assert result.exit_code == 1
    assert (f"{path}:{_line_of(path, 'scenario:')}: this run is for scenario "
            "'late-delivery-angry', but it is played on 'first-order-confused'") in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("sku: PZ-MAR", "sku: PZ-MARG", "sku: PZ-MARG",
     "SKU 'PZ-MARG' is not in the catalog (did you mean 'PZ-MAR'?)"),
    ("qty: 1", "qty: two", "qty: two", "qty 'two' is not a whole number of at least 1"),
    ("options: {size: medium}", "options: {size: family}", "size: family",
     "size 'family' is not offered for Margherita pizza"),
    ("window: \"18:30-19:00\"", "window: whenever", "window: whenever",
     "window: 'whenever' is not a time"),
])
def test_mistakes_in_a_run_file_are_file_and_line(run, tmp_path: Path, old: str, new: str,
                                                  needle: str, message: str) -> None:
    """Item 11: these ended in a Python traceback (or, for size: family, were accepted)."""
    path = _variant(tmp_path, "first-order-confused.pass.yaml", old, new)
    result = run("play", "first-order-confused", "--script", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:{_line_of(path, needle)}: " in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_an_unknown_transfer_target_is_file_and_line(run, tmp_path: Path) -> None:
    path = _variant(tmp_path, "billing-dispute-supervisor.pass.yaml", "do: escalate",
                    "do: transfer\n    target: boss")
    result = run("play", "billing-dispute-supervisor", "--script", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:{_line_of(path, 'target: boss')}: " in result.output
    assert "unknown transfer target 'boss'" in result.output


def test_scripted_runs_are_not_a_trainees_attempts(run) -> None:
    """Item 12: every scripted play was saved as an attempt of "script"."""
    path = RUNS / "late-delivery-angry.pass.yaml"
    played = json.loads(run("play", "late-delivery-angry", "--script", str(path),
                            "--json").output)
    assert played["attempt"] is None
    assert json.loads(run("history", "--json").output) == []
    saved = json.loads(run("play", "late-delivery-angry", "--script", str(path), "--json",
                           "--save").output)
    rows = json.loads(run("history", "--json").output)
    assert [r["id"] for r in rows] == [saved["attempt"]]
