"""Keyboard tests and hiring screens for callsim's Textual app.

Screens only, like `tui.py`: the typing metrics come from `scoring.typing`, field
scores from `scoring.data_entry`, plans and locked sessions from `simulator.hiring`.

* Keyboard test (from Home): practise typing (30/60/120 s), data entry or 10-key;
  results are kept for the trainee's progress report.
* Hiring (from Home): the manager picks a plan and types a candidate ID; the
  candidate then works through the plan's parts and submits, which locks the
  session. Reports compare every candidate on a plan and export CSV and HTML.

Pasting is refused in every test (a paste is not typing). Everything fits 80x24.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from scoring.typing import BACKSPACE, TypingTest
from simulator.hiring.models import PART_LABELS, FormCase, NumbersCase, Plan, TypingPassage
from tui import CallScreen, CallsimApp, ConfirmScreen, TransferScreen

if TYPE_CHECKING:
    from simulator.hiring.store import HiringStore
    from simulator.scenario import Scenario

PASTE_REFUSED = "Pasting is not allowed in this test: type it."
Done = Callable[[dict[str, Any]], None]


def hiring_store(app: Any) -> HiringStore:
    """The hiring tables on the app's store, opened once."""
    hs = getattr(app, "_hiring_store", None)
    if hs is None:
        from simulator.hiring.store import HiringStore

        hs = HiringStore(app.store)
        app._hiring_store = hs
    return hs


def _clock(app: Any) -> float:
    return float(app.clock())


def mmss(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60}:{seconds % 60:02d}"


# -- input widgets that count keys and refuse pastes ------------------------------------------
def _key_pressed(widget: Any) -> None:
    """Tell the screen a key was typed: every test's clock starts at the first key."""
    hook = getattr(widget.screen, "key_pressed", None)
    if hook is not None:
        hook()


def _refuse_paste(widget: Any) -> None:
    widget.pastes_refused += 1
    widget.app.notify(PASTE_REFUSED, severity="warning")


class NoPasteInput(Input):
    """An Input that counts editing key presses (for KPH) and refuses (and counts) pastes."""

    keystrokes = 0
    pastes_refused = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in ("backspace", "delete"):
            self.keystrokes += 1
            _key_pressed(self)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # the Input's own paste handler must not run
        _refuse_paste(self)

    def action_paste(self) -> None:
        _refuse_paste(self)


class NoPasteTextArea(TextArea):
    keystrokes = 0
    pastes_refused = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in ("backspace", "delete", "enter"):
            self.keystrokes += 1
            _key_pressed(self)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        _refuse_paste(self)

    def action_paste(self) -> None:
        _refuse_paste(self)


def type_into(widget: Any, key: str, character: str | None) -> None:
    """Put a key typed into a dialog where it was meant to go: the box the candidate was
    typing in when the dialog opened. Nothing typed is ever swallowed by a dialog."""
    if isinstance(widget, TypingBox):
        if key == "backspace":
            widget.owner.press(BACKSPACE)
        elif character and (character.isprintable()):
            widget.owner.press(character)
        return
    if isinstance(widget, Input):
        if key == "backspace":
            widget.action_delete_left()
        elif key == "enter":
            widget.post_message(Input.Submitted(widget, widget.value))
        elif character and character.isprintable():
            widget.insert_text_at_cursor(character)
        else:
            return
    elif isinstance(widget, TextArea):
        if key == "backspace":
            widget.action_delete_left()
        elif key == "enter":
            widget.insert("\n")
        elif character and character.isprintable():
            widget.insert(character)
        else:
            return
    else:
        return
    if hasattr(widget, "keystrokes"):
        widget.keystrokes += 1


class SafeConfirm(ModalScreen[bool]):
    """"End this part?" for a candidate: only F10 or a click says yes.

    The plain y/n dialog ended a one-shot part when the candidate, not noticing it had
    opened, typed "yes, and ..." (and lost the line when the text began with "n"). Here
    no letter answers: the first ordinary key closes the dialog with "no" and goes,
    with every key after it, into the box the candidate was typing in.
    """

    BINDINGS: ClassVar = [Binding("f10", "yes", "Yes, end it", priority=True),
                          Binding("escape", "no", "Keep going")]
    DEFAULT_CSS = """
    SafeConfirm { align: center middle; }
    SafeConfirm > Vertical { width: 64; height: auto; border: thick $error; background: $surface;
                             padding: 1 2; }
    SafeConfirm .safe-buttons { height: auto; margin-top: 1; }
    SafeConfirm Button { margin-right: 2; }
    """

    def __init__(self, question: str, yes: str, no: str = "Keep going", *,
                 target: Any = None) -> None:
        super().__init__()
        self.question, self.yes, self.no, self.target = question, yes, no, target

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, "bold"))
            yield Static(Text(f"Press F10 (or click the red button) to {self.yes.lower()}. "
                              "Any other key goes back to where you were.", "dim"))
            with Horizontal(classes="safe-buttons"):
                yield Button(self.no, id="safe-no", variant="primary", compact=True)
                yield Button(f"{self.yes} F10", id="safe-yes", variant="error", compact=True)

    def on_mount(self) -> None:
        # Neither button takes the keyboard: Enter and space are typing too, and go on to
        # the box below like every other key (a focused button would eat them).
        for button in self.query(Button):
            button.can_focus = False
        self.set_focus(None)

    async def on_key(self, event: events.Key) -> None:
        if event.key in ("f10", "escape", "tab", "shift+tab"):
            return
        event.stop()
        event.prevent_default()
        if self.is_current:
            self.dismiss(False)
        type_into(self.target, event.key, event.character)

    @on(Button.Pressed, "#safe-yes")
    def action_yes(self) -> None:
        if self.is_current:
            self.dismiss(True)

    @on(Button.Pressed, "#safe-no")
    def action_no(self) -> None:
        if self.is_current:
            self.dismiss(False)


