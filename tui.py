"""callsim's Textual app: the screens a new hire uses to practise calls.

The app is deliberately thin. The call engine (`simulator`) and the scorers (`scoring`)
do all the work; this module only renders their state and sends them the trainee's
lines and actions. Engine work runs in thread workers so a slow scorer, database or
(later) speech model never freezes the screen, and results come back to the widgets
with `call_from_thread` — the pattern of Textual's `examples/mother.py`.

Everything the app touches from outside — the attempt store, the scenario folder, the
settings folder, the random seed and the clock — comes in through `make_app`, so tests
and benchmarks run it against temporary folders with a fixed seed and a frozen clock.

Screens: Home (who is training, the modes) -> Browser (pick a scenario, read the brief)
-> Call (transcript, mood, timer, account, order form, actions) -> Scorecard (scores,
evidence that jumps to its turn, tips, comparison, retry). History lists attempts and
charts each dimension over time. Scenario files are re-checked when they change on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from platformdirs import user_config_dir
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.lazy import Lazy
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Label,
    OptionList,
    RichLog,
    Select,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from simulator.catalog_search import search_products
from simulator.privacy import NAME_MAX, clean_name
from simulator.render import LABELS, bar, count, plain, unique_tips

if TYPE_CHECKING:
    from simulator.loading import Problem
    from simulator.scenario import Catalog, CatalogItem, Scenario
    from simulator.session import Session
    from simulator.speech.kit import VoiceKit
    from simulator.store import Store
    from simulator.transcript import Event, Transcript
    from simulator.voice_call import Keyboard, VoiceCall

TRANSFER_LABELS = {
    "manager": "Account manager",
    "finance": "Finance",
    "head_of_sales": "Head of sales",
    "supervisor": "Supervisor",
    "tech_support": "Tech support",
}
PAYMENT_METHODS = ("card", "cash", "invoice", "bank_transfer")
ORDER_COLUMNS = ("Item", "Qty", "Options")
SAY_PLACEHOLDER = "Type what you say, press Enter  (F1 or /help: commands)"
VOICE_PLACEHOLDER = "Speak — or type a line and press Enter  (F1 or /help: commands)"
MOOD_LEVELS = ((85, "furious", "bold red"), (60, "angry", "red"),
               (30, "annoyed", "yellow"), (0, "calm", "green"))


# -- settings ---------------------------------------------------------------------------
@dataclass
class Settings:
    """What the app remembers between runs (who is training), as a small JSON file.

    A missing or damaged file is treated as empty: losing a remembered name must never
    stop the app from starting.
    """

    path: Path
    trainee: str = ""

    @classmethod
    def load(cls, config_dir: Path) -> Settings:
        path = Path(config_dir) / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        trainee = data.get("trainee", "") if isinstance(data, dict) else ""
        return cls(path, str(trainee or ""))

    def save(self) -> None:
        """Write atomically so a crash mid-write leaves the old file intact."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"trainee": self.trainee}, indent=2) + "\n", encoding="utf-8")
        tmp.replace(self.path)


# -- the scenario library ---------------------------------------------------------------
@dataclass(frozen=True)
class LibraryEntry:
    """One scenario file: the scenario when it is valid, else every problem found."""

    path: Path
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario is not None else self.path.stem

    @property
    def ok(self) -> bool:
        return self.scenario is not None


@dataclass
class Library:
    """The scenario folder as the app sees it, re-checked when a file's mtime changes.

    Polling mtimes (rather than a file watcher) needs no extra dependency, works on
    every OS and network drive, and costs a few `stat` calls a second.
    """

    directory: Path
    entries: list[LibraryEntry] = field(default_factory=list)
    catalog: Catalog | None = None
    catalog_problems: tuple[Problem, ...] = ()
    mtimes: dict[str, float] = field(default_factory=dict)

    @property
    def catalog_path(self) -> Path:
        from simulator.loading import CATALOG_FILE

        own = self.directory / "catalog.yaml"
        return own if own.exists() else CATALOG_FILE

    def current_mtimes(self) -> dict[str, float]:
        from simulator.loading import library_files

        out: dict[str, float] = {}
        for path in [self.catalog_path, *library_files(self.directory)]:
            with contextlib.suppress(OSError):
                out[str(path)] = path.stat().st_mtime
        return out

    def changed(self) -> bool:
        return self.current_mtimes() != self.mtimes

    def reload(self) -> list[str]:
        """Re-check what changed; returns the names of the files that changed.

        Only changed scenario files are re-checked (each check costs tens of
        milliseconds); a changed catalog re-checks them all, since any SKU may be in use.
        """
        from simulator.loading import (
            ScenarioError,
            check_scenario_file,
            library_files,
            load_catalog,
        )

        before = self.mtimes
        self.mtimes = self.current_mtimes()
        changed_paths = {p for p, m in self.mtimes.items() if before.get(p) != m}
        changed_paths |= {p for p in before if p not in self.mtimes}
        catalog_changed = str(self.catalog_path) in changed_paths or self.catalog is None
        if catalog_changed:
            try:
                self.catalog = load_catalog(self.catalog_path)
                self.catalog_problems = ()
            except ScenarioError as exc:
                self.catalog, self.catalog_problems = None, tuple(exc.problems)
        old = {str(e.path): e for e in self.entries}
        entries = []
        for path in library_files(self.directory):
            if self.catalog is None:
                entries.append(LibraryEntry(path, None, self.catalog_problems))
            elif not catalog_changed and str(path) not in changed_paths and str(path) in old:
                entries.append(old[str(path)])
            else:
                scenario, problems = check_scenario_file(path, self.catalog)
                entries.append(LibraryEntry(path, scenario, tuple(problems)))
        self.entries = entries
        return sorted(Path(p).name for p in changed_paths)

    def get(self, scenario_id: str) -> LibraryEntry | None:
        return next((e for e in self.entries if e.id == scenario_id), None)


# -- small rendering helpers (pure, so tests and the benchmark can use them) -----------
def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def mood_text(anger: int) -> Text:
    """The customer's mood as a coloured bar, so the trainee sees anger move each turn."""
    label, style = next((name, st) for floor, name, st in MOOD_LEVELS if anger >= floor)
    return Text.assemble(("Mood ", "bold"), (bar(anger, 10), style), f" {anger:>3} ",
                         (label, style))


def action_text(ev: Event, products: dict[str, str] | None = None) -> str:
    """An operator action in words a trainee reads at a glance ("Added 2 × Pepperoni")."""
    a, name = ev.args, (products or {})
    sku = str(a.get("sku", ""))
    item = name.get(sku, sku)
    opts = ", ".join(str(v) for v in (a.get("options") or {}).values())
    opts = f" ({opts})" if opts else ""
    texts = {
        "lookup_account": f"Looked up “{a.get('query', '')}”",
        "add_item": f"Added {a.get('qty', 1)} × {item}{opts}",
        "change_item": f"Changed {item}: qty {a['qty']}{opts}" if "qty" in a
        else f"Changed {item}{opts}",
        "remove_item": f"Removed {item}",
        "set_delivery": "Delivery: " + ", ".join(
            str(a[k]) for k in ("address", "window", "date") if a.get(k)),
        "set_payment": f"Payment: {a.get('method', '')}",
        "set_receiver": f"Receiver: {a.get('name', '')}",
        "take_card": f"Card {a.get('card', '')} {a.get('expiry', '')}"
        + (" — declined" if a.get("declined") else ""),
        "set_field": f"{a.get('name', '')}: {a.get('value', '')}",
        "hold": "Put the customer on hold",
        "resume": "Back from hold",
        "transfer": f"Transferred to {TRANSFER_LABELS.get(str(a.get('target')), a.get('target'))}",
        "escalate": "Escalated to a supervisor",
        "end_call": "Ended the call",
    }
    return texts.get(ev.action or "", f"/{ev.action}")


def event_text(ev: Event, customer_name: str, products: dict[str, str] | None = None) -> Text:
    """One transcript line: time, who spoke, what was said or done."""
    stamp = Text(f"{clock_text(ev.t)} ", "dim")
    if ev.speaker == "customer":
        return Text.assemble(stamp, (f"{customer_name}: ", "bold yellow"), ev.text)
    if ev.speaker == "system":
        body = ev.text
        if body.startswith("Account "):
            body = body.split(",", 1)[0] + " — found (details in the Account panel)"
        return Text.assemble(stamp, (f"— {body}", "italic dim"))
    if ev.kind == "say" and "on_hold" in ev.marks:
        return Text.assemble(stamp, ("You (on hold, the caller can't hear): ", "dim cyan"),
                             (ev.text, "dim"))
    if ev.kind == "say":
        return Text.assemble(stamp, ("You: ", "bold cyan"), ev.text)
    if ev.kind == "note":
        return Text.assemble(stamp, (f"You {ev.text}", "dim"))
    return Text.assemble(stamp, (f"▸ {action_text(ev, products)}", "magenta"))


def crash_text(error: BaseException, saved: list[str], report: Path | None) -> str:
    """What a trainee reads when the app stops on an internal error: what happened, that
    the call is kept, and where the details for a bug report are."""
    what = str(error).strip().splitlines()[0] if str(error).strip() else ""
    lines = [f"callsim stopped because of an internal error: {type(error).__name__}"
             + (f": {what}" if what else "")]
    for name in saved:
        lines.append(f"Your call with {name} is saved as unfinished (History lists it).")
    if report is not None:
        lines.append(f"The details are in {report}; please send that file with a bug report.")
    return "\n".join(lines)


def help_text() -> Text:
    """The `/` commands for a narrow transcript: each usage on its own line and what it
    does under it, so nothing wraps mid-word (it showed "superviso / r")."""
    from simulator.text_call import HELP_FOOT, HELP_HEAD, HELP_ROWS

    out = Text(HELP_HEAD + "\n", "dim")
    for usage, what in HELP_ROWS:
        out.append(f"{usage}\n", "bold")
        out.append(f"    {what}\n", "dim")
    out.append(HELP_FOOT, "dim")
    return out


def skill_label(skill: str) -> str:
    """'order-capture' -> 'order capture'; 'de-escalation' keeps its hyphen."""
    return skill if skill.startswith("de-") else skill.replace("-", " ")


def score_value(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def local_date(iso: str | None) -> str:
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16]


def brief_text(entry: LibraryEntry, best: dict[str, Any] | None = None) -> Text:
    """The scenario preview: only what the trainee is told before the call.

    Hidden facts, the correct order, the customer's scripted lines and objections are
    never shown here: a preview that gave them away would make the practice worthless.
    """
    s = entry.scenario
    if s is None:
        out = Text.assemble((f"{entry.path.name} has problems\n\n", "bold red"))
        out.append(f"{count(len(entry.problems), 'problem')} — fix the file and save; "
                   "this list updates by itself.\n\n")
        for p in entry.problems:
            out.append(f"{p.file}:{p.line}: ", "bold")
            out.append(p.message + "\n")
            if p.snippet:
                out.append(f"    {p.line:>4} | {p.snippet}\n", "dim")
        return out
    skills = ", ".join(skill_label(k) for k in s.skills) or "general"
    out = Text.assemble((s.title + "\n", "bold"),
                        (f"{s.direction} · {s.difficulty} · {skills}\n\n", "dim"),
                        ("Your brief\n", "bold underline"), (s.brief.strip() + "\n\n", ""))
    weights = ", ".join(f"{LABELS.get(n, n)} {w:.0%}" for n, w in s.scoring.weights.items() if w)
    out.append("Graded on: ", "bold")
    out.append(f"{weights}. Pass mark {s.scoring.pass_mark}.\n")
    if best:
        out.append("\nYour attempts: ", "bold")
        out.append(f"{best['count']}, best {score_value(best['best'])}\n")
    out.append("\nPress Enter to take the call.", "italic")
    return out


