"""Cue patterns for the harmful moves: blaming, arguing, dismissing, jargon, rudeness,
interrupting, overpromising.

Kept apart because they are scored as penalties: a false alarm here costs the trainee
points, so these cues are narrower than the helpful ones (e.g. "that's not true" is
not arguing when it comes with reassurance, which techniques.py checks).
"""

from __future__ import annotations

# A discount the operator has no authority to give, hedged ("I can probably do you ten
# percent off", "I reckon I can get you 15% off") or offered as a personal deal ("for you
# I'll do twenty a kilo"): the customer hears a promise. techniques.py drops the
# offer_solution reading of such a line.
DEAL_PROMISES: tuple[str, ...] = (
    r"\b(?:(?:i|we) (?:can|could|will|would|should|might|may) (?:probably|possibly|maybe|likely|"
    r"perhaps)|(?:i|we) (?:should|might|may) be able to|i (?:reckon|think|bet|am sure|guess) "
    r"(?:i|we) (?:can|could))\b(?=.*\b(?:\d+ ?(?:%|percent|per cent) off|(?:knock|take|shave) "
    r"(?:\w+ ){0,3}?off|do you (?:\w+ ){0,3}?off|get you (?:\w+ ){0,3}?off|discount|cheaper|"
    r"better (?:price|deal|rate)|(?:do|give|get) (?:you|it|them|that) (?:\w+ ){0,2}?(?:for|at) "
    r"(?:just |only )?\$?\d+)\b)",
    r"\bfor you(?: ,)? (?:i|we) (?:will|can|could|would) (?:do|give|let you have|make|knock|"
    r"take)\b",
)

