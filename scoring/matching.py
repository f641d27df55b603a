"""Tolerant comparison of what the operator typed with what was expected.

A trainee who types "12 Oak St." for "12 Oak Street" or "7:30 pm" for "19:30" has
captured the order correctly; marking them wrong would teach nothing. So values are
normalised first (case, punctuation, street abbreviations, 12/24-hour times) and
compared with rapidfuzz where spelling may vary — but house numbers and times must
agree exactly, because a fuzzy 12 vs 21 Oak Street is a pizza at the wrong door.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from rapidfuzz import fuzz

FUZZY_MIN = 85.0

ABBREVIATIONS: dict[str, str] = {
    "st": "street", "str": "street", "rd": "road", "ave": "avenue", "av": "avenue",
    "blvd": "boulevard", "dr": "drive", "ln": "lane", "ct": "court", "pl": "place",
    "sq": "square", "hwy": "highway", "pkwy": "parkway", "ter": "terrace", "cres": "crescent",
    "apt": "apartment", "ste": "suite", "fl": "floor", "bldg": "building",
    "n": "north", "s": "south", "e": "east", "w": "west", "no": "number", "nr": "number",
}


def words(text: str) -> list[str]:
    """Lower-case words and numbers, punctuation dropped ("Oak St." -> ["oak", "st"])."""
    return re.findall(r"[a-z0-9]+", text.casefold())


def normalize_address(text: str) -> str:
    return " ".join(ABBREVIATIONS.get(w, w) for w in words(text))


def address_matches(entered: str, expected: str) -> bool:
    """Same numbers, and the rest alike after expanding abbreviations (rapidfuzz ≥ 85)."""
    a, b = normalize_address(entered), normalize_address(expected)
    if _numbers(a) != _numbers(b):
        return False
    return fuzz.token_sort_ratio(a, b) >= FUZZY_MIN


def _numbers(text: str) -> list[str]:
    return sorted(n.lstrip("0") or "0" for n in re.findall(r"\d+", text))


def name_matches(entered: str, expected: str) -> bool:
    """A person's name, typos tolerated; word order ignored ("Whitfield, Dana")."""
    return fuzz.token_sort_ratio(" ".join(words(entered)), " ".join(words(expected))) >= FUZZY_MIN


def text_matches(entered: str, expected: str, how: str = "fuzzy") -> bool:
    """A form field compared the way its FormField says: exact, fuzzy or number."""
    if how == "number":
        a, b = parse_number(entered), parse_number(expected)
        return a is not None and b is not None and abs(a - b) < 1e-9
    a, b = " ".join(words(entered)), " ".join(words(expected))
    if how == "exact":
        return a == b
    return a == b or fuzz.token_sort_ratio(a, b) >= FUZZY_MIN


def parse_number(text: str) -> float | None:
    """The first number in a text ("$1,200.50" -> 1200.5); words are not numbers."""
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    return float(m.group(0).replace(",", "")) if m else None


_TIME = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?", re.IGNORECASE)


def parse_window(text: str) -> tuple[int, int] | None:
    """Minutes after midnight: "19:30" -> (1170, 1170), "6-8pm" -> (1080, 1200).

    A window is two times joined by "-", "to", "and" or "until"; "pm" on the second
    time applies to the first when that keeps the window in order. Returns None when
    the text holds no time.
    """
    found = [m for m in _TIME.finditer(text) if m.group(2) or m.group(3)
             or re.search(r"\d\s*(-|–|to|and|until)\s*\d", text)]
    times: list[tuple[int, int, str]] = []
    for m in found[:2]:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        suffix = (m.group(3) or "").replace(".", "").casefold()
        if hour > 24 or minute > 59:
            return None
        times.append((hour, minute, suffix))
    if not times:
        return None
    if len(times) == 2 and not times[0][2] and times[1][2]:
        h0, m0, _ = times[0]
        h1, m1, s1 = times[1]
        start_pm, end = _minutes(h0, m0, s1), _minutes(h1, m1, s1)
        times[0] = (h0, m0, s1 if start_pm <= end else "")
    spans = [_minutes(*t) for t in times]
    return (spans[0], spans[-1])


def _minutes(hour: int, minute: int, suffix: str) -> int:
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    return hour * 60 + minute


def window_matches(entered: str, expected: str) -> bool:
    """The entered time or window lies inside (or equals) the expected one."""
    a, b = parse_window(entered), parse_window(expected)
    if a is None or b is None:
        return " ".join(words(entered)) == " ".join(words(expected))
    return b[0] <= a[0] <= a[1] <= b[1]


def _as_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(" ".join(re.findall(r"[\w\-.]+", text)), fmt).date()
        except ValueError:
            continue
    return None


def date_matches(entered: str, expected: str) -> bool:
    """Calendar dates compared as dates; words ("tomorrow", "Friday") compared as words."""
    a, b = _as_date(entered), _as_date(expected)
    if a is not None and b is not None:
        return a == b
    return " ".join(words(entered)) == " ".join(words(expected))


def payment_matches(entered: str, expected: str) -> bool:
    """"Bank transfer" and "bank_transfer" are the same method; "credit card" is card."""
    a, b = "_".join(words(entered)), "_".join(words(expected))
    return a == b or (b == "card" and a in {"credit_card", "debit_card", "card_payment"})


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