class TranscriptLog(RichLog):
    """The live transcript: append-only and cheap per line, re-wrapped on resize.

    A RichLog renders each line once when it is written, so appending at turn 200 costs
    the same as at turn 10; it keeps the lines it was given so a resize can re-wrap them.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, auto_scroll=True,
                         min_width=20, **kwargs)
        self.entries: list[Text] = []
        self._wrapped_at = 0

    def add(self, text: Text) -> None:
        self.entries.append(text)
        self.write(text, expand=True)

    def on_resize(self, event: Resize) -> None:
        first = not self._size_known
        super().on_resize(event)  # flushes the writes made before the size was known
        width = self.scrollable_content_region.width
        if first or not self._wrapped_at:
            self._wrapped_at = width
        elif self.entries and width != self._wrapped_at:
            self._wrapped_at = width
            self.clear()
            for text in self.entries:
                self.write(text, expand=True)


@dataclass(frozen=True)
class CallView:
    """A snapshot of the call state taken in the engine thread for the widgets to draw.

    Widgets never read the live session from the UI thread while an engine job might be
    changing it; they get one of these after every job.
    """

    anger: int
    on_hold: bool
    ended: bool
    form: dict[str, Any]
    account: dict[str, Any] | None
    lookup_message: str = ""


# -- screens ----------------------------------------------------------------------------
class HomeScreen(Screen[None]):
    """Who is training, and the three things they can do."""

    BINDINGS: ClassVar = [
        Binding("p", "practice", "Practice"),
        Binding("h", "history", "History"),
        Binding("s", "scenarios", "Scenarios"),
        Binding("k", "keyboard", "Keyboard"),
        Binding("i", "hiring", "Hiring"),
        Binding("t", "phone_test", "Phone test"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home-frame"), Vertical(id="home"):
            yield Static(Text.assemble(("callsim", "bold"),
                                       ("  ·  practise calls before you go live", "dim")),
                         id="home-title")
            yield Label("Who is training? (your name or ID — remembered next time)")
            yield Input(self.app_.settings.trainee, placeholder="e.g. Amy or E-1024",
                        id="trainee", max_length=NAME_MAX)  # the store's column width
            with Horizontal(classes="mode"):
                yield Button("Practice", id="practice", variant="primary")
                yield Static("Take a practice call, then read your scorecard.",
                             classes="mode-help")
            with Horizontal(classes="mode"):
                yield Button("History", id="history")
                yield Static("Your attempts, scores and progress.", classes="mode-help")
            with Horizontal(classes="mode"):
                yield Button("Scenarios", id="scenarios")
                yield Static("Every scenario; trainers see file problems here.",
                             classes="mode-help")
            with Horizontal(classes="mode"):  # keyboard tests and hiring: tui_hiring.py
                yield Button("Keyboard", id="keyboard")
                yield Button("Hiring", id="hiring")
                yield Button("Phone test", id="phone-test")  # read-aloud + call: tui_phone_test.py
                yield Static("Tests and interviews.", classes="mode-help")
            yield Static("", id="home-last")
        yield Footer(compact=True)  # six modes: the wide footer cut "Phone test" at 80

    @property
    def app_(self) -> CallsimApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        if self.app_.settings.trainee:
            self.query_one("#practice", Button).focus()
        else:
            self.query_one("#trainee", Input).focus()

    def on_screen_resume(self) -> None:
        """Shown first, or shown again after a call: refresh the last-attempt line."""
        self.call_after_refresh(self.load_last)

    @work(thread=True, exclusive=True, group="home")
    def load_last(self) -> None:
        """The trainee's last attempt, as a nudge to carry on (read off the UI thread)."""
        trainee = self.app_.settings.trainee
        if not trainee:
            return
        rows = self.app_.store.attempts(trainee=trainee, limit=1)
        if rows:
            r = rows[0]
            result = ("unfinished" if not r["finished"] else
                      "pass" if r["passed"] else "fail" if r["passed"] is not None else "")
            text = (f"Last attempt: {r['scenario_id']} · {score_value(r['overall'])} {result} · "
                    f"{local_date(r['started_at'])}")
        else:
            text = "No attempts yet — press Practice to take your first call."
        self.app.call_from_thread(self._show_last, text)

    def _show_last(self, text: str) -> None:
        if not self.is_attached:  # read returned after the screen was left (see _set_best)
            return
        self.query_one("#home-last", Static).update(text)

    def _remember(self) -> bool:
        # control characters (terminal escapes) never reach the store or another screen
        name = clean_name(self.query_one("#trainee", Input).value[:NAME_MAX])
        if not name:
            self.notify("Type your name or ID first, then press Enter.", severity="warning")
            self.query_one("#trainee", Input).focus()
            return False
        if name != self.app_.settings.trainee:
            self.app_.settings.trainee = name
            self.app_.settings.save()
        return True

    @on(Input.Submitted, "#trainee")
    def _trainee_entered(self) -> None:
        if self._remember():
            self.query_one("#practice", Button).focus()
            self.load_last()

    @on(Button.Pressed, "#practice")
    def action_practice(self) -> None:
        if self._remember():
            self.app.push_screen(BrowserScreen(practice=True))

    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        if self._remember():
            self.app.push_screen(HistoryScreen())

    @on(Button.Pressed, "#scenarios")
    def action_scenarios(self) -> None:
        self.app.push_screen(BrowserScreen(practice=False))

    @on(Button.Pressed, "#keyboard")
    def action_keyboard(self) -> None:
        from tui_hiring import KeyboardMenuScreen

        if self._remember():
            self.app.push_screen(KeyboardMenuScreen())

    @on(Button.Pressed, "#hiring")
    def action_hiring(self) -> None:
        from tui_hiring import HiringScreen

        self.app.push_screen(HiringScreen())

    @on(Button.Pressed, "#phone-test")
    def action_phone_test(self) -> None:
        from tui_phone_test import PhoneTestScreen

        if self._remember():
            self.app.push_screen(PhoneTestScreen())


class BrowserScreen(Screen[None]):
    """Pick a scenario: filters, the list, and a preview of the trainee's brief.

    In practice mode broken files are left out of the list (a new hire cannot fix
    them); in library mode they are listed with every problem, file and line.
    """

    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "start", "Take the call", show=True),
        Binding("v", "start_voice", "Voice call"),
        Binding("f", "focus_filters", "Filters"),
    ]
    ANY = "any"

    def __init__(self, *, practice: bool) -> None:
        super().__init__()
        self.practice = practice
        self.best: dict[str, dict[str, Any]] = {}
        self.shown: list[LibraryEntry] = []

    @property
    def app_(self) -> CallsimApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        title = "Pick a call to practise" if self.practice else "Scenario library"
        yield Static(Text.assemble((title, "bold"), ("   ↑↓ choose · Enter takes the call", "dim")),
                     id="browser-title")
        with Horizontal(id="filters"):
            yield Select([], prompt="Skill: any", id="f-skill", compact=True)
            yield Select([(d, d) for d in ("easy", "medium", "hard")],
                         prompt="Difficulty: any", id="f-difficulty", compact=True)
            yield Select([(d, d) for d in ("inbound", "outbound")],
                         prompt="Direction: any", id="f-direction", compact=True)
        with Horizontal(id="browser-body"):
            yield OptionList(id="scenario-list")
            with VerticalScroll(id="preview"):
                yield Static("Loading the scenario library…", id="preview-text")
        yield Static("", id="browser-note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenario-list", OptionList).focus()
        self.library_changed()

    def on_screen_resume(self) -> None:
        """Shown first, or again after a call: re-read the trainee's attempts, so the
        preview's "Your attempts" counts the call just taken."""
        self.load_best()

    @work(thread=True, exclusive=True, group="browser")
    def load_best(self) -> None:
        """The trainee's best score per scenario, shown in the preview."""
        trainee = self.app_.settings.trainee
        best: dict[str, dict[str, Any]] = {}
        if trainee:
            for row in self.app_.store.attempts(trainee=trainee, limit=1000):
                b = best.setdefault(row["scenario_id"], {"count": 0, "best": None})
                b["count"] += 1
                if row["overall"] is not None:
                    b["best"] = max(b["best"] or 0.0, row["overall"])
        self.app.call_from_thread(self._set_best, best)

    def _set_best(self, best: dict[str, dict[str, Any]]) -> None:
        """Why the guard: History from a scorecard pops back Home through this list, and
        the list's resume can start this read after the list is gone; updating its
        widgets then raised NoMatches and took the whole app down."""
        if not self.is_attached:
            return
        self.best = best
        self._show_preview()

    def library_changed(self) -> None:
        """Called by the app whenever the library was (re)loaded."""
        lib = self.app_.library
        if not lib.mtimes:
            self.query_one("#browser-note", Static).update("Loading the scenario library…")
            return
        skills = sorted({k for e in lib.entries if e.scenario for k in e.scenario.skills})
        sel = self.query_one("#f-skill", Select)
        current = sel.value
        sel.set_options([(skill_label(k), k) for k in skills])
        if current in skills:
            sel.value = current
        self._refilter()

    @on(Select.Changed)
    def _refilter(self) -> None:
        lib = self.app_.library
        if not lib.mtimes:
            self.query_one("#browser-note", Static).update("Loading the scenario library…")
            return
        want = {
            "skill": self.query_one("#f-skill", Select).value,
            "difficulty": self.query_one("#f-difficulty", Select).value,
            "direction": self.query_one("#f-direction", Select).value,
        }

        def keep(e: LibraryEntry) -> bool:
            s = e.scenario
            if s is None:
                return not self.practice and all(v is Select.NULL for v in want.values())
            return ((want["skill"] is Select.NULL or want["skill"] in s.skills)
                    and (want["difficulty"] is Select.NULL or want["difficulty"] == s.difficulty)
                    and (want["direction"] is Select.NULL or want["direction"] == s.direction))

        ol = self.query_one("#scenario-list", OptionList)
        previous = ol.highlighted_option.id if ol.highlighted_option else None
        # easy first: a new hire starts at the top of the list
        order = {"easy": 0, "medium": 1, "hard": 2}
        self.shown = sorted(
            (e for e in lib.entries if keep(e)),
            key=lambda e: (e.scenario is None,
                           order.get(e.scenario.difficulty, 3) if e.scenario else 0,
                           e.scenario.title if e.scenario else e.path.name),
        )
        ol.set_options(
            Option(Text.assemble(e.scenario.title, (f"  {e.scenario.difficulty}", "dim")), id=e.id)
            if e.scenario else Option(Text(f"⚠ {e.path.name} ({count(len(e.problems), 'problem')})",
                                           "red"), id=e.id)
            for e in self.shown
        )
        ids = [e.id for e in self.shown]
        if ids:
            ol.highlighted = ids.index(previous) if previous in ids else 0
        broken = sum(1 for e in lib.entries if not e.ok)
        note = ""
        if not self.shown:
            note = "No scenario matches these filters."
        elif broken and self.practice:
            note = (f"{count(broken, 'scenario file')} with problems — see Scenarios on "
                    "the home screen.")
        self.query_one("#browser-note", Static).update(note)
        self._show_preview()

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _show_preview(self) -> None:
        entry = self.highlighted()
        text = (brief_text(entry, self.best.get(entry.id)) if entry else self._nothing_text())
        self.query_one("#preview-text", Static).update(text)

    def _nothing_text(self) -> Text:
        """Why the list is empty, and what to do about it."""
        lib = self.app_.library
        if not lib.mtimes:
            return Text("Loading the scenario library…", "dim")
        if not lib.entries:
            return Text(f"There are no scenario files in {lib.directory}.\n\nA trainer adds "
                        "them there (docs/scenarios.md explains how).")
        if self.practice and not any(e.ok for e in lib.entries):
            return Text.assemble(
                ("Every scenario file has problems, so there is no call to practise.\n\n",
                 "bold"),
                "Ask a trainer to fix them: Scenarios on the home screen lists each problem "
                "with its file and line (or run `callsim validate`).")
        return Text("No scenario matches these filters: set a filter back to any (f).")

    def highlighted(self) -> LibraryEntry | None:
        ol = self.query_one("#scenario-list", OptionList)
        option = ol.highlighted_option
        return self.app_.library.get(option.id) if option and option.id else None

    @on(OptionList.OptionSelected, "#scenario-list")
    def action_start(self, _selected: object = None, *, voice: bool | None = None) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        if entry.scenario is None:
            self.notify(f"{entry.path.name} has problems; fix the file first.",
                        severity="error")
            return
        self.app.push_screen(CallScreen(entry.scenario,
                                        voice=self.app_.voice if voice is None else voice))

    def action_start_voice(self) -> None:
        """Take the call by voice: microphone in, the customer's voice out."""
        self.action_start(voice=True)

    def action_focus_filters(self) -> None:
        self.query_one("#f-skill", Select).focus()


