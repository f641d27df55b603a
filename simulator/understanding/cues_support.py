"""Cue patterns for the support strategies: reflection of feelings, reassurance,
restatement, information, suggestions.

These are the strategies that real support and counselling conversations label
(question, restatement or paraphrasing, reflection of feelings, affirmation and
reassurance, providing suggestions, information), so the cues are written as broad
linguistic patterns over normalised text — "you must feel", "that sounds <hard word>",
"maybe you could", "studies show" — rather than one call centre's script. Question form
itself is decided in questions.py.

Self-disclosure (a strategy of its own in support corpora, and not one of ours) gets no
label: "I went through a divorce myself" is neither information nor a suggestion. When
the experience carries advice ("I found that writing it down helped", "what helped me
was ...") it is a suggestion.
"""

from __future__ import annotations

from .lexicon import FEELING, HARD_ADJ, INTENSIFIERS

INTENS = INTENSIFIERS
F = FEELING
_SUBJ3 = r"(?:that|this|it|which|that situation|this situation|all of that|all that)"

# Information cues that hold even next to another technique: research, statistics,
# named sources, facts about how things work.
INFORM_STRONG: tuple[str, ...] = (
    r"\b(?:studies|research|researchers|evidence|science|scientists|data|statistics|stats|"
    r"surveys?|experts|doctors|psychologists|therapists|reports?) (?:show|shows|suggest|"
    r"suggests|say|says|has shown|have shown|found|find|indicate|indicates|agree|recommend|"
    r"confirm)\b",
    r"\b(?:research|a study|one study|studies)\b",
    r"\baccording to\b",
    r"\bit is (?:well |widely |a )?(?:known|proven|documented|fact)\b",
    r"\b(?:has|have) been (?:proven|shown|linked|found)\b|\b(?:is|are) (?:proven|known|"
    r"linked|shown) to\b",
    r"\bin fact\b|\bfun fact\b|\bon average\b|\bstatistically\b",
    r"\b\d+ ?(?:%|percent|per cent) of\b|\b(?:one|1) in (?:\d+|every)\b|\b\d+ (?:million|"
    r"billion|thousand)\b",
    r"\b(?:the )?(?:cdc|who|nhs|apa|nimh|mind|samaritans|world health organization)\b"
    r"(?= (?:says|recommends|reports|estimates|found|has|website|guidelines|advises))",
    r"\bis (?:the|one of the) most common\b",
    # an outbound call's reason: "I'm calling to remind you about your boiler service"
    r"\b(?:i am|we are|i was|just|i am just|we are just|only) (?:calling|ringing|phoning|writing|"
    r"reaching out|getting in touch|contacting you|texting|emailing|messaging) (?:you )?(?:to "
    r"(?:remind|let you know|inform|tell you|confirm|update|advise|notify)|about your|"
    r"regarding|with (?:a|an|some) (?:reminder|update|quick))\b",
    r"\b(?:it|this|that) is (?:called|known as)\b|\b(?:is|are) (?:very |highly |completely |"
    r"really |usually |often )?(?:treatable|curable|manageable|preventable)\b",
    r"\b(?:it is|that is|this is) your (?:\w+ ){0,3}?(?:service|appointment|visit|booking|delivery|"
    r"renewal|payment|bill|contract|subscription|inspection|check ?up|reservation)\b|"
    r"\b(?:just )?(?:a )?(?:quick |friendly )?reminder (?:that|about|of)\b",
    r"\bthere (?:are|is) (?:a lot of|many|lots of|plenty of|several|free|a number of|various|"
    r"numerous|\d+|some (?:great|good|free|online|local)) (?:\w+ ){0,2}?(?:hotlines?|helplines?|"
    r"apps?|websites?|sites?|services?|resources?|groups?|programs?|programmes?|charities|"
    r"organi[sz]ations|clinics?|books?|courses?|classes|options|therapists|counsell?ors|ways|"
    r"studies|places|jobs|companies|support)\b",
    r"\b(?:many|most|lots of|a lot of|some) (?:people|patients|students|parents) (?:find|found|say|"
    r"report|swear by) (?:that )?(?:\w+ ){0,4}?(?:helps|can help|really helps|works|is helpful|"
    r"makes a difference)\b",
    r"\b(?:often|usually|typically|generally|commonly|frequently) (?:comes?|goes|happens|"
    r"lasts|affects?|causes?|leads?|starts?|gets|becomes?|appears?|occurs?|peaks?|fades?)\b",
    r"\b(?:releases?|triggers?|reduces?|lowers?|raises?|increases?|boosts?|improves?|"
    r"worsens?|affects?|causes?) (?:your |the |our )?(?:endorphins|serotonin|dopamine|"
    r"cortisol|stress|anxiety|mood|levels?|risk|heart rate|blood pressure|sleep|energy|"
    r"symptoms|focus|memory|immune)\b",
    r"\b(?:can|may|often|tends? to|will) (?:make|cause|lead to|trigger|worsen|affect|"
    r"increase|reduce|lower|slow|raise|boost) (?:\w+ ){0,3}?(?:worse|anxiety|stress|"
    r"depression|your (?:heart|mood|stress|anxiety|sleep|energy|focus|blood)|heart rate|"
    r"symptoms|cortisol|blood pressure|levels|down)\b",
    r"\b(?:apps?|websites?|sites?|hotlines?|helplines?|services?|resources?|groups?|"
    r"programs?|programmes?|charities|organi[sz]ations|clinics?|centers?|books?|podcasts?) "
    r"(?:like|such as|that|which|offer|have|provide|are available|exist|called|can)\b",
    r"\b(?:therapists|counsell?ors|doctors|universities|colleges|schools|employers|companies|"
    r"gyms|libraries|hospitals|clinics|banks|insurers|most (?:gps|doctors|employers|"
    r"universities|companies|banks)) (?:now |also |often |usually |even |currently |generally )?"
    r"(?:offer|provide|are trained|have|can|will often|often|usually|must)\b",
)

