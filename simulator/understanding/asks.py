"""What the operator asks the customer for: slots, scenario facts, the order itself.

The scripted customer answers a question only if it was asked ("could I get your phone
number?" -> reveal the phone), so this module decides two things per sentence: is the
operator asking (question form, or a request such as "I'll need your address"), and
about what. Slot asks come from a phrase table; scenario facts come from the
scenario's own phrases (FactHint), matched fuzzily so that "whats ur order numbr"
still asks for `order_number`.

Only what was asked is asked for, because the customer answers every ask: "the phone
number on the order" asks for the phone number (the head noun), not the order number; a
postcode asks for the scenario's postcode fact, or for the address only when there is
none; an email never asks for the address; the card's expiry date and security code ask
for their own facts (if the scenario has them), never for the card number.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .normalize import Sentence, normalize
from .prefilter import PatternIndex
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
    ("address", re.compile(r"(?<!email )(?<!e mail )(?<!web )(?<!ip )(?<!mac )\baddress\b|"
                           r"\bwhere (?:\w+ ){0,4}?(?:deliver\w*|send\w*|ship\w*|drop\w*|bring\w*)"
                           r"\b|\bwhere (?:are you|do you live|is it going|to)\b|"
                           r"\bdeliver(?:ing|ed)? (?:it )?to\b")),
    # a postcode asks for the address only when the scenario has no postcode of its own
    ("postcode", re.compile(r"\bpost ?code\b|\bpostal code\b|\bzip(?: code)?\b")),
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
    ("name", re.compile(r"\b(?:your|the) (?:full |first |last |sur)?name\b(?! of\b)|\bwho am i "
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
    ("card", re.compile(r"\bcard (?:number|details|no)\b|\b(?:long|16 digit) number\b")),
    # the expiry date and the security code are their own facts, not the card number
    ("expiry", re.compile(r"\bexpir(?:y|ation|es|e)\b|\bvalid (?:until|thru|through|to)\b|"
                          r"\bend date\b")),
    ("security_code", re.compile(r"\bcvv\b|\bcvc\b|\bcv2\b|\bsecurity (?:code|number)\b|"
                                 r"\b(?:3|three) digits on the back\b")),
    ("order", re.compile(r"\bwhat (?:would|will|do|can) (?:you|i) (?:like|want|have|get)(?: to "
                         r"(?:order|have|get))?\b|\bwhat can i get (?:you|for you)\b|\b(?:ready|"
                         r"like) to order\b|\bwhat are you (?:having|ordering|after)\b|\bwhat will "
                         r"it be\b|\btake your order\b|\bwhat do you (?:want|need) to order\b|"
                         r"\bwhat (?:would you like|can i get you)\b|\bwhat is (?:the|your) order"
                         r"\b(?! (?:number|no|id|reference|code|status)\b)|\bwhat is on (?:the|your) "
                         r"(?:list|order)\b|\bwhat are we (?:sending|getting|delivering|doing) "
                         r"(?:you|for you)\b|\bwhat (?:can|could|shall) (?:we|i) (?:get|send) "
                         r"(?:for )?you\b")),
)

# all slot cues at once through the first-token index; _SLOT_ASKS keeps their order
_SLOT_INDEX = PatternIndex((name, (rx.pattern,)) for name, rx in _SLOT_ASKS)

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


# "the phone number on the order" asks for the phone number only: qualifiers naming the
# record the datum sits on are dropped before scenario facts are matched, so the fact
# "order_number" is not asked for here.
_QUALIFIER = re.compile(
    r"\b(?:on|for|under|linked to|associated with|attached to|registered (?:to|on|with|under)|"
    r"that is on|we have (?:on|for)) (?:the|your|this|that) (?:account|order|booking|file|"
    r"reservation|policy)\b|\b(?:the|your) (?:account|order|booking) (?:is )?(?:registered|held|"
    r"under)\b"
)
# an email is asked for as itself ("where should I send the email?"), never as an address
_EMAIL = re.compile(r"\be ?mail\b")
# slot asks that belong to a scenario fact when there is one
_OWN_FACT = {
    "postcode": re.compile(r"post|zip"),
    "expiry": re.compile(r"expir|valid"),
    "security_code": re.compile(r"security|cvv|cvc|cv2"),
}


def _own_fact(slot: str, names: tuple[str, ...]) -> str | None:
    """The scenario fact that holds this datum, if the scenario has one."""
    rx = _OWN_FACT[slot]
    return next((n for n in names if rx.search(n)), None)


def find_asks(sentences: list[Sentence], facts: tuple[FactHint, ...] = ()) -> tuple[str, ...]:
    """Slot names, "receiver", "order" and fact names the operator asks for.

    A postcode asks for the scenario's postcode fact, or for the address when there is
    none; the card's expiry date and security code ask only for their own facts, never
    for the card number; an email question never asks for the address.
    """
    asks: list[str] = []
    fact_list = _prepared_facts(facts) if facts else ()
    fact_names = tuple(f.name for f in facts)
    for sent in sentences:
        if not is_asking(sent):
            continue
        norm = sent.norm
        said = _SLOT_INDEX.matches(norm)
        for name, _rx in _SLOT_ASKS if said else ():
            if name in asks or name not in said:
                continue
            if name == "order" and _NOT_ORDER.search(norm):
                continue
            if name == "name" and "receiver" in asks:
                continue
            if name == "address" and _EMAIL.search(norm):
                continue
            if name in _OWN_FACT:
                own = _own_fact(name, fact_names)
                if own is None and name == "postcode":
                    own = "address"
                if own is not None and own not in asks:
                    asks.append(own)
                continue
            asks.append(name)
        if not fact_list:
            continue
        head = _QUALIFIER.sub(" ", norm) if " the " in norm or " your " in norm else norm
        for name, phrases in fact_list:
            if name not in asks and any(phrase_in(p, head) for p in phrases):
                asks.append(name)
    if "receiver" in asks and "name" in asks and not re.search(
        r"\byour (?:full |first |last )?name\b", " ".join(s.norm for s in sentences)
    ):
        asks.remove("name")
    return tuple(asks)
