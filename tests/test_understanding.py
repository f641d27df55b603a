"""Techniques: one unit test per technique (what must fire, what must not), the API
contract (vocabulary order, uniqueness, no context needed), normalisation, dead air
and per-scenario extra phrases."""

from __future__ import annotations

# The phrase tables' own tests. The tables are no longer the answer for techniques and
# asks (the learned model is: tests/test_understanding_model.py); they stay as the
# model's features, its exact parsers and the benchmark's baseline, so they keep their
# behaviour.
import pytest

from simulator.understanding import (
    Analysis,
    Context,
    classify_techniques,
    normalize,
)
from simulator.understanding.engine import analyze_rules as analyze
from simulator.understanding.normalize import split_sentences
from simulator.understanding.questions import is_interrogative
from simulator.vocab import HARMFUL_TECHNIQUES, TECHNIQUES

# technique -> utterances that must carry it (other techniques may be present too)
POSITIVE: dict[str, list[str]] = {
    "greet": ["Hello, how can I help?", "good morning!", "hi there, thanks for calling Tony's",
              "Welcome to Northwind support"],
    "introduce_self": ["my name is Alex", "this is Sam from Pizzeria Roma",
                       "good evening, Priya speaking", "you're speaking with Jo from billing"],
    "verify_identity": ["for security, can you confirm your date of birth?",
                        "could you verify the last 4 digits of the card?",
                        "what's the email address on your account?",
                        # asking for identifying data is the identity check
                        "Can I take your account number first, please?",
                        "Could you give me the phone number on the order?",
                        "can u give me ur date of birth", "what's the name it's booked under?"],
    "empathize": ["That must have been really hard for you.", "I understand how frustrating that is.",
                  "you sound exhausted", "i can only imagine how lonely that feels",
                  "that sounds awful", "I'm so sorry to hear about your dad",
                  "It sounds like you're overwhelmed with work.", "I'd be upset too"],
    "apologize": ["I apologise for the delay", "sorry about that", "my apologies",
                  "we're really sorry for the mix-up", "I'm sorry you've been waiting so long",
                  "I'm sorry you've had to call twice"],
    "take_ownership": ["let me check your order right away", "I'll look into this for you",
                       "leave it with me", "that's completely our fault", "i'll fix it now"],
    "reassure": ["don't worry, we'll get this sorted", "you're not alone in this",
                 "it will get better", "You're doing the right thing by reaching out.",
                 "it's okay to feel like that", "I'm sure you'll find something",
                 "that's a really positive step",
                 "I'll stay on the line so you don't have to repeat yourself",
                 "I'm not going anywhere", "keep going, you're almost there"],
    "probe_question": ["How long have you been feeling like this?", "do you have anyone to talk to",
                       "what happened after that", "Could I get your phone number?",
                       "is there someone at work you trust", "hey there how r u feeling today"],
    "paraphrase": ["So you feel like your friends don't understand you?",
                   "so basically the driver went to the wrong house",
                   "if I understand correctly, you were charged twice",
                   "you mentioned the box was damaged", "what I'm hearing is you want a refund",
                   "It sounds like the parcel never arrived."],
    "inform": ["Studies show that regular exercise helps with stress.",
               "According to the CDC, one in five adults has a mental illness.",
               "We deliver until 11 pm on weekdays.", "Your account shows a balance of $42.",
               "There are free hotlines you can call any time.",
               "I'm calling to remind you about your annual boiler service",
               "New accounts are set up by our head of sales",
               "I can only see the last four digits"],
    "offer_solution": ["Have you tried talking to your manager about it?",
                       "Maybe you could write down your thoughts each evening.",
                       "I can send you a replacement today", "you might want to restart the app",
                       "why don't you take a short walk", "Try unplugging it for 30 seconds.",
                       "it might help to talk to someone",
                       "What I can do straight away is put the $45 back as a credit",
                       "I can take it now on the card ending 4410",
                       "I'll also put a ten pound credit on the account"],
    "explain_value": ["the annual plan saves you two months", "it comes with free installation",
                      "the large is better value"],
    "upsell": ["Would you like to add a garlic bread?", "can I interest you in our dessert special",
               "make it a large for just a dollar more", "Are you alright for oat milk?",
               "Shall I pop one on?", "would you like any vanilla syrup while I'm at it?",
               "Do you want oat milk as well?", "We've also just started stocking paper straws"],
    "read_back": ["let me read that back to you: two large pepperoni",
                  "so that's 2 pizzas to 12 Oak Street", "I have you down for a medium veggie",
                  "Okay, so six kilos of beans, two boxes of cups"],
    "confirm": ["is that correct?", "does that sound right?", "great, your order is confirmed",
                "yes, that's right"],
    "set_expectation": ["it should arrive in about 40 minutes",
                        "the refund takes 3 to 5 business days",
                        "you'll get a confirmation text within a few minutes"],
    "hold_request": ["can I put you on hold for a moment?", "please hold", "bear with me",
                     "one moment please"],
    "transfer": ["I'll transfer you to billing", "let me connect you with tech support",
                 "I'm putting you through to the manager on duty",
                 "I'll put you straight through to her", "I'm connecting you now"],
    "escalate": ["I'll escalate this to my supervisor", "let me get a manager involved",
                 "I'll pass this on to our senior team",
                 "it needs my supervisor's approval, so I'm bringing her in now"],
    "thank": ["thank you for your patience", "thanks for holding", "I appreciate you waiting"],
    "close": ["have a great day", "goodbye!", "is there anything else I can help you with?",
              "take care"],
    "blame_customer": ["you should have checked the address", "that's your own fault",
                       "you must have typed it wrong",
                       "You probably signed up for the plan twice yourself",
                       "you just weren't ordering enough"],
    "argue": ["that's not true", "no, you're wrong", "as I already told you, it's fixed",
              "Our system doesn't double charge", "our prices were always fair",
              "it's not my fault the drivers are busy"],
    "dismiss": ["calm down", "there's nothing I can do", "that's not my problem",
                "you're overreacting"],
    "jargon": ["the SKU isn't syncing with the backend", "I'll raise an RMA",
               "the ticket's in L2 queue", "our CRM shows the SLA was breached",
               "power-cycle the router to renew the DHCP lease"],
    "rude": ["are you stupid?", "ugh, whatever", "how many times do I have to explain this"],
    "interrupt": ["let me stop you there", "hold on, let me talk", "wait wait, let me finish"],
    "dead_air": ["[silence]", "...", "  "],
    "overpromise": ["I guarantee it will be there in 10 minutes", "this will never happen again",
                    "I'm 100% sure it'll be fixed",
                    # a discount without authority, hedged or as a personal deal
                    "I can probably do you ten percent off", "for you I'll do it for twenty"],
}