# Information cues that count only when nothing more specific was said in the clause:
# facts about the order or the service, explanations, "unfortunately we ...".
INFORM_WEAK: tuple[str, ...] = (
    r"\b(?:are|is) (?:usually|often|typically|generally|commonly|normally) (?:the|a|an|very|"
    r"quite|more|less|caused|related|temporary)\b",
    r"\b(?:usually|typically|generally|normally|often) (?:takes|take|lasts|last|happens|"
    r"means|occurs|costs|affects)\b",
    r"\b(?:the|our|this|that) (?:policy|warranty|guarantee|return window|returns policy|"
    r"refund policy|store|shop|restaurant|price|cost|fee|delivery fee|menu|opening hours|"
    r"hours|system|website|offer|promotion|minimum order|item|product|model|option|branch|"
    r"payment|transaction|order|refund|parcel|package|update|"
    r"service|office|outage|issue|problem|fault|delay|charge|card|app) (?:is|are|was|were|"
    r"covers|opens|closes|costs|has|had|shows|says|will|expires|applies|only|does not|did "
    r"not|can not|requires|takes|starts|ends|runs|comes|includes|became|went|needs)\b",
    r"\bour (?:\w+ )?(?:policy|hours|prices|stores?|shops?|drivers?|team|kitchen|system|records|"
    r"(?:small|medium|large|regular|family) (?:\w+ )?(?:pizzas?|size|sizes)) (?:is|are|was|"
    r"were|has|have|only|do not|can not|close|open|cover|show)\b",
    r"\byour (?:order|account|payment|package|parcel|refund|card|balance|subscription|plan|"
    r"booking|appointment|ticket|case|claim|pizza|item|delivery|bill|invoice|contract|"
    r"warranty|device|router|line|service|connection|credit|points|driver|food) (?:is|was|"
    r"has|left|shipped|will be|shows|arrived|went|did not|has been|came|is being|was being|"
    r"got|needs|expires|expired|includes|covers|currently)\b",
    r"\b(?:we|the store|the shop|the restaurant|our (?:store|shop|team|office|branch)) "
    r"(?:are|is) (?:open|closed|shut|fully booked|out of)\b",
    r"\b(?:anytime|any time|at any time) (?:without|for free|free of charge)\b|\bwithout "
    r"(?:a|any) (?:fee|charge|penalty)\b|\bno (?:extra |additional )?(?:charge|fee|cost)\b",
    r"\bwe (?:currently |only |also |still |now )?(?:deliver|open|close|ship|only|currently|"
    r"had|"
    r""
    r""
    r"have had|are (?:currently|"
    r"experiencing|seeing|having|out)|charge|accept|stock|do not (?:currently |yet )?(?:accept|"
    r"have|stock|sell|"
    r"deliver|ship|offer|do|take|charge|open)|no longer|can not (?:deliver|ship|accept))\b",
    r"\b(?:it|this|that|the \w+|each|a \w+) (?:costs?|is|are|comes to|will be) \$?\d",
    r"\$\d|\b\d+(?:\.\d+)? (?:dollars|pounds|euros|bucks|cents|pence)\b",
    r"\bthere (?:are|is) (?:a lot of|many|lots of|plenty of|several|free|a number of|\d+|"
    r"various|numerous|a few|some (?:great|good|free|online|local)|online|local|also|a "
    r"(?:free|great|good|website|site|book|hotline|helpline|service|program|programme|"
    r"group|charity|number|link|form|app|page|section|way|fee|limit|waiting))\b",
    r"\bthere (?:has been|have been|was|were|is) (?:a|an|some|several|many|a few|reports?)"
    r" (?:delay|outage|problem|issue|fault|glitch|error|reports?|of|technical|mix up|"
    r"change|backlog|storm|accident|shortage)\b",
    r"\b(?:which|that) is why\b|\bthe reason (?:is|was|being)\b|\bthat is because\b|"
    r"\bthis is because\b|\bit is because\b|\b(?:was|were|is|are) (?:due to|caused by)\b",
    r"\b(?:it|this) (?:looks|seems|appears) (?:like|that|as if) (?:your|the|there|our|we)\b",
    r"\bi can (?:only |just |also )?see (?:that )?(?:your|the|there|an?|our|you have|you were|"
    r"you are)\b",
    r"\bthere (?:is|are) (?:\w+ ){0,3}?(?:available|out there)\b|\b(?:programs?|programmes?|"
    r"services?|resources?|grants?|benefits|schemes?|funds?|charities) (?:to help|for people|"
    r"for those|that help|designed)\b",
    r"\bthe system (?:only |just |also )?(?:says|shows|is showing|has)\b|"
    r"\b(?:my|the) screen (?:says|shows)\b",
    r"\bunfortunately (?:we|the|your|it|there|that|this|our|i can see|the system)\b",
    r"\byou should (?:now )?be able to\b",
    r"\b(?:is|are) (?:a|an|just a|only a) (?:pre[- ]?authori[sz]ation|temporary|pending|"
    r"one off|"
    r""
    r""
    r"standard|known|normal|automatic|holding|authori[sz]ation)\b",
    r"\byour (?:\w+ )?(?:number|reference|code|id|total|balance|eta|tracking) (?:is|was)\b",
    r"\b(?:is|are|was|were|got) (?:stuck|held|delayed|lost|damaged|returned|rerouted) "
    r"(?:at|in|with|by|during)\b|\boutside (?:of )?(?:our|my) control\b",
    r"\b(?:is|was|has been|have been) (?:discontinued|sold out|out of stock|back in stock|"
    r"out for delivery|dispatched|shipped|processed|approved|declined|delivered|"
    r"cancell?ed|refunded|on its way|on the way|in the oven|being prepared)\b",
    r"\b(?:are|is) (?:trained|designed|available|free of charge|open|closed|covered|"
    r"eligible|included|required|recommended|offered)\b",
    r"\b(?:first|next|last) (?:few )?(?:months|weeks|days|year|years) (?:after|of) .{0,30}"
    r"(?:are|is) (?:usually|often|typically)?\b",
    r"\b(?:for|from) (?:\d+|two|three|five|ten) (?:years|months)\b(?=.*\b(?:covers|warranty|"
    r"guarantee)\b)",
    r"\bjust (?:a heads up|so you know|to let you know|letting you know|fyi)\b|\bfyi\b|"
    r"\bheads up\b|\bjust so you are aware\b|\bplease (?:note|be aware)\b|\bkeep in mind\b",
    r"\bthe (?:next|earliest|first|latest|last) (?:available )?(?:delivery |collection )?"
    r"(?:slot|appointment|delivery|collection|date|time)\b",
    r"\bcovers (?:manufacturing|accidental|parts|labou?r|defects|damage)\b",
    r"\b(?:opens?|closes?|open|closed) (?:at|until|from|on|till)\b|\buntil (?:\d+|midnight|"
    r"noon)(?: (?:am|pm))?\b(?=.*\b(?:deliver|open|close|weekdays|weekends|daily)\b)",
    r"\b(?:is|are|was|were|gets?|will be|can only be|can be|must be|(?:has|have) to be) "
    r"(?:only |always |usually |normally |all |generally )?(?:\w+ed|set up|done|handled|run|made|"
    r"signed off|dealt with|taken care of|looked after|paid|sent|given|taken|held|kept|sold) "
    r"(?:\w+ )?by (?:our|the|a|an|your|their|each|one|head|someone)\b",
    r"\b(?:most|many|lots of|a lot of|all) (?!(?:people|days|weeks|times|things|moments|nights|"
    r"of)\b)(?:\w+ )?\w+s (?:are|will|have|offer|provide|let|allow|accept|tend to|do not|can|"
    r"usually|often|generally)\b",
    r"\bwe (?:have|had) (?:had )?(?:a|an|some|several|a few|reports|problems|issues) "
    r"(?:(?:known|technical|small|minor|major|temporary|ongoing|wider|local|national) )?(?:of |"
    r"with )?(?:reports?|outages?|problems?|issues?|delays?|trouble|complaints)\b",
)

