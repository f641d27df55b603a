"""Data-entry test scoring: a CRM-like form, field by field, and the 10-key variant.

Each field is judged the way a supervisor would check a real ticket:

* **phone**: the digits must be exactly right (a wrong digit rings a stranger);
  spaces, dashes and brackets are free.
* **name**: typos tolerated (rapidfuzz token-sort ratio ≥ 85, word order free):
  "Maria Gonzales" still finds Maria Gonzalez in the CRM.
* **address**: house and flat numbers exact, words compared after expanding
  abbreviations ("St" = "Street"), the same rules the call scorer uses.
* **order lines**: each expected line needs an entered line with the same quantity
  and a matching item name; extra lines cost as much as missing ones.
* **notes**: coverage of the key facts (keywords, `a|b` for alternatives).

Speed is reported as keystrokes per hour (KPH), the data-entry industry's unit:
every key press that edits a field (characters, backspace, delete) over the time taken.
The 10-key test is stricter: each number must be keyed exactly (thousands commas and
spaces aside), and net KPH counts only the keystrokes of correct entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from scoring.matching import FUZZY_MIN, digits, normalize_address, words

ITEM_MIN = 80.0


@dataclass(frozen=True)
class OrderLine:
    item: str
    qty: int


@dataclass
class FieldScore:
    """One field: 0-100, right or wrong, and a short reason a manager can read."""

    field: str
    score: float
    correct: bool
    entered: str
    expected: str
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "score": self.score, "correct": self.correct,
                "entered": self.entered, "expected": self.expected, "reason": self.reason}


# -- single fields -------------------------------------------------------------------------
def score_phone(entered: str, expected: str) -> FieldScore:
    ok = digits(entered) == digits(expected) and bool(digits(expected))
    reason = "" if ok else f"digits {digits(entered) or '(none)'} vs {digits(expected)}"
    return FieldScore("phone", 100.0 if ok else 0.0, ok, entered, expected, reason)


def score_name(entered: str, expected: str) -> FieldScore:
    a, b = " ".join(words(entered)), " ".join(words(expected))
    ratio = 100.0 if a == b else round(fuzz.token_sort_ratio(a, b), 1)
    ok = ratio >= FUZZY_MIN
    return FieldScore("name", ratio, ok, entered, expected,
                      "" if ratio == 100 else ("small typo" if ok else "name does not match"))


def score_address(entered: str, expected: str) -> FieldScore:
    a, b = normalize_address(entered), normalize_address(expected)
    nums_a = [w for w in a.split() if any(ch.isdigit() for ch in w)]
    nums_b = [w for w in b.split() if any(ch.isdigit() for ch in w)]
    if sorted(nums_a) != sorted(nums_b):
        return FieldScore("address", 0.0, False, entered, expected,
                          f"numbers {' '.join(nums_a) or '(none)'} vs {' '.join(nums_b)}")
    ratio = 100.0 if a == b else round(fuzz.token_sort_ratio(a, b), 1)
    ok = ratio >= FUZZY_MIN
    return FieldScore("address", ratio, ok, entered, expected,
                      "" if ratio == 100 else ("small typo" if ok else "street or town differs"))


_QTY_FIRST = re.compile(r"^\s*(\d+)\s*(?:x|×|\*)?\s+(.+?)\s*$", re.IGNORECASE)
_QTY_LAST = re.compile(r"^\s*(.+?)\s*(?:x|×|\*)\s*(\d+)\s*$", re.IGNORECASE)
_QTY_PREFIX = re.compile(r"^\s*(\d+)\s*(?:x|×|\*)\b\s*(.+?)\s*$", re.IGNORECASE)


def parse_order_line(text: str) -> OrderLine | None:
    """'2 x Garlic bread', '2 garlic bread', 'garlic bread x2' -> OrderLine; else None."""
    text = text.strip().strip(",;")
    if not text:
        return None
    for pattern, qty_group, item_group in ((_QTY_PREFIX, 1, 2), (_QTY_FIRST, 1, 2),
                                           (_QTY_LAST, 2, 1)):
        m = pattern.match(text)
        if m:
            return OrderLine(m.group(item_group).strip(), int(m.group(qty_group)))
    return OrderLine(text, 1)


def parse_order_lines(text: str) -> list[OrderLine]:
    """One line per row (or separated by ';')."""
    rows = [r for chunk in text.splitlines() for r in chunk.split(";")]
    return [line for r in rows if (line := parse_order_line(r)) is not None]


def _item_ratio(a: str, b: str) -> float:
    x, y = " ".join(words(a)), " ".join(words(b))
    return 100.0 if x == y else fuzz.token_set_ratio(x, y)


def score_order(entered: list[OrderLine], expected: list[OrderLine]) -> FieldScore:
    """Greedy best match of entered to expected lines: item alike and quantity equal."""
    left = list(entered)
    matched = 0
    problems: list[str] = []
    for want in expected:
        best = max(left, key=lambda got: _item_ratio(got.item, want.item), default=None)
        if best is None or _item_ratio(best.item, want.item) < ITEM_MIN:
            problems.append(f"missing {want.qty} x {want.item}")
            continue
        left.remove(best)
        if best.qty == want.qty:
            matched += 1
        else:
            problems.append(f"{want.item}: qty {best.qty} vs {want.qty}")
    problems += [f"extra {got.qty} x {got.item}" for got in left]
    denom = max(len(expected), len(entered), 1)
    score = round(100.0 * matched / denom, 1)
    show = "; ".join(f"{x.qty} x {x.item}" for x in entered)
    want_text = "; ".join(f"{x.qty} x {x.item}" for x in expected)
    return FieldScore("order", score, score == 100.0, show, want_text, "; ".join(problems))


def keyword_present(keyword: str, text: str) -> bool:
    """Any alternative of 'a|b' appears as whole words, or nearly so (one typo)."""
    haystack = " ".join(words(text))
    for alt in keyword.split("|"):
        needle = " ".join(words(alt))
        if not needle:
            continue
        if re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack):
            return True
        if len(needle) >= 5 and fuzz.partial_ratio(needle, haystack) >= 90:
            return True
    return False


def score_notes(entered: str, keywords: list[str], expected_text: str = "") -> FieldScore:
    if not keywords:
        return FieldScore("notes", 100.0, True, entered, expected_text, "")
    missing = [k for k in keywords if not keyword_present(k, entered)]
    score = round(100.0 * (len(keywords) - len(missing)) / len(keywords), 1)
    reason = ("missing: " + ", ".join(k.split("|")[0] for k in missing)) if missing else ""
    return FieldScore("notes", score, not missing, entered, expected_text or ", ".join(keywords),
                      reason)


# -- whole tests ----------------------------------------------------------------------------
def kph(keystrokes: int, seconds: float) -> float:
    """Keystrokes per hour; 0 when no time has passed."""
    return round(keystrokes * 3600 / seconds) if seconds > 0 else 0.0


@dataclass
class DataEntryResult:
    case_id: str
    kind: str  # form | numbers
    fields: list[FieldScore]
    seconds: float
    keystrokes: int
    score: float
    accuracy: float
    kph: float
    net_kph: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = {"kind": "data_entry" if self.kind == "form" else "ten_key", "case_id": self.case_id,
               "fields": [f.as_dict() for f in self.fields], "seconds": round(self.seconds, 2),
               "keystrokes": self.keystrokes, "score": self.score, "accuracy": self.accuracy,
               "kph": self.kph}
        if self.net_kph is not None:
            out["net_kph"] = self.net_kph
        out.update(self.extra)
        return out


def score_form(entered: dict[str, str], expected: dict[str, Any], *, case_id: str,
               seconds: float, keystrokes: int) -> DataEntryResult:
    """Score a filled form against the case's answer.

    `expected` holds name, phone, address (strings), order (list of {item, qty}) and
    notes ({keywords: [...], text: "..."}); fields the case leaves out are not scored.
    """
    fields: list[FieldScore] = []
    if expected.get("name") is not None:
        fields.append(score_name(entered.get("name", ""), expected["name"]))
    if expected.get("phone") is not None:
        fields.append(score_phone(entered.get("phone", ""), expected["phone"]))
    if expected.get("address") is not None:
        fields.append(score_address(entered.get("address", ""), expected["address"]))
    if expected.get("order") is not None:
        want = [OrderLine(str(x["item"]), int(x["qty"])) for x in expected["order"]]
        fields.append(score_order(parse_order_lines(entered.get("order", "")), want))
    if expected.get("notes") is not None:
        notes = expected["notes"]
        fields.append(score_notes(entered.get("notes", ""), list(notes.get("keywords", [])),
                                  str(notes.get("text", ""))))
    score = round(sum(f.score for f in fields) / len(fields), 1) if fields else 0.0
    accuracy = round(100.0 * sum(f.correct for f in fields) / len(fields), 1) if fields else 0.0
    return DataEntryResult(case_id, "form", fields, seconds, keystrokes, score, accuracy,
                           kph(keystrokes, seconds))


def _clean_number(text: str) -> str:
    return re.sub(r"[,\s]", "", text)


def score_numbers(entered: list[str], expected: list[str], *, case_id: str, seconds: float,
                  keystrokes: int) -> DataEntryResult:
    """10-key: each number exact (commas and spaces aside); net KPH from correct entries.

    A correct entry's keystrokes are its characters plus the Enter that submits it.
    """
    fields = []
    net = 0
    for i, want in enumerate(expected):
        got = entered[i] if i < len(entered) else ""
        ok = bool(got.strip()) and _clean_number(got) == _clean_number(want)
        if ok:
            net += len(_clean_number(want)) + 1
        fields.append(FieldScore(f"#{i + 1}", 100.0 if ok else 0.0, ok, got, want,
                                 "" if ok else ("not keyed" if not got.strip() else "differs")))
    correct = sum(f.correct for f in fields)
    accuracy = round(100.0 * correct / len(expected), 1) if expected else 0.0
    return DataEntryResult(case_id, "numbers", fields, seconds, keystrokes, accuracy, accuracy,
                           kph(keystrokes, seconds), kph(net, seconds),
                           {"entries": len(expected), "correct_entries": correct})
