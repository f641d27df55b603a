"""What the customer hears in an operator line beyond the understanding engine's reading.

The understanding engine (simulator.understanding) decides techniques and slots; the
customer also needs to know what it is being asked and whether the operator is saying
goodbye. Where the engine returns nothing for a plain question ("Who'll be taking the
delivery?") or a natural farewell ("…speak next week!"), the customer answered the
wrong thing or kept the call going. These cues are deliberately narrow — each names
the thing asked for or ends the line with a farewell — and only ever add to the
engine's reading; when the engine learns these by itself they simply agree with it.
"""

from __future__ import annotations

import dataclasses
import re

from simulator.understanding.types import Analysis

# Questions the customer must recognise even when the understanding engine returns no
# ask for them (it reads "Who'll be taking the delivery?" as a bare probe): without
# these the customer answered a receiver question with its opening complaint. Narrow
# on purpose — each names the thing asked for — and used only for questions.
_EXTRA_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.IGNORECASE)) for name, p in (
        ("receiver", r"\bwho(?:'ll| will|'s| is)? (?:be )?(?:receiv|tak|accept|sign|collect"
                     r"|be (?:there|home|in) to)|\bname (?:for|on) the (?:order|delivery)"
                     r"|\bwho (?:is|'s) it for\b|\bwho should (?:we|i) (?:ask|leave)"),
        ("payment", r"\bhow (?:will|would|do|did|are|were) you (?:like to |going to )?pay"
                    r"|\b(?:payment|pay) method\b|\bpay(?:ing)? by (?:card|cash)|card or cash"),
        ("address", r"\bwhere (?:should|shall|do|would|can|will) (?:we|i|you|it)\b.*"
                    r"\b(?:deliver|send|bring|go)|\bwhat(?:'s| is) the (?:delivery )?address"
                    r"|\b(?:your|the) (?:delivery )?address\b"),
        ("time", r"\bwhat time\b|\b(?:what|which) day\b|\bwhen (?:works|suits|is best|is good)"
                 r"|\bwhat works (?:best|for you)\b|\bwhen (?:would|do|should|shall|can|will)\b.*\b(?:deliver"
                 r"|come|arrive|suit|want)|\bwhich (?:time|slot)\b"),
        ("phone", r"\b(?:phone|mobile|contact|telephone) number\b"),
        ("order", r"\bwhat (?:would|can|could|shall) (?:i|we) (?:get|send|bring) you\b"
                  r"|\bwhat (?:would|do) you (?:like|want|fancy)(?: to (?:order|have|get))?\b"
                  r"|\bwhat can i get\b|\bwhat(?:'s| is) the order\b"
                  r"|\bsame (?:again|as (?:before|last time|usual))\b|\bthe usual\b"),
        ("anything_else", r"\banything else\b"),
        ("still_there", r"\b(?:are you )?still there\b|\bcan you (?:still )?hear me\b"),
    )
)
# a farewell that ends the line: "…thanks Tom, speak next week!" closes the call
_FAREWELL = re.compile(
    r"\b(?:good-?bye|bye(?: now| for now|-bye)?|speak (?:to you )?(?:soon|later|tomorrow|next"
    r" \w+|on \w+)|talk (?:to you )?(?:soon|later|tomorrow|next \w+)|take care|"
    r"have a (?:good|great|nice|lovely|wonderful|safe) (?:day|evening|night|weekend|one|"
    r"afternoon|morning|trip|time)|enjoy (?:your|the) (?:dinner|meal|evening|day|pizza\w*|"
    r"weekend))\W*$",
    re.IGNORECASE,
)


def asks_of(analysis: Analysis) -> list[str]:
    """What the line asks for: the engine's asks, plus the narrow extra cues above."""
    asked = list(analysis.asks)
    if analysis.is_question or analysis.text.rstrip().endswith("?"):
        for name, pattern in _EXTRA_ASKS:
            if name not in asked and pattern.search(analysis.text):
                asked.append(name)
    return list(dict.fromkeys(asked))


