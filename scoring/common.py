"""Helpers every scorer shares: quoting the call, weighted checks, example phrases.

Kept in one place so that every dimension quotes turns the same way, turns a list of
pass/fail checks into a 0-100 value the same way, and gives tips with the same
example wording for a technique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scoring.types import Evidence, Score, Tip
from simulator.scenario import Scenario
from simulator.transcript import Event, Transcript

QUOTE_LEN = 120

# One example line per technique or procedure step, used in tips so that a tip says
# what to say rather than only what went wrong.
EXAMPLES: dict[str, str] = {
    "greet": "Good evening, thank you for calling.",
    "introduce_self": "My name is Alex, I'll be looking after you today.",
    "verify_identity": "Before we go on, can you confirm the phone number on the account?",
    "empathize": "I understand how frustrating that must be.",
    "apologize": "I'm really sorry about that.",
    "take_ownership": "I'll take care of this for you myself.",
    "reassure": "Don't worry, we'll get this sorted today.",
    "probe_question": "Can you tell me a bit more about what happened?",
    "paraphrase": "So if I've got this right, it stopped working this morning?",
    "inform": "I can see what happened here; let me explain.",
    "offer_solution": "What I can do for you right now is put this right today.",
    "explain_value": "What that means for you is that you pay less and it arrives sooner.",
    "upsell": "Would you like to add a garlic bread for $4.50?",
    "read_back": "Let me read that back to you: ... Is that all correct?",
    "confirm": "Is that all correct?",
    "set_expectation": "It will be with you within 30 minutes.",
    "hold_request": "May I put you on a short hold while I check that?",
    "transfer": "I'm transferring you to the right team now.",
    "escalate": "Let me bring in my supervisor to help with this.",
    "thank": "Thank you for your patience.",
    "close": "Is there anything else I can help with? Have a good evening.",
    "mention_recording": "Just so you know, this call may be recorded for quality.",
}

# Techniques and steps in the trainee's language: tips and readings use these, never
# the vocabulary's internal names ("empathize and take_ownership").
PLAIN: dict[str, str] = {
    "greet": "greet the caller",
    "introduce_self": "say who you are",
    "verify_identity": "check who you are speaking to",
    "empathize": "acknowledge how they feel",
    "apologize": "apologise",
    "take_ownership": "say you'll sort it",
    "reassure": "reassure them",
    "probe_question": "ask a question",
    "paraphrase": "say back what you heard",
    "inform": "tell them what is happening",
    "offer_solution": "offer a fix",
    "explain_value": "explain why it's worth it",
    "upsell": "offer an extra item",
    "read_back": "read the order back",
    "confirm": "check it's right",
    "set_expectation": "say what happens next and when",
    "hold_request": "ask before a hold",
    "transfer": "transfer the call",
    "escalate": "bring in a supervisor",
    "thank": "thank them",
    "close": "close the call",
    "blame_customer": "blaming the caller",
    "argue": "arguing",
    "dismiss": "dismissing",
    "jargon": "jargon",
    "rude": "rudeness",
    "interrupt": "interrupting",
    "dead_air": "dead air",
    "overpromise": "overpromising",
    "lookup_account": "look the account up",
    "check_debt": "check the account for overdue debt",
    "mention_recording": "say the call is recorded",
    "hold": "put the caller on hold",
    "resume": "come back from hold",
    "end_call": "end the call",
}


def plain(step: str) -> str:
    return PLAIN.get(step, step.replace("_", " "))


def plain_list(steps: list[str], joiner: str = "or") -> str:
    """"acknowledge how they feel, say you'll sort it or explain why it's worth it"."""
    words = [plain(s) for s in steps]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {joiner} " + words[-1]


ACTION_HINTS: dict[str, str] = {
    "check_debt": "look the account up (lookup_account) before adding the first item",
    "lookup_account": "look the account up (lookup_account)",
}


def trim(text: str, limit: int = QUOTE_LEN) -> str:
    """The quote as said, cut to about `limit` characters so a scorecard line fits."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_of(event: Event) -> str:
    """What an event said; an action without text is shown as `[action key=value]`."""
    if event.text:
        return trim(event.text)
    if event.kind == "action" and event.action:
        parts = [event.action]
        for key, value in event.args.items():
            if isinstance(value, dict):
                parts.extend(f"{k}={v}" for k, v in value.items())
            else:
                parts.append(f"{key}={value}")
        return trim("[" + " ".join(parts) + "]")
    return ""


