"""The `callsim` command line.

Every command that a program might read has `--json`. Errors go to stderr with a
non-zero exit code: 1 for "the input is wrong" (a broken scenario, a failed script
expectation), 2 for usage errors (click's own).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from simulator import __version__
from simulator.render import history_text, scorecard_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from simulator.scenario import Scenario
    from simulator.transcript import Transcript

# Start-up: nothing heavy is imported before a command runs. The scenario models
# (pydantic), the engine, the scorers and the optional command groups load only when
# a command needs them, so `callsim --help` or `callsim list` answer at once.


def load_or_exit(load: Callable[[], Any]) -> Any:
    from simulator.cli_support import load_or_exit as real

    return real(load)


def _loading() -> Any:
    import simulator.loading

    return simulator.loading

DB_HELP = "SQLAlchemy URL of the attempt store (default: CALLSIM_DB or a SQLite file in your data folder)."


def _echo_json(data: Any) -> None:
    """JSON that is JSON: NaN and infinities (which json.dumps writes bare) become null."""
    from simulator.store import finite_json

    click.echo(json.dumps(finite_json(data), ensure_ascii=False, allow_nan=False))


def _scenario_or_exit(ref: str) -> tuple[Path, Scenario]:
    path = load_or_exit(lambda: _loading().resolve_scenario(ref))
    return path, load_or_exit(lambda: _loading().load_scenario(path))


def _trainee_or_exit(name: str) -> str:
    """The trainee's name as it will be stored (control characters out, length checked):
    a name the store cannot hold is a one-line error before the call, not after it."""
    from simulator.privacy import InputError, clean_name

    try:
        return clean_name(name, "trainee name")
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc


def _store(db: str | None) -> Any:
    from simulator.store import Store

    return Store(db)


def _score(transcript: Transcript, scenario: Scenario) -> dict[str, Any]:
    from simulator.calls import score_and_save

    return score_and_save(transcript, scenario, None).scorecard


# The optional command groups, imported only when one of them is run (or listed).
_LAZY = {
    "doctor": ("simulator.cli_llm", "doctor"),
    "judge": ("simulator.cli_llm", "judge"),
    "plan": ("simulator.cli_hiring", "plan"),
    "hiring": ("simulator.cli_hiring", "hiring"),
    "report": ("simulator.cli_hiring", "report"),
    "serve": ("simulator.cli_hiring", "serve"),
    "phone-test": ("simulator.cli_phone_test", "phone_test"),
}


_LAZY_HELP = {  # their docstrings' first lines (tests keep the two in step)
    "doctor": "Check the LLM endpoint: reachable, model offered, structured output, latency.",
    "judge": "Rule-based scores and an LLM judge's verdicts for a saved transcript, side by side.",
    "plan": "Test plans for hiring (scenarios/plans/*.yaml).",
    "hiring": "Candidate sessions: start, list, or replay a scripted candidate.",
    "report": "Reports: one candidate, all candidates on a plan, a trainee's progress.",
    "serve": "Serve candidate sessions in the browser; each opens with a one-time link",
    "phone-test": "The interview phone test: read a passage aloud, then a role-play call.",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`callsim --help` without importing every command group to read its help."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.commands.get(name)
            if cmd is None:
                rows.append((name, _LAZY_HELP.get(name, "")))
            elif not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY and cmd_name not in self.commands:
            import importlib

            module, attr = _LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="callsim")
@click.pass_context
def main(ctx: click.Context) -> None:
    """callsim — practise call-center calls against a simulated customer.

    Run with no command to open the app (in a terminal); `callsim play ID --text`
    takes a call in plain text.
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from tui import run

            run([])
        else:
            ctx.invoke(start)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def app(ctx: click.Context) -> None:
    """Open the full-screen app (options: --trainee NAME --db URL --library DIR --seed N --hide-mood
    --voice)."""
    from tui import run

    run(ctx.args)


