"""Plain-text rendering of scorecards, histories and validation results.

Works from the JSON-ready dicts (Scorecard.as_dict()), the same data `--json` prints,
so what a person reads and what a program reads never disagree.
"""

from __future__ import annotations

from typing import Any

LABELS = {
    "deescalation": "De-escalation",
    "objections": "Objection handling",
    "order_capture": "Order capture",
    "procedure": "Call procedure",
    "diction": "Diction",
}


def bar(value: float | None, width: int = 20) -> str:
    if value is None:
        return "·" * width
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


def scorecard_text(card: dict[str, Any], *, evidence: int = 3) -> str:
    verdict = "PASS" if card["passed"] else "FAIL"
    out = [
        f"Scorecard — {card['scenario_id']}",
        f"Overall {card['overall']:.0f}/100  {verdict} (pass mark {card['pass_mark']})",
    ]
    for err in card.get("critical", []):
        where = "".join(f" (turn {ev['turn']}: \"{ev['quote']}\")" for ev in err["evidence"][:1])
        out.append(f"  CRITICAL ERROR — {err['text']}{where}")
    out.append("")
    for name, score in card["scores"].items():
        label = LABELS.get(name, name)
        weight = card.get("weights_used", {}).get(name)
        wtxt = f" weight {weight:.2f}" if weight else " (shown only)"
        if score["value"] is None:
            out.append(f"  {label:<20} {bar(None)}   not measured")
        else:
            mark = "ok" if score["passed"] else "FAIL"
            out.append(f"  {label:<20} {bar(score['value'])} {score['value']:>5.0f}  {mark}{wtxt}")
        for reason in score["reasons"][:4]:
            out.append(f"      - {reason}")
        for ev in score["evidence"][:evidence]:
            note = f" ({ev['note']})" if ev.get("note") else ""
            read = f" [read as: {ev['reading']}]" if ev.get("reading") else ""
            out.append(f"      turn {ev['turn']}: \"{ev['quote']}\"{read}{note}")
    if card.get("tips"):
        out += ["", "Tips:"]
        out += [f"  {i}. {tip['text']}" for i, tip in enumerate(card["tips"], start=1)]
    return "\n".join(out)


def history_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No attempts yet. Start one with: callsim play <scenario> --text"
    out = [f"{'id':>4}  {'date':<16}  {'trainee':<12} {'scenario':<30} {'score':>5}  result"]
    for r in rows:
        date = (r["started_at"] or "")[:16].replace("T", " ")
        score = f"{r['overall']:.0f}" if r["overall"] is not None else "-"
        if not r["finished"]:
            result = "unfinished"
        elif r["passed"] is None:
            result = "not scored"
        else:
            result = "pass" if r["passed"] else "fail"
        out.append(
            f"{r['id']:>4}  {date:<16}  {r['trainee'][:12]:<12} {r['scenario_id'][:30]:<30} "
            f"{score:>5}  {result} ({r['events']} events)"
        )
    return "\n".join(out)
