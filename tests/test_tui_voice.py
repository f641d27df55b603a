"""The app's voice mode, driven by Pilot with a speech kit of fakes.

The kit's microphone is a queue the test speaks into (`QueuedSpeechIn`) and its voice
is silent but remembers every line it was asked to say, so these tests check the app's
side of a voice call — who owns the session, what reaches the transcript, buttons and
typed lines during listening, recording notice, fallback to text, leaving, replay keys —
without a sound card. The real microphone and speaker paths are exercised in
test_voice_audio.py.

The voice call runs on the call screen's engine worker until the call ends, so these
tests poll for what they expect instead of waiting for every worker to finish.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_helpers import app_factory, wait_for
from tui_helpers import drive as shared_drive

import tui
from simulator.speech.fakes import QueuedSpeechIn, SilentSpeechOut
from simulator.speech.kit import VoiceKit

SCENARIO = "late-delivery-angry"


class FakeKit:
    """A kit factory that hands out one microphone and voice and remembers them."""

    def __init__(self, *, microphone: bool = True, speaker: bool = True) -> None:
        self.mic = QueuedSpeechIn() if microphone else None
        self.out = SilentSpeechOut() if speaker else None
        self.opened = 0

    def __call__(self) -> VoiceKit:
        self.opened += 1
        notes = [] if self.mic else ["No microphone found: type what you say."]
        if self.out is None:
            notes.append("No audio output found: the customer's lines are shown as text.")
        return VoiceKit(speech_in=self.mic, speech_out=self.out, notes=notes)


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., tui.CallsimApp]:
    return app_factory(tmp_path, trainee="amy")


def drive(app: tui.CallsimApp, script: Callable[[Pilot], Awaitable[None]]) -> None:
    shared_drive(app, script, settle_first=False)


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    await wait_for(pilot, condition, timeout, settle_each=False)


async def open_voice_call(pilot: Pilot, key: str = "v") -> tui.CallScreen:
    app = pilot.app
    await pilot.press("p")
    await until(pilot, lambda: isinstance(app.screen, tui.BrowserScreen) and bool(app.screen.shown))
    browser = app.screen
    assert isinstance(browser, tui.BrowserScreen)
    ids = [e.id for e in browser.shown]
    browser.query_one("#scenario-list", OptionList).highlighted = ids.index(SCENARIO)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, tui.CallScreen))
    return app.screen  # type: ignore[return-value]


def transcript_text(screen: tui.CallScreen) -> str:
    """The transcript log's text with its soft wraps undone."""
    log = screen.query_one("#transcript")
    return " ".join(" ".join(strip.text.split()) for strip in log.lines)  # type: ignore[attr-defined]


def test_voice_call_in_the_app_speaks_listens_and_scores(make, tmp_path: Path) -> None:
    kit = FakeKit()
    app = make(voice_kit=kit)

    async def script(pilot: Pilot) -> None:
        call = await open_voice_call(pilot)
        assert call.voice
        await until(pilot, lambda: call.session is not None and bool(kit.out and kit.out.said))
        await until(pilot, lambda: "REC" in str(call.query_one("#rec-flag", Static).render()))
        # the customer's opening was spoken in the persona's voice and shown as text
        assert kit.out is not None and kit.out.texts[0] in transcript_text(call)
        assert "recorded" in transcript_text(call)

        assert kit.mic is not None
        kit.mic.speak("Hello, Pizza Planet, this is Amy. I'm so sorry your order is late.")
        await until(pilot, lambda: len(kit.out.said) >= 2)  # type: ignore[union-attr]
        assert "so sorry your order is late" in transcript_text(call)

        # typing and the account panel still work while the microphone listens
        await pilot.press("f2", *"555-0142", "enter")
        await until(pilot, lambda: call.call_view.account is not None)
        call.send_line("Could I have the phone number on the order, please?")
        await until(pilot, lambda: "phone number on the order" in transcript_text(call))

        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, tui.ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, tui.ScorecardScreen), timeout=30)
        card = app.screen
        assert isinstance(card, tui.ScorecardScreen)
        assert card.transcript.mode == "voice" and card.transcript.finished
        events = card.transcript.events
        spoken = [e for e in events if e.speaker == "operator" and e.kind == "say"]
        assert spoken[0].words, "spoken turns keep their word timings"
        assert any(e.action == "lookup_account" for e in events)
        # replay keys are offered on a voice call's scorecard
        assert card.check_action("play_turn", ()) is True
        await pilot.press("right_square_bracket")
        assert card.selected_turn is not None

    drive(app, script)
    store = app.store
    rows = store.attempts(trainee="amy")
    assert rows[0]["mode"] == "voice" and rows[0]["finished"]


def test_no_microphone_falls_back_to_a_text_call_once(make) -> None:
    kit = FakeKit(microphone=False)
    app = make(voice_kit=kit)

    async def script(pilot: Pilot) -> None:
        call = await open_voice_call(pilot)
        call.send_line("Hello, this is Amy, I'm so sorry about the wait.")  # typed while loading
        await until(pilot, lambda: not call.voice and call.session is not None)
        await until(pilot, lambda: "so sorry about the wait" in transcript_text(call))
        text = transcript_text(call)
        assert text.count("carrying on as a text call") == 1
        assert call.session is not None and call.session.transcript.mode == "text"
        assert str(call.query_one("#rec-flag", Static).render()) == ""

    drive(app, script)


def test_no_audio_output_shows_the_customer_as_text(make) -> None:
    kit = FakeKit(speaker=False)
    app = make(voice_kit=kit)

    async def script(pilot: Pilot) -> None:
        call = await open_voice_call(pilot)
        await until(pilot, lambda: call.session is not None and len(call.session.transcript.events) >= 2)
        assert call.voice and call.session.transcript.mode == "voice"
        opening = call.scenario.opening[0]
        await until(pilot, lambda: opening[:30] in transcript_text(call))
        assert kit.mic is not None
        kit.mic.speak("I'm so sorry, let me check that for you.")
        await until(pilot, lambda: "let me check that for you" in transcript_text(call))

    drive(app, script)


def test_leaving_a_voice_call_stops_listening_and_keeps_it_unfinished(make) -> None:
    kit = FakeKit()
    app = make(voice_kit=kit)

    async def script(pilot: Pilot) -> None:
        call = await open_voice_call(pilot)
        await until(pilot, lambda: call._voice_call is not None)
        assert kit.mic is not None
        kit.mic.speak("Hello, this is Amy.")
        await until(pilot, lambda: "this is Amy" in transcript_text(call))
        call.action_leave()
        await until(pilot, lambda: isinstance(app.screen, tui.ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, tui.BrowserScreen))
        # the call's thread notices and returns without ending (or scoring) the call
        await until(pilot, lambda: not any(w.is_running for w in app.workers
                                           if w.group == "engine"))
        assert call.session is not None and not call.session.ended

    drive(app, script)
    rows = app.store.attempts(trainee="amy")
    assert rows[0]["mode"] == "voice" and not rows[0]["finished"]


def test_text_scorecard_has_no_replay_keys(make) -> None:
    from simulator.transcript import Transcript

    card = tui.ScorecardScreen.__new__(tui.ScorecardScreen)
    card.transcript = Transcript(scenario_id=SCENARIO, mode="text")
    assert card.check_action("play_turn", ()) is False
    assert card.check_action("retry", ()) is True