@main.command(hidden=True)
@click.option("--db", help=DB_HELP)
def start(db: str | None) -> None:
    """List the library and take a plain-text call (used when there is no terminal UI)."""
    files = _loading().library_files()
    scenarios = [_loading().load_scenario(f) for f in files]
    click.echo("callsim — choose a scenario to practise:\n")
    for i, s in enumerate(scenarios, start=1):
        click.echo(f"  {i:>2}. {s.title}  [{s.direction}, {s.difficulty}]")
    if not sys.stdin.isatty():
        click.echo("\nRun `callsim play <scenario> --text` to take a call (`callsim list` for ids).")
        return
    choice = click.prompt("\nNumber", type=click.IntRange(1, len(scenarios)), default=1)
    _play_text(scenarios[choice - 1], trainee="", db=db, seed=None)


def _brain(name: str, seed: int) -> Any:
    """None for the default scripted customer; else the named brain, or a clear error."""
    if name == "scripted":
        return None
    from simulator.llm import LLMUnavailable, make_brain
    from simulator.llm.config import ConfigError

    try:
        return make_brain(name, seed)
    except (LLMUnavailable, ConfigError) as exc:
        raise click.ClickException(str(exc)) from exc


def _play_text(scenario: Scenario, *, trainee: str, db: str | None, seed: int | None,
               brain: str = "scripted") -> None:
    import random

    from simulator.calls import new_session, score_and_save
    from simulator.text_call import run_text_call

    store = _store(db)
    seed = seed if seed is not None else random.randrange(1 << 30)
    session = new_session(scenario, store=store, trainee=trainee, mode="text", seed=seed,
                          brain=_brain(brain, seed))
    run_text_call(session, lambda prompt: input(prompt), click.echo)
    done = score_and_save(session.transcript, scenario, store)
    card, attempt = done.scorecard, done.attempt
    click.echo("")
    click.echo(scorecard_text(card))
    click.echo(f"\nSaved as attempt {attempt}. `callsim history` lists your attempts.")


def _play_voice(scenario: Scenario, *, trainee: str, db: str | None, seed: int | None) -> None:
    from simulator.calls import score_and_save
    from simulator.voice_call import run_voice_call

    store = _store(db)
    transcript = run_voice_call(scenario, store=store, trainee=trainee, seed=seed, echo=click.echo)
    done = score_and_save(transcript, scenario, store)
    card, attempt = done.scorecard, done.attempt
    click.echo("\n" + scorecard_text(card))
    click.echo(f"\nSaved as attempt {attempt}. `callsim replay {attempt} TURN` plays a recorded turn.")


@main.command()
@click.argument("attempt", type=int)
@click.argument("turn", type=int)
@click.option("--db", help=DB_HELP)
def replay(attempt: int, turn: int, db: str | None) -> None:
    """Play one recorded turn of a voice attempt (card numbers are muted)."""
    from simulator.recording import play_turn
    from simulator.speech.types import SpeechUnavailable

    try:
        click.echo(f"played {play_turn(attempt, turn, store=_store(db))}")
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    except SpeechUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--skill", help="Only scenarios that train this skill.")
def list_cmd(as_json: bool, skill: str | None) -> None:
    """List the scenarios in the library."""
    from simulator.render import count

    rows = []
    for f in _loading().library_files():
        s, problems = _loading().check_scenario_file(f)
        if s is None:
            row = {"id": f.stem, "file": str(f), "error": count(len(problems), "problem")}
        elif skill and skill not in s.skills:
            continue
        else:
            row = {"id": s.id, "title": s.title, "direction": s.direction,
                   "difficulty": s.difficulty, "skills": list(s.skills)}
        rows.append(row)
        if not as_json:  # each row as soon as its file is checked
            if "error" in row:
                click.echo(f"{row['id']:<34} BROKEN: {row['error']} "
                           f"(callsim validate {row['file']})")
            else:
                click.echo(f"{row['id']:<34} {row['direction']:<8} {row['difficulty']:<6} "
                           f"{row['title']}")
    if as_json:
        _echo_json(rows)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def validate(paths: tuple[Path, ...], as_json: bool) -> None:
    """Check scenario files (default: the whole library); every problem at once."""
    files: list[Path] = []
    for p in paths or (Path(_loading().library_files()[0]).parent,):
        files.extend(_loading().library_files(p) if p.is_dir() else [p])
    catalog = load_or_exit(_loading().load_catalog)
    results = []
    notes: dict[Path, list[str]] = {}
    for f in files:
        scenario, problems = _loading().check_scenario_file(f, catalog)
        results.append((f, problems))
        if scenario is not None and scenario.phrases:
            notes[f] = _example_notes(f, scenario.phrases)
        if not as_json:  # each file as soon as it is checked
            if problems:
                click.echo("\n".join(str(p) for p in problems), err=True)
            else:
                click.echo(f"ok  {f}")
            for note in notes.get(f, []):
                click.echo(f"    note: {note}")
    if as_json:
        _echo_json([{"file": str(f), "ok": not p, "problems": [x.as_dict() for x in p],
                     "notes": notes.get(f, [])} for f, p in results])
    else:
        bad = sum(1 for _, p in results if p)
        click.echo(f"\n{len(results) - bad} valid, {bad} with problems.", err=bool(bad))
    if any(p for _, p in results):
        raise SystemExit(1)


