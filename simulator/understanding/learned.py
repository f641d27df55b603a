"""`analyze` with the learned model: meaning from the model, structure from the parsers.

The phrase tables (engine.analyze_rules) run first: their exact parsers give digits,
catalog items, card numbers and silence markers, and their technique labels become
features. The trained heads (model.py) then decide the techniques and what was asked.
Three narrow overrides stay rules, each because the model cannot know it:

* silence markers and filler-only turns are `dead_air` / nothing (no words to read);
* a trainer's own examples for a scenario (`phrases:`) are added when the turn says
  one of them or means the same (a company's greeting or jargon list is knowledge the
  corpus cannot have);
* scenario facts with names outside the shared ask vocabulary ("weekly_volume") are
  matched against the scenario's own ask phrases, by meaning and by fuzzy wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .asks import phrase_in
from .encoder import get_encoder
from .model import ASK_TYPES, Prediction, get_model
from .normalize import normalize
from .techniques import order_techniques
from .types import Analysis, Context, FactHint

if TYPE_CHECKING:
    import numpy as np

# Phrase-table labels taken as they are, beside the model's: on the training corpus each
# was right at least 85 % of the times the tables said it (greet 0.94, introduce_self
# 0.93, apologize 0.88, hold_request 0.87, transfer 0.93, thank 0.93), and the tables
# find them inside long turns that do three things at once, where a pooled sentence
# vector can lose one act among the others. Neutral on the held-back split (0.656).
TRUSTED_RULE_LABELS = frozenset({"greet", "introduce_self", "apologize", "hold_request",
                                 "transfer", "thank"})
# Interruption is mostly heard, not read (voice barge-in marks it from the audio); its head
# had the fewest training lines of any harmful label and the lowest held-back precision
# (0.25-0.50), so from words alone it counts only where the phrase tables say it too.
# Cosine above which a turn's segment "says the same" as a trainer's example line.
EXAMPLE_SIMILARITY = 0.86
# Cosine above which a segment asks for a scenario's own fact (with a question).
FACT_SIMILARITY = 0.62
_EXTRA_THRESHOLD = 85.0
# model ask type -> the name the customer and the scorers use
_ASK_NAME = {"item": "order", "card_number": "card"}
_NOT_ASKS = frozenset({"need", "other"})
# ask types that belong to a scenario fact of their own when there is one
_OWN_FACT = {"postcode": ("post", "zip"), "expiry": ("expir", "valid"),
             "security_code": ("security", "cvv", "cvc", "cv2")}
_STANDARD = frozenset(ASK_TYPES) | {"order", "card", "card_number"}


def _example_hits(analysis_text: str, ctx: Context, segments: np.ndarray | None) -> set[str]:
    """Techniques a scenario's own example lines say this turn uses."""
    found: set[str] = set()
    if not ctx.extra_phrases:
        return found
    norm = normalize(analysis_text)
    enc = get_encoder(get_model().encoder)
    for tech, phrases in ctx.extra_phrases.items():
        for phrase in phrases:
            p = normalize(phrase)
            if p and phrase_in(p, norm, _EXTRA_THRESHOLD):
                found.add(tech)
                break
            if segments is not None and len(phrase.split()) >= 3:
                sims = segments @ enc.encode(phrase).whole
                if float(sims.max()) >= EXAMPLE_SIMILARITY:
                    found.add(tech)
                    break
    return found


def _own_fact(kind: str, facts: tuple[FactHint, ...]) -> str | None:
    keys = _OWN_FACT[kind]
    return next((f.name for f in facts if any(k in f.name for k in keys)), None)


