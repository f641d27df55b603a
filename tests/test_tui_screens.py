"""Pilot tests of the screens around a call: scorecard, history, practice preview,
the command palette and the words on them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import app_factory, drive, settle

import tui
from simulator.store import Store

SCENARIO = "late-delivery-angry"
EVIDENCE_CALL = (
    "Hello, Pizza Planet, this is Amy. I'm so sorry your order is late, let me sort this out.",
    "Could I have the phone number on the order, please?",
    "I can send the order again right now at no charge, and give you a 20% voucher.",
)


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., tui.CallsimApp]:
    return app_factory(tmp_path, trainee="amy")


async def to_browser(pilot: Pilot, scenario_id: str = SCENARIO) -> tui.BrowserScreen:
    pilot.app.go_home()  # type: ignore[attr-defined]
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    browser = pilot.app.screen
    assert isinstance(browser, tui.BrowserScreen)
    ids = [e.id for e in browser.shown]
    browser.query_one("#scenario-list", OptionList).highlighted = ids.index(scenario_id)
    await settle(pilot)
    return browser


async def short_call(pilot: Pilot, scenario_id: str = SCENARIO,
                     lines: tuple[str, ...] = ("Hello, Pizza Planet, this is Amy.",),
                     ) -> tui.ScorecardScreen:
    """Take a call, say the lines, end it: the scorecard."""
    await to_browser(pilot, scenario_id)
    await pilot.press("enter")
    await settle(pilot)
    for line in lines:
        box = pilot.app.focused
        assert box is not None and box.id == "say"
        box.insert_text_at_cursor(line)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
    await pilot.press("f8", "y")
    await settle(pilot)
    card = pilot.app.screen
    assert isinstance(card, tui.ScorecardScreen)
    return card


def test_tab_then_enter_on_a_scorecard_does_not_start_a_call(make, tmp_path: Path) -> None:
    """Item 2: Retry was the first button after the evidence list."""
    store = Store(f"sqlite:///{tmp_path / 'tab.db'}")

    async def script(pilot: Pilot) -> None:
        await short_call(pilot, lines=EVIDENCE_CALL)  # the evidence list has the focus
        assert pilot.app.focused is not None and pilot.app.focused.id == "sc-evidence"
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, tui.CallScreen)
        await short_call(pilot)  # no evidence: the first button has the focus
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, tui.CallScreen)

    drive(make(store=store), script)
    assert len(store.attempts()) == 2


def test_escape_from_history_opened_on_a_scorecard_goes_home(make) -> None:
    """Item 2: Esc from that History used to show the old scorecard again."""

    async def script(pilot: Pilot) -> None:
        await short_call(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.HistoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.HomeScreen)

    drive(make(), script)
