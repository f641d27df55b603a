"""What each order-form field may hold, checked the way `callsim validate` checks scenarios.

One set of rules for every front end: the app says what is wrong next to the field, the
plain-text call prints it, the engine refuses the action, and a scripted run's loader
reports it as file:line. Without them a time window landed in the address, a question
the trainee meant to say landed in the delivery window, and `size=family` went on an
order for a pizza that comes in small, medium and large.

Every check returns a message (what is wrong and what is expected) or "" when fine.
Messages never give away a field's expected value: only its kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rapidfuzz import process

from simulator.scenario import CatalogItem, FormField, Scenario

WINDOW = re.compile(r"\d{1,2}:\d{2}(\s*-\s*\d{1,2}:\d{2})?")
_TIME_ANYWHERE = re.compile(r"\b\d{1,2}:\d{2}\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_WORDS = ("today", "tonight", "tomorrow", "this", "next", *_WEEKDAYS)
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_YES_NO = ("yes", "no")
PAYMENT_METHODS = ("card", "cash", "invoice", "bank_transfer")


def _question(value: str) -> str:
    if value.rstrip().endswith("?"):
        return "that reads as a question to the customer, not an answer: say it, then type the answer"
    return ""


def check_window(value: str) -> str:
    """A delivery time: "19:30" or a window "18:00-20:00" (as in scenario files)."""
    if WINDOW.fullmatch(value.strip()):
        return ""
    return f"'{value}' is not a time: expected a time \"19:30\" or a window \"18:00-20:00\""


def check_address(value: str) -> str:
    """A street address: words with letters, not a time, not a question."""
    text = value.strip()
    if not text:
        return "the address is empty"
    if WINDOW.fullmatch(text) or _TIME_ANYWHERE.search(text):
        return f"'{text}' looks like a time, not an address: put times in the window field"
    if not re.search(r"[A-Za-z]{2}", text):
        return f"'{text}' is not an address: expected a street, e.g. \"12 Oak Street\""
    return _question(text)


def check_date(value: str) -> str:
    """A delivery day: a weekday, today/tomorrow, or a calendar date."""
    text = value.strip().lower()
    if not text:
        return "the date is empty"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}([./]\d{2,4})?", text):
        return ""
    words = re.findall(r"[a-z]+", text)
    short_days = {d[:3] for d in _DAY_WORDS if len(d) > 3} | {"tues", "thur", "thurs"}
    if words and (words[0] in _DAY_WORDS or words[0] in short_days
                  or any(w[:3] in _MONTHS for w in words)):
        return _question(value)
    return (f"'{value}' is not a day: expected a weekday (Thursday), today, tomorrow "
            "or a date (2026-12-04)")


def check_delivery(args: Mapping[str, Any]) -> str:
    """Every message for a set_delivery action, joined (one line per field)."""
    unknown = [k for k in args if k not in ("address", "window", "date")]
    if unknown:
        return (f"unknown delivery field '{unknown[0]}'" + _near(unknown[0], ["address", "window",
                                                                          "date"]))
    checks = {"address": check_address, "window": check_window, "date": check_date}
    out = [f"{key}: {msg}" for key, value in args.items()
           if value not in (None, "") and (msg := checks[key](str(value)))]
    return "; ".join(out)


def check_payment(value: str) -> str:
    if value in PAYMENT_METHODS:
        return ""
    return f"'{value}' is not a payment method" + _near(value, list(PAYMENT_METHODS))


def check_receiver(value: str) -> str:
    text = value.strip()
    if not text:
        return "the receiver's name is empty"
    if not re.search(r"[A-Za-z]", text) or _TIME_ANYWHERE.search(text):
        return f"'{text}' is not a name: expected who receives the delivery"
    return _question(text)


def _near(word: str, choices: list[str]) -> str:
    best = process.extractOne(word, choices, score_cutoff=60) if choices else None
    if best:
        return f" (did you mean '{best[0]}'?)"
    return f" (expected one of: {', '.join(choices) or 'none'})"


def check_options(item: CatalogItem, options: Mapping[str, Any], *, complete: bool) -> str:
    """Options of one order line: each one the product has, each value one it offers.

    `complete`: every option of the product must be chosen (a pizza needs a size). The
    app and the plain-text call ask for that; a scripted run may leave one out on
    purpose (a sloppy call that must fail), so its loader does not.
    """
    for key, value in options.items():
        allowed = item.options.get(key)
        if allowed is None:
            if not item.options:
                return f"'{item.name}' has no options"
            return f"'{item.name}' has no option '{key}'" + _near(str(key), list(item.options))
        if str(value) not in allowed:
            return (f"{key} '{value}' is not offered for {item.name} "
                    f"(expected one of: {', '.join(allowed)})")
    if complete:
        missing = [k for k in item.options if k not in options]
        if missing:
            return (f"choose a {missing[0]} for {item.name} first "
                    f"({', '.join(item.options[missing[0]])})")
    return ""


def field_kind(scenario: Scenario, name: str) -> str:
    """What a form field holds, in words ("a number", "an email address", "text"), from
    its match rule and the shape of its expected value — never the value itself."""
    spec = scenario.form.get(name)
    if spec is None:
        return ""
    if spec.match == "number":
        return "a number"
    expected = _expected(scenario, spec).strip().lower()
    if _EMAIL.fullmatch(expected):
        return "an email address"
    if expected in _YES_NO:
        return "yes or no"
    return "text"


def _expected(scenario: Scenario, spec: FormField) -> str:
    if spec.expected is not None:
        return spec.expected
    fact = scenario.facts.get(spec.fact or "")
    return str(fact.value) if fact is not None else ""


def check_field(scenario: Scenario, name: str, value: str) -> str:
    """A form field: a name the scenario defines, and a value of that field's kind."""
    if name not in scenario.form:
        if not scenario.form:
            return "this call has no form fields"
        return f"no form field '{name}'" + _near(name, list(scenario.form))
    text = value.strip()
    if not text:
        return f"{name} is empty"
    kind = field_kind(scenario, name)
    if kind == "a number" and not _NUMBER.search(text.replace(",", "")):
        return f"{name}: '{text}' is not a number"
    if kind == "an email address" and not _EMAIL.fullmatch(text):
        return f"{name}: '{text}' is not an email address (name@example.com)"
    if kind == "yes or no" and text.lower() not in (*_YES_NO, "y", "n"):
        return f"{name}: expected yes or no, got '{text}'"
    return _question(text) and f"{name}: {_question(text)}"


def check_action(scenario: Scenario, products: Mapping[str, CatalogItem], action: str,
                 args: Mapping[str, Any], *, complete: bool = False) -> str:
    """The message for a form action that must not be applied, or ""."""
    if action in ("add_item", "change_item"):
        item = products.get(str(args.get("sku") or ""))
        if item is None:
            return ""  # the engine's own "no product with SKU" message covers it
        return check_options(item, args.get("options") or {},
                             complete=complete and action == "add_item")
    if action == "set_delivery":
        return check_delivery(args)
    if action == "set_payment":
        return check_payment(str(args.get("method") or ""))
    if action == "set_receiver":
        return check_receiver(str(args.get("name") or ""))
    if action == "set_field":
        return check_field(scenario, str(args.get("name") or ""), str(args.get("value") or ""))
    return ""
