"""Text normalisation shared by every matcher in the understanding engine.

Operators type fast and speech-to-text writes whatever it heard, so the same intent
arrives as "I'm sorry", "im sorry", "I am sorry" or "i'm, um, sorry". The pattern tables
are written once against one canonical form — lower case, contractions expanded,
chat spellings repaired, fillers dropped, number words as digits — so they stay short
and every rule sees the same text.

Sentence splitting lives here too: a question mark belongs to its own sentence, and
several rules (imperative advice, "So you ..." restatements) only make sense at the
start of a sentence or clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- character level ---------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"',
                         "\u201d": '"', "\u2026": "...", "\u2013": "-", "\u2014": " - "})

# Contractions. Specific forms come before the generic suffix rules so that "won't"
# does not become "wo not"; one alternation in that order does what applying the rules
# one after another would (no replacement makes a new apostrophe), in one pass.
_CONTRACTION_RULES: tuple[tuple[str, str], ...] = (
    (r"\bwon'?t\b", "will not"),
    (r"\bcan'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bshan'?t\b", "shall not"),
    (r"\bain'?t\b", "is not"),
    (r"\blet'?s\b(?= (?:go|see|get|do|try|make|have|sort|check|fix|look|start|talk))", "let us"),
    (r"\blet's\b", "let us"),
    (r"\by'?all\b", "you all"),
    (r"n't\b", " not"),
    (r"'ll\b", " will"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"\bi'm\b", "i am"),
    (r"\b(?:i|you|we|they|he|she|it|that|there|who)'d\b", "\\d"),
    (r"\b(?:it|that|what|there|here|who|where|how|he|she|name|everything|nothing|"
     r"something|this|when|why|which|one|today|tonight|tomorrow)'s\b", "\\s"),
    (r"'s\b", ""),
    (r"s'(?=\s|$)", "s"),
)
_CONTRACTION_RX = re.compile("|".join(f"({p})" for p, _ in _CONTRACTION_RULES))
_CONTRACTION_OUT = tuple(r for _, r in _CONTRACTION_RULES)


def _expand(m: re.Match[str]) -> str:
    out = _CONTRACTION_OUT[m.lastindex - 1]  # type: ignore[operator]
    if out == "\\d":
        return m.group()[:-2] + " would"
    if out == "\\s":
        return m.group()[:-2] + " is"
    return out


# Chat spellings and typos, by whole word. Values may be several words.
_WORD_FIXES: dict[str, str] = {
    "im": "i am", "ive": "i have", "youre": "you are", "youve": "you have",
    "youll": "you will", "youd": "you would", "theyre": "they are", "weve": "we have",
    "thats": "that is", "whats": "what is", "theres": "there is", "heres": "here is",
    "hes": "he is", "shes": "she is", "itll": "it will", "thatll": "that will",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not",
    "arent": "are not", "wasnt": "was not", "werent": "were not", "cant": "can not",
    "couldnt": "could not", "shouldnt": "should not", "wouldnt": "would not",
    "havent": "have not", "hasnt": "has not", "hadnt": "had not", "wont": "will not",
    "u": "you", "ya": "you", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
    "thnx": "thanks", "tks": "thanks", "ty": "thank you", "sry": "sorry", "idk": "i do not know",
    "rn": "right now", "tbh": "to be honest", "b4": "before", "cuz": "because",
    "coz": "because", "cos": "because", "bc": "because", "becuase": "because",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "alot": "a lot",
    "mins": "minutes", "min": "minute", "hrs": "hours", "hr": "hour", "secs": "seconds",
    "sec": "second", "apologise": "apologize", "apologised": "apologized",
    "apologising": "apologizing", "apologies": "apologies", "realise": "realize",
    "recognise": "recognize", "prioritise": "prioritize", "organise": "organize",
    "prolly": "probably", "ok": "okay", "k": "okay", "kk": "okay", "okey": "okay",
    "thankyou": "thank you", "definately": "definitely", "recieve": "receive",
    "recieved": "received", "wierd": "weird", "untill": "until", "tommorow": "tomorrow",
    "tomorow": "tomorrow", "tonite": "tonight", "mum": "mom", "cancelled": "canceled",
    "colour": "color", "thru": "through", "tho": "though", "bout": "about",
    "flavour": "flavor", "centre": "center", "gday": "good day",
}

_WORD_FIX_RX = re.compile(
    r"(?<![\w'$.\-&/@#])(?:"
    + "|".join(sorted(map(re.escape, _WORD_FIXES), key=len, reverse=True))
    + r")(?![\w'.\-&/@#])"
)


def _fix_word(m: re.Match[str]) -> str:
    return _WORD_FIXES[m.group()]


# "ill" is a word ("she is ill") and a typo ("ill fix it"); only the typo is followed
# by a verb.
_ILL = re.compile(
    r"\bill (?=(?:just |personally |now |also |quickly |definitely )?(?:fix|check|get|send|"
    r"call|look|make|take|do|be|have|try|see|put|transfer|pass|let|sort|need|go|ring|email|"
    r"text|update|process|issue|escalate|refund|follow|come|give|book|add|cancel|change|"
    r"arrange|contact|find|keep|handle|ask|speak|talk|connect|waive|credit|reach)\b)"
)
_UR = re.compile(r"\bur\b(?= (?:\w+ing|welcome|right|not|so|sure|okay|a|the|being|doing|going|"
                 r"very|really|too|still|just|not|always|never|allowed|able|clearly)\b)")
_ITS = re.compile(r"\bits\b(?! own\b)")
_SHOULD_OF = re.compile(r"\b(should|could|would|must|might) of\b")

_FILLERS = re.compile(r"\b(?:u+m+|u+h+|u+hm+|e+rm+|er|hmm+|hm+|mm+)\b")
_FILLER_TOKEN = re.compile(r"u+m+|u+h+|u+hm+|e+rm+|er|hmm+|hm+|mm+")

# --- numbers -----------------------------------------------------------------------

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
NUMBER_WORDS: frozenset[str] = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS)
_NUMBER_TRIGGERS = NUMBER_WORDS | {"double", "triple", "hundred"}

_PUNCT = re.compile(r"[^\w\s:$%.+\-/&@#,]")
# clause breaks that are not commas become commas: "; " ": " " - " "(" ")"
_CLAUSE_MARK = re.compile(r"(?<!\d):|:(?!\d)|[;()\[\]]|\s-+\s|\s[/&]\s")
_COMMA = re.compile(r"\s*,[\s,]*")
_LOOSE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")  # dots that are not decimal points
_LOOSE_DASH = re.compile(r"(?<![\w])-|-(?![\w])|--+")
_CLAUSE_CHARS = re.compile(r"[:;()\[\]/&-]")
_DIGIT = re.compile(r"\d")
_ODD_CHARS = re.compile(r"[:%+$]")
_DOLLAR = re.compile(r"\$\s+(?=\d)")
_SPLIT_DIGIT_WORD = re.compile(r"(\d)(am|pm|ish)\b")


def _is_num(tok: str) -> bool:
    return tok.isdigit() or tok in NUMBER_WORDS or tok in {"double", "triple"}


def words_to_numbers(tokens: list[str]) -> list[str]:
    """Replace number words by digits: "twenty two" -> "22", "five five five oh" -> "5 5 5 0".

    "one" stays a word unless it sits next to another number ("one of them", "no one"
    and "one moment" are not quantities); "oh"/"o" become 0 only between numbers, and
    "double five" becomes "5 5", as people read phone and card numbers aloud.
    """
    out: list[str] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        prev_num = bool(out) and (out[-1].isdigit())
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok in _TENS:
            value = _TENS[tok]
            if nxt in _UNITS and nxt != "zero":
                out.append(str(value + _UNITS[nxt]))
                i += 2
                continue
            out.append(str(value))
        elif tok in _TEENS:
            out.append(str(_TEENS[tok]))
        elif tok == "one":
            if prev_num or _is_num(nxt):
                out.append("1")
            else:
                out.append(tok)
        elif tok in _UNITS:
            out.append(str(_UNITS[tok]))
        elif tok in ("oh", "o") and prev_num and _is_num(nxt):
            out.append("0")
        elif tok in ("double", "triple") and (nxt in _UNITS or (nxt.isdigit() and len(nxt) == 1)):
            digit = str(_UNITS[nxt]) if nxt in _UNITS else nxt
            out.extend([digit] * (2 if tok == "double" else 3))
            i += 2
            continue
        elif tok == "hundred" and out and out[-1].isdigit() and len(out[-1]) == 1:
            out[-1] = str(int(out[-1]) * 100)
        else:
            out.append(tok)
        i += 1
    return out


def normalize(text: str) -> str:
    """Canonical lower-case form of an utterance (see the module docstring).

    Keeps characters that carry slot values — ':' in 7:30, '$', '%', '-' inside
    555-0142, decimal points — and keeps clause breaks as a " , " token, so that a
    pattern never joins two clauses ("I promise, it just takes time" is not "I promise
    it ..."). The rest of the punctuation is dropped.
    """
    t = text.translate(_QUOTES).lower()
    if "'" in t or "cannot" in t:
        t = _CONTRACTION_RX.sub(_expand, t)
    if "ill " in t:
        t = _ILL.sub("i will ", t)
    if "ur " in t:
        t = _UR.sub("you are", t)
    if "its" in t:
        t = _ITS.sub("it is", t)
    if " of" in t:
        t = _SHOULD_OF.sub(r"\1 have", t)
    if "$" in t:
        t = _DOLLAR.sub("$", t)
    if _CLAUSE_CHARS.search(t):
        t = _CLAUSE_MARK.sub(",", t)
    t = _PUNCT.sub(" ", t)
    if "." in t:
        t = _LOOSE_DOT.sub(" ", t)
    if "-" in t:
        t = _LOOSE_DASH.sub(" ", t)
    has_digit = _DIGIT.search(t) is not None
    if has_digit:
        t = _SPLIT_DIGIT_WORD.sub(r"\1 \2", t)
    if "," in t:
        t = _COMMA.sub(" , ", t)
    # The rest works on whitespace tokens, which is what the word-level rules amount to
    # once commas stand alone; the regexes are kept for tokens with ':', '%', '+' or '$'
    # inside, where a word may end without a space.
    if _ODD_CHARS.search(t):
        toks = _WORD_FIX_RX.sub(_fix_word, t).split()
    else:
        toks = t.split()
        fixed = False
        for i, tok in enumerate(toks):
            rep = _WORD_FIXES.get(tok)
            if rep is not None:
                toks[i] = rep
                fixed = True
        if fixed:
            toks = " ".join(toks).split()
    if not _NUMBER_TRIGGERS.isdisjoint(toks):
        toks = words_to_numbers(toks)
    out: list[str] = []
    for tok in toks:
        if tok == ",":
            if out and out[-1] != ",":
                out.append(tok)
        elif _FILLER_TOKEN.fullmatch(tok):
            continue
        elif not tok.isalnum() and _FILLERS.search(tok):
            for part in _FILLERS.sub(" ", tok).split():
                out.append(part)
        else:
            out.append(tok)
    while out and out[-1] == ",":
        out.pop()
    return " ".join(out)


# --- sentences and clauses ---------------------------------------------------------

_ABBREV = re.compile(r"\b(mrs|mr|ms|dr|st|rd|ave|jr|sr|approx|etc|vs)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[?!])\s*|(?<!\.)\.(?=\s|$)|\.\.\.+\s*|[;\n]+\s*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its raw text, its normalised text and its comma clauses."""

    raw: str
    norm: str
    question_mark: bool
    clauses: tuple[str, ...]


def split_sentences(text: str) -> list[Sentence]:
    """Split an utterance into sentences, each normalised, remembering a final '?'.

    Clauses are the comma-separated parts of the normalised sentence. Typed text often
    has no full stops at all, so one long sentence with clauses is the common case.
    """
    t = _ABBREV.sub(r"\1", text.translate(_QUOTES))
    out: list[Sentence] = []
    for raw in _SENTENCE_END.split(t):
        raw = raw.strip()
        if not raw:
            continue
        norm = normalize(raw)
        if not norm:
            continue
        clauses = tuple(c for c in norm.split(" , ") if c)
        out.append(Sentence(raw, norm, raw.rstrip().endswith("?"), clauses or (norm,)))
    return out
