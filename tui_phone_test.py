"""The phone test screen: read a passage aloud, see the diction score, then take a call.

Widgets only: recording (`simulator/speech/capture.py`), scoring (`simulator/phone_test.py`)
and saving run in workers, and their results come back as plain dicts. Without a
microphone the screen says so and takes a WAV file of the passage instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from simulator.passages import Passage, load_passages

DEFAULT_SCENARIO = "late-delivery-angry"
_READERS: dict[str, Any] = {}  # the loaded models, shared by every visit to the screen


def shared_reader() -> Any:
    """ReadAloud, loaded once per app run (Whisper takes seconds to load)."""
    if "reader" not in _READERS:
        from simulator.phone_test import ReadAloud

        _READERS["reader"] = ReadAloud()
    return _READERS["reader"]


def practice_passages() -> list[Passage]:
    """The passages offered for practice: not those a hiring plan keeps for itself."""
    from simulator.hiring.loading import reserved_material

    reserved = reserved_material()
    return [p for p in load_passages() if p.id not in reserved]


def result_text(result: dict[str, Any]) -> Text:
    """Score, parts and reasons, for the result panel."""
    out = Text()
    out.append(f"Diction {result['score']:.0f}/100", "bold")
    out.append(f"   pronunciation {result['accuracy']:.0f} · fluency {result['fluency']:.0f} · "
               f"words in order {result['completeness']:.0f}% · {result['pace_wpm']:.0f} wpm\n")
    for reason in result.get("reasons", []):
        out.append(f"• {reason}\n")
    if result.get("heard"):
        out.append(f"Heard: {result['heard']}\n", "dim")
    if result.get("attempt_id"):
        out.append(f"Saved as attempt {result['attempt_id']}.", "dim")
    return out


class PhoneTestScreen(Screen[None]):
    """Read-aloud then role-play: the interview's telephone test."""

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back"),
        Binding("f4", "record", "Record"),
        Binding("f8", "stop", "Stop"),
    ]

    def __init__(self, *, reader: Callable[[], Any] | None = None, scenario: str = DEFAULT_SCENARIO,
                 passages: list[Passage] | None = None, microphone: bool | None = None,
                 trainee: str | None = None, hide_feedback: bool = False,
                 candidate: bool = False) -> None:
        super().__init__()
        self._reader = reader or shared_reader
        self.scenario_id = scenario
        self.passages = passages if passages is not None else practice_passages()
        self.trainee = trainee  # who is reading (a candidate), when not the app's trainee
        self.hide_feedback = hide_feedback
        self.candidate = candidate
        self.finished = False  # a hiring read-aloud once every passage is recorded
        self._mic = microphone  # None: find out
        self._stop = threading.Event()
        self.result: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="pt-frame"):
            yield Static(Text("Phone test · read aloud, then one role-play call", "bold"), id="pt-title")
            yield Select([(p.title, p.id) for p in self.passages], allow_blank=False,
                         value=self.passages[0].id if self.passages else Select.NULL, id="pt-passage")
            yield Static("", id="pt-text")
            with Horizontal(id="pt-mic"):
                yield Button("Record F4", id="pt-record", variant="primary", compact=True)
                yield Button("Stop F8", id="pt-stop", compact=True, disabled=True)
            yield Label("Or a WAV recording of the passage (path):")
            with Horizontal(id="pt-wav-row"):
                yield Input(placeholder="e.g. reading.wav", id="pt-wav")
                yield Button("Score WAV", id="pt-score-wav", compact=True)
            yield Static("", id="pt-status")
            yield Static("", id="pt-result")
            yield Button("Take the role-play call", id="pt-call", variant="success", compact=True,
                         disabled=True)
        yield Footer()

    # -- set-up ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self._show_passage()
        if not self.passages:
            self._status("No read-aloud passages found (scenarios/passages/).")
            return
        if self._mic is None:
            self._status("Checking for a microphone…")
            self.find_microphone()
        else:
            self._set_mic(self._mic)

    @work(thread=True, exclusive=True, group="pt-devices")
    def find_microphone(self) -> None:
        from simulator.speech.devices import probe

        try:
            found = probe(want_microphone=True, want_speaker=False).microphone
        except Exception:  # no audio stack at all: the WAV route still works
            found = False
        self.app.call_from_thread(self._set_mic, found)

    def _set_mic(self, found: bool) -> None:
        self._mic = found
        self.query_one("#pt-record", Button).disabled = not found
        if found:
            self._status("Press Record (F4), read the passage aloud, then Stop (F8).")
        else:
            self._status("No microphone found: record the passage to a WAV file and type its path "
                         "below, then Score WAV.")
            self.query_one("#pt-wav", Input).focus()

    def passage(self) -> Passage | None:
        value = self.query_one("#pt-passage", Select).value
        return next((p for p in self.passages if p.id == value), None)

    @on(Select.Changed, "#pt-passage")
    def _show_passage(self) -> None:
        p = self.passage()
        self.query_one("#pt-text", Static).update(Text(p.text if p else "", "bold") if p else "")

    def _status(self, text: str) -> None:
        self.query_one("#pt-status", Static).update(Text(text))  # file names are not markup

    def say_status(self, text: str) -> None:
        self._status(text)

    def can_score(self, passage: Passage) -> bool:
        """Whether this passage may be read now (a hiring read-aloud reads each once)."""
        return not self.finished

    # -- recording -------------------------------------------------------------------
    @on(Button.Pressed, "#pt-record")
    def action_record(self) -> None:
        passage = self.passage()
        if not self._mic or passage is None or not self.can_score(passage):
            return
        self._stop.clear()
        self.query_one("#pt-record", Button).disabled = True
        self.query_one("#pt-stop", Button).disabled = False
        self._status("Recording… read the passage, then press Stop (F8).")
        self.record()

    @on(Button.Pressed, "#pt-stop")
    def action_stop(self) -> None:
        self._stop.set()

    @work(thread=True, exclusive=True, group="pt-work")
    def record(self) -> None:
        from simulator.speech.capture import record

        try:
            audio = record(self._stop)
        except Exception as exc:  # the microphone went away
            self.app.call_from_thread(self._failed, f"Recording failed: {exc}")
            return
        self.app.call_from_thread(self._status, "Scoring…")
        self._score(audio=audio)

    # -- scoring ---------------------------------------------------------------------
    @on(Button.Pressed, "#pt-score-wav")
    @on(Input.Submitted, "#pt-wav")
    def score_wav(self) -> None:
        path = self.query_one("#pt-wav", Input).value.strip()
        if not path:
            self._status("Type the path of a WAV file first.")
            return
        passage = self.passage()
        if passage is None or not self.can_score(passage):
            return
        self._status("Scoring… (the first time loads the speech models)")
        self.score_file(Path(path).expanduser())

    @work(thread=True, exclusive=True, group="pt-work")
    def score_file(self, path: Path) -> None:
        self._score(path=path)

    def _score(self, *, path: Path | None = None, audio: Any = None) -> None:
        """In a worker: analyse, score, save; the result goes back to the UI thread."""
        from simulator.phone_test import save_attempt
        from simulator.speech.audio_check import AudioProblem

        passage = self.passage()
        assert passage is not None
        try:
            reader = self._reader()
            analysis = (reader.analyse_file(path, passage.text) if path is not None
                        else reader.analyse_audio(audio, passage.text, source="the recording"))
            result = reader.result(analysis)
            app: Any = self.app
            if audio is None and path is not None:
                audio = _wav_audio(path)  # keep the reading itself, so a person can re-score
            recordings = None
            if audio is not None:
                from simulator.recording import Recordings

                recordings = Recordings(app.store)
            attempt = save_attempt(app.store, passage, analysis, result,
                                   self.trainee or app.settings.trainee, audio, recordings)
            result = {**result, "attempt_id": attempt, "passage_id": passage.id}
        except AudioProblem as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # models missing or failing: say so, keep the screen
            self.app.call_from_thread(self._failed, f"Could not score: {exc}")
            return
        self.app.call_from_thread(self._scored, result)

    def _failed(self, message: str) -> None:
        self._status(message)
        self.query_one("#pt-stop", Button).disabled = True
        self.query_one("#pt-record", Button).disabled = not self._mic

    def _scored(self, result: dict[str, Any]) -> None:
        self.result = result
        self.query_one("#pt-result", Static).update(
            Text("Reading recorded.", "bold") if self.hide_feedback else result_text(result))
        self.query_one("#pt-stop", Button).disabled = True
        self.query_one("#pt-record", Button).disabled = not self._mic
        call = self.query_one("#pt-call", Button)
        call.disabled = False
        call.focus()
        self._status(f"Done. Next: the role-play call ({self.scenario_id}).")

    # -- the role-play ---------------------------------------------------------------
    @on(Button.Pressed, "#pt-call")
    def take_call(self) -> None:
        from tui import CallScreen

        app: Any = self.app
        entry = app.library.get(self.scenario_id)
        if entry is None or entry.scenario is None:
            self.notify(f"Scenario '{self.scenario_id}' is not in the library.", severity="error")
            return
        self.app.switch_screen(CallScreen(entry.scenario, voice=bool(self._mic)))

    def action_back(self) -> None:
        self._stop.set()
        self.app.pop_screen()


def _wav_audio(path: Path) -> Any:
    """The WAV's audio as the recordings store keeps it; None if it cannot be read again."""
    try:
        from simulator.speech.audio_check import load

        return load(path).audio
    except Exception:  # it was scored a moment ago; failing here only loses the copy
        return None


CSS = """
#pt-frame { padding: 1 2; }
#pt-text { margin: 1 0; padding: 1 2; border: round $primary; }
#pt-mic, #pt-wav-row { height: auto; margin-bottom: 1; }
#pt-mic Button { margin-right: 2; }
#pt-wav { width: 1fr; }
#pt-status { color: $text-muted; margin: 1 0; }
#pt-result { margin-bottom: 1; }
"""
PhoneTestScreen.DEFAULT_CSS = CSS
