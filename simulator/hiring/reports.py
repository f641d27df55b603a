"""Reports: one candidate's result, all candidates on a plan, a trainee's progress.

Each report is built once as plain data (a dict) and then rendered as text, CSV or
HTML (`simulator.hiring.html`), so the numbers a manager reads on screen, in a
spreadsheet and in the standalone page are the same numbers.
"""

from __future__ import annotations

import io
from typing import Any

from simulator.hiring.models import PART_LABELS, PART_ORDER, Plan
from simulator.hiring.store import HiringStore
from simulator.privacy import csv_writer
from simulator.render import LABELS

# The numbers each part reports, in column order: (metric, label, unit).
METRICS: dict[str, list[tuple[str, str, str]]] = {
    "read_aloud": [("diction", "Diction", "")],
    "call": [("overall", "Call score", "")],
    "typing": [("wpm", "WPM", ""), ("raw", "Raw WPM", ""), ("accuracy", "Accuracy", "%"),
               ("consistency", "Consistency", "%")],
    "data_entry": [("score", "Data entry score", ""), ("accuracy", "Fields right", "%"),
                   ("kph", "Data entry KPH", ""), ("seconds", "Data entry time", "s")],
    "ten_key": [("accuracy", "10-key accuracy", "%"), ("net_kph", "10-key net KPH", ""),
                ("kph", "10-key KPH", ""), ("seconds", "10-key time", "s")],
}
SHORT = {"read_aloud": "Read", "call": "Call", "typing": "Typing", "data_entry": "Entry",
         "ten_key": "10-key"}


def fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        text = f"{value:.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:.1f}"
        return text + unit
    return str(value)


def verdict(value: bool | None) -> str:
    return "pass" if value else ("not taken" if value is None else "fail")


UNFINISHED = {"not_taken": "not taken", "in_progress": "in progress (not finished)",
              "interrupted": "interrupted", "retry_granted": "retry granted, not taken"}


def part_status(result: dict[str, Any] | None) -> str | None:
    """None for a finished part, else what happened to it, in words."""
    status = (result or {"status": "not_taken"}).get("status")
    return UNFINISHED.get(str(status)) if status else None


def part_times(result: dict[str, Any] | None) -> tuple[str | None, str | None, float | None]:
    """(start, end, seconds) of a part as recorded (a scripted part has only its end)."""
    r = result or {}
    return r.get("started_at"), r.get("ended_at"), r.get("duration_s")


def sheet_date(iso: str | None) -> str:
    """`2026-12-03 13:27:05` (UTC): the form spreadsheets read as a date and time; the
    ISO form with `T`, fractions and `+00:00` is read as text."""
    return iso[:19].replace("T", " ") if iso else ""


def hhmm(iso: str | None) -> str:
    return iso[11:19] if iso else "-"


def session_seconds(session: dict[str, Any]) -> float | None:
    """Total time on the parts (their durations added), None if none was timed."""
    times = [part_times(r)[2] for r in session["parts"].values()]
    known = [t for t in times if isinstance(t, int | float)]
    return round(sum(known), 1) if known else None


# -- judging a session --------------------------------------------------------------------------
def evaluate(session: dict[str, Any]) -> dict[str, Any]:
    """Every threshold of the session's own copy of the plan, checked against its results."""
    plan = Plan.model_validate(session["plan"])
    overrides = session.get("overrides") or {}
    main_metric: dict[str, str] = {}
    for th in plan.thresholds():
        main_metric.setdefault(th.part, th.metric)  # a rater's score replaces the first mark
    checks = []
    for th in plan.thresholds():
        result = session["parts"].get(th.part)
        if part_status(result) is not None:
            result = None
        ok = th.check(result)
        value = None if ok is None else (result or {}).get(th.metric)
        check = {"key": th.key, "part": th.part, "metric": th.metric, "label": th.label,
                 "minimum": th.minimum, "value": value, "passed": ok, "machine_value": value,
                 "override": None}
        ov = overrides.get(th.part)
        if ov is not None and main_metric[th.part] == th.metric:
            check.update(value=ov["data"].get("value"), override=ov,
                         passed=float(ov["data"].get("value", 0)) >= th.minimum)
        checks.append(check)
    passed = bool(checks) and all(c["passed"] for c in checks)
    return {"plan": plan, "checks": checks, "passed": passed}