class TransferScreen(ModalScreen[str | None]):
    """Where to transfer the call; Escape cancels."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Transfer the call to…", classes="dialog-title")
            yield OptionList(*[Option(label, id=key) for key, label in TRANSFER_LABELS.items()],
                             id="targets")
            yield Label("Enter transfers (the call ends) · Escape cancels", classes="dim")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question for things that cannot be undone (ending, leaving a call)."""

    BINDINGS: ClassVar = [Binding("escape,n", "no", "No"), Binding("y", "yes", "Yes")]

    def __init__(self, question: str, yes: str, no: str = "Keep talking") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class CatalogSearch(Input):
    """The catalog search box, which also steers the results list below it.

    The list never takes the focus: Up and Down move its highlight from here and Enter
    picks the highlighted product, so Down no longer scrolled the panel and Tab always
    goes from the search box to the quantity, however many products match.
    """

    BINDINGS: ClassVar = [
        Binding("down", "move(1)", "Next product", show=False),
        Binding("up", "move(-1)", "Previous product", show=False),
    ]

    def action_move(self, step: int) -> None:
        screen = self.screen
        if isinstance(screen, CallScreen):
            screen.move_result(step)


class OrderPanel(Vertical):
    """The order form: lines, catalog search, item editor, delivery, payment, receiver.

    The order lines and the summary stay at the top; the rest scrolls under them, so
    the order in progress is always in view (at 80x24 it had scrolled off, one row left).
    Mounted lazily (after the call screen's first paint) because it is the bulk of the
    call screen's widgets; its events are handled by the CallScreen that owns the call.
    """

    def __init__(self, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield DataTable(id="order-lines", cursor_type="row", zebra_stripes=True)
        yield Static("", id="order-summary")
        with VerticalScroll(id="order-scroll"):
            yield from self._form()

    def _form(self) -> ComposeResult:
        yield CatalogSearch(placeholder="search catalog… (↑↓ Enter)", id="catalog-search",
                            compact=True)
        results: OptionList = OptionList(id="catalog-results")
        results.can_focus = False
        yield results
        yield Static(Text("Pick a product above", "dim"), id="item-picked")
        with Horizontal(id="item-editor"):
            yield Input("1", placeholder="qty", id="item-qty", type="integer", compact=True)
            yield Horizontal(id="item-options")
        yield Button("Add to order", id="add-item", compact=True)
        yield Static("", id="item-error", classes="field-error")
        yield Label("Delivery", classes="section")
        yield Input(placeholder="address", id="del-address", compact=True)
        with Horizontal(classes="pair"):
            yield Input(placeholder="window 18:00-20:00", id="del-window", compact=True)
            yield Input(placeholder="date", id="del-date", compact=True)
        yield Button("Set delivery", id="set-delivery", compact=True)
        yield Static("", id="delivery-error", classes="field-error")
        yield Label("Payment and receiver", classes="section")
        yield Select([(m.replace("_", " "), m) for m in PAYMENT_METHODS],
                     prompt="payment method", id="payment", compact=True)
        yield Input(placeholder="receiver's name — Enter", id="receiver", compact=True)
        yield Static("", id="receiver-error", classes="field-error")
        # the payment screen: typed, checked, recorded only as "ending 1111"
        with Horizontal(classes="pair", id="card-row"):
            yield Input(placeholder="card number", id="card-number", password=True,
                        compact=True)
            yield Input(placeholder="MM/YY", id="card-expiry", compact=True)
            yield Input(placeholder="code", id="card-code", password=True, compact=True)
        yield Button("Take card payment", id="take-card", compact=True)
        yield Static("", id="card-error", classes="field-error")
        if self.scenario.form:
            from simulator.form_checks import field_kind

            yield Label("Form fields", classes="section")
            for name in self.scenario.form:
                kind = field_kind(self.scenario, name)
                yield Input(placeholder=f"{name.replace('_', ' ')} ({kind}) — Enter",
                            id=f"field-{name}", classes="form-field", compact=True)
            yield Static("", id="field-error", classes="field-error")
        yield Static(Text("Esc: back to the say box", "dim"))

    def on_mount(self) -> None:
        screen = self.screen
        if isinstance(screen, CallScreen):
            screen.order_panel_ready()


class CallScreen(Screen[None]):
    """The live call.

    Every engine call (start, say, act) is queued and run, in order, by a thread worker;
    its events and a `CallView` snapshot come back through `call_from_thread`. While a
    job runs the trainee can keep typing; lines are answered in the order they were sent.
    """

    BINDINGS: ClassVar = [
        Binding("f1", "help", "Help", show=False),
        Binding("f2", "account", "Account"),
        Binding("f3", "order", "Order"),
        Binding("f5", "hold", "Hold/Resume"),
        Binding("f6", "transfer", "Transfer"),
        Binding("f7", "escalate", "Escalate"),
        Binding("f8", "end_call", "End"),
        Binding("escape", "back", "Say/Leave", show=False),
    ]

    def __init__(self, scenario: Scenario, *, voice: bool = False, trainee: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.voice = voice
        self.trainee = trainee  # who is on the call, when not the app's trainee (a candidate)
        # In a voice call the call's own thread owns the Session; lines and actions go to
        # it through this queue (typed before the microphone is ready, they wait in it).
        self._keyboard: Keyboard | None = None
        if voice:
            from simulator.voice_call import Keyboard

            self._keyboard = Keyboard()
        self._voice_call: VoiceCall | None = None
        self.session: Session | None = None
        self.call_view = CallView(scenario.persona.anger, False, False, {}, None)
        self._jobs: deque[Callable[[], None]] = deque()
        self._jobs_lock = threading.Lock()
        self._drain_active = False
        self.busy = False
        self._t0: float | None = None  # the call's clock origin, once the session exists
        self._picked: CatalogItem | None = None
        self._option_selects: list[Select[str]] = []  # the picked product's option menus
        self._shown_query = ""  # the search the results list shows
        self._lookup_message = ""
        self._catalog_shown = False

    @property
    def app_(self) -> CallsimApp:
        return self.app  # type: ignore[return-value]

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="status"):
            yield Static(Text(self.scenario.title, "bold"), id="call-title")
            yield Static("", id="hold-flag")
            yield Static("", id="rec-flag")
            yield Static(Text("00:00"), id="timer")
            yield Static(mood_text(self.scenario.persona.anger), id="mood")
        with Horizontal(id="call-body"):
            yield TranscriptLog(id="transcript")
            with TabbedContent(id="side", initial="tab-account"):
                with TabPane("Account F2", id="tab-account"):
                    yield Input(placeholder="phone, name or ID — Enter", id="lookup")
                    with VerticalScroll(id="account-scroll"):
                        yield Static(Text("Not looked up yet. Ask for a phone number, "
                                          "name or account ID, then look it up here.", "dim"),
                                     id="account-card")
                with TabPane("Order F3", id="tab-order"):
                    yield Lazy(OrderPanel(self.scenario, id="order-panel"))
        yield Input(placeholder=SAY_PLACEHOLDER, id="say")
        with Horizontal(id="actions"):
            yield Button("Hold F5", id="b-hold", compact=True)
            yield Button("Transfer F6", id="b-transfer", compact=True)
            yield Button("Escalate F7", id="b-escalate", compact=True)
            yield Button("End call F8", id="b-end", variant="error", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if not self.app_.show_mood:
            self.query_one("#mood").display = False
        say = self.query_one("#say", Input)
        say.focus()
        say.placeholder = "Connecting the call…  (you can start typing)"
        log = self.query_one("#transcript", TranscriptLog)
        log.add(Text.assemble(("Your brief: ", "bold"), self.scenario.brief.strip()))
        if self.voice:
            say.placeholder = "Starting the microphone…  (you can type too)"
            log.add(Text("Voice call: speak when the customer has finished. You can still type "
                         "a line or use F2 account, F3 order form; F8 ends the call.", "dim"))
        else:
            log.add(Text("Type what you say and press Enter. F2 account, F3 order form, "
                         "F8 ends the call.", "dim"))
        self.set_interval(1.0, self._tick)
        self._submit(self._job_voice if self.voice else self._job_start)

    def _tick(self) -> None:
        if self._t0 is not None and not self.call_view.ended:
            self.query_one("#timer", Static).update(clock_text(self.app_.clock() - self._t0))

    # -- the engine queue ------------------------------------------------------------------
    def _submit(self, job: Callable[[], None]) -> None:
        """Queue an engine job; one worker runs the queue so replies keep their order."""
        with self._jobs_lock:
            self._jobs.append(job)
            self.busy = True
            start = not self._drain_active
            self._drain_active = True
        if start:
            self._drain()

    @work(thread=True, group="engine")
    def _drain(self) -> None:
        while True:
            with self._jobs_lock:
                if not self._jobs:
                    self._drain_active = False
                    break
                job = self._jobs.popleft()
            try:
                job()
            except Exception as exc:  # an engine bug must not kill the call screen
                self.app.call_from_thread(self._error, f"engine error: {exc!r}")
        self.app.call_from_thread(self._idle)

    def _idle(self) -> None:
        with self._jobs_lock:
            self.busy = self._drain_active or bool(self._jobs)

    def _snapshot(self, events: list[Event]) -> CallView:
        """The state after a job; the last look-up's "not found" note is kept for display."""
        s = self.session
        assert s is not None
        acc = None
        if s.state.account_found and self.scenario.account is not None:
            acc = self.scenario.account.model_dump()
            acc["name"] = acc.get("name") or self.scenario.persona.name
        message = self._lookup_message
        for ev in events:
            if ev.speaker == "system" and ev.kind == "note" and ev.text.startswith("No account"):
                message = ev.text
            elif ev.speaker == "operator" and ev.action == "lookup_account":
                message = ""
        self._lookup_message = message
        return CallView(s.state.anger, s.state.on_hold, s.state.ended, s.state.form.as_dict(),
                        acc, message)

    def _job_start(self) -> None:
        from simulator.calls import new_session

        app = self.app_
        self._t0 = app.clock()  # the session starts its own clock at the same moment
        self.session = new_session(
            self.scenario, store=app.store, clock=app.clock, catalog=app.library.catalog,
            trainee=self.trainee or app.settings.trainee, mode="text", seed=app.next_seed(),
        )
        events = self.session.start()
        self.app.call_from_thread(self._show_update, events, self._snapshot(events))

    def _job_voice(self) -> None:
        """Run the whole voice call on this worker; it returns when the call is over.

        The kit (microphone, recogniser, voice) takes a few seconds to load. Without a
        microphone the trainee gets one message and the call goes on as a text call;
        without audio output the customer's lines are shown as text only.
        """
        from simulator.calls import new_session
        from simulator.voice_call import make_voice_call

        app = self.app_
        try:
            kit = app.open_voice_kit()
        except Exception as exc:  # a broken speech install must not lose the call
            kit = None
            why = f"Voice is unavailable ({exc})"
        else:
            why = ""
        if kit is None or kit.speech_in is None:
            if kit is not None:
                message = kit.text_fallback_message()
                kit.close()
            else:
                message = f"{why}: carrying on as a text call."
            self._job_start()
            self.app.call_from_thread(self._voice_off, message)
            return
        self._t0 = app.clock()
        session = new_session(
            self.scenario, store=app.store, clock=app.clock, catalog=app.library.catalog,
            trainee=self.trainee or app.settings.trainee, mode="voice", seed=app.next_seed(),
        )
        self.session = session

        def on_events(events: list[Event]) -> None:
            self.app.call_from_thread(self._show_update, events, self._snapshot(events))

        def echo(message: str) -> None:
            self.app.call_from_thread(self._voice_message, message)

        call = make_voice_call(session, kit.speech_in, kit.speech_out, store=app.store, echo=echo,
                               keyboard=self._keyboard, on_events=on_events)
        self._voice_call = call
        notes = [n for n in kit.notes if n.startswith(("No audio output", "The customer will"))]
        self.app.call_from_thread(self._voice_on, notes)
        try:
            call.run()
        finally:
            kit.close()
        if session.ended:
            self._score_and_save(session)

    def _voice_on(self, notes: list[str]) -> None:
        if not self.on_stack:
            return
        self.query_one("#rec-flag", Static).update(Text(" ● REC ", "bold red"))
        self.query_one("#say", Input).placeholder = VOICE_PLACEHOLDER
        for note in notes:
            self.notify(note, severity="warning", timeout=6)

    def _voice_off(self, message: str) -> None:
        """No microphone: say so once; lines typed meanwhile go to the text call."""
        pending = self._keyboard.take() if self._keyboard is not None else []
        self._keyboard = None
        self.voice = False
        if not self.on_stack:
            return
        self.query_one("#transcript", TranscriptLog).add(Text(f"  {message}", "yellow"))
        self.notify(message, severity="warning", timeout=8)
        for item in pending:
            if isinstance(item, str):
                self.send_line(item)
            elif item is not None:
                self._submit(self._job(item))

    def _voice_message(self, message: str) -> None:
        if self.on_stack and message.strip():
            self.query_one("#transcript", TranscriptLog).add(Text(message.rstrip(), "dim"))

    def _job(self, work_fn: Callable[[Session], list[Event]]) -> Callable[[], None]:
        """Wrap one engine call: run it, render its events, score when the call is over."""

        def run() -> None:
            from simulator.session import SessionError
            from simulator.text_call import CommandError

            session = self.session
            if session is None:
                return
            if session.ended:
                self.app.call_from_thread(self._error, "the call has ended")
                return
            try:
                events = work_fn(session)
            except (SessionError, CommandError) as exc:
                self.app.call_from_thread(self._error, str(exc))
                return
            self.app.call_from_thread(self._show_update, events, self._snapshot(events))
            if session.ended:
                self._score_and_save(session)

        return run

    def _score_and_save(self, session: Session) -> None:
        """Score the finished call the same way the CLI does, save it, show the card."""
        from simulator.calls import score_and_save

        store = self.app_.store
        done = score_and_save(session.transcript, self.scenario, store)
        card, attempt = done.scorecard, done.attempt
        compare = load_comparison(store, session.transcript.trainee, self.scenario.id, attempt)
        self.app.call_from_thread(
            self.app_.show_scorecard, self.scenario, session.transcript, card, attempt, compare,
            self,
        )

    # -- rendering (UI thread) ------------------------------------------------------------
    def _show_update(self, events: list[Event], view: CallView) -> None:
        if not self.on_stack:  # the trainee left the call while the engine worked
            return
        if not view.ended:
            self.query_one("#say", Input).placeholder = (
                VOICE_PLACEHOLDER if self._voice_call is not None else SAY_PLACEHOLDER)
        first = self.session is not None and not self._catalog_shown
        self.append_events(events)
        self.apply_view(view)
        if first:  # the catalog is known once the session exists: list it all
            self.show_catalog("")

    def order_panel_ready(self) -> None:
        """The lazily mounted order form exists now: draw the current state into it."""
        self._render_form(self.call_view.form)
        self.show_catalog("")

    @property
    def order_panel_mounted(self) -> bool:
        return bool(self.query("#order-lines"))

    def append_events(self, events: Iterable[Event]) -> None:
        log = self.query_one("#transcript", TranscriptLog)
        names = {sku: item.name for sku, item in self.session.products.items()} \
            if self.session else {}
        for ev in events:
            log.add(event_text(ev, self.scenario.persona.name, names))

    def apply_view(self, view: CallView) -> None:
        old, self.call_view = self.call_view, view
        self.query_one("#mood", Static).update(mood_text(view.anger))
        self.query_one("#hold-flag", Static).update(
            Text(" ON HOLD ", "bold reverse yellow") if view.on_hold else "")
        self.query_one("#b-hold", Button).label = "Resume F5" if view.on_hold else "Hold F5"
        if view.form != old.form:
            self._render_form(view.form)
        if view.account != old.account or view.lookup_message != old.lookup_message:
            self._render_account(view)
        if view.ended:
            self.query_one("#say", Input).placeholder = "The call has ended — scoring…"

    def _render_account(self, view: CallView) -> None:
        out = Text()
        if view.lookup_message:
            out.append(view.lookup_message + "\n\n", "yellow")
        acc = view.account
        if acc is None:
            out.append("Not found yet.", "dim")
        else:
            out.append(f"{acc['id']}  {acc['name']}\n", "bold")
            debt = float(acc.get("overdue") or 0)
            rows = [
                ("Phone", acc.get("phone") or "—", ""),
                ("Address", acc.get("address") or "—", ""),
                ("Debt", f"{debt:.2f} OVERDUE" if debt > 0 else "none",
                 "bold red" if debt > 0 else "green"),
                ("Key client", "YES" if acc.get("key_client") else "no",
                 "bold magenta" if acc.get("key_client") else ""),
                ("New client", "YES" if acc.get("new_client") else "no",
                 "bold magenta" if acc.get("new_client") else ""),
                ("Manager", acc.get("manager") or "—", ""),
            ]
            for label, value, style in rows:
                out.append(f"{label:<11}", "dim")
                out.append(f"{value}\n", style)
            if acc.get("history"):
                out.append("History\n", "dim")
                for h in acc["history"]:
                    out.append(f" • {h}\n")
            if acc.get("notes"):
                out.append("Notes\n", "dim")
                out.append(f" {acc['notes']}\n")
        self.query_one("#account-card", Static).update(out)

    def _render_form(self, form: dict[str, Any]) -> None:
        if not self.order_panel_mounted:
            return
        table = self.query_one("#order-lines", DataTable)
        products = self.session.products if self.session else {}
        total = 0.0
        rows = []
        for line in form.get("items", []):
            item = products.get(line["sku"])
            name = item.name if item else line["sku"]
            total += (item.price if item else 0.0) * line["qty"]
            opts = " ".join(str(v) for v in line["options"].values())
            rows.append((name, str(line["qty"]), opts, line["sku"]))
        # Fixed column widths from the panel's width: auto widths were computed a frame
        # late and showed "Espr 6" for "Espresso beans 1 kg" in between.
        width = table.size.width or 34
        opt_w = min(10, max([7, *(len(r[2]) for r in rows)]))
        item_w = max(8, width - 6 - 3 - opt_w - 1)
        table.clear(columns=True)
        for label, w in zip(ORDER_COLUMNS, (item_w, 3, opt_w), strict=True):
            table.add_column(label, width=w)
        for name, qty, opts, sku in rows:
            table.add_row(name, qty, opts, key=sku)
        d = form.get("delivery", {})
        parts = [f"Total {total:.2f}" if form.get("items") else "No items yet"]
        where = ", ".join(x for x in (d.get("address"), d.get("window"), d.get("date")) if x)
        parts.append(f"Delivery: {where or '—'}")
        parts.append(f"Pay: {(form.get('payment') or '—').replace('_', ' ')} · "
                     f"Receiver: {form.get('receiver') or '—'}")
        for name, value in form.get("fields", {}).items():
            parts.append(f"{name}: {value}")
        self.query_one("#order-summary", Static).update(Text("\n".join(parts), "dim"))
        pay = self.query_one("#payment", Select)
        if form.get("payment") in PAYMENT_METHODS and pay.value != form.get("payment"):
            with pay.prevent(Select.Changed):
                pay.value = form["payment"]

    @property
    def on_stack(self) -> bool:
        return self in self.app.screen_stack

    def _error(self, message: str) -> None:
        if not self.on_stack:
            return
        self.query_one("#transcript", TranscriptLog).add(Text(f"  ! {message}", "bold red"))
        self.notify(message, severity="error", timeout=4)

    # -- trainee input ----------------------------------------------------------------------
    @on(Input.Submitted, "#say")
    def _said(self, event: Input.Submitted) -> None:
        line = event.value.strip()
        event.input.value = ""
        if not line:
            return
        self.send_line(line)

    def send_line(self, line: str) -> None:
        """A typed line: local view commands, /actions for the engine, or speech."""
        from simulator.text_call import fields_text

        log = self.query_one("#transcript", TranscriptLog)
        if line in ("/help", "/?"):
            log.add(help_text())
            return
        if line.split()[0].lower() == "/fields":
            log.add(Text(fields_text(self.scenario), "dim"))
            return
        if line.startswith("/order"):
            self.action_order()
            return
        if line.startswith("/catalog"):
            self.action_order()
            self.query_one("#catalog-search", Input).value = line[len("/catalog"):].strip()
            return
        if line.startswith("/"):
            from simulator.text_call import parse_command

            def command(session: Session) -> list[Event]:
                action, args = parse_command(session, line)
                return session.act(action, **args)

            if self._keyboard is not None:
                self._keyboard.put(line)  # the voice call parses it on its own thread
                return
            self._submit(self._job(command))
        elif self._keyboard is not None:
            self._keyboard.put(line)
        else:
            self._submit(self._job(lambda s: s.say(line)))

    def act(self, action: str, **args: Any) -> None:
        """Send one operator action to the engine (from a button, key or form field)."""
        if self._keyboard is not None:
            self._keyboard.put(lambda s: s.act(action, **args))
            return
        self._submit(self._job(lambda s: s.act(action, **args)))

    @on(Input.Submitted, "#lookup")
    def _lookup(self, event: Input.Submitted) -> None:
        """Look up, then hand the keyboard back to the conversation."""
        query = event.value.strip()
        if query:
            self.act("lookup_account", query=query)
            self._focus_now("#say")

    @on(Input.Changed, "#catalog-search")
    def _search(self, event: Input.Changed) -> None:
        self.show_catalog(event.value)

    def show_catalog(self, query: str) -> None:
        if self.session is None or not self.order_panel_mounted:
            return
        self._catalog_shown = True
        self._shown_query = query
        results = self.query_one("#catalog-results", OptionList)
        results.set_options(
            Option(Text.assemble(f"{i.name} ", (f"{i.price:.2f}", "dim"),
                                 (" NEW", "bold green") if i.new else ""), id=i.sku)
            for i in search_products(self.session.products, query)
        )
        if results.option_count:
            results.highlighted = 0

    def move_result(self, step: int) -> None:
        """Up/Down in the search box: move the results' highlight."""
        results = self.query_one("#catalog-results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -step
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    @on(Input.Submitted, "#catalog-search")
    def _search_enter(self, event: Input.Submitted) -> None:
        """Enter picks the highlighted product of the list for what is typed now (the
        list is brought up to date first: it could still show the previous search)."""
        if event.value != self._shown_query:
            self.show_catalog(event.value)
        results = self.query_one("#catalog-results", OptionList)
        if results.highlighted is not None and results.option_count:
            option = results.get_option_at_index(results.highlighted)
            self._pick(option.id or "")
        else:
            self.notify("No product matches that; try another word.", severity="warning")

    @on(OptionList.OptionSelected, "#catalog-results")
    def _picked_option(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id or "")

    def _pick(self, sku: str) -> None:
        """Load a product into the item editor: quantity plus one Select per option."""
        if self.session is None or sku not in self.session.products:
            return
        item = self._picked = self.session.products[sku]
        on_order = {ln["sku"]: ln for ln in self.call_view.form.get("items", [])}
        current = on_order.get(sku)
        self.query_one("#item-picked", Static).update(Text.assemble(
            (item.name, "bold"), f"  {item.sku}  {item.price:.2f}",
            (" (on the order)", "yellow") if current else ""))
        qty = self.query_one("#item-qty", Input)
        qty.value = str(current["qty"]) if current else "1"
        # The option menus are told apart by `name`, not by id: the old menus are only
        # removed on the next tick, and a second product with the same option ("size")
        # mounted meanwhile would clash with them (DuplicateIds closed the app).
        box = self.query_one("#item-options", Horizontal)
        box.remove_children()
        self._option_selects = [
            Select([(v, v) for v in values], prompt=name, name=name, compact=True,
                   value=(current or {}).get("options", {}).get(name, Select.NULL))
            for name, values in item.options.items()
        ]
        box.mount_all(self._option_selects)
        self.query_one("#add-item", Button).label = "Update line" if current else "Add to order"
        qty.focus()

    @on(Input.Submitted, "#item-qty")
    @on(Button.Pressed, "#add-item")
    def _add_item(self) -> None:
        item = self._picked
        if item is None:
            self.notify("Search the catalog and pick a product first.", severity="warning")
            self.query_one("#catalog-search", Input).focus()
            return
        from simulator.form_checks import check_options

        qty = self.query_one("#item-qty", Input).value.strip() or "1"
        options = {}
        for sel in self._option_selects:
            if sel.value is not Select.NULL and sel.name:
                options[sel.name] = str(sel.value)
        problem = "" if qty.isdigit() and int(qty) >= 1 else \
            f"quantity '{qty}' is not a whole number of at least 1"
        problem = problem or check_options(item, options, complete=True)
        if self._field_error("#item-error", problem):
            missing = next((sel for sel in self._option_selects if sel.value is Select.NULL),
                           None)
            (missing or self.query_one("#item-qty", Input)).focus()
            return
        on_order = {ln["sku"] for ln in self.call_view.form.get("items", [])}
        if item.sku in on_order:
            self.act("change_item", sku=item.sku, qty=qty, options=options)
        else:
            self.act("add_item", sku=item.sku, qty=qty, options=options)
        self.query_one("#catalog-search", Input).focus()

    def on_key(self, event: Any) -> None:
        """Order lines: Delete removes, +/- change the quantity, Enter edits."""
        if not self.order_panel_mounted:
            return
        table = self.query_one("#order-lines", DataTable)
        if self.focused is not table or not table.row_count:
            return
        sku = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        qty = {ln["sku"]: ln["qty"] for ln in self.call_view.form.get("items", [])}.get(sku, 1)
        if event.key in ("delete", "backspace"):
            self.act("remove_item", sku=sku)
        elif event.key in ("plus", "equals_sign"):
            self.act("change_item", sku=sku, qty=qty + 1)
        elif event.key in ("minus",) and qty > 1:
            self.act("change_item", sku=sku, qty=qty - 1)
        elif event.key == "enter" and sku:
            self._pick(str(sku))
        else:
            return
        event.stop()

    @on(Input.Submitted, "#del-address, #del-window, #del-date")
    @on(Button.Pressed, "#set-delivery")
    def _delivery(self) -> None:
        args = {key: self.query_one(f"#del-{key}", Input).value.strip()
                for key in ("address", "window", "date")}
        args = {k: v for k, v in args.items() if v}
        if not args:
            self.notify("Type the address and/or time window first.", severity="warning")
            return
        from simulator.form_checks import check_delivery

        if not self._field_error("#delivery-error", check_delivery(args)):
            self.act("set_delivery", **args)

    @on(Select.Changed, "#payment")
    def _payment(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.call_view.form.get("payment"):
            self.act("set_payment", method=str(event.value))

    @on(Input.Submitted, "#receiver")
    def _receiver(self, event: Input.Submitted) -> None:
        from simulator.form_checks import check_receiver

        name = event.value.strip()
        if name and not self._field_error("#receiver-error", check_receiver(name)):
            self.act("set_receiver", name=name)

    @on(Input.Submitted, ".form-field")
    def _form_field(self, event: Input.Submitted) -> None:
        from simulator.form_checks import check_field

        if event.input.id and event.value.strip():
            name, value = event.input.id.removeprefix("field-"), event.value.strip()
            if not self._field_error("#field-error", check_field(self.scenario, name, value)):
                self.act("set_field", name=name, value=value)

    @on(Input.Submitted, "#card-number, #card-expiry, #card-code")
    @on(Button.Pressed, "#take-card")
    def _take_card(self) -> None:
        """The payment screen: the engine records only the masked card; the boxes are
        emptied at once so the number does not stay on screen."""
        from simulator.card_payment import CardError, take_card

        boxes = {key: self.query_one(f"#card-{key}", Input)
                 for key in ("number", "expiry", "code")}
        args = {key: box.value.strip() for key, box in boxes.items()}
        try:
            take_card(self.scenario, args)
        except CardError as exc:
            self._field_error("#card-error", str(exc))
            return
        self._field_error("#card-error", "")
        for box in boxes.values():
            box.value = ""
        self.act("take_card", **args)

    def _field_error(self, where: str, problem: str) -> bool:
        """Show what is wrong next to the field (or clear it); True when there is a
        problem, so the caller does not send the action."""
        box = self.query_one(where, Static)
        box.update(Text(f"! {problem}", "bold red") if problem else "")
        box.display = bool(problem)
        return bool(problem)

    # -- actions ----------------------------------------------------------------------------
    @on(Button.Pressed, "#b-hold")
    def action_hold(self) -> None:
        self.act("resume" if self.call_view.on_hold else "hold")

    @on(Button.Pressed, "#b-transfer")
    def action_transfer(self) -> None:
        def chosen(target: str | None) -> None:
            if target:
                self.act("transfer", target=target)

        self.app.push_screen(TransferScreen(), chosen)

    def transfer_to(self, target: str) -> None:
        self.act("transfer", target=target)

    @on(Button.Pressed, "#b-escalate")
    def action_escalate(self) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.act("escalate")

        self.app.push_screen(ConfirmScreen("Escalate to a supervisor? The call ends here.",
                                           "Escalate"), answer)

    @on(Button.Pressed, "#b-end")
    def action_end_call(self) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.act("end_call")

        self.app.push_screen(ConfirmScreen("End the call now?", "End call"), answer)

    def action_help(self) -> None:
        self.send_line("/help")

    def _focus_now(self, selector: str) -> None:
        """Move the keyboard at once (not on the next tick), so keys typed right after
        F2/F3/Escape — pasted or typed fast — land in the new field, not the old one."""
        widget = self.query(selector).first()
        self.set_focus(widget)
        if self.focused is not widget:  # not focusable yet (lazy panel): next tick
            widget.focus()

    def action_account(self) -> None:
        self.query_one("#side", TabbedContent).active = "tab-account"
        self._focus_now("#lookup")

    def action_order(self) -> None:
        self.query_one("#side", TabbedContent).active = "tab-order"
        if self.order_panel_mounted:
            self._focus_now("#catalog-search")

    def action_back(self) -> None:
        """Escape: back to the say box; from the say box, offer to leave the call."""
        say = self.query_one("#say", Input)
        if self.focused is not say:
            self._focus_now("#say")
            return
        self.action_leave()

    def action_leave(self) -> None:
        if self.call_view.ended:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.stop_voice()
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(
            "Leave this call? It is saved as unfinished and not scored.", "Leave"), answer)

    def stop_voice(self) -> None:
        """Stop listening and speaking; the call is kept as it is (unfinished)."""
        if self._voice_call is not None:
            self._voice_call.abandon()

    def on_unmount(self) -> None:
        self.stop_voice()


def played_scenario(card: dict[str, Any] | None, scenario_id: str,
                    library: Library) -> Scenario | None:
    """The scenario an attempt was played with: its snapshot, else the library's file of
    that id, else the shipped one (attempts saved before snapshots)."""
    from pydantic import ValidationError

    from simulator.scenario import Scenario

    snapshot = (card or {}).get("scenario_snapshot")
    if isinstance(snapshot, dict):
        with contextlib.suppress(ValidationError):
            return Scenario.model_validate(snapshot)
    entry = library.get(scenario_id)
    if entry is not None and entry.scenario is not None:
        return entry.scenario
    from simulator.loading import LIBRARY_DIR, ScenarioError, load_scenario

    with contextlib.suppress(ScenarioError, OSError):
        return load_scenario(LIBRARY_DIR / f"{scenario_id}.yaml")
    return None


def load_comparison(store: Store, trainee: str, scenario_id: str, attempt: int) -> dict[str, Any]:
    """Earlier scored attempts at the same scenario, oldest first, with the previous card.

    Runs in a worker thread: it reads the store.
    """
    rows = [r for r in store.attempts(trainee=trainee, scenario_id=scenario_id, limit=500)
            if r["id"] < attempt and r["overall"] is not None]
    rows.reverse()
    previous = store.scorecard(rows[-1]["id"]) if rows else None
    return {"overall": [r["overall"] for r in rows], "previous": previous}


class ScorecardScreen(Screen[None]):
    """The scorecard: what the scorers said, with evidence that jumps to the transcript."""

    BINDINGS: ClassVar = [
        Binding("r", "retry", "Retry"),
        Binding("t", "toggle_transcript", "Transcript"),
        Binding("h", "history", "History"),
        Binding("p", "play_turn", "Play turn"),
        Binding("left_square_bracket", "step_turn(-1)", "◂Turn"),
        Binding("right_square_bracket", "step_turn(1)", "Turn▸"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, scenario: Scenario, transcript: Transcript, card: dict[str, Any],
                 attempt: int, compare: dict[str, Any]) -> None:
        super().__init__()
        self.scenario, self.transcript, self.card = scenario, transcript, card
        self.attempt, self.compare = attempt, compare
        self.evidence_turns: dict[str, int] = {}
        self.selected_turn: int | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Replay keys only where there is audio: a voice call's scorecard."""
        if action in ("play_turn", "step_turn"):
            return self.transcript.mode == "voice"
        return True

    @property
    def app_(self) -> CallsimApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        card = self.card
        with Horizontal(id="sc-body"):
            with VerticalScroll(id="sc-main"):
                verdict = ("PASS", "bold green") if card["passed"] else ("FAIL", "bold red")
                yield Static(Text.assemble(("Scorecard · ", "dim"), (self.scenario.title, "bold")),
                             id="sc-title")
                yield Static(Text.assemble(("Overall ", "bold"),
                                           (f"{card['overall']:.0f}", "bold"), "/100  ", verdict,
                                           (f"   pass mark {card['pass_mark']}", "dim")),
                             id="sc-overall")
                for err in card.get("critical", []):
                    yield Static(Text.assemble(("CRITICAL ERROR ", "bold red"), err["text"]),
                                 classes="critical")
                yield Static(self._compare_text(), id="sc-compare")
                if len(self.compare.get("overall", [])) >= 1:
                    yield Sparkline([*self.compare["overall"], card["overall"]], id="sc-trend")
                # the tips first: what to do next time is what a trainee reads a card for
                # (at the bottom they sat below the fold, even at 120x40)
                yield Label("Top tips", classes="section")
                yield Static(self._tips_text(), id="sc-tips")
                for name, score in card["scores"].items():
                    with Vertical(classes="dim-row"):
                        yield Static(self._dimension_text(name, score), id=f"dim-{name}")
                        if score.get("reasons"):
                            yield Static(Text("\n".join(f"· {plain(r)}"
                                                        for r in score["reasons"][:3]),
                                              "dim"), classes="reasons")
                evidence = list(self._evidence_options())
                if evidence:
                    yield Label("Evidence — Enter jumps to the turn", classes="section")
                    yield OptionList(*evidence, id="sc-evidence")
                else:
                    yield Label("Evidence", classes="section")
                    yield Static(Text("Nothing to point out in the transcript.", "dim"))
                # Retry comes last: it starts a new call, so a stray Tab, Enter must not
                # reach it first (it left "unfinished" rows in History).
                with Horizontal(id="sc-buttons"):
                    yield Button("Back (esc)", id="sc-back", compact=True)
                    yield Button("History (h)", id="sc-history", compact=True)
                    yield Button("Transcript (t)", id="sc-show", compact=True)
                    yield Button("Retry (r)", id="sc-retry", variant="primary", compact=True)
            with VerticalScroll(id="sc-transcript"):
                name = self.scenario.persona.name
                products = self.app_.product_names(self.scenario)
                for ev in self.transcript.events:
                    yield Static(event_text(ev, name, products), id=f"turn-{ev.turn}",
                                 classes="turn")
        yield Footer()

    def on_mount(self) -> None:
        evidence = self.query("#sc-evidence")
        # The card opens at its top (the overall result) whatever has focus: focusing
        # without scrolling keeps it there; a scroll-to-focus followed by a later
        # scroll_home raced the first paint and showed either end of the card.
        first = evidence.first() if evidence else self.query_one("#sc-back", Button)
        first.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#sc-main").scroll_home, animate=False)

    def _compare_text(self) -> Text:
        earlier = self.compare.get("overall", [])
        if not earlier:
            return Text("Your first scored attempt at this scenario.", "dim")
        last, best = earlier[-1], max(earlier)
        delta = self.card["overall"] - last
        sign = "+" if delta >= 0 else ""
        return Text.assemble(
            f"vs {count(len(earlier), 'earlier attempt')}: last {last:.0f} ",
            (f"({sign}{delta:.0f})", "green" if delta >= 0 else "red"), f", best {best:.0f}")

    def _dimension_text(self, name: str, score: dict[str, Any]) -> Text:
        label = LABELS.get(name, name)
        weight = self.card.get("weights_used", {}).get(name)
        out = Text()
        out.append(f"{label:<19}", "bold")
        value = score.get("value")
        if value is None:
            out.append(f"{bar(None, 10)}    — not measured", "dim")
        else:
            style = "green" if score.get("passed") else "red"
            out.append(bar(value, 10), style)
            out.append(f" {value:>3.0f} ", "bold")
            out.append("ok  " if score.get("passed") else "FAIL", style)
            prev = (self.compare.get("previous") or {}).get("scores", {}).get(name, {})
            if prev.get("value") is not None:
                d = value - prev["value"]
                out.append(f" {'▲' if d >= 0 else '▼'}{abs(d):.0f}", "green" if d >= 0 else "red")
            if not weight:
                out.append("  (shown only)", "dim")
        return out

    def _evidence_options(self) -> Iterator[Option]:
        """Each quoted turn once, with every dimension and note that quotes it (the
        hang-up line used to be listed twice)."""
        quoted: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
        readings: dict[tuple[int, str], str] = {}
        for name, score in self.card["scores"].items():
            for ev in score.get("evidence", []):
                labels, notes = quoted.setdefault((int(ev["turn"]), str(ev["quote"])), ([], []))
                readings[(int(ev["turn"]), str(ev["quote"]))] = str(ev.get("reading") or "")
                if LABELS.get(name, name) not in labels:
                    labels.append(LABELS.get(name, name))
                note = plain(ev.get("note") or "")
                if note and note not in notes:
                    notes.append(note)
        for i, ((turn, quote), (labels, notes)) in enumerate(quoted.items()):
            key = f"ev-{i}"
            self.evidence_turns[key] = turn
            note = f" — {'; '.join(notes)}" if notes else ""
            reading = readings.get((turn, quote), "")
            read = f" [read as: {reading}]" if reading else ""
            yield Option(Text.assemble((f"T{turn:<3}", "bold"), (f"{', '.join(labels)}: ", "dim"),
                                       f"“{quote}”", (read, "italic dim"), (note, "dim")), id=key)

    def _tips_text(self) -> Text:
        tips = unique_tips(self.card.get("tips", []))
        if not tips:
            return Text("Nothing to add — well done.", "dim")
        return Text("\n".join(f"{i}. {plain(t['text'])}" for i, t in enumerate(tips, 1)))

    @on(OptionList.OptionSelected, "#sc-evidence")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        turn = self.evidence_turns.get(event.option.id or "")
        if turn is not None:
            self.jump_to_turn(turn)

    def jump_to_turn(self, turn: int) -> None:
        """Show the transcript with that turn highlighted and scrolled into view."""
        for w in self.query(".turn.-hit"):
            w.remove_class("-hit")
        target = self.query_one(f"#turn-{turn}", Static)
        target.add_class("-hit")
        self.selected_turn = turn
        self.add_class("-show-transcript")
        if self.has_class("-narrow"):
            self.query_one("#sc-transcript").focus()
        self.call_after_refresh(self.query_one("#sc-transcript").scroll_to_widget, target,
                                animate=False, center=True)

    def action_step_turn(self, step: int) -> None:
        """Move the highlight to the previous/next spoken turn (to replay it)."""
        spoken = [e.turn for e in self.transcript.events if e.kind == "say"]
        if not spoken:
            return
        current = self.selected_turn
        if current is None:
            turn = spoken[0] if step > 0 else spoken[-1]
        else:
            later = [t for t in spoken if (t > current if step > 0 else t < current)]
            turn = (min(later) if step > 0 else max(later)) if later else current
        self.jump_to_turn(turn)

    def action_play_turn(self) -> None:
        """Replay the highlighted turn's recording (the customer's or the trainee's)."""
        if self.selected_turn is None:
            self.notify("Pick a turn first: Enter on an evidence line, or [ and ].", timeout=4)
            return
        self._play(self.selected_turn)

    @work(thread=True, exclusive=True, group="replay")
    def _play(self, turn: int) -> None:
        from simulator.recording import play_turn
        from simulator.speech.types import SpeechUnavailable

        self.app.call_from_thread(self.notify, f"Playing turn {turn}…", timeout=2)
        try:
            play_turn(self.attempt, turn, store=self.app_.store)
        except KeyError:
            self.app.call_from_thread(self.notify, f"Turn {turn} has no recording.",
                                      severity="warning", timeout=4)
        except SpeechUnavailable as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="warning", timeout=8)

    @on(Button.Pressed, "#sc-show")
    def action_toggle_transcript(self) -> None:
        self.toggle_class("-show-transcript")
        if self.has_class("-narrow"):
            target = "#sc-transcript" if self.has_class("-show-transcript") else "#sc-back"
            if target == "#sc-back" and self.query("#sc-evidence"):
                target = "#sc-evidence"
            self.query_one(target).focus()

    @on(Button.Pressed, "#sc-retry")
    def action_retry(self) -> None:
        entry = self.app_.library.get(self.scenario.id)
        scenario = entry.scenario if entry and entry.scenario else self.scenario
        self.app.switch_screen(CallScreen(scenario, voice=self.transcript.mode == "voice"))

    @on(Button.Pressed, "#sc-history")
    def action_history(self) -> None:
        """History in place of the scorecard, so Escape from it goes Home (the scorecard
        is one row of that History, a keypress away)."""
        self.app_.go_home()
        self.app.push_screen(HistoryScreen())

    @on(Button.Pressed, "#sc-back")
    def action_back(self) -> None:
        if self.has_class("-show-transcript") and self.has_class("-narrow"):
            self.action_toggle_transcript()
            return
        self.app.pop_screen()


class HistoryScreen(Screen[None]):
    """Every attempt of this trainee, and each dimension's trend over time."""

    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "toggle_all", "All trainees"),
        Binding("enter", "open", "Open scorecard", show=False),
    ]
    ALL = "__all__"

    def __init__(self) -> None:
        super().__init__()
        self.all_trainees = False
        self.rows: list[dict[str, Any]] = []
        self.cards: dict[int, dict[str, Any]] = {}

    @property
    def app_(self) -> CallsimApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="hist-head"):
            yield Static("", id="hist-title")
            yield Select([], prompt="All scenarios", id="hist-scenario", compact=True)
        yield DataTable(id="hist-table", cursor_type="row", zebra_stripes=True)
        yield Label("Progress, oldest → newest (scored calls)", classes="section")
        yield Vertical(id="hist-chart")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#hist-table", DataTable)
        table.add_columns("When", "Scenario", "Score", "Result", "Events")
        table.focus()

    def on_screen_resume(self) -> None:
        """Shown first, or again after opening a scorecard: re-read the store."""
        self.reload()

    @work(thread=True, exclusive=True, group="history")
    def reload(self) -> None:
        store = self.app_.store
        trainee = None if self.all_trainees else self.app_.settings.trainee
        rows = store.attempts(trainee=trainee, limit=500)
        cards = {r["id"]: store.scorecard(r["id"]) or {} for r in rows if r["overall"] is not None}
        self.app.call_from_thread(self._loaded, rows, cards)

    def _loaded(self, rows: list[dict[str, Any]], cards: dict[int, dict[str, Any]]) -> None:
        if not self.is_attached:  # read returned after the screen was left (see _set_best)
            return
        self.rows, self.cards = rows, cards
        who = "all trainees" if self.all_trainees else self.app_.settings.trainee
        self.query_one("#hist-title", Static).update(
            Text.assemble(("History · ", "bold"), who, (f"  {count(len(rows), 'attempt')}", "dim")))
        sel = self.query_one("#hist-scenario", Select)
        current = sel.value
        ids = sorted({r["scenario_id"] for r in rows})
        with sel.prevent(Select.Changed):
            sel.set_options([(i, i) for i in ids])
            if current in ids:
                sel.value = current
        self._refresh()

    @on(Select.Changed, "#hist-scenario")
    def _refresh(self) -> None:
        want = self.query_one("#hist-scenario", Select).value
        rows = [r for r in self.rows if want is Select.NULL or r["scenario_id"] == want]
        table = self.query_one("#hist-table", DataTable)
        table.clear()
        for r in rows:
            if not r["finished"]:
                result = Text("unfinished", "yellow")
            elif r["passed"] is None:
                result = Text("not scored", "dim")
            else:
                result = Text("pass", "green") if r["passed"] else Text("fail", "red")
            table.add_row(local_date(r["started_at"]), r["scenario_id"], score_value(r["overall"]),
                          result, str(r["events"]), key=str(r["id"]))
        if not rows:
            table.add_row("—", "No attempts yet: press Escape, then Practice.", "", "", "")
        self._chart(rows)

    def _chart(self, rows: list[dict[str, Any]]) -> None:
        """One sparkline per dimension (and overall), oldest attempt on the left."""
        box = self.query_one("#hist-chart", Vertical)
        box.remove_children()
        scored = [r for r in reversed(rows) if r["overall"] is not None]
        if not scored:
            box.mount(Static(Text("Scores appear here after your first finished call.", "dim")))
            return
        series: dict[str, list[float]] = {"overall": [r["overall"] for r in scored]}
        for r in scored:
            for name, s in self.cards.get(r["id"], {}).get("scores", {}).items():
                if s.get("value") is not None:
                    series.setdefault(name, []).append(float(s["value"]))
        widgets = []
        for name, values in series.items():
            label = "Overall" if name == "overall" else LABELS.get(name, name)
            row: list[Widget] = [Static(Text(f"{label:<19}", "bold"), classes="trend-label")]
            if len(values) > 1:  # one point has no trend (and Sparkline draws it full)
                spark = Sparkline(values, classes="trend")
                spark.styles.width = min(len(values) * 3, 48)
                row.append(spark)
                figures = f" {values[0]:.0f} → {values[-1]:.0f}  best {max(values):.0f}"
            else:
                figures = f"{values[0]:.0f} (one scored call)"
            row.append(Static(Text(figures, "dim"), classes="trend-figures"))
            widgets.append(Horizontal(*row, classes="trend-row"))
        box.mount_all(widgets)

    def action_toggle_all(self) -> None:
        self.all_trainees = not self.all_trainees
        self.reload()

    @on(DataTable.RowSelected, "#hist-table")
    def action_open(self) -> None:
        table = self.query_one("#hist-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if not key or not key.isdigit():
            return
        row = next((r for r in self.rows if r["id"] == int(key)), None)
        if row is None:
            return
        if row["overall"] is None:
            self.notify("This call was cut off before the end, so it has no scorecard.",
                        severity="warning")
            return
        self.open_attempt(int(key))

    @work(thread=True, exclusive=True, group="history-open")
    def open_attempt(self, attempt: int) -> None:
        store = self.app_.store
        transcript = store.transcript(attempt)
        card = store.scorecard(attempt)
        scenario = played_scenario(card, transcript.scenario_id, self.app_.library)
        if card is None or scenario is None:
            self.app.call_from_thread(self.notify, "That scenario is no longer in the library.",
                                      severity="warning")
            return
        compare = load_comparison(store, transcript.trainee, transcript.scenario_id, attempt)
        self.app.call_from_thread(self.app.push_screen, ScorecardScreen(
            scenario, transcript, card, attempt, compare))


# -- the app ----------------------------------------------------------------------------
CSS = """
Screen { background: $surface; }
.section { margin-top: 1; text-style: bold; color: $text-accent; }
.dim { color: $text-muted; }

#home-frame { align: center middle; height: 1fr; }
#home { padding: 1 2; width: 80; height: auto; }
#home-title { margin-bottom: 1; }
#home Label { margin-top: 1; }
#trainee { width: 50; margin-bottom: 1; }
.mode { height: 3; }
.mode Button { width: 16; }
.mode-help { padding: 1 2; color: $text-muted; }
#home-last { margin-top: 1; color: $text-muted; }

#browser-title { padding: 0 1; height: 1; }
#filters { height: 1; margin: 1 0 0 0; }
#filters Select { width: 1fr; margin: 0 1; }
#browser-body { height: 1fr; margin-top: 1; }
#scenario-list { width: 2fr; height: 1fr; border: round $primary; }
#preview { width: 3fr; height: 1fr; padding: 0 1; border: round $secondary; }
#browser-note { height: auto; padding: 0 1; color: $warning; }
BrowserScreen.-wide #scenario-list { width: 72; }
BrowserScreen.-wide #preview { width: 1fr; padding: 0 2; }
BrowserScreen.-wide #filters Select { width: 40; }

#status { height: 1; background: $panel; }
#call-title { width: 1fr; padding: 0 1; }
#hold-flag { width: auto; }
#rec-flag { width: auto; }
#timer { width: 7; text-align: right; padding-right: 1; }
#mood { width: 28; }
#call-body { height: 1fr; }
#transcript { width: 1fr; border: round $primary; padding: 0 1; scrollbar-size-vertical: 1; }
#side { width: 36; }
CallScreen.-wide #side { width: 2fr; }
CallScreen.-wide #transcript { width: 3fr; }
#side TabPane { padding: 0; }
#lookup { margin: 0; }
#account-scroll { height: 1fr; padding: 0 1; }
#order-panel { height: 1fr; }
#order-scroll { height: 1fr; padding: 0 1; }
#order-lines { height: auto; max-height: 5; }
CallScreen.-wide #order-lines { max-height: 10; }
#order-summary { height: auto; padding: 0 1; border-bottom: solid $primary 40%; }
#catalog-search { margin-top: 1; }
#catalog-results { height: auto; max-height: 6; border: none; }
#item-editor { height: auto; }
#item-qty { width: 6; }
#item-options { height: auto; width: 1fr; }
#item-options Select { width: 1fr; }
.pair { height: 1; }
.pair Input { width: 1fr; }
#order-scroll Input, #order-scroll Select { margin-bottom: 0; }
#order-scroll Button { margin: 0; }
.field-error { height: auto; display: none; }
#card-expiry { width: 7; }
#card-code { width: 6; }
#say { margin: 0; }
#actions { height: 1; align-horizontal: left; }
#actions Button { margin-right: 2; }

#sc-body { height: 1fr; }
#sc-main { width: 1fr; padding: 0 1; }
#sc-transcript { width: 1fr; border-left: vkey $primary; padding: 0 1; }
ScorecardScreen.-narrow #sc-transcript { display: none; }
ScorecardScreen.-narrow.-show-transcript #sc-transcript { display: block; }
ScorecardScreen.-narrow.-show-transcript #sc-main { display: none; }
#sc-trend { width: 30; margin-bottom: 1; }
.dim-row { margin-top: 1; height: auto; }
.reasons { padding-left: 2; }
#sc-evidence { height: auto; border: none; }
#sc-buttons { height: 1; margin-top: 1; }
#sc-buttons Button { margin-right: 1; min-width: 0; width: auto; padding: 0; }
.turn { margin-bottom: 0; }
.turn.-hit { background: $warning 30%; text-style: bold; }

#hist-head { height: 1; }
#hist-title { width: 1fr; padding: 0 1; }
#hist-scenario { width: 36; }
#hist-table { height: 1fr; }
#hist-chart { height: auto; max-height: 8; }
.trend-row { height: 1; }
.trend-label { width: 20; }
.trend-figures { width: auto; }

ModalScreen { align: center middle; }
.dialog { width: 56; height: auto; border: thick $primary; background: $panel; padding: 1 2; }
.dialog-title { text-style: bold; margin-bottom: 1; width: 100%; height: auto; }
.dialog OptionList { height: auto; }
.dialog-buttons { height: auto; }
.dialog-buttons Button { margin-right: 2; }
"""


def _shipped_library() -> Path:
    """simulator.loading.LIBRARY_DIR, found without importing it: that import pulls in
    the pydantic models, which would delay the first frame by most of a second."""
    from importlib.util import find_spec

    spec = find_spec("simulator")
    if spec is None or spec.origin is None:
        from simulator.loading import LIBRARY_DIR

        return LIBRARY_DIR
    return Path(spec.origin).resolve().parent.parent / "scenarios"


class CallsimApp(App[None]):
    """The app: holds the shared things (store, library, settings, clock, seed)."""

    TITLE = "callsim"
    CSS = CSS
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (120, "-wide")]

    def __init__(
        self,
        *,
        store: Store | None = None,
        store_url: str | None = None,
        library_dir: Path | None = None,
        config_dir: Path | None = None,
        seed: int | None = None,
        clock: Callable[[], float] | None = None,
        show_mood: bool = True,
        poll_interval: float = 1.0,
        trainee: str | None = None,
        voice: bool = False,
        voice_kit: Callable[[], VoiceKit] | None = None,
    ) -> None:
        super().__init__()
        self.voice = voice  # Enter in the browser takes calls by voice (v always does)
        self._voice_kit = voice_kit
        self._store = store
        self._store_url = store_url
        self._store_lock = threading.Lock()
        self.library = Library(Path(library_dir) if library_dir else _shipped_library())
        self.settings = Settings.load(Path(config_dir or user_config_dir("callsim",
                                                                         appauthor=False)))
        if trainee:
            self.settings.trainee = trainee
        self.seed = seed
        self._seeds = random.Random(seed)
        self.clock = clock or time.monotonic
        self.show_mood = show_mood
        self.poll_interval = poll_interval
        self._reloading = False
        self.crash_message = ""  # set when an internal error stopped the app

    # -- the crash guard --------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """Any error that escapes a handler or worker ends up here (Textual's hook).

        Textual's own answer is a full-screen traceback and, from `run()`, exit status 0:
        a trainee saw jargon and lost track of the call. Instead: the call in progress
        is noted in the transcript (every turn is already in the store, so the attempt
        stays as unfinished), the traceback goes to a crash file for a bug report, and
        the app exits with status 1 after one readable message.
        """
        import traceback

        self._return_code = 1
        if self._exception is None:  # what Pilot re-raises at the end of a test
            self._exception = error
            self._exception_event.set()
        saved = self._note_crash_in_calls()
        report = self.settings.path.parent / "crash.log"
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
            with report.open("a", encoding="utf-8") as out:
                out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                out.write("".join(traceback.format_exception(error)))
        except OSError:
            report = None
        self.crash_message = crash_text(error, saved, report)
        self.panic(Text(self.crash_message))

    def _note_crash_in_calls(self) -> list[str]:
        """Mark every call still open as cut off by the crash; returns who was on it."""
        saved = []
        for screen in self.screen_stack:
            session = getattr(screen, "session", None)
            if not isinstance(screen, CallScreen) or session is None or session.ended:
                continue
            with contextlib.suppress(Exception):  # the store itself may be what failed
                session.note("The app stopped with an internal error; the call was cut off.")
            saved.append(screen.scenario.persona.name)
        return saved

    @property
    def store(self) -> Store:
        """The attempt store, opened on first use (off the UI thread, by the workers)."""
        with self._store_lock:
            if self._store is None:
                from simulator.store import Store

                self._store = Store(self._store_url)
            return self._store

    def product_names(self, scenario: Scenario) -> dict[str, str]:
        """SKU -> product name for rendering actions (shared catalog + the scenario's own)."""
        names = {i.sku: i.name for i in (self.library.catalog.items if self.library.catalog
                                           else [])}
        names.update({i.sku: i.name for i in scenario.catalog})
        return names

    def open_voice_kit(self) -> VoiceKit:
        """Microphone, recogniser and customer voice for a voice call (a worker calls
        this: loading the models takes seconds). Tests pass their own kit factory."""
        if self._voice_kit is not None:
            return self._voice_kit()
        from simulator.speech.kit import open_kit

        return open_kit()

    def next_seed(self) -> int:
        """A fixed seed repeats every call exactly (tests); otherwise each call differs."""
        return self.seed if self.seed is not None else self._seeds.randrange(1 << 30)

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        # Scenario checks and the database warm up after the first frame is on screen:
        # they are CPU work in threads that would otherwise delay that frame (GIL).
        self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        self.reload_library()
        self.warm_engine()
        self.set_interval(self.poll_interval, self.poll_library)

    def warm_engine(self) -> None:
        """Import the engine and scorers before the first call is taken.

        The understanding engine compiles its patterns when imported, which takes
        seconds on a slow machine; doing it while the trainee reads the home screen
        means the customer answers as soon as a call is opened. A daemon thread rather
        than a worker: it changes nothing on screen, and quitting must not wait for it.
        """

        def warm() -> None:
            import scoring  # noqa: F401
            import simulator.session  # noqa: F401

            assert self.store is not None
            if self._voice_kit is None:  # one recogniser and voice for the whole session
                from simulator.speech import warm as voice_warm

                voice_warm.start()

        threading.Thread(target=warm, name="callsim-warmup", daemon=True).start()

    # -- scenario files ---------------------------------------------------------------------
    def poll_library(self) -> None:
        if not self._reloading and self.library.mtimes and self.library.changed():
            self.reload_library()

    @work(thread=True, exclusive=True, group="library")
    def reload_library(self) -> None:
        self._reloading = True
        try:
            first = not self.library.mtimes
            changed = self.library.reload()
        finally:
            self._reloading = False
        self.call_from_thread(self._library_loaded, [] if first else changed)

    def _library_loaded(self, changed: list[str]) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, BrowserScreen):
                screen.library_changed()
        if changed:
            bad = [e for e in self.library.entries if e.path.name in changed and not e.ok]
            if bad or self.library.catalog_problems:
                problems = [str(p).splitlines()[0] for e in bad for p in e.problems]
                problems += [str(p).splitlines()[0] for p in self.library.catalog_problems]
                self.notify("\n".join(problems[:4]), title="Scenario problems",
                            severity="error", timeout=8, markup=False)
            else:
                self.notify(f"Reloaded {', '.join(changed)}", timeout=3)

    # -- navigation -------------------------------------------------------------------------
    def show_scorecard(self, scenario: Scenario, transcript: Transcript, card: dict[str, Any],
                       attempt: int, compare: dict[str, Any], call: Screen | None = None) -> None:
        if call is not None and call not in self.screen_stack:
            return  # the trainee left before the engine finished; the card is saved
        screen = ScorecardScreen(scenario, transcript, card, attempt, compare)
        ended_by = transcript.ended_by or ""
        if ended_by == "customer_hangup":
            self.notify(f"{scenario.persona.name} hung up.", severity="warning")
        elif ended_by.startswith(("transfer:", "escalate:")):
            target = ended_by.split(":", 1)[1]
            self.notify(f"Call passed to {TRANSFER_LABELS.get(target, target).lower()}.")
        if call is not None and self.screen is call:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- a locked candidate session (tui_hiring.CandidateScreen sets this) ---------------------
    candidate_lock: Any = None

    async def action_quit(self) -> None:
        """Quitting a candidate session needs the manager's PIN, like leaving it."""
        if self.candidate_lock is not None:
            self.candidate_lock.request_quit()
            return
        await super().action_quit()

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def _goto(self, screen_type: type[Screen], **kwargs: Any) -> None:
        if not self.settings.trainee and screen_type is not BrowserScreen:
            self.notify("Type your name on the home screen first.", severity="warning")
            return
        self.push_screen(screen_type(**kwargs))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Command palette entries for the screen the trainee is on."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, CallScreen) and not screen.call_view.ended:
            yield SystemCommand("Look up the account", "Account panel (F2)", screen.action_account)
            yield SystemCommand("Order form", "Catalog search, items, delivery, payment (F3)",
                                screen.action_order)
            yield SystemCommand("Hold / resume", "Put the customer on hold (F5)",
                                screen.action_hold)
            for key, label in TRANSFER_LABELS.items():
                yield SystemCommand(f"Transfer to {label.lower()}", "Ends the call (F6)",
                                    lambda k=key: screen.transfer_to(k))
            yield SystemCommand("Escalate to a supervisor", "Ends the call (F7)",
                                screen.action_escalate)
            yield SystemCommand("End the call", "Hang up and see the scorecard (F8)",
                                screen.action_end_call)
            yield SystemCommand("Call help", "Commands you can type (F1)", screen.action_help)
            yield SystemCommand("Leave the call", "Saved as unfinished, not scored (Esc)",
                                screen.action_leave)
            return
        if isinstance(screen, ScorecardScreen):
            yield SystemCommand("Retry this scenario", "Take the same call again (r)",
                                screen.action_retry)
            yield SystemCommand("Show the transcript", "Toggle the call transcript (t)",
                                screen.action_toggle_transcript)
        yield SystemCommand("Home", "Back to the home screen", self.go_home)
        yield SystemCommand("Practice", "Pick a scenario and take a call",
                            lambda: self._goto(BrowserScreen, practice=True))
        yield SystemCommand("History", "Your attempts and progress",
                            lambda: self._goto(HistoryScreen))
        yield SystemCommand("Scenario library", "Every scenario file, with problems",
                            lambda: self._goto(BrowserScreen, practice=False))
        yield SystemCommand("Keyboard", "Typing and data-entry tests",
                            lambda: self._from_home("action_keyboard"))
        yield SystemCommand("Hiring", "Candidate sessions and reports",
                            lambda: self._from_home("action_hiring"))
        yield SystemCommand("Phone test", "Read aloud, then a role-play call",
                            lambda: self._from_home("action_phone_test"))

    def _from_home(self, action: str) -> None:
        """A Home mode from anywhere (the palette): go Home, then press its button."""
        self.go_home()
        home = self.screen_stack[0] if not isinstance(self.screen, HomeScreen) else self.screen
        if isinstance(home, HomeScreen):
            getattr(home, action)()