# utterances that must NOT carry the technique (precision: common confusions)
NEGATIVE: dict[str, list[str]] = {
    "apologize": ["I'm so sorry for your loss.", "sorry to hear that"],
    "probe_question": ["Have you tried restarting it?", "Is that correct?",
                       "Would you like to add a drink?", "So you feel nobody listens?",
                       "Can I put you on hold?", "your package is stuck at customs, which is "
                       "outside our control"],
    "inform": ["I'm so sorry to hear that, it must be hard.", "You're doing great."],
    "offer_solution": ["I can probably do you ten percent off", "I'm glad I could help",
                       "Do you have anyone you can talk to?", "I'm going to put you on hold.",
                       "Would you like to add a garlic bread?", "I'm here for you if you need to talk"],
    "paraphrase": ["Do you feel that your husband supports you?", "what do you mean by that",
                   "Sounds like you've had a really rough week."],
    "empathize": ["if I understand right, you want to cancel", "Could I get your phone number?",
                  "Breathing slows your heart rate when you're panicking."],
    "close": ["I'll take care of it personally.", "the engineer will see you tomorrow at nine"],
    "take_ownership": ["it's not my fault the drivers are busy", "not my fault the courier lost it"],
    "verify_identity": ["I can only see the last four digits", "Did you get an email from us?",
                        "Did you call the phone number on the website?"],
    "confirm": ["Okay.", "Right.", "New accounts are set up by our head of sales"],
    "upsell": ["I'm adding a twenty percent voucher on top", "Would you like to talk about it as well?",
               "Can I put you on hold?", "Do you want some help with that too?"],
    "overpromise": ["Things will get better, I promise, it just takes time."],
    "argue": ["That's not true at all, you're a wonderful mother."],
    "set_expectation": ["I know it's hard, but you will get through this."],
    "greet": ["Thank you for calling, have a great evening!"],
    "dead_air": ["ok", "Hmm.", "um"],
}


@pytest.mark.parametrize(
    ("technique", "text"), [(t, x) for t, xs in POSITIVE.items() for x in xs]
)
def test_technique_fires(technique: str, text: str) -> None:
    assert technique in analyze(text).techniques, (text, analyze(text).techniques)


