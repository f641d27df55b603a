"""Slot values the operator states: quantity, item, option, address, time, phone, name,
payment, card.

The order-capture scorer compares what the operator said (and read back) with the
scenario's correct order, so values are returned in a canonical form: times as "7:30"
or 24-hour "19:30" when am/pm was said, phone numbers as digits only, addresses
title-cased ("Flat 4, 22 High Rd"), payment as one of card / cash / invoice / bank
transfer. A spoken card number is stored masked — the full number must never reach
the transcript store.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .card import find_card_numbers
from .catalog import find_items
from .digits import DigitRun, digit_count_at_least, digit_runs, luhn_ok
from .types import Context, ItemMention

# --- address -------------------------------------------------------------------------

_STREET = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|"
    r"close|crescent|cres|terrace|square|sq|parkway|pkwy|highway|hwy|row|hill|gardens|grove|"
    r"park|walk|mews|circle|cir|parade|green|rise|view|wharf|quay"
)
_ADDRESS = re.compile(
    rf"\b(?:(?:flat|apt|apartment|unit|suite|room|floor) \d+[a-z]?(?: ,)? )?"
    rf"\d+[a-z]?(?: ,)? (?:(?!(?:and|or|to|at|for|the|in|on|by|minutes|hours|days|pizzas?)\b)"
    rf"[a-z]+ ){{1,3}}?(?:{_STREET})\b"
)

# --- time ----------------------------------------------------------------------------

_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?: ?(am|pm))?\b")
_HOUR_AMPM = re.compile(r"\b(\d{1,2}) ?(am|pm|o clock|oclock)\b")
_BETWEEN = re.compile(
    r"\bbetween (\d{1,2}(?::\d{2})?)(?: ?(am|pm))? and (\d{1,2}(?::\d{2})?)(?: ?(am|pm))?"
)
_SPOKEN_CLOCK = re.compile(
    r"\b(?:at|by|around|for|before|after|about|from|until|till) (\d{1,2}) (\d{2})(?: ?(am|pm))?"
    r"\b(?! (?:minutes|mins|hours|days|pizzas|items|people|dollars|pounds))"
)
_AT_HOUR = re.compile(
    r"\b(?:at|by|around|before|after|until|till|about) (\d{1,2})(?: ?ish)?"
    r"(?= ,|$| (?:today|tonight|tomorrow|this|in the|please|then|is|would|works|okay|sharp|"
    r"on the dot))"
)
_PAST = re.compile(r"\b(half|quarter) (past|to) (\d{1,2})\b")
_HALF_HOUR = re.compile(r"\bhalf (\d{1,2})\b(?! (?:minutes|hours|days|price|an hour))")


def _clock_words(m: re.Match[str]) -> str:
    """"half past 7" -> "7:30", "quarter to 8" -> "7:45" (same length not required)."""
    part, rel, h = m.group(1), m.group(2), int(m.group(3))
    if not 1 <= h <= 12:
        return m.group(0)
    minute = 30 if part == "half" else 15
    if rel == "to":
        h, minute = (h - 1 or 12), 60 - minute
    return f"{h}:{minute:02d}"
_DAY = re.compile(
    r"\b(?:(?:today|tonight|tomorrow|this) (?:morning|afternoon|evening|night)|"
    r"tomorrow (?:morning|afternoon|evening|night)|(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)(?: (?:morning|afternoon|evening|night))?|noon|midday|midnight|"
    r"as soon as possible|asap)\b"
)
_DAY_CONTEXT = re.compile(
    r"\b(?:for|on|by|until|before|after|deliver\w*|arriv\w*|come|coming|there|book\w*|"
    r"schedul\w*|slot|ready|collect\w*|pick\w* up|visit|appointment) (?:\w+ )?(?:\w+ )?"
    r"(today|tonight|tomorrow)\b"
)
_IN_DURATION = re.compile(
    r"\b(?:in|within) (?:about |around |roughly )?(\d+|an?|half an) (minutes?|hours?)\b"
)

# --- payment, name, quantity -------------------------------------------------------------

_PAYMENT = (
    ("card", re.compile(
        r"\b(?:credit|debit) card\b|\bby card\b|\bwith (?:a |your |the )?card\b|\bcard payment\b|"
        r"\bpay(?:ing|ment)? (?:by|with|via|on) (?:a |your |the )?card\b|\bcard or cash\b|"
        r"\bcash or card\b|\bon (?:a |your |the )?card\b|\bcontactless\b|\bapple pay\b|"
        r"\bgoogle pay\b|\bcard on file\b(?=.*\bpay)")),
    ("cash", re.compile(r"\bcash\b(?! ?back)")),
    ("invoice", re.compile(r"\binvoice\b|\bon account\b|\bbill (?:us|me|the company)\b")),
    ("bank transfer", re.compile(r"\bbank transfer\b|\bwire transfer\b|\bbacs\b|\bdirect debit\b|"
                                 r"\btransfer (?:it|the money) (?:from|to)")),
)

_PAY_HINT = re.compile(r"card|cash|invoice|account|bill|transfer|bacs|debit|contactless|pay")
_NAME_WORD = r"[A-Za-z][a-z'\-]+"
_NAME_PATTERNS = (
    re.compile(rf"\bmy name(?:'s| is) ({_NAME_WORD})(?: ([A-Z][a-z'\-]+))?", re.I),
    re.compile(rf"\b(?:this is|it's|it is) ({_NAME_WORD})(?: ([A-Z][a-z'\-]+))? "
               r"(?:from|speaking|here|at|with)\b", re.I),
    re.compile(rf"(?:^|[,.!?]\s*)({_NAME_WORD})(?: ([A-Z][a-z'\-]+))? speaking\b", re.I),
    re.compile(rf"^(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: there)?,? (?:this is|"
               rf"it's|it is) ({_NAME_WORD})(?: ([A-Z][a-z'\-]+))?\s*[.!]", re.I),
    re.compile(rf"\byou(?:'re| are) (?:speaking|talking|chatting) (?:with|to) ({_NAME_WORD})"
               r"(?: ([A-Z][a-z'\-]+))?", re.I),
    re.compile(r"\b(?:i am|i'm|im) ([A-Z][a-z'\-]+)(?: ([A-Z][a-z'\-]+))?(?= from| with| at|,|"
               r" and i| here|\.|$)"),
    re.compile(r"\b((?:mr|mrs|ms|miss|dr|mister)\.?) ([A-Z][a-z'\-]+)", re.I),
    re.compile(rf"\b(?:name (?:on|for) the (?:order|booking|account|delivery) is|under the name"
               rf"(?: of)?) ({_NAME_WORD})(?: ([A-Z][a-z'\-]+))?", re.I),
)
_NOT_NAMES = frozenset((
    "a", "an", "the", "not", "so", "very", "really", "just", "what", "how", "my", "your",
    "our", "it", "that", "this", "here", "there", "sorry", "calling", "going", "trying",
    "afraid", "sure", "glad", "happy", "able", "unable", "from", "with", "and", "i", "you",
    "we", "they", "he", "she", "customer", "service", "support", "team", "department", "one",
    "speaking",
))

_QTY_NOUN = re.compile(
    r"\b(\d{1,3}|a couple of|a dozen) (?:(?:small|medium|large|extra large|regular|family|"
    r"big|little|more|extra) )?(?:\w+ )?(pizzas?|drinks?|bottles?|cans?|boxes|box|pieces?|"
    r"slices?|items?|packs?|portions?|cups?|burgers?|sides?|wings|sandwich(?:es)?|units?|"
    r"cartons?|cases?|bags?|tickets?|seats?|rolls?|kilos?|kg|litres?|liters?|dozen|"
    r"coffees?|teas?|cokes?|sodas?|desserts?|salads?|meals?|orders?|copies|licen[cs]es?|"
    r"devices?|phones?|routers?|sets?)\b"
)
_QTY_HINT = re.compile(r"\d|\bcouple\b|\bdozen\b")
_SIZES = re.compile(r"\b(extra large|small|medium|large|regular|family size|family)\b"
                    r"(?= (?:\w+ )?(?:pizzas?|one|ones|size|drinks?|coffee|coke|fries|box|pack)\b|"
                    r" ,| please|$)")


def _to_24h(hour: int, minute: int, ampm: str | None) -> str:
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return f"{hour}:{minute:02d}"


_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[A-Za-z'\-]+")
_TIME_HINT = re.compile(
    r"\d|\b(?:today|tonight|tomorrow|morning|afternoon|evening|night|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|noon|midday|midnight|asap|as soon as)\b"
)
_NAME_HINT = re.compile(
    r"\b(?:name|this is|speaking|you're|you are|i am|i'm|im|mr|mrs|ms|miss|dr|mister)\b",
    re.I,
)


def find_times(norm: str) -> list[str]:
    """Times and time windows in normalised text, canonical and in order of appearance."""
    if not _TIME_HINT.search(norm):
        return []
    if "half" in norm or "quarter" in norm:
        norm = _PAST.sub(_clock_words, norm)
        norm = _HALF_HOUR.sub(r"\1:30", norm)  # British "half seven" is 7:30
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str) -> None:
        if any(s < end and start < e for s, e in spans):
            return
        spans.append((start, end))
        found.append((start, value))

    has_digit = _DIGIT.search(norm) is not None
    for m in _BETWEEN.finditer(norm) if "between" in norm else ():
        a, ap, b, bp = m.groups()
        left = f"{a} {ap}" if ap else a
        right = f"{b} {bp}" if bp else b
        add(m.start(), m.end(), f"between {left} and {right}")
    for m in _CLOCK.finditer(norm) if ":" in norm else ():
        h, mi, ap = int(m.group(1)), int(m.group(2)), m.group(3)
        if h <= 24 and mi < 60:
            add(m.start(), m.end(), _to_24h(h, mi, ap) if ap else f"{h}:{mi:02d}")
    for m in _SPOKEN_CLOCK.finditer(norm) if has_digit else ():
        h, mi, ap = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= h <= 12 and mi < 60:
            add(m.start(1), m.end(), _to_24h(h, mi, ap) if ap else f"{h}:{mi:02d}")
    for m in _HOUR_AMPM.finditer(norm) if has_digit else ():
        h = int(m.group(1))
        if 1 <= h <= 12:
            ap = m.group(2) if m.group(2) in ("am", "pm") else None
            add(m.start(), m.end(), _to_24h(h, 0, ap))
    for m in _AT_HOUR.finditer(norm) if has_digit else ():
        h = int(m.group(1))
        if 1 <= h <= 12:
            add(m.start(1), m.end(1), f"{h}:00")
    for m in _DAY.finditer(norm):
        add(m.start(), m.end(), m.group(0))
    for m in _DAY_CONTEXT.finditer(norm) if "to" in norm else ():
        add(m.start(1), m.end(1), m.group(1))
    for m in _IN_DURATION.finditer(norm) if "minute" in norm or "hour" in norm else ():
        add(m.start(), m.end(), m.group(0))
    return [v for _, v in sorted(found)]


def find_addresses(norm: str) -> list[str]:
    """Street addresses ("12 Oak Street", "flat 4, 22 High Rd"), title-cased."""
    out = []
    for m in _ADDRESS.finditer(norm):
        text = m.group(0).replace(" , ", ", ")
        out.append(" ".join(w if w[0].isdigit() else w.capitalize() for w in text.split(" ")))
    return out


def find_phones(raw: str, runs: list[DigitRun] | None = None) -> list[str]:
    """Phone numbers (7-15 digits, not a card number), digits only."""
    if runs is None:
        runs = digit_runs(raw) if digit_count_at_least(raw, 7) else []
    out = []
    for run in runs:
        d = run.digits
        if 7 <= len(d) <= 15 and not (len(d) >= 13 and luhn_ok(d)):
            out.append(d)
    return out


def find_payments(norm: str) -> list[str]:
    """Payment methods named: card, cash, invoice, bank transfer."""
    if not _PAY_HINT.search(norm):
        return []
    return [name for name, rx in _PAYMENT if rx.search(norm)]


def find_names(raw: str, customer_name: str = "") -> list[str]:
    """Names introduced ("my name is Alex", "this is Alex from ...", "Mrs Patel"), plus
    the customer's own name when it is mentioned (fuzzy, so "Dana" matches "Dana
    Whitfield" and a misspelt "Whitfeild" still counts)."""
    out: list[str] = []
    for rx in _NAME_PATTERNS if _NAME_HINT.search(raw) else ():
        for m in rx.finditer(raw):
            first, second = m.group(1), m.group(2)
            if first.lower().rstrip(".") in _NOT_NAMES:
                continue
            parts = [first.rstrip(".").capitalize()]
            if second and second.lower() not in _NOT_NAMES:
                parts.append(second.capitalize())
            name = " ".join(parts)
            if name not in out:
                out.append(name)
    if customer_name:
        words = [w for w in _WORDS.findall(raw) if len(w) >= 3]
        said = {w.lower() for w in words}
        for part in customer_name.split():
            if len(part) < 3:
                continue
            if part.lower() in said or process.extractOne(
                    part.lower(), words, scorer=fuzz.ratio, score_cutoff=88, processor=str.lower):
                if customer_name not in out:
                    out.append(customer_name)
                break
    return out


