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
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from scoring.typing import BACKSPACE, TypingTest
from simulator.hiring.models import PART_LABELS, FormCase, NumbersCase, Plan, TypingPassage
from tui import CallScreen, ConfirmScreen

if TYPE_CHECKING:
    from simulator.hiring.store import HiringStore
    from simulator.scenario import Scenario
    from tui import CallsimApp

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
class NoPasteInput(Input):
    """An Input that counts editing key presses (for KPH) and refuses pastes."""

    keystrokes = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in ("backspace", "delete"):
            self.keystrokes += 1

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # the Input's own paste handler must not run
        self.app.notify(PASTE_REFUSED, severity="warning")

    def action_paste(self) -> None:
        self.app.notify(PASTE_REFUSED, severity="warning")


class NoPasteTextArea(TextArea):
    keystrokes = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable or event.key in ("backspace", "delete", "enter"):
            self.keystrokes += 1

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.app.notify(PASTE_REFUSED, severity="warning")

    def action_paste(self) -> None:
        self.app.notify(PASTE_REFUSED, severity="warning")


class KbScreen(Screen[None]):
    """Base of this module's screens: their shared styles (scoped to these screens), and
    how a keyboard test ends: the result (or, with feedback hidden, only "recorded"), a
    Continue button, and a confirmation before stopping early."""

    DEFAULT_CSS = ""  # filled in at the end of the module, where CSS is defined
    result: dict[str, Any] | None = None
    hide_feedback = False
    on_done: Callable[[dict[str, Any]], None]

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
    )


class TypingScreen(KbScreen):
    """Copy the passage before the time runs out; the clock starts at the first key."""

    BINDINGS: ClassVar = [Binding("escape", "leave", "Leave"), Binding("f9", "finish", "Finish")]

    def __init__(self, passage: TypingPassage, seconds: int, on_done: Done, *,
                 hide_feedback: bool = False, title: str = "Typing test") -> None:
        super().__init__()
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
        self.result = self.test.result(self.now).as_dict()
        self.result["pastes_refused"] = self.paste_refused
        self._draw()
        if self.hide_feedback:
            self.query_one("#typing-live", Static).update("")
        self._reveal("typing", typing_summary(self.result), "Done. Your result is recorded.")

    def action_leave(self) -> None:
        if self.result is not None or not self.test.started:
            self.app.pop_screen()
            return
        self._confirm_stop("Stop the test now? It is scored as it stands.", "Stop", "Keep typing",
                           self.action_finish)


# -- data entry -----------------------------------------------------------------------------------
class DataEntryScreen(KbScreen):
    """The customer gives details (shown, or spoken); the candidate fills the CRM form."""

    BINDINGS: ClassVar = [Binding("f10", "submit", "Submit"), Binding("f4", "replay", "Hear again"),
                          Binding("escape", "leave", "Leave")]
    FIELDS: ClassVar = (("name", "Name"), ("phone", "Phone"), ("address", "Address"))

    def __init__(self, case: FormCase, seconds: int, on_done: Done, *, voice: bool = False,
                 hide_feedback: bool = False) -> None:
        super().__init__()
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

    def on_mount(self) -> None:
        self.query_one("#de-continue").display = False
        self.t0 = _clock(self.app)
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
        self.notify(f"No voice ({why[:60]}): the customer's words are shown instead.", timeout=5)

    def action_replay(self) -> None:
        if self.voice and self.result is None:
            self.speak()

    def _tick(self) -> None:
        if self.result is not None or self.t0 is None:
            return
        left = self.limit - (_clock(self.app) - self.t0)
        self.query_one("#de-timer", Static).update(Text(f"{mmss(left)} left", "bold"))
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

        seconds = min(float(self.limit), _clock(self.app) - (self.t0 or 0.0))
        self.result = form_result(self.case, self.entered(), seconds=seconds, keystrokes=self.keystrokes())
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
                 hide_feedback: bool = False) -> None:
        super().__init__()
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

    def on_mount(self) -> None:
        self.query_one("#tk-continue").display = False
        self.t0 = _clock(self.app)
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
        if self.result is not None or self.t0 is None:
            return
        left = self.limit - (_clock(self.app) - self.t0)
        self.query_one("#tk-timer", Static).update(Text(f"{mmss(left)} left", "bold"))
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
        seconds = min(float(self.limit), _clock(self.app) - (self.t0 or 0.0))
        self.result = numbers_result(self.case, self.entries, seconds=seconds,
                                     keystrokes=box.keystrokes + self.keys)
        box.disabled = True
        r = self.result
        self._reveal("tk", Text.assemble(
            ("Accuracy ", "bold"), (f"{r['accuracy']:.0f}%", "bold green"),
            f"  {r['correct_entries']}/{r['entries']} right  net {r['net_kph']:.0f} KPH"
            f"  (gross {r['kph']:.0f})  {r['seconds']:.0f} s"), "Done. Your result is recorded.")

    def action_leave(self) -> None:
        if self.result is not None:
            self.app.pop_screen()
            return
        self._confirm_stop("Finish now? Numbers not keyed count as wrong.", "Finish", "Keep going",
                           self._finish)


