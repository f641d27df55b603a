"""The command line, driven the way a trainer or a program would use it."""

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
    monkeypatch.setenv("CALLSIM_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


def test_help_lists_every_command(run) -> None:
    out = run("--help").output
    for command in ("validate", "list", "play", "score", "history", "analyze", "schema"):
        assert command in out


def test_list_json_has_the_library(run) -> None:
    rows = json.loads(run("list", "--json").output)
    ids = {r["id"] for r in rows}
    assert "late-delivery-angry" in ids and len(ids) >= 11
    assert all("error" not in r for r in rows)


def test_validate_library_ok_and_broken_file_fails(run, tmp_path: Path) -> None:
    assert run("validate").exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text((LIBRARY_DIR / "late-delivery-angry.yaml").read_text()
                   .replace("anger: 70", "anger: lots"))
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "persona.anger" in result.output
    data = json.loads(run("validate", str(bad), "--json").output)
    assert data[0]["ok"] is False and data[0]["problems"][0]["line"] > 1


def test_script_run_then_score_the_saved_transcript_gives_the_same_card(run, tmp_path) -> None:
    played = run("play", "late-delivery-angry", "--script",
                 str(RUNS / "late-delivery-angry.pass.yaml"), "--json", "--save")
    assert played.exit_code == 0, played.output
    data = json.loads(played.output)
    attempt, card = data["attempt"], data["scorecard"]
    exported = tmp_path / "call.json"
    assert run("history", "--show", str(attempt), "--export", str(exported)).exit_code == 0
    rescored = json.loads(run("score", str(exported), "--scenario", "late-delivery-angry",
                              "--json").output)
    assert rescored["overall"] == card["overall"]
    assert {k: v["value"] for k, v in rescored["scores"].items()} == {
        k: v["value"] for k, v in card["scores"].items()
    }
    rows = json.loads(run("history", "--json").output)
    assert rows[0]["id"] == attempt and rows[0]["finished"] and rows[0]["passed"] is True


def test_failing_script_is_reported_as_a_fail(run) -> None:
    result = run("play", "late-delivery-angry", "--script",
                 str(RUNS / "late-delivery-angry.fail.yaml"))
    assert result.exit_code == 0  # it was expected to fail, and it did
    assert "FAIL" in result.output


def test_script_expectation_mismatch_exits_1(run, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text((RUNS / "late-delivery-angry.fail.yaml").read_text()
                     .replace("expect: fail", "expect: pass"))
    result = run("play", "late-delivery-angry", "--script", str(wrong))
    assert result.exit_code == 1 and "expected this run to pass" in result.output


def test_text_call_from_stdin(run) -> None:
    lines = "\n".join([
        "Hello, Pizza Planet, this is Amy.",
        "/lookup 555-0142",
        "/add pepperoni 2 size=large",
        "/nonsense",
        "I'm so sorry about this, let me sort it out for you.",
        "/end",
    ]) + "\n"
    result = run("play", "late-delivery-angry", "--text", "--trainee", "amy", "--seed", "1",
                 stdin=lines)
    assert result.exit_code == 0, result.output
    assert "Account C-1042" in result.output
    assert "unknown command '/nonsense'" in result.output
    assert "Scorecard" in result.output and "Saved as attempt" in result.output
    rows = json.loads(run("history", "--trainee", "amy", "--json").output)
    assert len(rows) == 1 and rows[0]["finished"]


def test_hand_written_transcript_scores(run, tmp_path: Path) -> None:
    call = {"scenario_id": "late-delivery-angry", "events": [
        {"speaker": "customer", "text": "Third time I'm calling. Where is my pizza?"},
        {"speaker": "operator", "text": "Calm down, it's not my fault the roads are busy."},
        {"speaker": "customer", "text": "Excuse me?"},
        {"speaker": "operator", "kind": "action", "action": "end_call"},
    ]}
    path = tmp_path / "real.json"
    path.write_text(json.dumps(call))
    card = json.loads(run("score", str(path), "--scenario", "late-delivery-angry", "--json").output)
    assert card["passed"] is False
    deesc = card["scores"]["deescalation"]
    assert any(e["turn"] == 2 for e in deesc["evidence"])


def test_score_rejects_non_transcripts(run, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    result = CliRunner().invoke(main, ["score", str(path), "--scenario", "late-delivery-angry"])
    assert result.exit_code == 1 and "not a transcript" in result.output


def test_analyze_techniques_contract(run, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "I'm so sorry, that must be really frustrating."},
        {"id": 7, "text": "How long have you been feeling like this?"},
    ]) + "\n")
    lines = [json.loads(x) for x in run("analyze", "techniques", "--input", str(path))
             .stdout.splitlines()]  # stdout is the JSONL; stderr says it is loading
    assert [x["id"] for x in lines] == ["a", 7]
    assert "apologize" in lines[0]["techniques"] and "empathize" in lines[0]["techniques"]
    assert "probe_question" in lines[1]["techniques"]


def test_unknown_scenario_suggests(run) -> None:
    result = CliRunner().invoke(main, ["play", "late-delivery-angy", "--text"])
    assert result.exit_code == 1 and "Did you mean 'late-delivery-angry'" in result.output


def test_schema_check(run) -> None:
    assert run("schema", "--check").exit_code == 0


def test_help_lists_the_optional_commands_without_loading_them(run) -> None:
    """Item 19: `callsim --help` imported every command group to print their help."""
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from simulator.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "print(sorted(m for m in sys.modules if m.startswith(('simulator.cli_', "
            "'simulator.loading', 'simulator.scenario', 'pydantic', 'sqlalchemy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]", out
    from simulator.cli import _LAZY, _LAZY_HELP, main

    text = run("--help").output
    for name in _LAZY:
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.help is not None
        assert _LAZY_HELP[name] == command.help.strip().splitlines()[0]
        assert name in text
