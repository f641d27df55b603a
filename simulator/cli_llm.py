"""`callsim doctor` and `callsim judge`: the LLM side of the command line.

Kept apart from simulator.cli so the core CLI never imports the LLM code; register
both with `main.add_command(doctor)` and `main.add_command(judge)`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from simulator.render import LABELS, scorecard_text


def _config_or_exit() -> Any:
    from simulator.llm.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--quick", is_flag=True, help="Skip timing a real customer turn.")
def doctor(as_json: bool, quick: bool) -> None:
    """Check the LLM endpoint: reachable, model offered, structured output, latency."""
    from simulator.llm.doctor import healthy, run_checks

    checks = run_checks(_config_or_exit(), turn_check=not quick)
    if as_json:
        click.echo(json.dumps({"ok": healthy(checks), "checks": [c.__dict__ for c in checks]}))
    else:
        for c in checks:
            click.echo(c.line())
        click.echo("\nThe LLM customer is ready." if healthy(checks) else
                   "\nThe LLM customer would fall back to scripted lines; fix the FAIL above.")
    if not healthy(checks):
        raise SystemExit(1)


def judge_text(card: dict[str, Any], report: dict[str, Any]) -> str:
    """Rule-based score and the judge's beside it, then the judge's item verdicts."""
    out = [f"LLM judge — {report['model']}, {report['ok_runs']}/{report['runs']} runs"
           + (f" ({report['cached_runs']} from cache)" if report["cached_runs"] else ""),
           f"  {'':<20} {'rules':>6}  {'judge':>6}  spread"]
    for dim, d in report["dimensions"].items():
        rule = card["scores"].get(dim, {}).get("value")
        rule_txt = f"{rule:>6.0f}" if rule is not None else f"{'-':>6}"
        judge_txt = f"{d['mean']:>6.0f}" if d["mean"] is not None else f"{'-':>6}"
        spread = f"{d['spread'][0]:.0f}–{d['spread'][1]:.0f}" if d["spread"] else "-"
        out.append(f"  {LABELS.get(dim, dim):<20} {rule_txt}  {judge_txt}  {spread}")
    out.append("")
    for _item_id, item in report["items"].items():
        votes = item["votes"]
        tally = ", ".join(f"{k} {n}" for k, n in votes.items() if n)
        verdict = (item["majority"] or "no valid verdict").upper()
        extra = f"; {item['dropped']} dropped (bad quotes)" if item["dropped"] else ""
        out.append(f"  {verdict:<6} {item['title']} [{tally or '-'}{extra}]")
        for q in item["quotes"]:
            out.append(f"         \"{q}\"")
        if item["reason"]:
            out.append(f"         why: {item['reason'][:160]}")
    for err in report["errors"]:
        out.append(f"  ! a run failed: {err}")
    return "\n".join(out)


@click.command()
@click.argument("transcript_path", type=click.Path(exists=True, path_type=Path))
@click.option("--scenario", "scenario_ref", required=True, help="Scenario id or YAML file.")
@click.option("--runs", type=click.IntRange(1, 10), default=3, show_default=True,
              help="Judge runs; the spread between them is shown.")
@click.option("--no-cache", is_flag=True, help="Judge again even if this call was judged.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def judge(transcript_path: Path, scenario_ref: str, runs: int, no_cache: bool,
          as_json: bool) -> None:
    """Rule-based scores and an LLM judge's verdicts for a saved transcript, side by side."""
    from pydantic import ValidationError

    from scoring import score_call
    from simulator.annotate import annotate
    from simulator.llm.backend import OpenAIBackend
    from simulator.llm.cache import JudgeCache
    from simulator.llm.errors import LLMUnavailable
    from simulator.llm.judge import Judge
    from simulator.loading import ScenarioError, load_scenario, resolve_scenario
    from simulator.transcript import Transcript

    try:
        scenario = load_scenario(resolve_scenario(scenario_ref))
    except (FileNotFoundError, ScenarioError) as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        transcript = Transcript.load(transcript_path)
    except (ValueError, ValidationError) as exc:
        raise click.ClickException(f"{transcript_path}: not a transcript: {exc}") from exc
    card = score_call(annotate(transcript, scenario), scenario).as_dict()
    config = _config_or_exit()
    try:
        backend = OpenAIBackend(config)
    except LLMUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    cache = None if no_cache else JudgeCache()
    report = Judge(backend, config, cache=cache).judge(transcript, scenario, runs=runs).as_dict()
    if as_json:
        click.echo(json.dumps({"scorecard": card, "judge": report}, ensure_ascii=False))
    else:
        click.echo(scorecard_text(card))
        click.echo("")
        click.echo(judge_text(card, report))
    if not report["ok_runs"]:
        click.echo("\nThe judge gave no usable run; the rule-based scores above stand. "
                   "`callsim doctor` checks the endpoint.", err=True)
        raise SystemExit(1)
