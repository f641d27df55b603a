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


def typing_result(result: TypingResult) -> dict[str, Any]:
    return result.as_dict()


def form_result(case: FormCase, entered: dict[str, str], *, seconds: float,
                keystrokes: int) -> dict[str, Any]:
    answer = case.answer.model_dump(mode="json", exclude_none=True)
    scored: DataEntryResult = score_form(entered, answer, case_id=case.id, seconds=seconds,
                                         keystrokes=keystrokes)
    return scored.as_dict()


def numbers_result(case: NumbersCase, entered: list[str], *, seconds: float,
                   keystrokes: int) -> dict[str, Any]:
    return score_numbers(entered, case.numbers, case_id=case.id, seconds=seconds,
                         keystrokes=keystrokes).as_dict()


def call_result(card: dict[str, Any], attempt_id: int | None) -> dict[str, Any]:
    """The role-play call: its scorecard overall and each dimension's value."""
    return {
        "kind": "call", "scenario_id": card.get("scenario_id"), "overall": card.get("overall"),
        "passed": card.get("passed"), "attempt_id": attempt_id,
        "scores": {name: s.get("value") for name, s in card.get("scores", {}).items()},
    }


def read_aloud_result(results: list[dict[str, Any]] | None = None, *,
                      reason: str = "no passage was scored") -> dict[str, Any]:
    """The read-aloud (diction) part from the phone test's scored readings.

    `results` are `simulator.phone_test.ReadAloud` results (each has `score` 0-100 and
    its `passage_id` added by the caller); diction is their mean. None or empty: the
    part is stored as not taken, with the reason, and fails its pass mark.
    """
    if not results:
        return dict(NOT_TAKEN, reason=reason)
    scores = [float(r["score"]) for r in results]
    return {"kind": "read_aloud", "diction": round(sum(scores) / len(scores), 1),
            "passages": [{"passage_id": r.get("passage_id"), "score": r.get("score"),
                          "reasons": list(r.get("reasons", []))[:4]} for r in results]}


def seconds_for(plan: Plan, part: str, case_seconds: int) -> int:
    """The plan's time limit for a keyboard part, else the case's own."""
    kb = plan.keyboard
    if part == "data_entry" and kb and kb.data_entry and kb.data_entry.seconds:
        return kb.data_entry.seconds
    if part == "ten_key" and kb and kb.ten_key and kb.ten_key.seconds:
        return kb.ten_key.seconds
    return case_seconds