def make_app(
    store: Store | None = None,
    library_dir: Path | None = None,
    config_dir: Path | None = None,
    seed: int | None = None,
    *,
    store_url: str | None = None,
    clock: Callable[[], float] | None = None,
    show_mood: bool = True,
    poll_interval: float = 1.0,
    trainee: str | None = None,
    voice: bool = False,
    voice_kit: Callable[[], VoiceKit] | None = None,
) -> CallsimApp:
    """Build the app; tests pass a temporary store, folders, a seed, a frozen clock and
    (for voice mode) a factory for the speech kit."""
    return CallsimApp(store=store, store_url=store_url, library_dir=library_dir,
                      config_dir=config_dir, seed=seed, clock=clock, show_mood=show_mood,
                      poll_interval=poll_interval, trainee=trainee, voice=voice,
                      voice_kit=voice_kit)


def run(argv: list[str] | None = None) -> None:
    """`callsim` with no command: open the app."""
    parser = argparse.ArgumentParser(prog="callsim", description="Practise call-center calls.")
    parser.add_argument("--trainee", help="who is training (name or ID); remembered")
    parser.add_argument("--db", help="SQLAlchemy URL of the attempt store (default: CALLSIM_DB "
                        "or a SQLite file in your data folder)")
    parser.add_argument("--library", type=Path, help="scenario folder (default: the shipped one)")
    parser.add_argument("--seed", type=int, help="seed for the customer's wording")
    parser.add_argument("--hide-mood", action="store_true",
                        help="hide the customer's mood meter (harder: read the words)")
    parser.add_argument("--voice", action="store_true",
                        help="take calls by voice (microphone and speaker; needs the voice extra)")
    args = parser.parse_args(argv)
    app = make_app(store_url=args.db or os.environ.get("CALLSIM_DB"), library_dir=args.library,
                   seed=args.seed, show_mood=not args.hide_mood, trainee=args.trainee,
                   voice=args.voice)
    if args.trainee:
        app.settings.save()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)


if __name__ == "__main__":
    run()
