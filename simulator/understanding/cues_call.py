"""Cue patterns for call-handling techniques: greeting, identity checks, apology,
ownership, selling, read-back, expectations, hold, transfer, escalation, closing.

The operator-procedure side of a call. Phrases vary a lot between companies, so each
cue is a family of phrasings over normalised text ("let me check", "I'll look into",
"leave it with me"); per-scenario wording can be added with `Context.extra_phrases`.

A few boundaries the cues keep: an upsell offers another product ("are you alright for
oat milk?", "shall I pop one on?"), while a voucher or credit "on top" is a remedy
(offer_solution); closing needs a parting phrase ("goodbye", "take care", "have a good
day", "see you then"), so "the engineer will see you tomorrow" is not one; "it's not my
fault" is blame-shifting, never ownership.
"""

from __future__ import annotations

_TIME = (
    r"(?:within|in (?:about |around |roughly |approximately |the next |under |less than )?"
    r"(?:\d+|a|an|one|a few|a couple of|several|the next)|by|before|after|until|between|"
    r"tomorrow|today|tonight|this (?:morning|afternoon|evening|week)|next (?:week|month)|"
    r"shortly|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d+ (?:working|business) days|once|as soon as|when|the end of)"
)

# Identifying data the operator may ask for. Asking for one of these ("can I take your
# account number?", "what's the email on the booking?") is the identity check; only
# mentioning it ("I can only see the last four digits") is not, so techniques.py uses
# this cue only in a sentence that asks (question form or a request).
_ID_NOUN = (
    r"(?:(?:account|customer|member|membership|policy|reference|order|booking|reservation|"
    r"confirmation|case|ticket|client|invoice|contract) (?:number|no|id|reference|code)|"
    r"(?:phone|telephone|mobile|cell|contact|home) number|(?:full |first |last |sur)?name"
    r"(?! of\b)|post ?code|postal code|zip(?: code)?|e ?mail(?: address)?|"
    r"pin(?: number)?|pass(?:word|code|phrase)|memorable (?:word|information|answer)|"
    r"security (?:answer|question|word|details))"
)
ID_ASK = (
    # strong on their own: nobody asks for these except to identify the caller
    r"\b(?:date of birth|dob|birth date|mother(?:s)? maiden name|last (?:4|four) (?:digits|"
    r"numbers)|first line of (?:the|your) address|security (?:answer|question|word))\b|"
    # "your account number", "ur postcode"
    rf"\b(?:your|ur|yr) {_ID_NOUN}\b|"
    # "the phone number on the order", "the name it is under"
    rf"\b{_ID_NOUN} (?:(?:on|for|under|linked to|associated with|attached to|registered "
    r"(?:to|on|with|under)) (?:the |your |this )?(?:account|order|booking|file|reservation|card|"
    r"policy|subscription|contract)|we have (?:on file|for you)|on file|(?:the )?(?:account|"
    r"order|booking) is (?:under|registered to)|it is (?:under|registered to))\b|"
    # "can I take the phone number", "what is the best email address"
    r"\b(?:take|grab|give me|give us|tell me|tell us|read me|read out|confirm|need|provide|"
    r"what is|send us|dm us|message us|note) (?:the )?(?:best |right |correct |main |current |"
    rf"registered |full )?{_ID_NOUN}\b"
)