def metric_columns(plan: Plan) -> list[tuple[str, str, str, str]]:
    """(part, metric, label, unit) for every number the plan's parts produce."""
    return [(part, m, label, unit) for part in PART_ORDER if part in plan.parts()
            for m, label, unit in METRICS[part]]


def _value(session: dict[str, Any], part: str, metric: str) -> Any:
    result = session["parts"].get(part) or {}
    if part_status(result) is not None:
        return None
    return result.get(metric)


# -- one candidate -------------------------------------------------------------------------------
def candidate_report(hiring: HiringStore, plan_id: str, candidate: str) -> dict[str, Any]:
    """The candidate's latest submitted session on the plan (or the open one if none)."""
    sessions = hiring.sessions(plan_id=plan_id, candidate=candidate)
    if not sessions:
        raise KeyError(f"no session for candidate '{candidate}' on plan '{plan_id}'")
    submitted = [s for s in sessions if s["locked"] and not s["voided"]]
    session = (submitted or sessions)[-1]
    judged = evaluate(session)
    plan: Plan = judged["plan"]
    parts = []
    for part in plan.parts():
        result = session["parts"].get(part) or {"status": "not_taken"}
        parts.append({"part": part, "label": PART_LABELS[part], "result": result,
                      "metrics": [(label, _value(session, part, m), unit)
                                  for m, label, unit in METRICS[part]]})
    return {"kind": "candidate", "plan_id": plan.id, "plan_title": plan.title,
            "candidate": session["candidate"], "session": session, "parts": parts,
            "evidence": part_evidence(hiring, session),
            "checks": judged["checks"], "passed": judged["passed"],
            "attempts": f"{session['attempt']} of {plan.attempts}"}


# -- evidence: what a person needs to re-score ------------------------------------------------------
def part_evidence(hiring: HiringStore, session: dict[str, Any]) -> dict[str, Any]:
    """The call's transcript with its scorecard's reasons and quotes, and the recordings of
    the call and the read-aloud, so a rater can check (and override) the machine's score."""
    store = getattr(hiring, "store", None)
    if store is None:
        return {}
    out: dict[str, Any] = {}
    call = session["parts"].get("call") or {}
    attempt = call.get("attempt_id") or (call.get("so_far") or {}).get("call_attempt")
    if attempt:
        out["call"] = _call_evidence(store, int(attempt))
    readings = (session["parts"].get("read_aloud") or {}).get("passages") or \
        ((session["parts"].get("read_aloud") or {}).get("so_far") or {}).get("readings") or []
    clips = []
    for r in readings:
        if r.get("attempt_id"):
            clips += [dict(c, passage_id=r.get("passage_id"), heard=r.get("heard"))
                      for c in _recordings(store, int(r["attempt_id"]))]
    if clips:
        out["read_aloud"] = {"recordings": clips}
    return out


def _recordings(store: Any, attempt_id: int) -> list[dict[str, Any]]:
    try:
        from simulator.recording import Recordings

        return Recordings(store).for_attempt(attempt_id)
    except Exception:  # no recordings table or folder: the report goes on without audio
        return []


