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
        ("time", r"\bwhat time\b|\bwhen (?:would|do|should|shall|can|will)\b.*\b(?:deliver"
                 r"|come|arrive|suit|want)|\bwhich (?:time|slot)\b"),
        ("phone", r"\b(?:phone|mobile|contact|telephone) number\b"),
        ("order", r"\bwhat (?:would|can|could|shall) (?:i|we) (?:get|send|bring) you\b"
                  r"|\bwhat (?:would|do) you (?:like|want|fancy)(?: to (?:order|have|get))?\b"
                  r"|\bwhat can i get\b|\bwhat(?:'s| is) the order\b"),
        ("still_there", r"\b(?:are you )?still there\b|\bcan you (?:still )?hear me\b"),
    )
)
# a farewell that ends the line: "…thanks Tom, speak next week!" closes the call
_FAREWELL = re.compile(
    r"\b(?:good-?bye|bye(?: now| for now|-bye)?|speak (?:to you )?(?:soon|later|tomorrow|next"
    r" \w+|on \w+)|talk (?:to you )?(?:soon|later|tomorrow|next \w+)|take care|cheers|"
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


def says_goodbye(analysis: Analysis) -> bool:
    """The line ends with a farewell and asks nothing."""
    text = analysis.text.strip()
    return bool(_FAREWELL.search(text)) and not text.endswith("?")


def heard(analysis: Analysis) -> Analysis:
    """The engine's reading, plus `close` for a line that ends with a farewell."""
    if "close" not in analysis.techniques and says_goodbye(analysis):
        return dataclasses.replace(analysis, techniques=(*analysis.techniques, "close"))
    return analysis