class PinScreen(ModalScreen[bool]):
    """The manager's PIN, to leave a candidate session (or open the reports).

    With `new=True` it sets the PIN (typed twice) when none is set yet. Only the
    scrypt hash is stored (`HiringStore.set_pin`); three wrong tries close the dialog.
    """

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    PinScreen { align: center middle; }
    PinScreen > Vertical { width: 60; height: auto; border: thick $primary; background: $surface;
                           padding: 1 2; }
    PinScreen Input { margin-top: 1; }
    """

    def __init__(self, question: str, *, new: bool = False) -> None:
        super().__init__()
        self.question, self.new, self.tries = question, new, 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, "bold"))
            yield Input(password=True, placeholder="PIN", id="pin-1")
            if self.new:
                yield Input(password=True, placeholder="the same PIN again", id="pin-2")
            yield Static("", id="pin-note")

    def on_mount(self) -> None:
        self.query_one("#pin-1", Input).focus()

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        from simulator.hiring.store import HiringError

        hs = hiring_store(self.app)
        note = self.query_one("#pin-note", Static)
        first = self.query_one("#pin-1", Input).value
        if self.new:
            if event.input.id == "pin-1":
                self.query_one("#pin-2", Input).focus()
                return
            if self.query_one("#pin-2", Input).value != first:
                note.update(Text("The two PINs differ; type them again.", "red"))
                return
            try:
                hs.set_pin(first)
            except HiringError as exc:
                note.update(Text(str(exc), "red"))
                return
            self.dismiss(True)
            return
        if hs.check_pin(first):
            self.dismiss(True)
            return
        self.tries += 1
        event.input.value = ""
        if self.tries >= 3:
            self.dismiss(False)
            return
        note.update(Text("Wrong PIN.", "red"))

    def action_cancel(self) -> None:
        self.dismiss(False)


class AskScreen(ModalScreen[str | None]):
    """One line of text from the manager (why a retry is granted); Escape cancels."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskScreen { align: center middle; }
    AskScreen > Vertical { width: 64; height: auto; border: thick $primary; background: $surface;
                           padding: 1 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, "bold"))
            yield Input(id="ask-text", max_length=300)

    def on_mount(self) -> None:
        self.query_one("#ask-text", Input).focus()

    @on(Input.Submitted, "#ask-text")
    def _done(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class KbScreen(Screen[None]):
    """Base of this module's screens: their shared styles (scoped to these screens), and
    how a keyboard test ends: the result (or, with feedback hidden, only "recorded"), a
    Continue button, and a confirmation before stopping early."""

    DEFAULT_CSS = ""  # filled in at the end of the module, where CSS is defined
    result: dict[str, Any] | None = None
    hide_feedback = False
    candidate = False  # part of a locked candidate session: deliberate endings only
    on_done: Callable[[dict[str, Any]], None]
    on_progress: Callable[[dict[str, Any]], None] | None = None
    _last_progress: dict[str, Any] | None = None

    def on_mount(self) -> None:
        if self.candidate:  # Textual runs each class's on_mount: this one for every test screen
            for footer in self.query(Footer):
                footer.show_command_palette = False

    def say(self, message: str, **kwargs: Any) -> None:
        """A notification shown as text: IDs and file names are never read as markup."""
        self.app.notify(message, markup=False, **kwargs)

    def progress(self, so_far: dict[str, Any]) -> None:
        """Hand what is done so far to the session (kept if the app is killed mid-part)."""
        if self.on_progress is not None and so_far != self._last_progress:
            self._last_progress = so_far
            self.on_progress(so_far)

    def _reveal(self, prefix: str, summary: Text, hidden: str) -> None:
        """Show the result in `#<prefix>-result`, then offer `#<prefix>-continue`."""
        shown = self.query_one(f"#{prefix}-result", Static)
        shown.update(Text(hidden, "bold") if self.hide_feedback else summary)
        button = self.query_one(f"#{prefix}-continue", Button)
        button.display = True
        button.focus()
        assert self.result is not None
        self.on_done(self.result)

    @on(Button.Pressed, ".kb-continue")
    def _continue(self) -> None:
        self.app.pop_screen()

    def _confirm_stop(self, question: str, yes: str, no: str, stop: Callable[[], None]) -> None:
        def answer(confirmed: bool | None) -> None:
            if confirmed:
                stop()

        if self.candidate:
            self.app.push_screen(SafeConfirm(question, yes, no, target=self.focused), answer)
        else:
            self.app.push_screen(ConfirmScreen(question, yes, no), answer)


# -- the typing test ------------------------------------------------------------------------------
def passage_text(test: TypingTest) -> Text:
    """The passage with what has been typed coloured in: right green, wrong red."""
    out = Text()
    for i, word in enumerate(test.target):
        typed = test.words[i] if i < len(test.words) else None
        current = i == test.index and not test.finished
        for j in range(max(len(word), len(typed or ""))):
            cursor = current and typed is not None and j == len(typed)
            if typed is None or j >= len(typed):
                out.append(word[j], "reverse" if cursor else "dim")
            elif j < len(word):
                out.append(word[j], "green" if typed[j] == word[j] else "bold red underline")
            else:
                out.append(typed[j], "red strike")
        if current and typed is not None and len(typed) >= len(word):
            out.append(" ", "reverse")
        elif i < len(test.target) - 1:
            out.append(" ")
    return out


class TypingBox(Static, can_focus=True):
    """The passage; every key press while it has focus goes to the typing test."""

    def __init__(self, screen_: TypingScreen, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owner = screen_

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.owner.press(BACKSPACE)
        elif event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.owner.press(event.character)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.owner.paste_refused += 1
        self.app.notify(PASTE_REFUSED, severity="warning")


def typing_summary(r: dict[str, Any]) -> Text:
    worst = sorted(r["errors_per_key"].items(), key=lambda kv: -kv[1])[:6]
    errors = ", ".join(f"{k}×{n}" for k, n in worst) or "none"
    return Text.assemble(
        ("Result  ", "bold"), (f"{r['wpm']:.0f} wpm", "bold green"),
        f"  raw {r['raw']:.0f}  accuracy {r['accuracy']:.1f}%  consistency {r['consistency']:.0f}%\n",
        f"{r['seconds']:.0f} s, {r['key_presses']} key presses, {r['wrong_presses']} wrong. "
        f"Errors per key: {errors}",
        (f"\nStopped early: scored over the full {r['scored_over']:.0f} s "
         f"({r['measured_wpm']:.0f} wpm while typing)." if r.get("scored_over") else
         ("\nStopped early." if r.get("incomplete") else ""), "yellow"),
        ("\nKeys arrived faster than a person types: flagged." if r.get("too_fast") else "", "bold red"),
    )


class TypingScreen(KbScreen):
    """Copy the passage before the time runs out; the clock starts at the first key."""

    BINDINGS: ClassVar = [Binding("escape", "leave", "Leave"), Binding("f9", "finish", "Finish")]

    def __init__(self, passage: TypingPassage, seconds: int, on_done: Done, *,
                 hide_feedback: bool = False, title: str = "Typing test", candidate: bool = False,
                 on_progress: Done | None = None) -> None:
        super().__init__()
        self.candidate = candidate
        self.on_progress = on_progress
        self.passage = passage
        self.test = TypingTest(passage.text, float(seconds), passage.id)
        self.on_done = on_done
        self.hide_feedback = hide_feedback
        self.title_text = title
        self.result: dict[str, Any] | None = None
        self.paste_refused = 0

    def compose(self) -> ComposeResult:
        with Horizontal(classes="kb-status"):
            yield Static(Text(f"{self.title_text}: {self.passage.title}", "bold"), classes="kb-title")
            yield Static("", id="typing-live")
        yield Static(Text("Type the passage. The clock starts at your first key; Backspace fixes "
                          "mistakes (they still count against accuracy).", "dim"), classes="kb-help")
        with VerticalScroll(id="typing-scroll"):
            yield TypingBox(self, id="typing-box")
        yield Static("", id="typing-result")
        with Horizontal(classes="kb-buttons"):
            yield Button("Continue", id="typing-continue", variant="primary", compact=True,
                         classes="kb-continue")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#typing-continue").display = False
        self._draw()
        self.query_one("#typing-box").focus()
        self.set_interval(0.25, self._tick)

    @property
    def now(self) -> float:
        return _clock(self.app)

    def press(self, key: str) -> None:
        if self.result is not None:
            return
        self.test.press(key, self.now)
        self._draw()
        if self.test.finished:
            self._finish()

    def _tick(self) -> None:
        if self.result is None and self.test.started and self.test.time_up(self.now):
            self._finish()
        elif self.result is None:
            self._live()
            if self.test.started:
                self.progress({"typed": " ".join(self.test.words).strip(),
                               "key_presses": len(self.test.log),
                               "seconds": round(self.test.elapsed(self.now), 1)})

    def _live(self) -> None:
        remaining = self.test.remaining(self.now) or 0.0
        if self.hide_feedback:
            text = f"{mmss(remaining)} left"
        else:
            wpm, acc = self.test.live(self.now)
            text = f"{mmss(remaining)} left · {wpm:.0f} wpm · {acc:.0f}% acc"
        self.query_one("#typing-live", Static).update(Text(text, "bold"))

    def _draw(self) -> None:
        self.query_one("#typing-box", TypingBox).update(passage_text(self.test))
        self._live()

    def action_finish(self) -> None:
        if self.result is None and self.test.started:
            self.test.stop(self.now)
            self._finish()

    def _finish(self) -> None:
        from simulator.hiring.parts import typing_result

        scored = self.test.result(self.now)
        self.result = typing_result(scored, times=[k.t for k in self.test.log],
                                    pastes_refused=self.paste_refused, full_time=self.candidate)
        self._draw()
        if self.hide_feedback:
            self.query_one("#typing-live", Static).update("")
        self._reveal("typing", typing_summary(self.result), "Done. Your result is recorded.")

    def action_leave(self) -> None:
        if self.result is not None or (not self.test.started and not self.candidate):
            self.app.pop_screen()
            return
        self._confirm_stop("Stop the test now? It is scored as it stands.", "Stop the test",
                           "Keep typing", self._stop_now)

    def _stop_now(self) -> None:
        if self.result is None:
            self.test.stop(self.now)
            self._finish()


# -- data entry -----------------------------------------------------------------------------------
class DataEntryScreen(KbScreen):
    """The customer gives details (shown, or spoken); the candidate fills the CRM form."""

    BINDINGS: ClassVar = [Binding("f10", "submit", "Submit"), Binding("f4", "replay", "Hear again"),
                          Binding("escape", "leave", "Leave")]
    FIELDS: ClassVar = (("name", "Name"), ("phone", "Phone"), ("address", "Address"))

    def __init__(self, case: FormCase, seconds: int, on_done: Done, *, voice: bool = False,
                 hide_feedback: bool = False, candidate: bool = False,
                 on_progress: Done | None = None) -> None:
        super().__init__()
        self.candidate = candidate
        self.on_progress = on_progress
        self.case = case
        self.limit = seconds
        self.on_done = on_done
        self.voice = voice
        self.hide_feedback = hide_feedback
        self.t0: float | None = None
        self.result: dict[str, Any] | None = None
        self._speech: Any = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="kb-status"):
            yield Static(Text(f"Data entry: {self.case.title}", "bold"), classes="kb-title")
            yield Static("", id="de-timer")
        with VerticalScroll(id="de-says"):
            yield Static(self._says_text(), id="de-says-text")
        with Vertical(id="de-form"):
            for key, label in self.FIELDS:
                with Horizontal(classes="de-row"):
                    yield Label(label, classes="de-label")
                    yield NoPasteInput(id=f"de-{key}", compact=True, select_on_focus=False)
            with Horizontal(classes="de-row de-order-row"):
                yield Label("Order\n(qty item,\none a line)", classes="de-label")
                yield NoPasteTextArea(id="de-order", compact=True, show_line_numbers=False)
            with Horizontal(classes="de-row"):
                yield Label("Notes", classes="de-label")
                yield NoPasteInput(id="de-notes", compact=True, select_on_focus=False)
        yield Static("", id="de-result")
        with Horizontal(classes="kb-buttons"):
            yield Button("Submit F10", id="de-submit", variant="primary", compact=True)
            yield Button("Continue", id="de-continue", variant="primary", compact=True,
                         classes="kb-continue")
        yield Footer()

    def _says_text(self) -> Text:
        if self.voice:
            return Text("The customer is speaking… (F4 plays it again)", "italic")
        return Text.assemble((f"{self.case.customer}: ", "bold"), " ".join(self.case.says.split()))

    def key_pressed(self) -> None:
        if self.t0 is None:
            self.t0 = _clock(self.app)

    def on_mount(self) -> None:
        self.query_one("#de-continue").display = False
        self.query_one("#de-name").focus()
        self.set_interval(0.5, self._tick)
        self._tick()
        if self.voice:
            self.speak()

    @work(thread=True, exclusive=True, group="de-voice")
    def speak(self) -> None:
        """Say the customer's words; fall back to showing them when there is no speaker."""
        note = ""
        try:
            if self._speech is None:
                from simulator.speech.kit import open_kit

                kit = open_kit(want_input=False)
                self._speech = kit.speech_out
                note = "; ".join(kit.notes)
            if self._speech is None:
                raise RuntimeError(note or "no speaker")
            from simulator.speech.voices import VoiceSettings

            self._speech.say(" ".join(self.case.says.split()), VoiceSettings(rate=0.9))
        except Exception as exc:  # any speech failure: show the words instead
            self.voice = False
            self.app.call_from_thread(self._show_text, str(exc))

    def _show_text(self, why: str) -> None:
        self.query_one("#de-says-text", Static).update(self._says_text())
        self.say(f"No voice ({why[:60]}): the customer's words are shown instead.", timeout=5)

    def action_replay(self) -> None:
        if self.voice and self.result is None:
            self.speak()

    def _tick(self) -> None:
        if self.result is not None:
            return
        if self.t0 is None:
            self.query_one("#de-timer", Static).update(
                Text(f"{mmss(self.limit)} · starts at your first key", "bold"))
            return
        left = self.limit - (_clock(self.app) - self.t0)
        self.query_one("#de-timer", Static).update(Text(f"{mmss(left)} left", "bold"))
        self.progress({"entered": self.entered(), "keystrokes": self.keystrokes(),
                       "seconds": round(_clock(self.app) - self.t0, 1)})
        if left <= 0:
            self._finish()

    def entered(self) -> dict[str, str]:
        values = {key: self.query_one(f"#de-{key}", Input).value for key, _ in self.FIELDS}
        values["order"] = self.query_one("#de-order", TextArea).text
        values["notes"] = self.query_one("#de-notes", Input).value
        return values

    def keystrokes(self) -> int:
        return sum(w.keystrokes for w in self.query(NoPasteInput)) + \
            self.query_one("#de-order", NoPasteTextArea).keystrokes

    @on(Button.Pressed, "#de-submit")
    def action_submit(self) -> None:
        if self.result is None:
            self._finish()

    def _finish(self) -> None:
        from simulator.hiring.parts import form_result

        seconds = 0.0 if self.t0 is None else min(float(self.limit), _clock(self.app) - self.t0)
        self.result = form_result(self.case, self.entered(), seconds=seconds, keystrokes=self.keystrokes())
        self.result["pastes_refused"] = sum(w.pastes_refused for w in self.query(NoPasteInput)) + \
            self.query_one("#de-order", NoPasteTextArea).pastes_refused
        for w in self.query("#de-form Input, #de-form TextArea"):
            w.disabled = True
        self.query_one("#de-submit").display = False
        self._reveal("de", form_summary(self.result), "Submitted. Your result is recorded.")

    def action_leave(self) -> None:
        if self.result is not None:
            self.app.pop_screen()
            return
        self._confirm_stop("Submit the form as it is now?", "Submit", "Keep typing", self._finish)


def form_summary(r: dict[str, Any]) -> Text:
    out = Text.assemble(("Score ", "bold"), (f"{r['score']:.0f}", "bold green"),
                        f"  fields right {r['accuracy']:.0f}%  {r['kph']:.0f} KPH  {r['seconds']:.0f} s\n")
    for f in r["fields"]:
        out.append(f"{'✓' if f['correct'] else '✗'} {f['field']} {f['score']:.0f}  ",
                   "green" if f["correct"] else "red")
    return out


# -- 10-key ---------------------------------------------------------------------------------------
class TenKeyScreen(KbScreen):
    """Key in each number exactly, Enter after each; net KPH counts the right ones."""

    BINDINGS: ClassVar = [Binding("f10", "submit", "Finish"), Binding("escape", "leave", "Leave")]

    def __init__(self, case: NumbersCase, seconds: int, on_done: Done, *,
                 hide_feedback: bool = False, candidate: bool = False,
                 on_progress: Done | None = None) -> None:
        super().__init__()
        self.candidate = candidate
        self.on_progress = on_progress
        self.case = case
        self.limit = seconds
        self.on_done = on_done
        self.hide_feedback = hide_feedback
        self.entries: list[str] = []
        self.keys = 0
        self.t0: float | None = None
        self.result: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="kb-status"):
            yield Static(Text(f"10-key: {self.case.title}", "bold"), classes="kb-title")
            yield Static("", id="tk-timer")
        yield Static(Text(self.case.intro, "dim"), classes="kb-help")
        yield Static("", id="tk-list")
        with Horizontal(classes="de-row"):
            yield Label("Number", classes="de-label")
            yield NoPasteInput(id="tk-input", compact=True, restrict=r"[0-9.,\-]*")
        yield Static("", id="tk-result")
        with Horizontal(classes="kb-buttons"):
            yield Button("Continue", id="tk-continue", variant="primary", compact=True,
                         classes="kb-continue")
        yield Footer()

    def key_pressed(self) -> None:
        if self.t0 is None:
            self.t0 = _clock(self.app)

    def on_mount(self) -> None:
        self.query_one("#tk-continue").display = False
        self.query_one("#tk-input").focus()
        self._draw()
        self.set_interval(0.5, self._tick)
        self._tick()

    def _draw(self) -> None:
        out = Text()
        for i, n in enumerate(self.case.numbers):
            style = "reverse bold" if i == len(self.entries) else ("dim" if i < len(self.entries) else "")
            out.append(f"{n:>10}", style)
            out.append("\n" if (i + 1) % 6 == 0 else "  ")
        self.query_one("#tk-list", Static).update(out)

    def _tick(self) -> None:
        if self.result is not None:
            return
        if self.t0 is None:
            self.query_one("#tk-timer", Static).update(
                Text(f"{mmss(self.limit)} · starts at your first key", "bold"))
            return
        left = self.limit - (_clock(self.app) - self.t0)
        self.query_one("#tk-timer", Static).update(Text(f"{mmss(left)} left", "bold"))
        self.progress({"entries": list(self.entries),
                       "seconds": round(_clock(self.app) - self.t0, 1)})
        if left <= 0:
            self._finish()

    @on(Input.Submitted, "#tk-input")
    def _entered(self, event: Input.Submitted) -> None:
        if self.result is not None or not event.value.strip():
            return
        self.entries.append(event.value.strip())
        self.keys += 1  # the Enter
        event.input.value = ""
        self._draw()
        if len(self.entries) >= len(self.case.numbers):
            self._finish()

    def action_submit(self) -> None:
        if self.result is None:
            self._finish()

    def _finish(self) -> None:
        from simulator.hiring.parts import numbers_result

        box = self.query_one("#tk-input", NoPasteInput)
        seconds = 0.0 if self.t0 is None else min(float(self.limit), _clock(self.app) - self.t0)
        self.result = numbers_result(self.case, self.entries, seconds=seconds,
                                     keystrokes=box.keystrokes + self.keys)
        self.result["pastes_refused"] = box.pastes_refused
        box.disabled = True
        r = self.result
        self._reveal("tk", Text.assemble(
            ("Accuracy ", "bold"), (f"{r['accuracy']:.0f}%", "bold green"),
            f"  {r['correct_entries']}/{r['keyed']} keyed right ({r['entries']} in all)"
            f"  net {r['net_kph']:.0f} KPH"
            f"  (gross {r['kph']:.0f})  {r['seconds']:.0f} s"), "Done. Your result is recorded.")

    def action_leave(self) -> None:
        if self.result is not None:
            self.app.pop_screen()
            return
        self._confirm_stop("Finish now? Numbers not keyed are reported as not keyed.", "Finish",
                           "Keep going", self._finish)


