"""What may leave the engine: card numbers masked, control characters gone, CSV cells inert.

Every event of a call passes through `mask_event` before it is stored, shown or sent
(the session's `_emit` is the one place), so a card number typed into an action
argument, a look-up query or a system note is masked exactly like one spoken in a
line. Masking keeps the card's last four digits (what an operator may confirm) and
masks everything else in the same run of digits: an expiry and a security code said
straight after the number are as secret as the number itself.

Names and model lines are user text: control characters in them (ANSI escapes that
recolour, retitle or reset a terminal; a newline that forges a report row) are removed
at input with `clean_name` / `clean_line`, and `printable` shows any that older data
still holds as visible escapes instead of sending them to the terminal.

CSV cells that a spreadsheet would run as a formula (OWASP: a leading `=`, `+`, `-`,
`@`, tab or carriage return) are prefixed with a single quote by `csv_cell`; every CSV
writer in the project goes through `csv_writer`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

from simulator.understanding.card import find_card_numbers
from simulator.understanding.digits import DigitRun, digit_count_at_least, digit_runs

MASK = "*"
NAME_MAX = 120  # the store's column width for trainee names and candidate IDs
_CARD_MIN = 13
# argument names whose whole value is a card secret, whatever its checksum
_SECRET_KEYS = re.compile(r"cvv|cvc|csc|cid|security|card_?code|pin\b", re.IGNORECASE)
# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what is shown
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESC_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]|.?)")
_SPACES = re.compile(r"\s+")


class InputError(ValueError):
    """A value from outside (a name, an ID) that cannot be used as given."""


# -- card numbers ----------------------------------------------------------------------
def _masked_run(text: str, run: DigitRun, card: str) -> str:
    """The span of `run` with every digit masked but the card's last four."""
    d = run.digits
    start = 0 if d.startswith(card) else len(d) - len(card)
    keep = range(start + len(card) - 4, start + len(card))
    span = text[run.start:run.end]
    if all(ch.isdigit() or not ch.isalnum() for ch in span):
        out, i = [], 0
        for ch in span:
            if ch.isdigit():
                out.append(ch if i in keep else MASK)
                i += 1
            else:
                out.append(ch)
        return "".join(out)
    # said in words: the words would give the number away, so only masked digits remain
    return "".join(ch if i in keep else MASK for i, ch in enumerate(d))


def mask_text(text: str) -> str:
    """`text` with every card number masked except its last four digits.

    "4111 1111 1111 1111 12/27 123" -> "**** **** **** 1111 **/** ***". Idempotent.
    """
    if not text or not digit_count_at_least(text, _CARD_MIN):
        return text
    out: list[str] = []
    last = 0
    for run in digit_runs(text):
        cards = find_card_numbers(text, [run])
        if not cards:
            continue
        out.append(text[last:run.start])
        out.append(_masked_run(text, run, cards[0]))
        last = run.end
    out.append(text[last:])
    return "".join(out)


def _mask_secret(value: str) -> str:
    return "".join(MASK if ch.isalnum() else ch for ch in value)


def mask_value(value: Any, key: str = "") -> Any:
    """Any JSON-like value with card numbers masked in every string, keys included."""
    if isinstance(value, str):
        return _mask_secret(value) if key and _SECRET_KEYS.search(key) else mask_text(value)
    if isinstance(value, dict):
        return {mask_text(str(k)): mask_value(v, str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_value(v, key) for v in value]
    return value


def mask_args(args: dict[str, Any]) -> dict[str, Any]:
    """An action's arguments masked; `/field cvv=123` masks the value whole."""
    out = mask_value(args)
    if "value" in args and _SECRET_KEYS.search(str(args.get("name", ""))):
        out["value"] = _mask_secret(str(args["value"]))
    return out


def _mask_words(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from simulator.card_words import redact_words

    return redact_words(words)[0] if words else words


def mask_event(event: Any) -> Any:
    """A copy of an Event with card numbers masked in every field that holds text."""
    words = _mask_words(event.words)
    return event.model_copy(update={
        "text": mask_text(event.text),
        "args": mask_args(event.args),
        "slots": {mask_text(k): [mask_text(v) for v in vs] for k, vs in event.slots.items()},
        "marks": [mask_text(m) for m in event.marks],
        "words": [{k: mask_value(v, k) for k, v in w.items()} for w in words],
        "audio": mask_value(event.audio),
    })


# -- control characters ----------------------------------------------------------------
def strip_control(text: str) -> str:
    """`text` without escape sequences or control characters (each becomes a space)."""
    return _CONTROL.sub(" ", _ESC_SEQ.sub("", text))


def clean_line(text: str) -> str:
    """One line of user or model text: no control characters, single spaces."""
    return _SPACES.sub(" ", strip_control(text)).strip()


def clean_name(value: Any, what: str = "name", limit: int = NAME_MAX) -> str:
    """A name or ID from outside, as stored: control characters out, length checked.

    Raises InputError with a message that says which value and what the limit is.
    """
    text = clean_line(str(value))
    if len(text) > limit:
        raise InputError(f"{what} is {len(text)} characters long; at most {limit} are allowed")
    return text


def printable(text: Any, keep: str = "") -> str:
    """`text` to show on a terminal or in a report: control characters as visible escapes
    (`keep` lists the ones a multi-line text may keep, e.g. "\n")."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep
                        else m.group().encode("unicode_escape").decode("ascii"), str(text))


# -- CSV -------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will show, never run (OWASP CSV injection guidance).

    Text that starts with a formula character gets a leading single quote; plain
    numbers ("-3", "+1.5") are left as numbers.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        value = "'" + value
    # a carriage return is not quoted by the csv module with "\n" line ends, and a reader
    # would split the row there: line breaks inside a cell become "\n" (which is quoted)
    return value.replace("\r\n", "\n").replace("\r", "\n")


class _GuardedWriter:
    """csv.writer whose every cell goes through csv_cell."""

    def __init__(self, stream: IO[str], **kwargs: Any) -> None:
        kwargs.setdefault("lineterminator", "\n")
        self._w = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._w.writerow([csv_cell(c) for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: IO[str], **kwargs: Any) -> _GuardedWriter:
    """The one CSV writer for reports and exports: formula cells made inert."""
    return _GuardedWriter(stream, **kwargs)