_STOP = frozenset({"the", "and", "your", "you", "for", "our", "what", "which", "could",
                   "can", "have", "with", "that", "this", "from", "please", "would", "like"})


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.casefold())
            if len(w) >= 3 and w not in _STOP}


def facts_by_words(text: str, phrases: dict[str, tuple[str, ...]]) -> list[str]:
    """Facts whose asking phrase has all its words in the question, in any order and
    form: "the three-digit code on the back" asks for "three digits on the back"."""
    have = _stems(text)
    found = []
    for name, options in phrases.items():
        for phrase in options:
            need = _stems(phrase)
            if len(need) >= 2 and need <= have:
                found.append(name)
                break
    return found


def fact_asks_said(analysis: Analysis, asked: list[str], phrases: dict[str, tuple[str, ...]]
                   ) -> list[str]:
    """Drop a scenario-fact ask whose words the line does not contain when another
    ask does: "the phone number the order was placed under" asks for the phone, not
    for the order number as well. `phrases` maps each fact to the words that ask it."""
    text = " ".join(re.findall(r"[a-z0-9]+", analysis.text.casefold()))

    def said(name: str) -> bool:
        return any(f" {p} " in f" {text} " for p in phrases.get(name, ()) if p)

    facts = [a for a in asked if a in phrases]
    if len(facts) < 2 or not any(said(a) for a in facts):
        return asked
    return [a for a in asked if a not in phrases or said(a)]


# Harmful moves said in so many words, which the understanding engine has read as
# something helpful ("You need to make your mind up" as an offer): a customer is not
# fooled by them. Narrow, whole phrases only; each is harmful in any call.
_HARM: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.IGNORECASE)) for name, p in (
        ("argue", r"\byou(?:'re| are) (?:exaggerating|overreacting)\b"
                  r"|\bmake (?:up )?your mind up\b"
                  r"|\b(?:like|as) i (?:already )?(?:said|told you)\b|\bi already told you\b"
                  r"|\bthat(?:'s| is) not (?:true|what happened)\b|\byou(?:'re| are) wrong\b"),
        ("dismiss", r"\bthese things happen\b|\bit is what it is\b|\bcalm down\b"
                    r"|\bnothing (?:i|we) can do\b|\bnot (?:such )?a big deal\b"
                    r"|\byou(?:'ll| will) (?:just )?have to wait\b|\bdeal with it\b"
                    r"|\bget over it\b|\bi don'?t care\b"),
        ("blame_customer", r"\byou should(?:'ve| have) (?:ordered|called|checked|read|listened"
                           r"|known)\b|(?<!not )\byour (?:own )?fault\b"
                           r"|\bthat(?:'s| is) your problem\b"),
        ("rude", r"\bstop shouting\b|\bshut up\b|\bwhat(?:'s| is) your problem\b"
                 r"|\bnot my (?:problem|job)\b|\bare you deaf\b|\bhaven'?t got all day\b"
                 r"|\b(?:stupid|idiot)\b|^\s*whatever(?:[.!,]|\s*$)"),
    )
)
_NEGATED = re.compile(r"\b(?:not|never|won't|wouldn't|don't) (?:going to |want to )?"
                      r"(?:argue|say|tell you)", re.IGNORECASE)


def harm_cues(text: str) -> list[str]:
    """Harmful moves named in the line in so many words (see _HARM)."""
    if _NEGATED.search(text):
        return []
    return [name for name, pattern in _HARM if pattern.search(text)]


def says_goodbye(analysis: Analysis) -> bool:
    """The line ends with a farewell and asks nothing."""
    text = analysis.text.strip()
    return bool(_FAREWELL.search(text)) and not text.endswith("?")


def heard(analysis: Analysis) -> Analysis:
    """The engine's reading, plus `close` for a line that ends with a farewell and the
    harmful moves said in so many words."""
    extra = [h for h in harm_cues(analysis.text) if h not in analysis.techniques]
    if "close" not in analysis.techniques and says_goodbye(analysis):
        extra.append("close")
    if not extra:
        return analysis
    return dataclasses.replace(analysis, techniques=(*analysis.techniques, *extra))