# -- keyboard practice menu -------------------------------------------------------------------------
class KeyboardMenuScreen(KbScreen):
    """Practise the keyboard tests; results go into the trainee's progress."""

    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        from simulator.hiring.loading import load_keyboard, reserved_material

        reserved = reserved_material()
        self.items = {k: v for k, v in load_keyboard().items() if k not in reserved}
        yield Static(Text.assemble(("Keyboard test", "bold"), ("  ·  typing, data entry, 10-key", "dim")),
                     classes="kb-status")
        with Horizontal(id="kb-menu-row"):
            yield Label("Typing length")
            yield Select([("30 s", 30), ("60 s", 60), ("120 s", 120)], value=60, allow_blank=False,
                         id="kb-seconds", compact=True)
        order = {"typing": 0, "form": 1, "numbers": 2}
        ranked = sorted(self.items.values(), key=lambda i: (order[i.kind], i.title))
        yield OptionList(*[Option(Text(self._label(item)), id=item.id) for item in ranked], id="kb-list")
        yield Static(Text("Enter starts the highlighted test. Results are saved to your progress "
                          "(callsim report progress).", "dim"), classes="kb-help")
        yield Footer()

    @staticmethod
    def _label(item: Any) -> str:
        kind = {"typing": "Typing", "form": "Data entry", "numbers": "10-key"}[item.kind]
        return f"{kind:<11} {item.title}"

    def on_mount(self) -> None:
        self.query_one("#kb-list").focus()

    @on(OptionList.OptionSelected, "#kb-list")
    def _start(self, event: OptionList.OptionSelected) -> None:
        item = self.items[str(event.option.id)]
        self.start(item)

    def start(self, item: Any) -> None:
        app: CallsimApp = self.app  # type: ignore[assignment]
        person = app.settings.trainee or "anonymous"

        def save(result: dict[str, Any]) -> None:
            hiring_store(app).save_practice(person, result)

        if isinstance(item, TypingPassage):
            seconds = int(self.query_one("#kb-seconds", Select).value)  # type: ignore[arg-type]
            app.push_screen(TypingScreen(item, seconds, save))
        elif isinstance(item, FormCase):
            app.push_screen(DataEntryScreen(item, item.seconds, save))
        elif isinstance(item, NumbersCase):
            app.push_screen(TenKeyScreen(item, item.seconds, save))


