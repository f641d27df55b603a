"""Standalone HTML reports with charts drawn as inline SVG.

One file, no scripts, no fonts or styles from elsewhere: a manager can mail it, open
it offline, or print it, and it looks the same. Charts are plain SVG built here
(bars with a dashed pass-mark line; lines for progress over time), each with a
<title> and a data table beside it so the numbers stay readable without the picture.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from simulator.hiring.reports import fmt, hhmm, part_status, part_times, session_seconds, verdict
from simulator.render import LABELS

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 980px; color: #1d2430; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.sub { color: #5b6472; margin-top: 0; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid #d5d9e0; padding: .3rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f1f3f6; }
.pass { color: #116329; font-weight: 600; } .fail { color: #b42318; font-weight: 600; }
.na { color: #8a919c; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.flag { color: #b42318; } .note { color: #5b6472; font-size: .9rem; }
.transcript td { text-align: left; vertical-align: top; } .quote { font-style: italic; }
@media print { audio { display: none; } h2 { break-after: avoid; } }
figure { margin: 0; } figcaption { font-size: .85rem; color: #5b6472; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2430; }
"""
COLOURS = ["#2f6fde", "#e07b24", "#2a9d6f", "#a04cc8", "#d2423b", "#6b7a8f", "#c9a227", "#1fa2b8"]


def page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n"
            f"<body>\n{body}\n</body></html>\n")


def _cls(ok: bool | None) -> str:
    return "pass" if ok else ("na" if ok is None else "fail")


