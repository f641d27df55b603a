"""Issue 16 items 10-12: NaN and infinity refused in every file format, hostile YAML and
JSON refused before the expensive part (bounded memory, no parse), and every command
answers bad input with one line and exit code 1, never a traceback."""

from __future__ import annotations

import json
import os
import tracemalloc
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from simulator import safe_yaml
from simulator.cli import main
from simulator.hiring.loading import check_keyboard_text, check_plan_text
from simulator.hiring.models import KIND_MODELS, Plan
from simulator.hiring.runner import CandidateScript
from simulator.llm.config import ConfigError, load_config
from simulator.loading import (
    LIBRARY_DIR,
    ScenarioError,
    check_catalog_text,
    check_scenario_text,
    library_files,
    load_model_file,
)
from simulator.passages import Passage, check_passage_text
from simulator.safe_yaml import MAX_BYTES, MAX_DEPTH, read_yaml
from simulator.scenario import Catalog, Scenario
from simulator.script import TraineeScript
from simulator.transcript import Transcript

BAD_NUMBERS = ["nan", "NaN", ".nan", "inf", "-inf", ".inf", "-.inf", "Infinity", "1e309", "-1e309"]


# -- item 10: every float (and int) field of every file format --------------------------------
def _leaf_type(model: Any, path: tuple[Any, ...]) -> Any:
    """The annotation of the field at `path` in `model` (through lists, dicts, Optional)."""
    ann: Any = model
    for part in path:
        ann = _unwrap(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            field = ann.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                field = next((f for f in ann.model_fields.values() if f.alias == part), None)
            if field is None:
                return None
            ann = field.annotation
        else:
            args = typing.get_args(ann)
            origin = typing.get_origin(ann)
            if origin in (list, tuple) and args:
                ann = args[0] if origin is list or len(args) == 1 else args[part] if isinstance(
                    part, int) and part < len(args) else args[0]
            elif origin is dict and len(args) == 2:
                ann = args[1]
            else:
                return None
    return _unwrap(ann)


def _unwrap(ann: Any) -> Any:
    origin = typing.get_origin(ann)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(ann)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        numeric = [a for a in args if a in (float, int)]
        return numeric[0] if numeric else ann
    return ann


def _numeric_leaves(data: Any, model: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _numeric_leaves(v, model, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _numeric_leaves(v, model, (*path, i))
    elif isinstance(data, str) and _leaf_type(model, path) in (float, int):
        out.append(path)
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = json.loads(json.dumps(data))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def _kinds() -> list[tuple[str, Path, Any, Any]]:
    """(kind, file, model, checker(text) -> problems) for a shipped file of every format."""
    def via_file(model: Any) -> Any:
        def check(text: str) -> list[Any]:
            f = Path(os.environ.get("TMPDIR", "/tmp")) / f"hostile-{os.getpid()}.yaml"
            f.write_text(text, encoding="utf-8")
            try:
                load_model_file(f, model)
            except ScenarioError as exc:
                return exc.problems
            finally:
                f.unlink()
            return []
        return check

    out = [("scenario", f, Scenario, lambda t: check_scenario_text(t, "s.yaml")[1])
           for f in library_files()]
    out.append(("catalog", LIBRARY_DIR / "catalog.yaml", Catalog,
                lambda t: check_catalog_text(t)[1]))
    out += [("script", f, TraineeScript, via_file(TraineeScript))
            for f in [*sorted((LIBRARY_DIR / "runs").glob("*.yaml")),
                      Path(__file__).parent / "data" / "numbers" / "run-with-wait.yaml"]]
    out += [("passage", f, Passage, lambda t: check_passage_text(t)[1])
            for f in sorted((LIBRARY_DIR / "passages").glob("*.yaml"))]
    for f in sorted((LIBRARY_DIR / "keyboard").glob("*.yaml")):
        kind = read_yaml(f.read_text(encoding="utf-8"))[0]["kind"]
        out.append(("keyboard", f, KIND_MODELS[kind], lambda t: check_keyboard_text(t)[1]))
    out += [("plan", f, Plan, lambda t: check_plan_text(t)[1])
            for f in sorted((LIBRARY_DIR / "plans").glob("*.yaml"))]
    out += [("candidate", f, CandidateScript, via_file(CandidateScript))
            for f in sorted((LIBRARY_DIR / "plans" / "runs").glob("*.yaml"))]
    return out


KINDS = _kinds()
LEAVES = [(kind, f, model, check, leaf) for kind, f, model, check in KINDS
          for leaf in _numeric_leaves(read_yaml(f.read_text(encoding="utf-8"))[0], model)]


def test_every_file_format_has_numbers_to_attack() -> None:
    kinds = {k for k, *_ in LEAVES}
    assert kinds >= {"scenario", "catalog", "script", "keyboard", "plan", "candidate"}, kinds


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LEAVES), st.sampled_from(BAD_NUMBERS))
def test_every_number_field_refuses_nan_and_infinity(target, bad) -> None:
    """Before: NaN/inf/1e309 weights and `dead_air_s: inf` passed `validate`, NaN times
    crashed candidate scripts."""
    _kind, f, _model, check, leaf = target
    data = read_yaml(f.read_text(encoding="utf-8"))[0]
    text = yaml.safe_dump(_set(data, leaf, bad), sort_keys=False, allow_unicode=True)
    assert check(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)) == []
    problems = check(text)
    assert problems, (f.name, leaf, bad)
    assert all(p.line >= 1 for p in problems)