def _call_evidence(store: Any, attempt_id: int) -> dict[str, Any]:
    try:
        transcript = store.transcript(attempt_id)
    except KeyError:
        return {"attempt_id": attempt_id, "transcript": [], "scores": []}
    lines = []
    for ev in transcript.events:
        if ev.kind == "say" and ev.text:
            lines.append({"turn": ev.turn, "speaker": ev.speaker, "text": ev.text})
        elif ev.kind == "action" and ev.action:
            args = " ".join(f"{k}={v}" for k, v in (ev.args or {}).items())
            lines.append({"turn": ev.turn, "speaker": ev.speaker, "text": f"[{ev.action} {args}]".strip()})
    card = store.scorecard(attempt_id) or {}
    scores = [{"name": name, "label": LABELS.get(name, name.replace("_", " ").capitalize()),
               "value": sc.get("value"), "reasons": list(sc.get("reasons", [])),
               "evidence": list(sc.get("evidence", []))} for name, sc in card.get("scores", {}).items()]
    return {"attempt_id": attempt_id, "finished": bool(card), "transcript": lines, "scores": scores,
            "recordings": _recordings(store, attempt_id)}


def evidence_text(evidence: dict[str, Any]) -> list[str]:
    out: list[str] = []
    call = evidence.get("call")
    if call:
        out += ["", f"Evidence: the role-play call (attempt {call['attempt_id']}"
                    + ("" if call.get("finished") else ", not finished") + ")"]
        for sc in call["scores"]:
            out.append(f"  {sc['label']}: {fmt(sc['value'])}")
            for reason in sc["reasons"][:4]:
                out.append(f"      - {reason}")
            for e in sc["evidence"][:4]:
                out.append(f"      turn {e['turn']}: \"{e['quote']}\" ({e['note']})")
        out.append("  Transcript:")
        for line in call["transcript"][:80]:
            out.append(f"    {line['turn']:>3} {line['speaker']:<9} {line['text']}")
        for rec in call.get("recordings", []):
            out.append(f"  audio, turn {rec['turn']} ({rec['speaker']}): {rec['path']}")
    for rec in (evidence.get("read_aloud") or {}).get("recordings", []):
        out.append(f"  read-aloud {rec.get('passage_id')}: {rec['path']}")
    return out


def candidate_text(report: dict[str, Any]) -> str:
    s = report["session"]
    state = f"submitted {s['submitted_at'][:16].replace('T', ' ')}" if s["locked"] else "NOT SUBMITTED"
    total = session_seconds(s)
    out = [f"Candidate {report['candidate']} — {report['plan_title']} ({report['plan_id']})",
           f"Attempt {report['attempts']}, {state}. Overall: {'PASS' if report['passed'] else 'FAIL'}"
           + (f". Time on the parts: {fmt(total)} s" if total is not None else ""), ""]
    if s.get("voided"):
        v = s["voided"]
        out.insert(2, f"VOID: {v['at'][:16].replace('T', ' ')} by {v['by']}: {v['reason']}")
    for p in report["parts"]:
        r = p["result"]
        start, end, secs = part_times(r)
        when = f"  [{hhmm(start)}–{hhmm(end)}, {fmt(secs)} s]" if start or end else ""
        status = part_status(r)
        if status is not None:
            out.append(f"  {p['label']}: {status}" + (f" ({r['reason']})" if r.get("reason") else "")
                       + when)
            if r.get("so_far"):
                done = ", ".join(f"{k}: {v}" for k, v in r["so_far"].items())
                out.append(f"      done so far: {done[:300]}")
            continue
        figures = ", ".join(f"{label} {fmt(v, unit)}" for label, v, unit in p["metrics"])
        out.append(f"  {p['label']}: {figures}{when}")
        for prev in r.get("previous", []):
            out.append(f"      earlier try: {part_status(prev) or 'finished'}"
                       f" at {hhmm(prev.get('started_at'))} (retry granted)")
        if r.get("incomplete") and r.get("scored_over"):
            out.append(f"      stopped early at {fmt(r.get('measured_seconds'))} s: scored over the "
                       f"full {fmt(r['scored_over'])} s ({fmt(r.get('measured_wpm'))} wpm while typing)")
        elif r.get("incomplete"):
            out.append("      incomplete: " + (f"not read: {', '.join(r.get('unread', []))}"
                                               if r.get("unread") else "stopped early"))
        if r.get("too_fast"):
            out.append(f"      FLAG: keys faster than a person types ({fmt(r.get('fastest_cps'))} a second)")
        if r.get("pastes_refused"):
            out.append(f"      pastes refused: {r['pastes_refused']}")
        if p["part"] == "typing" and r.get("errors_per_key"):
            worst = sorted(r["errors_per_key"].items(), key=lambda kv: -kv[1])[:8]
            out.append("      errors per key: " + ", ".join(f"{k}×{n}" for k, n in worst))
        if p["part"] in ("data_entry", "ten_key"):
            for f in r.get("fields", []):
                mark = "ok " if f["correct"] else "XX "
                why = f"  ({f['reason']})" if f.get("reason") else ""
                typed = "" if f["correct"] or f.get("not_keyed") else \
                    f"  typed '{f.get('entered', '')}', expected '{f.get('expected', '')}'"
                out.append(f"      {mark}{f['field']:<8} {fmt(f['score'])}{why}{typed}")
    out += ["", "Pass marks:"]
    for c in report["checks"]:
        out.append(f"  {c['label']:<20} {fmt(c['value']):>7} (min {fmt(c['minimum'])})  "
                   f"{verdict(c['passed'])}")
        if c.get("override"):
            ov = c["override"]
            out.append(f"      rater {ov['by']} on {ov['at'][:16].replace('T', ' ')}: "
                       f"{fmt(c['value'])} (machine {fmt(c['machine_value'])}): {ov['reason']}")
    out += evidence_text(report.get("evidence") or {})
    return "\n".join(out)


