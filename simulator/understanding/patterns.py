"""Phrase pattern tables: technique -> regexes over normalised sentences.

These are the cues a trainer would name when asked "how do you know the operator
apologised?". They are deliberately broad linguistic cues, not one call centre's
script: reflection of feelings is "you must feel", "that sounds <hard word>", "I can
imagine"; a suggestion is "maybe you could", "have you tried", "it might help to". The
rules that combine cues (questions that are really suggestions, weak information
cues, clause-start imperatives) live in techniques.py.

Every table is compiled once at import into one alternation per technique.
"""

from __future__ import annotations

import re

from .lexicon import ADVICE_VERBS, DISCOURSE, FEELING, HARD_ADJ, INTENSIFIERS

INTENS = INTENSIFIERS
F = FEELING
_SUBJ3 = r"(?:that|this|it|which|that situation|this situation|all of that|all that)"
_TIME = (
    r"(?:within|in (?:about |around |roughly |approximately |the next |under |less than )?"
    r"(?:\d+|a|an|one|a few|a couple of|several|the next)|by|before|after|until|between|"
    r"tomorrow|today|tonight|this (?:morning|afternoon|evening|week)|next (?:week|month)|"
    r"shortly|soon|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d+ (?:working|business) days|once|as soon as|when|the end of)"
)

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
    r"universities|companies|banks)) (?:offer|provide|are trained|have|can|will often|"
    r"often|usually|must)\b",
)