SUPPORT: dict[str, tuple[str, ...]] = {
    "empathize": (
        rf"\b{_SUBJ3} (?:really |just )?(?:must|has got to|have got to|has to|would|will|can|"
        rf"could|might) (?:really |definitely )?(?:be|have been|feel|make you feel|sound|"
        rf"have felt|have made you feel)\b(?: \w+){{0,6}}? {F}\b",
        rf"\b{_SUBJ3}? ?(?:sounds|sounded|seems|seemed|must sound|feels)(?: like)?"
        rf"(?: (?:it|that|you|this) (?:was|is|has been|were|are|have been|had|"
        rf"have))? {INTENS}{F}\b",
        rf"\b(?:sounds|seems|looks|it sounds|it seems|it looks) (?:like|as if|as though|that) "
        rf"(?:you|u)(?: \w+){{0,5}}? {F}\b",
        rf"\b(?:you|u) (?:must|probably|might|may|seem|sound|look|appear)(?: to)? (?:be )?"
        rf"(?:feeling |feel |felt |have felt |be feeling )?(?:\w+ ){{0,3}}?{F}\b",
        rf"(?<!when )(?<!if )(?<!whenever )(?<!once )(?<!say )(?<!said )(?<!mean )"
        rf"\b(?:you|u) (?:are|were|have been|feel|felt) "
        rf"(?:feeling |also )?{INTENS}{F}\b",
        r"\b(?:you|u) (?:must|seem to|probably) (?:feel|be feeling|have felt|be)\b",
        r"\bi (?:can )?(?:only )?imagine\b",
        r"\bevery right to (?:feel|be)\b",
        r"\b(?:that|this|it) (?:should not|should never|never should) have happened\b",
        r"(?<!do )(?<!did )(?<!would )(?<!are )\b(?:you|u) (?:feel|felt|are feeling|have been "
        r"feeling) (?:like|as if|as though|that)\b(?! way\b)",
        r"\bi can (?:see|tell|sense|hear|feel) (?:why|how|that you|you are|you have|it is|"
        r"this is|that this)\b",
        r"(?<!if )(?<!sure )(?<!to )\bi (?:totally |completely |really |fully |definitely |do |"
        r"truly |absolutely |can |can totally |can completely )?understand\b(?! (?:that )?you "
        r"(?:want|need|would like|are looking|are asking|are trying|ordered|have|had)\b)"
        r"(?! (?:right|correctly|correct)\b)",
        r"\bi (?:totally |completely |really |fully |definitely |do |truly |absolutely |can )?"
        r"get (?:it|that|why|how|what you|where you)\b",
        r"\bi hear you\b|\bi hear (?:that|how|what) (?:you|this|it)\b",
        rf"\bi hear (?:that )?(?:you|u) (?:are|were|feel|have been)(?: \w+){{0,3}}? {F}\b",
        r"\bi know (?:exactly |just )?(?:how|what) (?:you|u|it|that) (?:feel|must|are|is like)\b",
        r"\bi know (?:it|this|that) (?:is|can be|must be|feels|has been|hurts)\b",
        r"\b(?:it|this|that) (?:was|is|can not have been|can not be|must not have been) (?:not |"
        r"never )?(?:easy|simple|fun) (?:to (?:talk|share|say|write|admit|open)|for you)\b|"
        r"\bi know (?:it|this|that) (?:was|is) (?:not|never) (?:easy|simple|fun)\b",
        rf"\bi know (?:just |exactly )?how {INTENS}(?:{HARD_ADJ}|{F})\b",
        r"\bi know (?:the|that) feeling\b",
        rf"\bi know (?:\w+ ){{1,3}}?(?:is|can be|must be|has been|gets) {INTENS}{HARD_ADJ}\b",
        r"\bin your (?:shoes|position|situation|place)\b",
        rf"\bi (?:can )?(?:hear|sense|feel|see) (?:a lot of |so much |some |the |how much )?{F}\b",
        r"\b(?:being|losing|feeling|having|getting|watching|not knowing|dealing with) .{0,40}?\b"
        r"(?:really |truly |must |can |does )?(?:hurts?|stings?|sucks?)\b|\b(?:it|that|this) "
        r"(?:really |must |truly )?(?:hurts|stings)\b",
        r"\b(?:weighing|weighs|weighed) (?:heavily )?on you\b|\btaking a toll\b|\btaken a "
        r"toll\b|\bgetting to you\b|\b(?:been|is|so) hard on you\b",
        r"\b(?:i am|i) (?:so |really |very |truly |terribly |deeply )?sorry (?:to hear|"
        r"for your loss|"
        r"about your loss|that (?:you|this|it|that|happened)|you (?:are|were|have|had|feel|went|"
        r"got|lost)|(?:this|that|it) happened|for what you|about what happened to you|"
        r"you had to|to hear)\b",
        r"\bsorry to hear\b",
        r"\bsorry for your loss\b",
        rf"\b(?:i|anyone|anybody|everyone|most people) would (?:be|feel|have been|have felt) "
        rf"(?:\w+ )?(?:{F}|the same)\b(?! to\b)(?:.* too\b)?",
        rf"\b(?:would|must|could|can|will) make (?:anyone|anybody|everyone|someone|you|people|"
        rf"most people) (?:feel )?{INTENS}{F}\b",
        r"\bi would be (?:\w+ )?too\b|\bi would (?:probably |definitely |also |totally )?"
        r"(?:feel|be|have felt) (?:exactly )?the same\b",
        rf"\b(?:that|this|it) (?:is|has been|must be|sounds|seems)(?: like)? {INTENS}"
        rf"(?:an? |such an? )?{INTENS}{HARD_ADJ}\b",
        rf"\bwhat (?:an? )?{INTENS}{HARD_ADJ} (?:situation|thing|spot|position|place|time|week|"
        rf"day|experience) (?:to be in|to deal with|to go through|to face|to have to)\b",
        rf"\b(?:what|how) (?:an? )?{INTENS}{HARD_ADJ}(?: (?:situation|thing|time|week|day|"
        rf"experience))?$",
        rf"\bit is {INTENS}{HARD_ADJ} (?:when|to|being|having|if|not)\b",
        rf"\b(?:losing|being|going through|dealing with|having|feeling|living|watching|waiting|"
        rf"not knowing|trying|caring for|looking after) .{{0,40}}\b(?:is|must be|can be) "
        rf"{INTENS}(?:one of the (?:hardest|worst|most)|{HARD_ADJ})",
        r"\bone of the (?:hardest|worst|toughest|most painful|most difficult) things\b",
        r"\byou poor thing\b|\bpoor you\b|\bmy heart goes out\b|\bthat sucks\b|\bit sucks\b|"
        r"\bmy heart (?:breaks|aches|hurts|is breaking) for you\b|\b(?:that|it) is (?:just |"
        r"honestly |really )?the worst\b",
        rf"\b(?:you|u) (?:have had|had|are having|have been having|have been through|went "
        rf"through) (?:such |a |an |quite a |a really |a very |so many |a lot of |such an? |some )*"
        rf"(?:{HARD_ADJ}|rough|bad|crappy|horrible) (?:time|week|year|day|month|few|couple|night|"
        rf"experience|run|patch|stretch|journey|start)",
        r"\bi feel (?:so |really )?(?:bad|sorry) for you\b",
        r"\bit is (?:completely |totally |perfectly |very |so |really )?(?:understandable|valid) "
        r"(?:to|that you) (?:feel|be|have) " + rf"(?:\w+ ){{0,2}}?{F}",
        r"\b(?:completely |totally |perfectly |very )?understandable\b",
        # validation: "that's fair", "you're right to be annoyed", "it makes sense that ..."
        r"\bthat is (?:a |an )?(?:totally |completely |perfectly |very |really |entirely )?(?:fair|"
        r"reasonable|valid|legitimate)(?: (?:point|question|concern|enough|request|thing to "
        r"(?:ask|say|want|feel)))?(?:$| ,| and\b)|(?:^|, )fair (?:enough|point)\b",
        r"\b(?:you|u) are (?:absolutely |completely |totally |quite |perfectly |so )?(?:right|"
        r"entitled|within your rights) to (?:be|feel|ask|expect|want|question|complain|raise|say)\b",
        r"\b(?:it|that) (?:makes|made) (?:total |complete |perfect |so much |a lot of )?sense "
        r"(?:that|why|you|to feel)\b",
        r"\b(?:do not|did not|never|not) feel(?:ing)? (?:heard|seen|valued|appreciated|respected|"
        r"supported|listened to|safe|wanted|loved|understood|good enough|cared for)\b",
        r"\bi (?:know|understand|get) (?:\w+ ){0,4}?(?:what|how) (?:you are going through|you have "
        r"been through|it feels|it is like|you must)\b",
        r"\b(?:dealing with|juggling|carrying|handling) (?:so much|a lot|"
        r"quite a lot|a great deal|so many things)\b",
        r"(?:^|, )(?:so |really |very |truly )?sorry (?:that )?(?:you|u) (?:are|were|have|had|went|"
        r"got|lost|feel|felt)\b",
        r"\byour (?:feelings|emotions|frustration|anger|concerns?|worries) (?:is|are) "
        r"(?:\w+ )?(?:valid|understandable|justified|normal|real)\b",
        r"\bi (?:get|understand|hear) (?:your|the) (?:frustration|concern|worry|pain|anger|"
        r"point)\b",
        r"\b(?:it|this|that) (?:feels|must feel|can feel|might feel) like\b",
        r"\bi know (?:it|this|that) (?:feels|seems)\b",
    ),
    "reassure": (
        r"\b(?:do not|no need to|try not to|there is no need to) worry\b|\bno worries\b",
        r"\bnot a problem\b|\bno problem(?: at all)?\b",
        r"\bit is (?:totally |completely |perfectly |absolutely )?(?:okay|alright|all right|fine|"
        r"normal|natural|common|understandable)(?: to| if| that)?\b",
        r"\b(?:that is|it is|it is totally|that is totally) (?:okay|alright|fine)$",
        r"\byou are (?:definitely |certainly |really |truly )?not (?:alone|the only one|the only "
        r"person|crazy|weak|a burden|overreacting|wrong|stupid|to blame|being dramatic|(?:a |an )?"
        r"(?:failure|loser|bad (?:person|parent|mom|dad|friend)|burden|terrible|horrible|useless|"
        r"worthless|broken|selfish|lazy|disappointment))\b",
        r"\b(?:it|things|this|that|everything|life|you|they|the pain|the feeling) (?:really |"
        r"definitely |truly |honestly |actually |still |surely )?(?:will|is going to|"
        r"does|do|can|gets|get|should|are going to|will definitely|will surely) (?:get |be |start "
        r"to )?(?:better|easier|pass|fine|okay|alright|work out|improve|ease)\b",
        r"\b(?:gets|get|getting) (?:better|easier) (?:with|over) time\b",
        r"\bwith time\b(?! (?:off|limits?)\b)",
        r"\b(?:you|u) (?:did|are doing|have done|made|took) (?:really |so |very |incredibly |"
        r"amazingly |extremely )?(?:the |a )?(?:right thing|"
        r"nothing wrong|"
        r"well|great|good|a great job|your best|so well|amazing|everything right|the right call|"
        r"the right decision|the right choice|brave)\b",
        r"\b(?:you have )?done (?:everything|nothing) (?:right|wrong)\b",
        r"\b(?:great|good|positive|big|brave|important|huge|first|wise|smart|healthy|right) "
        r"(?:step|move|decision|choice|start)\b",
        r"\bi am (?:sure|confident|certain|positive) (?:that )?(?:you|u|things|it|they|everything|"
        r"she|he|your)\b",
        r"\bi (?:really |truly )?believe in you\b|\b(?:i am|so|really) proud of you\b",
        r"\b(?:you|u) (?:can|will|are going to|are able to|could) (?:definitely |totally |surely )?"
        r"(?:get through|make it|do (?:it|this)|handle|overcome|beat|manage|cope|figure)\b",
        r"\b(?:you|u) are (?:doing|coping|handling) (?:this |it |things )?(?:great|well|amazing|"
        r"fine|really well|so well|your best|the best you can|a great job|everything)\b",
        r"\byou should (?:be )?(?:\w+ )?proud\b|\bto be proud of\b|\bproud of yourself\b",
        # staying with the caller: "I'm not going anywhere", "you won't have to repeat yourself"
        r"\b(?:you|u) (?:will not|do not|would not|shall not|never) (?:have|need) to (?:repeat|"
        r"explain|call|ring|go through|worry|chase|wait|do anything|start|tell)\b",
        r"\bi am not going anywhere\b|\bi will (?:stay|be|remain) (?:right )?(?:with you|on the "
        r"line|here with you)\b|\bi will stay on\b|\b(?:through|in) this together\b",
        r"\b(?:will not|is not going to|does not|not going to) (?:feel like this|last|be like "
        r"this) forever\b|\bnot forever\b",
        r"\bcome (?:so|this|really|very) far\b|\balmost there\b|\bnearly there\b",
        r"(?:^|, )(?:please )?(?:do not|never) (?:give up|lose hope)\b|(?:^|, )keep (?:going|it up|"
        r"pushing|fighting|your chin up)\b|\byou (?:have )?got this\b",
        r"\bthere is (?:always |still )(?:a way|hope|light|another|a solution|something|someone|"
        r"time|a chance|tomorrow)\b",
        r"\b(?:it is|it was) (?:clear|obvious|easy to see) (?:that )?(?:you|u) (?:really |truly )?"
        r"(?:care|love|want|tried|are|have)\b",
        r"\b(?:you|u) (?:have )?(?:clearly |obviously |really )?(?:put|given) (?:a lot of|so much|"
        r"real|some serious|lots of) (?:thought|effort|work|care|love|heart) into\b|\b(?:you|u) "
        r"(?:clearly|obviously|really|truly) (?:care|love|tried|want the best)\b",
        r"\bi (?:have|still have) (?:complete |total |so much |every |a lot of )?faith in you\b|"
        r"\bi am (?:rooting|cheering) for you\b|\bi am (?:so |really |very |truly )?(?:impressed|"
        r"amazed|in awe)\b",
        r"\bon the right (?:track|path)\b|\bin the right direction\b|\bbetter days (?:are |will )?"
        r"(?:ahead|to come|coming)\b|\bbrighter days\b|\blight at the end of the tunnel\b|"
        r"\bthis too shall pass\b|\bthe bright side\b|\bsilver lining\b|\bat least (?:you|u) "
        r"(?:still )?(?:have|got|are|know|tried)\b",
        r"\b(?:you|u) are (?:a |such a |a real |a true )(?:fighter|survivor|warrior|trooper|star|"
        r"rockstar|inspiration|good (?:person|soul|egg))\b",
        r"\b(?:handled|handling|dealt with|dealing with|managed) (?:this|it|that|everything|"
        r"things|all of this|all of that) (?:with|so|really|incredibly|very) (?:\w+ ){0,2}?(?:well|"
        r"grace|maturity|strength|courage|dignity|patience|calm)\b",
        r"\b(?:that is|what|it is) (?:an? |such an? )(?:amazing|great|huge|real|incredible|"
        r"impressive|big|wonderful|fantastic) (?:achievement|accomplishment|milestone|win)\b",
        r"\b(?:what you are|what you have been) (?:feeling|going through|experiencing) is "
        r"(?:\w+ )?(?:normal|natural|valid|understandable|common|okay)\b|\bto be (?:so |really |"
        r"very )?proud\b",
        r"\b(?:you|u) (?:have not|were not|will not be|are not being|have never been) (?:been )?"
        r"(?:charged|billed|debited)\b",
        r"\b(?:happens|it happens) to (?:the best of us|everyone|everybody|all of us)\b",
        r"\bthese things happen\b|\bit happens\b|\bit is (?:not|no) (?:your fault|a problem)\b",
        r"\bnot your fault\b",
        r"\byou are (?:clearly |obviously |such |so |very |really |truly |a |an |incredibly )*"
        r"(?:strong|brave|caring|kind|smart|capable|resilient|good person|wonderful|amazing|"
        r"great|courageous|thoughtful|loving|hard working|hardworking|talented|valuable|"
        r"worthy|intelligent|determined|good (?:mom|dad|friend|mother|father|parent))\b",
        r"\b(?:that|it) (?:takes|took|shows) (?:real |a lot of |so much |great )?(?:strength|"
        r"courage|guts|bravery|maturity)\b",
        r"\b(?:that|it) is (?:a )?(?:really |very |such a )?(?:great|good|wonderful|fantastic|"
        r"excellent|brilliant|positive|amazing|awesome|smart|healthy|lovely) (?:idea|step|thing|"
        r"start|plan|decision|choice|sign|news|attitude|question)\b",
        r"\bthat (?:is|was) (?:a )?(?:really |very |such a )?(?:great|good|healthy|positive|smart|mature|"
        r"brave|wise|lovely) (?:way|approach|mindset|attitude|outlook)\b",
        r"\b(?:that|it) is (?:so |really |very )?(?:great|good|wonderful|amazing|fantastic|awesome|"
        r"nice|brilliant) (?:that|to hear)\b",
        r"\bgood for you\b|\bwell done\b|\bgood job\b|\bgreat job\b",
        r"\brest assured\b|\bin good hands\b|\bhang in there\b|\bstay (?:strong|positive)\b",
        r"\b(?:your|the) (?:order|data|money|account|information|details|package|parcel|funds|"
        r"card|booking|reservation) (?:is|are) (?:safe|secure|protected|fine|in good hands)\b",
        r"\bnothing (?:has been|is|was|will be) (?:lost|charged|affected)\b",
        r"\b(?:it|that|this|the pain) (?:will|does|shall|can) pass\b",
        r"\b(?:your feelings|what you feel|that) (?:are|is) (?:completely |totally )?valid\b",
        r"\bthere is (?:always |still )?hope\b",
        r"\b(?:things|everything|it) will (?:work out|be (?:okay|fine|alright|better))\b",
        r"\b(?:we|i) will get (?:this|it|that|everything|you) (?:all )?(?:sorted|resolved|fixed|"
        r"taken care of|sorted out|back on track)\b",
        r"\bwe will (?:sort|fix|resolve) (?:this|it|that)\b",
        r"\bi am (?:always )?here (?:for you|to help|with you|to listen)\b",
        r"\b(?:nothing|no need) to (?:be ashamed|be embarrassed|worry|apologize|feel bad)\b",
        r"\bdo not be (?:so |too )?hard on yourself\b",
        r"\byou (?:deserve|are worth|matter|have so much)\b",
        r"\b(?:it|that) will not (?:be )?long(?: now)?\b|\bwill not be long\b",
        r"\bthe good news is\b",
        r"\b(?:i am|i|we are|we) (?:so |really |very )?glad (?:you|that you|to hear)\b|"
        r"(?:^|, )(?:so |really |very )?glad (?:to hear|you|that|it)\b",
        r"\bi (?:really |truly )?hope (?:you|things|it|that|everything|this|your)\b",
        r"\bgood luck\b|\bfingers crossed\b",
        r"\b(?:many|most|lots of|a lot of|so many|plenty of|other) (?:other )?people (?:feel|go "
        r"through|struggle|experience|deal with|have been|are going|have gone|come out|get|find "
        r"themselves|feel this|in your|face|have)\b",
        r"\b(?:you are|you) not the only one\b|\bso many of us\b|\bwe all (?:feel|go through|"
        r"struggle|have)\b",
        r"\b(?:it|this) does pass\b|\bit does get (?:better|easier)\b",
        r"\bnobody is perfect\b|\bno one is perfect\b|\beveryone makes mistakes\b",
        rf"\bi can tell (?:you|that you) (?:are|really|care|love|have)\b(?![^,]*\b{F}\b)",
        r"\bwe are here to help\b|\byou are in the right place\b",
        r"\b(?:you|u) (?:have )?(?:shown|show|showed|have got|have) (?:a lot of |so much |real |"
        r"great |such )?(?:courage|strength|bravery|maturity|resilience|determination)\b",
        r"\bevery right to (?:feel|be)\b",
        r"\b(?:you|u) (?:will|are going to) (?:definitely |surely |certainly |eventually |soon )?"
        r"(?:get (?:through|there|better|past)|be (?:okay|fine|alright|great|better)|feel better|"
        r"figure (?:it|this|things) out|make it|overcome|pull through|bounce back|find (?:a way|a "
        r"new|someone|something better|your way|the strength|the courage|the right|peace|"
        r"happiness|love))\b",
        r"\bi know (?:you|u) (?:will|can|are able)\b",
        r"\b(?:brave|strong|courageous|kind|sweet|thoughtful|smart|wise|mature|generous|caring|"
        r"good|nice|lovely) of (?:you|u)\b",
        r"\b(?:you|u) (?:seem|sound|look) like (?:a|an|such a|someone|somebody) (?:really |very |"
        r"truly |genuinely |so )?(?:caring|kind|thoughtful|strong|good|great|wonderful|smart|"
        r"loving|lovely|nice|sweet|brave|capable|resilient|responsible|mature|wise|hard ?working|"
        r"amazing|generous|genuine|talented|determined|sensible|reasonable|intelligent)\b",
        r"\b(?:you are|you are just|we are all) (?:only )?human\b",
        r"\b(?:it|things|that) (?:got|gets|will get|does get|did get) (?:a lot |so much |much |"
        r"a little |a bit )?(?:better|easier)\b",
        r"\bnot to worry\b|\bwe can (?:easily |quickly |definitely )?(?:sort|fix|resolve) "
        r"(?:that|this|it)\b",
        r"\b(?:you|u) did it\b|\byou made it\b",
        r"\bcongratulations\b|\bcongrats\b|\b(?:so )?happy for you\b|\b(?:that is|it is|what) "
        r"(?:so |really |such )?(?:exciting|amazing news|great news|wonderful news|good news)\b",
        r"\b(?:recovery|healing|grief|grieving|it|this|change|things|that) (?:takes|take|will take|"
        r"can take) (?:some |a lot of |a little )?time\b(?! (?:to (?:arrive|process|ship|"
        r"deliver)))",
        r"\b(?:that|it|this) (?:shows|says|proves) (?:how much (?:you|u)|that (?:you|u)|(?:you|u) "
        r"are|your)\b",
        r"\bremember (?:that )?(?:you|u) are\b|\byou are not defined by\b",
        r"\bgive yourself (?:some |more |a lot of )?(?:credit|a pat on the back|a break)\b|"
        r"\b(?:stronger|braver|smarter|more capable|tougher) than you (?:think|know|realize|"
        r"believe|give yourself)\b|\bsign of (?:strength|courage|maturity|growth|progress|"
        r"self respect)\b|\blucky to have (?:you|a|such)\b|\b(?:are|is) lucky to have\b",
        r"\byou are (?:clearly |obviously |such |so |very |really |truly |a |an |incredibly )*"
        r"(?:hard|good|great|fast|quick|dedicated|caring|loving|wonderful|amazing|devoted|loyal|"
        r"strong) (?:worker|learner|listener|friend|person|parent|mom|dad|mother|father|employee|"
        r"partner|student|human being|sister|brother|son|daughter)\b",
        r"\b(?:made|making|make) (?:a lot of |so much |real |great |good |huge |some )?progress\b|"
        r"\bcome (?:such |so |a )?(?:a )?long way\b|\byou are being (?:very |so |really |"
        r"incredibly |extremely )?(?:brave|strong|mature|sensible|reasonable|wise|kind|patient|"
        r"thoughtful|responsible|honest|smart)\b|\b(?:good|great|wonderful|amazing|many) "
        r"qualities\b|\b(?:so much|a lot) to offer\b",
        r"\bhappens for a reason\b|\bkeep your (?:head|chin) up\b|\bchin up\b|\bnot a "
        r"reflection (?:of|on) (?:your|you)\b|\bdoes not (?:define|make) you\b",
        r"\b(?:it is )?never too late\b|\bnot the end of the world\b|\byou still have time\b",
        r"\b(?:that is|it is|this is) (?:a |completely |perfectly |totally |very |"
        r"quite )*(?:normal|"
        r""
        r""
        r"natural|common|understandable) (?:part|thing|reaction|response|feeling|way)\b",
    ),
    "paraphrase": (
        r"(?<!in )(?<!from )(?<!in what )(?<!from what )\b(?:so )?(?:what )?(?:you are|you were|"
        r"are you) (?:saying|telling me|describing)\b",
        r"^(?:okay |so |okay so |right so )?so what (?:happened|you are saying|you mean|you are "
        r"telling me) (?:is|was)\b",
        r"\bwhat (?:i am|i) (?:hearing|hear|getting|understanding|understand)(?: from (?:you|this|"
        r"that))?(?: is)?\b",
        r"\bwhat you (?:are saying|are telling me|said|mean) is\b",
        r"\bif i (?:understand|understood|have understood|got|have got|get|am getting|heard|"
        r"am hearing|am "
        r"understanding)(?: (?:you|this|that|it|everything))?(?: (?:correctly|right))?\b",
        r"\bif i have (?:this|that|it) right\b",
        r"\b(?:let me|just to|i want to|i just want to) (?:make sure|be sure|check|see if) "
        r"(?:that )?i (?:understand|understood|have (?:this|that|it|got)|got|am following|heard)\b",
        r"\b(?:so |and )?(?:you|u) (?:mentioned|said|told me|were saying|have said|have mentioned|"
        r"noted|explained)\b",
        r"\bas you (?:mentioned|said|described|explained)\b",
        r"\bi hear (?:that )?(?:you|your) (?:are|were|have|had|feel|want|did|got|need|keep|"
        r"can|cannot|can not)\b",
        r"\b(?:to sum (?:it )?up|to summari[sz]e|in short|so far you)\b|"
        r"\bso basically\b|\bin other words\b|\bbasically (?:you|your)\b",
        r"\bcorrect me if i am wrong\b",
        r"\bso (?:the|your) (?:main|real|biggest) (?:thing|issue|problem|concern|worry)\b",
        rf"(?<!she )(?<!he )(?<!they )(?<!who )(?<!which )"
        rf"\b(?:(?:it|that) )?(?:sounds|seems)(?: like| as if| as though| that)? (?:the|your|there|"
        rf"they|he|she|this|a lot|most|part|some|it|he|her|his|their|my|our)\b(?![^,]*\b(?:you|u)"
        rf"\b[^,]*\b{F}\b)",
        rf"\b(?:it|that)? ?(?:sounds|seems)(?: like| as if| as though| that)? (?:you|u)\b"
        rf"(?! (?:are|have been) (?:doing|handling|coping with|managing) (?:everything|great|well|"
        rf"so well|really well|your best|the best|an amazing|a great|all you can|what you can)\b)"
        rf"(?![^,]*\b{F}\b)",
        r"\b(?:so|and so) (?:what )?(?:you|u) (?:feel|felt|think|believe|are feeling) "
        r"(?:like|that|as if)\b",
        r"(?<!do )(?<!did )(?<!would )(?<!are )\byou (?:feel|felt|are feeling|have been feeling) "
        r"(?:like|that|as if|as though)\b(?! way\b)",
        r"\bso you are (?:telling|saying)\b|\bwhat you are telling me\b",
        r"(?<!she )(?<!he )(?<!they )(?<!who )(?<!which )\b(?:sounds|seems) like (?!(?:a|an|"
        r"the|fun|good|great|you|u|she|he|they|it|that|this)\b)\w+ (?:\w+ )?(?:has|have|is|are|"
        r"was|were|keeps|kept|had|did|does|got|gets|never|always|just)\b",
    ),
    "inform": INFORM_STRONG,
    "offer_solution": (
        r"\b(?:maybe|perhaps|possibly) (?:you|u|we|i) (?:could|can|should|might|would|may)\b",
        r"\b(?:maybe|perhaps) (?:try|consider|think about|look into|talk|reach out|start|take|"
        r"writing|going|talking|trying|a|some)\b",
        r"\b(?:you|u) (?:could|might|may|would) (?:also |always |just |perhaps |maybe |"
        r"even |still |easily )?(?:try|want to|wish to|consider|look into|think about|talk|"
        r"ask|call|contact|reach|use|check|go|visit|pick|collect|download|join|set|write|make|"
        r"take|find|see if|email|book|speak|get|start|keep|switch|change|cancel|return|"
        r"request|apply|log|sign|reset|restart|update|look for|search|tell|let|share|send|"
        r"bring|schedule|arrange|order|opt|choose|leave|give|spend|practice|practise|plan|"
        r"journal|meditate|exercise|focus|benefit)\b",
        # "you can ..." as advice opens its clause; "hotlines you can call" describes
        r"(?:^|, |\b(?:and|or|so|then|maybe|perhaps|but|also|otherwise|alternatively|prefer|"
        r"like|want|wish|case|now|today|instead|though|okay|well|think|guess|sure) )"
        r"(?:you|u) can (?:also |always |just |still |easily )?(?:try|consider|look into|"
        r"think about|talk to|ask|call|contact|reach out|use|check out|visit|pick|collect|"
        r"download|join|email|book|speak|request|apply|get (?:a|an|some|help|in touch)|switch|"
        r"find (?:a|some|support|help)|reset|restart|update|start by|search for)\b",
        r"\b(?:it|that) (?:often |really |sometimes |usually |also |can |may |might )?helps? "
        r"(?:to|if|when|me to|a lot to)\b|\bsometimes it helps\b",
        r"\b(?:can|could) (?:you|u) (?:maybe|perhaps|possibly)\b",
        r"\b(?:one|another|an|my|a good|a) (?:idea|option|thought|suggestion|alternative) "
        r"(?:is|would be|might be|could be)\b",
        r"\b(?:i|we) have (?:now |just |already |also )?(?:gone ahead and )?(?:credited|refunded|"
        r"issued|applied|sent|"
        r"waived|added a|processed a|arranged|booked|reordered|replaced|upgraded|rescheduled)\b",
        r"\byou might (?:want|like|wish) to\b|\byou may want to\b",
        r"\bi (?:would |d |might |strongly |definitely |really )?(?:suggest|recommend|advise|"
        r"encourage)\b",
        r"\bmy (?:suggestion|advice|recommendation|tip)\b",
        r"\bi (?:think|feel|believe|reckon) (?:that )?(?:you|u|it) (?:should|could|would|might|"
        r"need to|ought to|may want|might want)\b(?! (?:be|have) )",
        r"(?<!if )(?<!when )(?<!whenever )\b(?:you|u) (?:should|ought to|need to|have to) "
        r"(?:really |definitely |maybe |perhaps |"
        r"also |try to |just )?(?:try|talk|consider|tell|speak|ask|reach|call|go|take|make|look|"
        r"write|find|let|give(?! yourself (?:some |more |a lot of )?credit)|do something|seek|"
        r"think about|focus|spend|join|start|stop|keep|"
        r"avoid|set|see a|see someone|get (?:some|help|in touch|a|professional|out|more|"
        r"enough|support)|put|check|contact|visit|book|restart|reset|update|clear|unplug|use|"
        r"apply|open|treat|allow|remember|practi[cs]e|journal|exercise|rest|sleep)\b",
        r"\bit (?:might|may|could|would|can|should) (?:really |also |definitely |probably )?"
        r"(?:help|be (?:worth|a good idea|helpful|useful|good|beneficial|nice|worthwhile|smart|"
        r"wise|great)|make a (?:big |real |huge )?difference)\b",
        r"\bit is (?:probably |definitely |always |often )?(?:worth|a good idea|helpful|useful|"
        r"wise|smart) (?:to|trying|talking|asking|checking|looking|reaching|speaking|getting|"
        r"considering|having|taking|making|writing|seeing|calling)\b",
        r"(?<!glad i )(?<!glad we )(?<!happy i )\b(?:might|may|could|can|would) (?:really |also |"
        r"definitely |probably )?(?:(?:be able to )?help(?: (?:you|with|to|a lot|clear|calm|ease|"
        r"relieve|manage|"
        r"reduce))?|be "
        r"(?:helpful|worth (?:it|trying|a try))|clear your (?:head|mind)|make a (?:big |real |"
        r"huge )?difference|do you (?:some )?good|give you)\b",
        r"\b(?:how|what) about (?:(?!(?:everything|anything|something|nothing|thing|morning|"
        r"evening|feeling|during)\b)\w+ing|we|you (?:try|call|go|talk|take|write|ask|get|give|"
        r"make|start|just)|a|an|some|trying|talking|calling|going|if)\b",
        r"\bwhat if (?:you|we|i|u)\b",
        r"\bwhy (?:do not|not) (?:you|we|u|try|give|talk|call|reach|ask|tell|go|start|take|"
        r"make|consider|just|see)\b|\bwhy not\b",
        r"\b(?:have|had) (?:you|u) (?:ever )?(?:tried|considered|thought (?:about|of)|looked "
        r"(?:into|at))\b(?! (?:how|why|what|when)\b)",
        r"\bdid (?:you|u) (?:try|consider|think about|check)\b",
        r"\b(?:would|could|might) it (?:help|be (?:possible|worth|an option|helpful))\b",
        r"\bwould (?:you|u) (?:consider|be open to|be willing to|think about|try|like to try|"
        r"like me to|want me to|prefer)\b",
        r"\bdo (?:you|u) think (?:\w+ ){0,6}?(?:would|could|might|will|can) (?:help|work|make "
        r"a difference|be (?:helpful|a good idea|worth))\b",
        r"\b(?:i|we) (?:can|could|will|would be happy to|am able to|are able to|would like to|"
        r"want to|am going to|are going to|will be happy to|can also|could also|will gladly|"
        r"would love to) (?:also |definitely |certainly |gladly |happily |quickly |now )?"
        r"(?:offer|send|refund|replace|give you|book|arrange|waive|credit|reschedule|upgrade "
        r"you|issue|process|cancel|change|move|reorder|resend|re send|schedule|add a "
        r"(?:credit|discount|voucher)|organi[sz]e|set up|provide|compensate|reimburse|"
        r"reverse|extend|swap|exchange|apply a|get (?:you|a|another)|have (?:a|another|the "
        r"(?:driver|technician|engineer|kitchen)|someone)|ship|deliver|remake|redeliver|walk you "
        r"through|take (?:\$?\d+|\w+ percent|some|a bit) off|reset your|restart your)\b",
        r"\blet me (?:just )?(?:send|offer|refund|replace|arrange|book|credit|issue|give you|waive|"
        r"get you|reschedule|resend|reorder|remake|process|apply|add|set you up|walk you|"
        r"reset|show you|help you)\b",
        r"\b(?:a|one|the) (?:quickest|easiest|best|simplest|fastest|other|only|usual|standard|"
        r"common) (?:fix|way|option|solution|thing to do|thing you can do|workaround|remedy|"
        r"approach|step)\b(?: (?:is|would be|here|for))?",
        r"\bwhat (?:you|u) (?:could|can|might|should) do is\b",
        r"\bwhat (?:i|we) (?:can|could|will|would like to|am going to|are going to) do (?:\w+ )"
        r"{0,3}?is\b|\bthe (?:best|most|least|quickest|fastest|easiest) (?:thing )?(?:i|we) can "
        r"do (?:\w+ ){0,3}?is\b",
        # taking the payment is the remedy in a payment call: "I can take it now on the card"
        r"\b(?:i|we) (?:can|could|will|am able to|are able to) (?:just |also |now )?(?:take|put|"
        r"process|run|charge) (?:\w+ ){0,4}?(?:on|through|against|to|from) (?:\w+ ){0,3}?card\b|"
        r"\b(?:i|we) can (?:take|process) (?:the |your |that )?payment\b",
        r"\bwhat (?:i|we) (?:can|could|will|would like to|am going to|are going to) do (?:right "
        r"now |for you |today |instead )?is\b|\bhere is what (?:i|we) (?:can|will|could) do\b",
        r"\b(?:i am|i will|we are|we will|i have|we have|i can|we can) (?:also )?(?:adding|add|"
        r"giving|give|applying|apply|sending|send|crediting|including|throwing in|taking|put|"
        r"putting|pop|popping|stick|knock|knocking) (?:you "
        r")?(?:a|an|some|the|\d+ ?%|\d+ percent)? ?(?:\w+ ){0,3}?(?:voucher|discount|credit|"
        r"refund|coupon|code|gift card|free \w+|off)\b",
        r"\b(?:things|something|activities|stuff|hobbies|exercises|techniques) like\b.*\b(?:can|"
        r"could|might|may|will) (?:really |also |often )?(?:help|calm|clear|relax|ease|reduce|lift|"
        r"boost|improve)\b",
        r"\bcan (?:really |also )?(?:calm|relax|clear|lift|boost|settle) your (?:mind|mood|head|"
        r"spirits|nerves)\b",
        r"\bone thing (?:that |you |which )?(?:could|can|might|helps|helped|works|worked|you "
        r"could|to try|i would)\b",
        r"\bwhat (?:helped|helps|worked for|works for|has helped) me\b",
        # experience offered as a suggestion: "I found that writing a list helped me"
        r"\bi (?:have )?(?:found|find|learned|learnt) (?:that )?(?:\w+ ){1,12}?(?:helped|helps|"
        r"really helped|worked|works|made a (?:big |huge |real )?difference)\b",
        r"\bi (?:was )?wonder(?:ing)? (?:if|whether) (?:\w+ ){0,8}?(?:might|could|would|may) "
        r"(?:help|be (?:a good|worth|helpful|an option|nice|good|useful))\b|\bi (?:was )?"
        r"wonder(?:ing)? (?:if|whether) (?:you|u) (?:could|might|should|would)\b",
        r"\b(?:could|can|would|might) (?:he|she|they|someone|somebody|a friend|your \w+) "
        r"(?:maybe |possibly |perhaps )?help\b",
        r"\b(?:instead|alternatively|otherwise)\b.*\b(?:could|can|might|try)\b",
        r"\b(?:you|u) (?:could|can) (?:also )?(?:get|have|receive) (?:a|an|the) (?:refund|"
        r"replacement|credit|voucher|discount|exchange)\b",
        r"\b(?:people|many|some|others) (?:find|found|say|swear by) (?:that )?(?:\w+ ){0,4}?"
        r"(?:helps|can help|really helps|works|is helpful|makes a difference)\b",
        r"\b(?:can|could) you (?:please )?(?:try|check|restart|unplug|plug|click|open|go to|"
        r"turn|make sure|look at|switch|reset|reboot|clear|update|log)\b",
        r"\bif you (?:want|like|prefer|would like|wish)\b.*\b(?:i|we|you) (?:can|could)\b",
    ),
}
