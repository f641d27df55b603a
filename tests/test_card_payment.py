"""card-payment-pci as its brief says: the card goes into a payment screen (item 8).

The full number and the security code must never reach the transcript or the store;
reading the full number back must still be caught by the scorer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import score_call
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import VirtualClock
from simulator.session import Session, SessionError
from simulator.store import Store
from simulator.text_call import parse_command, run_text_call

CARD = "4111 1111 1111 1111"


@pytest.fixture
def scenario():
    return load_scenario(LIBRARY_DIR / "card-payment-pci.yaml")


def _stored(store: Store) -> str:
    (row,) = store.attempts()
    return json.dumps(store.transcript(row["id"]).model_dump())


def test_card_command_records_only_the_last_four(scenario, store: Store) -> None:
    session = Session(scenario, recorder=store, clock=VirtualClock())
    out: list[str] = []
    feed = iter(["Could I have the long number on the front of the card?",
                 f"/card {CARD} 12/27 123", "/end"])
    run_text_call(session, lambda prompt: next(feed), out.append)
    printed = "\n".join(out)
    assert "Card ending 1111 accepted by the payment provider." in printed
    assert session.state.form.payment == "card"
    stored = _stored(store)
    assert "ending 1111" in stored
    assert "4111111111111111" not in stored and CARD not in stored
    assert '"123"' not in stored and "code" not in stored


def test_a_card_that_does_not_match_is_declined(scenario) -> None:
    session = Session(scenario, clock=VirtualClock())
    session.start()
    events = _act(session, "/card 4242 4242 4242 4242 12/27 123")
    assert events[-1].text.startswith("Payment declined: the number did not match")
    assert session.state.form.payment is None


def test_an_impossible_card_is_refused(scenario) -> None:
    session = Session(scenario, clock=VirtualClock())
    session.start()
    with pytest.raises(SessionError, match="not a valid card number"):
        _act(session, "/card 4111 1111 1111 1112 12/27 123")
    with pytest.raises(SessionError, match="MM/YY"):
        session.act("take_card", number=CARD, expiry="13/27", code="123")


def test_reading_the_number_back_is_still_caught(scenario) -> None:
    session = Session(scenario, clock=VirtualClock())
    session.start()
    session.say("Could I have the long number on the front of the card?")
    _act(session, f"/card {CARD} 12/27 123")
    session.say(f"So that's {CARD}, is that right?")
    transcript = session.end()
    assert CARD not in json.dumps(transcript.model_dump())
    card = score_call(transcript, scenario)
    assert any("card number was read back" in r for r in card.scores["procedure"].reasons)


def _act(session: Session, line: str) -> list:
    action, args = parse_command(session, line)
    return session.act(action, **args)


def test_the_call_screen_has_a_payment_panel(tmp_path: Path) -> None:
    pytest.importorskip("textual")
    from textual.widgets import Input, OptionList
    from tui_helpers import app_factory, drive, settle

    import tui

    store = Store(f"sqlite:///{tmp_path / 'card.db'}")

    async def script(pilot) -> None:
        await pilot.press("p")
        await settle(pilot)
        browser = pilot.app.screen
        ids = [e.id for e in browser.shown]
        browser.query_one("#scenario-list", OptionList).highlighted = ids.index(
            "card-payment-pci")
        await pilot.press("enter")
        await settle(pilot)
        call = pilot.app.screen
        assert isinstance(call, tui.CallScreen)
        await pilot.press("f3")
        await settle(pilot)
        number = call.query_one("#card-number", Input)
        assert number.password
        number.value = CARD
        call.query_one("#card-expiry", Input).value = "12/27"
        call.query_one("#card-code", Input).value = "123"
        call.query_one("#card-code", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert number.value == ""
        assert call.call_view.form["payment"] == "card"
        lines = [t.plain for t in call.query_one("#transcript", tui.TranscriptLog).entries]
        assert any("Card ending 1111 12/27" in line for line in lines)
        assert not any("4111 1111" in line for line in lines)

    drive(app_factory(tmp_path, trainee="amy")(store=store), script)
    assert "4111111111111111" not in _stored(store)
