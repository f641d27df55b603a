"""Pilot tests of the Textual app, driven from the keyboard as a trainee would.

Each test builds the app through `tui.make_app` with a temporary store and settings
folder, a fixed seed and a frozen clock, so runs repeat exactly. The tests are plain
functions that run the app with `asyncio.run`, so no asyncio pytest plugin is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Sparkline, Static
from tui_helpers import app_factory, drive, settle, text_of, wait_for

import tui
from simulator.loading import LIBRARY_DIR
from simulator.script import VirtualClock
from simulator.store import Store

SCENARIO = "late-delivery-angry"
GOOD_CALL = [
    "Hello, Pizza Planet, this is Amy. I'm so sorry your order is late, let me sort this out.",
    "Could I have the phone number on the order, please?",
]
OFFER = "I can send the order again right now at no charge, and give you a 20% voucher."


# -- helpers ------------------------------------------------------------------------------
@pytest.fixture
def make(tmp_path: Path) -> Callable[..., tui.CallsimApp]:
    """Build an app on temporary folders; keyword arguments override the defaults."""
    return app_factory(tmp_path)


async def open_call(pilot: Pilot, scenario_id: str = SCENARIO) -> tui.CallScreen:
    app = pilot.app
    if isinstance(app.screen, tui.HomeScreen) and not app.screen.query_one("#trainee",
                                                                           Input).value:
        await pilot.press(*"amy", "enter")
    await pilot.press("p")
    await settle(pilot)
    browser = app.screen
    assert isinstance(browser, tui.BrowserScreen)
    ids = [e.id for e in browser.shown]
    browser.query_one("#scenario-list", OptionList).highlighted = ids.index(scenario_id)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, tui.CallScreen)
    return app.screen


async def say(pilot: Pilot, line: str, *, keys: bool = False) -> None:
    """Say a line in the focused say box: typed key by key, or pasted (faster) then Enter."""
    clock = pilot.app.clock  # type: ignore[attr-defined]
    if isinstance(clock, VirtualClock):
        clock.advance(4)
    if keys:
        await pilot.press(*line)
    else:
        box = pilot.app.focused
        assert isinstance(box, Input) and box.id == "say", box
        box.insert_text_at_cursor(line)
    await pilot.press("enter")
    await settle(pilot)


def transcript_lines(screen: tui.CallScreen) -> list[str]:
    return [t.plain for t in screen.query_one("#transcript", tui.TranscriptLog).entries]


def callsim_cli() -> list[str]:
    exe = Path(sys.executable).with_name("callsim")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]


# -- home ---------------------------------------------------------------------------------
def test_home_remembers_who_is_training(make, tmp_path: Path) -> None:
    async def first(pilot: Pilot) -> None:
        assert pilot.app.focused is pilot.app.screen.query_one("#trainee")
        await pilot.press(*"Amy K", "enter")
        await settle(pilot)
        assert pilot.app.focused is pilot.app.screen.query_one("#practice")

    drive(make(), first)
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved == {"trainee": "Amy K"}

    async def second(pilot: Pilot) -> None:
        assert pilot.app.screen.query_one("#trainee", Input).value == "Amy K"
        assert pilot.app.focused is pilot.app.screen.query_one("#practice")

    drive(make(), second)


def test_home_needs_a_name_before_practice(make) -> None:
    async def script(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#practice").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.HomeScreen)
        assert pilot.app.focused is pilot.app.screen.query_one("#trainee")

    drive(make(), script)


def test_home_offers_only_modes_that_exist(make) -> None:
    async def script(pilot: Pilot) -> None:
        home = pilot.app.screen
        await pilot.press(*"amy", "enter")
        labels = {str(b.label) for b in pilot.app.screen.query("Button")}
        assert labels == {"Practice", "History", "Scenarios", "Keyboard", "Hiring", "Phone test"}
        # and each one opens its screen (no dead buttons)
        for button, screen in (("keyboard", "KeyboardMenuScreen"), ("phone-test", "PhoneTestScreen"),
                               ("hiring", None)):
            pilot.app.screen.query_one(f"#{button}").press()
            await pilot.pause()
            await settle(pilot)
            assert pilot.app.screen is not home, button
            if screen:
                assert type(pilot.app.screen).__name__ == screen
            pilot.app.pop_screen()
            await pilot.pause()

    drive(make(), script)


# -- scenario browser ---------------------------------------------------------------------
def test_browser_filters_and_preview_shows_only_the_brief(make) -> None:
    async def script(pilot: Pilot) -> None:
        await pilot.press(*"amy", "enter", "p")
        await settle(pilot)
        browser = pilot.app.screen
        assert isinstance(browser, tui.BrowserScreen)
        everything = len(browser.shown)
        browser.query_one("#f-difficulty").value = "hard"
        await settle(pilot)
        assert 0 < len(browser.shown) < everything
        assert all(e.scenario and e.scenario.difficulty == "hard" for e in browser.shown)
        browser.query_one("#f-direction").value = "outbound"
        await settle(pilot)
        assert all(e.scenario and e.scenario.direction == "outbound" for e in browser.shown)
        browser.query_one("#f-direction").clear()
        browser.query_one("#f-difficulty").clear()
        browser.query_one("#f-skill").value = "order-capture"
        await settle(pilot)
        assert all(e.scenario and "order-capture" in e.scenario.skills for e in browser.shown)
        ids = [e.id for e in browser.shown]
        browser.query_one("#scenario-list", OptionList).highlighted = ids.index(SCENARIO)
        await settle(pilot)
        preview = text_of(browser.query_one("#preview-text", Static))
        scenario = pilot.app.library.get(SCENARIO).scenario
        assert scenario.title in preview
        assert "Pizza Planet" in preview  # the brief
        hidden = [f.value for f in scenario.facts.values() if f.value not in scenario.brief]
        hidden += [line.sku for line in scenario.order.items]
        hidden += [said for o in scenario.objections for said in o.says]
        hidden += list(scenario.order.says)
        for secret in hidden:
            assert secret not in preview, secret

    drive(make(), script)


# -- a whole practice call ----------------------------------------------------------------
def test_whole_practice_call_scores_like_the_cli(make, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'call.db'}")
    shown: dict[str, str] = {}

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        assert "Dana Whitfield:" in transcript_lines(call)[-1]
        await say(pilot, GOOD_CALL[0])
        await say(pilot, GOOD_CALL[1], keys=True)  # typed key by key, like a trainee
        # the account panel: look up by phone
        await pilot.press("f2", *"555-0142", "enter")
        await settle(pilot)
        card = text_of(call.query_one("#account-card", Static))
        assert "C-1042" in card and "Debt" in card and "Key client" in card
        assert pilot.app.focused is call.query_one("#say")  # back to the conversation
        await say(pilot, OFFER)
        await say(pilot, "I completely understand, and I'll personally make sure it gets to you.")
        # the order form, from the keyboard: search, pick, quantity, option, add
        await pilot.press("f3", *"pepperoni", "enter")
        await settle(pilot)
        assert pilot.app.focused is call.query_one("#item-qty")
        await pilot.press("2", "tab", "enter")  # qty 2, open the size menu
        await settle(pilot)
        (size,) = [s for s in call.query("#item-options Select") if s.name == "size"]
        await pilot.press(*["down"] * 3, "enter")  # small, medium, large
        await settle(pilot)
        assert size.value == "large"
        await pilot.press("tab", "enter")  # "Add to order"
        await settle(pilot)
        table = call.query_one("#order-lines", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == ["Pepperoni pizza", "2", "large"]
        call.query_one("#del-address").focus()
        await pilot.press(*"12 Oak Street", "tab", *"19:30-20:00", "enter")
        call.query_one("#payment").focus()
        await pilot.press("enter", "down", "enter")  # first method: card
        call.query_one("#receiver").focus()
        await pilot.press(*"Dana Whitfield", "enter")
        await settle(pilot)
        assert call.call_view.form["payment"] == "card"
        summary = text_of(call.query_one("#order-summary", Static))
        assert "12 Oak Street, 19:30-20:00" in summary and "Dana Whitfield" in summary
        await pilot.press("escape")
        assert pilot.app.focused is call.query_one("#say")
        await say(pilot, "Let me read that back: two large pepperoni pizzas to 12 Oak Street, "
                         "arriving by eight.")
        # an action from the action bar's key
        await pilot.press("f5")
        await settle(pilot)
        assert "ON HOLD" in text_of(call.query_one("#hold-flag", Static))
        await pilot.press("f5")  # resume: on hold the caller hears nothing
        await settle(pilot)
        assert text_of(call.query_one("#hold-flag", Static)) == ""
        await say(pilot, "Thank you for holding, I've added that for you.")
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, tui.ScorecardScreen)
        shown["overall"] = text_of(screen.query_one("#sc-overall", Static))
        for name in screen.card["scores"]:
            shown[name] = text_of(screen.query_one(f"#dim-{name}", Static))
        shown["attempt"] = str(screen.attempt)

    drive(make(store=store), script)

    attempt = int(shown["attempt"])
    (row,) = store.attempts()
    assert row["id"] == attempt and row["finished"] and row["trainee"] == "amy"
    path = tmp_path / "call.json"
    store.transcript(attempt).save(path)
    out = subprocess.run([*callsim_cli(), "score", str(path), "--scenario", SCENARIO, "--json"],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    cli = json.loads(out.stdout)
    saved = store.scorecard(attempt)
    assert saved is not None
    assert saved["overall"] == cli["overall"] and saved["passed"] == cli["passed"]
    assert f"Overall {cli['overall']:.0f}/100" in shown["overall"]
    assert ("PASS" if cli["passed"] else "FAIL") in shown["overall"]
    for name, score in cli["scores"].items():
        assert saved["scores"][name]["value"] == score["value"], name
        row_text = shown[name].splitlines()[0]
        if score["value"] is None:
            assert "not measured" in row_text
        else:
            assert f" {score['value']:>3.0f} " in row_text, (name, row_text)


def _finish_quick_call(pilot: Pilot) -> Awaitable[None]:
    async def run() -> None:
        await open_call(pilot)
        for line in [*GOOD_CALL, OFFER]:  # the offer raises an objection: evidence
            await say(pilot, line)
        await pilot.press("f8", "y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.ScorecardScreen)

    return run()


def test_evidence_jumps_to_its_turn(make) -> None:
    async def script(pilot: Pilot) -> None:
        await _finish_quick_call(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, tui.ScorecardScreen)
        evidence = screen.query_one("#sc-evidence", OptionList)
        assert evidence.option_count > 0
        assert pilot.app.focused is evidence
        evidence.highlighted = evidence.option_count - 1
        option = evidence.get_option_at_index(evidence.option_count - 1)
        turn = screen.evidence_turns[option.id]
        await pilot.press("enter")
        await settle(pilot)
        target = screen.query_one(f"#turn-{turn}", Static)
        assert target.has_class("-hit")
        panel = screen.query_one("#sc-transcript")
        assert panel.display
        assert panel.region.contains_region(target.region) or target.region.y < panel.region.bottom
        # narrow layout: Escape goes back to the scores, not off the screen
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen and not screen.has_class("-show-transcript")

    drive(make(), script)


def test_retry_from_the_scorecard(make) -> None:
    async def script(pilot: Pilot) -> None:
        await _finish_quick_call(pilot)
        first = pilot.app.screen
        await pilot.press("r")
        await settle(pilot)
        call = pilot.app.screen
        assert isinstance(call, tui.CallScreen) and call.scenario.id == SCENARIO
        assert call.session is not None and len(call.session.transcript.events) == 1
        assert first not in pilot.app.screen_stack

    drive(make(), script)


def test_comparison_with_earlier_attempts(make) -> None:
    async def script(pilot: Pilot) -> None:
        await _finish_quick_call(pilot)
        await pilot.press("r")
        await settle(pilot)
        for line in GOOD_CALL:
            await say(pilot, line)
        await say(pilot, "I'm so sorry, I completely understand how frustrating this is.")
        await pilot.press("f8", "y")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, tui.ScorecardScreen)
        assert "vs 1 earlier attempt" in text_of(screen.query_one("#sc-compare", Static))
        assert len(screen.query_one("#sc-trend", Sparkline).data or []) == 2

    drive(make(), script)


def test_command_line_in_the_say_box(make) -> None:
    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await say(pilot, "/add pepperoni 2 size=large")
        assert call.call_view.form["items"] == [
            {"sku": "PZ-PEP", "qty": 2, "options": {"size": "large"}}]
        await say(pilot, "/frobnicate")
        assert "unknown command" in transcript_lines(call)[-1]
        events = call.session.transcript.events
        assert not any("frobnicate" in (e.text or "") for e in events)  # not recorded
        await say(pilot, "/help")
        assert "/lookup" in transcript_lines(call)[-1]

    drive(make(), script)


def test_transfer_from_the_dialog_ends_the_call(make, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'transfer.db'}")

    async def script(pilot: Pilot) -> None:
        await open_call(pilot)
        await say(pilot, GOOD_CALL[0])
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.TransferScreen)
        await pilot.press("down", "enter")  # second target: finance
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.ScorecardScreen)

    drive(make(store=store), script)
    (row,) = store.attempts()
    assert row["finished"] and row["ended_by"] == "transfer:finance"


def test_leaving_a_call_keeps_it_unfinished(make, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'leave.db'}")

    async def script(pilot: Pilot) -> None:
        await open_call(pilot)
        await say(pilot, GOOD_CALL[0])
        await pilot.press("escape")  # from the say box: offers to leave
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.BrowserScreen)

    drive(make(store=store), script)
    (row,) = store.attempts()
    assert not row["finished"] and row["overall"] is None and row["events"] == 3


def test_command_palette_has_the_call_actions(make) -> None:
    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        titles = {c.title for c in pilot.app.get_system_commands(call)}
        assert {"Look up the account", "Order form", "Hold / resume", "Escalate to a supervisor",
                "End the call", "Transfer to finance"} <= titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Hold / resume")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is call
        assert call.call_view.on_hold

    drive(make(), script)


def test_mood_meter_shows_and_can_be_hidden(make) -> None:
    async def shown(pilot: Pilot) -> None:
        call = await open_call(pilot)
        mood = call.query_one("#mood", Static)
        assert mood.display and "Mood" in text_of(mood) and "70" in text_of(mood)
        await say(pilot, "I'm so sorry, I completely understand how frustrating this must be.")
        assert str(call.call_view.anger) in text_of(mood) and call.call_view.anger < 70

    async def hidden(pilot: Pilot) -> None:
        call = await open_call(pilot)
        assert not call.query_one("#mood").display

    drive(make(), shown)
    drive(make(show_mood=False), hidden)


def test_timer_follows_the_call_clock(make) -> None:
    clock = VirtualClock()

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        clock.advance(83)
        await pilot.pause(1.2)
        assert text_of(call.query_one("#timer", Static)) == "01:23"

    drive(make(clock=clock), script)


def test_account_panel_flags_debt_and_key_clients(make) -> None:
    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot, "cafe-wholesale-debt")
        account = call.scenario.account
        await pilot.press("f2", *account.id, "enter")
        await settle(pilot)
        card = text_of(call.query_one("#account-card", Static))
        assert account.id in card and "OVERDUE" in card
        await pilot.press("f2", "ctrl+u", *"nobody-at-all", "enter")
        await settle(pilot)
        assert "No account found" in text_of(call.query_one("#account-card", Static))

    drive(make(), script)


# -- history ------------------------------------------------------------------------------
def _record_attempts(store: Store, trainee: str) -> None:
    """Two scored calls and one cut off mid-call, made through the engine directly."""
    from scoring import score_call
    from simulator.loading import load_scenario
    from simulator.session import Session

    scenario = load_scenario(LIBRARY_DIR / f"{SCENARIO}.yaml")
    for lines, finish in (([GOOD_CALL[0]], True), (GOOD_CALL, True), ([GOOD_CALL[0]], False)):
        session = Session(scenario, recorder=store, trainee=trainee, clock=VirtualClock(), seed=0)
        session.start()
        for line in lines:
            session.say(line)
        if finish:
            session.act("end_call")
            store.save_scorecard(session.transcript,
                                 score_call(session.transcript, scenario).as_dict())


def test_history_lists_attempts_and_charts_each_dimension(make, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'history.db'}")
    _record_attempts(store, "amy")
    _record_attempts(store, "someone-else")

    async def script(pilot: Pilot) -> None:
        await pilot.press(*"amy", "enter", "h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, tui.HistoryScreen)
        table = screen.query_one("#hist-table", DataTable)
        assert table.row_count == 3
        results = [str(table.get_row_at(i)[3]) for i in range(3)]
        assert results.count("unfinished") == 1
        sparks = list(screen.query(Sparkline))
        assert sparks and all(len(s.data or []) == 2 for s in sparks)
        labels = " ".join(text_of(s) for s in screen.query(".trend-label"))
        assert "Overall" in labels and "De-escalation" in labels
        await pilot.press("a")  # all trainees
        await settle(pilot)
        assert table.row_count == 6
        # open a scored attempt's scorecard
        table.move_cursor(row=[str(table.get_row_at(i)[3]) for i in range(6)].index("pass")
                          if "pass" in results else 1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, (tui.ScorecardScreen, tui.HistoryScreen))

    drive(make(store=store), script)


# -- trainers: live reload and validation errors -----------------------------------------
def test_edited_scenario_is_picked_up_and_problems_show_file_and_line(make,
                                                                      tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    for name in ("catalog.yaml", f"{SCENARIO}.yaml"):
        shutil.copy(LIBRARY_DIR / name, library / name)
    path = library / f"{SCENARIO}.yaml"
    original = path.read_text(encoding="utf-8")

    def write(text: str, bump: int) -> None:
        path.write_text(text, encoding="utf-8")
        stamp = path.stat().st_mtime + bump
        os.utime(path, (stamp, stamp))

    async def script(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#scenarios").focus()  # no name needed to browse
        await pilot.press("enter")
        await settle(pilot)
        browser = pilot.app.screen
        assert isinstance(browser, tui.BrowserScreen)

        def preview() -> str:
            return text_of(browser.query_one("#preview-text", Static))

        write(original.replace('title: "Angry: two pizzas 50 minutes late"',
                               'title: "Angry: pizzas very late (edited)"'), 5)
        await wait_for(pilot, lambda: "(edited)" in preview())
        broken = original.replace("  anger: 70", "  anger: 700")
        write(broken, 10)
        await wait_for(pilot, lambda: "has problems" in preview())
        line = broken.splitlines().index("  anger: 700") + 1
        assert f"{path}:{line}:" in preview() and "persona.anger" in preview()
        assert "700" in preview()  # the offending line is quoted
        write(original, 15)
        await wait_for(pilot, lambda: "Your brief" in preview())

    drive(make(library_dir=library, poll_interval=0.05), script)


# -- layout -------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_call_screen_layout_fits(make, size: tuple[int, int]) -> None:
    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        width, height = size
        for selector in ("#status", "#timer", "#mood", "#transcript", "#side", "#say",
                         "#b-hold", "#b-transfer", "#b-escalate", "#b-end", "Footer"):
            region = call.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= width and region.bottom <= height, selector
        assert call.query_one("#transcript").region.height >= 10
        assert call.query_one("#say").region.width >= width - 2

    drive(make(), script, size=size)
