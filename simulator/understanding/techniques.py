"""Which operator techniques one utterance uses.

The phrase tables (patterns.py) give cues; this module turns cues into labels with a
few rules that keep the labels precise, because a scorer that sees every label on
every line learns nothing:

* A question is a probe only when it is not something more specific: "have you tried
  restarting it?" is a suggestion, "is that correct?" a check, "would you like to add a
  drink?" an upsell, "so you feel nobody listens?" a restatement.
* Restating ("it sounds like the parcel went to the wrong house") becomes reflection
  of feelings when what is restated is a feeling ("it sounds like you're exhausted");
  that choice is made in the cue patterns themselves (cues_support.py).
* "Information" has strong cues ("studies show", "according to", statistics, named
  resources) and weak ones (facts about the order, explanations, "unfortunately we
  ..."); weak cues count only when nothing more specific was said and not inside an
  apology or a reflection ("I'm sorry your order hasn't arrived"), and a plain
  third-person factual statement with no other cue counts as information as a last
  resort. A fact in a clause of its own still counts next to an apology, a reflection,
  reassurance or ownership ("it looks like the payment didn't go through, so you
  haven't been charged"), not next to a suggestion, an argument or a blame.
* Asking for identifying data (account or order number, name, phone, postcode, email,
  date of birth, last four digits, security answer) is the identity check and also a
  question; only mentioning such data ("I can only see the last four digits") is not.
* A discount the operator hedges or offers as a personal deal ("I can probably do you
  ten percent off", "for you I'll do twenty") is an overpromise, not a remedy: the
  caller hears a promise the operator has no authority to make.
* A bare acknowledgement ("okay", "right", "I see", "mm-hm") and a filler ("hmm") carry
  no technique; dead air comes only from silence markers (engine.py).
"""

from __future__ import annotations

import re

from ..vocab import TECHNIQUES
from .asks import is_asking
from .cues_call import ID_ASK
from .cues_harmful import DEAL_PROMISES
from .lexicon import HARD_ADJ, INTENSIFIERS
from .normalize import Sentence
from .patterns import (
    IMPERATIVE_ADVICE,
    INFORM_WEAK,
    PATTERNS,
    QUESTION_ABSORB_PATTERNS,
    SO_QUESTION,
    SO_RESTATE,
    SO_RESTATE_THIRD,
)
from .prefilter import PatternIndex
from .questions import is_interrogative, strip_lead

_ORDER = {name: i for i, name in enumerate(TECHNIQUES)}
# Asking for identifying data (account number, postcode, date of birth, ...) is the
# identity check; the cue only counts in a sentence that asks (see cues_call.ID_ASK).
_ID_ASK = re.compile(ID_ASK)
_DEAL = re.compile("|".join(f"(?:{p})" for p in DEAL_PROMISES))

# Every cue table, matched through the first-token index (dead_air never comes from
# words, so it has no table).
_INDEX = PatternIndex(
    [(name, PATTERNS[name]) for name in TECHNIQUES if name in PATTERNS]
    + [("inform_weak", INFORM_WEAK)]
)

# A clause that apologises or reflects a feeling is not stating a fact, even when it
# names the order ("I'm sorry your order hasn't arrived").
_FEELING_CLAUSE = re.compile(r"\b(?:sorry|apologi[sz]e|understand|imagine|must be|must have|"
                             r"hear that|hear about|sounds)\b")

# Techniques that make a weak information cue redundant: the sentence is doing
# something more specific than stating a fact.
_SPECIFIC = frozenset(
    {"empathize", "reassure", "paraphrase", "offer_solution", "explain_value", "upsell",
     "dismiss", "blame_customer", "confirm", "read_back", "probe_question", "overpromise",
     "take_ownership", "verify_identity", "hold_request", "transfer", "escalate", "rude",
     "interrupt", "argue"}
)
# Acts that a fact in a clause of its own may sit beside and still count as information
# ("sorry about that, we don't ship to Canada"); next to a suggestion, an argument or a
# blame the fact is part of that act.
_BESIDE_FACT = frozenset({"apologize", "empathize", "reassure", "take_ownership", "thank",
                          "greet", "introduce_self", "close"})