def _example_notes(path: Path, phrases: dict[str, list[str]]) -> list[str]:
    """file:line notes for trainer examples the model alone reads as something else."""
    from simulator.understanding.teaching import misread_examples

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    out = []
    for note in misread_examples({str(k): list(v) for k, v in phrases.items()}):
        line = next((i for i, row in enumerate(lines, 1) if note.example in row), 1)
        out.append(f"{path}:{line}: {note.message()}")
    return out


@main.command()
@click.argument("scenario")
@click.option("--text", "mode", flag_value="text", default=True, help="Take the call as text (default).")
@click.option("--voice", "mode", flag_value="voice",
              help="Take the call by voice: microphone and speaker (falls back to text).")
@click.option("--script", "script_path", type=click.Path(exists=True, path_type=Path),
              help="Replay a scripted trainee run (YAML) and print the scorecard.")
@click.option("--trainee", default="", help="Who is training (name or ID).")
@click.option("--seed", type=int, help="Seed for the customer's wording (repeatable calls).")
@click.option("--brain", "brain_name", type=click.Choice(["scripted", "llm"]), default="scripted",
              show_default=True, help="Who words the customer's lines (llm: see `callsim doctor`).")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="(--script) print the scorecard as JSON.")
@click.option("--save", is_flag=True,
              help="(--script) save the run as an attempt (scripted runs are not a person's "
                   "attempts, so by default they are not kept).")
def play(scenario: str, mode: str, script_path: Path | None, trainee: str, seed: int | None,
         brain_name: str, db: str | None, as_json: bool, save: bool) -> None:
    """Take a call: SCENARIO is an id from `callsim list` or a YAML file."""
    trainee = _trainee_or_exit(trainee)
    if script_path is not None and not as_json:  # a reply at once, the replay takes seconds
        click.echo(f"Replaying {script_path} on {scenario}…", err=True)
    _, scn = _scenario_or_exit(scenario)
    if script_path is None and mode == "voice":
        _play_voice(scn, trainee=trainee, db=db, seed=seed)
        return
    if script_path is None:
        _play_text(scn, trainee=trainee, db=db, seed=seed, brain=brain_name)
        return
    _play_script(scn, script_path, trainee=trainee, seed=seed, brain=brain_name, db=db,
                 as_json=as_json, save=save)


def _play_script(scn: Scenario, script_path: Path, *, trainee: str, seed: int | None, brain: str,
                 db: str | None, as_json: bool, save: bool) -> None:
    """Replay a run file; exit 1 when it misses what it expects (or cannot be played)."""
    from simulator.calls import new_session, score_and_save
    from simulator.loading import load_catalog, scenario_catalog
    from simulator.script import StepError, expectation_problems, load_run, run_script
    from simulator.session import Session

    products = scenario_catalog(scn, load_or_exit(load_catalog))
    script = load_or_exit(lambda: load_run(script_path, scn, products))
    store = _store(db) if save else None

    def factory(clock: Any, script_seed: int) -> Session:
        run_seed = seed if seed is not None else script_seed
        return new_session(scn, store=store, clock=clock,
                           trainee=trainee or _trainee_or_exit(script.trainee),
                           mode="script", seed=run_seed, brain=_brain(brain, run_seed))

    try:
        transcript = run_script(script, factory)
    except StepError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc
    done = score_and_save(transcript, scn, store)
    card, attempt = done.scorecard, done.attempt
    if as_json:
        _echo_json({"attempt": attempt, "scorecard": card, "transcript": transcript.model_dump()})
    else:
        from simulator.text_call import render_event

        for ev in transcript.events:
            click.echo(render_event(ev, scn.persona.name))
        click.echo("")
        click.echo(scorecard_text(card))
        if attempt is not None:
            click.echo(f"\nSaved as attempt {attempt}.")
    missed = expectation_problems(script, card)
    if missed:
        for line in missed:
            click.echo(f"\n{script_path}: {line}", err=True)
        raise SystemExit(1)