PATTERNS: dict[str, tuple[str, ...]] = {
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
    ),
    "verify_identity": (
        r"\bverif(?:y|ication|ied)\b(?! (?:that|whether|if) (?:the|it)\b)",
        r"\bfor (?:security|data protection|verification|safety) (?:purposes|reasons)?\b",
        r"\bsecurity (?:question|check|purposes|reasons|answer|word|pin|code)\b",
        r"\bdate of birth\b",
        r"\blast (?:4|four) (?:digits|numbers)\b",
        r"\b(?:confirm|tell me|give me|what is|provide|read|verify|need|what) (?:me )?"
        r"(?:your |the )?(?:\w+ ){0,2}?(?:postcode|post code|zip code|zip|address|phone number|"
        r"number|email|e mail|email address|name|pin|password) (?:on|for|registered (?:to|on|with)|"
        r"associated with|linked to|we have (?:on file|for you)) (?:the|your) account\b",
        r"\bconfirm (?:your|the) (?:identity|full name|name|date|account number|security|pin|"
        r"postcode|first line|account holder|registered)\b",
        r"\bmother(?:s)? maiden name\b",
        r"\baccount holder\b",
        r"\bam i (?:speaking|talking) (?:to|with)\b|\bis (?:this|that) (?:mr|mrs|ms|miss|dr)\b",
        r"\bpass ?code\b|\bpass(?:word|phrase) on the account\b",
    ),
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
        rf"(?<!when )(?<!if )(?<!whenever )(?<!once )\b(?:you|u) (?:are|were|have been|feel|felt) "
        rf"(?:feeling |also )?{INTENS}{F}\b",
        r"\b(?:you|u) (?:must|seem to|probably) (?:feel|be feeling|have felt|be)\b",
        r"\bi (?:can )?(?:only )?imagine\b",
        r"\bevery right to (?:feel|be)\b",
        r"(?<!do )(?<!did )(?<!would )(?<!are )\b(?:you|u) (?:feel|felt|are feeling|have been "
        r"feeling) (?:like|as if|as though|that)\b",
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
        r"\bi know how (?:hard|difficult|tough|frustrating|painful|stressful|scary|upsetting)\b",
        r"\bi know (?:the|that) feeling\b",
        rf"\bi know (?:\w+ ){{1,3}}?(?:is|can be|must be|has been|gets) {INTENS}{HARD_ADJ}\b",
        r"\bin your (?:shoes|position|situation|place)\b",
        r"\b(?:i am|i) (?:so |really |very |truly |terribly |deeply )?sorry (?:to hear|"
        r"for your loss|"
        r"about your loss|that (?:you|this|it|that|happened)|you (?:are|were|have|had|feel|went|"
        r"got|lost)|(?:this|that|it) happened|for what you|about what happened to you|"
        r"you had to|to hear)\b",
        r"\bsorry to hear\b",
        r"\bsorry for your loss\b",
        rf"\b(?:i|anyone|anybody|everyone|most people) would (?:be|feel|have been|have felt) "
        rf"(?:\w+ )?(?:{F}|the same)\b(?:.* too\b)?",
        r"\bi would be (?:\w+ )?too\b|\bi would (?:probably |definitely |also |totally )?"
        r"(?:feel|be|have felt) (?:exactly )?the same\b",
        rf"\b(?:that|this|it) (?:is|has been|must be|sounds|seems)(?: like)? {INTENS}"
        rf"(?:an? |such an? )?{INTENS}{HARD_ADJ}\b",
        rf"\b(?:what|how) (?:an? )?{INTENS}{HARD_ADJ}(?: (?:situation|thing|time|week|day|"
        rf"experience))?$",
        rf"\bit is {INTENS}{HARD_ADJ} (?:when|to|being|having|if|not)\b",
        rf"\b(?:losing|being|going through|dealing with|having) .{{0,40}}\b(?:is|must be|can be) "
        rf"{INTENS}(?:one of the (?:hardest|worst|most)|{HARD_ADJ})",
        r"\bone of the (?:hardest|worst|toughest|most painful|most difficult) things\b",
        r"\byou poor thing\b|\bpoor you\b|\bmy heart goes out\b|\bthat sucks\b|\bit sucks\b",
        r"\bi feel (?:so |really )?(?:bad|sorry) for you\b",
        r"\bit is (?:completely |totally |perfectly |very |so |really )?(?:understandable|valid) "
        r"(?:to|that you) (?:feel|be|have) " + rf"(?:\w+ ){{0,2}}?{F}",
        r"\b(?:completely |totally |perfectly |very )?understandable\b",
        r"\byour (?:feelings|emotions|frustration|anger|concerns?|worries) (?:is|are) "
        r"(?:\w+ )?(?:valid|understandable|justified|normal|real)\b",
        r"\bi (?:get|understand|hear) (?:your|the) (?:frustration|concern|worry|pain|anger|"
        r"point)\b",
        r"\b(?:it|this|that) (?:feels|must feel|can feel|might feel) like\b",
        r"\bi know (?:it|this|that) (?:feels|seems)\b",
    ),
    "apologize": (
        r"\b(?:i|we) (?:do |sincerely |really |truly |deeply |must |want to |would like to )?"
        r"apologi[sz]e\b",
        r"\bmy (?:sincere |deepest |humble )?apologies\b|\bour apologies\b",
        r"\baccept (?:our|my) (?:sincere |deepest )?apolog",
        r"\bsorry (?:about|for) (?:the|that|this|any|all|our|my|keeping|what|it|mix|your wait|"
        r"the wait|the delay|waiting|not|being)\b",
        r"\b(?:i am|we are|i|we) (?:so |really |very |terribly |truly |extremely |awfully |"
        r"deeply )?sorry\b(?! (?:to hear|to learn|for your loss|about your loss|that (?:you|this|"
        r"it|happened)|you\b|(?:this|that|it) happened|for what you|about what happened to you))",
        r"^(?:oh |oops )?(?:so |really |very )?sorry\b(?! (?:to hear|to learn|for your loss|"
        r"about your loss|that (?:you|this|it|happened)|you\b|(?:this|that|it) happened))",
        r"\bsorry (?:that )?(?:you|u) (?:have been|had to|were|are|got) (?:waiting|wait|kept|on "
        r"hold|left|charged|transferred|passed|cut off|sent)\b|\bsorry to keep you\b",
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
        r"\bwe will (?:take a look|have a look|look into (?:it|this|that)|investigate|"
        r"check (?:this|"
        r""
        r""
        r"that|it|on)|get (?:this|it|that) looked at)\b",
        r"\b(?:stay|staying|keep|keeping) on (?:top of )?(?:this|it|that|your case)\b|\buntil "
        r"(?:it|this|that) is (?:fixed|resolved|sorted)\b|\bsee (?:this|it) through\b",
        r"\bleave it (?:with|to) me\b|\bi am on it\b|\bi have got (?:this|it)\b|\bi got this\b",
        r"\b(?:that|this|it) is (?:completely |totally |entirely |all |definitely )?(?:on us|our "
        r"(?:fault|mistake|error|bad)|my (?:fault|mistake|error|bad)|a (?:mistake|glitch|error|"
        r"problem|bug) on our (?:side|end|part)|on our (?:side|end))\b",
        r"\b(?:our|my) (?:mistake|fault|error|bad)\b",
        r"\bi take (?:full |complete )?responsibility\b|\bwe take (?:full )?responsibility\b",
        r"\bwe (?:completely |totally |really )?(?:messed|screwed|dropped the ball|got it wrong)\b",
        r"\b(?:make|making) (?:it|this|things) right\b",
        r"\bi will (?:make sure|ensure|see to it)\b",
        r"\bi will be (?:the one|your point of contact|handling|looking into)\b",
    ),
    "reassure": (
        r"\b(?:do not|no need to|try not to|there is no need to) worry\b|\bno worries\b",
        r"\bnot a problem\b|\bno problem(?: at all)?\b",
        r"\bit is (?:totally |completely |perfectly |absolutely )?(?:okay|alright|all right|fine|"
        r"normal|natural|common|understandable)(?: to| if| that)?\b",
        r"\b(?:that is|it is|it is totally|that is totally) (?:okay|alright|fine)$",
        r"\byou are (?:definitely |certainly |really |truly )?not (?:alone|the only one|the only "
        r"person|crazy|weak|a burden|overreacting|wrong|stupid|to blame|being dramatic)\b",
        r"\b(?:it|things|this|that|everything|life|you|the pain|the feeling) (?:will|is going to|"
        r"does|do|can|gets|get|should|are going to|will definitely|will surely) (?:get |be |start "
        r"to )?(?:better|easier|pass|fine|okay|alright|work out|improve|ease)\b",
        r"\b(?:gets|get|getting) (?:better|easier) (?:with|over) time\b",
        r"\bwith time\b(?! (?:off|limits?)\b)",
        r"\b(?:you|u) (?:did|are doing|have done|made|took) (?:the |a )?(?:right thing|"
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
        r"\byou should (?:be )?(?:\w+ )?proud\b",
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
        r"start|plan|decision|choice|sign|news|attitude|way|question)\b",
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
        r"\b(?:i am|i|we are|we) (?:so |really |very )?glad (?:you|that you|to hear)\b",
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
        r"\b(?:it is )?never too late\b|\bnot the end of the world\b|\byou still have time\b",
        r"\b(?:that is|it is|this is) (?:a |completely |perfectly |totally |very |"
        r"quite )*(?:normal|"
        r""
        r""
        r"natural|common|understandable) (?:part|thing|reaction|response|feeling|way)\b",
    ),
    "paraphrase": (
        r"\b(?:so )?(?:what )?(?:you are|you were|are you) (?:saying|telling me|describing)\b",
        r"\bwhat (?:i am|i) (?:hearing|hear|getting|understanding|understand)(?: from (?:you|this|"
        r"that))?(?: is)?\b",
        r"\bwhat you (?:are saying|are telling me|said|mean) is\b",
        r"\bif i (?:understand|understood|have understood|got|have got|heard|am hearing|am "
        r"understanding)(?: (?:you|this|that|it|everything))?(?: (?:correctly|right))?\b",
        r"\bif i have (?:this|that|it) right\b",
        r"\b(?:let me|just to|i want to|i just want to) (?:make sure|be sure|check|see if) "
        r"(?:that )?i (?:understand|understood|have (?:this|that|it|got)|got|am following|heard)\b",
        r"\b(?:so |and )?(?:you|u) (?:mentioned|said|told me|were saying|have said|have mentioned|"
        r"noted|explained)\b",
        r"\bas you (?:mentioned|said|described|explained)\b",
        r"\bi hear (?:that )?(?:you|your) (?:are|were|have|had|feel|want|did|got|need|keep|"
        r"can|cannot|can not)\b",
        r"\bso basically\b|\bin other words\b|\bbasically (?:you|your)\b",
        r"\bcorrect me if i am wrong\b",
        r"\bso (?:the|your) (?:main|real|biggest) (?:thing|issue|problem|concern|worry)\b",
        rf"\b(?:it|that)? ?(?:sounds|seems)(?: like| as if| as though| that)? (?:the|your|there|"
        rf"they|he|she|this|a lot|most|part|some|it|he|her|his|their|my|our)\b(?![^,]*\b(?:you|u)"
        rf"\b[^,]*\b{F}\b)",
        rf"\b(?:it|that)? ?(?:sounds|seems)(?: like| as if| as though| that)? (?:you|u)\b"
        rf"(?![^,]*\b{F}\b)",
        r"\b(?:so|and so) (?:what )?(?:you|u) (?:feel|felt|think|believe|are feeling) "
        r"(?:like|that|as if)\b",
        r"(?<!do )(?<!did )(?<!would )(?<!are )\byou (?:feel|felt|are feeling|have been feeling) "
        r"(?:like|that|as if|as though)\b",
        r"\bso you are (?:telling|saying)\b|\bwhat you are telling me\b",
    ),
    "inform": (
        *INFORM_STRONG,
        r"\b(?:are|is) (?:usually|often|typically|generally|commonly|normally) (?:the|a|an|very|"
        r"quite|more|less|caused|related|temporary)\b",
        r"\b(?:usually|typically|generally|normally|often) (?:takes|take|lasts|last|happens|"
        r"means|occurs|costs|affects)\b",
        r"\b(?:the|our|this|that) (?:policy|warranty|guarantee|return window|returns policy|"
        r"refund policy|store|shop|restaurant|price|cost|fee|delivery fee|menu|opening hours|"
        r"hours|system|website|offer|promotion|minimum order|item|product|model|option|branch|"
        r"service|office|outage|issue|problem|fault|delay|charge|card|app) (?:is|are|was|were|"
        r"covers|opens|closes|costs|has|had|shows|says|will|expires|applies|only|does not|did "
        r"not|can not|requires|takes|starts|ends|runs|comes|includes|became|went|needs)\b",
        r"\bour (?:policy|hours|prices|stores?|shops?|drivers?|team|kitchen|system|records|"
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
        r"\bi can see (?:that )?(?:your|the|there|an?|our|you have|you were|you are)\b",
        r"\bthe system (?:says|shows|is showing|has)\b|\b(?:my|the) screen (?:says|shows)\b",
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
        r"\bwe (?:have|had) (?:had )?(?:a|an|some|several|a few|reports|problems|issues) (?:of |"
        r"with )?(?:reports?|outages?|problems?|issues?|delays?|trouble|complaints)\b",
    ),
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
        r"(?<!that )(?<!who )(?<!anyone )(?<!someone )(?<!something )(?<!where )"
        r"\b(?:you|u) can (?:also |always |just |still |easily )?(?:try|consider|look into|"
        r"think about|talk to|ask|call|contact|reach out|use|check out|visit|pick|collect|"
        r"download|join|email|book|speak|request|apply|get (?:a|an|some|help|in touch)|switch|"
        r"find (?:a|some|support|help)|reset|restart|update|start by|search for)\b",
        r"\b(?:it|that) (?:often |really |sometimes |usually |also |can |may |might )?helps? "
        r"(?:to|if|when|me to|a lot to)\b|\bsometimes it helps\b",
        r"\b(?:can|could) (?:you|u) (?:maybe|perhaps|possibly)\b",
        r"\b(?:one|another|an|my|a good|a) (?:idea|option|thought|suggestion|alternative) "
        r"(?:is|would be|might be|could be)\b",
        r"\b(?:i|we) have (?:now |just |already |also )?(?:credited|refunded|issued|applied|sent|"
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
        r"write|find|let|give|do something|seek|think about|focus|spend|join|start|stop|keep|"
        r"avoid|set|see a|see someone|get (?:some|help|in touch|a|professional|out|more|"
        r"enough|support)|put|check|contact|visit|book|restart|reset|update|clear|unplug|use|"
        r"apply|open|treat|allow|remember|practi[cs]e|journal|exercise|rest|sleep)\b",
        r"\bit (?:might|may|could|would|can|should) (?:really |also |definitely |probably )?"
        r"(?:help|be (?:worth|a good idea|helpful|useful|good|beneficial|nice|worthwhile|smart|"
        r"wise|great)|make a (?:big |real |huge )?difference)\b",
        r"\bit is (?:probably |definitely |always |often )?(?:worth|a good idea|helpful|useful|"
        r"wise|smart) (?:to|trying|talking|asking|checking|looking|reaching|speaking|getting|"
        r"considering|having|taking|making|writing|seeing|calling)\b",
        r"\b(?:might|may|could|can|would) (?:really |also |definitely |probably )?"
        r"(?:help(?: (?:you|with|to|a lot|clear|calm|ease|relieve|manage|reduce))?|be "
        r"(?:helpful|worth (?:it|trying|a try))|clear your (?:head|mind)|make a (?:big |real |"
        r"huge )?difference|do you (?:some )?good|give you)\b",
        r"\b(?:how|what) about (?:\w+ing|we|you|a|an|some|trying|talking|calling|going|if)\b",
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
        r"\b(?:things|something|activities|stuff|hobbies|exercises|techniques) like\b.*\b(?:can|"
        r"could|might|may|will) (?:really |also |often )?(?:help|calm|clear|relax|ease|reduce|lift|"
        r"boost|improve)\b",
        r"\bcan (?:really |also )?(?:calm|relax|clear|lift|boost|settle) your (?:mind|mood|head|"
        r"spirits|nerves)\b",
        r"\bone thing (?:that |you |which )?(?:could|can|might|helps|helped|works|worked|you "
        r"could|to try|i would)\b",
        r"\bwhat (?:helped|helps|worked for|works for|has helped) me\b",
        r"\b(?:instead|alternatively|otherwise)\b.*\b(?:could|can|might|try)\b",
        r"\b(?:you|u) (?:could|can) (?:also )?(?:get|have|receive) (?:a|an|the) (?:refund|"
        r"replacement|credit|voucher|discount|exchange)\b",
        r"\b(?:people|many|some|others) (?:find|found|say|swear by) (?:that )?(?:\w+ ){0,4}?"
        r"(?:helps|can help|really helps|works|is helpful|makes a difference)\b",
        r"\b(?:can|could) you (?:please )?(?:try|check|restart|unplug|plug|click|open|go to|"
        r"turn|make sure|look at|switch|reset|reboot|clear|update|log)\b",
        r"\bif you (?:want|like|prefer|would like|wish)\b.*\b(?:i|we|you) (?:can|could)\b",
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
        r"it) (?:\w+ ){0,6}?(?:free|"
        r"never|will not|would not|less|more|save|longer|faster|cheaper|twice|without|do not)\b",
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
        r"\bwould (?:you|u) (?:like|want|care|fancy) (?:to (?:add|make (?:it|that)|upgrade|try|go "
        r"(?:large|for)|include|get|have|take)|(?:a|an|some|any|our|the) (?:\w+ )?(?:drink|side|"
        r"dessert|garlic|extra|upgrade|large|bottle|dip|warranty|sauce|salad|fries|wings|"
        r"coke|soda|cookie|protection|insurance|cover|plan|bundle|combo|meal))\b",
        r"\b(?:do|did) (?:you|u) want to (?:add|upgrade|make it|include)\b",
        r"\b(?:can|could|may|might) i (?:interest|tempt) you\b",
        r"\b(?:can|could|may) i (?:offer|suggest) (?:you )?(?:a|an|some|our) (?:\w+ )?(?:drink|"
        r"side|"
        r""
        r""
        r"dessert|garlic|upgrade|large|bottle|dip|warranty|extra|special|deal|combo)\b",
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
        r"\b(?:add|adding) (?:a|an|some|on a|on an) \w+\b(?=.*(?:\?|for|to (?:that|your|it)))",
        r"\bhow about (?:adding|a|some|making|upgrading)\b(?=.*\b(?:drink|side|dessert|garlic|"
        r"bread|large|upgrade|extra|wings|fries|warranty|cover|plan)\b)",
        r"\b(?:recommend|suggest) (?:the|our) (?:\w+ )?(?:plan|package|deal|upgrade|subscription|"
        r"bundle|premium|annual|membership)\b",
        r"\bwhile you are at it\b|\banything else to go with\b|\bto go with (?:that|it|your)\b",
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
        r"\b(?:is|are|has been|have been|was|are now|is now|is all|are all) (?:now |all )?"
        r"(?:confirmed|booked|booked in|all set|placed|sorted|noted|processed|scheduled|"
        r"arranged|updated|registered|logged|done|set up|in the system)\b(?! (?:for|by) (?:you|"
        r"the customer))",
        r"\b(?:got|have got|have|i have|i have got) (?:that|it|this|everything|all that) "
        r"(?:noted|down|written down|all down|saved|updated|logged)\b",
        r"^(?:got it|noted|all set|perfect|done|great|lovely|okay|brilliant|excellent|yes|yep|"
        r"yeah|exactly|correct|right|understood)$",
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
        rf" (?:\w+ ){{0,6}}?{_TIME}\b",
        r"\b(?:usually |normally |typically |generally )?takes? (?:about |around |up to |"
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
        r"\b(?:may|might|could|will|can) take (?:a (?:few|little|bit|while|moment|couple)|some "
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
    ),
    "transfer": (
        r"\btransfer(?:ring)? you\b|\btransfer (?:your|this) call\b",
        r"\b(?:put|putting|patch|patching) you (?:through|over) to\b",
        r"\bput you through\b",
        r"\bconnect(?:ing)? you (?:with|to|through)\b",
        r"\b(?:pass|passing|hand|handing) you (?:over )?to\b",
        r"\bredirect(?:ing)? you\b|\broute you to\b|\bsend you (?:over|through) to\b",
        r"\bi will get you (?:over )?to (?:the|our)\b",
        r"\b(?:the|our) (?:billing|returns|sales|tech(?:nical)?|accounts?|finance|complaints|"
        r"retention|support|customer care|claims) (?:department|team|desk|line|colleagues?)"
        r" (?:will|can|are better|is better)\b(?=.*\b(?:transfer|connect|through)\b)",
    ),
    "escalate": (
        r"\bescalat(?:e|ing|ed)\b(?! matrix)",
        r"\b(?:get|getting|speak to|speak with|involve|bring in|call|fetch|loop in|grab|ask|"
        r"consult|check with|bring) (?:my|a|the|our) (?:supervisor|manager|team lead|team "
        r"leader|senior|line manager|manager on duty|superior|boss|duty manager|head of)\b",
        r"\b(?:manager|supervisor|team lead|senior) (?:involved|on the line|to call|to look|"
        r"to review|to contact|to approve)\b",
        r"\braise (?:this|it|that) (?:with|to) (?:my|a|the|our)\b",
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
        r"\bgood ?bye\b|\bbye\b|\bbye bye\b|\bsee you\b|\btalk (?:to you )?soon\b|"
        r"\bcatch you later\b",
        r"\btake care\b(?! of)|\bgood night\b|\ball the best\b|\bbest wishes\b",
        r"\banything else (?:i|we) (?:can|could|may) (?:help|do|assist|sort)\b",
        r"\bis there anything else\b|\banything else for you\b|\bwill that be all\b|\bis that "
        r"everything\b|\bis that all for (?:today|now)\b",
        r"\bthank(?:s| you) for (?:calling|contacting|choosing|shopping|your call|your time|"
        r"ordering|chatting|being a)\b(?=.*\b(?:day|evening|night|bye|care|enjoy|soon|weekend|"
        r"meal)\b)",
        r"\b(?:that is|that should be) (?:all|everything) (?:from me|for now|for today|sorted)\b",
        r"\bfeel free to (?:call|contact|reach out|get in touch)\b.*\b(?:again|back|anytime|any "
        r"time)\b",
    ),
    "blame_customer": (
        r"\b(?:you|u) (?:should|ought to|could|would|must) (?:really )?have (?!(?:received|got|"
        r"gotten|been (?:sent|emailed|notified|given|told|informed|charged|refunded|contacted)|"
        r"seen|heard|had|felt|been so|been (?:really|very)|been hard|been scary|been awful|been "
        r"terrible|been difficult|been tough)\b)",
        r"\byour (?:own )?fault\b|\bon you\b(?! (?:to|for|about))|\byour (?:own )?(?:mistake|"
        r"error|problem)\b(?! (?:is|was) (?:fine|fixed))",
        r"\b(?:you|u) must have (?:typed|entered|put|given|made|done|misread|forgotten|clicked|"
        r"ordered|selected|used|written|misunderstood|deleted|missed|pressed|chosen|ignored)\b",
        r"\b(?:you|u) (?:clearly|obviously|probably|just) (?:entered|typed|gave|made|did|put|"
        r"forgot|did not|misread|clicked|ordered|selected|missed|ignored|messed|got it wrong|"
        r"pressed|chose|used|broke|dropped|damaged)\b",
        r"\bif (?:you|u) (?:had|would have|would of) (?:read|checked|listened|paid|followed|"
        r"looked|called|entered|given|been|just|bothered|actually)\b",
        r"\b(?:you|u) (?:did not|never|failed to|forgot to) (?:read|check|listen|follow|pay "
        r"attention|look|update|tell us|enter|give us|provide|confirm|answer|bother)\b",
        r"\b(?:you are|you were) the one (?:who|that)\b",
        r"\b(?:because|since) (?:you|u) (?:did not|failed|forgot|entered|gave|typed|ordered|"
        r"chose|selected)\b",
        r"\buser error\b|\b(?:you|u) (?:made|caused) (?:a|the|this|that) (?:mistake|error|problem|"
        r"mess)\b",
        r"\b(?:you|u) gave (?:us|me) (?:the )?wrong\b|\bthat is on you\b",
        r"\bnext time (?:you should|read|check|make sure|try to|pay)\b",
        r"\b(?:you|u) (?:entered|typed|gave|put|selected|ordered|chose) (?:the |a )?(?:wrong|"
        r"incorrect)\b",
    ),
    "argue": (
        r"\b(?:that is|it is|this is|that was) (?:simply |just |absolutely |completely |totally "
        r")?(?:not true|not correct|wrong|incorrect|false|not what happened|not how it works|"
        r"not right|untrue|not the case)\b",
        r"\b(?:you are|you were|you are just) (?:simply |just |completely |totally )?(?:wrong|"
        r"mistaken|incorrect|confused|misremembering)\b",
        r"^no (?:no )?(?:that is|you are|it is|we|it was|i)\b(?! (?:problem|worries))",
        r"\b(?:as )?i (?:already |just |clearly |have already )(?:said|told you|explained|mentioned"
        r"|stated)\b|\bas i (?:said|told you|explained|mentioned)\b",
        r"\bhow many times\b|\bi have (?:already |now )?(?:told|said|explained) (?:you|this|that|"
        r"it)"
        r" (?:already|twice|three times|before|several times)\b",
        r"\bwe never said\b|\bthat never happened\b|\bi never said\b|\bwe did not say\b",
        r"^actually no\b|\bactually you are\b|\bi do not agree\b|\bi disagree\b|"
        r"\bwith all due respect\b|\bthat is not (?:what|how) (?:i|we|it)\b",
        r"\b(?:you are not|you are clearly not|you are obviously not) listening\b",
        r"\b(?:there is )?no way (?:that|it|the driver|he|she|we)\b",
        r"\bit is not (?:our|my) fault\b|\bnot our fault\b|\bwe did nothing wrong\b|\bwe did "
        r"everything right\b",
        r"\bthe driver was (?:there )?on time\b|\bwe (?:did|have) (?:deliver|deliver)ed\b",
    ),
    "dismiss": (
        r"\bcalm down\b|\brelax\b(?! and)|\bchill out\b|\bsettle down\b",
        r"\bnothing (?:i|we|anyone) can (?:really )?do\b|\bnot much (?:i|we) can do\b|"
        r"\bthere is nothing (?:i|we|to be done)\b",
        r"\bnot my (?:problem|fault|job|department|responsibility|concern|issue)\b",
        r"\b(?:it is|that is|this is)? ?(?:not|no) (?:a |that )?big deal\b",
        r"\b(?:you are|you are being|stop) overreact(?:ing)?\b|\boverreacting\b|\bbeing "
        r"dramatic\b|\bso dramatic\b",
        r"\bwhatever\b",
        r"\b(?:it is|that is|this is) (?:just )?(?:company |our )?policy\b(?=.*\b(?:can not|"
        r"nothing|sorry|deal|just)\b)|\bcompany policy\b",
        r"\bi can not (?:change|do anything about|help (?:you )?with) (?:it|that|this)\b",
        r"\b(?:it is|that is|this is) (?:just )?(?:how|the way) (?:it is|things are|it works)\b",
        r"\bdeal with it\b|\bit is what it is\b|\bget over it\b|\btoo bad\b|\btough luck\b|"
        r"(?:^|, )so what(?:$| ,)|\bwho cares\b|\bi do not care\b",
        r"\b(?:you will|you will just|you would|you will have|you just have) (?:just )?have to "
        r"(?:wait|call|deal|live with|accept|put up|contact)\b",
        r"\bit is (?:just|only) (?:a|one) (?:pizza|minor|small|little|few|order|delay|parcel|"
        r"package|mistake)\b|\bit is only \d+ minutes\b",
        r"\bthere is no need to (?:shout|get upset|be upset|yell|get angry|be rude)\b",
        r"\bnot (?:that|a) big (?:of a )?deal\b|\bmaking a (?:big )?(?:deal|fuss)\b",
        r"\bnot (?:something|anything) (?:i|we) (?:can|could) (?:help|do)\b",
        r"\bthat is not (?:our|my) (?:department|area|problem)\b|\btake it up with\b",
    ),
    "jargon": (
        r"\b(?:sku|skus|rma|rmas|sla|slas|crm|erp|oms|wms|3pl|api|apis|dns|ont|olt|cpe|mrr|"
        r"kpi|aht|fcr|csat|ivr|acd|tat|sop|pos system|ach|bin|mtu|vlan|sso|jira|zendesk)\b",
        r"\b(?:l|tier ?|t|level ?)[123]\b(?: (?:queue|support|team|ticket|engineer|escalation))?",
        r"\b[pP][1-4] (?:incident|ticket|case|priority|issue)\b",
        r"\bback ?end\b|\bback-end\b|\bsync(?:ing|ed|s)?\b(?! up with (?:you|me))|\bresync\b",
        r"\b(?:the )?ticket (?:is )?in (?:the )?\w* ?queue\b|\bqueue (?:status|position)\b",
        r"\b(?:re)?provision(?:ing|ed)?\b|\bescalation matrix\b|\bworkflow\b|\bbatch (?:job|"
        r"run|process)\b|\bledger\b|\bchargeback\b|\bpayload\b|\bendpoint\b|\bserver side\b|"
        r"\bdatabase\b|\bticketing system\b|\bwork order\b|\bdisposition code\b|\bwrap code\b|"
        r"\bcache invalidation\b|\bmiddleware\b|\bhotfix\b|\bpatch release\b|\bnode\b|"
        r"\bcron\b|\bmicroservice\b|\bdeployment\b|\bfulfil?ment (?:center|centre|node)\b",
        r"\bthe system flagged\b|\bflagged by the system\b|\bauth (?:token|failure)\b|"
        r"\b(?:pending|stuck in) (?:the )?(?:backend|sync|queue|batch)\b",
    ),
    "rude": (
        r"\b(?:are|r) (?:you|u) (?:stupid|dumb|an idiot|deaf|thick|slow|serious|kidding|"
        r"joking|even listening|listening|crazy|insane|blind|for real)\b",
        r"\b(?:you are|you|u) (?:stupid|dumb|an idiot|idiot|a moron|useless|pathetic|"
        r"ridiculous|annoying|impossible|unbelievable|clueless)\b",
        r"\bidiot\b|\bmoron\b|\bstupid question\b|\bdumb question\b|\bshut up\b|\bugh\b|"
        r"\bfor god sake\b|\bfor goodness sake\b|\bfor crying out loud\b|\bjesus christ\b|"
        r"\bdamn\b|\bhell\b|\bcrap\b|\bbloody\b|\bfreaking\b|\bfucking\b|\bshit\b|\bfuck\b",
        r"\bi do not have all day\b|\buse your (?:brain|head|eyes)\b|\bnot rocket science\b|"
        r"\bget a clue\b|\blearn to read\b|\bcan not you read\b|\bwhat is wrong with you\b|"
        r"\blisten (?:here|lady|mate|pal|buddy|sir|man)\b|\bpay attention\b|\bseriously$",
        r"\bhow many times do i (?:have|need) to\b|\bi am not (?:going to|gonna) repeat\b|"
        r"\bare you even\b|\bwhat part of\b|\bdo you even\b|\bget off (?:the|my) (?:phone|line)\b",
        r"\bi am (?:hanging up|done with you)\b|\bwaste of (?:my )?time\b|"
        r"\bnot my job to babysit\b",
    ),
    "interrupt": (
        r"\blet me (?:just )?(?:stop|interrupt|cut in|jump in|cut you off|stop you)\b",
        r"\b(?:i need to|i have to|i am going to|i will|can i|sorry to|i must) (?:just )?"
        r"(?:stop|interrupt|cut) you\b|\bsorry to (?:interrupt|cut you off|cut in)\b",
        r"\b(?:stop|quit) (?:talking|right there|there|interrupting)\b",
        r"\blet me (?:talk|speak|finish|get a word in)\b",
        r"^(?:hold on|wait|stop)(?: (?:hold on|wait|stop|a second))+\b|^(?:wait|stop) (?:let me|"
        r"listen)\b|\bhold on hold on\b|\bwait wait\b",
        r"\bcan i (?:just )?(?:say something|get a word in|finish|speak|talk)\b",
        r"\b(?:just )?listen to me\b|\bshut up\b|\bbe quiet\b|\bzip it\b",
        r"\byou are not letting me (?:talk|speak|finish)\b|\bif you (?:would|could|will) (?:just )?"
        r"let me (?:finish|speak|talk)\b",
    ),
    "overpromise": (
        r"\b(?:i|we) (?:absolutely |personally |100 percent |fully |can )?guarantee\b|"
        r"\bguaranteed\b",
        r"\b100 ?(?:%|percent\b|per cent\b)|\ba hundred percent\b",
        r"\b(?:will|is going to|shall) never (?:ever )?(?:happen|occur|be late|go wrong|break|"
        r"fail)\b(?: again)?|\bnever happen again\b",
        r"\bi promise (?:you )?(?:it|that|this|the|your|we|they|he|she|you will|you are)\b",
        r"\b(?:definitely|certainly|absolutely|for sure|surely) (?:will )?(?:be (?:there|ready|"
        r"delivered|fixed|done|working|with you|resolved)|arrive|get there|be back|work)\b",
        r"\b(?:will|be) (?:definitely|certainly|absolutely) (?:be )?(?:there|arrive|ready|"
        r"delivered|fixed|done|working|resolved)\b",
        r"\bi am (?:absolutely |completely |totally |100 percent )(?:sure|certain|positive)\b",
        r"\bwithout (?:a|any) doubt\b|\bnothing (?:will|can) go wrong\b|\balways on time\b|"
        r"\bin \d+ minutes flat\b|\bno matter what\b",
        r"\b(?:it|this) will (?:definitely|certainly|absolutely) (?:not|never) happen\b",
    ),
}

