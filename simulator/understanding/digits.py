"""Runs of digits as people say or type them: "555-0142", "five five five oh one four two",
"4111 1111 1111 1111", "double five".

Phone numbers and card numbers are read out digit by digit, in groups, with "oh" for
zero and "double"/"triple" for repeats, and speech-to-text writes any mix of figures and
words. This module finds such runs in the raw text and reports their character span, so
that the card detector can mask exactly the words that carried the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2",
          "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
          "nine": "9", "niner": "9"}
_TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
          "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
          "nineteen": "19"}
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6",
         "seventy": "7", "eighty": "8", "ninety": "9"}
_REPEAT = {"double": 2, "triple": 3}
_NUMBERISH = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | frozenset(_REPEAT)

_DROP_DIGITS = str.maketrans("", "", "0123456789")
_TOKENS = re.compile(r"[0-9]+|[A-Za-z]+|[\s\-.,()/+]+|.", re.S)
_ANY = re.compile(
    r"[0-9]|\b(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|double|triple)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DigitRun:
    """Consecutive spoken or written digits: the digits and their span in the text."""

    digits: str
    start: int
    end: int


_LETTERS = re.compile(r"[a-z]+")
# digits each word can add to a run: "eleven" is two, "triple five" three from two words
_WORD_DIGITS = {**{w: 1 for w in _UNITS}, **{w: 2 for w in _TEENS}, **{w: 1 for w in _TENS},
                "double": 1, "triple": 2}


def digit_count_at_least(text: str, n: int) -> bool:
    """Cheap upper-bound test: could `text` hold a run of `n` or more digits?

    ASCII digits count one each, number words the most digits they can add to a run.
    """
    count = len(text) - len(text.translate(_DROP_DIGITS))  # ASCII digits only
    if count >= n:
        return True
    for word in _LETTERS.findall(text.lower()):
        add = _WORD_DIGITS.get(word)
        if add:
            count += add
            if count >= n:
                return True
    return False


def digit_runs(text: str) -> list[DigitRun]:
    """All digit runs in `text`, separators (spaces, '-', '.', ',', '()', '/') allowed.

    "oh"/"o" counts as zero only inside a run (so "oh, two pizzas" is not a number),
    "twenty one" is "21", "double five" is "55".
    """
    if not _ANY.search(text):
        return []
    toks = [(m.group(), m.start(), m.end()) for m in _TOKENS.finditer(text)]
    runs: list[DigitRun] = []
    digits: list[str] = []
    start = end = -1

    def close() -> None:
        nonlocal digits, start
        if digits:
            runs.append(DigitRun("".join(digits), start, end))
        digits = []
        start = -1

    i = 0
    n = len(toks)
    while i < n:
        tok, s, e = toks[i]
        low = tok.lower()
        value: str | None = None
        consumed = 1
        if tok.isascii() and tok.isdigit():
            value = tok
        elif low in ("oh", "o"):
            nxt = _next_word(toks, i)
            if digits and nxt is not None and (nxt.isdigit() or nxt.lower() in _NUMBERISH):
                value = "0"
        elif low in _UNITS:
            value = _UNITS[low]
        elif low in _TEENS:
            value = _TEENS[low]
        elif low in _TENS:
            nxt_i = _next_word_index(toks, i)
            nxt = toks[nxt_i][0].lower() if nxt_i is not None else ""
            if nxt in _UNITS and _UNITS[nxt] != "0" and nxt not in ("oh", "o"):
                value = _TENS[low] + _UNITS[nxt]
                e = toks[nxt_i][2]  # type: ignore[index]
                consumed = nxt_i - i + 1  # type: ignore[operator]
            else:
                value = _TENS[low] + "0"
        elif low in _REPEAT:
            nxt_i = _next_word_index(toks, i)
            nxt = toks[nxt_i][0].lower() if nxt_i is not None else ""
            digit = _UNITS.get(nxt) or (nxt if len(nxt) == 1 and nxt.isdigit() else None)
            if digit is not None:
                value = digit * _REPEAT[low]
                e = toks[nxt_i][2]  # type: ignore[index]
                consumed = nxt_i - i + 1  # type: ignore[operator]
        elif not tok.strip() or tok in "-.,()/+" or set(tok) <= set(" \t\n-.,()/+"):
            i += 1
            continue  # separators neither start nor end a run
        if value is None:
            close()
        else:
            if not digits:
                start = s
            digits.append(value)
            end = e
        i += consumed
    close()
    return runs


def _next_word_index(toks: list[tuple[str, int, int]], i: int) -> int | None:
    """Index of the next token after i that is not a separator."""
    for j in range(i + 1, len(toks)):
        t = toks[j][0]
        if t.strip() and not set(t) <= set("-.,()/+"):
            return j
    return None


def _next_word(toks: list[tuple[str, int, int]], i: int) -> str | None:
    j = _next_word_index(toks, i)
    return toks[j][0] if j is not None else None


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if k % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