# Offers of another product in question form ("would you like any vanilla syrup while I'm
# at it?", "are you alright for oat milk?", "shall I pop one on?"). patterns.py lets
# them absorb the question: an offer is not a probing question.
_NOT_A_PRODUCT = (
    r"(?!(?:to|me)\b)(?!(?:\w+ ){0,3}?(?:help|someone|anyone|anybody|anything else|somebody|"
    r"support|information|moment|minute|second|time|break|hug|advice|company|chat|talk)\b)"
)
_ADDITIVE = (
    r"(?:as well|too|also|while i am at it|while i have (?:got )?you|while you are (?:on|at it|"
    r"here)|to go with (?:that|it|this|your)|on top|with (?:that|it|this|your order|the order)|"
    r"for the (?:week|order|delivery))"
)
UPSELL_QUESTIONS: tuple[str, ...] = (
    r"\bwould (?:you|u) (?:like|want|care|fancy) (?:to (?:add|make (?:it|that)|upgrade|try|go "
    r"(?:large|for)|include|get|have|take)|(?:a|an|some|any|our|the) (?:\w+ )?(?:drink|side|"
    r"dessert|garlic|extra|upgrade|large|bottle|dip|warranty|sauce|salad|fries|wings|"
    r"coke|soda|cookie|protection|insurance|cover|plan|bundle|combo|meal))\b",
    r"\b(?:do|did) (?:you|u) want to (?:add|upgrade|make it|include)\b",
    r"\b(?:can|could|may|might) i (?:interest|tempt) you\b",
    r"\b(?:can|could|may) i (?:offer|suggest) (?:you )?(?:a|an|some|our) (?:\w+ )?(?:drink|"
    r"side|dessert|garlic|upgrade|large|bottle|dip|warranty|extra|special|deal|combo)\b",
    rf"\b(?:would|do|did|will|could|can) (?:you|u) (?:like|want|need|fancy|care for|be after) "
    rf"{_NOT_A_PRODUCT}(?:\w+ ){{0,5}}?{_ADDITIVE}\b",
    r"\b(?:are|r) (?:you|u) (?:alright|all right|okay|good|set|fine|sorted|covered|stocked up) "
    r"(?:for|on) (?!(?:me|us|time|now|today|tonight|the moment|a (?:minute|moment|second|sec)|"
    r"money|cash|the call|this call|that|this|it|everything|anything|something)\b)\w+",
    r"\b(?:shall|should|can|could|may) i (?:also |just )?(?:pop|put|add|throw|chuck|stick|"
    r"include) (?!(?:you|that down|it down|a note|a comment)\b)(?![^,]*\b(?:credit|refund|"
    r"discount|voucher|note|comment|compensation|reminder|flag|account)\b)(?:\w+ ){0,5}?"
    r"(?:on|in|to (?:that|this|it|the order|your order)|as well|too|for you)\b",
    r"\b(?:do (?:you|u) )?want me to (?:also |just )?(?:add|pop|put|throw|include|chuck|stick) "
    r"(?!(?:you|a note|a comment)\b)(?![^,]*\b(?:credit|refund|discount|voucher|note)\b)",
)