HARMFUL: dict[str, tuple[str, ...]] = {
    "blame_customer": (
        r"\b(?:you|u) (?:should|ought to|could|would|must) (?:really )?have (?!(?:received|got|"
        r"gotten|been (?:sent|emailed|notified|given|told|informed|charged|refunded|contacted)|"
        r"seen|heard|had|felt|been so|been (?:really|very)|been hard|been scary|been awful|been "
        r"terrible|been difficult|been tough)\b)",
        r"\byour (?:own )?fault\b|\b(?:is|was|that is|it is) (?:all |entirely |totally |"
        r"completely |really )?on you\b(?! (?:to|for|about))|\byour (?:own )?(?:mistake|"
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
        r"\b(?:you|u) (?:did not|never) (?:\w+ ){1,5}?(?:properly|correctly|right|carefully)\b",
        r"\b(?:you are|you were) the one (?:who|that)\b",
        r"\b(?:because|since) (?:you|u) (?:did not|failed|forgot|entered|gave|typed|ordered|"
        r"chose|selected)\b",
        r"\buser error\b|\b(?:you|u) (?:made|caused) (?:a|the|this|that) (?:mistake|error|problem|"
        r"mess)\b",
        r"\b(?:you|u) gave (?:us|me) (?:the )?wrong\b|\bthat is on you\b",
        r"\bnext time (?:you should|read|check|make sure|try to|pay)\b",
        r"\b(?:you|u) (?:entered|typed|gave|put|selected|ordered|chose) (?:the |a )?(?:wrong|"
        r"incorrect)\b",
        r"\b(?:you|u) (?:probably|most likely|likely|clearly|obviously|presumably|evidently|must "
        r"have) (?:just |simply |accidentally |already )?(?!(?:felt|wanted|needed|expected|deserved|"
        r"hoped|tried|worried|wondered|thought|imagined|noticed|learned|learnt|realized|assumed|"
        r"believed|cared|loved|missed|feared|panicked|struggled|suffered|started|figured|heard|seen|"
        r"been|had|got|gotten|received|meant|liked|enjoyed|needed|reached|called|asked)\b)"
        r"(?:\w+ed|forgot|did|made|put|set|hit|gave|took|chose|sent|wrote|broke|bought|signed|"
        r"clicked|pressed|typed|entered|ordered|deleted|ignored|missed)\b",
        r"\b(?:you|u) (?:just |simply )?(?:were not|did not|have not|had not|do not) (?:order|"
        r"ordering|buy|buying|spend|spending|pay|paying|use|using|top|topping) (?:\w+ ){0,3}?"
        r"enough\b",
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
        r"\b(?:there is )?no way (?:that|it|the driver|he|she|we|our|the system|this)\b",
        r"\b(?:our|the) (?:\w+ )?(?:system|systems|billing|software|machines?|app|website|process|"
        r"team|drivers?|staff|warehouse|couriers?) (?:does not|do not|did not|never|can not|could "
        r"not|would not|will not|has never|have never) (?:\w+ )?(?:double charge|double bill|"
        r"charges? (?:anyone |people |customers |you )?twice|bills? (?:anyone |you )?twice|make "
        r"(?:mistakes|errors)|get (?:it|this|that|orders) wrong|lose (?:parcels|orders|packages)|"
        r"overcharge|do that|work like that)\b",
        r"\bwe (?:do not|never|did not|would never|have never) (?:make (?:mistakes|errors)|double "
        r"charge|overcharge|charge (?:anyone |people |you )?twice|get (?:it|this|that|orders) "
        r"wrong|lose (?:parcels|orders|packages))\b",
        r"\b(?:our|the) (?:prices|rates|pricing|charges|fees|terms) (?:were|have|has|was|have "
        r"always|has always) (?:always |been always |always been |been )?(?:fair|competitive|"
        r"reasonable|correct|right|accurate|clear)\b",
        r"\bit is not (?:our|my) fault\b|\bnot (?:our|my) fault\b|\bwe did nothing wrong\b|\bwe did "
        r"everything right\b",
        r"\bthe driver was (?:there )?on time\b|\bwe (?:did|have) (?:deliver|deliver)ed\b",
    ),
    "dismiss": (
        r"\bcalm down\b|(?:^|, )(?:just |please |now |hey |look |okay )*relax\b(?! and)|"
        r"\b(?:you need to|just) relax\b|\bchill out\b|\bsettle down\b",
        r"\bnothing (?:i|we|anyone) can (?:really )?do\b|\bnot much (?:i|we) can do\b|"
        r"\bthere is nothing (?:i|we|to be done)\b",
        r"\bnot my (?:problem|fault|job|department|responsibility|concern|issue)\b",
        r"\b(?:it is|that is|this is)? ?(?:not|no) (?:a |that )?big deal\b",
        r"\b(?:you are|you are being|stop|quit) (?:a bit |so |really |totally )?overreact(?:ing)?\b|"
        r"(?<!not )\bbeing (?:so )?dramatic\b|(?<!not )\bso dramatic\b",
        r"\bwhatever\b",
        r"\b(?:it is|that is|this is) (?:just )?(?:company |our )?policy\b(?=.*\b(?:can not|"
        r"nothing|sorry|deal|just)\b)|\bcompany policy\b",
        r"\bi can not (?:change|do anything about|help (?:you )?with) (?:it|that|this)\b|"
        r"\bi can not do anything\b(?! else)",
        r"\b(?:it is|that is|this is) (?:just |simply )?(?:how|the way) (?:it is|things are|it "
        r"works|(?:our|the) \w+ works)\b",
        r"(?<!to )(?<!how )(?<!you )(?<!can )\bdeal with it\b|\bit is what it is\b|"
        r"\bget over it\b|\btoo bad\b|\btough luck\b|"
        r"(?:^|, )so what(?:$| ,)|(?:^|, )who cares(?:$| ,)|\bi do not care\b",
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
        r"\b(?:dhcp|tcp|udp|ssid|subnet|nat type|mac address|ip address|the ip|dns|isp|firmware|"
        r"packet loss|port forwarding|default gateway|ethernet|ipconfig|wan|lan)\b|"
        r"\bpower[- ]?cycl\w*|\b(?:release|releasing) and (?:renew|renewing)\b|\b(?:dhcp|ip) lease\b|"
        r"\bre ?flash\w*\b",
        r"\bthe system flagged\b|\bflagged by the system\b|\bauth (?:token|failure)\b|"
        r"\b(?:pending|stuck in) (?:the )?(?:backend|sync|queue|batch)\b",
    ),
    "rude": (
        r"\b(?:are|r) (?:you|u) (?:stupid|dumb|an idiot|deaf|thick|slow|serious|kidding|"
        r"joking|even listening|listening|crazy|insane|blind|for real)\b",
        r"\b(?:you are|you|u) (?:stupid|dumb|an idiot|idiot|a moron|useless|pathetic|"
        r"ridiculous|annoying|impossible|unbelievable|clueless)\b",
        r"\bidiot\b|\bmoron\b|\bstupid question\b|\bdumb question\b|\bshut up\b|"
        r"\bugh\b(?! (?:that|this|it is|i am|so sorry|sorry|how|what|poor|i hate|i know)\b)|"
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
        *DEAL_PROMISES,
    ),
}
