"""Does an account look-up query find the account? Numbers exactly, names loosely.

A look-up by phone or account number is the operator's check that the caller is who
they say: a fuzzy match found the account with 555-0190 for a caller who gave
555-0910 (a scenario's deliberately wrong first number), which taught the trainee that
a wrong number is good enough. Numbers match exactly once spaces, dashes, dots and
brackets are removed; names, which callers and operators spell differently, match
fuzzily.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

NAME_SCORE = 85  # rapidfuzz ratio for "the same name, spelled a little differently"


def _digits_and_letters(text: str) -> str:
    return re.sub(r"[\s\-.()/]", "", text).lower()


def is_number(text: str) -> bool:
    """A phone or account number: mostly digits (an ID like "K-0042" counts)."""
    squeezed = _digits_and_letters(text)
    return bool(squeezed) and sum(c.isdigit() for c in squeezed) >= len(squeezed) / 2


def account_matches(query: str, *, numbers: list[str], names: list[str]) -> bool:
    """`numbers`: the account's ID and phone; `names`: the account's and caller's names."""
    q = query.strip()
    if not q:
        return False
    if any(n and _digits_and_letters(q) == _digits_and_letters(n) for n in numbers):
        return True
    if is_number(q):
        return False  # a number that is not the account's, however close
    return any(n and fuzz.ratio(q.lower(), n.lower()) >= NAME_SCORE for n in names)
