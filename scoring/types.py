"""The scorecard's data: what a scorer returns and what the trainee reads.

Plain frozen dataclasses rather than pydantic models so that scoring stays a set of
pure functions with no validation cost; `as_dict` gives the JSON the store saves and
`from_dict` reads it back, so a saved scorecard renders exactly as the live one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A quote from the call that backs a reason: where (turn), what was said, why."""

    turn: int
    quote: str
    note: str
    # what an operator line was read as ("empathize, apologize"; "nothing" when no
    # technique was found), so a trainee or a hiring manager can see a misreading
    reading: str = ""

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"turn": self.turn, "quote": self.quote, "note": self.note}
        if self.reading:
            data["reading"] = self.reading
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(int(data["turn"]), str(data["quote"]), str(data.get("note", "")),
                   str(data.get("reading", "")))


@dataclass(frozen=True)
class Tip:
    """One concrete thing to do next time; priority ≈ points it would have saved."""

    text: str
    priority: float

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "priority": self.priority}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tip:
        return cls(str(data["text"]), float(data.get("priority", 0.0)))


@dataclass(frozen=True)
class Score:
    """One dimension of the scorecard.

    `value` None means "not measured / not applicable": it is shown with its reason and
    never counted as 0. `hard_fail` marks a fault that fails the whole card whatever
    the average (a hang-up, a card number read back) when the dimension has weight.
    """

    name: str
    value: float | None
    passed: bool | None
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    hard_fail: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "passed": self.passed,
            "reasons": list(self.reasons),
            "evidence": [e.as_dict() for e in self.evidence],
            "tips": [t.as_dict() for t in self.tips],
            "details": dict(self.details),
            "hard_fail": self.hard_fail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        value = data.get("value")
        return cls(
            name=str(data["name"]),
            value=None if value is None else float(value),
            passed=data.get("passed"),
            reasons=[str(r) for r in data.get("reasons", [])],
            evidence=[Evidence.from_dict(e) for e in data.get("evidence", [])],
            tips=[Tip.from_dict(t) for t in data.get("tips", [])],
            details=dict(data.get("details", {})),
            hard_fail=bool(data.get("hard_fail", False)),
        )


@dataclass(frozen=True)
class CriticalError:
    """A mistake that fails the call whatever the average, as on a call-centre quality
    form: the wrong order would be delivered, the caller went to the wrong team, account
    details were given to someone unverified, a card number was read back."""

    kind: str  # wrong_order | wrong_team | disclosure | card_readback
    text: str
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text,
                "evidence": [e.as_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CriticalError:
        return cls(str(data["kind"]), str(data["text"]),
                   [Evidence.from_dict(e) for e in data.get("evidence", [])])


@dataclass(frozen=True)
class Scorecard:
    """The whole call's grade: the weighted mean, each dimension, and the top tips."""

    scenario_id: str
    overall: float
    passed: bool
    pass_mark: int
    scores: dict[str, Score] = field(default_factory=dict)
    tips: list[Tip] = field(default_factory=list)
    weights_used: dict[str, float] = field(default_factory=dict)
    # critical errors, most serious first; any one means the call failed
    critical: list[CriticalError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario_id": self.scenario_id,
            "overall": self.overall,
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "critical": [c.as_dict() for c in self.critical],
            "scores": {name: s.as_dict() for name, s in self.scores.items()},
            "tips": [t.as_dict() for t in self.tips],
            "weights_used": dict(self.weights_used),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        return cls(
            scenario_id=str(data["scenario_id"]),
            overall=float(data["overall"]),
            passed=bool(data["passed"]),
            pass_mark=int(data["pass_mark"]),
            scores={str(k): Score.from_dict(v) for k, v in data.get("scores", {}).items()},
            tips=[Tip.from_dict(t) for t in data.get("tips", [])],
            weights_used={str(k): float(v) for k, v in data.get("weights_used", {}).items()},
            critical=[CriticalError.from_dict(c) for c in data.get("critical", [])],
        )
