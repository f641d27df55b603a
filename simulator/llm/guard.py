"""The engine's checks on an LLM customer line: facts, character, shape — and the mood bound.

An LLM line is used only if it says exactly what this turn's plan allows: every value
the plan reveals, verbatim; no scenario fact that the plan does not reveal (and that
was not revealed before); no long numbers the model made up; no agent talk, coaching
or scenario jargon. Each check returns a short reason that becomes the transcript mark
`fallback:<reason>` when the scripted line is used instead. They are deliberately
string checks, not another model: cheap, deterministic and explainable to a trainer.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from simulator.director import Plan, fact_value
from simulator.llm.schema import MAX_SAY_CHARS, MOOD_LIMIT, ModelReply
from simulator.privacy import clean_line
from simulator.state import CallState

MAX_SENTENCES = 5
_REVEAL_KINDS = {"reveal", "repeat", "correct"}
_LOOKUP_NAMES = ("name", "address", "phone", "receiver", "time", "payment")

# (reason, pattern): the model talking as the agent, as an AI, as a coach, or about
# the exercise itself. Case-insensitive; matched per sentence while streaming.
_BROKEN: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(p, re.IGNORECASE)) for reason, p in (
        ("broken_character", r"\bhow (?:can|may|could) i (?:help|assist)"),
        ("broken_character", r"\bthank(?:s| you) (?:so much )?for calling\b"),
        ("broken_character", r"\bis there anything else (?:i|we) can\b"),
        ("broken_character", r"\b(?:i'?m|i am) (?:here|happy|glad) to (?:help|assist)\b"),
        ("broken_character", r"\bas an ai\b|\blanguage model\b|\bi(?:'m| am) an? (?:ai|bot|"
                             r"assistant|chatbot)\b"),
        ("broken_character", r"\byou should (?:try|consider|acknowledge|empathi[sz]e|apologi[sz]e"
                             r"|offer|ask|verify|confirm|use|avoid|stay|remain|always|never)\b"),
        ("broken_character", r"\btry to (?:empathi[sz]e|acknowledge|stay|remain|calm|de-?escalate"
                             r"|build|use|ask|offer|verify|show|listen)\b"),
        ("broken_character", r"\b(?:good|great|nice) (?:job|work|use of)\b|\bwell done\b"),
        ("broken_character", r"\bactive listening\b|\bde-?escalat|\brapport\b"
                             r"|\bthe (?:agent|operator) should\b"),
        ("broken_character", r"(?:^|\n)\s*(?:customer|agent|operator|assistant|user|caller)\s*:"),
        ("scenario_leak", r"\bobjections?\b|\bscenarios?\b|\btrainees?\b|\btraining\b"
                          r"|\brole[- ]?play|\bsimulat(?:ion|ed|or)\b|\bpersona\b"),
        ("scenario_leak", r"mood_change|revealed_facts|hangs_up|\banger (?:level|score)\b"
                          r"|\b\d{1,3}\s*/\s*100\b|\bsystem prompt\b|\bmy instructions\b"),
        ("json_in_text", r"[{}\[\]]|```|\"say\"\s*:|<\|?/?[a-z_]+\|?>"),
    )
)
_DIGITS = re.compile(r"\d{3,}")
# saying goodbye or hanging up while the engine keeps the call going
_LEAVING = re.compile(r"\bhang(?:ing)?\s+up\b|\bgood-?bye\b|\bbye\b", re.IGNORECASE)
_ENDING_KINDS = {"hangup", "goodbye", "transfer_ok", "transfer_bad"}
# whitespace after ., ! or ? (optionally closed by a quote or bracket): a sentence ends
SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"')\]]))\s+")


def norm(text: str) -> str:
    """Lowercase words and digits only: "555-0142" and "555 0142" compare equal."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def contains(text: str, value: str) -> bool:
    """`value` said in `text`, tolerant of case, punctuation and digit grouping."""
    v = norm(value)
    if not v:
        return True
    t = norm(text)
    if f" {v} " in f" {t} ":
        return True
    if any(c.isdigit() for c in v):  # "5550142" for "555-0142"
        return v.replace(" ", "") in t.replace(" ", "")
    return False


def split_sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s.strip()]


@dataclass(frozen=True)
class TurnRules:
    """What one customer line may and must contain, worked out from the plan."""

    must_say: dict[str, str] = field(default_factory=dict)   # fact -> value, this turn
    must_not_say: dict[str, str] = field(default_factory=dict)  # fact -> value, not yet
    known_numbers: frozenset[str] = frozenset()  # digit runs the customer may use
    call_ends: bool = False  # this line ends the call (hang-up, goodbye, transfer)
    # (beat ref, key words): a planned objection or change the line must voice
    must_carry: tuple[tuple[str, frozenset[str]], ...] = ()
    operator_line: str = ""  # what the operator just said (the customer must not echo it)
    value_words: frozenset[str] = frozenset()  # order and fact words a customer may repeat


