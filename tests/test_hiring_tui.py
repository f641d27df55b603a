"""Pilot tests of the keyboard tests and the hiring screens, at 80x24, on a frozen clock.

The clock only moves when a test advances it, so the typing numbers are exact (and no
assertion depends on how fast this machine runs).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tui_helpers import app_factory, drive, settle, text_of

import tui
import tui_hiring
from simulator.hiring.store import HiringStore
from simulator.script import VirtualClock


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., tui.CallsimApp]:
    return app_factory(tmp_path, trainee="amy")


@pytest.fixture
def all_material(monkeypatch: pytest.MonkeyPatch) -> None:
    """Practice offers every keyboard file (the shipped plans' own ones too)."""
    monkeypatch.setattr("simulator.hiring.loading.reserved_material", lambda directory=None: set())


async def open_keyboard_item(pilot: Pilot, item_id: str) -> None:
    await pilot.press("k")
    await settle(pilot)
    menu = pilot.app.screen
    assert isinstance(menu, tui_hiring.KeyboardMenuScreen)
    options = menu.query_one("#kb-list", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index(item_id)
    await pilot.press("enter")
    await settle(pilot)


async def type_keys(pilot: Pilot, text: str, clock: VirtualClock, gap: float) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
        clock.advance(gap)


def test_typing_test_scores_and_refuses_paste(make: Callable[..., tui.CallsimApp],
                                              all_material: None) -> None:
    clock = VirtualClock()
    app = make(clock=clock)

    async def script(pilot: Pilot) -> None:
        await open_keyboard_item(pilot, "customer-notes")
        screen = pilot.app.screen
        assert isinstance(screen, tui_hiring.TypingScreen)
        # 'Customer called' with one slip fixed by backspace: 'callx' <bs> 'ed'
        await type_keys(pilot, "Customer callx", clock, 0.5)
        await pilot.press("backspace")
        await type_keys(pilot, "ed", clock, 0.5)
        live = text_of(screen.query_one("#typing-live", Static))
        assert "wpm" in live and "% acc" in live
        before = list(screen.test.words)
        screen.query_one("#typing-box").post_message(events.Paste(" about order A-7731"))
        await settle(pilot)
        assert screen.test.words == before and screen.paste_refused == 1
        assert any("Pasting is not allowed" in n.message for n in pilot.app._notifications)
        await pilot.press("f9")
        await settle(pilot)
        # 16 presses from t = 0 to 7.5 (plus the backspace), stopped at t = 8.0:
        # 'Customer' + space + 'called' right -> 15 chars -> 15 * (60 / 8) / 5 = 22.5 wpm;
        # the 'x' was wrong: 15 / 16 presses right = 93.75 %
        r = screen.result
        assert r is not None and (r["wpm"], r["accuracy"], r["seconds"]) == (22.5, 93.75, 8.0)
        assert r["errors_per_key"] == {"e": 1} and r["pastes_refused"] == 1
        shown = text_of(screen.query_one("#typing-result", Static))
        assert "22 wpm" in shown or "23 wpm" in shown
        assert "accuracy 93.8%" in shown
        saved = HiringStore(pilot.app.store).practice("amy")  # type: ignore[attr-defined]
        assert saved[-1]["result"]["wpm"] == 22.5

    drive(app, script)


def test_data_entry_fields_scored(make: Callable[..., tui.CallsimApp], all_material: None) -> None:
    clock = VirtualClock()
    app = make(clock=clock)

    async def script(pilot: Pilot) -> None:
        await open_keyboard_item(pilot, "order-maria")
        screen = pilot.app.screen
        assert isinstance(screen, tui_hiring.DataEntryScreen)
        assert "Maria Gonzalez" in text_of(screen.query_one("#de-says-text", Static))
        await pilot.press(*"Maria Gonzalez")  # typed key by key into the focused Name field
        phone = screen.query_one("#de-phone", Input)
        phone.focus()
        await pilot.press(*"5550817")  # two digits swapped
        screen.query_one("#de-address", Input).value = "48 Maple Ave, Apt 3B, Riverside"
        screen.query_one("#de-order", tui_hiring.NoPasteTextArea).text = \
            "2 large pepperoni pizza\n1 garlic bread\n3 cola"
        notes = screen.query_one("#de-notes", Input)
        notes.focus()
        await settle(pilot)
        notes.post_message(events.Paste("side door bell card"))
        await settle(pilot)
        assert notes.value == ""  # the paste was refused
        await pilot.press(*"side door, bell broken, card")
        clock.advance(90)
        await pilot.press("f10")
        await settle(pilot)
        r = screen.result
        assert r is not None
        by = {f["field"]: f for f in r["fields"]}
        assert by["name"]["correct"] and by["address"]["correct"] and by["order"]["correct"]
        assert not by["phone"]["correct"] and by["notes"]["correct"]
        assert r["score"] == 80.0 and r["accuracy"] == 80.0 and r["seconds"] == 90.0
        # keys pressed: 14 (name) + 7 (phone) + 28 (notes) = 49 -> 49 * 3600 / 90 = 1960 KPH
        assert r["keystrokes"] == 49 and r["kph"] == 1960
        shown = text_of(screen.query_one("#de-result", Static))
        assert "Score 80" in shown and "✗ phone 0" in shown and "✓ name 100" in shown

    drive(app, script)


def test_ten_key(make: Callable[..., tui.CallsimApp], all_material: None) -> None:
    clock = VirtualClock()
    app = make(clock=clock)

    async def script(pilot: Pilot) -> None:
        await open_keyboard_item(pilot, "account-numbers")
        screen = pilot.app.screen
        assert isinstance(screen, tui_hiring.TenKeyScreen)
        for number in ("40217", "88421", "10394"):  # the second is mistyped
            await pilot.press(*number, "enter")
        clock.advance(30)
        await pilot.press("f10")
        await settle(pilot)
        r = screen.result
        assert r is not None and r["correct_entries"] == 2 and r["entries"] == 12
        # net: 2 right x (5 digits + Enter) = 12 keys in 30 s -> 1440 KPH; gross 18 -> 2160
        assert (r["net_kph"], r["kph"]) == (1440, 2160)

    drive(app, script)


def test_hiring_session_flow_and_lock(make: Callable[..., tui.CallsimApp]) -> None:
    """Manager starts C-7 on keyboard-only; the candidate types, submits; results lock."""
    clock = VirtualClock()
    app = make(clock=clock)

    async def script(pilot: Pilot) -> None:
        await pilot.press("i")
        await settle(pilot)
        hire = pilot.app.screen
        assert isinstance(hire, tui_hiring.HiringScreen)
        plans = hire.query_one("#hire-plans", OptionList)
        plans.highlighted = list(hire.plans).index("keyboard-only")
        await settle(pilot)  # the plan's summary line changes the layout
        HiringStore(pilot.app.store).set_pin("2468")  # type: ignore[attr-defined]
        hire.query_one("#hire-candidate", Input).value = "C-7"
        await pilot.click("#hire-start")
        await settle(pilot)
        cand = pilot.app.screen
        assert isinstance(cand, tui_hiring.CandidateScreen)
        await pilot.press("enter")  # the first part: typing
        await settle(pilot)
        typing = pilot.app.screen
        assert isinstance(typing, tui_hiring.TypingScreen) and typing.hide_feedback
        await type_keys(pilot, "Two cases", clock, 0.4)
        assert "wpm" not in text_of(typing.query_one("#typing-live", Static))  # feedback hidden
        clock.advance(61)
        await pilot.pause(0.4)  # the screen's tick notices the time is up
        await settle(pilot)
        assert typing.result is not None and typing.result["seconds"] == 60.0
        assert "recorded" in text_of(typing.query_one("#typing-result", Static))
        await pilot.press("enter")  # Continue
        await settle(pilot)
        assert pilot.app.screen is cand and "typing" in cand.done
        await pilot.press("f10", "y")  # submit; a letter does not confirm it
        await settle(pilot)
        assert pilot.app.screen is cand and not cand.submitted
        await pilot.press("f10", "f10")  # submit, confirm with F10
        await settle(pilot)
        hs = HiringStore(pilot.app.store)  # type: ignore[attr-defined]
        session = hs.sessions(plan_id="keyboard-only", candidate="C-7")[0]
        assert session["locked"] and session["parts"]["ten_key"] == {"status": "not_taken"}
        assert pilot.app.screen is cand and cand.submitted  # still locked: the manager closes it
        await pilot.press("escape", *"2468", "enter")
        await settle(pilot)
        # the same candidate cannot start again: the results are locked
        assert isinstance(pilot.app.screen, tui_hiring.HiringScreen)
        hire.query_one("#hire-candidate", Input).value = "C-7"
        await pilot.click("#hire-start")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui_hiring.HiringScreen)
        assert any("locked" in n.message for n in pilot.app._notifications)
        await pilot.press("f5", *"2468", "enter")  # reports, behind the PIN
        await settle(pilot)
        report = pilot.app.screen
        assert isinstance(report, tui_hiring.ReportScreen)
        assert report.report["rows"][0]["candidate"] == "C-7"

    drive(app, script)