# -- charts ----------------------------------------------------------------------------------
def _frame(title: str, chart_id: str, width: int, height: int, left: int, top: int, plot_h: float,
           low: float, span: float) -> list[str]:
    """The start of a chart: the SVG element, its title, the x axis and five value
    gridlines from `low` to `low + span`. The caller adds the data and closes it."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{escape(chart_id)}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
             f"<title>{escape(title)}</title>",
             f'<text x="{left}" y="14" font-weight="600">{escape(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 12}" y2="{top + plot_h}" stroke="#888"/>']
    for tick in range(5):
        v = low + span * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(v)}</text>')
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" stroke="#eee"/>')
    return parts


def nice_top(value: float, *, percent: bool = False) -> float:
    """The axis end: 100 for percentages up to 100, else 1, 2, 2.5 or 5 times a power of ten
    above `value` (a little headroom for the value labels)."""
    if percent and value <= 100:
        return 100.0
    import math

    target = value * 1.05
    power = 10 ** math.floor(math.log10(target))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= target:
            return float(step * power)
    return float(10 * power)


def bar_chart(title: str, labels: list[str], values: list[float | None], *,
              threshold: float | None = None, unit: str = "", chart_id: str = "") -> str:
    """Vertical bars, one per label; a dashed line marks the pass mark.

    Names that would run into each other under their bars (ten candidates) are written
    slanted, and the value axis ends at a round number (100 for percentages).
    """
    width, left, top = 420, 44, 24
    n = max(len(labels), 1)
    slot = (width - left - 12) / n
    longest = max((len(label[:14]) for label in labels), default=0)
    slanted = longest * 6.5 > slot
    bottom = 36 + (int(longest * 4.8) if slanted else 0)
    if slanted:  # room on the left for the first slanted name
        left += int(longest * 3.5)
        slot = (width - left - 12) / n
    height = 184 + bottom
    plot_h = height - top - bottom
    known = [v for v in values if v is not None]
    vmax = nice_top(max([*known, threshold or 0.0, 1.0]), percent=unit == "%")
    bar_w = min(48.0, slot * 0.6)
    parts = _frame(title, chart_id, width, height, left, top, plot_h, 0.0, vmax)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        if value is not None:
            h = plot_h * value / vmax
            ok = threshold is None or value >= threshold
            colour = COLOURS[0] if threshold is None else ("#2a9d6f" if ok else "#d2423b")
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{colour}" data-label="{escape(label)}" '
                         f'data-value="{value}"><title>{escape(label)}: {fmt(value, unit)}</title></rect>')
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - h - 4:.1f}" '
                         f'text-anchor="middle">{fmt(value, unit)}</text>')
        else:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - 4:.1f}" '
                         f'text-anchor="middle" fill="#8a919c">n/a</text>')
        lx, ly = x + bar_w / 2, top + plot_h + 14
        if slanted:
            parts.append(f'<text class="label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="end" '
                         f'transform="rotate(-40 {lx:.1f} {ly:.1f})">{escape(label[:14])}</text>')
        else:
            parts.append(f'<text class="label" x="{lx:.1f}" y="{ly:.1f}" '
                         f'text-anchor="middle">{escape(label[:14])}</text>')
    if threshold is not None:
        y = top + plot_h - plot_h * threshold / vmax
        parts.append(f'<line class="threshold" x1="{left}" y1="{y:.1f}" x2="{width - 12}" y2="{y:.1f}" '
                     f'stroke="#b42318" stroke-dasharray="5 4"/>')
        parts.append(f'<text x="{width - 14}" y="{y - 4:.1f}" text-anchor="end" fill="#b42318">'
                     f'pass {fmt(threshold, unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, series: list[tuple[str, list[float]]], *, x_labels: list[str] | None = None,
               chart_id: str = "") -> str:
    """One or more lines over equally spaced points (seconds, or attempts in order)."""
    width, height, left, bottom, top = 460, 220, 44, 30, 24
    plot_w, plot_h = width - left - 12, height - top - bottom
    values = [v for _, pts in series for v in pts]
    vmax = max([*values, 1.0]) * 1.1
    vmin = min([*values, 0.0])
    span = (vmax - vmin) or 1.0
    n = max((len(pts) for _, pts in series), default=1)
    parts = _frame(title, chart_id, width, height, left, top, plot_h, vmin, span)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        return x, top + plot_h - plot_h * (v - vmin) / span

    for k, (name, pts) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(pts)))
        parts.append(f'<polyline class="series" data-series="{escape(name)}" points="{coords}" '
                     f'fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, v in enumerate(pts):
            x, y = xy(i, v)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
                         f'<title>{escape(name)}: {fmt(v)}</title></circle>')
        parts.append(f'<text x="{width - 14}" y="{top + 12 + 13 * k}" text-anchor="end" '
                     f'fill="{colour}">{escape(name)}</text>')
    if x_labels:
        for i in sorted({0, n - 1}):
            if i < len(x_labels):
                x, _ = xy(i, vmin)
                parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                             f'{escape(x_labels[i])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _figure(svg: str, caption: str = "") -> str:
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f"<figure>{svg}{cap}</figure>"


# -- reports --------------------------------------------------------------------------------
def compare_html(report: dict[str, Any]) -> str:
    rows = report["rows"]
    names = [r["candidate"] for r in rows]
    body = [f"<h1>Candidates — {escape(report['plan_title'])}</h1>",
            f"<p class=\"sub\">Plan <code>{escape(report['plan_id'])}</code> · "
            f"<strong id=\"summary\">{escape(report.get('summary', f'{len(rows)} candidate(s)'))}</strong> "
            f"· latest submitted session each, passes first · generated "
            f"{escape(str(report.get('generated_at', ''))[:16].replace('T', ' '))} UTC</p>",
            "<h2>Pass marks</h2><table id=\"verdicts\"><thead><tr><th>Candidate</th>"]
    body += [f"<th>{escape(label)}<br><small>≥ {fmt(minimum)}</small></th>"
             for _, label, minimum in report["thresholds"]]
    body.append("<th>Time</th><th>Result</th></tr></thead><tbody>")
    for r in rows:
        cells = "".join(f"<td class=\"{_cls(c['passed'])}\" data-key=\"{escape(c['key'])}\">"
                        f"{fmt(c['value'])} {verdict(c['passed'])}"
                        + (" <small>(rater)</small>" if c.get("override") else "") + "</td>"
                        for c in r["checks"])
        total = r.get("total_seconds")
        body.append(f"<tr data-candidate=\"{escape(r['candidate'])}\"><td>{escape(r['candidate'])}</td>"
                    f"{cells}<td>{fmt(total, ' s') if total is not None else '-'}</td>"
                    f"<td class=\"{_cls(r['passed'])}\">{'PASS' if r['passed'] else 'FAIL'}</td></tr>")
    body.append("</tbody></table>")
    body.append("<h2>Charts</h2><div class=\"charts\">")
    marks = {key: minimum for key, _, minimum in report["thresholds"]}
    for idx, (part, metric, label, unit) in enumerate(report["columns"]):
        key = f"{part}.{metric}"
        if key not in marks and metric not in ("wpm", "score", "overall", "diction"):
            continue
        values = [r["values"][idx] for r in rows]
        body.append(_figure(bar_chart(label, names, values, threshold=marks.get(key), unit=unit,
                                      chart_id=key)))
    body.append("</div>")
    body.append("<h2>All figures</h2><table id=\"figures\"><thead><tr><th>Candidate</th>")
    body += [f"<th>{escape(label)}</th>" for _, _, label, _ in report["columns"]]
    body.append("</tr></thead><tbody>")
    for r in rows:
        cells = "".join(f"<td>{fmt(v, unit)}</td>" for v, (_, _, _, unit)
                        in zip(r["values"], report["columns"], strict=True))
        body.append(f"<tr><td>{escape(r['candidate'])}</td>{cells}</tr>")
    body.append("</tbody></table>")
    if not rows:
        body.append("<p>No submitted sessions yet.</p>")
    return page(f"Candidates — {report['plan_title']}", "\n".join(body))


def candidate_html(report: dict[str, Any]) -> str:
    s = report["session"]
    state = f"submitted {escape((s['submitted_at'] or '')[:16].replace('T', ' '))}" if s["locked"] \
        else "not submitted"
    total = session_seconds(s)
    body = [f"<h1>{escape(report['candidate'])} — {escape(report['plan_title'])}</h1>",
            f"<p class=\"sub\">Attempt {escape(report['attempts'])}, {state} · "
            f"<span class=\"{_cls(report['passed'])}\">{'PASS' if report['passed'] else 'FAIL'}</span>"
            + (f" · time on the parts {fmt(total)} s" if total is not None else "") + "</p>"]
    if s.get("voided"):
        v = s["voided"]
        body.append(f"<p class=\"flag\">VOID ({escape(v['at'][:16])} by {escape(v['by'])}): "
                    f"{escape(v['reason'])}</p>")
    body.append("<h2>Pass marks</h2><table id=\"verdicts\"><thead><tr><th>Mark</th><th>Value</th>"
                "<th>Machine</th><th>Minimum</th><th>Result</th><th>Rater's note</th></tr></thead><tbody>")
    for c in report["checks"]:
        ov = c.get("override")
        note = (f"{escape(ov['by'])}, {escape(ov['at'][:16].replace('T', ' '))}: {escape(ov['reason'])}"
                if ov else "")
        body.append(f"<tr><td>{escape(c['label'])}</td><td>{fmt(c['value'])}</td>"
                    f"<td>{fmt(c.get('machine_value'))}</td><td>{fmt(c['minimum'])}</td>"
                    f"<td class=\"{_cls(c['passed'])}\">{verdict(c['passed'])}</td>"
                    f"<td class=\"note\">{note}</td></tr>")
    body.append("</tbody></table>")
    body.append("<h2>Time per part</h2><table id=\"times\"><thead><tr><th>Part</th><th>Start</th>"
                "<th>End</th><th>Seconds</th><th>Status</th></tr></thead><tbody>")
    for p in report["parts"]:
        start, end, secs = part_times(p["result"])
        body.append(f"<tr><td>{escape(p['label'])}</td><td>{hhmm(start)}</td><td>{hhmm(end)}</td>"
                    f"<td>{fmt(secs)}</td><td>{escape(part_status(p['result']) or 'finished')}</td></tr>")
    body.append(f"<tr><td>Total</td><td></td><td></td><td>{fmt(total)}</td><td></td></tr></tbody></table>")
    evidence = report.get("evidence") or {}
    for p in report["parts"]:
        r = p["result"]
        body.append(f"<h2>{escape(p['label'])}</h2>")
        status = part_status(r)
        if status is not None:
            why = f": {escape(r['reason'])}" if r.get("reason") else ""
            body.append(f"<p class=\"na\">{escape(status.capitalize())}{why}.</p>")
            if r.get("so_far"):
                done = ", ".join(f"{k}: {v}" for k, v in r["so_far"].items() if k != "readings")
                body.append(f"<p class=\"note\">Done so far: {escape(done[:600])}</p>")
            if p["part"] == "call" and evidence.get("call"):
                body.append(_call_evidence_html(evidence["call"]))
            continue
        flags = []
        if r.get("scored_over"):
            flags.append(f"Stopped early at {fmt(r.get('measured_seconds'))} s: scored over the full "
                         f"{fmt(r['scored_over'])} s ({fmt(r.get('measured_wpm'))} wpm while typing).")
        elif r.get("incomplete"):
            flags.append("Incomplete" + (f": not read {escape(', '.join(r.get('unread', [])))}"
                                         if r.get("unread") else ": stopped early") + ".")
        if r.get("too_fast"):
            flags.append(f"Keys arrived faster than a person types ({fmt(r.get('fastest_cps'))} a second).")
        if r.get("pastes_refused"):
            flags.append(f"Pastes refused: {r['pastes_refused']}.")
        body += [f"<p class=\"flag\">{escape(f)}</p>" for f in flags]
        body.append("<table><tbody>" + "".join(
            f"<tr><td>{escape(label)}</td><td>{fmt(v, unit)}</td></tr>" for label, v, unit in p["metrics"])
            + "</tbody></table>")
        charts = []
        if p["part"] == "typing" and r.get("raw_per_second"):
            seconds = [f"{i + 1}s" for i in range(len(r["raw_per_second"]))]
            charts.append(line_chart("Speed each second", [("raw", r["raw_per_second"]),
                                                           ("wpm", r.get("wpm_per_second", []))],
                                     x_labels=seconds, chart_id="typing.seconds"))
        if p["part"] == "typing" and r.get("errors_per_key"):
            keys = sorted(r["errors_per_key"].items(), key=lambda kv: -kv[1])[:10]
            charts.append(bar_chart("Errors per key", [k for k, _ in keys], [float(n) for _, n in keys],
                                    chart_id="typing.errors"))
        if p["part"] in ("data_entry", "ten_key") and r.get("fields"):
            body.append("<table class=\"fields\"><thead><tr><th>Field</th><th>Entered</th><th>Expected</th>"
                        "<th>Score</th><th>Note</th></tr></thead><tbody>")
            for f in r["fields"]:
                body.append(f"<tr><td>{escape(f['field'])}</td><td>{escape(f['entered'])}</td>"
                            f"<td>{escape(f['expected'])}</td><td class=\"{_cls(f['correct'])}\">"
                            f"{fmt(f['score'])}</td><td>{escape(f.get('reason', ''))}</td></tr>")
            body.append("</tbody></table>")
            if p["part"] == "data_entry":
                charts.append(bar_chart("Score per field", [f["field"] for f in r["fields"]],
                                        [f["score"] for f in r["fields"]], chart_id="data_entry.fields"))
        if p["part"] == "call" and r.get("scores"):
            dims = [(k, v) for k, v in r["scores"].items() if v is not None]
            charts.append(bar_chart("Call scorecard", [LABELS.get(k, k) for k, _ in dims],
                                    [v for _, v in dims], chart_id="call.scores"))
        if charts:
            body.append("<div class=\"charts\">" + "".join(_figure(c) for c in charts) + "</div>")
        if p["part"] == "call" and evidence.get("call"):
            body.append(_call_evidence_html(evidence["call"]))
        if p["part"] == "read_aloud":
            for rec in (evidence.get("read_aloud") or {}).get("recordings", []):
                body.append(f"<p>Reading of <code>{escape(str(rec.get('passage_id')))}</code>: "
                            f"{_audio(rec['path'])}<br><span class=\"note\">Heard: "
                            f"{escape(str(rec.get('heard') or ''))}</span></p>")
    return page(f"{report['candidate']} — {report['plan_title']}", "\n".join(body))


def _audio(path: str) -> str:
    """A player for the recording, and its file name (what prints in the PDF)."""
    uri = Path(path).resolve().as_uri()
    return (f"<audio controls preload=\"none\" src=\"{escape(uri)}\"></audio> "
            f"<code class=\"note\">{escape(Path(path).name)}</code>")


def _call_evidence_html(call: dict[str, Any]) -> str:
    """The scorecard's reasons and quotes, then the whole transcript, for a re-score."""
    out = [f"<h3>Evidence (call attempt {call['attempt_id']}"
           + ("" if call.get("finished") else ", not finished") + ")</h3>"]
    if call["scores"]:
        out.append("<table class=\"transcript\" id=\"call-evidence\"><thead><tr><th>Dimension</th>"
                   "<th>Score</th><th>Why, with the quotes</th></tr></thead><tbody>")
        for sc in call["scores"]:
            why = "".join(f"<div>{escape(reason)}</div>" for reason in sc["reasons"][:5])
            why += "".join(f"<div class=\"quote\">turn {e['turn']}: “{escape(e['quote'])}” "
                           f"<span class=\"note\">({escape(e['note'])})</span></div>"
                           for e in sc["evidence"][:5])
            out.append(f"<tr><td>{escape(sc['label'])}</td><td>{fmt(sc['value'])}</td><td>{why}</td></tr>")
        out.append("</tbody></table>")
    out.append("<table class=\"transcript\" id=\"call-transcript\"><thead><tr><th>Turn</th><th>Who</th>"
               "<th>Said or did</th></tr></thead><tbody>")
    out += [f"<tr><td>{line['turn']}</td><td>{escape(line['speaker'])}</td>"
            f"<td>{escape(line['text'])}</td></tr>" for line in call["transcript"]]
    out.append("</tbody></table>")
    for rec in call.get("recordings", []):
        out.append(f"<p>Turn {rec['turn']} ({escape(rec['speaker'])}): {_audio(rec['path'])}</p>")
    return "\n".join(out)