# -- hiring -----------------------------------------------------------------------------------------
class HiringScreen(KbScreen):
    """The manager's screen: a plan, a candidate ID, Start; or the reports (behind the PIN)."""

    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", "Back"),
                          Binding("f5", "reports", "Reports")]

    def compose(self) -> ComposeResult:
        from simulator.hiring.loading import check_plan_file, load_keyboard, plan_files

        keyboard = load_keyboard()
        self.plans: dict[str, Plan] = {}
        for f in plan_files():
            p, _ = check_plan_file(f, keyboard)
            if p is not None:
                self.plans[p.id] = p
        yield Static(Text.assemble(("Hiring", "bold"), ("  ·  phone and keyboard tests for candidates",
                                                        "dim")), classes="kb-status")
        yield Label("Test plan (scenarios/plans/)", classes="hire-label")
        yield OptionList(*[Option(Text(f"{p.id:<20} {p.title}"), id=p.id) for p in self.plans.values()],
                         id="hire-plans")
        yield Static("", id="hire-plan-info")
        yield Label("Candidate ID", classes="hire-label")
        yield Input(placeholder="e.g. C-101", id="hire-candidate", max_length=80)
        with Horizontal(classes="kb-buttons"):
            yield Button("Start session", id="hire-start", variant="primary", compact=True)
            yield Button("Reports F5", id="hire-reports", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        plans = self.query_one("#hire-plans", OptionList)
        if self.plans:
            plans.highlighted = 0
        plans.focus()

    @on(OptionList.OptionHighlighted, "#hire-plans")
    def _info(self, event: OptionList.OptionHighlighted) -> None:
        p = self.plans[str(event.option.id)]
        parts = ", ".join(PART_LABELS[x].lower() for x in p.parts())
        feedback = "hidden" if p.hide_feedback else "shown"
        self.query_one("#hire-plan-info", Static).update(Text(
            f"{parts}. Attempts: {p.attempts}. Live feedback {feedback}.", "dim"))

    @on(OptionList.OptionSelected, "#hire-plans")
    def _picked(self) -> None:
        self.query_one("#hire-candidate").focus()

    def selected_plan(self) -> Plan | None:
        idx = self.query_one("#hire-plans", OptionList).highlighted
        return list(self.plans.values())[idx] if idx is not None and self.plans else None

    @on(Input.Submitted, "#hire-candidate")
    @on(Button.Pressed, "#hire-start")
    def start(self) -> None:
        """Open the candidate's locked session; the first time, the manager sets a PIN."""
        from simulator.hiring.ids import BadCandidateId, normalise_id
        from simulator.hiring.store import HiringError

        plan = self.selected_plan()
        raw = self.query_one("#hire-candidate", Input).value
        if plan is None or not raw.strip():
            self.say("Pick a plan and type the candidate's ID.", severity="warning")
            return
        try:
            candidate = normalise_id(raw)
        except BadCandidateId as exc:
            self.say(str(exc), severity="error", timeout=6)
            return
        hs = hiring_store(self.app)
        if not hs.has_pin():
            def pin_set(ok: bool | None) -> None:
                if ok:
                    self.start()

            self.app.push_screen(PinScreen("Set the manager's PIN first: leaving a candidate "
                                           "session will need it.", new=True), pin_set)
            return
        try:
            session = hs.start(plan, candidate)
        except HiringError as exc:
            self.say(str(exc), severity="error", timeout=6)
            return
        self.query_one("#hire-candidate", Input).value = ""
        self.app.push_screen(CandidateScreen(plan, session))

    @on(Button.Pressed, "#hire-reports")
    def action_reports(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            return

        def opened(ok: bool | None) -> None:
            if ok:
                self.app.push_screen(ReportScreen(plan))

        if hiring_store(self.app).has_pin():
            self.app.push_screen(PinScreen("Manager PIN to open the reports"), opened)
        else:
            opened(True)


STATE_LABELS = {"in_progress": "in progress", "interrupted": "interrupted: ask the manager",
                "retry_granted": "to do (retry granted)", "not_taken": "not taken"}


def part_state(result: dict[str, Any] | None) -> str:
    if not result:
        return "to do"
    return STATE_LABELS.get(str(result.get("status")), "done")


class CandidateScreen(KbScreen):
    """The candidate's way through the plan: each part once, then Submit (locks it).

    A locked mode: while it is on screen the command palette is off, quitting and
    leaving need the manager's PIN, and nothing but the plan's parts can be opened (no
    History, Reports or Practice). Each part is written down as started before the
    candidate sees it, so a killed app cannot give a fresh go.
    """

    BINDINGS: ClassVar = [Binding("f10", "submit", "Submit"),
                          Binding("escape", "leave", "Manager: leave"),
                          Binding("ctrl+g", "grant_retry", "Manager: retry", show=False)]

    def __init__(self, plan: Plan, session: dict[str, Any], *, remote: bool = False) -> None:
        super().__init__()
        self.plan = plan
        self.session = session
        self.submitted = bool(session.get("locked"))
        self.remote = remote  # in a browser (`callsim serve`): no microphone, the app ends on leaving
        self._palette: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble((f"Candidate {self.session['candidate']}", "bold"),
                                   (f"  ·  {self.plan.title}  ·  attempt {self.session['attempt']}", "dim")),
                     classes="kb-status")
        yield Static(Text("Take each part in turn: highlight it and press Enter. Each part can be "
                          "taken once, and it counts from the moment it opens. Submit (F10) when "
                          "you are done: your results are then locked.", "dim"),
                     classes="kb-help", id="cand-help")
        yield OptionList(id="cand-parts")
        with Horizontal(classes="kb-buttons"):
            yield Button("Submit F10", id="cand-submit", variant="primary", compact=True)
        yield Footer(show_command_palette=False)  # the palette is off in a candidate session

    def on_mount(self) -> None:
        hs = hiring_store(self.app)
        cut = hs.interrupt_open_parts(self.session["id"])
        self.session = hs.session(self.session["id"])
        self.set_lock(True)
        self._draw()
        self.query_one("#cand-parts").focus()
        if cut:
            names = ", ".join(PART_LABELS[p] for p in cut)
            self.say(f"{names}: cut off last time, so it counts as taken. The manager can grant "
                     "a retry.", severity="warning", timeout=10)

    def set_lock(self, on: bool) -> None:
        """The app-wide part of the lock (read by the app's quit action)."""
        app: Any = self.app
        if on:
            self._palette = app.use_command_palette
            app.use_command_palette = False
            app.candidate_lock = self
        else:
            app.use_command_palette = True if self._palette is None else self._palette
            app.candidate_lock = None

    def on_screen_resume(self) -> None:
        self._draw()

    @property
    def done(self) -> dict[str, Any]:
        return self.session["parts"]

    def _draw(self) -> None:
        box = self.query_one("#cand-parts", OptionList)
        keep = box.highlighted
        box.clear_options()
        for part in self.plan.parts():
            box.add_option(Option(Text(f"{PART_LABELS[part]:<24} {part_state(self.done.get(part))}"),
                                  id=part))
        nxt = next((i for i, p in enumerate(self.plan.parts()) if self._can_take(p)), None)
        box.highlighted = nxt if nxt is not None else (keep or 0)
        if self.submitted:
            box.disabled = True
            self.query_one("#cand-submit").display = False
            self.query_one("#cand-help", Static).update(Text(
                "Submitted: your results are locked. Thank you! Please tell the manager you "
                "have finished.", "bold"))

    def _can_take(self, part: str) -> bool:
        return not self.submitted and part_state(self.done.get(part)) in ("to do", STATE_LABELS[
            "retry_granted"])

    def record(self, part: str, result: dict[str, Any], attempt_id: int | None = None) -> None:
        from simulator.hiring.store import HiringError

        hs = hiring_store(self.app)
        try:
            hs.record(self.session["id"], part, result, attempt_id=attempt_id)
        except HiringError as exc:
            self.say(str(exc), severity="error")
            return
        self.session = hs.session(self.session["id"])
        with contextlib.suppress(Exception):
            self._draw()

    def progress_saver(self, part: str) -> Done:
        def save(so_far: dict[str, Any], attempt_id: int | None = None) -> None:
            with contextlib.suppress(Exception):  # progress is a safety net, never a crash
                hiring_store(self.app).save_progress(self.session["id"], part, so_far,
                                                     attempt_id=attempt_id)

        return save

    @on(OptionList.OptionSelected, "#cand-parts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.open_part(str(event.option.id))

    def open_part(self, part: str) -> None:
        from simulator.hiring.loading import load_keyboard
        from simulator.hiring.parts import seconds_for
        from simulator.hiring.store import HiringError

        if not self._can_take(part):
            self.say(f"{PART_LABELS[part]}: {part_state(self.done.get(part))}. Each part is taken once.")
            return
        if self.remote and (part == "read_aloud" or (part == "data_entry" and self.plan.keyboard
                                                     and self.plan.keyboard.data_entry
                                                     and self.plan.keyboard.data_entry.voice)):
            self.say(f"{PART_LABELS[part]} is taken at a workstation with a microphone and a "
                     "speaker, not in the browser. Ask the hiring manager.", severity="warning",
                     timeout=10)
            return
        try:
            self.session["parts"][part] = hiring_store(self.app).begin_part(self.session["id"], part)
        except HiringError as exc:
            self.say(str(exc), severity="error")
            self.session = hiring_store(self.app).session(self.session["id"])
            self._draw()
            return
        kb, hide = self.plan.keyboard, self.plan.hide_feedback
        extra = int(self.session.get("extra_seconds", {}).get(part, 0))
        items = load_keyboard()
        saver = self.progress_saver(part)

        def record(result: dict[str, Any]) -> None:
            self.record(part, result)

        if part == "typing" and kb and kb.typing:
            passage = items[kb.typing.passage]
            assert isinstance(passage, TypingPassage)
            self.app.push_screen(TypingScreen(passage, kb.typing.seconds + extra, record,
                                              hide_feedback=hide, candidate=True, on_progress=saver))
        elif part == "data_entry" and kb and kb.data_entry:
            case = items[kb.data_entry.case]
            assert isinstance(case, FormCase)
            self.app.push_screen(DataEntryScreen(case, seconds_for(self.plan, part, case.seconds) + extra,
                                                 record, voice=kb.data_entry.voice, hide_feedback=hide,
                                                 candidate=True, on_progress=saver))
        elif part == "ten_key" and kb and kb.ten_key:
            ncase = items[kb.ten_key.case]
            assert isinstance(ncase, NumbersCase)
            self.app.push_screen(TenKeyScreen(ncase, seconds_for(self.plan, part, ncase.seconds) + extra,
                                              record, hide_feedback=hide, candidate=True,
                                              on_progress=saver))
        elif part == "call":
            self.open_call()
        elif part == "read_aloud":
            self.open_read_aloud()

    def open_read_aloud(self) -> None:
        """The phone test's read-aloud screen, limited to the plan's passages, each read
        once, saved under the candidate, with the plan's hide_feedback."""
        from simulator.hiring.parts import read_aloud_result

        assert self.plan.phone_test is not None
        try:
            from simulator.passages import resolve_passage
            from tui_phone_test import PhoneTestScreen
        except ImportError as exc:
            self.record("read_aloud", read_aloud_result(None, reason=f"read-aloud unavailable: {exc}"))
            return
        passages = [resolve_passage(pid) for pid in self.plan.phone_test.passages]
        readings: dict[str, dict[str, Any]] = {}  # passage id -> its scored reading
        save = self.progress_saver("read_aloud")
        outer = self

        class ReadAloudScreen(PhoneTestScreen):
            """Read aloud only: the role-play call is its own part of the plan. Each passage
            is read once; the part is recorded once every passage has been read."""

            def on_mount(inner) -> None:  # PhoneTestScreen.on_mount runs too (Textual calls both)
                inner.query_one("#pt-call").display = False

            def can_score(inner, passage: Any) -> bool:
                if passage.id in readings:
                    outer.say("That passage is read and recorded; each is read once.")
                    return False
                return True

            def _scored(inner, result: dict[str, Any]) -> None:
                super()._scored(result)
                inner.query_one("#pt-call").display = False
                pid = str(result.get("passage_id") or "")
                if not pid:
                    return
                readings[pid] = dict(result)
                save({"readings": list(readings.values())})
                left = [p for p in passages if p.id not in readings]
                if left:
                    inner.query_one("#pt-passage", Select).value = left[0].id
                    inner.say_status(f"Reading recorded. Next: “{left[0].title}”.")
                    return
                outer.record("read_aloud", read_aloud_result([readings[p.id] for p in passages]))
                inner.finished = True
                inner.say_status("All readings recorded. Esc goes back to the plan.")

            def action_back(inner) -> None:
                if inner.finished:
                    PhoneTestScreen.action_back(inner)
                    return

                def answer(ok: bool | None) -> None:
                    if not ok:
                        return
                    inner.finished = True
                    outer.record("read_aloud", read_aloud_result(
                        [readings[p.id] for p in passages if p.id in readings],
                        reason="left before reading a passage",
                        unread=[p.id for p in passages if p.id not in readings]))
                    PhoneTestScreen.action_back(inner)

                inner.app.push_screen(SafeConfirm("Leave the read-aloud? A passage not read yet "
                                                  "counts as not read.", "Leave"), answer)

        self.app.push_screen(ReadAloudScreen(passages=passages, trainee=self.session["candidate"],
                                             hide_feedback=self.plan.hide_feedback, candidate=True))

    def open_call(self) -> None:
        app: CallsimApp = self.app  # type: ignore[assignment]
        assert self.plan.phone_test is not None and self.plan.phone_test.scenario is not None
        entry = app.library.get(self.plan.phone_test.scenario)
        if entry is None or entry.scenario is None:
            self.say("The role-play scenario is not available; ask the manager.", severity="error")
            return
        save = self.progress_saver("call")

        def recorded(card: dict[str, Any], attempt: int) -> None:
            from simulator.hiring.parts import call_result

            self.record("call", call_result(card, attempt), attempt_id=attempt)

        def started(attempt: int) -> None:
            save({"call_attempt": attempt}, attempt_id=attempt)

        # A plan with a read-aloud is a telephone interview: the call is by voice too
        # (it falls back to typing, with a message, where there is no microphone).
        by_voice = (app.voice or bool(self.plan.phone_test.passages)) and not self.remote
        app.push_screen(HiringCallScreen(entry.scenario, self.session["candidate"], recorded,
                                         hide_feedback=self.plan.hide_feedback, voice=by_voice,
                                         on_started=started))

    @on(Button.Pressed, "#cand-submit")
    def action_submit(self) -> None:
        if self.submitted:
            return
        missing = [p for p in self.plan.parts() if p not in self.done]
        warn = f" {len(missing)} part(s) not taken." if missing else ""

        def answer(yes: bool | None) -> None:
            if yes:
                self.submit()

        self.app.push_screen(SafeConfirm(f"Submit and lock your results?{warn}", "Submit"), answer)

    def submit(self) -> None:
        from simulator.hiring.store import HiringError

        try:
            self.session = hiring_store(self.app).submit(self.session["id"])
        except HiringError as exc:
            self.say(str(exc), severity="error")
            return
        self.submitted = True
        self._draw()

    def action_grant_retry(self) -> None:
        """The manager, at the seat: the highlighted interrupted part may be taken again
        (PIN, then why; logged like `callsim hiring admin grant-retry`)."""
        idx = self.query_one("#cand-parts", OptionList).highlighted
        if idx is None or self.submitted:
            return
        part = self.plan.parts()[idx]
        if (self.done.get(part) or {}).get("status") != "interrupted":
            self.say(f"{PART_LABELS[part]} is not interrupted: nothing to retry.")
            return

        def granted(reason: str | None) -> None:
            from simulator.hiring.store import HiringError

            if not reason:
                return
            hs = hiring_store(self.app)
            try:
                hs.grant_retry(self.session["id"], part, by="manager (at the seat)", reason=reason)
            except HiringError as exc:
                self.say(str(exc), severity="error")
                return
            self.session = hs.session(self.session["id"])
            self._draw()
            self.say(f"{PART_LABELS[part]} may be taken again; the cut-off try is kept.")

        self.ask_manager(lambda: self.app.push_screen(
            AskScreen(f"Why may {PART_LABELS[part]} be taken again? (kept in the log)"), granted))

    def action_leave(self) -> None:
        """Only the manager leaves a candidate session (the PIN)."""
        self.ask_manager(self._left)

    def _left(self) -> None:
        self.set_lock(False)
        if self.remote or len(self.app.screen_stack) <= 1:
            self.app.exit()  # the app was opened on this session only: there is nothing under it
            return
        if not self.submitted:
            self.say("The session stays open: start it again with the same candidate ID to go on.",
                     timeout=5)
        self.app.pop_screen()

    def ask_manager(self, then: Callable[[], None]) -> None:
        def answer(ok: bool | None) -> None:
            if ok:
                then()
            else:
                self.say("Only the manager can close the candidate session.", severity="warning")

        if not hiring_store(self.app).has_pin():
            then()  # no PIN was ever set (a session opened outside the Hiring screen)
            return
        self.app.push_screen(PinScreen("Manager PIN to leave the candidate session"), answer)

    def request_quit(self) -> None:
        """The app's quit key in a candidate session: the manager's PIN, then quit."""
        def quit_now() -> None:
            self.set_lock(False)
            self.app.exit()

        self.ask_manager(quit_now)


class CandidateApp(CallsimApp):
    """The app opened straight on one candidate session: no home screen under it, so
    nothing but the plan's parts exists in this app (a kiosk, or a browser tab)."""

    def __init__(self, plan: Plan, session: dict[str, Any], *, remote: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._candidate_screen = CandidateScreen(plan, session, remote=remote)
        self.title = "callsim — candidate session"

    def get_default_screen(self) -> Screen:
        return self._candidate_screen


class HiringCallScreen(CallScreen):
    """The role-play call of a plan: the candidate's name on the call, no scorecard shown.

    The call itself is the practice call screen; who is on it, what happens at the end,
    and how it ends differ. Escape only goes back to the say box; ending, escalating and
    transferring need F10 (or a click) in a dialog typing cannot answer, and a key typed
    into that dialog goes on into the say box.
    """

    def __init__(self, scenario: Scenario, candidate: str, on_scored: Callable[[dict[str, Any], int], None],
                 *, hide_feedback: bool, voice: bool = False,
                 on_started: Callable[[int], None] | None = None) -> None:
        super().__init__(scenario, voice=voice, trainee=candidate)
        self.candidate = candidate
        self.on_scored = on_scored
        self.on_started = on_started
        self.hide_feedback = hide_feedback
        self._started_sent = False

    def on_mount(self) -> None:
        # Textual also runs CallScreen.on_mount (handlers run for each class): no super() here
        if self.hide_feedback:
            self.query_one("#mood").display = False

    def _show_update(self, events: list[Any], view: Any) -> None:
        super()._show_update(events, view)
        if not self._started_sent and self.session is not None and self.on_started is not None:
            self._started_sent = True
            with contextlib.suppress(Exception):
                self.on_started(self.app_.store.attempt_id(self.session.transcript))

    def _score_and_save(self, session: Any) -> None:
        from simulator.calls import score_and_save

        done = score_and_save(session.transcript, self.scenario, self.app_.store)
        card, attempt = done.scorecard, done.attempt
        self.app.call_from_thread(self._scored, card, attempt)

    def _scored(self, card: dict[str, Any], attempt: int) -> None:
        self.on_scored(card, attempt)
        if not self.hide_feedback:
            self.notify(f"Call score {card['overall']:.0f}.", timeout=5)
        self.notify("The call is recorded.", timeout=4)
        if self in self.app.screen_stack:
            self.app.pop_screen()

    def _safely(self, question: str, yes: str, then: Callable[[], None]) -> None:
        if self.call_view.ended:
            return

        def answer(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(SafeConfirm(question, yes, "Keep talking",
                                         target=self.query_one("#say", Input)), answer)

    def action_back(self) -> None:
        self._focus_now("#say")

    def action_leave(self) -> None:
        self.action_end_call()

    def action_end_call(self) -> None:
        self._safely("End the call now? It is scored as it stands; it cannot be taken again.",
                     "End the call", lambda: self.act("end_call"))

    def action_escalate(self) -> None:
        self._safely("Escalate to a supervisor? The call ends here.", "Escalate",
                     lambda: self.act("escalate"))

    def action_transfer(self) -> None:
        def chosen(target: str | None) -> None:
            if target:
                self._safely(f"Transfer the call ({target})? The call ends here.", "Transfer",
                             lambda: self.act("transfer", target=target))

        self.app.push_screen(TransferScreen(), chosen)

    @on(Button.Pressed, "#b-end")
    def _end_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()  # not CallScreen's y/n dialog
        self.action_end_call()

    @on(Button.Pressed, "#b-escalate")
    def _escalate_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()
        self.action_escalate()

    @on(Button.Pressed, "#b-transfer")
    def _transfer_pressed(self, event: Button.Pressed) -> None:
        event.prevent_default()
        self.action_transfer()


# -- reports ----------------------------------------------------------------------------------------
class ReportScreen(KbScreen):
    """All candidates on a plan; Enter shows one candidate; e exports CSV and HTML; p
    prints the highlighted candidate's report as PDF."""

    BINDINGS: ClassVar = [Binding("escape", "back", "Back"), Binding("e", "export", "Export CSV+HTML"),
                          Binding("p", "pdf", "Candidate PDF")]

    def __init__(self, plan: Plan, export_dir: Path | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.export_dir = export_dir
        self.report: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Candidates", "bold"), (f"  ·  {self.plan.title}", "dim")),
                     classes="kb-status", id="rep-status")
        yield DataTable(id="rep-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="rep-detail"):
            yield Static(Text("Enter on a candidate shows the full result.", "dim"), id="rep-text")
        yield Footer()

    def on_mount(self) -> None:
        from simulator.hiring.reports import compare_report, fmt

        self.report = compare_report(hiring_store(self.app), self.plan)
        self.query_one("#rep-status", Static).update(Text.assemble(
            ("Candidates", "bold"), (f"  ·  {self.plan.title}  ·  ", "dim"),
            (self.report["summary"], "bold"), ("  (passes first)", "dim")))
        table = self.query_one("#rep-table", DataTable)
        table.add_column("Candidate", key="candidate")
        for key, label, minimum in self.report["thresholds"]:
            table.add_column(f"{label[:12]} ≥{fmt(minimum)}", key=key)
        table.add_column("Result", key="result")
        for r in self.report["rows"]:
            cells: list[Any] = [Text(r["candidate"])]  # an ID is text, never markup
            for c in r["checks"]:
                style = "green" if c["passed"] else "red"
                cells.append(Text(fmt(c["value"]), style))
            cells.append(Text("PASS" if r["passed"] else "FAIL", "bold green" if r["passed"] else "bold red"))
            table.add_row(*cells, key=r["candidate"])
        if not self.report["rows"]:
            self.query_one("#rep-text", Static).update("No submitted sessions on this plan yet.")
        table.focus()

    @on(DataTable.RowSelected, "#rep-table")
    def _show(self, event: DataTable.RowSelected) -> None:
        from simulator.hiring.reports import candidate_report, candidate_text

        candidate = str(event.row_key.value)
        text = candidate_text(candidate_report(hiring_store(self.app), self.plan.id, candidate))
        self.query_one("#rep-text", Static).update(Text(text))

    def action_export(self) -> None:
        from simulator.hiring.html import compare_html
        from simulator.hiring.reports import compare_csv

        folder = self.export_dir or Path.cwd()
        csv_path = folder / f"{self.plan.id}-candidates.csv"
        html_path = folder / f"{self.plan.id}-candidates.html"
        try:
            csv_path.write_text(compare_csv(self.report), encoding="utf-8")
            html_path.write_text(compare_html(self.report), encoding="utf-8")
        except OSError as exc:
            self.say(f"Could not write the report: {exc}", severity="error")
            return
        self.say(f"Wrote {csv_path.name} and {html_path.name} in {folder}", timeout=6)

    def action_pdf(self) -> None:
        table = self.query_one("#rep-table", DataTable)
        if not table.row_count:
            return
        candidate = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.say(f"Printing the PDF of {candidate}…", timeout=3)
        self.write_pdf(candidate)

    @work(thread=True, exclusive=True, group="rep-pdf")
    def write_pdf(self, candidate: str) -> None:
        """Chromium takes a few seconds: off the UI thread."""
        from simulator.hiring.html import candidate_html
        from simulator.hiring.pdf import PdfError, html_to_pdf
        from simulator.hiring.reports import candidate_report

        folder = self.export_dir or Path.cwd()
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in candidate)
        out = folder / f"{self.plan.id}-{safe}.pdf"
        try:
            report = candidate_report(hiring_store(self.app), self.plan.id, candidate)
            html_to_pdf(candidate_html(report), out)
        except (PdfError, OSError) as exc:
            self.app.call_from_thread(self.say, f"No PDF: {exc}", severity="error", timeout=8)
            return
        self.app.call_from_thread(self.say, f"Wrote {out.name} in {folder}", timeout=6)

    def action_back(self) -> None:
        self.app.pop_screen()


CSS = """
.kb-status { height: 1; background: $panel; padding: 0 1; }
.kb-status .kb-title { width: 1fr; }
#typing-live, #de-timer, #tk-timer { width: auto; padding: 0 1; }
.kb-help { padding: 0 1; height: auto; }
#typing-scroll { height: 1fr; border: round $primary; padding: 0 1; }
#typing-box { height: auto; }
#typing-result, #de-result, #tk-result { height: auto; padding: 0 1; }
.kb-buttons { height: 1; margin: 0 1; }
.kb-buttons Button { margin-right: 2; }
#de-says { height: 6; border: round $secondary; padding: 0 1; }
#de-form { height: auto; padding: 0 1; }
.de-row { height: 1; margin-bottom: 1; }
.de-order-row { height: 3; }
.de-label { width: 12; }
.de-row Input, .de-row TextArea { width: 1fr; }
#de-order { height: 3; }
#tk-list { height: auto; padding: 1 1; }
#kb-menu-row { height: 1; margin: 1 1 0 1; }
#kb-menu-row Label { width: 16; }
#kb-menu-row Select { width: 20; }
#kb-list { height: 1fr; margin: 1 1 0 1; }
#hire-plans { height: auto; max-height: 8; margin: 0 1; }
#hire-plan-info { padding: 0 1; height: auto; }
.hire-label { margin: 1 1 0 1; }
#hire-candidate { margin: 0 1; width: 40; }
#cand-parts { height: auto; max-height: 10; margin: 1 1; }
#rep-table { height: auto; max-height: 10; }
#rep-detail { height: 1fr; border-top: hkey $primary; padding: 0 1; }
"""


KbScreen.DEFAULT_CSS = CSS