COMPILED: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(f"(?:{p})" for p in pats)) for name, pats in PATTERNS.items()
}

# --- clause-start rules --------------------------------------------------------------

# An advice imperative at the start of a clause: "try to get some sleep", "maybe
# write it down", "unplug it for 30 seconds".
IMPERATIVE_ADVICE = re.compile(
    rf"^{DISCOURSE}(?:(?:maybe|perhaps|just|please|also|then|instead|first|definitely|"
    rf"really|always|simply|next|now|i would|you should) )*{ADVICE_VERBS}\b"
)
# "So you ..." / "so your ..." restating what the customer said; excludes future and
# instructions ("so you will get a text", "so you can pick it up").
SO_RESTATE = re.compile(
    r"^(?:(?:okay|right|i see|alright|ah|oh|hmm|yeah|and) )*so (?:basically |just |essentially |"
    r"in short )?(?:you|u|your \w+|you have|you are)\b(?! (?:will|can|could|should|might|would|"
    r"need to|have to|must|know|see|are all set|are booked)\b)(?! \w+ (?:will|can|should|would)\b)"
)
# A declarative "so ..." question: "so the main thing is X?", "so it is the commute?"
SO_QUESTION = re.compile(
    r"^(?:(?:okay|right|i see|alright|ah|oh|hmm|yeah|and) )*so (?!(?:what|when|where|who|why|"
    r"how|which|is|are|do|does|did|can|could|would|will|should|have|has|may|shall|am|if)\b)\w+"
)
# Absorbers: question-form clauses that are really something else.
QUESTION_ABSORB = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            *PATTERNS["confirm"][:3],
            r"\b(?:have|had) (?:you|u) (?:ever )?(?:tried|considered|thought (?:about|of)|looked "
            r"(?:into|at))\b",
            r"\bdid (?:you|u) (?:try|consider|think about)\b",
            r"\bwhy (?:do not|not) (?:you|we|u)\b|\bwhy not\b",
            r"\b(?:how|what) about\b|\bwhat if\b",
            r"\b(?:would|could|might) it (?:help|be (?:worth|helpful|an option))\b",
            r"\bwould (?:you|u) (?:consider|be open to|be willing to|try|like to try)\b",
            r"\b(?:can|could) (?:you|u) (?:please )?(?:try|check|restart|unplug|plug|click|open|"
            r"go to|turn|make sure|switch|reset|reboot|clear|update|log)\b",
            r"\b(?:can|could) (?:you|u) (?:maybe|perhaps|possibly)\b",
            *PATTERNS["upsell"][:4],
            *PATTERNS["hold_request"][:6],
            *PATTERNS["verify_identity"],
            r"\btransfer|\bput you through|\bconnect you\b",
            r"\b(?:are you|you are) (?:saying|telling me)\b|\bis that what you\b",
            r"\b(?:am i|is that) right\b",
        )
    )
)
