"""The locked candidate session in the app (Pilot, 80x24, frozen clock): deliberate endings
that typing cannot trigger, parts counted from their start across a killed app, no way
out without the manager's PIN, IDs shown as text, the read-aloud under the candidate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tui_helpers import app_factory, drive, settle, text_of, wait_for

import tui
import tui_hiring
from simulator.hiring.loading import load_plan
from simulator.hiring.models import Plan
from simulator.hiring.pdf import find_browser
from simulator.hiring.store import HiringStore
from simulator.script import VirtualClock
from simulator.store import Store

PIN = "5172"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'cand.db'}")


@pytest.fixture
def make(tmp_path: Path, store: Store) -> Callable[..., tui.CallsimApp]:
    HiringStore(store).set_pin(PIN)
    return app_factory(tmp_path, trainee="manager", store=store)


async def open_candidate(pilot: Pilot, plan: Plan, candidate: str) -> tui_hiring.CandidateScreen:
    hs = tui_hiring.hiring_store(pilot.app)
    pilot.app.push_screen(tui_hiring.CandidateScreen(plan, hs.start(plan, candidate)))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, tui_hiring.CandidateScreen)
    return screen


async def take(pilot: Pilot, cand: tui_hiring.CandidateScreen, part: str) -> None:
    box = cand.query_one("#cand-parts", OptionList)
    box.highlighted = cand.plan.parts().index(part)
    await pilot.press("enter")
    await settle(pilot)


def test_typing_after_escape_never_ends_the_call_or_is_lost(make: Callable[..., tui.CallsimApp],
                                                            store: Store) -> None:
    """Esc, then "yes, and ..." ended the call for good (item 1); "n..." lost the line."""
    plan = load_plan("inbound-agent")

    async def script(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, "C-1")
        await take(pilot, cand, "call")
        call = pilot.app.screen
        assert isinstance(call, tui_hiring.HiringCallScreen)
        await wait_for(pilot, lambda: call.session is not None and not call.busy)
        say = call.query_one("#say", Input)
        await pilot.press("escape")  # from the say box: nothing opens
        await settle(pilot)
        assert pilot.app.screen is call and pilot.app.focused is say
        await pilot.press("f8")  # End: a dialog that only F10 or a click answers
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui_hiring.SafeConfirm)
        await pilot.press(*"yes, and is there anything else?")
        await settle(pilot)
        assert pilot.app.screen is call and not call.call_view.ended
        assert say.value == "yes, and is there anything else?"
        say.value = ""
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press(*"no problem")  # a line starting with "n" is kept too
        await settle(pilot)
        assert say.value == "no problem" and not call.call_view.ended
        say.value = ""
        await pilot.press("f8", "enter")  # Enter is typing too: it goes on to the say box
        await settle(pilot)
        assert pilot.app.screen is call and not call.call_view.ended
        await pilot.press("f8", "f10")  # the deliberate ending
        await wait_for(pilot, lambda: pilot.app.screen is cand)
        assert cand.done["call"]["kind"] == "call" and cand.done["call"]["duration_s"] is not None

    drive(make(), script)


def test_killed_app_gives_no_fresh_go(make: Callable[..., tui.CallsimApp], store: Store) -> None:
    """Killed in the typing test and reopened with the same ID (spelt differently): the part
    is interrupted, counted, kept with what was typed, and cannot be taken again (item 2)."""
    plan = load_plan("keyboard-only")
    clock = VirtualClock()

    async def first(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, "C-201")
        await take(pilot, cand, "typing")
        typing = pilot.app.screen
        assert isinstance(typing, tui_hiring.TypingScreen) and typing.candidate
        for ch in "Two cases":
            await pilot.press("space" if ch == " " else ch)
            clock.advance(0.3)
        await pilot.pause(0.4)  # a tick saves what is typed so far
        await settle(pilot)
        # the run ends here without the part being finished: as if the app were killed

    drive(make(clock=clock), first)
    part = HiringStore(store).sessions(candidate="C-201")[0]["parts"]["typing"]
    assert part["status"] == "in_progress" and part["so_far"]["typed"].startswith("Two")

    async def second(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, " c-201 ")
        assert "interrupted" in str(cand.query_one("#cand-parts", OptionList).get_option_at_index(0).prompt)
        await take(pilot, cand, "typing")
        assert pilot.app.screen is cand  # not reopened
        assert any("interrupted" in n.message or "taken once" in n.message
                   for n in pilot.app._notifications)
        (session,) = HiringStore(store).sessions(candidate="C-201")
        assert session["parts"]["typing"]["status"] == "interrupted"
        # only the manager grants a retry: PIN, then why
        await pilot.press("ctrl+g", *PIN, "enter")
        await settle(pilot)
        await pilot.press(*"power cut", "enter")
        await settle(pilot)
        assert "retry granted" in str(cand.query_one("#cand-parts", OptionList).get_option_at_index(0).prompt)
        await take(pilot, cand, "typing")
        assert isinstance(pilot.app.screen, tui_hiring.TypingScreen)

    drive(make(clock=VirtualClock()), second)
    (session,) = HiringStore(store).sessions(candidate="C-201")
    typing = session["parts"]["typing"]
    assert typing["status"] == "in_progress" and typing["previous"][0]["status"] == "interrupted"
    assert typing["previous"][0]["so_far"]["typed"].startswith("Two")
    (log,) = HiringStore(store).admin_log(action="grant_retry")
    assert log["reason"] == "power cut" and log["by"] == "manager (at the seat)"


def test_candidate_session_is_locked(make: Callable[..., tui.CallsimApp]) -> None:
    """No palette, no quitting, no leaving without the PIN; wrong PINs keep it locked (item 4)."""
    plan = load_plan("keyboard-only")

    async def script(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, "C-3")
        app: Any = pilot.app
        assert app.candidate_lock is cand and not app.use_command_palette
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert not any(type(s).__name__ == "CommandPalette" for s in app.screen_stack)
        await pilot.press("ctrl+q")  # quitting asks the manager too
        await settle(pilot)
        assert isinstance(app.screen, tui_hiring.PinScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape", *"0000", "enter")  # leave, wrong PIN
        await settle(pilot)
        assert isinstance(app.screen, tui_hiring.PinScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is cand
        await pilot.press("h", "i", "k", "f5")  # home-screen keys do nothing here
        await settle(pilot)
        assert app.screen is cand
        await pilot.press("escape", *PIN, "enter")
        await settle(pilot)
        assert app.screen is not cand and app.candidate_lock is None and app.use_command_palette

    drive(make(), script)


def test_ids_with_brackets_are_shown_as_text(make: Callable[..., tui.CallsimApp], store: Store,
                                              tmp_path: Path) -> None:
    """`[/x]` in an ID crashed the app (MarkupError); `[retake]` vanished (item 6)."""
    plan = load_plan("keyboard-only")

    async def script(pilot: Pilot) -> None:
        pilot.app.push_screen(tui_hiring.HiringScreen())
        await settle(pilot)
        hire = pilot.app.screen
        assert isinstance(hire, tui_hiring.HiringScreen)
        hire.query_one("#hire-plans", OptionList).highlighted = list(hire.plans).index("keyboard-only")
        await settle(pilot)  # the plan's summary line changes the layout
        hire.query_one("#hire-candidate", Input).value = "C-101 [retake] [/x]"
        await pilot.click("#hire-start")
        await settle(pilot)
        cand = pilot.app.screen
        assert isinstance(cand, tui_hiring.CandidateScreen)
        assert "C-101 [RETAKE] [/X]" in str(cand.query_one(".kb-status", Static).render())
        await pilot.press("f10", "f10")
        await settle(pilot)
        await pilot.press("escape", *PIN, "enter")
        await settle(pilot)
        hire.query_one("#hire-candidate", Input).value = "c-101 [retake] [/x]"
        await pilot.click("#hire-start")  # locked: the message names the ID, as text
        await settle(pilot)
        assert any("C-101 [RETAKE] [/X] has used 1 of 1" in n.message for n in pilot.app._notifications)
        await pilot.press("f5", *PIN, "enter")
        await settle(pilot)
        report = pilot.app.screen
        assert isinstance(report, tui_hiring.ReportScreen)
        assert report.report["rows"][0]["candidate"] == "C-101 [RETAKE] [/X]"
        if find_browser():  # the PDF of the highlighted candidate, named safely
            report.export_dir = tmp_path
            await pilot.press("p")
            pdf = tmp_path / "keyboard-only-C-101__RETAKE____X_.pdf"
            await wait_for(pilot, lambda: pdf.exists() and pdf.stat().st_size > 0, timeout=120)

    drive(make(), script)
    assert HiringStore(store).sessions(plan_id=plan.id)[0]["locked"]


def test_practice_does_not_offer_the_plans_material(make: Callable[..., tui.CallsimApp]) -> None:
    async def script(pilot: Pilot) -> None:
        await pilot.press("k")
        await settle(pilot)
        menu = pilot.app.screen
        assert isinstance(menu, tui_hiring.KeyboardMenuScreen)
        offered = set(menu.items)
        for plan_id in ("inbound-agent", "keyboard-only"):
            assert not offered & load_plan(plan_id).material()
        assert {"delivery-addresses", "practice-callback", "practice-refunds"} <= offered

    drive(make(), script)


class Reader:
    """A stand-in for the speech models: every reading scores 71."""

    def analyse_file(self, path: Path, text: str) -> dict[str, Any]:
        return {"text": text}

    def analyse_audio(self, audio: Any, text: str, source: str = "") -> dict[str, Any]:
        return {"text": text}

    @staticmethod
    def result(analysis: dict[str, Any]) -> dict[str, Any]:
        return {"score": 71.0, "accuracy": 70.0, "fluency": 72.0, "completeness": 90.0,
                "pace_wpm": 150.0, "reasons": ["'delivery' was unclear"], "heard": "secret words"}


def test_read_aloud_hides_feedback_saves_under_the_candidate_once(
        make: Callable[..., tui.CallsimApp], store: Store, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 3: hide_feedback, the candidate's name, one reading per passage, audio kept."""
    from test_phone_test import tone, write

    import tui_phone_test

    monkeypatch.setattr(tui_phone_test, "shared_reader", Reader)
    saved: list[tuple[str, bool]] = []

    def save_attempt(store_: Any, passage: Any, analysis: Any, result: Any, trainee: str = "",
                     audio: Any = None, recordings: Any = None) -> int:
        saved.append((trainee, audio is not None and recordings is not None))
        return len(saved)

    monkeypatch.setattr("simulator.phone_test.save_attempt", save_attempt)
    wav = write(tmp_path / "reading.wav", tone(2.0))
    plan = Plan.model_validate({"id": "phone", "title": "Phone", "hide_feedback": True,
                                "phone_test": {"passages": ["order-confirmation"], "pass_diction": 60}})

    async def script(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, "C-42")
        await take(pilot, cand, "read_aloud")
        screen = pilot.app.screen
        assert isinstance(screen, tui_phone_test.PhoneTestScreen)
        await wait_for(pilot, lambda: screen._mic is not None)
        screen._set_mic(False)
        screen.query_one("#pt-wav", Input).value = str(wav)
        screen.score_wav()
        await wait_for(pilot, lambda: screen.finished)
        shown = text_of(screen.query_one("#pt-result", Static))
        assert "Reading recorded" in shown and "71" not in shown and "secret" not in shown
        screen.score_wav()  # a second reading is refused, not scored
        await settle(pilot)
        assert len(saved) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is cand and cand.done["read_aloud"]["diction"] == 71.0

    drive(make(), script)
    assert saved == [("C-42", True)]


