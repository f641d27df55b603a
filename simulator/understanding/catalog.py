"""Catalog products named in an utterance, with their quantity and options.

Operators say "two large pepperoni pizzas", "a pepperoni, large", "one peperoni pizza
with extra cheese", and speech-to-text misspells product names. Names are matched
fuzzily (rapidfuzz) against windows of the utterance's words, but only where a word
shares its first letters with a word of the product name, so a long catalog costs
little. The quantity is the number just before the product (digits, "one", "a"); the
options are option values of that product said next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .normalize import normalize
from .types import CatalogHint, ItemMention

_THRESHOLD = 85.0
_OPTION_THRESHOLD = 90.0
_SHARED = 3  # a word in more names than this is not used to find a name
_NEAR = 4  # words either side of a product where its options and quantity are looked for
_QTY_WORDS = {"a": 1, "an": 1, "one": 1, "single": 1, "couple": 2, "pair": 2, "dozen": 12,
              "half dozen": 6}
_SKIP_BEFORE = frozenset({"of", "the", "your", "our", "x", "more", "extra", "another"})


@dataclass(frozen=True, slots=True)
class _Name:
    sku: str
    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Prepared:
    names: tuple[_Name, ...]
    by_prefix: dict[str, tuple[tuple[int, int], ...]]  # word prefix -> (name id, word idx)
    options: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]]  # sku -> (opt, val, toks)


_CACHE: dict[int, tuple[tuple[CatalogHint, ...], _Prepared]] = {}


def _prep_text(s: str) -> tuple[str, ...]:
    return tuple(t for t in normalize(s).split() if t != ",")


def _prepare(catalog: tuple[CatalogHint, ...]) -> _Prepared:
    """Index a catalog once; the result is cached per catalog object."""
    hit = _CACHE.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    names: list[_Name] = []
    by_prefix: dict[str, list[tuple[int, int]]] = {}
    options: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {}
    for hint in catalog:
        for name in (*hint.names, hint.sku):
            toks = _prep_text(name)
            if toks:
                names.append(_Name(hint.sku, " ".join(_singular(t) for t in toks), toks))
        options[hint.sku] = tuple(
            (opt, value, _prep_text(value)) for opt, values in hint.options.items()
            for value in values if _prep_text(value)
        )
    # Anchor each name on its distinctive words: "of", "1", "kg" occur everywhere, and a
    # word most names share ("pizza") would try every pizza at every "pizza" said. The
    # windows tried around an anchor cover the whole name, so one anchor is enough.
    names_with: dict[str, int] = {}
    for name in names:
        for key in {t[:3] for t in name.tokens}:
            names_with[key] = names_with.get(key, 0) + 1
    for nid, name in enumerate(names):
        content = [j for j, tok in enumerate(name.tokens) if not _weak_anchor(tok)]
        rare = [j for j in content if names_with[name.tokens[j][:3]] <= _SHARED]
        for j in rare or content or range(len(name.tokens)):
            by_prefix.setdefault(name.tokens[j][:3], []).append((nid, j))
    prepared = _Prepared(tuple(names), {k: tuple(v) for k, v in by_prefix.items()}, options)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(catalog)] = (catalog, prepared)
    return prepared


_WEAK_ANCHORS = frozenset({"of", "and", "the", "a", "an", "with", "x", "in", "for", "per", "&",
                           "kg", "g", "l", "ml", "oz", "lb", "lbs", "pack", "box", "new"})


def _weak_anchor(tok: str) -> bool:
    return tok in _WEAK_ANCHORS or tok[0].isdigit() or ("-" in tok and len(tok) <= 4)


def _singular(tok: str) -> str:
    return tok[:-1] if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss") else tok


def _score(window: list[str], name: _Name) -> float:
    """Similarity of a window of (singular) words to a product name."""
    text = " ".join(window)
    if len(name.text) <= 4 or len(text) <= 4:
        singular = text[:-1] if text.endswith("s") else text
        return 100.0 if name.text in (text, singular) else 0.0
    la, lb = len(text), len(name.text)
    if 200 * min(la, lb) < _THRESHOLD * (la + lb):  # even a perfect overlap is too short
        return 0.0
    return fuzz.ratio(text, name.text, score_cutoff=_THRESHOLD)


def find_items(tokens: list[str], catalog: tuple[CatalogHint, ...]) -> list[ItemMention]:
    """Products named in the normalised `tokens` (commas are tokens and break phrases)."""
    if not catalog or not tokens:
        return []
    prep = _prepare(catalog)
    candidates: list[tuple[float, int, int, int]] = []  # score, length, start, name id
    seen: set[tuple[int, int, int]] = set()
    singular: list[str] | None = None
    for i, tok in enumerate(tokens):
        for nid, j in prep.by_prefix.get(tok[:3], ()):
            name = prep.names[nid]
            k = len(name.tokens)
            start0 = i - j
            # the name where the matching word says it is, or one word longer/shorter
            for start, size in ((start0, k), (start0, k + 1), (start0, k - 1),
                                (start0 + 1, k - 1), (start0 - 1, k + 1)):
                end = start + size
                if size < 1 or start < 0 or end > len(tokens) or not start <= i < end:
                    continue
                if (start, end, nid) in seen:
                    continue
                seen.add((start, end, nid))
                window = tokens[start:end]
                if "," in window:
                    continue
                if singular is None:
                    singular = [_singular(t) for t in tokens]
                score = _score(singular[start:end], name)
                if score >= _THRESHOLD:
                    candidates.append((score, end - start, start, nid))
    if not candidates:
        return []
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken: set[int] = set()
    chosen: list[tuple[int, int, int]] = []
    for _, size, start, nid in candidates:
        span = set(range(start, start + size))
        if span & taken:
            continue
        taken |= span
        chosen.append((start, start + size, nid))
    chosen.sort()
    used: set[int] = set(taken)
    out = []
    for start, end, nid in chosen:
        sku = prep.names[nid].sku
        opts, opt_pos = _options_near(tokens, start, end, prep.options.get(sku, ()), used)
        qty, qty_pos = _quantity_before(tokens, start, opt_pos)
        used |= opt_pos | qty_pos
        lo = min([start, *opt_pos, *qty_pos])
        hi = max([end - 1, *opt_pos])
        out.append(ItemMention(sku=sku, qty=qty, options=opts,
                               text=" ".join(t for t in tokens[lo:hi + 1] if t != ",")))
    return out


def _options_near(
    tokens: list[str], start: int, end: int,
    options: tuple[tuple[str, str, tuple[str, ...]], ...], used: set[int],
) -> tuple[dict[str, str], set[int]]:
    """Option values of one product said within a few words of it."""
    found: dict[str, str] = {}
    positions: set[int] = set()
    lo, hi = max(0, start - _NEAR), min(len(tokens), end + _NEAR)
    for opt, value, vtoks in options:
        if opt in found:
            continue
        n = len(vtoks)
        best: tuple[int, int] | None = None  # distance, position
        for p in range(lo, hi - n + 1):
            if p + n > start and p < end:
                continue  # inside the product name itself
            span = range(p, p + n)
            if any(q in used or q in positions for q in span) or "," in tokens[p:p + n]:
                continue
            window = " ".join(tokens[p:p + n])
            value_text = " ".join(vtoks)
            ok = window == value_text or (
                len(value_text) > 4 and fuzz.ratio(window, value_text) >= _OPTION_THRESHOLD
            )
            if ok:
                dist = start - (p + n) if p < start else p - end
                if best is None or dist < best[0]:
                    best = (dist, p)
        if best is not None:
            found[opt] = value
            positions |= set(range(best[1], best[1] + n))
    return found, positions


def _quantity_before(tokens: list[str], start: int, opt_pos: set[int]) -> tuple[int | None,
                                                                                  set[int]]:
    """The number said just before a product, skipping its options ("two large ...")."""
    p = start - 1
    steps = 0
    while p >= 0 and steps < _NEAR:
        tok = tokens[p]
        if p in opt_pos or tok in _SKIP_BEFORE:
            p -= 1
            steps += 1
            continue
        if tok.isdigit() and len(tok) <= 3:
            return int(tok), {p}
        if tok in _QTY_WORDS:
            if tok == "couple" and p > 0 and tokens[p - 1] == "a":
                return 2, {p - 1, p}
            return _QTY_WORDS[tok], {p}
        break
    return None, set()