# -- all candidates on a plan -------------------------------------------------------------------
def compare_report(hiring: HiringStore, plan: Plan) -> dict[str, Any]:
    """Each candidate's latest submitted session on the plan, side by side."""
    from datetime import UTC, datetime

    latest: dict[str, dict[str, Any]] = {}
    for s in hiring.sessions(plan_id=plan.id, submitted_only=True, include_void=False):
        latest[s["candidate"]] = s  # sessions come oldest first: the last one wins
    columns = metric_columns(plan)
    rows = []
    for candidate in latest:
        s = latest[candidate]
        judged = evaluate(s)
        rows.append({"candidate": candidate, "attempt": s["attempt"], "submitted_at": s["submitted_at"],
                     "values": [_value(s, part, m) for part, m, _, _ in columns],
                     "checks": judged["checks"], "passed": judged["passed"],
                     "score": _rank_score(judged["checks"]), "total_seconds": session_seconds(s),
                     "times": {part: part_times(s["parts"].get(part))[2] for part in plan.parts()},
                     "statuses": {part: part_status(s["parts"].get(part)) for part in plan.parts()},
                     "overridden": any(c.get("override") for c in judged["checks"])})
    # passes first, then by how far above (or below) the marks, then by ID
    rows.sort(key=lambda r: (not r["passed"], -r["score"], r["candidate"]))
    passed = sum(r["passed"] for r in rows)
    return {"kind": "compare", "plan_id": plan.id, "plan_title": plan.title,
            "columns": columns, "thresholds": [(t.key, t.label, t.minimum) for t in plan.thresholds()],
            "rows": rows, "parts": plan.parts(),
            "summary": f"{passed} of {len(rows)} pass", "generated_at": datetime.now(UTC).isoformat()}


def _rank_score(checks: list[dict[str, Any]]) -> float:
    """Mean of value / minimum over the marks (a part not taken counts 0): one number to
    order candidates with the same result."""
    ratios = [(float(c["value"]) / c["minimum"]) if c["minimum"] and c["value"] is not None
              else (1.0 if c["passed"] else 0.0) for c in checks]
    return round(sum(ratios) / len(ratios), 4) if ratios else 0.0