def test_clocks_start_at_the_first_key_extra_time_and_stray_keys(
        make: Callable[..., tui.CallsimApp], store: Store) -> None:
    """Item 7: data entry and 10-key timed from the first key, like typing; the manager's
    extra time is given; a key typed into the stop dialog goes into the test (item 1)."""
    plan = load_plan("keyboard-only")
    clock = VirtualClock()

    async def script(pilot: Pilot) -> None:
        cand = await open_candidate(pilot, plan, "C-60")
        hs = tui_hiring.hiring_store(pilot.app)
        hs.grant_time(cand.session["id"], "typing", 30, by="Dana", reason="accommodation")
        cand.session = hs.session(cand.session["id"])
        await take(pilot, cand, "typing")
        typing = pilot.app.screen
        assert isinstance(typing, tui_hiring.TypingScreen) and typing.test.duration == 90.0
        await pilot.press("T", "w")
        await pilot.press("escape")  # the stop dialog ...
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui_hiring.SafeConfirm)
        await pilot.press("o")  # ... takes no letter: the "o" goes on into the passage
        await settle(pilot)
        assert pilot.app.screen is typing and typing.test.words[0] == "Two"
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await take(pilot, cand, "data_entry")
        entry = pilot.app.screen
        assert isinstance(entry, tui_hiring.DataEntryScreen)
        clock.advance(100)  # reading the customer's words costs no time
        await pilot.pause(0.6)
        assert "starts at your first key" in text_of(entry.query_one("#de-timer", Static))
        await pilot.press(*"Tom Okafor")
        clock.advance(20)
        name = entry.query_one("#de-name", Input)
        from textual import events

        name.post_message(events.Paste("555 0173"))
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert entry.result is not None and entry.result["seconds"] == 20.0
        assert entry.result["pastes_refused"] == 1

    drive(make(clock=clock), script)
    parts = HiringStore(store).sessions(candidate="C-60")[0]["parts"]
    assert parts["typing"]["duration_limit"] == 90.0 and parts["data_entry"]["seconds"] == 20.0