def map_asks(pred: Prediction, rule_asks: tuple[str, ...], ctx: Context,
             segments: np.ndarray | None, asking: bool) -> tuple[str, ...]:
    """The model's ask types as the names the customer answers to, plus custom facts."""
    out: list[str] = []
    for kind in ASK_TYPES:  # vocabulary order: repeatable output
        if kind not in pred.asks or kind in _NOT_ASKS:
            continue
        if kind in _OWN_FACT:
            own = _own_fact(kind, ctx.facts)
            name = own or ("address" if kind == "postcode" else kind)
        else:
            name = _ASK_NAME.get(kind, kind)
        if name not in out:
            out.append(name)
    custom = [f for f in ctx.facts if f.name not in _STANDARD and f.name not in out]
    if custom and (asking or pred.asks):
        enc = get_encoder(get_model().encoder)
        for fact in custom:
            if fact.name in rule_asks:
                out.append(fact.name)
                continue
            if segments is None:
                continue
            best = max((float((segments @ enc.encode(p).whole).max()) for p in fact.phrases if p),
                       default=0.0)
            if best >= FACT_SIMILARITY:
                out.append(fact.name)
    return tuple(out)


def analyze_learned(text: str, ctx: Context) -> Analysis:
    """The learned reading of one turn (see the module docstring for the split)."""
    return analyze_many([text], [ctx])[0]


def analyze_many(texts: list[str], contexts: list[Context]) -> list[Analysis]:
    """The learned reading of many turns at once (the encoder runs in batches)."""
    from .engine import analyze_rules
    from .features import many_features, segment_spans

    rules = [analyze_rules(t, c) for t, c in zip(texts, contexts, strict=True)]
    wordy = [i for i, (t, r) in enumerate(zip(texts, rules, strict=True))
             if r.techniques != ("dead_air",) and any(ch.isalpha() for ch in t)]
    out = list(rules)
    if not wordy:
        return out
    model = get_model()
    feats = many_features([(texts[i], contexts[i].previous_customer_line,
                            frozenset(rules[i].techniques), rules[i].is_question) for i in wordy],
                          model.encoder)
    p, q = model.probabilities(feats)
    enc = get_encoder(model.encoder)
    for row, i in enumerate(wordy):
        text, ctx, base = texts[i], contexts[i], rules[i]
        pred = model.decide(p[row], q[row])
        segments = enc.encode(text, segment_spans(text)).segments
        techniques = (set(pred.techniques) | _example_hits(text, ctx, segments)
                      | (set(base.techniques) & TRUSTED_RULE_LABELS))
        # a read-back repeats details: with no item, quantity, address, time, name,
        # number or payment stated (the exact parsers see none) there is nothing read back
        if "read_back" in techniques and "read_back" not in base.techniques and not (
                base.slots or base.items or any(ch.isdigit() for ch in text)):
            techniques.discard("read_back")
        if "interrupt" not in base.techniques:
            techniques.discard("interrupt")
        asking = base.is_question or bool(techniques & {"probe_question", "verify_identity"})
        out[i] = Analysis(
            text=text,
            techniques=order_techniques(techniques),
            slots=base.slots,
            asks=map_asks(pred, base.asks, ctx, segments, asking),
            is_question=base.is_question,
            items=base.items,
            card_number_spoken=base.card_number_spoken,
            ask_types=tuple(k for k in ASK_TYPES if k in pred.asks),
            scores=tuple(sorted(((k, round(v, 3)) for k, v in pred.probs.items() if v >= 0.15),
                                key=lambda kv: -kv[1])),
        )
    return out


def explain(text: str, ctx: Context | None = None, k: int = 3) -> dict[str, object]:
    """Why the turn got its labels: each technique's probability against its head's
    threshold, the phrase tables' reading (a feature), and the nearest training lines."""
    from .engine import analyze_rules

    ctx = ctx or Context()
    model = get_model()
    analysis = analyze_many([text], [ctx])[0]
    pred_scores = dict(analysis.scores)
    thresholds = model.thresholds()
    return {
        "techniques": list(analysis.techniques),
        "scores": {t: {"p": round(pred_scores.get(t, 0.0), 3), "threshold": thresholds[t]}
                   for t in sorted(set(pred_scores) | set(analysis.techniques))
                   if t in thresholds},
        "rules_said": list(analyze_rules(text, ctx).techniques),
        "asks": list(analysis.asks),
        "nearest": [{"text": nb.text, "techniques": list(nb.techniques),
                     "similarity": round(nb.similarity, 3)} for nb in model.neighbours(text, k)],
    }
