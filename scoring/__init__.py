"""Scoring: pure functions from a finished call to a scorecard.

Each dimension is a `Scorer` in the `SCORERS` table (name -> scorer, as promptfoo's
assertion handlers), so the UI, the CLI and the store all list the same dimensions in
the same order. `score_call` combines them: the weighted mean of the measured
dimensions, using the scenario's weights. A dimension that could not be measured
(value None) is dropped and the other weights are renormalised, so a missing
measurement never counts as 0; a weight of 0 means "shown, never fails the card".
Scorers do no I/O beyond reading the shared product catalog for readable names.
"""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from scoring.critical import critical_errors, critical_tip
from scoring.deescalation import DeescalationScorer
from scoring.diction import DictionScorer
from scoring.objections import ObjectionScorer
from scoring.order_capture import OrderCaptureScorer
from scoring.procedure import ProcedureScorer
from scoring.types import CriticalError, Evidence, Score, Scorecard, Tip
from simulator.scenario import Scenario
from simulator.transcript import Transcript

TOP_TIPS = 3


@runtime_checkable
class Scorer(Protocol):
    """One dimension of the scorecard; `score` must be pure (same call, same Score)."""

    name: str

    def score(self, transcript: Transcript, scenario: Scenario) -> Score: ...


SCORERS: dict[str, Scorer] = {
    s.name: s
    for s in (DeescalationScorer(), ObjectionScorer(), OrderCaptureScorer(), ProcedureScorer(),
              DictionScorer())
}


def score_call(
    transcript: Transcript, scenario: Scenario, scorers: dict[str, Scorer] | None = None
) -> Scorecard:
    """Score every dimension and combine them into the call's Scorecard.

    overall = Σ wᵢ·valueᵢ / Σ wᵢ over dimensions with a value and weight > 0 (when none
    has weight, the measured ones count equally). passed = overall ≥ pass mark and no
    weighted dimension failed hard. Tips: each dimension's tips, priority × its share
    of the weight, best three.

    A critical error (scoring.critical: wrong order, wrong team, details disclosed
    before the identity check, card read back) fails the call whatever the average; the
    dimension scores are kept, the error is named first and its tip leads the tips.
    """
    table = SCORERS if scorers is None else scorers
    pass_mark = scenario.scoring.pass_mark
    weights = scenario.scoring.weights
    scores = {name: scorer.score(transcript, scenario) for name, scorer in table.items()}
    measured = {n: s for n, s in scores.items() if s.value is not None}
    raw = {n: float(weights.get(n, 0.0)) for n in measured}  # type: ignore[call-overload]
    total = sum(raw.values())
    if total <= 0 and measured:
        raw = {n: 1.0 for n in measured}
        total = float(len(measured))
    used = {n: (w / total if total else 0.0) for n, w in raw.items()}
    overall = sum(used[n] * (s.value or 0.0) for n, s in measured.items())
    overall = round(overall, 1)
    hard = [n for n, s in scores.items() if s.hard_fail and weights.get(n, 0.0) > 0]  # type: ignore[call-overload]
    order_scorer = table.get("order_capture")
    names = order_scorer._names(scenario) if isinstance(order_scorer, OrderCaptureScorer) \
        else {}
    critical = critical_errors(transcript, scenario, names)
    passed = bool(measured) and overall >= pass_mark and not hard and not critical
    ranked = sorted(
        (Tip(t.text, round(t.priority * used.get(n, 0.0), 1))
         for n, s in scores.items() for t in s.tips if used.get(n, 0.0) > 0),
        key=lambda t: -t.priority,
    )
    tips: list[Tip] = [Tip(critical_tip(c), 100.0) for c in critical[:1]]
    for tip in ranked:
        if tip.priority > 0 and not any(_same_advice(tip.text, t.text) for t in tips):
            tips.append(tip)
        if len(tips) == TOP_TIPS:
            break
    return Scorecard(scenario.id, overall, passed, pass_mark, scores, tips,
                     {n: round(w, 4) for n, w in used.items()}, critical)


_COMMON = frozenset({"the", "and", "you", "your", "that", "this", "with", "what", "caller",
                     "they", "them", "their", "for", "e.g", "is", "all", "it's", "before",
                     "don't", "forget", "was", "are", "can", "who", "when", "say", "said"})


def _gist(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.casefold())
    return {w[:4] for w in words if len(w) > 2 and w not in _COMMON}


def _same_advice(a: str, b: str) -> bool:
    """Two tips that say the same thing in other words (order capture's "read the whole
    order back" and procedure's "don't forget to read the order back"): show one."""
    if a == b:
        return True
    ga, gb = _gist(a), _gist(b)
    small = min(len(ga), len(gb))
    return small >= 4 and len(ga & gb) / small >= 0.35


__all__ = [
    "SCORERS", "CriticalError", "Evidence", "Score", "Scorecard", "Scorer", "Tip", "score_call",
]
