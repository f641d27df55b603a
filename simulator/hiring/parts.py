"""Turn what a candidate did in each part of a plan into the result that is stored.

Shared by the app (live key presses) and scripted runs (recorded ones), so both store
exactly the same numbers. Each function returns a JSON-ready dict whose top-level
numbers are the metrics the plan's thresholds name (`wpm`, `accuracy`, `score`, ...).
"""

from __future__ import annotations

from typing import Any

from scoring.data_entry import DataEntryResult, score_form, score_numbers
from scoring.typing import TypingResult
from simulator.hiring.models import FormCase, NumbersCase, Plan

NOT_TAKEN = {"status": "not_taken"}


# Faster than any person types: 10 presses in a row at over 25 a second (300 wpm). Real
# bursts of the fastest typists stay near 15 a second; an auto-typer or a paste that
# arrives as key presses runs at hundreds.
BURST_KEYS, HUMAN_MAX_CPS = 10, 25.0


def fastest_burst(times: list[float], keys: int = BURST_KEYS) -> float:
    """The highest presses-per-second over any `keys` consecutive presses (0 if fewer)."""
    best = 0.0
    for i in range(len(times) - keys + 1):
        span = times[i + keys - 1] - times[i]
        best = max(best, (keys - 1) / span if span > 0 else float("inf"))
    return best


def typing_result(result: TypingResult, *, times: list[float] | None = None,
                  pastes_refused: int = 0, full_time: bool = True) -> dict[str, Any]:
    """The typing part as stored: the monkeytype numbers, plus what makes them fair.

    A test stopped early (neither the time nor the passage ran out) is scored over its
    full time: 11.9 s of a 60 s test at 78 wpm is 15 wpm of the minute, not a pass. The
    figures over the time actually typed are kept as `measured_*`, and `incomplete`
    says it stopped early. Practice (`full_time=False`) keeps the measured figures and
    only marks it. Key presses faster than a person can type are flagged.
    """
    out = result.as_dict()
    out["pastes_refused"] = pastes_refused
    limit = result.duration_limit
    early = not result.completed and bool(limit) and 0 < result.seconds < (limit or 0) - 0.05
    out["incomplete"] = early
    if early and full_time and limit:
        factor = result.seconds / limit
        out.update(measured_wpm=out["wpm"], measured_raw=out["raw"], measured_seconds=out["seconds"],
                   wpm=round(out["wpm"] * factor, 2), raw=round(out["raw"] * factor, 2),
                   scored_over=limit)
    burst = fastest_burst(times or [])
    out["fastest_cps"] = None if burst == float("inf") else round(burst, 1)
    out["too_fast"] = burst > HUMAN_MAX_CPS
    return out


def form_result(case: FormCase, entered: dict[str, str], *, seconds: float,
                keystrokes: int) -> dict[str, Any]:
    answer = case.answer.model_dump(mode="json", exclude_none=True)
    scored: DataEntryResult = score_form(entered, answer, case_id=case.id, seconds=seconds,
                                         keystrokes=keystrokes)
    return scored.as_dict()


def numbers_result(case: NumbersCase, entered: list[str], *, seconds: float,
                   keystrokes: int) -> dict[str, Any]:
    """10-key: accuracy is of the numbers keyed (12 of 12 right is 100 %, not 75 % of 16);
    how many were keyed is `completed` (a percentage), and the numbers never keyed are
    listed as not keyed rather than as wrong."""
    out = score_numbers(entered, case.numbers, case_id=case.id, seconds=seconds,
                        keystrokes=keystrokes).as_dict()
    keyed = min(len(entered), len(case.numbers))
    right = int(out.get("correct_entries", 0))
    out["keyed"] = keyed
    out["accuracy_of_all"] = out.get("accuracy")
    out["accuracy"] = round(100.0 * right / keyed, 1) if keyed else 0.0
    out["completed"] = round(100.0 * keyed / len(case.numbers), 1)
    for i, f in enumerate(out.get("fields", [])):
        if i >= keyed:
            f["not_keyed"] = True
            f["reason"] = "not keyed (time ran out or finished early)"
    return out


def call_result(card: dict[str, Any], attempt_id: int | None) -> dict[str, Any]:
    """The role-play call: its scorecard overall and each dimension's value."""
    return {
        "kind": "call", "scenario_id": card.get("scenario_id"), "overall": card.get("overall"),
        "passed": card.get("passed"), "attempt_id": attempt_id,
        "scores": {name: s.get("value") for name, s in card.get("scores", {}).items()},
    }


def read_aloud_result(results: list[dict[str, Any]] | None = None, *,
                      reason: str = "no passage was scored",
                      unread: list[str] | None = None) -> dict[str, Any]:
    """The read-aloud (diction) part from the phone test's scored readings.

    `results` are `simulator.phone_test.ReadAloud` results (each has `score` 0-100 and
    its `passage_id` added by the caller); diction is their mean, with each passage
    the candidate left `unread` counted as 0. None or empty: the part is stored as not
    taken, with the reason, and fails its pass mark.
    """
    if not results:
        return dict(NOT_TAKEN, reason=reason)
    scores = [float(r["score"]) for r in results] + [0.0] * len(unread or [])
    return {"kind": "read_aloud", "diction": round(sum(scores) / len(scores), 1),
            "unread": list(unread or []), "incomplete": bool(unread),
            "passages": [{"passage_id": r.get("passage_id"), "score": r.get("score"),
                          "attempt_id": r.get("attempt_id"), "heard": r.get("heard"),
                          "reasons": list(r.get("reasons", []))[:4]} for r in results]}


def seconds_for(plan: Plan, part: str, case_seconds: int) -> int:
    """The plan's time limit for a keyboard part, else the case's own."""
    kb = plan.keyboard
    if part == "data_entry" and kb and kb.data_entry and kb.data_entry.seconds:
        return kb.data_entry.seconds
    if part == "ten_key" and kb and kb.ten_key and kb.ten_key.seconds:
        return kb.ten_key.seconds
    return case_seconds
