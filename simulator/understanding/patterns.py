"""Phrase pattern tables: technique -> regexes over normalised sentences.

These are the cues a trainer would name when asked "how do you know the operator
apologised?". The tables live in three modules by kind (cues_support, cues_call,
cues_harmful); this module puts them together in vocabulary order and holds the
clause-level rules (advice imperatives, "So you ..." restatements, questions that are
really something else). The rules that combine cues live in techniques.py.
"""

from __future__ import annotations

import re

from ..vocab import TECHNIQUES
from .cues_call import CALL, UPSELL_QUESTIONS
from .cues_harmful import HARMFUL
from .cues_support import INFORM_STRONG, INFORM_WEAK, SUPPORT
from .lexicon import ADVICE_VERBS, DISCOURSE

_ALL = {**CALL, **SUPPORT, **HARMFUL}
PATTERNS: dict[str, tuple[str, ...]] = {t: _ALL[t] for t in TECHNIQUES if t in _ALL}

__all__ = ["COMPILED", "IMPERATIVE_ADVICE", "INFORM_STRONG", "INFORM_WEAK", "PATTERNS",
           "QUESTION_ABSORB", "QUESTION_ABSORB_PATTERNS", "SO_QUESTION", "SO_RESTATE", "SO_RESTATE_THIRD"]

COMPILED: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(f"(?:{p})" for p in pats)) for name, pats in PATTERNS.items()
}

# --- clause-start rules --------------------------------------------------------------

# An advice imperative at the start of a clause: "try to get some sleep", "maybe
# write it down", "unplug it for 30 seconds".
IMPERATIVE_ADVICE = re.compile(
    rf"^{DISCOURSE}(?:(?:maybe|perhaps|just|please|also|then|instead|first|definitely|"
    rf"really|always|simply|next|now|i would|you should) )*{ADVICE_VERBS}\b"
    r"(?! (?:is|are|was|were|has|have|had|can|could|will|would|may|might|should|does|did|"
    r"helps|assured|releases|reduces|affects|makes|causes|itself|alone)\b)"
    # a noun phrase subject: "sleep problems are common", "exercise classes can help"
    r"(?:(?<=sure)|(?<=that)|(?<=if)|(?<=whether)|(?! \w+ (?:is|are|was|were|can|may|might|"
    r"often|usually|tends?|has|have)\b))"
)
# "So you ..." / "so your ..." restating what the customer said; excludes future and
# instructions ("so you will get a text", "so you can pick it up").
SO_RESTATE = re.compile(
    r"^(?:(?:okay|right|i see|alright|ah|oh|hmm|yeah|and) )*so (?:basically |just |essentially |"
    r"in short )?(?!(?:you|u) (?:have not been|were not|are not being|do not owe|are covered|are "
    r"due|are owed)\b)(?:you|u|your \w+|you have|you are)\b(?! (?:will|can|could|should|might|would|"
    r"need to|have to|must|know|see|are all set|are booked|do not have to|do not need to|"
    r"do not need|have not been|were not|are not being|do not owe|are covered|are due|are owed)"
    r"\b)(?! \w+ (?:will|can|should|would)\b)"
)
# "so the new manager changed your shifts": a third party's act, restated to the caller
SO_RESTATE_THIRD = re.compile(
    r"^(?:(?:okay|right|i see|alright|ah|oh|hmm|yeah|and) )*so (?:basically |just )?(?:the|your|"
    r"he|she|they|his|her|their) (?:\w+ ){0,3}?(?:\w+ed|went|said|told|did|got|took|left|gave|"
    r"kept|made|never|did not|was|were|had|sent|came|lost|broke|forgot|stopped|showed|paid|"
    r"sold|wrote|brought|bought|threw|ran)\b.*\b(?:you|your)\b"
)
# A declarative "so ..." question: "so the main thing is X?", "so it is the commute?"
SO_QUESTION = re.compile(
    r"^(?:(?:okay|right|i see|alright|ah|oh|hmm|yeah|and) )*so (?!(?:what|when|where|who|why|"
    r"how|which|is|are|do|does|did|can|could|would|will|should|have|has|may|shall|am|if|that)\b)"
    r"(?!(?:i|we) (?:can|could|may|will|need|have to)\b)\w+"
)
# Absorbers: question-form clauses that are really something else.
QUESTION_ABSORB_PATTERNS: tuple[str, ...] = (
    *PATTERNS["confirm"][:3],
    r"\b(?:have|had) (?:you|u) (?:ever )?(?:tried|considered|thought (?:about|of)|looked "
    r"(?:into|at))\b",
    r"\bdid (?:you|u) (?:try|consider|think about)\b",
    r"\bwhy (?:do not|not) (?:you|we|u)\b|\bwhy not\b",
    r"\b(?:how|what) about (?:(?!(?:everything|anything|something|nothing|thing|morning|"
    r"evening|feeling|during)\b)\w+ing|we|you (?:try|call|go|talk|take|write|ask|get|"
    r"give|make|start|just)|a|an|some|if)\b|\bwhat if\b",
    r"\b(?:would|could|might) it (?:help|be (?:worth|helpful|an option))\b",
    r"\bi (?:was )?wonder(?:ing)? (?:if|whether) (?:\w+ ){0,8}?(?:might|could|would|may) "
    r"(?:help|be (?:a good|worth|helpful|an option|nice|good|useful))\b|\bi (?:was )?"
    r"wonder(?:ing)? (?:if|whether) (?:you|u) (?:could|might|should|would)\b",
    r"\b(?:could|can|would|might) (?:he|she|they|someone|somebody|a friend|your \w+) "
    r"(?:maybe |possibly |perhaps )?help\b",
    r"\bwould (?:you|u) (?:consider|be open to|be willing to|try|like to try)\b",
    r"\b(?:can|could) (?:you|u) (?:please )?(?:try|check|restart|unplug|plug|click|open|"
    r"go to|turn|make sure|switch|reset|reboot|clear|update|log)\b",
    r"\b(?:can|could) (?:you|u) (?:maybe|perhaps|possibly)\b",
    *UPSELL_QUESTIONS,
    *PATTERNS["hold_request"][:6],
    *PATTERNS["verify_identity"],
    r"\btransfer|\bput you through|\bconnect you\b",
    r"\b(?:are you|you are) (?:saying|telling me)\b|\bis that what you\b",
    r"\b(?:am i|is that) right\b",
)
QUESTION_ABSORB = re.compile("|".join(f"(?:{p})" for p in QUESTION_ABSORB_PATTERNS))