def _weak(value: str) -> bool:
    """Values too ordinary to police ("card", "cash"): short, one word, no digits."""
    v = norm(value)
    return not any(c.isdigit() for c in v) and (" " not in v and len(v) <= 5)


def turn_rules(state: CallState, plan: Plan, known_text: str) -> TurnRules:
    """Rules for this turn; `known_text` is everything the model was shown or heard."""
    s = state.scenario
    must = {b.ref: b.value for b in plan.beats if b.kind in _REVEAL_KINDS and b.value}
    must.update(correction_values(plan))
    allowed = list(must.values()) + list(state.revealed.values())
    candidates: dict[str, list[str]] = {}
    for name in dict.fromkeys([*s.facts, *_LOOKUP_NAMES]):
        values = [fact_value(s, name)]
        fact = s.facts.get(name)
        if fact and fact.wrong_first:
            values.append(fact.wrong_first)
        candidates[name] = [v for v in values if v]
    must_not: dict[str, str] = {}
    for name, values in candidates.items():
        for v in values:
            if _weak(v) or any(norm(v) == norm(a) for a in allowed):
                continue
            if contains(known_text, v):
                continue  # the scenario's own wording (or the operator) already says it
            must_not.setdefault(name, v)
    numbers = frozenset(_DIGITS.findall(" ".join([known_text, *allowed])))
    ends = any(b.kind in _ENDING_KINDS for b in plan.beats) or plan.hangup or plan.ends_call
    carry = tuple((b.ref, keys) for b in plan.beats
                  if b.kind in _CARRY_KINDS and (keys := key_words(" ".join(b.lines))))
    return TurnRules(must, must_not, numbers, ends, must_carry=carry,
                     operator_line=state.last_operator_line, value_words=_value_words(state))


# -- the plan's beats (issue 16 item 13) -------------------------------------------------
# An objection or an order change the engine records as raised must be heard by the
# trainee: a line that does not carry it ("Okay, go on.") would mark the trainee down for
# missing something the customer never said.
_CARRY_KINDS = {"raise", "not_done", "change"}
_STEM = 5  # "refunds" and "refund", "delivered" and "delivery" share their first letters
_COMMON = frozenset(re.findall(r"\S+", """
about actually after again also always anyway around because been before being could
didn't doesn't don't going gonna have here just know like look make maybe more much need
never only okay please really right said should some still sure tell than thank thanks
that that's their them then there they thing think this those want well were what when
where which while will with would yeah your you're you've yours
"""))


def key_words(text: str) -> frozenset[str]:
    """The words that carry a line's point: four letters or more, not filler; stemmed."""
    words = re.findall(r"[a-z][a-z']{3,}|\d+", text.lower())
    return frozenset(w[:_STEM] for w in words if w not in _COMMON)


def check_plan(say: str, rules: TurnRules) -> str | None:
    """`off_plan` when a planned objection or change is not voiced by the line.

    A deliberately lenient test (one key word of the scenario's wording is enough) so a
    good model's paraphrase passes while a line that carries nothing of it does not.
    """
    heard = key_words(say)
    for _ref, keys in rules.must_carry:
        if not heard & keys:
            return "off_plan"
    return None


def clean_model_text(text: str) -> str:
    """A model line with control characters removed: it is stored and printed, and an
    escape sequence in it would recolour, retitle or reset the trainee's terminal."""
    return clean_line(text)


def clean_reply(reply: ModelReply) -> ModelReply:
    """The reply with its line cleaned (see clean_model_text) before any check."""
    return dataclasses.replace(reply, say=clean_model_text(reply.say))


def check_sentence(text: str, rules: TurnRules) -> str | None:
    """Checks that need no more than one sentence (run before a sentence is spoken)."""
    for reason, pattern in _BROKEN:
        if pattern.search(text):
            return reason
    problem = speaks_as_operator(text, rules)
    if problem:
        return problem
    for value in rules.must_not_say.values():
        if contains(text, value):
            return "fact_not_asked"
    for run in _DIGITS.findall(text):
        if run not in rules.known_numbers:
            return "fact_invented"
    return None


def check_reply(reply: ModelReply, rules: TurnRules) -> str | None:
    """All checks on a complete answer; None means the line may be used."""
    say = reply.say.strip()
    if not say:
        return "empty"
    if len(say) > MAX_SAY_CHARS or len(split_sentences(say)) > MAX_SENTENCES:
        return "too_long"
    problem = check_sentence(say, rules)
    if problem:
        return problem
    for value in rules.must_say.values():
        if not contains(say, value):
            return "fact_missing"
    problem = check_plan(say, rules)
    if problem:
        return problem
    known = set(rules.must_say) | set(rules.must_not_say)
    if any(name in known and name not in rules.must_say for name in reply.revealed_facts):
        return "fact_not_asked"
    # the hangs_up flag itself is ignored (hanging up is the engine's call); words that
    # leave the call while it goes on are not
    if not rules.call_ends and _LEAVING.search(say):
        return "hangup_mismatch"
    return None


