"""Issue 16 item 2: no card number reaches the LLM endpoint (a capturing local server)."""

from __future__ import annotations

import json
import re

from simulator.llm import LLMBrain, LLMConfig, fake_reply
from simulator.llm.fake_server import FakeOpenAIServer, ServerReply
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import VirtualClock
from simulator.session import Session

# ten spellings of card numbers an operator might type or a recogniser might write
SPELLINGS = [
    "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "4111.1111.1111.1111",
    "5555 5555 5555 4444", "3782 822463 10005", "6011111111111117 12/27 123",
    "four one one one one one one one one one one one one one one one",
    "card 4012888888881881, expiry 12/27", "4111  1111  1111  1111",
]


def _long_runs(body: str) -> list[str]:
    """13+ digit runs, separators and number words collapsed."""
    words = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
             "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
    flat = re.sub(r"\b(" + "|".join(words) + r")\b", lambda m: words[m.group(1)], body.lower())
    flat = re.sub(r"(?<=\d)[\s\-.,/]+(?=\d)", "", flat)
    return re.findall(r"\d{13,}", flat)


def _call(scenario_file: str, lines: list[str], reply: str) -> list[dict]:
    scenario = load_scenario(LIBRARY_DIR / scenario_file)
    with FakeOpenAIServer(default=ServerReply(fake_reply(reply))) as server:
        cfg = LLMConfig(base_url=server.base_url, model="fake-model", timeout_s=5.0, retries=0)
        session = Session(scenario, brain=LLMBrain(config=cfg, seed=1), clock=VirtualClock(),
                          seed=1)
        session.start()
        for line in lines:
            if session.ended:
                break
            session.say(line)
        return list(server.requests)


def test_no_card_number_is_ever_sent_to_the_endpoint() -> None:
    """Before: 10 spellings reached the server in 14 requests."""
    lines = [f"I am so sorry, I understand. Let me note the card, {s}." for s in SPELLINGS]
    requests = _call("late-delivery-angry.yaml", lines, "Well? I'm still waiting.")
    assert len(requests) >= len(SPELLINGS)
    for body in requests:
        text = json.dumps(body, ensure_ascii=False)
        assert _long_runs(text) == [], _long_runs(text)


def test_the_customers_card_goes_in_only_when_the_plan_reveals_it() -> None:
    """The plan may hand the model the customer's own card fact; the history never does."""
    lines = ["Hello, Pizza Planet, Sam speaking.", "Can I take the long number on the card?",
             "Thank you. And the expiry?", "And the three digits on the back?", "Great, thanks."]
    requests = _call("card-payment-pci.yaml", lines,
                     "Okay, it's 4111 1111 1111 1111.")
    for body in requests:
        user = body["messages"][-1]["content"]
        history = user.split("The agent just said:")[0]
        assert _long_runs(history) == [], history
        if _long_runs(user):
            assert "Facts you may give this turn (exactly): card number" in user
