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


def _candidate(_ctx: Any, _param: Any, value: str | None) -> str | None:
    """Every --candidate is normalised here, once (trimmed, one case, no control characters)."""
    from simulator.hiring.ids import BadCandidateId, normalise_id

    if value is None:
        return None
    try:
        return normalise_id(value)
    except BadCandidateId as exc:
        raise click.BadParameter(str(exc)) from exc


CANDIDATE = click.option("--candidate", required=True, callback=_candidate,
                         help="Candidate ID (as on the application; case and outer spaces do not matter).")


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
@CANDIDATE
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
    click.echo(f"Session {s['id']}: {s['candidate']} on {p.id}, attempt {s['attempt']} of {p.attempts}.")
    click.echo(f"Parts: {', '.join(p.parts())}; done: {done}.")
    click.echo(f"The candidate takes it in the app (callsim, then Hiring, plan {p.id}, candidate "
               f"{candidate}) or in a browser (callsim hiring invite, then callsim serve).")


@hiring.command("list")
@click.option("--plan", "plan_id", help="Only this plan id.")
@click.option("--db", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def hiring_list(plan_id: str | None, db: str | None, as_json: bool) -> None:
    """Every session: candidate, plan, attempt, parts done, locked or open."""
    from simulator.hiring.ids import printable

    _, hs = _hiring(db)
    rows = hs.sessions(plan_id=plan_id)
    if as_json:
        click.echo(json.dumps([{k: v for k, v in r.items() if k != "plan"} for r in rows]))
        return
    if not rows:
        click.echo("No sessions yet. `callsim hiring start --plan ID --candidate ID` opens one.")
    for r in rows:
        state = "locked" if r["locked"] else "open"
        state = "void" if r["voided"] else state
        click.echo(printable(f"{r['id']:>4}  {r['plan_id']:<20} {r['candidate']:<16} attempt "
                             f"{r['attempt']}  {state:<6} parts: {', '.join(r['parts']) or '-'}"))


@hiring.command("run")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@CANDIDATE
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


@hiring.command("pin")
@click.option("--db", help=DB_HELP)
def hiring_pin(db: str | None) -> None:
    """Set (or change) the manager's PIN: leaving a candidate session in the app needs it.

    Only its scrypt hash is stored (in the database, so every seat shares it).
    """
    from simulator.hiring.store import HiringError

    _, hs = _hiring(db)
    old = click.prompt("Current PIN", hide_input=True) if hs.has_pin() else None
    pin = click.prompt("New PIN", hide_input=True, confirmation_prompt=True)
    try:
        hs.set_pin(pin, old=old)
    except HiringError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("PIN set.")


@hiring.command("invite")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@CANDIDATE
@click.option("--url", "base_url", default="http://localhost:8000", show_default=True,
              help="Where `callsim serve` is reached by the candidate.")
@click.option("--days", type=click.IntRange(1, 90), default=7, show_default=True,
              help="The link stops working after this many days.")
@click.option("--by", default="manager", help="Who sends it (kept with the invitation).")
@click.option("--db", help=DB_HELP)
def hiring_invite(plan_ref: str, candidate: str, base_url: str, days: int, by: str,
                  db: str | None) -> None:
    """Print a one-time link that opens the candidate's locked session in a browser."""
    from simulator.hiring.invites import Invites
    from simulator.hiring.store import HiringError

    p = _plan_or_exit(plan_ref)
    _, hs = _hiring(db)
    try:
        token = Invites(hs).create(p.id, candidate, by=by, days=days)
    except HiringError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{base_url.rstrip('/')}/?invite={token}")
    click.echo(f"One use, for {candidate} on {p.id}, valid {days} day(s). Serve it with "
               f"`callsim serve`.", err=True)


@hiring.command("candidate-app", hidden=True)
@click.option("--session", "session_id", type=int, help="An open session (what `serve` starts).")
@click.option("--plan", "plan_ref", help="Or: plan id, with --candidate.")
@click.option("--candidate", callback=_candidate, help="Candidate ID, with --plan.")
@click.option("--remote", is_flag=True, help="In a browser: no microphone parts, a typed call.")
@click.option("--db", help=DB_HELP)
def hiring_candidate_app(session_id: int | None, plan_ref: str | None, candidate: str | None,
                         remote: bool, db: str | None) -> None:
    """The app opened straight on a locked candidate session (nothing else reachable)."""
    from simulator.hiring.models import Plan
    from simulator.hiring.store import HiringError

    store, hs = _hiring(db)
    try:
        if session_id is not None:
            session = hs.session(session_id)
            plan_obj = Plan.model_validate(session["plan"])
        elif plan_ref and candidate:
            plan_obj = _plan_or_exit(plan_ref)
            session = hs.start(plan_obj, candidate)
        else:
            raise click.UsageError("give --session, or --plan and --candidate")
    except (HiringError, KeyError) as exc:
        raise click.ClickException(str(exc.args[0] if exc.args else exc)) from exc
    from tui_hiring import CandidateApp

    CandidateApp(plan_obj, session, store=store, remote=remote).run()


# -- session admin: every action needs who and why, and is logged ------------------------------
BY = click.option("--by", required=True, help="Who is doing this (kept in the log).")
WHY = click.option("--reason", required=True, help="Why (kept in the log).")


@hiring.group("admin")
def hiring_admin() -> None:
    """Manager actions on sessions: void, grant, override, anonymise, delete, log."""


def _admin(db: str | None, action: Any) -> None:
    from simulator.hiring.store import HiringError

    _, hs = _hiring(db)
    try:
        message = action(hs)
    except HiringError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    click.echo(message)


SESSION = click.option("--session", "session_id", required=True, type=int, help="Session number.")
PART = click.option("--part", required=True,
                    type=click.Choice(["read_aloud", "call", "typing", "data_entry", "ten_key"]))
DB = click.option("--db", help=DB_HELP)


@hiring_admin.command("void")
@SESSION
@BY
@WHY
@DB
def admin_void(session_id: int, by: str, reason: str, db: str | None) -> None:
    """Void a session: it no longer counts in reports (an attempt is still used)."""
    _admin(db, lambda hs: (hs.void(session_id, by=by, reason=reason), f"Session {session_id} voided.")[1])


@hiring_admin.command("grant-attempt")
@click.option("--plan", "plan_ref", required=True, help="Plan id or YAML file.")
@CANDIDATE
@BY
@WHY
@DB
def admin_grant_attempt(plan_ref: str, candidate: str, by: str, reason: str, db: str | None) -> None:
    """One more session for the candidate on the plan."""
    p = _plan_or_exit(plan_ref)
    _admin(db, lambda hs: (hs.grant_attempt(p.id, candidate, by=by, reason=reason),
                           f"{candidate} may start one more session on {p.id}.")[1])


@hiring_admin.command("grant-retry")
@SESSION
@PART
@BY
@WHY
@DB
def admin_grant_retry(session_id: int, part: str, by: str, reason: str, db: str | None) -> None:
    """Let the candidate take an interrupted part again (the cut-off try is kept)."""
    _admin(db, lambda hs: (hs.grant_retry(session_id, part, by=by, reason=reason),
                           f"Session {session_id}: {part} may be taken again.")[1])


@hiring_admin.command("extra-time")
@SESSION
@PART
@click.option("--seconds", required=True, type=click.IntRange(1, 3600))
@BY
@WHY
@DB
def admin_extra_time(session_id: int, part: str, seconds: int, by: str, reason: str,
                     db: str | None) -> None:
    """Extra time on a keyboard part (an accommodation), before the part starts."""
    _admin(db, lambda hs: (hs.grant_time(session_id, part, seconds, by=by, reason=reason),
                           f"Session {session_id}: {part} gets {seconds} s more.")[1])


@hiring_admin.command("override")
@SESSION
@PART
@click.option("--score", "value", required=True, type=float,
              help="The rater's value of the part's pass-mark metric.")
@BY
@WHY
@DB
def admin_override(session_id: int, part: str, value: float, by: str, reason: str,
                   db: str | None) -> None:
    """A rater's score beside the machine's (both kept; the rater's decides the pass mark)."""
    _admin(db, lambda hs: (hs.override(session_id, part, value, by=by, reason=reason),
                           f"Session {session_id}: {part} rated {value:g} by {by}.")[1])


@hiring_admin.command("anonymise")
@CANDIDATE
@BY
@WHY
@DB
def admin_anonymise(candidate: str, by: str, reason: str, db: str | None) -> None:
    """Replace the candidate's ID everywhere (results stay, without the ID)."""
    _admin(db, lambda hs: f"{candidate} is now {hs.anonymise(candidate, by=by, reason=reason)}.")


@hiring_admin.command("delete")
@CANDIDATE
@BY
@WHY
@click.option("--yes", is_flag=True, help="Do not ask.")
@DB
def admin_delete(candidate: str, by: str, reason: str, yes: bool, db: str | None) -> None:
    """Delete the candidate's sessions, results and interview calls (on request)."""
    if not yes:
        click.confirm(f"Delete every result of {candidate}? This cannot be undone", abort=True)
    _admin(db, lambda hs: f"Deleted {hs.delete_candidate(candidate, by=by, reason=reason)} "
                          f"session(s) of {candidate}.")


@hiring_admin.command("log")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@DB
def admin_log(as_json: bool, db: str | None) -> None:
    """Every manager action: when, who, what, why."""
    from simulator.hiring.ids import printable

    _, hs = _hiring(db)
    rows = hs.admin_log()
    if as_json:
        click.echo(json.dumps(rows))
        return
    for a in rows:
        where = " ".join(x for x in (a["candidate"] or "", a["plan_id"] or "",
                                    f"session {a['session_id']}" if a["session_id"] else "",
                                    a["part"] or "", json.dumps(a["data"]) if a["data"] else "") if x)
        click.echo(printable(f"{a['at'][:16].replace('T', ' ')}  {a['by']:<12} {a['action']:<14} "
                             f"{where}  {a['reason']}"))


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
@CANDIDATE
@click.option("--format", "fmt_name", type=click.Choice(["text", "csv", "html", "json", "pdf"]),
              default="text", show_default=True, help="pdf: the HTML page printed by Chromium.")
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
    if fmt_name == "pdf":
        from simulator.hiring.pdf import PdfError, html_to_pdf

        if out is None:
            raise click.UsageError("--format pdf needs --out FILE")
        try:
            html_to_pdf(html.candidate_html(data), out)
        except PdfError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"wrote {out}", err=not sys.stdout.isatty())
        return
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


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", help="The address candidates use, if not http://HOST:PORT "
                                   "(behind a proxy).")
@click.option("--db", help=DB_HELP)
def serve(host: str, port: int, public_url: str | None, db: str | None) -> None:
    """Serve candidate sessions in the browser; each opens with a one-time link
    (`callsim hiring invite`). Needs the `serve` extra (textual-serve)."""
    try:
        from simulator.hiring.serve import make_server
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise click.ClickException(f"callsim serve needs textual-serve: pip install "
                                   f"'callsim[serve]' ({exc})") from exc
    from simulator.store import Store

    url = Store(db).engine.url.render_as_string(hide_password=False)
    make_server(url, host=host, port=port, public_url=public_url).serve()


COMMANDS = (plan, hiring, report, serve)
