"""Taking a card into the payment screen without the number reaching the record.

The brief of a card-payment call says "take the card number, expiry and security code
into the payment screen". The screen is this: the operator types the three values, the
call checks them as a payment terminal would (length, checksum, a real month) and
against the card the customer read out, and only "card ending 1111, expiry 12/27" goes
into the transcript and the store. The security code is never kept at all.
"""

from __future__ import annotations

import re
from typing import Any

from simulator.scenario import Scenario
from simulator.understanding.digits import luhn_ok


class CardError(ValueError):
    """A card that the payment screen would refuse (the trainee retypes it)."""


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _fact(scenario: Scenario, name: str) -> str | None:
    fact = scenario.facts.get(name)
    return None if fact is None else str(fact.value)


def take_card(scenario: Scenario, args: dict[str, Any]) -> tuple[dict[str, str], str]:
    """Check a card; return the masked arguments to record and the payment screen's note."""
    number, code = _digits(args.get("number")), _digits(args.get("code"))
    expiry = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*", str(args.get("expiry") or ""))
    if not 13 <= len(number) <= 19 or not luhn_ok(number):
        raise CardError("that is not a valid card number (13 to 19 digits): ask the customer "
                        "to repeat it, and do not read it back")
    if expiry is None or not 1 <= int(expiry[1]) <= 12:
        raise CardError("the expiry must be a month and year, MM/YY (e.g. 12/27)")
    if len(code) not in (3, 4):
        raise CardError("the security code is the 3 digits on the back (4 on the front of "
                        "Amex)")
    when = f"{int(expiry[1]):02d}/{expiry[2][-2:]}"
    masked = {"card": f"ending {number[-4:]}", "expiry": when}
    wrong = []
    known = _fact(scenario, "card_number")
    if known is not None and _digits(known) != number:
        wrong.append("number")
    known = _fact(scenario, "expiry")
    if known is not None and _digits(known)[-4:] != _digits(when):
        wrong.append("expiry")
    known = _fact(scenario, "security_code")
    if known is not None and _digits(known) != code:
        wrong.append("security code")
    if wrong:
        masked["declined"] = "yes"
        return masked, (f"Payment declined: the {' and '.join(wrong)} did not match the card. "
                        "Ask the customer to repeat it (never read the number back).")
    return masked, f"Card ending {number[-4:]} accepted by the payment provider."
