"""What the operator asks the customer for: slots, scenario facts, the order itself.

The scripted customer answers a question only if it was asked ("could I get your phone
number?" -> reveal the phone), so this module decides two things per sentence: is the
operator asking (question form, or a request such as "I'll need your address"), and
about what. Slot asks come from a phrase table; scenario facts come from the
scenario's own phrases (FactHint), matched fuzzily so that "whats ur order numbr"
still asks for `order_number`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .normalize import Sentence, normalize
from .questions import is_interrogative
from .types import FactHint

_FACT_THRESHOLD = 87.0

# requests for information that are not in question form
_REQUEST = re.compile(
    r"\b(?:can|could|may|would|will) (?:you|i|we) (?:please |just |quickly )?(?:tell|give|get|"
    r"have|take|confirm|provide|spell|read|repeat|send|grab|note|verify|check)\b|"
    r"\bi (?:will |would |just |also |first )?need (?:your|the|to (?:get|take|have|know|grab|"
    r"confirm)|a)\b|\bplease (?:tell|give|provide|confirm|spell|read|send|share|state)\b|"
    r"\bwhat is (?:your|the)\b|\blet me (?:get|take|have|grab|note) (?:your|the|a)\b|"
    r"\b(?:tell|give) me (?:your|the)\b|\b(?:dm|message|email|text) (?:us|me)\b|"
    r"\bsend us\b|\bi am (?:going to need|gonna need)\b|\bmay i (?:have|take|ask)\b|"
    r"\b(?:and )?(?:your|the) (?:\w+ )?(?:number|address|name|postcode|email)(?: please)?$"
)

_SLOT_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quantity", re.compile(r"\bhow many\b|\bwhat quantity\b|\bhow much (?:\w+ )?(?:do|would|"
                            r"will) you (?:need|want|like)\b|\bhow many of\b")),
    ("item", re.compile(r"\bwhich (?:pizza|product|one|flavou?r|topping|item|model|drink|"
                        r"dish|meal|package|plan)\b|\bwhat (?:kind|type|sort) of\b")),
    ("option", re.compile(r"\b(?:which|what) (?:size|crust|flavou?r|topping|colou?r|model|"
                          r"version|base|sauce|toppings)\b|\b(?:small|medium|large|regular) or "
                          r"(?:small|medium|large|regular)\b|\bwhat size\b")),
    ("address", re.compile(r"\baddress\b|\bwhere (?:should|shall|do|would|will|can) (?:we|i|"
                           r"you like|it|they) (?:deliver|send|ship|drop|bring)|\bwhere (?:are "
                           r"you|do you live|is it going|to)\b|\bpost ?code\b|\bzip(?: code)?\b|"
                           r"\bdeliver(?:ing|ed)? (?:it )?to\b")),
    ("time", re.compile(r"\bwhat time\b|\bwhen (?:would|do|should|shall|can|will) (?:you|we|it)"
                        r"\b|\b(?:delivery|preferred|convenient|good|best) (?:time|slot|day|"
                        r"date)\b|\btime (?:works|suits|would suit|is best|would work)\b|"
                        r"\b(?:morning|afternoon|evening) or\b|\bwhich (?:day|date|time|slot)\b|"
                        r"\bwould (?:\w+ ){0,2}(?:morning|afternoon|evening|tomorrow|today|tonight|"
                        r"\d+(?::\d+)?|\d+ (?:am|pm)) (?:work|suit|be (?:okay|ok|fine|good))\b|"
                        r"\bhow soon\b|\bwhen (?:is|are) (?:a |the )?(?:good|best|convenient)\b")),
    ("phone", re.compile(r"\b(?:phone|telephone|mobile|cell|contact|callback|call back) "
                         r"(?:number|no)\b|\b(?:best|good|right) number\b|\bnumber (?:to "
                         r"(?:reach|call|contact)|we can reach|i can reach|(?:to|we can) call)\b|"
                         r"\breach you on\b|\byour (?:phone|mobile|cell)\b")),
    ("name", re.compile(r"\b(?:your|the) (?:full |first |last |sur)?name\b|\bwho am i "
                        r"(?:speaking|talking) (?:to|with)\b|\bam i (?:speaking|talking) "
                        r"(?:to|with)\b|\bname (?:for|on) the (?:order|booking|account|"
                        r"reservation)\b|\bwho is (?:calling|this)\b|\bspell (?:that|it|your)\b")),
    ("receiver", re.compile(r"\bwho (?:will|is going to|would|should|shall|can|is) (?:be )?"
                            r"(?:receiv|accept|collect|sign|pick(?:ing)? (?:it )?up|(?:there|home|"
                            r"available|in) to)|\b(?:receiver|recipient)\b|\bwho is (?:it|the "
                            r"order|this|the delivery) for\b|\bwho should (?:we|the driver) ask "
                            r"for\b|\bname of the person\b|\bwho (?:will|would) (?:be )?(?:at home|"
                            r"there|in)\b")),
    ("payment", re.compile(r"\b(?:how|what way) (?:would|will|do) you (?:like to |want to |be )?"
                           r"pay(?:ing)?\b|\bpay(?:ing|ment)? (?:by|with|method|type|option)\b|"
                           r"\bcard or cash\b|\bcash or card\b|\bmethod of payment\b|"
                           r"\bhow (?:will|are) you (?:be )?paying\b")),
    ("card", re.compile(r"\bcard (?:number|details|no)\b|\b(?:long|16 digit) number\b|"
                        r"\bexpiry\b|\bexpiration date\b|\bcvv\b|\bcvc\b|\bsecurity code\b")),
    ("order", re.compile(r"\bwhat (?:would|will|do|can) (?:you|i) (?:like|want|have|get)(?: to "
                         r"(?:order|have|get))?\b|\bwhat can i get (?:you|for you)\b|\b(?:ready|"
                         r"like) to order\b|\bwhat are you (?:having|ordering|after)\b|\bwhat will "
                         r"it be\b|\btake your order\b|\bwhat do you (?:want|need) to order\b|"
                         r"\bwhat (?:would you like|can i get you)\b")),
)

# "what time would you like it delivered" asks for time, not for the order
_NOT_ORDER = re.compile(r"\bwhat (?:time|size|day|kind|type|address|number)\b|\bpay\b")

_FACT_CACHE: dict[int, tuple[tuple[FactHint, ...], tuple[tuple[str, tuple[str, ...]], ...]]] = {}


def is_asking(sent: Sentence) -> bool:
    """True when the sentence asks for something: question form or a request."""
    if sent.question_mark:
        return True
    return any(is_interrogative(c) for c in sent.clauses) or bool(_REQUEST.search(sent.norm))


def _prepared_facts(facts: tuple[FactHint, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    hit = _FACT_CACHE.get(id(facts))
    if hit is not None and hit[0] is facts:
        return hit[1]
    prepared = tuple(
        (f.name, tuple(p for p in (normalize(x) for x in f.phrases) if p)) for f in facts
    )
    if len(_FACT_CACHE) > 64:
        _FACT_CACHE.clear()
    _FACT_CACHE[id(facts)] = (facts, prepared)
    return prepared


def phrase_in(phrase: str, text: str, threshold: float = _FACT_THRESHOLD) -> bool:
    """Fuzzy "is this normalised phrase said in this normalised text".

    Short phrases must appear as whole words; longer ones may be misspelt
    (partial_ratio) or reordered ("address for delivery" vs "delivery address").
    """
    if len(phrase) <= 4:
        return re.search(rf"\b{re.escape(phrase)}\b", text) is not None
    if phrase in text:
        return True
    if fuzz.partial_ratio(phrase, text, score_cutoff=threshold):
        return True
    return " " in phrase and bool(fuzz.token_set_ratio(phrase, text, score_cutoff=95))


def find_asks(sentences: list[Sentence], facts: tuple[FactHint, ...] = ()) -> tuple[str, ...]:
    """Slot names, "receiver", "order" and fact names the operator asks for."""
    asks: list[str] = []
    fact_list = _prepared_facts(facts) if facts else ()
    for sent in sentences:
        if not is_asking(sent):
            continue
        norm = sent.norm
        for name, rx in _SLOT_ASKS:
            if name in asks or not rx.search(norm):
                continue
            if name == "order" and _NOT_ORDER.search(norm):
                continue
            if name == "name" and "receiver" in asks:
                continue
            asks.append(name)
        for name, phrases in fact_list:
            if name not in asks and any(phrase_in(p, norm) for p in phrases):
                asks.append(name)
    if "receiver" in asks and "name" in asks and not re.search(
        r"\byour (?:full |first |last )?name\b", " ".join(s.norm for s in sentences)
    ):
        asks.remove("name")
    return tuple(asks)
