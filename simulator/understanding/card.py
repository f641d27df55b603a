"""Spoken payment-card numbers: detect them, and mask them before anything is stored.

PCI DSS forbids an operator to read a full card number back to the caller, and the
transcript store must never hold one. A run of 13-19 digits (figures or words, any
grouping) whose Luhn checksum holds is treated as a card number; a run that fails the
checksum is more likely a phone number, an order number or a misheard card, and is left
alone — the same rule payment terminals use.
"""

from __future__ import annotations

from .digits import DigitRun, digit_count_at_least, digit_runs, luhn_ok

_MIN, _MAX = 13, 19
_COMMON = (16, 15)  # Visa/Mastercard/Discover, Amex


def _card_digits(run: DigitRun) -> str | None:
    """The card number inside a digit run, if one is there."""
    d = run.digits
    if len(d) < _MIN:
        return None
    if len(d) <= _MAX and luhn_ok(d):
        return d
    if len(d) > _COMMON[-1]:
        # a card number run together with more digits: an expiry or CVV after it, or a
        # number word before/after it ("... one one one one, one moment"). Only the
        # common card lengths are tried, at either end, to keep false alarms rare.
        for size in _COMMON:
            for part in (d[:size], d[-size:]):
                if luhn_ok(part):
                    return part
    return None


def find_card_numbers(text: str, runs: list[DigitRun] | None = None) -> list[str]:
    """The full card numbers spoken or typed in `text` (digits only).

    `runs` may pass `digit_runs(text)` when the caller already has them.
    """
    if runs is None:
        if not digit_count_at_least(text, _MIN):
            return []
        runs = digit_runs(text)
    out = []
    for run in runs:
        digits = _card_digits(run)
        if digits is not None:
            out.append(digits)
    return out


def card_number_spoken(text: str) -> bool:
    """True when `text` contains a full payment-card number."""
    return bool(find_card_numbers(text))


def mask_card_numbers(text: str, mask: str = "*") -> str:
    """`text` with every card number masked except its last four digits.

    Written digits are masked in place, keeping the grouping ("**** **** **** 1111");
    a number said in words is replaced by its masked digits ("************1111"),
    since the words themselves would give the number away.
    """
    if not digit_count_at_least(text, _MIN):
        return text
    runs = [(run, _card_digits(run)) for run in digit_runs(text)]
    runs = [(run, d) for run, d in runs if d is not None]
    if not runs:
        return text
    out: list[str] = []
    last = 0
    for run, _digits in runs:
        span = text[run.start:run.end]
        out.append(text[last:run.start])
        if all(ch.isdigit() or not ch.isalnum() for ch in span):
            total = sum(ch.isdigit() for ch in span)
            keep_from = total - 4
            seen = 0
            chars = []
            for ch in span:
                if ch.isdigit():
                    chars.append(ch if seen >= keep_from else mask)
                    seen += 1
                else:
                    chars.append(ch)
            out.append("".join(chars))
        else:
            out.append(mask * (len(run.digits) - 4) + run.digits[-4:])
        last = run.end
    out.append(text[last:])
    return "".join(out)