def progress_html(report: dict[str, Any]) -> str:
    body = [f"<h1>Progress — {escape(report['trainee'])}</h1>",
            "<p class=\"sub\">Each skill over time: call scorecards, keyboard practice and interviews.</p>"]
    if not report["skills"]:
        body.append("<p>Nothing scored yet.</p>")
        return page(f"Progress — {report['trainee']}", "\n".join(body))
    body.append("<table id=\"skills\"><thead><tr><th>Skill</th><th>Times</th><th>First</th><th>Last</th>"
                "<th>Best</th><th>Change</th></tr></thead><tbody>")
    for s in report["skills"]:
        body.append(f"<tr><td>{escape(s['skill'])}</td><td>{s['count']}</td><td>{fmt(s['first'])}</td>"
                    f"<td>{fmt(s['last'])}</td><td>{fmt(s['best'])}</td><td>{s['change']:+.0f}</td></tr>")
    body.append("</tbody></table><div class=\"charts\">")
    for s in report["skills"]:
        pts = s["points"]
        labels = [p["at"][:10] for p in pts]
        body.append(_figure(line_chart(s["skill"], [(s["skill"], [p["value"] for p in pts])],
                                       x_labels=labels, chart_id=s["skill"])))
    body.append("</div>")
    return page(f"Progress — {report['trainee']}", "\n".join(body))
