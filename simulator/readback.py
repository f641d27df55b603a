"""The customer checks what the operator says back against its own order.

A caller knows what they ordered. When the operator reads back (or simply states) one
pizza instead of two, 41 instead of 14 Canal Street, or cash instead of card, a real
caller says so — and a trainee who never hears a correction never learns to listen
for one. This module compares one operator line, as the understanding engine read it
(items with quantities and options, address, time, name, payment and phone slots),
with the order as it stands at this moment of the call (the scenario's order plus the
changes made and the upsells accepted so far) and words each difference the way the
customer would say it ("No, two, not one.").

Only what the line states is compared: a read-back that leaves something out is not
a mistake here (order capture scores the final form), and a product the order does
not have counts as a wrong item only when the line reads the order back, not when it
offers something extra.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.matching import (
    address_matches,
    digits,
    name_matches,
    normalize_address,
    parse_window,
    payment_matches,
)
from simulator.order_form import OrderForm, expected_form
from simulator.scenario import CatalogItem
from simulator.state import CallState
from simulator.understanding.types import Analysis, ItemMention

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten", "eleven", "twelve")
# words that tie a name in the line to who receives the delivery
_RECEIVER_CUE = re.compile(r"\b(receiv\w*|sign(?:ing)? for|taking (?:the )?delivery|"
                           r"accept(?:ing)? (?:the )?delivery|for|attention of|c/o)\b",
                           re.IGNORECASE)
# a time the operator states as a clock time, not "in twenty minutes"
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}|\d\s*(?:am|pm|a\.m|p\.m)|o'?clock|\b(?:by|at|from|"
                    r"between|until|till)\s+\d", re.IGNORECASE)
TIME_SLACK_MIN = 30  # "by eight" for a 19:30-20:00 window is right
# "three kilos of espresso beans", "two boxes of the cups": a quantity with a unit in
# between, which the understanding engine leaves without a quantity
_UNITS = (r"kilo|kilogram|kg|box|boxe|case|tub|bottle|pack|packet|bag|litre|liter|can|tin|"
          r"carton|crate|sack|tray|roll|sleeve|jar|pot|portion|slice")
_QTY_BEFORE = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    rf"(?:(?:{_UNITS})s?\s+)?(?:of\s+)?(?:the\s+|our\s+|your\s+)?(?:[\w-]+\s+){{0,2}}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mistake:
    """One thing the operator said that differs from the customer's order."""

    field: str  # quantity | option | item | address | time | receiver | payment | phone
    said: str
    want: str
    text: str  # the customer's correction, in its own words


def customer_order(state: CallState) -> OrderForm:
    """The order as the customer holds it right now: changes and upsells so far."""
    return expected_form(state.scenario, happened=set(state.fired_changes),
                         accepted=sorted(state.upsells_accepted))


def product_phrases(products: dict[str, CatalogItem]) -> dict[str, tuple[str, ...]]:
    """Words each product is called by: its name without the pack size, its aliases, and
    its name's first word when no other product shares it ("margherita")."""
    def bare(name: str) -> str:
        return re.sub(r"\(.*?\)|\b\d[\d.,]*\s*(?:kg|g|l|ml|oz)\b", "", name).strip().casefold()

    firsts: dict[str, int] = {}
    for item in products.values():
        for word in set(re.findall(r"[a-z]+", item.name.casefold())):
            firsts[word] = firsts.get(word, 0) + 1
    out: dict[str, tuple[str, ...]] = {}
    for sku, item in products.items():
        words = re.findall(r"[a-z]+", item.name.casefold())
        phrases = [bare(item.name), *(a.casefold() for a in item.aliases)]
        if words and len(words[0]) >= 5 and firsts.get(words[0]) == 1:
            phrases.append(words[0])
        out[sku] = tuple(dict.fromkeys(p for p in phrases if p))
    return out


def mentions(state: CallState, analysis: Analysis) -> tuple[ItemMention, ...]:
    """The engine's product mentions, plus products it missed ("two small margheritas"),
    found by the words in `state.product_phrases`, with quantity and option before them."""
    found = list(analysis.items)
    have = {m.sku for m in found}
    text = analysis.text.casefold()
    for sku, phrases in state.product_phrases.items():
        if sku in have:
            continue
        for phrase in sorted(phrases, key=len, reverse=True):
            m = re.search(rf"\b{re.escape(phrase)}(?:e?s)?\b", text)
            if m is None:
                continue
            before = text[max(0, m.start() - 30):m.start()]
            options = {key: value for key, values in state.product_options.get(sku, {}).items()
                       for value in values
                       if re.search(rf"\b{re.escape(value.casefold())}\s+(?:[\w-]+\s+)?$",
                                    before)}
            found.append(ItemMention(sku, _qty_of(analysis, m.group(0)), options, m.group(0)))
            break
    return tuple(found)