@pytest.mark.parametrize(
    ("technique", "text"), [(t, x) for t, xs in NEGATIVE.items() for x in xs]
)
def test_technique_does_not_fire(technique: str, text: str) -> None:
    assert technique not in analyze(text).techniques, (text, analyze(text).techniques)


def test_every_technique_has_positive_examples() -> None:
    assert set(POSITIVE) == set(TECHNIQUES)


def test_several_techniques_in_vocabulary_order() -> None:
    got = analyze("I'm so sorry about that, let me check your order right away").techniques
    assert got == ("apologize", "take_ownership")
    order = {t: i for i, t in enumerate(TECHNIQUES)}
    text = ("Hi, this is Sam. I'm sorry to hear that, let me check. Could I get your phone "
            "number? Thanks, have a nice day")
    techniques = analyze(text).techniques
    assert list(techniques) == sorted(techniques, key=order.__getitem__)
    assert len(set(techniques)) == len(techniques)
    assert {"greet", "introduce_self", "empathize", "take_ownership", "probe_question", "thank",
            "close"} <= set(techniques)


def test_classify_techniques_is_analyze_as_list() -> None:
    from simulator.understanding import analyze as analyze_model

    text = "Have you tried talking to your manager about it?"
    assert classify_techniques(text) == list(analyze_model(text).techniques)
    assert "offer_solution" in classify_techniques(text)
    assert list(analyze(text).techniques) == ["offer_solution"]


def test_suggestion_question_may_also_be_a_question() -> None:
    assert list(analyze("Do you think talking to your teacher would help?").techniques) == [
        "probe_question", "offer_solution"]


def test_analysis_shape_without_context() -> None:
    a = analyze("Could I get your phone number?")
    assert isinstance(a, Analysis)
    assert a.text == "Could I get your phone number?"
    assert a.is_question
    assert a.asks == ("phone",)
    assert a.card_number_spoken is False
    assert a.items == ()


@pytest.mark.parametrize("text", ["Okay.", "Right.", "Hmm.", "Mm-hm.", "I see.", "uh huh"])
def test_bare_acknowledgement_has_no_technique(text: str) -> None:
    assert analyze(text).techniques == ()


def test_identity_question_is_also_a_probe() -> None:
    assert analyze("Could I take your name and the phone number on your account first?"
                   ).techniques == ("verify_identity", "probe_question")
    assert analyze("I just need to verify your identity before we continue.").techniques == (
        "verify_identity",)


def test_dead_air_only_from_markers() -> None:
    assert analyze("[silence]").techniques == ("dead_air",)
    assert analyze("(pause)").techniques == ("dead_air",)
    assert "dead_air" not in analyze("so... anyway, how can I help").techniques


def test_harmful_techniques_are_vocabulary() -> None:
    assert set(POSITIVE) >= HARMFUL_TECHNIQUES


def test_extra_phrases_add_technique_fuzzily() -> None:
    ctx = Context(extra_phrases={"apologize": ("we regret the inconvenience",),
                                 "not_a_technique": ("hello",)})
    assert "apologize" in analyze("We regret the inconvenence caused.", ctx).techniques
    assert "apologize" not in analyze("The pizza is on its way.", ctx).techniques


def test_analyze_is_deterministic() -> None:
    text = "It sounds like you're exhausted, maybe you could take a day off?"
    assert analyze(text) == analyze(text)


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("I'm sorry, um, you're right", "i am sorry , you are right"),
        ("im sorry u cant make it", "i am sorry you can not make it"),
        ("ill fix it now", "i will fix it now"),
        ("she is ill", "she is ill"),
        ("five five five oh one four two", "5 5 5 0 1 4 2"),
        ("twenty two High Rd", "22 high rd"),
        ("no one is home", "no one is home"),
        ("It's $12.99, ok?", "it is $12.99 , okay"),
        ("you should of called", "you should have called"),
        ("Dana's order", "dana order"),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_split_sentences_keeps_question_marks_per_sentence() -> None:
    sents = split_sentences("I'm sorry. Have you tried restarting it? Thanks!")
    assert [s.question_mark for s in sents] == [False, True, False]
    assert sents[1].norm == "have you tried restarting it"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("how long have you been feeling like this", True),
        ("did the app show any error", True),
        ("is there someone you trust", True),
        ("ok so when did you first notice it", True),
        ("tell me more about that", True),
        ("have a great day", False),
        ("what a week", False),
        ("how awful", False),
        ("when you feel low try a walk", False),
        ("do your best", False),
        ("what i am hearing is you want a refund", False),
    ],
)
def test_question_form(clause: str, expected: bool) -> None:
    assert is_interrogative(clause) is expected
