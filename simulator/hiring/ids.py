"""Candidate IDs, normalised once where they come in (CLI option, app input, script).

A hiring result is keyed by the candidate ID, so two spellings of one ID must never be
two candidates: `" C-201"`, `"c-201"` and `"C-201"` are the same person, and a
candidate who types a stray space must not get (or lose) an attempt for it. The
canonical form is trimmed, with inner runs of spaces made one, Unicode-compatibility
normalised (NFKC) and upper-cased; it is what the store keeps and what reports show.

Control characters are refused rather than stripped: a newline or a terminal escape in
an ID is a mistake (or an attack) that the manager should see, not a silent rewrite.
"""

from __future__ import annotations

import unicodedata

MAX_ID_LENGTH = 64


class BadCandidateId(ValueError):
    """The text cannot be a candidate ID; the message says why, for the person typing it."""


def normalise_id(raw: str, what: str = "candidate ID") -> str:
    """The canonical candidate ID, or BadCandidateId with a one-line reason."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in " \t" for ch in raw):
        raise BadCandidateId(f"the {what} has a control character in it; type it again")
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    if not text:
        raise BadCandidateId(f"a {what} is needed")
    if len(text) > MAX_ID_LENGTH:
        raise BadCandidateId(f"the {what} is {len(text)} characters long; at most {MAX_ID_LENGTH}")
    return text.upper()


def same_id(a: str, b: str) -> bool:
    """True when both spell the same candidate (neither needs to be canonical)."""
    try:
        return normalise_id(a) == normalise_id(b)
    except BadCandidateId:
        return False


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (escapes, newlines) shown as
    `?`. For names that came in before IDs were checked, and for free-text notes."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in str(text))