def test_nan_weights_and_infinite_dead_air_fail_validate(tmp_path: Path) -> None:
    src = (LIBRARY_DIR / "late-delivery-angry.yaml").read_text(encoding="utf-8")
    for patch in ("dead_air_s: .inf\n", "dead_air_s: 1e309\n"):
        f = tmp_path / "late-delivery-angry.yaml"
        f.write_text(src + patch, encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(f)], catch_exceptions=False)
        assert result.exit_code == 1 and "dead_air_s" in result.output
    f.write_text(src.replace("deescalation: 0.4", "deescalation: .nan"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(f)], catch_exceptions=False)
    assert result.exit_code == 1 and "weights" in result.output


@pytest.mark.parametrize("value", ["inf", "nan", "1e309", "-1", "0", "100000"])
def test_llm_timeout_must_be_finite_and_bounded(tmp_path: Path, value: str) -> None:
    """Before: timeout_s = inf crashed a call and `callsim doctor` (OverflowError)."""
    with pytest.raises(ConfigError, match="timeout_s"):
        load_config(tmp_path / "none.toml", env={"CALLSIM_LLM_TIMEOUT_S": value})
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"[llm]\ntimeout_s = {value}\n")
    with pytest.raises(ConfigError):
        load_config(cfg, env={})


def test_doctor_with_an_infinite_timeout_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_LLM_TIMEOUT_S", "inf")
    result = CliRunner().invoke(main, ["doctor"], catch_exceptions=False)
    assert result.exit_code == 1 and "timeout_s" in result.output
    assert "Traceback" not in result.output


# -- item 11: YAML denial of service -------------------------------------------------------
def _never_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("PyYAML was asked to parse a file the scan should refuse")

    monkeypatch.setattr(safe_yaml.yaml, "parse", boom)


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}"), ("- ", "")])
def test_deep_nesting_is_refused_before_parsing(monkeypatch, opener, closer) -> None:
    """Before: 120k nested flow sequences in 240 KB took 329 s in PyYAML."""
    _never_parse(monkeypatch)
    levels = 100_000 if opener != "- " else 20_000
    if opener == "- ":
        text = "".join(" " * (2 * i) + "- \n" for i in range(levels))[: MAX_BYTES - 10]
    else:
        text = ("key: " + opener * levels + closer * levels)[: MAX_BYTES - 10]
    data, _, problems = read_yaml(text)
    assert data is None and problems and "nested too deeply" in problems[0].message


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["[", "{k: ", "[x, ", "{a: b, c: "]), min_size=MAX_DEPTH + 1,
                max_size=400),
       st.sampled_from(["", "x", "'quoted [ ]'", '"s]}"']))