def compare_text(report: dict[str, Any]) -> str:
    rows = report["rows"]
    out = [f"Plan {report['plan_id']} — {report['plan_title']}: {report.get('summary', len(rows))}"
           f" (generated {str(report.get('generated_at', ''))[:16].replace('T', ' ')} UTC)", ""]
    if not rows:
        return "\n".join([*out, "No submitted sessions yet."])
    ths = report["thresholds"]
    head = f"{'candidate':<16}" + "".join(f"{label[:14]:>16}" for _, label, _ in ths) + "  result"
    out.append(head)
    out.append(f"{'(pass mark)':<16}" + "".join(f"{'>= ' + fmt(m):>16}" for _, _, m in ths))
    for r in rows:
        cells = ""
        for c in r["checks"]:
            cells += f"{fmt(c['value']) + (' ok' if c['passed'] else ' FAIL'):>16}"
        out.append(f"{r['candidate'][:16]:<16}{cells}  {'PASS' if r['passed'] else 'FAIL'}")
    out += ["", "All figures:"]
    for r in rows:
        figures = ", ".join(f"{label} {fmt(v, unit)}" for (_, _, label, unit), v
                            in zip(report["columns"], r["values"], strict=True))
        out.append(f"  {r['candidate']}: {figures}")
    return "\n".join(out)


def compare_csv(report: dict[str, Any]) -> str:
    """One row per candidate: every figure, then pass/fail per threshold, then the verdict."""
    buf = io.StringIO()
    w = csv_writer(buf)  # formula cells made inert (OWASP)
    w.writerow(["candidate", "attempt", "submitted_at"]
               + [f"{part}.{m}" for part, m, _, _ in report["columns"]]
               + [f"pass:{key}>={fmt(minimum)}" for key, _, minimum in report["thresholds"]]
               + ["passed"] + [f"{part}.seconds_on_part" for part in report.get("parts", [])]
               + ["total_seconds", "rater_override"])
    for r in report["rows"]:
        w.writerow([r["candidate"], r["attempt"], sheet_date(r["submitted_at"])]
                   + ["" if v is None else v for v in r["values"]]
                   + [verdict(c["passed"]) for c in r["checks"]]
                   + ["pass" if r["passed"] else "fail"]
                   + ["" if r.get("times", {}).get(p) is None else r["times"][p]
                      for p in report.get("parts", [])]
                   + ["" if r.get("total_seconds") is None else r["total_seconds"],
                      "yes" if r.get("overridden") else "no"])
    return buf.getvalue()


def candidate_csv(report: dict[str, Any]) -> str:
    """One row per figure: part, metric, value (and each pass mark)."""
    buf = io.StringIO()
    w = csv_writer(buf)  # formula cells made inert (OWASP)
    w.writerow(["candidate", "plan", "part", "metric", "value", "minimum", "result"])
    marks = {(c["part"], c["metric"]): c for c in report["checks"]}
    for p in report["parts"]:
        for m, _label, _unit in METRICS[p["part"]]:
            value = _value(report["session"], p["part"], m)
            c = marks.get((p["part"], m))
            w.writerow([report["candidate"], report["plan_id"], p["part"], m,
                        "" if value is None else value, "" if c is None else c["minimum"],
                        "" if c is None else verdict(c["passed"])])
    for p in report["parts"]:
        start, end, secs = part_times(p["result"])
        for metric, value in (("started_at", sheet_date(start)), ("ended_at", sheet_date(end)),
                              ("seconds_on_part", secs),
                              ("status", part_status(p["result"]) or "finished")):
            w.writerow([report["candidate"], report["plan_id"], p["part"], metric,
                        "" if value is None else value, "", ""])
    for c in report["checks"]:
        if c.get("override"):
            ov = c["override"]
            w.writerow([report["candidate"], report["plan_id"], c["part"], f"{c['metric']}.machine",
                        c["machine_value"], c["minimum"], ""])
            w.writerow([report["candidate"], report["plan_id"], c["part"], f"{c['metric']}.rater",
                        c["value"], c["minimum"], f"{ov['by']} {ov['at']}: {ov['reason']}"])
    w.writerow([report["candidate"], report["plan_id"], "overall", "total_seconds",
                "" if session_seconds(report["session"]) is None else session_seconds(report["session"]),
                "", ""])
    w.writerow([report["candidate"], report["plan_id"], "overall", "passed", "", "",
                "pass" if report["passed"] else "fail"])
    return buf.getvalue()