# -- keyboard practice menu -------------------------------------------------------------------------
class KeyboardMenuScreen(KbScreen):
    """Practise the keyboard tests; results go into the trainee's progress."""

    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        from simulator.hiring.loading import load_keyboard

        self.items = load_keyboard()
        yield Static(Text.assemble(("Keyboard test", "bold"), ("  ·  typing, data entry, 10-key", "dim")),
                     classes="kb-status")
        with Horizontal(id="kb-menu-row"):
            yield Label("Typing length")
            yield Select([("30 s", 30), ("60 s", 60), ("120 s", 120)], value=60, allow_blank=False,
                         id="kb-seconds", compact=True)
        order = {"typing": 0, "form": 1, "numbers": 2}
        ranked = sorted(self.items.values(), key=lambda i: (order[i.kind], i.title))
        yield OptionList(*[Option(self._label(item), id=item.id) for item in ranked], id="kb-list")
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
    """The manager's screen: a plan, a candidate ID, Start; or the reports."""

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
        yield OptionList(*[Option(f"{p.id:<20} {p.title}", id=p.id) for p in self.plans.values()],
                         id="hire-plans")
        yield Static("", id="hire-plan-info")
        yield Label("Candidate ID", classes="hire-label")
        yield Input(placeholder="e.g. C-101", id="hire-candidate")
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
        from simulator.hiring.store import HiringError

        plan = self.selected_plan()
        candidate = self.query_one("#hire-candidate", Input).value.strip()
        if plan is None or not candidate:
            self.notify("Pick a plan and type the candidate's ID.", severity="warning")
            return
        try:
            session = hiring_store(self.app).start(plan, candidate)
        except HiringError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self.query_one("#hire-candidate", Input).value = ""
        self.app.push_screen(CandidateScreen(plan, session))

    @on(Button.Pressed, "#hire-reports")
    def action_reports(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.app.push_screen(ReportScreen(plan))


class CandidateScreen(KbScreen):
    """The candidate's way through the plan: each part once, then Submit (locks it)."""

    BINDINGS: ClassVar = [Binding("f10", "submit", "Submit"), Binding("escape", "leave", "Leave")]

    def __init__(self, plan: Plan, session: dict[str, Any]) -> None:
        super().__init__()
        self.plan = plan
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble((f"Candidate {self.session['candidate']}", "bold"),
                                   (f"  ·  {self.plan.title}  ·  attempt {self.session['attempt']} of "
                                    f"{self.plan.attempts}", "dim")), classes="kb-status")
        yield Static(Text("Take each part in turn: highlight it and press Enter. Each part can be "
                          "taken once. Submit when you are done: your results are then locked.", "dim"),
                     classes="kb-help")
        yield OptionList(id="cand-parts")
        with Horizontal(classes="kb-buttons"):
            yield Button("Submit F10", id="cand-submit", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#cand-parts").focus()

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
            state = "done" if part in self.done else "to do"
            box.add_option(Option(f"{PART_LABELS[part]:<24} {state}", id=part))
        nxt = next((i for i, p in enumerate(self.plan.parts()) if p not in self.done), None)
        box.highlighted = nxt if nxt is not None else (keep or 0)

    def record(self, part: str, result: dict[str, Any], attempt_id: int | None = None) -> None:
        from simulator.hiring.store import HiringError

        try:
            hiring_store(self.app).record(self.session["id"], part, result, attempt_id=attempt_id)
        except HiringError as exc:
            self.notify(str(exc), severity="error")
            return
        self.session["parts"][part] = result
        with contextlib.suppress(Exception):
            self._draw()

    @on(OptionList.OptionSelected, "#cand-parts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.open_part(str(event.option.id))

    def open_part(self, part: str) -> None:
        from simulator.hiring.loading import load_keyboard
        from simulator.hiring.parts import seconds_for

        if part in self.done:
            self.notify("That part is done: each part is taken once.")
            return
        kb, hide = self.plan.keyboard, self.plan.hide_feedback
        items = load_keyboard()

        def record(result: dict[str, Any]) -> None:
            self.record(part, result)

        if part == "typing" and kb and kb.typing:
            passage = items[kb.typing.passage]
            assert isinstance(passage, TypingPassage)
            self.app.push_screen(TypingScreen(passage, kb.typing.seconds, record, hide_feedback=hide))
        elif part == "data_entry" and kb and kb.data_entry:
            case = items[kb.data_entry.case]
            assert isinstance(case, FormCase)
            self.app.push_screen(DataEntryScreen(case, seconds_for(self.plan, part, case.seconds), record,
                                                 voice=kb.data_entry.voice, hide_feedback=hide))
        elif part == "ten_key" and kb and kb.ten_key:
            ncase = items[kb.ten_key.case]
            assert isinstance(ncase, NumbersCase)
            self.app.push_screen(TenKeyScreen(ncase, seconds_for(self.plan, part, ncase.seconds), record,
                                              hide_feedback=hide))
        elif part == "call":
            self.open_call()
        elif part == "read_aloud":
            self.open_read_aloud()

    def open_read_aloud(self) -> None:
        """The phone test's read-aloud screen, limited to the plan's passages."""
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

        class ReadAloudScreen(PhoneTestScreen):
            """Read aloud only: the role-play call is its own part of the plan. The part
            is recorded once every passage of the plan has been read."""

            def on_mount(inner) -> None:  # PhoneTestScreen.on_mount runs too (Textual calls both)
                inner.query_one("#pt-call").display = False

            def _scored(inner, result: dict[str, Any]) -> None:
                super()._scored(result)
                inner.query_one("#pt-call").display = False
                passage = inner.passage()
                if passage is None:
                    return
                readings[passage.id] = dict(result, passage_id=passage.id)
                left = [p.title for p in passages if p.id not in readings]
                if left:
                    inner.notify(f"Reading recorded. Next, choose “{left[0]}” above and read it.",
                                 timeout=8)
                    return
                self.record("read_aloud", read_aloud_result(
                    [readings[p.id] for p in passages]))
                inner.notify("All readings recorded. Esc goes back to the plan.", timeout=5)

        self.app.push_screen(ReadAloudScreen(passages=passages))

    def open_call(self) -> None:
        app: CallsimApp = self.app  # type: ignore[assignment]
        assert self.plan.phone_test is not None and self.plan.phone_test.scenario is not None
        entry = app.library.get(self.plan.phone_test.scenario)
        if entry is None or entry.scenario is None:
            self.notify("The role-play scenario is not available; ask the manager.", severity="error")
            return

        def recorded(card: dict[str, Any], attempt: int) -> None:
            from simulator.hiring.parts import call_result

            self.record("call", call_result(card, attempt), attempt_id=attempt)

        # A plan with a read-aloud is a telephone interview: the call is by voice too
        # (it falls back to typing, with a message, where there is no microphone).
        by_voice = app.voice or bool(self.plan.phone_test.passages)
        app.push_screen(HiringCallScreen(entry.scenario, self.session["candidate"], recorded,
                                         hide_feedback=self.plan.hide_feedback, voice=by_voice))

    @on(Button.Pressed, "#cand-submit")
    def action_submit(self) -> None:
        missing = [p for p in self.plan.parts() if p not in self.done]
        warn = f" {len(missing)} part(s) not taken." if missing else ""

        def answer(yes: bool | None) -> None:
            if yes:
                self.submit()

        self.app.push_screen(ConfirmScreen(f"Submit and lock?{warn}", "Submit", "Not yet"),
                             answer)

    def submit(self) -> None:
        from simulator.hiring.store import HiringError

        try:
            self.session = hiring_store(self.app).submit(self.session["id"])
        except HiringError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify("Submitted. The results are locked. Thank you!", timeout=6)
        self.app.pop_screen()

    def action_leave(self) -> None:
        self.notify("The session stays open: start it again with the same candidate ID to go on.",
                    timeout=5)
        self.app.pop_screen()


class HiringCallScreen(CallScreen):
    """The role-play call of a plan: the candidate's name on the call, no scorecard shown.

    The call itself is the practice call screen; only who is on it and what happens at
    the end differ. Leaving ends (and scores) the call, so it cannot be restarted.
    """

    def __init__(self, scenario: Scenario, candidate: str, on_scored: Callable[[dict[str, Any], int], None],
                 *, hide_feedback: bool, voice: bool = False) -> None:
        super().__init__(scenario, voice=voice, trainee=candidate)
        self.candidate = candidate
        self.on_scored = on_scored
        self.hide_feedback = hide_feedback

    def on_mount(self) -> None:
        # Textual also runs CallScreen.on_mount (handlers run for each class): no super() here
        if self.hide_feedback:
            self.query_one("#mood").display = False

    def _score_and_save(self, session: Any) -> None:
        from scoring import score_call

        card = score_call(session.transcript, self.scenario).as_dict()
        attempt = self.app_.store.save_scorecard(session.transcript, card)
        self.app.call_from_thread(self._scored, card, attempt)

    def _scored(self, card: dict[str, Any], attempt: int) -> None:
        self.on_scored(card, attempt)
        if not self.hide_feedback:
            self.notify(f"Call score {card['overall']:.0f}.", timeout=5)
        self.notify("The call is recorded.", timeout=4)
        if self in self.app.screen_stack:
            self.app.pop_screen()

    def action_leave(self) -> None:
        if not self.call_view.ended:
            self.action_end_call()


# -- reports ----------------------------------------------------------------------------------------
class ReportScreen(KbScreen):
    """All candidates on a plan; Enter shows one candidate; e exports CSV and HTML."""

    BINDINGS: ClassVar = [Binding("escape", "back", "Back"), Binding("e", "export", "Export CSV+HTML")]

    def __init__(self, plan: Plan, export_dir: Path | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.export_dir = export_dir
        self.report: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Candidates", "bold"), (f"  ·  {self.plan.title}", "dim")),
                     classes="kb-status")
        yield DataTable(id="rep-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="rep-detail"):
            yield Static(Text("Enter on a candidate shows the full result.", "dim"), id="rep-text")
        yield Footer()

    def on_mount(self) -> None:
        from simulator.hiring.reports import compare_report, fmt

        self.report = compare_report(hiring_store(self.app), self.plan)
        table = self.query_one("#rep-table", DataTable)
        table.add_column("Candidate", key="candidate")
        for key, label, minimum in self.report["thresholds"]:
            table.add_column(f"{label[:12]} ≥{fmt(minimum)}", key=key)
        table.add_column("Result", key="result")
        for r in self.report["rows"]:
            cells: list[Any] = [r["candidate"]]
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
            self.notify(f"Could not write the report: {exc}", severity="error")
            return
        self.notify(f"Wrote {csv_path.name} and {html_path.name} in {folder}", timeout=6)

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