def number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _qty_of(analysis: Analysis, mention_text: str) -> int | None:
    """The quantity said just before a product mention, when the engine gave none."""
    text = analysis.text.casefold()
    at = text.find(mention_text.casefold()) if mention_text else -1
    if at <= 0:
        return None
    m = _QTY_BEFORE.search(text[max(0, at - 40):at])
    if m is None:
        return None
    word = m.group(1)
    if word.isdigit():
        return int(word)
    return 1 if word in ("a", "an") else _NUMBER_WORDS.index(word)


def _reads_back(analysis: Analysis) -> bool:
    used = set(analysis.techniques)
    return bool({"read_back", "confirm"} & used) and "upsell" not in used


def _items(analysis: Analysis, order: OrderForm, names: dict[str, str]) -> list[Mistake]:
    found: list[Mistake] = []
    items = analysis.items
    mentioned = {m.sku for m in items}
    missing = [sku for sku in order.lines if sku not in mentioned]
    for m in items:
        line = order.lines.get(m.sku)
        name = names.get(m.sku, m.sku).lower()
        if line is None:
            name = (m.text or name).lower()  # as the operator called it, not the catalog
            if not _reads_back(analysis):
                continue  # an offer of something extra, not a wrong order
            swap = [s for s in missing if names.get(s, s).split()[-1:] == name.split()[-1:]]
            if len(swap) == 1 or (len(missing) == 1 and len(analysis.items) == 1):
                want = names.get((swap or missing)[0], "").lower()
                found.append(Mistake("item", name, want, f"No, {want}, not {name}."))
            else:
                found.append(Mistake("item", name, "", f"I didn't order {name}."))
            continue
        qty = m.qty if m.qty is not None else _qty_of(analysis, m.text)
        if qty is not None and qty != line.qty:
            found.append(Mistake("quantity", str(qty), str(line.qty),
                                 f"No, {number_word(line.qty)}, not {number_word(qty)}."))
        for key, said in m.options.items():
            want = line.options.get(key)
            if want is not None and said.casefold() != want.casefold():
                found.append(Mistake("option", said, want, f"No, {want}, not {said}."))
    return found


def _address(said: str, want: str) -> Mistake | None:
    if address_matches(said, want):
        return None
    a, b = normalize_address(said), normalize_address(want)
    street_a, street_b = re.sub(r"\d+", "", a).split(), re.sub(r"\d+", "", b).split()
    nums = re.findall(r"\d+", want)
    if street_a and street_a == street_b and nums:
        return Mistake("address", said, want, f"It's {' '.join(nums)}, not {said}.")
    return Mistake("address", said, want, f"No, it's {want}, not {said}.")


def _time(said: str, want: str) -> Mistake | None:
    if not _CLOCK.search(said):
        return None
    a, b = parse_window(said), parse_window(want)
    if a is None or b is None:
        return None
    low, high = b[0] - TIME_SLACK_MIN, b[1] + TIME_SLACK_MIN
    for shift in (0, 720):  # "by eight" means 20:00 for an evening delivery
        if low <= a[0] + shift <= high and low <= a[1] + shift <= high:
            return None
    shown = want.replace("-", " and ") if "-" in want else want
    lead = "between " if "-" in want else "at "
    return Mistake("time", said, want, f"No, {lead}{shown}, not {said}.")


def _receiver(analysis: Analysis, want: str, others: tuple[str, ...]) -> Mistake | None:
    if not _RECEIVER_CUE.search(analysis.text) or "introduce_self" in analysis.techniques:
        return None
    for said in analysis.slots.get("name", ()):
        if any(name_matches(said, w) or _part_of(said, w) for w in (want, *others) if w):
            continue
        return Mistake("receiver", said, want, f"No, it's for {want}, not {said}.")
    return None


def _part_of(said: str, full: str) -> bool:
    """"Dana" or "Ms Whitfield" for Dana Whitfield: a first or last name alone is right."""
    have = set(re.findall(r"[a-z]+", said.casefold())) - {"mr", "mrs", "ms", "miss", "dr"}
    return bool(have) and have <= set(re.findall(r"[a-z]+", full.casefold()))


def _checks_details(analysis: Analysis) -> bool:
    """Time, payment, receiver and phone are checked only when the line reads back or
    asks ("…and you'll pay by cash?"): elsewhere the same words are about something
    else ("I can take the overdue amount on your card now")."""
    return _reads_back(analysis) or analysis.is_question