def test_any_flow_nesting_past_the_limit_is_refused_unparsed(opens, leaf) -> None:
    """Quotes with brackets in them cannot hide real nesting from the scan."""
    closes = "".join("]" if o.startswith("[") else "}" for o in reversed(opens))
    text = "root: " + "".join(opens) + leaf + closes + "\n"
    real_parse = safe_yaml.yaml.parse
    safe_yaml.yaml.parse = None  # type: ignore[assignment]
    try:
        _, _, problems = read_yaml(text)
    finally:
        safe_yaml.yaml.parse = real_parse
    assert problems and "nested too deeply" in problems[0].message


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["[", "{k: "]), min_size=1, max_size=MAX_DEPTH - 3))
def test_reasonable_nesting_still_parses(opens) -> None:
    closes = "".join("]" if o == "[" else "}" for o in reversed(opens))
    _, _, problems = read_yaml("root: " + "".join(opens) + "x" + closes + "\n")
    assert problems == []


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    """Before: a 500 MB file used 1.5 GB and 16 s before being refused."""
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:  # sparse: no disk used
        f.truncate(500 * 1024 * 1024)
    from simulator.loading import check_scenario_file, read_source

    tracemalloc.start()
    try:
        text, problems = read_source(big)
        _, problems2 = check_scenario_file(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text is None and "larger than" in problems[0].message
    assert "larger than" in problems2[0].message
    assert peak < 4 * 1024 * 1024, peak


def test_error_snippets_are_cut_to_200_characters(tmp_path: Path) -> None:
    line = "title: " + "x" * 200_000 + ": y: z"
    from simulator.loading import check_scenario_text as check

    _, problems = check(line, "s.yaml")
    assert problems and all(len(p.snippet) <= 201 for p in problems)
    assert len(str(problems[0])) < 600


def test_keyboard_files_are_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: every plan check and every run parsed each keyboard file again."""
    from simulator.hiring import loading as hl

    hl._keyboard_cached.cache_clear()
    calls: list[str] = []
    real = hl._check_keyboard_file
    monkeypatch.setattr(hl, "_check_keyboard_file", lambda p: calls.append(str(p)) or real(p))
    for _ in range(3):
        hl.load_keyboard()
    assert len(calls) == len(hl.keyboard_files()) and len(set(calls)) == len(calls)


def test_aliases_tags_and_duplicates_still_refused_in_one_pass() -> None:
    for text, message in [("a: &x 1\nb: *x\n", "anchor"), ("a: !!python/object 1\n", "tag"),
                          ("a: 1\na: 2\n", "appears twice"), ("? [a]\n: 1\n", "plain word"),
                          ("a: 1\n---\nb: 2\n", "more than one")]:
        _, _, problems = read_yaml(text)
        assert problems and message in problems[0].message, (text, problems)


# -- item 12: one line and exit 1, never a traceback ------------------------------------------
def _one_line_error(result: Any, *must: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    out = result.output.strip()
    assert "Traceback" not in out and len(out.splitlines()) == 1, out
    for m in must:
        assert m in out, out


def _transcript(**event: Any) -> dict[str, Any]:
    base = {"turn": 1, "speaker": "operator", "text": "Hello, Pizza Planet."}
    return {"scenario_id": "late-delivery-angry", "events": [{**base, **event}]}


HOSTILE_TRANSCRIPTS = {
    "deep": "[" * 5000 + "]" * 5000,
    "deep_object": '{"scenario_id": "x", "events": [{"turn": 1, "speaker": "operator", "args": '
                   + '{"a": ' * 2000 + "1" + "}" * 2000 + "}]}",
    "options_list": json.dumps(_transcript(kind="action", action="add_item",
                                           args={"sku": "PZ-PEP", "options": [1, 2]})),
    "audio_null": json.dumps(_transcript(audio=None)),
    "audio_nan": '{"scenario_id": "late-delivery-angry", "events": [{"turn": 1, "speaker": '
                 '"operator", "audio": {"rms": NaN}}]}',
    "word_nan": '{"scenario_id": "late-delivery-angry", "events": [{"turn": 1, "speaker": '
                '"operator", "text": "hi", "words": [{"word": "hi", "start": NaN, "end": 1}]}]}',
    "word_null": json.dumps(_transcript(words=[{"word": "hi", "start": None, "end": "x"}])),
    "t_inf": '{"scenario_id": "late-delivery-angry", "events": [{"turn": 1, "speaker": '
             '"operator", "t": Infinity}]}',
    "not_utf8": b'{"scenario_id": "\xff"}',
    "not_json": "{",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TRANSCRIPTS))
def test_score_refuses_hostile_transcripts_in_one_line(tmp_path: Path, name: str) -> None:
    """Before: RecursionError, options [1, 2], audio nulls and NaN timings gave tracebacks."""
    f = tmp_path / f"{name}.json"
    body = HOSTILE_TRANSCRIPTS[name]
    f.write_bytes(body if isinstance(body, bytes) else body.encode())
    result = CliRunner().invoke(main, ["score", str(f), "--scenario", "late-delivery-angry"],
                                catch_exceptions=False)
    _one_line_error(result, str(f))


def test_score_refuses_a_huge_transcript_by_its_size(tmp_path: Path) -> None:
    """Before: a 7 MB transcript took 36 s and 360 MB."""
    f = tmp_path / "huge.json"
    events = [{"turn": i, "speaker": "operator", "text": "x" * 500} for i in range(1, 15000)]
    f.write_text(json.dumps({"scenario_id": "late-delivery-angry", "events": events}))
    assert f.stat().st_size > 7_000_000
    result = CliRunner().invoke(main, ["score", str(f), "--scenario", "late-delivery-angry"],
                                catch_exceptions=False)
    _one_line_error(result, "larger than")


def test_score_json_is_always_valid_json(tmp_path: Path) -> None:
    """`--json` never prints bare NaN (not JSON)."""
    from simulator.cli import _echo_json

    runner = CliRunner()
    import click

    @click.command()
    def cmd() -> None:
        _echo_json({"overall": float("nan"), "x": [float("inf"), 1.5]})

    out = runner.invoke(cmd).output
    assert json.loads(out) == {"overall": None, "x": [None, 1.5]}


def test_analyze_goes_on_past_bad_lines(tmp_path: Path) -> None:
    """Before: one invalid UTF-8 or deeply nested line stopped the whole batch."""
    f = tmp_path / "in.jsonl"
    f.write_bytes(b"\n".join([
        json.dumps({"id": "a", "text": "I'm so sorry about that."}).encode(),
        b'{"id": "bad-utf8", "text": "\xff\xfe"}',
        b'{"id": "deep", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"id": 9}',
        b"not json",
        json.dumps({"id": "z", "text": "How can I help you today?"}).encode(),
    ]) + b"\n")
    result = CliRunner().invoke(main, ["analyze", "techniques", "--input", str(f)],
                                catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    rows = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [r["id"] for r in rows] == ["a", "bad-utf8", "deep", 9, None, "z"]
    assert [bool(r.get("error")) for r in rows] == [False, True, True, True, True, False]
    assert "apologize" in rows[0]["techniques"]
    assert all(f"line {n}" in r["error"] for n, r in zip([2, 3, 4, 5], rows[1:5], strict=True))


TRAINEE_RUN = """scenario: late-delivery-angry
steps:
  - say: "Hello, Pizza Planet."
  - {step}
"""


@pytest.mark.parametrize("step,message", [
    ("do: add_item\n    sku: PZ-PEP\n    qty: abc", "steps[1]"),
    ("do: add_item\n    sku: NOPE", "steps[1]"),
    ('say: ""', "say"),
    ("wait: .inf", "wait"),
    ("wait: -3", "wait"),
    ("do: change_item\n    sku: PZ-PEP\n    options: [1, 2]", "steps[1]"),
])
def test_trainee_runs_with_bad_values_are_one_line(tmp_path: Path, monkeypatch, step, message) -> None:
    monkeypatch.setenv("CALLSIM_DB", f"sqlite:///{tmp_path / 'r.db'}")
    f = tmp_path / "run.yaml"
    f.write_text(TRAINEE_RUN.format(step=step), encoding="utf-8")
    result = CliRunner().invoke(main, ["play", "late-delivery-angry", "--script", str(f)],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and message in result.output
    assert str(f) in result.output


@pytest.mark.parametrize("log,message", [
    ("[[0, a], [0.2, bc]]", "not one character"),
    ("[[-1, a]]", "outside"),
    ("[[.nan, a]]", "nan"),
    ("[[1, a], [0.5, b]]", "before the previous"),
])
def test_candidate_scripts_with_bad_presses_are_refused(tmp_path: Path, log, message) -> None:
    f = tmp_path / "cand.yaml"
    f.write_text(f"typing:\n  log: {log}\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_model_file(f, CandidateScript)
    assert message in str(err.value) and f"{f}:" in str(err.value)


@pytest.fixture
def one_attempt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CALLSIM_DB", f"sqlite:///{tmp_path / 'h.db'}")
    run = LIBRARY_DIR / "runs" / sorted(p.name for p in (LIBRARY_DIR / "runs").glob("late*"))[0]
    CliRunner().invoke(main, ["play", "late-delivery-angry", "--script", str(run), "--save"],
                       catch_exceptions=False)
    return "1"


def test_history_export_errors_are_one_line(tmp_path: Path, one_attempt: str) -> None:
    runner = CliRunner()
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    for target, message in [(tmp_path / "missing" / "x.json", "does not exist"),
                            (tmp_path / "adir", "is a folder"),
                            (tmp_path / "afile" / "x.json", "does not exist"),
                            (tmp_path / "afile", "already exists")]:
        result = runner.invoke(main, ["history", "--show", one_attempt, "--export", str(target)],
                               catch_exceptions=False)
        _one_line_error(result, message)
    assert (tmp_path / "afile").read_text() == "x"  # before: silently overwritten
    ok = runner.invoke(main, ["history", "--show", one_attempt, "--export",
                              str(tmp_path / "afile"), "--force"], catch_exceptions=False)
    assert ok.exit_code == 0 and json.loads((tmp_path / "afile").read_text())["events"]
    assert (os.stat(tmp_path / "afile").st_mode & 0o777) in (0o600, 0o644)


def test_report_out_errors_are_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CALLSIM_DB", f"sqlite:///{tmp_path / 'o.db'}")
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    for target, message in [(tmp_path / "adir", "is a folder"),
                            (tmp_path / "afile" / "x.csv", "cannot write")]:
        result = CliRunner().invoke(main, ["report", "compare", "--plan", "inbound-agent",
                                           "--format", "csv", "--out", str(target)],
                                    catch_exceptions=False)
        _one_line_error(result, message)


def test_transcript_floats_are_finite_on_every_field() -> None:
    for bad in (float("nan"), float("inf"), -1.0):
        with pytest.raises(ValueError):
            Transcript.from_data(_transcript(t=bad))
    with pytest.raises(ValueError):
        Transcript.from_data(_transcript(audio={"pitch": {"mean": float("nan")}}))
