"""Run each cue pattern only where it can start: a first-token index over the tables.

Python's `re` has no literal-prefix skipping for alternations that begin with `\\b`, so
searching a few hundred cue patterns costs about a millisecond per sentence. But
nearly every cue begins with a known word ("sorry", "i", "you", "that"). At import we
read each pattern's parse tree and collect the words it can begin with; per sentence we
walk the tokens once and try `pattern.match(text, pos)` only where a token can start
one of its patterns. Tokens are keyed by their first three characters, so a pattern
that begins inside a word ("apologi[sz]e") is still found; a pattern that begins with a
shorter word part ("no" shared by "not a problem" and "no problem" after the regex
parser factors it out) is filed under that prefix. Patterns whose start cannot be read
("(?:^|, )\\w+") are searched the ordinary way. A pattern that begins with a digit
("\\d+ percent") is filed under DIGIT_KEY and tried at tokens that begin with one.

Where a pattern begins with a whole word and a space ("you must ...", "i can ..."), the
first character of its second word is read too, and the pattern is tried only where the
next token begins with it: "you" starts many cues, but "you must" is not tried at "you
are". The result is the same as searching every pattern, only several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

try:  # Python >= 3.11 keeps the parser that `re.compile` itself uses here
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - other layouts: every pattern is searched
    _p = None  # type: ignore[assignment]
    _c = None  # type: ignore[assignment]

_KEY_LEN = 3
# the key of patterns that begin with a digit ("\\d+ percent"): tried at tokens that do
DIGIT_KEY = "#0"
# marks normalize() leaves at the start of a token, before a word or number
_LEADING_MARKS = frozenset("$#@-+/&.%:")
_TOKEN = re.compile(r"\S+")

# A first-set: (keys, start_only) or None when the start cannot be determined. A key
# ending in "*" is a word prefix shorter than _KEY_LEN ("no*" matches "not", "now").
_First = tuple[frozenset[str], bool] | None


def token_key(token: str) -> str:
    """The index key of a sentence token (its first three characters)."""
    return token[:_KEY_LEN]


def _literal_key(chars: str, complete: bool) -> str | None:
    """Key of a literal run that begins a match, or None if it gives no key."""
    word = chars.split(" ", 1)[0]
    if len(word) >= _KEY_LEN:
        return word[:_KEY_LEN]
    if word and (complete or " " in chars):
        return word
    if word:
        return word + "*"
    return None


def _is_optional_space(op: object, av: object) -> bool:
    """`" ?"` or `" *"`: an optional separator that never starts a token."""
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT) or av[0] != 0:  # type: ignore[index]
        return False
    body = list(av[2])  # type: ignore[index]
    return len(body) == 1 and body[0][0] is _c.LITERAL and body[0][1] == ord(" ")


def _first(items: Sequence[tuple[object, object]], i: int = 0,
           top: bool = True) -> tuple[_First, bool]:
    """First-set of items[i:] and whether that suffix can match the empty string.

    Inside a group (`top` false) a literal run that ends the group may go on outside it
    ("(?:re)?provision"), so it is a complete word only before a boundary."""
    keys: set[str] = set()
    start_only = False
    while i < len(items):
        op, av = items[i]
        if op is _c.AT:
            if av is _c.AT_BEGINNING or av is _c.AT_BEGINNING_STRING:
                start_only = True
            i += 1
            continue
        if op in (_c.ASSERT, _c.ASSERT_NOT) or _is_optional_space(op, av):
            i += 1
            continue
        if op is _c.LITERAL:
            run = []
            j = i
            while j < len(items) and items[j][0] is _c.LITERAL:
                run.append(chr(items[j][1]))  # type: ignore[arg-type]
                j += 1
            nxt = items[j] if j < len(items) else None
            complete = (nxt is None and top) or (
                nxt is not None and nxt[0] is _c.AT and nxt[1] in (_c.AT_BOUNDARY, _c.AT_END))
            key = _literal_key("".join(run), complete)
            if key is None:
                return None, False
            keys.add(key)
            return (frozenset(keys), start_only), False
        if op is _c.SUBPATTERN:
            sub, nullable = _first(list(av[-1]), top=False)  # type: ignore[index]
        elif op is _c.BRANCH:
            sub_keys: set[str] = set()
            nullable = False
            sub_start = True
            for alt in av[1]:  # type: ignore[index]
                f, n = _first(list(alt), top=False)
                if f is None:
                    return None, False
                sub_keys |= f[0]
                sub_start = sub_start and f[1]
                nullable = nullable or n
            sub = (frozenset(sub_keys), sub_start)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, _hi, body = av  # type: ignore[misc]
            sub, n = _first(list(body), top=False)
            nullable = lo == 0 or n
        elif op is _c.IN or (op is _c.CATEGORY and av is _c.CATEGORY_DIGIT):
            sub = _class_keys(op, av)
            if sub is None:
                return None, False
            nullable = False
        else:  # \w, any char, other classes: no usable start
            return None, False
        if sub is None:
            return None, False
        keys |= sub[0]
        start_only = start_only or sub[1]
        if not nullable:
            return (frozenset(keys), start_only), False
        i += 1
    return (frozenset(keys), start_only), True


def _class_keys(op: object, av: object) -> _First:
    """Keys of a one-character class that begins a match: a digit ("\\d", "[0-9]") files
    the pattern under DIGIT_KEY, a set of letters ("[pP]") under each letter as a word
    prefix; any other class gives no key."""
    if op is _c.CATEGORY:
        return frozenset({DIGIT_KEY}), False
    keys: set[str] = set()
    for item_op, item_av in av:  # type: ignore[union-attr]
        if (item_op is _c.CATEGORY and item_av is _c.CATEGORY_DIGIT) or (
                item_op is _c.RANGE and item_av == (ord("0"), ord("9"))):
            keys.add(DIGIT_KEY)
        elif item_op is _c.LITERAL and not chr(item_av).isdigit():  # type: ignore[arg-type]
            keys.add(chr(item_av) + "*")  # type: ignore[arg-type]
        else:
            return None
    return frozenset(keys), False


def first_keys(pattern: str) -> _First:
    """The token keys a match of `pattern` can begin with, or None if unknown."""
    if _p is None:
        return None
    try:
        first, nullable = _first(list(_p.parse(pattern)))
    except Exception:  # any parser surprise: search this pattern the ordinary way
        return None
    if nullable or first is None or not first[0]:
        return None
    return first


_MAX_STATES = 256
_ANY_NEXT = "\0"  # the second word may begin with anything


def _done(state: str) -> bool:
    """A prefix is enough once it holds the first word, a space and one more character."""
    i = state.find(" ")
    return 0 < i < len(state) - 1


def _expand(items: Sequence[tuple[object, object]], states: set[str]) -> set[str] | None:
    """Every way `items` can extend the prefixes in `states`, up to the first character of
    the second word; None when something other than literal text comes first."""
    for op, av in items:
        if all(_done(st) for st in states):
            return states
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL:
            states = {st if _done(st) else st + chr(av) for st in states}  # type: ignore[arg-type]
        elif op is _c.SUBPATTERN:
            got = _expand(list(av[-1]), states)  # type: ignore[index]
            if got is None:
                return None
            states = got
        elif op is _c.BRANCH:
            union: set[str] = set()
            for alt in av[1]:  # type: ignore[index]
                got = _expand(list(alt), states)
                if got is None:
                    return None
                union |= got
            states = union
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[1] == 1:  # type: ignore[index]
            got = _expand(list(av[2]), states)  # type: ignore[index]
            if got is None:
                return None
            states = got | (states if av[0] == 0 else set())  # type: ignore[index]
        else:
            # not literal text: fine once the first word and its space are known
            if not all(_done(st) or (st.endswith(" ") and st.strip()) for st in states):
                return None
            states = {st if _done(st) else st + _ANY_NEXT for st in states}
        if len(states) > _MAX_STATES:
            return None
    return states


def second_chars(pattern: str) -> dict[str, frozenset[str]] | None:
    """For a pattern that begins with a whole word: first-word key -> the first characters
    the next word can have (_ANY_NEXT for any, or for none at all); None if unknown."""
    if _p is None:
        return None
    try:
        states = _expand(list(_p.parse(pattern)), {""})
    except Exception:  # any parser surprise: the first-token index alone is used
        return None
    if not states:
        return None
    out: dict[str, set[str]] = {}
    for st in states:
        word, sep, rest = st.partition(" ")
        if not word or (not sep and len(word) < _KEY_LEN):
            return None  # a short word that may go on: the first-token index decides
        key = word[:_KEY_LEN]
        out.setdefault(key, set()).add(rest[0] if sep and rest else _ANY_NEXT)
    return {k: frozenset(v) for k, v in out.items()}


class _Probe:
    """All patterns filed under one key, tried at one position in one `match` call.

    Each group's patterns sit in an optional lookahead with a named capture, so a single
    match at a token reports every group that matches there.
    """

    __slots__ = ("groups", "regex")

    def __init__(self, by_group: dict[str, list[str]]) -> None:
        self.groups = tuple(by_group)
        parts = [
            f"(?:(?=(?P<g{i}>{'|'.join(f'(?:{p})' for p in pats)}))|)"
            for i, pats in enumerate(by_group.values())
        ]
        self.regex = re.compile("".join(parts))



class PatternIndex:
    """Named pattern groups, matched through the first-token index.

    `matches(text)` returns the names of the groups with at least one pattern that
    matches somewhere in `text`; it equals `{name for name, pats in groups if
    any(re.search(p, text) for p in pats)}`.
    """

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]]) -> None:
        # (key, first character of the next word or _ANY_NEXT, start only) -> group -> patterns
        by_key: dict[tuple[str, str, bool], dict[str, list[str]]] = {}
        always: dict[str, list[str]] = {}
        for name, patterns in groups:
            for pattern in patterns:
                first = first_keys(pattern)
                if first is None:
                    always.setdefault(name, []).append(pattern)
                    continue
                keys, start_only = first
                # the second word narrows where a pattern is tried ("you must" is not
                # tried at "you are"); its keys are exact, being read from whole prefixes
                nexts = second_chars(pattern)
                if nexts is None:
                    nexts = {key: frozenset(_ANY_NEXT) for key in keys}
                for key, chars in nexts.items():
                    for ch in chars:
                        by_key.setdefault((key, ch, start_only), {}).setdefault(
                            name, []).append(pattern)
        # (key, next char) -> (probe for any position, probe for the start of the text only)
        self._index: dict[tuple[str, str], list[_Probe | None]] = {}
        self._prefix: dict[str, list[_Probe | None]] = {}
        for (key, ch, start_only), by_group in by_key.items():
            if key.endswith("*"):
                slot = self._prefix.setdefault(key.rstrip("*"), [None, None])
            else:
                slot = self._index.setdefault((key, ch), [None, None])
            slot[1 if start_only else 0] = _Probe(by_group)
        self._always = tuple(
            (name, re.compile("|".join(f"(?:{p})" for p in pats))) for name, pats in always.items()
        )
        self._unindexed = sum(len(p) for p in always.values())
        self._memo: dict[tuple[str, str], tuple[tuple[_Probe, ...], tuple[_Probe, ...]]] = {}

    @property
    def unindexed(self) -> int:
        """How many patterns are searched without the index (for tests and tuning)."""
        return self._unindexed

    def _probes(self, key: str, nxt: str) -> tuple[tuple[_Probe, ...], tuple[_Probe, ...]]:
        """Probes for a token key and the next word's first character: (any position,
        start of text only), memoised."""
        hit = self._memo.get((key, nxt))
        if hit is not None:
            return hit
        anywhere: list[_Probe] = []
        at_start: list[_Probe] = []
        index = self._index
        digit = index.get((DIGIT_KEY, _ANY_NEXT)) if key[:1].isdigit() else None
        for slot in (index.get((key, nxt)), index.get((key, _ANY_NEXT)),
                     self._prefix.get(key[:2]), self._prefix.get(key[:1]), digit):
            if slot is None:
                continue
            if slot[0] is not None:
                anywhere.append(slot[0])
            if slot[1] is not None:
                at_start.append(slot[1])
        hit = (tuple(anywhere), tuple(anywhere + at_start))
        if len(self._memo) < 50_000:  # bounded: short keys and one character
            self._memo[(key, nxt)] = hit
        return hit

    def matches(self, text: str) -> set[str]:
        """Names of the groups that match `text` (single-spaced, as normalize() makes it)."""
        found: set[str] = set()
        pos = 0
        probes = self._probes
        memo = self._memo
        size = len(text)
        for tok in text.split(" "):
            after = pos + len(tok) + 1
            nxt = text[after] if after < size else _ANY_NEXT
            key = tok[:_KEY_LEN]
            anywhere, with_start = memo.get((key, nxt)) or probes(key, nxt)
            for probe in with_start if pos == 0 else anywhere:
                m = probe.regex.match(text, pos)
                if m is not None:
                    groups = probe.groups
                    for i, v in enumerate(m.groups()):
                        if v is not None:
                            found.add(groups[i])
            if len(tok) > 1 and tok[0] in _LEADING_MARKS:
                # a word inside a token: "12" in "$12.99"
                for probe in probes(tok[1:_KEY_LEN + 1], nxt)[0]:
                    m = probe.regex.match(text, pos + 1)
                    if m is not None:
                        groups = probe.groups
                        for i, v in enumerate(m.groups()):
                            if v is not None:
                                found.add(groups[i])
            pos = after
        for name, rx in self._always:
            if name not in found and rx.search(text):
                found.add(name)
        return found
