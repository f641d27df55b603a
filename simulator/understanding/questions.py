"""Is a clause a question? By its form, not only by a question mark.

Typed chat and speech-to-text often drop the '?': "how long have you been feeling like
this", "did the app show any error". The form is enough: a wh-word that opens a
question, or an auxiliary verb before its subject ("have you", "is there", "can I").
The rules here only decide the form; whether the question is really a suggestion
("have you tried ...") or a check ("is that correct?") is for techniques.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import AUX, DISCOURSE, HARD_ADJ, SUBJECTS

_LEAD = re.compile(rf"^{DISCOURSE}")

# wh-words that open a question; the negative look-aheads drop exclamations ("what a
# week", "how awful") and statements ("what I'm hearing is", "when you feel low, ...").
_WH = re.compile(
    rf"^(?:"
    rf"what(?! an? )(?! (?:happened|matters|helps|helped|worries|bothers|hurts|counts|you need|"
    rf"i mean|i meant|you said|you mean|really matters|i think|i notice|concerns me|worked|"
    rf"works) (?:is|was)\b)"
    rf"(?! (?:i am|i|we are) (?:hearing|hear|getting|understanding|understand|"
    rf"mean|meant|see|would|will|can|could)\b)(?! you (?:could|can|might|should|need to) do\b)"
    rf"(?! helped\b| helps\b| worked\b| works\b| really (?:helped|helps)\b)"
    rf"(?! (?:you|u|they|he|she|we|i) (?:\w+ ){{0,4}}?(?:is|was|sounds|seems|makes)\b)"
    rf"|who(?! (?:knows|cares)\b)|whom|whose|why"
    rf"|which(?! (?:is|was|means|meant|makes|made|has|had|will|would|can|could|should|might|may|"
    rf"sounds|seems|i|we|you|they|it|shows|explains|includes|comes|gives|helps)\b)"
    rf"|how(?! {HARD_ADJ}\b)(?! (?:so|very|really|incredibly|truly) )"
    rf"|(?:when|where) {AUX}\b"
    rf"|(?:when|where) (?:exactly|roughly|approximately)\b"
    rf")\b"
)

# auxiliary + subject: "have you", "is there", "can I", "did the app"
_INVERSION = re.compile(rf"^{AUX}(?: not)? {SUBJECTS}\b")
# imperatives that look like inversions: "have a great day", "do your best"
_NOT_INVERSION = re.compile(
    r"^(?:have (?:a|an|some|fun|faith)\b|do (?:your best|something|what|it|that|this|not)\b|"
    r"will do\b|can do\b|would be\b|should be\b|had (?:a|an)\b)"
)
# polite requests for information that are questions without a question form
_REQUEST = re.compile(
    r"^(?:tell me (?:more|about|what|how|why|when|where|a bit|a little|if|whether)|"
    r"i (?:was wondering|wonder|would (?:like|love) to know|am curious|want to know)|"
    r"any (?:idea|ideas|reason|particular reason|chance|luck|news|update|thoughts)\b|"
    r"(?:please )?(?:describe|explain) (?:what|how|the)|"
    r"i (?:will |would )?need (?:your|the|to know|to get|to take|to have)|"
    r"may i (?:have|get|take|ask)|care to (?:share|explain|tell)|"
    r"i (?:would|d) (?:love|like) to (?:hear|know) (?:more|about|what|how|why)|"
    r"(?:please )?(?:send|dm|message|email|pm|text) (?:us|me) (?:a dm|a message|a private message|"
    r"your|the|with|an email|a photo|a picture|a screenshot|some))"
)


# a question inside a run-on clause: "hey there how are you feeling today"
_EMBEDDED = re.compile(
    rf"\b(?:how|what|when|where|why|who) {AUX} (?:you|u|things|your)\b(?! (?:going through|"
    rf"feeling|dealing with|saying|describing|telling)\b(?! (?:today|now|right now|lately)))"
)


def strip_lead(clause: str) -> str:
    """Drop leading discourse words ("ok so", "right and") from a normalised clause."""
    return _LEAD.sub("", clause, count=1)


@lru_cache(maxsize=8192)
def is_interrogative(clause: str) -> bool:
    """True when a normalised clause has question form (wh-question, inversion, request)."""
    c = strip_lead(clause)
    if not c:
        return False
    if _WH.match(c) or _REQUEST.match(c):
        return True
    if _EMBEDDED.search(c) and not c.startswith(("i ", "that ", "it ", "this ")):
        return True
    return bool(_INVERSION.match(c)) and not _NOT_INVERSION.match(c)