def bound_mood(proposed: int, *, engine_delta: int, anger: int) -> int:
    """Extra anger the engine accepts from the model's proposal: 0..MOOD_LIMIT.

    Models drift towards being nice, so the model can never calm the customer (calm is
    earned from the engine's rules) and never push them to a hang-up (that is the
    engine's call). It may only add anger where it says the operator's line annoyed the
    customer more than the rules did: proposal above max(engine delta, 0).
    """
    p = max(-MOOD_LIMIT, min(MOOD_LIMIT, proposed))
    floor = max(engine_delta, 0)
    if p <= floor:
        return 0
    return max(0, min(p - floor, MOOD_LIMIT, 99 - anger))


# -- the customer talking as the operator, or parroting them ------------------------
# Seen with a small local model: the "customer" said "I'm sorry. Your order hasn't
# arrived, that's really not good enough!" and "I totally understand, you've waited
# almost an hour…" — the operator's own lines. These are the operator's moves said to
# the customer (apologising for *your* order, understanding *you*, promising to sort
# it), which a caller does not say to the agent.
_AGENT_TALK = re.compile(
    r"\bsorry (?:that )?your\b|\bsorry (?:for|about) (?:the|your) (?:wait|delay|trouble"
    r"|inconvenience|confusion)\b|\bi (?:totally|completely|fully|really) understand\b"
    r"|\byou(?:'ve| have) (?:waited|been waiting)\b|\byour (?:order|account|booking|refund"
    r"|appointment)\b(?! (?:system|team|department|people|company))"
    r"|\blet me (?:sort|fix) (?:this|that|it) out for you\b"
    r"|\bi(?:'ll| will) (?:put you through|transfer you|get that sorted for you)\b"
    r"|\b(?:we|i)(?:'ll| will) send you (?:a|another|a fresh|a new)\b",
    re.IGNORECASE,
)
ECHO_RUN = 5  # this many of the operator's words in a row, order words aside, is an echo
_NUMBER_WORDS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
})


def _words(text: str) -> list[str]:
    return [w.rstrip("s") if len(w) > 3 else w for w in re.findall(r"[a-z0-9']+", text.lower())]


def _value_words(state: CallState) -> frozenset[str]:
    """Words of the order and the facts: repeating "two large pepperoni pizzas to 12
    Oak Street" back is confirming, not echoing."""
    s = state.scenario
    texts = [*state.product_names.values(), *state.revealed.values(), s.persona.name]
    texts += [f.value for f in s.facts.values()]
    if s.order is not None:
        for line in s.order.items:
            texts += list(line.options.values())
        if s.order.delivery:
            texts += [s.order.delivery.address or "", s.order.delivery.window or ""]
        texts += [s.order.receiver or "", s.order.payment or ""]
    if s.account is not None:
        texts += [s.account.address or "", s.account.name or ""]
    return frozenset(w for t in texts for w in _words(t)) | _NUMBER_WORDS


def _longest_shared_run(said: list[str], heard: list[str], skip: frozenset[str]) -> int:
    """Longest run of the same words in both, not counting order/fact words."""
    best = 0
    for i in range(len(said)):
        for j in range(len(heard)):
            n = 0
            while (i + n < len(said) and j + n < len(heard) and said[i + n] == heard[j + n]):
                n += 1
            run = sum(1 for w in said[i:i + n] if w not in skip)
            best = max(best, run)
    return best


def speaks_as_operator(text: str, rules: TurnRules) -> str | None:
    """`speaks_as_operator` when the line says the operator's part; `echoes_operator`
    when it repeats the operator's words (a run of ECHO_RUN, or a fragment of their
    line such as "what you say,"); None when it sounds like the customer."""
    if _AGENT_TALK.search(text):
        return "speaks_as_operator"
    heard = _words(rules.operator_line)
    said = _words(text)
    if not heard or not said:
        return None
    if _longest_shared_run(said, heard, rules.value_words) >= ECHO_RUN:
        return "echoes_operator"
    stripped = text.strip()
    fragment = len(said) <= 4 and (stripped[:1].islower() or stripped.endswith(","))
    if fragment and " ".join(said) in " ".join(heard):
        return "echoes_operator"
    return None


def correction_values(plan: Plan) -> dict[str, str]:
    """The right values a correction of a wrong read-back must say ("No, two, not one"
    must contain "two"): a model that answers "Yes, that's right." instead falls back."""
    out: dict[str, str] = {}
    for beat in plan.beats:
        if beat.kind == "correct_them":
            for i, value in enumerate(v for v in beat.value.split("; ") if v):
                out[f"correction:{i}"] = value
    return out