def find_quantities(norm: str, items: list[ItemMention]) -> list[str]:
    """Quantities: those of catalog items, else numbers in front of countable nouns."""
    if items:
        return [str(i.qty) for i in items if i.qty is not None]
    if not _QTY_HINT.search(norm):
        return []
    out = []
    for m in _QTY_NOUN.finditer(norm):
        q = m.group(1)
        out.append({"a couple of": "2", "a dozen": "12"}.get(q, q))
    return out


def extract_slots(
    norm: str, raw: str, context: Context
) -> tuple[dict[str, tuple[str, ...]], tuple[ItemMention, ...]]:
    """All slot values stated in one utterance, and the catalog items it names."""
    slots: dict[str, tuple[str, ...]] = {}
    tokens = norm.split()
    runs = digit_runs(raw) if digit_count_at_least(raw, 7) else []
    items = find_items(tokens, context.catalog) if context.catalog else []
    if items:
        slots["item"] = tuple(dict.fromkeys(i.sku for i in items))
        opts = tuple(dict.fromkeys(v for i in items for v in i.options.values()))
        if opts:
            slots["option"] = opts
    else:
        sizes = tuple(dict.fromkeys(m.group(1) for m in _SIZES.finditer(norm)))
        if sizes:
            slots["option"] = sizes
    qty = find_quantities(norm, items)
    if qty:
        slots["quantity"] = tuple(qty)
    for name, values in (
        ("address", find_addresses(norm) if runs or _QTY_HINT.search(norm) else []),
        ("time", find_times(norm)),
        ("phone", find_phones(raw, runs)),
        ("name", find_names(raw, context.customer_name)),
        ("payment", find_payments(norm)),
    ):
        if values:
            slots[name] = tuple(dict.fromkeys(values))
    cards = find_card_numbers(raw, runs)
    if cards:
        slots["card"] = tuple("*" * (len(c) - 4) + c[-4:] for c in cards)
    return slots, tuple(items)