def _first_wrong(values: tuple[str, ...], check) -> Mistake | None:  # type: ignore[no-untyped-def]
    """A choice offered ("cash or card?") is not a mistake when one of them is right."""
    found = [check(v) for v in values]
    if not values or any(m is None for m in found):
        return None
    return found[0]


def mistakes(state: CallState, analysis: Analysis) -> list[Mistake]:
    """Every difference between what the line states and the customer's own order."""
    s = state.scenario
    found: list[Mistake] = []
    if "upsell" in analysis.techniques:
        return found  # an offer names things on purpose; its answer is yes or no
    details = _checks_details(analysis)
    slots = analysis.slots
    if s.order is not None:
        order = customer_order(state)
        found += _items(analysis, order, state.product_names)
        want_address, want_window = order.address, order.window
        if want_address and (m := _first_wrong(
                slots.get("address", ()), lambda v: _address(v, want_address))):
            found.append(m)
        if details and want_window and (m := _first_wrong(
                slots.get("time", ()), lambda v: _time(v, want_window))):
            found.append(m)
        if details and order.receiver:
            others = (s.persona.name, s.account.name if s.account and s.account.name else "")
            if (m := _receiver(analysis, order.receiver, others)) is not None:
                found.append(m)
        if details and order.payment:
            want = order.payment.replace("_", " ")
            if m := _first_wrong(slots.get("payment", ()), lambda v: None if payment_matches(
                    v, want) else Mistake("payment", v, want,
                                          f"No, I'm paying by {want}, not {v}.")):
                found.append(m)
    phone = s.facts["phone"].value if "phone" in s.facts else (
        s.account.phone if s.account else None)
    if details and phone and len(digits(phone)) >= 7:
        for said in slots.get("phone", ()):
            if len(digits(said)) >= 7 and digits(said) != digits(phone):
                found.append(Mistake("phone", said, phone, f"No, it's {phone}."))
                break
    return found


# "…any interest?", "shall I add a tub?": an offer of something the caller has not ordered
_OFFER_Q = re.compile(r"\b(?:add|interest(?:ed)?|fancy|would you like|do you want|want (?:some|a|"
                      r"one|to try)|try (?:some|a|our|the)|shall i|should i|can i (?:add|get|"
                      r"tempt)|how about|what about|need any|like (?:some|a|one))\b",
                      re.IGNORECASE)


def offers_extra(state: CallState, analysis: Analysis) -> bool:
    """A question naming a product the caller has not ordered, worded as an offer: the
    customer hears an offer of an extra item, whatever else the line was read as."""
    if state.scenario.order is None or not analysis.is_question:
        return False
    order = customer_order(state)
    extra = [m for m in analysis.items if m.sku not in order.lines]
    return bool(extra) and bool(_OFFER_Q.search(analysis.text))


def restates(state: CallState, analysis: Analysis) -> bool:
    """The line repeats part of the customer's order ("…to 14 Canal Street, Tuesday?"):
    asked as a question, the answer is yes (or a correction, when it is wrong)."""
    if state.scenario.order is None or "upsell" in analysis.techniques:
        return False
    order = customer_order(state)
    return (any(m.sku in order.lines for m in analysis.items)
            or bool(order.address and analysis.slots.get("address")))


_RECAP = re.compile(r"\b(?:recap|to confirm|to (?:double-)?check|go over|read (?:that|it|this) "
                    r"back|repeat (?:that|it)|so that'?s|that'?s|so it'?s|you(?:'ve| have) got"
                    r"|i(?:'ve| have) got)\b", re.IGNORECASE)


def reads_order_back(state: CallState, analysis: Analysis) -> bool:
    """The line goes over the order — two or more of its parts (items, the address, the
    time) — as a check ("Just to double-check: two large veggie pizzas and a tiramisu,
    to flat 2, 62 Linden Avenue…?"): a read-back, however it is worded."""
    if state.scenario.order is None or "upsell" in analysis.techniques:
        return False
    order = customer_order(state)
    parts = sum(1 for m in analysis.items if m.sku in order.lines)
    parts += bool(order.address and analysis.slots.get("address"))
    parts += bool(order.window and analysis.slots.get("time"))
    checking = analysis.is_question or "confirm" in analysis.techniques or bool(
        _RECAP.search(analysis.text))
    return parts >= 2 and checking


def correction(found: list[Mistake]) -> str:
    """All corrections as one line: "No, two, not one. And it's 14, not 41 Canal Street."."""
    parts: list[str] = []
    for i, m in enumerate(found):
        text = m.text
        if i and text.startswith("No, "):
            text = "And " + text[4:]
        elif i and text.startswith("It's "):
            text = "And it's " + text[5:]
        parts.append(text)
    return " ".join(parts)