# Techniques that, found in a declarative sentence ending in '?', mean the '?' is a
# check on that act rather than an information-seeking question.
_DECLARATIVE_Q_ABSORB = frozenset(
    {"paraphrase", "confirm", "offer_solution", "empathize", "upsell", "hold_request",
     "verify_identity", "read_back", "transfer", "reassure", "blame_customer", "argue",
     "dismiss", "rude", "interrupt", "escalate", "overpromise"}
)
# Clause-level cues, matched through the same first-token index: question forms that
# are really something else, harmful moves phrased as questions ("are you even
# listening?"), and weak information cues.
_CLAUSE_INDEX = PatternIndex([
    ("absorb", QUESTION_ABSORB_PATTERNS),
    ("absorb", [p for name in ("rude", "argue", "blame_customer", "dismiss", "interrupt")
                for p in PATTERNS[name]]),
    ("weak", INFORM_WEAK),
])
# A tag at the end of a question that asks for agreement: "..., right?"
_TAG_CONFIRM = re.compile(r"(?:^|, )(?:right|correct|yes|okay|yeah|no|is it|is not it|"
                          r"does it|does that work|sound good|yes or no)$")
_RESTATED_STORY = re.compile(
    r"^(?:so )?(?:you|u|your (?!(?:address|phone|number|order|postcode|zip|email|name|card|"
    r"account|date|delivery|total|booking|appointment|reference|pin|details)\b)\w+) (?:\w+ )?"
    r"(?:\w+ed|had|have|did|were|was|are|got|went|told|said|lost|left|felt|thought|kept|took|"
    r"never|still|just|feel|think|want|need|keep)\b"
)
_REMEDY = re.compile(r"\b(?:refund|replace|replacement|credit|discount|voucher|free of charge|"
                     r"no cost|waive|have you tried|try|suggest)\b")
_STRONG_CONFIRM = re.compile(r"\bis (?:that|this|it) (?:correct|right)\b|\bdoes (?:that|this) "
                             r"(?:sound|look) right\b|\ball set\b|\bconfirmed\b")
_GENERAL_HARD = re.compile(
    r"^(?!(?:i|you|u|we|he|she|they|it|that|this|what|how|there|our|my|your|the (?:system|"
    r"website|app|process|form|instructions|price|prices|menu|order|delivery|policy))\b)"
    rf"(?:[a-z]+ ){{1,3}}?(?:are|is|can be|must be|get|gets|can get) {INTENSIFIERS}"
    rf"(?:{HARD_ADJ})\b"
)
_OWN = re.compile(r"\blet me\b|\bi will\b")
_GREETING_WORD = re.compile(r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|"
                            r"welcome)\b|\bwelcome to\b")
# The last-resort "plain factual statement" reading is not used for sentences about the
# speaker or the listener, for connectives, or for evaluations ("that is ...").
_FALLBACK_BLOCK = re.compile(
    r"^(?:i|my|me|you|u|your|we|our|let|please|so|if|and|but|or|because|when|okay|yes|no|"
    r"well|oh|hmm|just|maybe|perhaps|sure|right|that|this|it is|what|how|not)\b|"
    r"\b(?:i think|i feel|i guess|i hope|i believe|i know)\b"
)
_FALLBACK_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|will|does|do|did|may|might|tends|means|helps|"
    r"makes|takes|causes|affects|costs|includes|offers|provides|gives|works|comes|goes|"
    r"leads|shows|need|needs|\w+s|\w+ed)\b"
)


def _probe_from_clauses(sent: Sentence, found: set[str]) -> bool:
    """Decide whether the sentence asks a genuine (probing) question."""
    q_clauses = [c for c in sent.clauses if is_interrogative(c)]
    if q_clauses:
        for clause in q_clauses:
            if "absorb" in _CLAUSE_INDEX.matches(clause):
                continue
            if SO_RESTATE.match(clause):
                continue
            return True
        return False
    if not sent.question_mark:
        return False
    # declarative text with a question mark: "any particular reason you want to cancel?"
    return not (found & _DECLARATIVE_Q_ABSORB)


