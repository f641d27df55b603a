"""Word lists the technique rules share, as regex fragments over normalised text.

Kept apart from the rules so that a trainer (or a test) can read what counts as a
feeling word or an advice verb without wading through pattern tables, and so that the
lists are written once: reflection of feelings, paraphrase and reassurance all need
the same feeling lexicon.
"""

from __future__ import annotations


def alt(*words: str) -> str:
    """A non-capturing alternation of regex fragments, longest first."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# Words that name or describe a feeling or a hard experience. A feeling word is what
# separates "it sounds like you're exhausted" (reflection of feelings) from "it sounds
# like the parcel went to the wrong house" (restatement).
FEELING = alt(
    r"sad\w*", r"upset\w*", r"angry", r"anger", r"mad", r"furious", r"frustrat\w+",
    r"stress\w*", r"overwhelm\w*", r"anxi\w+", r"scar\w+", r"afraid", r"fear\w*",
    r"frighten\w*", r"terrif\w+", r"lonely", r"loneliness", r"alone", r"isolat\w+",
    r"hurt\w*", r"betray\w*", r"depress\w*", r"exhaust\w*", r"tired", r"worn out",
    r"drained", r"burn\w* out", r"worr\w+", r"nervous", r"hopeless\w*", r"helpless\w*",
    r"stuck", r"lost", r"confus\w+", r"disappoint\w*", r"embarrass\w*", r"ashamed",
    r"shame\w*", r"guilt\w*", r"jealous\w*", r"heartbr\w+", r"devastat\w+", r"annoy\w*",
    r"irritat\w+", r"unappreciated", r"ignored", r"unhappy", r"miserable", r"down",
    r"low", r"torn", r"trapped", r"rejected", r"unloved", r"unwanted", r"insecure",
    r"panic\w*", r"pain\w*", r"hard", r"difficult", r"tough", r"rough", r"awful",
    r"terrible", r"horrible", r"dreadful", r"grie\w+", r"sorrow", r"heavy", r"unfair",
    r"excit\w+", r"happy", r"reliev\w+", r"proud", r"bad", r"upsetting", r"let down",
    r"pressure\w*", r"uncertain\w*", r"helpless", r"abandon\w+", r"neglect\w*",
    r"humiliat\w+", r"shock\w*", r"overlooked", r"unsupported", r"invisible", r"empty",
    r"numb", r"broken", r"crushed", r"defeated", r"discouraged", r"demotivated",
    r"unmotivated", r"restless", r"on edge", r"hurting", r"suffering", r"struggl\w+",
    r"misunderstood", r"unheard", r"disrespect\w*", r"offended", r"inconvenien\w+",
    r"a lot to (?:deal with|handle|take in|carry)", r"a lot on your plate",
    r"miss(?:es|ed|ing)? (?:her|him|them|it|home|your|my|the|their|his|you)",
)

# Adjectives that describe a situation as hard; "that is so stressful", "what an
# awful week".
HARD_ADJ = alt(
    r"hard", r"difficult", r"tough", r"rough", r"awful", r"terrible", r"horrible",
    r"painful", r"sad", r"scary", r"stressful", r"frustrating", r"upsetting",
    r"heartbreaking", r"unfair", r"overwhelming", r"devastating", r"annoying",
    r"exhausting", r"draining", r"hurtful", r"depressing", r"challenging", r"traumatic",
    r"horrific", r"disappointing", r"confusing", r"worrying", r"nerve[- ]?wracking",
    r"lonely", r"miserable", r"infuriating", r"maddening", r"disheartening",
    r"a lot to (?:deal with|handle|take in|carry)", r"a nightmare", r"a pain",
    r"inconvenient", r"embarrassing", r"humiliating", r"scary",
)

# Adverbs that may sit between a cue and its feeling word ("that sounds really hard").
INTENSIFIERS = (
    r"(?:(?:so|really|very|incredibly|pretty|quite|extremely|super|truly|"
    r"absolutely|such an?|a bit|a little|kind of|kinda|just|terribly|awfully|"
    r"genuinely|totally|completely|seriously|understandably|that|too|definitely|certainly|"
    r"obviously|clearly) )*"
)

# Leading words that do not change what a clause does ("ok so", "right, and", "well").
DISCOURSE = (
    r"(?:(?:hey there|hi there|hello there|and|so|okay|alright|all right|right|well|i see|hmm|"
    r"also|but|now|then|great|"
    r"perfect|sure|oh|ah|hi|hello|hey|thanks|thank you|yes|yeah|yep|cool|got it|"
    r"first|first thing|firstly|secondly|anyway|lastly|finally|actually|honestly|"
    r"basically|wow|omg|oh no|ugh|look|listen|mm|mhm|understood|of course|gotcha|"
    r"excellent|lovely|brilliant|fine|good|awesome|oh okay|i see that|i understand|"
    r"in that case|otherwise|plus|besides|meanwhile|btw|by the way|just) )*"
)

# Verbs that, at the start of a clause, give advice or an instruction to try.
ADVICE_VERBS = alt(
    r"try", r"take (?:a|some|time|it easy|it one|it slow|it step|things|one|small|note|"
    r"a moment)",
    r"talk", r"go (?:for|to|out|outside|see|and|easy|back)", r"make (?:sure|a|time|some|plans?)",
    r"write", r"call", r"reach out", r"ask", r"tell (?:her|him|them|your|someone|people)",
    r"consider", r"think about", r"remember to", r"keep (?:a|in touch|trying)",
    r"set (?:a|some|up|aside|boundaries|goals?)", r"start", r"stop (?:\w+ing|worrying)",
    r"avoid", r"get (?:some|a|out|help|in touch|enough|more|professional|outside)",
    r"focus on", r"practi[cs]e", r"breathe", r"spend", r"find", r"look (?:into|for|up|at)",
    r"speak", r"join", r"see (?:a|if|your|whether)", r"visit", r"download", r"restart",
    r"reset", r"reboot", r"unplug", r"plug", r"turn (?:it|off|on|the)", r"switch",
    r"check (?:your|the|if|whether|that|out)", r"click", r"tap", r"press", r"hit",
    r"open", r"clear", r"update", r"reinstall", r"install", r"log (?:in|out|into|back)",
    r"sign (?:in|up|out)", r"use", r"contact", r"book", r"drink", r"eat", r"sleep", r"rest",
    r"allow yourself", r"be (?:kind|gentle|patient|honest|open|easy)",
    r"do not (?:be afraid|hesitate|forget|isolate)",
    r"treat yourself", r"journal", r"meditate", r"exercise", r"listen to", r"put yourself",
    r"remind yourself", r"surround yourself",
    r"seek", r"give (?:it|yourself(?! (?:some |more )?credit)|them|her|him)",
    r"let (?:them|her|him|your|people|someone)", r"go ahead and",
    r"pick", r"collect", r"send (?:them|her|him)", r"email them", r"reply",
    r"delete", r"remove", r"hold down", r"enable", r"disable", r"power[- ]?cycle", r"flush",
    r"unplug", r"renew",
)

# Pronouns and determiners that can follow an inverted auxiliary in a question.
SUBJECTS = alt(
    r"you", r"i", r"we", r"it", r"that", r"this", r"there", r"he", r"she", r"they", r"your",
    r"my", r"the", r"any", r"anyone", r"anything", r"anybody", r"someone", r"something",
    r"somebody", r"everything", r"everyone", r"his", r"her", r"their", r"our", r"these",
    r"those", r"all", r"things", r"people", r"yourself", r"them", r"him", r"what",
)

AUX = alt(
    r"do", r"does", r"did", r"is", r"are", r"was", r"were", r"can", r"could", r"would",
    r"will", r"should", r"have", r"has", r"had", r"may", r"might", r"shall", r"am",
)