@main.command("voice-settings")
@click.option("--pause", type=click.Choice(["normal", "long"]),
              help="long: wait longer before taking a pause as the end of your turn (remembered).")
@click.option("--echo-cancel", type=click.Choice(["auto", "on", "off"]),
              help="Cancel the customer's voice from the microphone: auto = unless a headset is used.")
def voice_settings(pause: str | None, echo_cancel: str | None) -> None:
    """Show or change what voice calls remember for you."""
    from simulator.speech.prefs import VoicePrefs

    prefs = VoicePrefs.load()
    if pause or echo_cancel:
        prefs.pause = pause or prefs.pause
        prefs.echo_cancel = echo_cancel or prefs.echo_cancel
        where = prefs.save()
        click.echo(f"saved to {where}")
    click.echo(f"pause: {prefs.pause}\necho cancel: {prefs.echo_cancel}")


@main.command()
@click.argument("transcript_path", type=click.Path(exists=True, path_type=Path))
@click.option("--scenario", "scenario_ref", required=True, help="Scenario id or YAML file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def score(transcript_path: Path, scenario_ref: str, as_json: bool) -> None:
    """Score a saved or hand-written transcript (JSON, see docs/transcripts.md)."""
    from pydantic import ValidationError

    from simulator.annotate import annotate

    _, scn = _scenario_or_exit(scenario_ref)
    try:
        from simulator.transcript import Transcript

        transcript = Transcript.load(transcript_path)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise click.ClickException(f"{transcript_path}: not a transcript: {where}: "
                                   f"{first['msg']} ({exc.error_count()} problem(s))") from exc
    except (ValueError, OSError) as exc:
        raise click.ClickException(f"{transcript_path}: not a transcript: {exc}") from exc
    try:
        card = _score(annotate(transcript, scn), scn)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # the file passed the format's checks but a scorer could not use it
        raise click.ClickException(f"{transcript_path}: cannot be scored: "
                                   f"{type(exc).__name__}: {exc}") from exc
    if as_json:
        _echo_json(card)
    else:
        click.echo(scorecard_text(card))


@main.command()
@click.option("--trainee", help="Only this trainee.")
@click.option("--scenario", "scenario_id", help="Only this scenario id.")
@click.option("--show", type=int, help="Print one attempt's transcript and scorecard.")
@click.option("--export", "export_path", type=click.Path(path_type=Path),
              help="With --show: write the transcript JSON to this file (a new file).")
@click.option("--force", is_flag=True, help="With --export: overwrite an existing file.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def history(trainee: str | None, scenario_id: str | None, show: int | None,
            export_path: Path | None, force: bool, db: str | None, as_json: bool) -> None:
    """List attempts (newest first); unfinished ones were cut off mid-call."""
    store = _store(db)
    if show is not None:
        try:
            transcript = store.transcript(show)
        except KeyError as exc:
            raise click.ClickException(f"no attempt {show}") from exc
        card = store.scorecard(show)
        if export_path:
            from simulator.cli_support import write_output

            write_output(export_path, transcript.to_json() + "\n", overwrite=force)
            click.echo(f"wrote {export_path}")
            return
        if as_json:
            _echo_json({"transcript": transcript.model_dump(), "scorecard": card})
            return
        from simulator.text_call import render_event

        for ev in transcript.events:
            click.echo(render_event(ev, "Customer"))
        if card:
            click.echo("\n" + scorecard_text(card))
        return
    rows = store.attempts(trainee=trainee, scenario_id=scenario_id)
    if as_json:
        _echo_json(rows)
    else:
        click.echo(history_text(rows))


@main.group()
def analyze() -> None:
    """Run the understanding engine on text."""


@analyze.command("techniques")
@click.option("--input", "input_path", required=True, type=click.File("rb"),
              help='JSONL file ("-" for stdin) of {"id": ..., "text": ...} lines '
                   '(optional "customer_before": the customer\'s previous line).')
@click.option("--explain", is_flag=True,
              help="Add why: each label's score against its threshold, the phrase tables' "
                   "reading and the nearest training lines.")
def analyze_techniques(input_path: Any, explain: bool) -> None:
    """Print {"id": ..., "techniques": [...]} for every input line.

    A line that cannot be read (not UTF-8, not JSON, nested too deeply, no "text") gives
    an error line with its id and line number; the other lines go on. Exit 1 if any did.
    """
    click.echo("callsim: loading the understanding engine…", err=True)  # stdout stays JSONL
    from simulator.understanding import Context
    from simulator.understanding.learned import analyze_many
    from simulator.understanding.learned import explain as explain_line

    batch: list[tuple[object, str, Context]] = []

    def flush() -> None:
        if not batch:
            return
        readings = analyze_many([t for _, t, _ in batch], [c for _, _, c in batch])
        for (row_id, text, ctx), reading in zip(batch, readings, strict=True):
            out: dict[str, object] = {"id": row_id, "techniques": list(reading.techniques)}
            if explain:
                out["explain"] = explain_line(text, ctx)
            _echo_json(out)
        batch.clear()

    bad = 0
    for n, raw in enumerate(input_path, start=1):
        if not raw.strip():
            continue
        row, error = _jsonl_row(raw, n)
        if error is not None:
            flush()  # outputs stay in input order
            bad += 1
            click.echo(f"line {n}: {error}", err=True)
            _echo_json({"id": _guess_id(raw, row), "techniques": [], "error": f"line {n}: {error}"})
            continue
        before = row.get("customer_before")
        batch.append((row.get("id"), str(row["text"] or ""),
                      Context(previous_customer_line=before if isinstance(before, str) else "")))
        if len(batch) >= 64:
            flush()
    flush()
    if bad:
        raise SystemExit(1)


MAX_LINE_BYTES = 64 * 1024  # one operator utterance; longer lines are refused, not analysed


def _jsonl_row(raw: bytes, n: int) -> tuple[Any, str | None]:
    """One input line as {"id", "text"}, or the reason it cannot be one."""
    from simulator.transcript import parse_json

    if len(raw) > MAX_LINE_BYTES:
        return None, f"line is longer than {MAX_LINE_BYTES // 1024} KiB"
    try:
        row = parse_json(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte {exc.start})"
    except ValueError as exc:
        return None, str(exc)[:200]
    if not isinstance(row, dict) or "text" not in row:
        return row, 'expected {"id": ..., "text": ...}'
    if not isinstance(row["text"], str | None):
        return row, '"text" must be a string'
    return row, None


def _guess_id(raw: bytes, row: Any) -> Any:
    """The line's id where it can still be read, so the error can be matched to its input."""
    import re

    if isinstance(row, dict) and isinstance(row.get("id"), str | int | float | None):
        return row.get("id")
    m = re.search(rb'"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(-?\d{1,20}))', raw)
    if not m:
        return None
    if m.group(2) is not None:
        return int(m.group(2))
    return m.group(1).decode("utf-8", errors="replace")


@main.command()
@click.option("--check", is_flag=True, help="Exit 1 if scenarios/schema.json is out of date.")
def schema(check: bool) -> None:
    """Write scenarios/schema.json from the scenario models."""
    from simulator.schema import SCHEMA_FILE, schema_text

    current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    fresh = schema_text()
    if check:
        if current != fresh:
            click.echo(f"{SCHEMA_FILE} is out of date: run `callsim schema`", err=True)
            raise SystemExit(1)
        click.echo(f"{SCHEMA_FILE} is current")
        return
    SCHEMA_FILE.write_text(fresh, encoding="utf-8")
    click.echo(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