def sentence_techniques(sent: Sentence) -> set[str]:
    """Techniques used in one sentence (unordered)."""
    norm = sent.norm
    found = _INDEX.matches(norm)

    for clause in sent.clauses:
        if IMPERATIVE_ADVICE.match(clause) and not is_interrogative(clause):
            found.add("offer_solution")
        if "read_back" not in found and (SO_RESTATE.match(clause)
                                         or SO_RESTATE_THIRD.match(clause)):
            found.add("paraphrase")
        # "breakups are really tough", "exams can be so stressful": naming how hard
        # the caller's kind of situation is reflects the feeling
        if _GENERAL_HARD.match(clause):
            found.add("empathize")
    if sent.question_mark and SO_QUESTION.match(norm) and "read_back" not in found:
        found.add("paraphrase")

    if sent.question_mark and (_TAG_CONFIRM.search(norm) or "confirm" in found):
        found.add("confirm")
        # "your sister never paid it back, is that right?" restates the customer's story
        if "read_back" not in found and _RESTATED_STORY.match(norm):
            found.add("paraphrase")
    if _probe_from_clauses(sent, found):
        found.add("probe_question")
    asking = is_asking(sent)
    if asking and _ID_ASK.search(norm):
        found.add("verify_identity")
    # asking for identifying data is also a question ("can I take your postcode?")
    if asking and "verify_identity" in found:
        found.add("probe_question")

    # "can you confirm the email on your account?" is the identity check, not a read-back check
    if "verify_identity" in found and "confirm" in found and not _STRONG_CONFIRM.search(norm):
        found.discard("confirm")
    # a promise about timing is the overpromise, not a realistic expectation
    # a discount promised without authority is the overpromise, not a remedy
    if "overpromise" in found and "offer_solution" in found and _DEAL.search(norm):
        found.discard("offer_solution")
    if "overpromise" in found:
        found.discard("set_expectation")
    # weak argue cues ("that's not true") inside reassurance are reassurance
    if "argue" in found and "reassure" in found:
        found.discard("argue")
    # an upsell phrased as "I can add ..." is not a service remedy
    if "upsell" in found and "offer_solution" in found and not _REMEDY.search(norm):
        found.discard("offer_solution")
    # a hold request ("bear with me while I check") is not itself ownership
    if "hold_request" in found and "take_ownership" in found and not _OWN.search(norm):
        found.discard("take_ownership")

    if "inform_weak" in found:
        found.discard("inform_weak")
        facts = [c for c in sent.clauses
                 if not _FEELING_CLAUSE.search(c) and "weak" in _CLAUSE_INDEX.matches(c)]
        # a fact in its own clause still counts next to another act ("it looks like the
        # payment didn't go through, so you haven't been charged")
        if facts and (not found & _SPECIFIC or (
                len(sent.clauses) > 1 and not found & _SPECIFIC - _BESIDE_FACT
                and any(not _INDEX.matches(c) & _SPECIFIC for c in facts))):
            found.add("inform")
    if not found and not sent.question_mark:
        core = strip_lead(sent.clauses[0]) if sent.clauses else norm
        if (len(norm.split()) >= 5 and not _FALLBACK_BLOCK.match(core)
                and _FALLBACK_VERB.search(norm)):
            found.add("inform")
    return found


def order_techniques(names: set[str]) -> tuple[str, ...]:
    """Labels in vocabulary order (the contract promises that order)."""
    return tuple(sorted(names, key=_ORDER.__getitem__))


def post_utterance(found: set[str], norm_text: str) -> set[str]:
    """Utterance-level corrections that need every sentence at once."""
    # "thank you for calling, have a good night" closes the call; it does not greet
    if "greet" in found and "close" in found and not _GREETING_WORD.search(norm_text):
        found.discard("greet")
    return found
