"""`callsim phone-test`: the interview's read-aloud test and its batch scorer.

    callsim phone-test passages                      the passages, with any file problems
    callsim phone-test run --passage ID [--wav F]    read aloud (microphone or WAV), score,
                                                     save, then one role-play call
    callsim phone-test score --manifest FILE.jsonl   {"id","audio","text"} lines in,
                                                     {"id","diction":{"score",...}} lines out
    callsim phone-test score --wav F --passage ID    one recording

The manifest contract is stable: models load once, one output line per input line,
in order, flushed as it is ready; a line that cannot be scored gets `{"id", "error"}`
with the reason (never a crash, never a made-up 0).
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

import click

DEFAULT_SCENARIO = "late-delivery-angry"
DB_HELP = "SQLAlchemy URL of the attempt store (default: CALLSIM_DB or a SQLite file in your data folder)."


def _reader(reference: bool) -> Any:
    from simulator.phone_test import ReadAloud
    from simulator.speech.types import SpeechUnavailable

    try:
        return ReadAloud(reference=reference)
    except SpeechUnavailable as exc:
        raise click.ClickException(f"the phone test needs speech recognition: {exc}") from exc


def _passage(ref: str) -> Any:
    from simulator.cli_support import load_or_exit
    from simulator.passages import resolve_passage

    return load_or_exit(lambda: resolve_passage(ref))


def result_text(result: dict[str, Any]) -> str:
    """The read-aloud result for a terminal: score, parts, reasons."""
    lines = [f"Diction (read-aloud): {result['score']:.0f}/100   pronunciation {result['accuracy']:.0f}, "
             f"fluency {result['fluency']:.0f}, words in order {result['completeness']:.0f}%, "
             f"pace {result['pace_wpm']:.0f} wpm"]
    lines += [f"  - {r}" for r in result["reasons"]]
    if result.get("heard"):
        lines.append(f"  heard: {result['heard']}")
    return "\n".join(lines)


@click.group("phone-test")
def phone_test() -> None:
    """The interview phone test: read a passage aloud, then a role-play call."""


@phone_test.command("passages")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def passages_cmd(as_json: bool) -> None:
    """List the read-aloud passages; broken files with file:line and exit 1."""
    from simulator.passages import check_passage_file, passage_files

    rows, problems = [], []
    for path in passage_files():
        passage, found = check_passage_file(path)
        problems.extend(found)
        if passage is not None:
            rows.append({"id": passage.id, "title": passage.title, "words": passage.words})
    if as_json:
        click.echo(json.dumps({"passages": rows, "problems": [p.as_dict() for p in problems]}))
    else:
        for r in rows:
            click.echo(f"{r['id']:24s} {r['words']:3d} words  {r['title']}")
        for p in problems:
            click.echo(str(p), err=True)
    if problems:
        raise SystemExit(1)


@phone_test.command("score")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSONL: {"id": ..., "audio": WAV path relative to the manifest, "text": ...} a line.')
@click.option("--wav", type=click.Path(dir_okay=False, path_type=Path), help="Score one recording.")
@click.option("--passage", "passage_ref", help="With --wav: the passage that was read.")
@click.option("--text", help="With --wav: the text that was read (instead of --passage).")
@click.option("--no-reference", is_flag=True,
              help="Skip the synthetic reference reading (faster, a little less accurate).")
def score_cmd(manifest: Path | None, wav: Path | None, passage_ref: str | None, text: str | None,
              no_reference: bool) -> None:
    """Score recordings against their text; prints one JSON line per recording."""
    from simulator.phone_test import score_manifest

    if (manifest is None) == (wav is None):
        raise click.UsageError("give --manifest FILE.jsonl, or --wav FILE with --passage or --text")
    if wav is not None:
        if text is None and passage_ref is None:
            raise click.UsageError("--wav needs --passage ID or --text '...'")
        read = text if text is not None else _passage(str(passage_ref)).text
        item = json.dumps({"id": wav.stem, "audio": str(wav.resolve()), "text": read})
        lines: list[str] = [item]
        base = Path.cwd()
    else:
        assert manifest is not None
        lines = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
        base = manifest.resolve().parent
    reader = _reader(not no_reference)
    for out in score_manifest(lines, base, reader):
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _record(echo: Any) -> Any:
    """The passage from the microphone; Enter stops. None (with a message) when there is none."""
    from simulator.speech.capture import record
    from simulator.speech.types import SpeechUnavailable

    stop = threading.Event()
    echo("Recording: read the passage now, press Enter when you have finished.")
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    try:
        return record(stop)
    except SpeechUnavailable as exc:
        echo(f"No microphone: {exc}. Record the passage to a WAV file and run again with --wav FILE.")
        return None


@phone_test.command("run")
@click.option("--passage", "passage_ref", required=True, help="Passage id (`callsim phone-test passages`).")
@click.option("--wav", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A recording of the passage (instead of the microphone).")
@click.option("--scenario", default=DEFAULT_SCENARIO, show_default=True,
              help="The role-play call that follows the read-aloud.")
@click.option("--no-call", is_flag=True, help="Only the read-aloud.")
@click.option("--trainee", default="", help="Candidate name or ID, saved with the attempt.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the read-aloud result as JSON.")
def run_cmd(passage_ref: str, wav: Path | None, scenario: str, no_call: bool, trainee: str,
            db: str | None, as_json: bool) -> None:
    """Read a passage aloud, see the diction score, then take one role-play call."""
    from simulator.phone_test import save_attempt
    from simulator.speech.audio_check import AudioProblem
    from simulator.store import Store

    passage = _passage(passage_ref)
    echo = (lambda s: click.echo(s, err=True)) if as_json else click.echo
    echo(f"\n{passage.title}\n\n{passage.text}\n")
    audio = None
    if wav is None:
        audio = _record(echo)
        if audio is None:
            raise SystemExit(1)
    reader = _reader(True)
    try:
        analysis = reader.analyse_file(wav, passage.text) if wav is not None else \
            reader.analyse_audio(audio, passage.text, source="the recording")
    except AudioProblem as exc:
        raise click.ClickException(str(exc)) from exc
    result = reader.result(analysis)
    store = Store(db)
    recordings = None
    if audio is not None:
        from simulator.recording import Recordings

        recordings = Recordings(store)
    attempt = save_attempt(store, passage, analysis, result, trainee, audio, recordings)
    result = {**result, "attempt_id": attempt, "passage_id": passage.id}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(result_text(result))
        click.echo(f"\nSaved as attempt {attempt}.")
    if no_call:
        return
    from simulator.cli import _play_voice, _scenario_or_exit

    echo(f"\nNext: the role-play call ({scenario}).")
    _, sc = _scenario_or_exit(scenario)
    _play_voice(sc, trainee=trainee, db=db, seed=None)