CALL: dict[str, tuple[str, ...]] = {
    "greet": (
        r"^(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|"
        r"morning|evening|welcome)\b(?! (?:back|to) (?:you|the) (?:call|line)\b)",
        r"^(?:thank you|thanks) for (?:calling|contacting|choosing|reaching out to)\b",
        r"\bwelcome to\b",
        r"\bnice to (?:meet|hear from) you\b",
    ),
    "introduce_self": (
        r"\bmy name is (?!not\b)\w+",
        r"\b(?:this is|it is) (?!(?:a|an|the|not|so|very|really|just|what|how|my|your|our|"
        r"exactly|about|for|because|why|where|when|it|that|all|one|such|going|actually|"
        r"normal|okay|fine|hard|true|on|in|from)\b)\w+ (?:\w+ )?(?:from|speaking|here|at|with)\b",
        r"(?:^|, )\w+ (?:\w+ )?speaking$",
        r"\byou are (?:speaking|talking|through|chatting) (?:with|to)\b",
        r"^i am (?!(?:so|very|really|not|sorry|afraid|sure|going|just|here|glad|happy|a|an|the|"
        r"calling|trying|able|unable)\b)\w+ (?:from|with|at|and i will be|speaking|your)\b",
        r"\bi will be (?:looking after|helping|assisting) you\b",
        r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome)\b.* , (?:this is|i am) "
        r"(?!(?:a|an|the|not|so|very|really|just|what|how|my|your|our|it|that|all|sorry|going|"
        r"calling|here|fine|good|great|okay)\b)\w+(?: \w+)?$",
        r"^(?:hi|hello|hey|good (?:morning|afternoon|evening))(?: there)? , (?:this is|it is|"
        r"i am) (?!(?:a|an|the|not|so|very|really|just|what|how|my|your|our|it|that|all|sorry|"
        r"going|calling|here|fine|good|great|okay)\b)\w+(?: \w+)?$",
    ),
    "verify_identity": (
        r"\bverif(?:y|ication|ied)\b(?! (?:that|whether|if) (?:the|it)\b)",
        r"\bfor (?:security|data protection|verification|safety) (?:purposes|reasons)?\b",
        r"\bsecurity (?:question|check|purposes|reasons|answer|word|pin|code)\b",
        r"\b(?:confirm|tell me|give me|what is|provide|read|verify|need|what) (?:me )?"
        r"(?:your |the )?(?:\w+ ){0,2}?(?:postcode|post code|zip code|zip|address|phone number|"
        r"number|email|e mail|email address|name|pin|password) (?:on|for|registered (?:to|on|with)|"
        r"associated with|linked to|we have (?:on file|for you)) (?:the|your) account\b",
        r"\b(?:confirm|tell me|give me|what is|provide|read|verify|need|what) (?:me )?(?:your |the )?"
        r"(?:\w+ ){0,2}?(?:postcode|post code|zip code|phone number|mobile number|email|email "
        r"address) (?:on|for|registered (?:to|on|with)|associated with|linked to) (?:the|your) "
        r"(?:order|booking|file)\b",
        r"\bconfirm (?:your|the) (?:identity|full name|name|date|account number|security|pin|"
        r"postcode|first line|account holder|registered)\b",
        r"\bmother(?:s)? maiden name\b",
        r"\baccount holder\b",
        r"\bam i (?:speaking|talking) (?:to|with)\b|\bis (?:this|that) (?:mr|mrs|ms|miss|dr)\b",
        r"\bpass ?code\b|\bpass(?:word|phrase) on the account\b",
    ),
    "apologize": (
        r"\b(?:i|we) (?:do |sincerely |really |truly |deeply |must |want to |would like to )?"
        r"apologi[sz]e\b",
        r"\bmy (?:sincere |deepest |humble )?apologies\b|\bour apologies\b",
        r"\baccept (?:our|my) (?:sincere |deepest )?apolog",
        r"\bsorry (?:again |once again |once more )(?:for|about)\b",
        r"\bsorry (?:about|for) (?:the|that|this|any|all|our|my|keeping|what|it|mix|your wait|"
        r"the wait|the delay|waiting|not|being)\b",
        r"\b(?:i am|we are|i|we) (?:so |really |very |terribly |truly |extremely |awfully |"
        r"deeply )?sorry\b(?! (?:to hear|to learn|for your loss|about your loss|that (?:you|this|"
        r"it|happened)|you\b|(?:this|that|it) happened|for what you|about what happened to you))",
        r"^(?:oh |oops )?(?:so |really |very )?sorry\b(?! (?:to hear|to learn|for your loss|"
        r"about your loss|that (?:you|this|it|happened)|you\b|(?:this|that|it) happened))",
        r"\bsorry (?:that )?(?:you|u) (?:have been|had to|were|are|got) (?:waiting|wait|kept|on "
        r"hold|left|charged|transferred|passed|cut off|sent|bounced|messed)\b|\bsorry to keep you\b|"
        r"\bsorry (?:that )?(?:you|u) (?:have |ve )?had to\b",
        r"\bsorry (?:that )?(?:your|the) (?:order|pizza|food|package|parcel|item|delivery|driver|"
        r"product|service|bill|account|payment|technician|engineer|refund|app|website|call)\b",
    ),
    "take_ownership": (
        r"\blet me (?:just |quickly |personally |now )?(?:check|look|see|find|pull|sort|fix|take "
        r"(?:a look|care|this|that|it|ownership)|investigate|double check|have a (?:look|quick)|"
        r"dig|get (?:this|that|it|you) (?:sorted|fixed|resolved)|make (?:this|it|that|things) "
        r"right|find out|work on|figure|chase|track|handle|deal with|follow up|look into|"
        r"get to the bottom|straighten|correct|see what)\b",
        r"\b(?:i will|i am going to|i am gonna|i will now|i will just|i will personally|i will "
        r"definitely|i will quickly|i am) (?:just |personally |quickly |now |right now |definitely "
        r")?(?:check(?:ing)?|look(?:ing)? into|tak(?:e|ing) care|sort(?:ing)?|fix(?:ing)?|"
        r"handl(?:e|ing)|mak(?:e|ing) sure|investigat(?:e|ing)|find(?:ing)? out|look(?:ing)? "
        r"at|deal(?:ing)? with|own|mak(?:e|ing) (?:it|this|things) right|chas(?:e|ing)|"
        r"follow(?:ing)? (?:up|this)|get (?:to the bottom|this sorted|it sorted|this fixed|it "
        r"fixed|on it)|call you back|ring you back|get back to you|personally|keep an eye|"
        r"track(?:ing)? (?:it|this|down)|work(?:ing)? on)\b",
        r"\b(?:we are|our (?:\w+ )?team is|the (?:\w+ )?team is|someone is) (?:now |currently |"
        r"already |actively )?(?:looking into|investigating|checking on) (?:this|it|that|the "
        r"issue|the problem|your)\b",
        r"\blet us (?:get|have) (?:this|that|it|you|everything) (?:sorted|fixed|resolved|taken care "
        r"of)\b|\blet us (?:take a look|look into|check|see what)\b",
        r"\bwe will (?:take a look|have a look|look into (?:it|this|that)|investigate|"
        r"check (?:this|"
        r""
        r""
        r"that|it|on)|get (?:this|it|that) looked at)\b",
        r"\b(?:stay|staying|keep|keeping) on (?:top of )?(?:this|it|that|your case)\b|\buntil "
        r"(?:it|this|that) is (?:fixed|resolved|sorted)\b|\bsee (?:this|it) through\b",
        r"\bleave it (?:with|to) me\b|\bi am on it\b|\bi have got (?:this|it)\b(?! right)|\bi got this\b",
        r"\b(?:that|this|it) is (?:completely |totally |entirely |all |definitely )?(?:on us|our "
        r"(?:fault|mistake|error|bad)|my (?:fault|mistake|error|bad)|a (?:mistake|glitch|error|"
        r"problem|bug) on our (?:side|end|part)|on our (?:side|end))\b",
        r"(?<!not )(?<!hardly )(?<!never )(?<!no )\b(?:our|my) (?:mistake|fault|error|bad)\b",
        r"\bi take (?:full |complete )?responsibility\b|\bwe take (?:full )?responsibility\b",
        r"\bwe (?:completely |totally |really )?(?:messed|screwed|dropped the ball|got it wrong)\b",
        r"\b(?:make|making) (?:it|this|things) right\b",
        r"\bi will (?:make sure|ensure|see to it)\b",
        r"\b(?:i|we) (?:would|will|am|are) (?:be )?(?:happy|glad|more than happy|pleased) to "
        r"(?:look into|check|take a look|look at|investigate|sort|fix|chase|follow up|get (?:this|"
        r"that|it) sorted)\b",
        r"\bi will be (?:the one|your point of contact|handling|looking into)\b",
    ),
    "explain_value": (
        r"\bsav(?:e|es|ing) (?:you|yourself|money|time|\$|\d|about|around|up to|a lot|over)\b",
        r"\b(?:better|great|best|good|excellent|real) value\b",
        r"\bworth (?:it|the|every)\b|\bpays for itself\b|\bbang for your buck\b",
        r"\b(?:comes? with|includes?|including|covers?) (?:free|unlimited|a free|\d+|2|two|three|"
        r"extra|accidental|priority|installation|a (?:2|two|longer|full|lifetime)|lifetime|"
        r"premium)\b",
        r"\bfree (?:installation|delivery|shipping|upgrade|setup|returns|dessert|drink|side|"
        r"trial|month|garlic)\b",
        r"(?:, so|\bwhich means|\bthat means|\bmeaning|\bso that) (?:you|your|a|the|"
        r"it) (?:\w+ ){0,6}?(?:free|less|more|save|saves|longer|faster|cheaper|twice|will not "
        r"need|would not need|never need|do not need)\b",
        r"\b(?:longer|better|faster|bigger|stronger|extended) (?:battery|warranty|coverage|"
        r"lasting|range|speeds?|life)\b",
        r"\b(?:you|u) (?:get|will get|would get|also get|receive) (?:\w+ ){0,4}?(?:free|more|"
        r"extra|twice|double|unlimited|bonus|every)\b",
        r"\btwice as (?:much|many|big|fast|long)\b|\bcompared (?:to|with)\b",
        r"\bthe (?:main |big |real |biggest )?(?:benefit|advantage|upside|beauty)\b",
        r"\b(?:made with|uses|using) (?:fresh|real|organic|local|premium|hand)\b",
        r"\b(?:premium|top|high|best) quality\b|\b(?:best|top) (?:seller|rated|selling)\b|"
        r"\bmost popular\b|\bcustomers? love\b",
        r"\bpays? (?:off|for itself)\b|\bin the long run\b",
    ),
    "upsell": (
        *UPSELL_QUESTIONS,
        r"\b(?:for|at) (?:just|only) (?:\$?\d+(?:\.\d+)?|a dollar|a pound|one dollar|a few "
        r"(?:dollars|pounds|bucks)|a little (?:more|extra)|\d+ (?:dollars|pounds|euros|bucks|"
        r"cents|pence))(?: more| extra| a month| per month)?\b",
        r"\bfor (?:\$?\d+(?:\.\d+)?|a|an|one|a few|a couple of) (?:dollars?|pounds?|euros?|bucks|"
        r"quid)? ?(?:more|extra)\b",
        r"\b(?:2-for-1|two-for-one|2 for 1|buy 1 get 1|buy one get one|bogof|bogo|half price|"
        r"\d+% off)\b",
        r"\b(?:just|only) (?:\$?\d+(?:\.\d+)?|a dollar|a pound|one dollar|two dollars|a couple "
        r"(?:of )?(?:dollars|pounds)) (?:more|extra)\b",
        r"\bwe (?:also )?(?:have|are running|are doing|got|offer) (?:a|an|our|some)? ?"
        r"(?:[\w-]+ ){0,3}?(?:special|deal|offer|promotion|promo|discount|two for one|2 for 1|"
        r"2-for-1|two-for-one|bogof|combo|bundle|sale)\b",
        r"\b(?:special|deal|offer|promotion|promo) (?:today|tonight|this week|this month|on)\b",
        r"\bmake (?:it|that) a (?:large|meal|combo|double|family)\b",
        r"\bupgrade (?:to|you|it|your)\b",
        r"\b(?:i|we) can (?:also )?add\b",
        r"\b(?:you|u) might (?:like|love|enjoy|be interested in|want to try) (?:our|the|a|an)\b",
        r"\b(?:you|u) (?:will|would|are going to) love (?:it|our|the|this)\b",
        r"\bbest seller\b|\bmost popular\b",
        r"\bloyalty (?:card|program|programme|scheme|club)\b",
        r"\b(?:the|our|a) (?:subscription|premium|annual|family|deluxe|gold|platinum|pro|plus|"
        r"unlimited) (?:plan|package|deal|membership|subscription|tier|version|bundle)?\s?"
        r"(?:would|will|gets|saves|could)\b",
        r"\b(?:the|our) (?:family|combo|meal|party|value) (?:deal|box|bundle)\b",
        r"\b(?:add|adding) (?:a|an|some|on a|on an) (?!(?:\d+|\w+ percent|voucher|discount|credit|"
        r"refund|coupon|note|comment)\b)\w+\b(?=.*(?:\?|for|to (?:that|your|it)))",
        r"\bhow about (?:adding|a|some|making|upgrading)\b(?=.*\b(?:drink|side|dessert|garlic|"
        r"bread|large|upgrade|extra|wings|fries|warranty|cover|plan)\b)",
        r"\b(?:recommend|suggest) (?:the|our) (?:\w+ )?(?:plan|package|deal|upgrade|subscription|"
        r"bundle|premium|annual|membership)\b",
        r"\bwhile you are at it\b|\banything else to go with\b|\bto go with (?:that|it|your)\b",
        # new lines in stock: "we've also just started stocking paper straws"
        r"\bwe (?:have |are )?(?:also )?(?:just |now |recently )?(?:started|begun) (?:stocking|selling|"
        r"carrying|doing|offering|making)\b|\bwe (?:now|also now|now also) (?:stock|sell|carry)\b|"
        r"\b(?:just )?(?:got|have got|had) (?:a |some )?new (?:\w+ ){0,2}?in\b",
    ),
    "read_back": (
        r"\b(?:let me|i will|i will just|just|i am going to|allow me to) (?:quickly |just )?read "
        r"(?:that|this|it|your|the|everything|those)(?: \w+){0,3} back\b",
        r"\bread(?:ing)? (?:it|that|this|everything) back\b",
        r"\bto (?:confirm|recap|summari[sz]e|repeat|go over)\b(?:,| )(?: your order| that| the "
        r"order| everything)?(?: is| was)?(?: that is| that| you have| you want| we have| i "
        r"have| the| it is| so| \d| a| an| one)\b",
        r"\bso (?:that is|that will be|that was|we have|i have|you have|you are getting|that "
        r"comes to) (?:\d+|a|an|one|your|the)\b",
        r"\bi have (?:you|got you|it) (?:down|booked|written down) (?:for|as)\b",
        # a list of quantities and items said back: "okay, so six kilos of beans, two boxes of cups"
        r"^(?:(?:okay|right|lovely|great|perfect|brilliant|alright|and|yes|yep|cool|fab)(?: ,)? )*"
        r"(?:so |so "
        r"that is |that is |that will be |so that will be |so we have |so i have |to confirm |"
        r"just to confirm |to recap )(?:(?:\d+|one) (?:[a-z]+ ){0,4}?[a-z]+(?: ,| and| , and) "
        r"(?:\d+|a|an|one)|(?:a|an) (?:[a-z]+ ){0,4}?[a-z]+(?: ,| and| , and) (?:\d+|one)) [a-z]+",
        r"\bjust to (?:repeat|recap|go over|read back)\b",
        r"\byour order is (?:\d+|a|an|one)\b",
        r"\b(?:let me|i will) (?:just )?(?:repeat|recap|go over|run through|summari[sz]e) "
        r"(?:that|this|your|the|it|everything|what)\b",
        r"\bjust to confirm\b.*\b(?:\d|street|road|avenue|lane|tomorrow|today|tonight|pm|am|"
        r"large|medium|small|cash|card)\b",
    ),
    "confirm": (
        r"\b(?:is|was) (?:that|this|it|everything|all that|all of that) (?:all )?(?:correct|right|"
        r"okay|alright|accurate|good|fine|ok)\b",
        r"\b(?:does|did|do) (?:that|this|everything|it|all that|these|those) (?:all )?"
        r"(?:sound|look|seem) (?:right|good|okay|correct|alright|fine|accurate)\b",
        r"\b(?:can|could|would) (?:you|u) (?:please )?confirm (?:that|this|it|the|if|whether|"
        r"for me|everything)\b",
        r"\bjust to (?:confirm|double check|make sure|be sure)\b(?! i (?:understand|have|got|"
        r"heard|am))",
        r"\bto confirm\b",
        r"(?<!until it )(?<!until this )(?<!till it )(?<!once it )(?<!when it )(?<!once that )"
        r"\b(?:is|are|has been|have been|was|are now|is now|is all|are all) (?:now |all )?"
        r"(?:confirmed|booked|booked in|all set|placed|sorted|noted|processed|scheduled|"
        r"arranged|updated|registered|logged|done|set up|in the system)\b"
        r"(?! (?:by|on the \d+\w*|on \d+|last|yesterday|earlier|before|automatically)\b)",
        r"\b(?:got|have got|have|i have|i have got) (?:that|it|this|everything|all that) "
        r"(?:noted|down|written down|all down|saved|updated|logged)\b",
        r"^(?:noted|all set|done|yes|yep|yeah|exactly|correct)$",
        r"^(?:yes |yep |yeah )?(?:that is|that was|it is) (?:exactly )?(?:correct|right|it)$",
        r"\bthat is (?:correct|right)\b|\bthat is exactly (?:right|it)\b",
        r"^(?:yes|yeah|yep|exactly|correct) , (?:that is|it is|you are|we do|we are|we have|it "
        r"does|that will|that works)\b(?! not)",
        r"\bam i right\b|\bis that what you (?:meant|mean|said)\b",
        r"\bwe are all set\b|\byou are all set\b|\byou are (?:all )?booked in\b",
        r"\b(?:i|we) have (?:now |just |also )?(?:updated|changed|saved|noted|corrected|amended|"
        r"placed|confirmed|cancell?ed|removed|made (?:that|the) change)\b",
    ),
    "set_expectation": (
        rf"\b(?:it|this|that|the \w+|your \w+|you|u|someone|we|they|he|she|a \w+|the \w+ \w+) "
        rf"(?:will|should|would|is going to|are going to|might|may|can expect to|will usually|"
        rf"will probably|will likely|will then|will also)"
        rf"(?! (?:feel|think|want|like|love|say|know|understand|imagine|be (?:upset|angry|annoyed|"
        rf"hurt|sad|frustrated))\b) (?:\w+ ){{0,6}}?{_TIME}\b",
        r"\bwe (?:expect|are expecting|should (?:have|get|receive)|will (?:have|get|receive)) "
        r"(?:more|it|them|new|stock|a (?:new )?(?:delivery|shipment|batch))\b(?=.*\b(?:next|"
        r"tomorrow|by|in|within|soon|week|month|today|tonight)\b)",
        r"\b(?:it|this|that|the \w+|your \w+|delivery|shipping|processing|refunds?|orders?) "
        r"(?:usually |normally |typically |generally |will |should |can |may |might |could )?"
        r"takes? (?:about |around |up to |"
        r"roughly |approximately |between |at least |at most |only )?(?:\d+|a few|several|a "
        r"couple of|one|two|three|a|an)(?: (?:to|or|-) \d+)? ?(?:minutes?|hours?|days?|weeks?|"
        r"months?|working days|business days)\b",
        r"\b(?:you will|you should|you would|you are going to) (?:then |also |soon |shortly "
        r")?(?:(?:receive|get|see|hear) (?:a|an|the|your|it|this|that|back|from|confirmation|"
        r"notification|an? \w+|\d+|money|credit|word)|be (?:contacted|notified|emailed|sent|"
        r"refunded|credited|charged))\b",
        r"\b(?:call|ring|contact|email|text|get back to) you (?:back )?(?:within|in|by|before|"
        r"tomorrow|today|later|this|first thing|as soon as|once|when)\b",
        r"\bto call you back\b",
        r"\bthe next (?:available )?(?:delivery |collection )?(?:slot|appointment|"
        r"engineer|technician) (?:is|would be|will be|is not until)\b",
        r"\bnot until\b|\bthe earliest (?:we|i|they|it)\b",
        r"\b(?:it|this|that|the \w+|your \w+) (?:may|might|could|will|can) take (?:a (?:few|"
        r"little|bit|while|moment|couple)|some "
        r"time|up to|longer)\b",
        r"\b(?:within|in the next) (?:\d+|24|48|a few|the next|one|two|three) (?:\w+ )?"
        r"(?:minutes|hours|days|weeks|working days|business days)\b",
        r"\b(?:will|should) (?:be (?:there|with you|delivered|ready|back|done|arriving|in touch|"
        r"on (?:its|the|their|his|her) way|out|sent|processed|refunded|credited|fixed|"
        r"resolved|restored|installed)|arrive|get there|reach you|show up|appear)\b.*\b(?:minutes|"
        r"hours|days|pm|am|tomorrow|tonight|today|morning|afternoon|evening)\b",
        r"\b(?:before|after) (?:arriving|they arrive|he arrives|she arrives|it arrives|delivery|"
        r"the visit)\b",
        r"\b(?:so|and) (?:it|this|that) (?:gets|will get|is) (?:\w+ ){0,3}?(?:today|tomorrow|"
        r"tonight|this week)\b",
    ),
    "hold_request": (
        r"\b(?:can|could|may|do you mind if|is it okay if|would it be okay if|let me|i will|i am "
        r"going to|i need to|i will just|i will have to) (?:i )?(?:just |quickly |briefly )?(?:put|"
        r"place|pop) you on (?:a )?(?:brief |short |quick |little |very short )?hold\b",
        r"\b(?:put|place|pop) you on (?:a )?(?:\w+ )?hold\b",
        r"\bplease hold\b|\bhold (?:the line|please)\b",
        r"\bhold on (?:a|one|just a|for a|for one|a couple|please)\b(?! hold)",
        r"\b(?:can|could|would|will) (?:you|u) (?:please )?(?:hold|bear with|wait|give me a "
        r"(?:moment|second|sec|minute)|be patient)\b",
        r"\bdo you mind (?:holding|waiting)\b",
        r"\bbear with (?:me|us)\b",
        r"(?:^|\b(?:just|give me|for|wait|hang on|one|okay|alright)\b )(?:a|one|just a|1) "
        r"(?:moment|sec|second|minute|mo|tick)(?: please| while)?\b",
        r"^(?:just )?(?:one|a|1) (?:moment|second|sec|minute|tick)\b",
        r"\bgive me (?:a|one|just a|two|a few|a couple of|a couple|1|2) (?:moment|moments|sec|"
        r"secs|seconds?|minutes?|mins?)\b",
        r"\bhang on (?:a (?:sec|second|moment|minute)|one (?:sec|second|moment))\b",
        r"\b(?:i will|i will just|let me) be (?:right )?back (?:in a|with you)\b",
        r"\b(?:it|this|that|i) will (?:just |only )?be (?:a|one|just a) (?:moment|sec|second|"
        r"minute|tick)\b",
    ),
    "transfer": (
        r"\btransfer(?:ring)? you\b|\btransfer (?:your|this) call\b",
        r"\b(?:put|putting|patch|patching) you (?:through|over) to\b",
        r"\b(?:put|putting|pop|popping|patch|patching) you (?:straight |right |now |just |"
        r"directly )?through\b|\bconnecting you\b|\bi (?:will|am going to) (?:now )?connect you\b",
        r"\bconnect(?:ing)? you (?:with|to|through)\b",
        r"\b(?:pass|passing|hand|handing) you (?:over )?to\b",
        r"\bredirect(?:ing)? you\b|\broute you to\b|\bsend you (?:over|through) to\b",
        r"\bi will get you (?:over )?to (?:the|our)\b",
        r"\b(?:the|our) (?:billing|returns|sales|tech(?:nical)?|accounts?|finance|complaints|"
        r"retention|support|customer care|claims) (?:department|team|desk|line|colleagues?)"
        r" (?:will|can|are better|is better)\b(?=.*\b(?:transfer|connect|through)\b)",
    ),
    "escalate": (
        r"\b(?:i|we|i will|we will|let me|going to|i am going to|i have|we have|i need to|i can|"
        r"i could|i would like to|to|has been|have been|i am|we are|was) (?:now |just |also )?"
        r"escalat(?:e|ing|ed)\b(?! matrix)|\bescalat(?:e|ed|ing) (?:this|it|that|your|the "
        r"(?:case|issue|complaint|ticket|matter|problem))\b|\bescalation\b(?! matrix)",
        r"\b(?:get|getting|speak to|speak with|involve|bring in|call|fetch|loop in|grab|ask|"
        r"consult|check with|bring) (?:my|a|the|our) (?:supervisor|manager|team lead|team "
        r"leader|senior|line manager|manager on duty|superior|boss|duty manager|head of)\b",
        r"\b(?:manager|supervisor|team lead|senior) (?:involved|on the line|to call|to look|"
        r"to review|to contact|to approve)\b",
        r"\braise (?:this|it|that) (?:with|to) (?:my|a|the|our)\b",
        r"\b(?:bring|bringing|get|getting|loop|looping|pull|pulling) (?:my|a|the|our) (?:supervisor|"
        r"manager|team lead|team leader|senior|boss|line manager|duty manager|shift lead|shift "
        r"leader) in\b",
        r"\b(?:supervisor|manager|team lead|team leader|boss)\b.*\b(?:bring|bringing|loop|looping|"
        r"pull|pulling|getting) (?:her|him|them) (?:in|on the line|into)\b",
        r"\b(?:pass|passing|refer|referring|hand|handing|send|sending|forward|forwarding) "
        r"(?:this|it|that|your (?:case|complaint|issue|ticket))(?: on| up| over)? to (?:my|our|the|"
        r"a)"
        r" (?:senior|supervisor|manager|specialist|complaints|escalations?|management|"
        r"higher|second line|back office|resolution)\b",
        r"\b(?:senior|specialist|escalations?|complaints|resolutions?) team\b",
        r"\b(?:formal )?complaint (?:on your behalf|for you)\b|\braise a (?:formal )?complaint\b",
    ),
    "thank": (
        r"\bthank(?:s| you)\b(?! for (?:nothing|wasting))",
        r"\b(?:i|we) (?:really |truly |do |greatly |very much )?appreciate (?:your|you|it|that|"
        r"the|this)\b",
        r"\bmuch appreciated\b|\bcheers\b|\bmany thanks\b|\bgrateful for\b",
    ),
    "close": (
        r"\b(?:have|enjoy) (?:a|an|your) (?:great|good|nice|lovely|wonderful|fantastic|pleasant|"
        r"blessed|brilliant|excellent|safe|amazing) (?:rest of your )?(?:day|evening|night|"
        r"weekend|afternoon|morning|one|meal|dinner|lunch|holiday|time|week|flight|trip)\b",
        r"\benjoy (?:your|the) (?:meal|pizza|food|dinner|lunch|evening|day|weekend|order|new|"
        r"rest)\b",
        r"\bgood ?bye\b|\bbye\b|\bbye bye\b|\btalk (?:to you )?soon\b|"
        r"(?:^|, |\b(?:okay|great|alright|right|well|thanks|thank you|lovely|perfect|cheers) )"
        r"see (?:you|ya) (?:soon|later|then|next time|around|again|tomorrow|on \w+)?(?: then)?"
        r"(?:$| ,)|"
        r"\bcatch you later\b",
        r"\btake care\b(?! of (?!yourself\b))|\bgood night\b|\ball the best\b|\bbest wishes\b",
        r"\banything else (?:i|we) (?:can|could|may) (?:help|do|assist|sort)\b",
        r"\bis there anything else\b|\banything else for you\b|\bwill that be all\b|\bis that "
        r"everything\b|\bis that all for (?:today|now)\b",
        r"\bthank(?:s| you) for (?:calling|contacting|choosing|shopping|your call|your time|"
        r"ordering|chatting|being a)\b(?=.*\b(?:day|evening|night|bye|care|enjoy|soon|weekend|"
        r"meal)\b)",
        r"\b(?:that is|that should be) (?:all|everything) (?:from me|for now|for today|sorted)\b",
        r"\bfeel free to (?:call|contact|reach out|get in touch|come back|message|chat|drop)\b.*"
        r"\b(?:again|back|anytime|any time)\b",
    ),
}
