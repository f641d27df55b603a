"""The LLM judge's rubric: objection handling and de-escalation, item by item.

Each item states when it passes and when it fails in words a trainer would use, so a
verdict can be argued with. The judge must quote the call for every pass or fail;
quotes are checked against the transcript (simulator.llm.judge). Bump RUBRIC_VERSION
whenever wording changes: it is part of the cache key, so old verdicts are not reused.
"""

from __future__ import annotations

from dataclasses import dataclass

RUBRIC_VERSION = "1"


@dataclass(frozen=True)
class RubricItem:
    id: str
    dimension: str  # a scorer name from scoring.SCORERS
    title: str
    passes: str
    fails: str
    not_applicable: str


RUBRIC: tuple[RubricItem, ...] = (
    RubricItem(
        "obj-acknowledge", "objections", "Acknowledges the objection",
        "Right after the customer objects, the operator names or restates the concern "
        "(for example: 'you'd rather have a refund than a voucher').",
        "The operator ignores the objection, talks past it, or repeats the same offer "
        "without mentioning the concern.",
        "The customer raised no objection."),
    RubricItem(
        "obj-answer", "objections", "Answers with substance",
        "The operator answers the objection with a concrete option, a reason, or the value "
        "of what is offered.",
        "The operator refuses flatly ('nothing I can do'), argues, or answers vaguely.",
        "The customer raised no objection."),
    RubricItem(
        "obj-settled", "objections", "Checks the objection is settled",
        "Before moving on, the operator asks whether the answer works, or the customer "
        "clearly accepts it.",
        "The operator moves on while the customer is still objecting, or the call ends "
        "with the objection open.",
        "The customer raised no objection."),
    RubricItem(
        "de-empathy", "deescalation", "Validates the customer's feelings",
        "At least once the operator names or validates the customer's feeling in their "
        "own words (for example: 'I can hear how frustrating this is').",
        "No operator line acknowledges the customer's feelings, or only a bare "
        "'I understand' with nothing after it.",
        "The customer was never upset."),
    RubricItem(
        "de-no-blame", "deescalation", "Never blames or dismisses",
        "No operator line blames the customer, argues, or dismisses them; quote a calm "
        "operator line as evidence.",
        "Any operator line blames, argues with, or dismisses the customer ('calm down', "
        "'not my problem'); quote it.",
        "Never: this always applies."),
    RubricItem(
        "de-ownership", "deescalation", "Takes ownership with a next step",
        "The operator says what they will do personally, and when.",
        "The operator passes responsibility elsewhere, or gives no next step.",
        "The customer was never upset."),
    RubricItem(
        "de-outcome", "deescalation", "The customer ends calmer",
        "The customer's later lines are calmer than their first ones (quote an early and a "
        "late customer line).",
        "The customer stays as angry, gets angrier, or hangs up (quote it).",
        "The customer was never upset."),
)

DIMENSIONS = tuple(dict.fromkeys(item.dimension for item in RUBRIC))
ITEMS = {item.id: item for item in RUBRIC}


def rubric_text() -> str:
    """The rubric as the judge reads it."""
    out = []
    for item in RUBRIC:
        out.append(f"- {item.id} ({item.title})\n  PASS if: {item.passes}\n"
                   f"  FAIL if: {item.fails}\n  N/A if: {item.not_applicable}")
    return "\n".join(out)
