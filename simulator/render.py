"""Plain-text rendering of scorecards, histories and validation results.

Works from the JSON-ready dicts (Scorecard.as_dict()), the same data `--json` prints,
so what a person reads and what a program reads never disagree.
"""

from __future__ import annotations

import re
from typing import Any

from simulator.privacy import printable
from simulator.vocab import PROCEDURE_STEPS

LABELS = {
    "deescalation": "De-escalation",
    "objections": "Objection handling",
    "order_capture": "Order capture",
    "procedure": "Call procedure",
    "diction": "Diction",
}


_NAMES = re.compile(r"\b(" + "|".join(sorted((n for n in PROCEDURE_STEPS if "_" in n),
                                              key=len, reverse=True)) + r")\b")
_ONE_PLURAL = re.compile(r"\b1 (point|problem|attempt|file|move|step|check|turn)s\b")


def plain(text: str) -> str:
    """Words a trainee reads: "offer_solution" -> "offer solution", "1 points" -> "1 point".

    Scorers speak in the scenario vocabulary (what a trainer writes); the scorecard is
    read by a trainee who never saw it.
    """
    text = _NAMES.sub(lambda m: m[1].replace("_", " "), text)
    return _ONE_PLURAL.sub(lambda m: f"1 {m[1]}", text)


def count(n: int, word: str) -> str:
    """'1 problem', '3 problems'."""
    return f"{n} {word if n == 1 else word + 's'}"


def unique_tips(tips: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each tip once (two scorers may give the same advice)."""
    seen: set[str] = set()
    out = []
    for tip in tips:
        key = plain(tip["text"]).strip().lower()
        if key not in seen:
            seen.add(key)
            out.append(tip)
    return out


def merged_evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per quoted turn, its notes joined (a line that was two harmful moves
    was quoted twice)."""
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for ev in items:
        key = (int(ev["turn"]), str(ev["quote"]))
        if key in out:
            note = ev.get("note") or ""
            kept = out[key]
            if note and note not in (kept.get("note") or ""):
                kept["note"] = f"{kept['note']}; {note}" if kept.get("note") else note
        else:
            out[key] = dict(ev)
    return list(out.values())


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
            out.append(f"      - {plain(reason)}")
        for ev in merged_evidence(score["evidence"])[:evidence]:
            note = f" ({plain(ev['note'])})" if ev.get("note") else ""
            read = f" [read as: {ev['reading']}]" if ev.get("reading") else ""
            out.append(f"      turn {ev['turn']}: \"{printable(ev['quote'])}\"{read}{printable(note)}")
    tips = unique_tips(card.get("tips") or [])
    if tips:
        out += ["", "Tips:"]
        out += [f"  {i}. {plain(tip['text'])}" for i, tip in enumerate(tips, start=1)]
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
            f"{r['id']:>4}  {date:<16}  {printable(r['trainee'])[:12]:<12} "
            f"{printable(r['scenario_id'])[:30]:<30} "
            f"{score:>5}  {result} ({r['events']} events)"
        )
    return "\n".join(out)