# -- a trainee's progress --------------------------------------------------------------------------
PRACTICE_SKILLS = {"typing": [("wpm", "Typing WPM"), ("accuracy", "Typing accuracy")],
                   "data_entry": [("score", "Data entry score")],
                   "ten_key": [("net_kph", "10-key net KPH")]}


def progress_report(store: Any, hiring: HiringStore, trainee: str) -> dict[str, Any]:
    """Each skill's score over time: call scorecards, keyboard practice and interviews."""
    series: dict[str, list[dict[str, Any]]] = {}

    def add(skill: str, when: str | None, value: Any, source: str) -> None:
        if isinstance(value, int | float) and when:
            series.setdefault(skill, []).append({"at": when, "value": float(value), "source": source})

    for row in reversed(store.attempts(trainee=trainee, limit=1000)):
        if not row["finished"] or row["overall"] is None:
            continue
        card = store.scorecard(row["id"]) or {}
        if row.get("mode") == "phone_test":  # a read-aloud, not a call: its score is diction
            add("Read-aloud diction", row["started_at"], row["overall"], f"reading {row['id']}")
            continue
        source = f"call {row['id']} {row['scenario_id']}"
        add("Overall call score", row["started_at"], row["overall"], source)
        for name, score in card.get("scores", {}).items():
            add(LABELS.get(name, name), row["started_at"], score.get("value"), source)
    for r in hiring.practice(trainee):
        for metric, label in PRACTICE_SKILLS.get(r["kind"], []):
            add(label, r["created_at"], r["result"].get(metric), f"practice {r['test_id']}")
    for s in hiring.sessions(candidate=trainee, submitted_only=True):
        for part, metrics in PRACTICE_SKILLS.items():
            for metric, label in metrics:
                add(label, s["submitted_at"], _value(s, part, metric), f"interview {s['plan_id']}")
    for points in series.values():
        points.sort(key=lambda p: p["at"])
    skills = []
    for skill in sorted(series, key=lambda k: (k != "Overall call score", k)):
        pts = series[skill]
        values = [p["value"] for p in pts]
        skills.append({"skill": skill, "points": pts, "first": values[0], "last": values[-1],
                       "best": max(values), "change": values[-1] - values[0], "count": len(values)})
    return {"kind": "progress", "trainee": trainee, "skills": skills}


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return "".join(SPARK[min(7, int((v - lo) / span * 7.999))] for v in values[-24:])


def progress_text(report: dict[str, Any]) -> str:
    out = [f"Progress — {report['trainee']}", ""]
    if not report["skills"]:
        return "\n".join([*out, "Nothing scored yet."])
    out.append(f"{'skill':<22} {'n':>3} {'first':>7} {'last':>7} {'best':>7} {'change':>7}  trend")
    for s in report["skills"]:
        change = f"{s['change']:+.0f}"
        out.append(f"{s['skill'][:22]:<22} {s['count']:>3} {fmt(s['first']):>7} {fmt(s['last']):>7} "
                   f"{fmt(s['best']):>7} {change:>7}  {sparkline([p['value'] for p in s['points']])}")
    return "\n".join(out)


def progress_csv(report: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv_writer(buf)  # formula cells made inert (OWASP)
    w.writerow(["trainee", "skill", "at", "value", "source"])
    for s in report["skills"]:
        for p in s["points"]:
            w.writerow([report["trainee"], s["skill"], p["at"], p["value"], p["source"]])
    return buf.getvalue()