def reading_of(event: Event) -> str:
    """What an operator line was read as, in plain words, for the evidence."""
    if event.speaker != "operator" or event.kind != "say":
        return ""
    if event.has_mark("on_hold"):
        return "said on hold, to nobody"
    return ", ".join(PLAIN.get(t, t.replace("_", " ")) for t in event.techniques) or "nothing"


def evidence(event: Event, note: str) -> Evidence:
    return Evidence(event.turn, quote_of(event), note, reading_of(event))


def example(step: str) -> str:
    """How a tip should show a step: a line to say, or the action to take."""
    if step in EXAMPLES:
        return f"e.g. '{EXAMPLES[step]}'"
    return ACTION_HINTS.get(step, f"use the {step} action")


def operator_says(transcript: Transcript) -> list[tuple[int, Event]]:
    """(event index, event) of every operator line the caller heard, in call order.

    A line typed while the caller was on hold (mark `on_hold`) was said to nobody: it
    neither earns nor costs anything."""
    return [
        (i, e) for i, e in enumerate(transcript.events)
        if e.speaker == "operator" and e.kind == "say" and not e.has_mark("on_hold")
    ]


# What does not identify a caller: the card's security code or number (asking for them
# is a PCI problem, not a check) and an email address asked for to send a price list.
_NOT_IDENTITY = re.compile(
    r"security code|cvv|cvc|cv2|(?:three|3) digits on the back|card number|long number"
    r"|number on (?:the|your) card|e-?mail(?: address)?", re.IGNORECASE)
_IDENTITY = re.compile(
    r"\bname\b|phone|mobile|\baddress\b|post ?code|zip|date of birth|birthday|account"
    r"|customer (?:id|number)|reference|password|security question|memorable|"
    r"(?:first|second|last) line", re.IGNORECASE)


def identity_check(event: Event) -> bool:
    """The line really checks who the caller is (read as verify_identity, and not only
    asking for a card's security code or an email address)."""
    if "verify_identity" not in event.techniques:
        return False
    if not _NOT_IDENTITY.search(event.text):
        return True
    return bool(_IDENTITY.search(_NOT_IDENTITY.sub(" ", event.text)))


def accepted_actions(transcript: Transcript) -> list[tuple[int, Event]]:
    """(event index, event) of every operator action the engine did not reject."""
    return [
        (i, e) for i, e in enumerate(transcript.events)
        if e.kind == "action" and e.speaker == "operator" and e.action
        and not e.has_mark("rejected")
    ]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


@dataclass
class Check:
    """One weighted thing a call got right or wrong (an order field, a procedure step).

    `earned` is 0..weight; a failed check's reason, evidence and tip are reported.
    """

    label: str
    weight: float
    earned: float
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    tip: str = ""

    @property
    def ok(self) -> bool:
        return self.earned >= self.weight


def checks_value(checks: list[Check]) -> float:
    """100 × earned / possible; a list of no checks is a perfect 100."""
    total = sum(c.weight for c in checks)
    return 100.0 if total <= 0 else 100.0 * sum(c.earned for c in checks) / total


def checks_tips(checks: list[Check]) -> list[Tip]:
    """One tip per failed check, its priority the points the failure cost (0-100)."""
    total = sum(c.weight for c in checks) or 1.0
    return merge_tips(
        [Tip(c.tip, 100.0 * (c.weight - c.earned) / total) for c in checks if c.tip and not c.ok]
    )


def merge_tips(tips: list[Tip]) -> list[Tip]:
    """Same text once, priorities added, highest first: repeats of a fault add up."""
    merged: dict[str, float] = {}
    for tip in tips:
        merged[tip.text] = merged.get(tip.text, 0.0) + tip.priority
    ranked = sorted(merged.items(), key=lambda kv: -kv[1])
    return [Tip(text, round(priority, 1)) for text, priority in ranked]


def make_score(
    name: str,
    value: float,
    scenario: Scenario,
    reasons: list[str],
    evidence: list[Evidence],
    tips: list[Tip],
    details: dict[str, object],
    hard_fail: bool = False,
) -> Score:
    """A measured Score: value clamped to 0-100, passed against the scenario's mark."""
    value = round(max(0.0, min(100.0, value)), 1)
    passed = value >= scenario.scoring.pass_mark and not hard_fail
    return Score(name, value, passed, reasons, evidence, merge_tips(tips), details, hard_fail)


def not_measured(name: str, reason: str, details: dict[str, object] | None = None) -> Score:
    return Score(name, None, None, [reason], [], [], dict(details or {}))
