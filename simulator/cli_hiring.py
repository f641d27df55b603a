"""Hiring commands: `callsim plan`, `callsim hiring`, `callsim report`.

Candidates take their tests in the app (`callsim` -> Hiring); these commands are for
the manager around it: check a plan, start or list sessions, replay a scripted
candidate (to try a plan's pass marks), and export reports as text, CSV or HTML.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from simulator.cli_support import load_or_exit, write_output
from simulator.loading import ScenarioError
from simulator.privacy import printable

DB_HELP = "SQLAlchemy URL of the store (default: CALLSIM_DB or a SQLite file in your data folder)."


def _hiring(db: str | None) -> Any:
    from simulator.hiring.store import HiringStore
    from simulator.store import Store

    store = Store(db)
    return store, HiringStore(store)


def _plan_or_exit(ref: str) -> Any:
    from simulator.hiring.loading import load_plan

    return load_or_exit(lambda: load_plan(ref))


# -- plan ----------------------------------------------------------------------------------
@click.group()
def plan() -> None:
    """Test plans for hiring (scenarios/plans/*.yaml)."""


@plan.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plan_list(as_json: bool) -> None:
    """List the plans and the parts each one has."""
    from simulator.hiring.loading import check_plan_file, load_keyboard, plan_files

    keyboard = load_keyboard()
    rows = []
    for f in plan_files():
        p, problems = check_plan_file(f, keyboard)
        rows.append({"id": f.stem, "file": str(f), "ok": p is not None,
                     "title": p.title if p else f"BROKEN: {len(problems)} problem(s)",
                     "parts": p.parts() if p else [], "attempts": p.attempts if p else None})
    if as_json:
        click.echo(json.dumps(rows))
        return
    for r in rows:
        parts = ", ".join(r["parts"]) if r["ok"] else f"callsim plan validate {r['file']}"
        click.echo(f"{r['id']:<24} {r['title']}  [{parts}]")


@plan.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def plan_validate(paths: tuple[Path, ...]) -> None:
    """Check plans and keyboard-test files (default: all of them); every problem, file:line."""
    from simulator.hiring.loading import (
        KEYBOARD_DIR,
        check_keyboard_file,
        check_plan_file,
        keyboard_files,
        load_keyboard,
        plan_files,
    )

    keyboard = load_keyboard()
    targets: list[Path] = []
    for p in paths or ():
        targets.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    if not paths:
        targets = keyboard_files() + plan_files()
    bad = 0
    for f in targets:
        is_keyboard = f.resolve().parent == KEYBOARD_DIR.resolve() or _has_kind(f)
        _, problems = check_keyboard_file(f) if is_keyboard else check_plan_file(f, keyboard)
        if problems:
            bad += 1
            click.echo("\n".join(str(p) for p in problems), err=True)
        else:
            click.echo(f"ok  {f}")
    click.echo(f"\n{len(targets) - bad} valid, {bad} with problems.", err=bool(bad))
    if bad:
        raise SystemExit(1)


def _has_kind(path: Path) -> bool:
    try:
        return any(line.startswith("kind:") for line in path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return False


# -- hiring sessions -------------------------------------------------------------------------
@click.group()
def hiring() -> None:
    """Candidate sessions: start, list, or replay a scripted candidate."""


@hiring.command("start")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@click.option("--candidate", required=True, help="Candidate ID (as on the application).")
@click.option("--db", help=DB_HELP)
def hiring_start(plan_ref: str, candidate: str, db: str | None) -> None:
    """Open a session for a candidate (or show the open one); they take it in the app."""
    from simulator.hiring.store import HiringError

    p = _plan_or_exit(plan_ref)
    _, hs = _hiring(db)
    try:
        s = hs.start(p, candidate)
    except HiringError as exc:
        raise click.ClickException(str(exc)) from exc
    done = ", ".join(s["parts"]) or "nothing yet"
    click.echo(f"Session {s['id']}: {candidate} on {p.id}, attempt {s['attempt']} of {p.attempts}.")
    click.echo(f"Parts: {', '.join(p.parts())}; done: {done}.")
    click.echo(f"The candidate takes it in the app: callsim app, then Hiring, plan {p.id}, "
               f"candidate {candidate}.")


@hiring.command("list")
@click.option("--plan", "plan_id", help="Only this plan id.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def hiring_list(plan_id: str | None, db: str | None, as_json: bool) -> None:
    """Every session: candidate, plan, attempt, parts done, locked or open."""
    _, hs = _hiring(db)
    rows = hs.sessions(plan_id=plan_id)
    if as_json:
        click.echo(json.dumps([{k: v for k, v in r.items() if k != "plan"} for r in rows]))
        return
    if not rows:
        click.echo("No sessions yet. `callsim hiring start --plan ID --candidate ID` opens one.")
    for r in rows:
        state = "locked" if r["locked"] else "open"
        who = printable(r["candidate"])
        click.echo(f"{r['id']:>4}  {r['plan_id']:<20} {who:<16} attempt {r['attempt']}  "
                   f"{state:<6} parts: {', '.join(r['parts']) or '-'}")


@hiring.command("run")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@click.option("--candidate", required=True, help="Candidate ID.")
@click.option("--script", "script_path", required=True, type=click.Path(exists=True, path_type=Path),
              help="YAML of what the candidate typed in each part (see docs/hiring.md).")
@click.option("--db", help=DB_HELP)
def hiring_run(plan_ref: str, candidate: str, script_path: Path, db: str | None) -> None:
    """Run a scripted candidate through a plan, submit (lock) and print the result."""
    from simulator.hiring.reports import candidate_report, candidate_text
    from simulator.hiring.runner import load_candidate_script, run_candidate
    from simulator.hiring.store import HiringError

    p = _plan_or_exit(plan_ref)
    try:
        script = load_candidate_script(script_path)
    except ScenarioError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc
    store, hs = _hiring(db)
    try:
        run_candidate(p, candidate, script, store, script_dir=script_path.parent)
    except HiringError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(candidate_text(candidate_report(hs, p.id, candidate)))


# -- reports ---------------------------------------------------------------------------------
def _emit(text: str, out: Path | None, fmt_name: str) -> None:
    if out is None:
        if fmt_name == "html":
            raise click.UsageError("--format html needs --out FILE")
        if fmt_name == "text":  # names shown as text, never as terminal escapes
            text = printable(text, keep="\n")
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_output(out, text, make_parents=True)  # one-line errors for folders, bad paths
    click.echo(f"wrote {out}", err=not sys.stdout.isatty())


FORMAT = click.option("--format", "fmt_name", type=click.Choice(["text", "csv", "html", "json"]),
                      default="text", show_default=True)
OUT = click.option("--out", type=click.Path(path_type=Path), help="Write to this file.")


@click.group()
def report() -> None:
    """Reports: one candidate, all candidates on a plan, a trainee's progress."""


@report.command("candidate")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@click.option("--candidate", required=True)
@FORMAT
@OUT
@click.option("--db", help=DB_HELP)
def report_candidate(plan_ref: str, candidate: str, fmt_name: str, out: Path | None, db: str | None) -> None:
    """One candidate's full result on a plan."""
    from simulator.hiring import html, reports

    p = _plan_or_exit(plan_ref)
    _, hs = _hiring(db)
    try:
        data = reports.candidate_report(hs, p.id, candidate)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    text = {"text": reports.candidate_text, "csv": reports.candidate_csv, "html": html.candidate_html,
            "json": lambda d: json.dumps(d, default=str)}[fmt_name](data)
    _emit(text, out, fmt_name)


@report.command("compare")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@FORMAT
@OUT
@click.option("--db", help=DB_HELP)
def report_compare(plan_ref: str, fmt_name: str, out: Path | None, db: str | None) -> None:
    """Every candidate on a plan, with pass/fail per threshold."""
    from simulator.hiring import html, reports

    p = _plan_or_exit(plan_ref)
    _, hs = _hiring(db)
    data = reports.compare_report(hs, p)
    text = {"text": reports.compare_text, "csv": reports.compare_csv, "html": html.compare_html,
            "json": lambda d: json.dumps(d, default=str)}[fmt_name](data)
    _emit(text, out, fmt_name)


@report.command("progress")
@click.option("--trainee", required=True, help="Trainee name or ID.")
@FORMAT
@OUT
@click.option("--db", help=DB_HELP)
def report_progress(trainee: str, fmt_name: str, out: Path | None, db: str | None) -> None:
    """A trainee's progress per skill over time (for trainers)."""
    from simulator.hiring import html, reports

    store, hs = _hiring(db)
    data = reports.progress_report(store, hs, trainee)
    text = {"text": reports.progress_text, "csv": reports.progress_csv, "html": html.progress_html,
            "json": lambda d: json.dumps(d, default=str)}[fmt_name](data)
    _emit(text, out, fmt_name)


COMMANDS = (plan, hiring, report)
