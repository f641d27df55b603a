"""A call by voice in the terminal: the customer speaks, the trainee talks back.

`run_voice_call` is what `callsim play SCENARIO --voice` runs. It drives the same
Session as the text call; speech only changes how lines get in and out:

- the customer's lines are spoken (and shown as text) while the microphone keeps
  listening, so the trainee can talk over the customer (barge-in: the customer stops,
  and the turn counts as the harmful technique "interrupt", which the scenario's
  reactions make costly with an angry caller);
- silence longer than the scenario's `dead_air_s` is dead air (`Session.silence`);
- both sides of every turn are recorded and linked to the attempt, with spoken card
  numbers muted, and the trainee is told at the start that the call is recorded;
- typed lines still work while listening: "/lookup 555-0142", "/add ..." (a terminal
  has no order form to click), or a whole sentence typed instead of spoken. The app
  sends its buttons and order form the same way, as jobs on the `Keyboard` queue, so
  only the call's own thread ever touches the Session.

Without a microphone the call falls back to the text call, with one message saying
why; without audio output the customer's lines are shown as text only.
"""

from __future__ import annotations

import contextlib
import inspect
import queue
import random
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from simulator.calls import new_session
from simulator.card_words import mask_misheard_card, redact_words
from simulator.recording import RECORDING_NOTICE, Recordings
from simulator.scenario import Scenario
from simulator.session import Session, SessionError
from simulator.speech.fakes import SilentSpeechOut
from simulator.speech.measure import measure_turn
from simulator.speech.types import Utterance
from simulator.speech.voices import VoiceSettings, voice_for
from simulator.text_call import (
    CommandError,
    local_reply,
    parse_command,
    render_event,
    run_text_call,
)
from simulator.transcript import Event, Transcript

PLAYBACK_GRACE_S = 30.0  # longest we wait at the end for the last customer line to finish
DEFAULT_CUT_IN_S = 12.0  # an `interrupts` persona without its own figure cuts in after this
CUT_IN_LINES = (
    "Look, I don't need the whole speech—",
    "Okay, okay, can you just get to the point—",
    "Sorry, can I stop you there—",
)

Job = Callable[[Session], list[Event]]
KeyboardItem = str | Job | None  # a typed line, an engine job from the app, or "keyboard gone"


# -- small wrappers over Session, named for what the voice loop does --------------------
def add_note(session: Session, text: str) -> Event:
    """A system note in the transcript (e.g. "this call is recorded")."""
    return session.note(text)


def say_turn(session: Session, text: str, words: list[dict[str, Any]], *, interrupted: bool,
             audio: dict[str, Any] | None = None) -> list[Event]:
    """`Session.say`, counting a barge-in as the technique "interrupt"; `audio` holds the
    turn's measurements for diction scoring."""
    return session.say(text, words=words, interrupted=interrupted, audio=audio)


def spoken_text(session: Session, event: Event) -> str:
    """What the customer actually says for `event`: the transcript masks card numbers,
    but the trainee must hear the number to type it into the payment screen."""
    return session.spoken_text(event)


# -- what the customer is likely to say (for synthesis ahead of time) ---------------
def likely_lines(scenario: Scenario) -> list[str]:
    """Every line the scripted customer may speak in this scenario, opening first."""
    out: list[str] = list(scenario.opening)

    def walk(node: Any, value: str | None = None) -> None:
        if isinstance(node, dict):
            v = node.get("value") if isinstance(node.get("value"), str) else value
            for key, child in node.items():
                if key not in ("asked_by", "value", "id", "when", "resolved_by"):
                    walk(child, v)
        elif isinstance(node, list):
            for child in node:
                walk(child, value)
        elif isinstance(node, str) and len(node.split()) >= 2 and node[-1:] in ".!?":
            out.append(node.replace("{value}", value) if value and "{value}" in node else node)

    data = scenario.model_dump()
    for key in ("lines", "facts", "objections", "changes", "order"):
        walk(data.get(key))
    with contextlib.suppress(ImportError):
        from simulator.customer.scripted import STOCK

        values = [f.value for f in scenario.facts.values()]
        for key, lines in STOCK.items():
            for line in lines:
                if "{value}" in line and key in ("reveal", "repeat", "correct"):
                    out.extend(line.replace("{value}", v) for v in values)
                elif "{" not in line:
                    out.append(line)
    return [line for line in dict.fromkeys(out) if "{" not in line]


# -- keyboard while listening -------------------------------------------------------
class Keyboard:
    """Typed lines and /actions that reach the call while the microphone listens.

    With `read_line` a thread reads the terminal; the app calls `put("/add PZ-PEP 2")`
    or `put(lambda s: s.act("hold"))` from its widgets instead, so the Session is only
    ever touched by the call's thread.
    """

    def __init__(self, read_line: Callable[[str], str] | None = None) -> None:
        self.lines: queue.Queue[KeyboardItem] = queue.Queue()
        self.typed = threading.Event()
        self._read = read_line
        if read_line is not None:
            threading.Thread(target=self._run, daemon=True, name="callsim-keyboard").start()

    def put(self, line: KeyboardItem) -> None:
        """Queue a line or job (None: the keyboard is gone) and wake the listener."""
        self.lines.put(line)
        self.typed.set()

    def _run(self) -> None:
        assert self._read is not None
        while True:
            try:
                line = self._read("")
            except (EOFError, KeyboardInterrupt, OSError):
                self.put(None)
                return
            self.put(line)

    def take(self) -> list[KeyboardItem]:
        out: list[KeyboardItem] = []
        while True:
            try:
                out.append(self.lines.get_nowait())
            except queue.Empty:
                break
        self.typed.clear()
        return out


def _accepts(fn: Any, name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class VoiceCall:
    """The loop of one voice call; `run_voice_call` is the function to use."""

    def __init__(self, session: Session, speech_in: Any, speech_out: Any, *, echo: Callable[[str], None],
                 recordings: Recordings | None, attempt_id: int | None, keyboard: Keyboard | None,
                 observer: Callable[[dict[str, Any]], None] | None = None,
                 on_events: Callable[[list[Event]], None] | None = None) -> None:
        self.session = session
        self.speech_in = speech_in
        self.speech_out = speech_out
        self.echo = echo
        self.recordings = recordings
        self.attempt_id = attempt_id
        self.keyboard = keyboard
        self.observer = observer
        self.on_events = on_events  # the app renders events itself; a terminal gets text
        self.voice: VoiceSettings = voice_for(session.scenario.persona)
        self.gate = getattr(speech_out, "gate", None)
        self.playback: Any = None
        self._pending: list[tuple[int, Any]] = []  # (customer event turn, playback)
        self._name = session.scenario.persona.name
        self._abandoned = threading.Event()
        self.patience_s = cut_in_after(session.scenario)
        self._cut_in_pb: Any = None
        self._cut_ins = 0

    def abandon(self) -> None:
        """Stop the loop without ending the call: the app's "leave the call", which keeps
        the attempt as unfinished. Safe from any thread; the listener wakes within its
        next slice (the keyboard's wake-up is its cancel signal)."""
        self._abandoned.set()
        if self.playback is not None:
            self.playback.stop()
        if self.keyboard is not None:
            self.keyboard.typed.set()

    # -- output ----------------------------------------------------------------------
    def _show(self, events: Iterable[Event]) -> Any:
        """Render events; speak customer lines. Returns the first new playback.

        On a terminal the operator's own lines are not echoed here (typed ones are on
        screen already, spoken ones are echoed by `_spoken`); `on_events` gets them all.
        """
        events = list(events)
        if self.on_events is not None:
            self.on_events(events)
        first = None
        for ev in events:
            if ev.speaker == "operator" and ev.kind == "say":
                continue
            if self.on_events is None:
                self.echo(render_event(ev, self._name))
            if ev.speaker == "customer" and ev.kind == "say" and ev.text:
                pb = self._speak(spoken_text(self.session, ev))
                self._pending.append((ev.turn, pb))
                self.playback = pb
                first = first or pb
        return first

    def _speak(self, text: str) -> Any:
        speak = getattr(self.speech_out, "speak", None)
        if callable(speak):
            return speak(text, self.voice)
        self.speech_out.say(text, self.voice)  # a plain SpeechOut: blocks until said
        return None

    def _save_finished(self, *, wait: bool = False) -> None:
        keep = []
        for turn, pb in self._pending:
            if pb is None:
                continue
            if wait:
                pb.wait(PLAYBACK_GRACE_S)
            if pb.active:
                keep.append((turn, pb))
                continue
            clip = pb.audio()
            if clip is not None and self.recordings is not None and self.attempt_id is not None:
                self.recordings.save(self.attempt_id, turn, "customer", clip, pb.sensitive_spans)
        self._pending = keep

    # -- input -----------------------------------------------------------------------
    def _listen(self) -> Utterance:
        timeout = float(self.session.scenario.dead_air_s)
        listen = self.speech_in.listen
        kwargs: dict[str, Any] = {"timeout_s": timeout}
        if _accepts(listen, "during"):
            kwargs["during"] = self.playback
        elif self.playback is not None:
            self.playback.wait()
        if self.keyboard is not None and _accepts(listen, "cancel"):
            kwargs["cancel"] = self.keyboard.typed
        if self.patience_s and _accepts(listen, "patience_s"):
            kwargs["patience_s"] = self.patience_s
            if _accepts(listen, "on_cut_in"):
                kwargs["on_cut_in"] = self._cut_in
        return listen(**kwargs)  # type: ignore[no-any-return]

    def _cut_in(self) -> None:
        """The customer has heard enough: they talk over the trainee at once (the
        listener calls this the moment patience runs out, before recognising)."""
        line = CUT_IN_LINES[self._cut_ins % len(CUT_IN_LINES)]
        self._cut_ins += 1
        self._cut_in_pb = self._speak(line)

    def _typed(self, line: str) -> bool:
        """Handle one typed line; False when the trainee closed the keyboard."""
        s = self.session
        line = line.strip()
        if not line:
            return True
        try:
            shown = local_reply(s, line)  # /help, /order, /fields, /catalog
            if shown is not None:
                self.echo(shown)
                return True
            if line.startswith("/"):
                action, args = parse_command(s, line)
                events = s.act(action, **args)
            else:
                if self.playback is not None and self.playback.active:
                    self.playback.stop()
                events = s.say(line)
        except (CommandError, SessionError) as exc:
            self.echo(f"  ! {exc}")
            return True
        self._show(events)
        return True

    def _job(self, job: Job) -> None:
        """An engine job from the app (a button, the order form, a look-up)."""
        try:
            events = job(self.session)
        except (CommandError, SessionError) as exc:
            self.echo(f"  ! {exc}")
            return
        self._show(events)

    def _spoken(self, utt: Utterance, cut: Any = None) -> None:
        s = self.session
        t_heard = time.monotonic()
        words, mute = redact_words(utt.word_dicts())
        if utt.barged_in:
            self.echo("  (you talked over the customer)")
            if cut is not None and cut.interrupted:
                # the transcript keeps the customer's whole line as written; what the
                # trainee actually heard before cutting in is noted beside it
                cut.wait(0.5)  # the player stops within a block
                heard = cut.heard_text() or "(nothing yet)"
                self._show([add_note(s, f"{self._name} was cut off after: \"{heard}\"")])
        if utt.cut_in:
            line = self._cut_in_pb.text if self._cut_in_pb is not None else CUT_IN_LINES[0]
            self.echo("  (the customer cut you off)")
            note = add_note(s, f"{self._name} cut in: \"{line}\"")
            self._show([note])
            if self._cut_in_pb is not None:
                self._pending.append((note.turn, self._cut_in_pb))
                self._cut_in_pb.wait(10.0)  # they finish their interjection, then reply
                self._cut_in_pb = None
        ctx = self.gate if self.gate is not None else contextlib.nullcontext()
        with ctx:  # no background synthesis until the reply's first audio is out
            events = say_turn(s, mask_misheard_card(utt.text), words, interrupted=utt.barged_in,
                              audio=measure_turn(utt.audio))
            t_brain = time.monotonic()
            op = events[0]
            if self.on_events is None:
                self.echo(render_event(op, self._name))
            pb = self._show(events)
            if utt.audio is not None and self.recordings is not None and self.attempt_id is not None:
                self.recordings.save(self.attempt_id, op.turn, "operator", utt.audio, mute)
            if pb is not None:
                deadline = time.monotonic() + 5.0
                while pb.first_audio_at is None and pb.active and time.monotonic() < deadline:
                    time.sleep(0.002)
        if self.observer is not None:
            self.observer({**utt.timings, "heard": t_heard, "brain_done": t_brain,
                           "first_audio": getattr(pb, "first_audio_at", None) if pb else None,
                           "silenced": getattr(cut, "silenced_at", None) if cut is not None else None,
                           "text": utt.text, "barged_in": utt.barged_in, "cut_in": utt.cut_in,
                           "customer": next((e.text for e in events if e.speaker == "customer"), "")})

    # -- the call --------------------------------------------------------------------
    def run(self) -> Transcript:
        s = self.session
        prewarm = getattr(self.speech_out, "prewarm", None)
        warmer = prewarm(likely_lines(s.scenario), self.voice) if callable(prewarm) else None
        opening = s.start()
        notice = add_note(s, RECORDING_NOTICE)
        if self.on_events is None:
            self.echo(f"-- {RECORDING_NOTICE}")
        self._show([*opening, notice] if self.on_events is not None else opening)
        try:
            while not s.ended and not self._abandoned.is_set():
                if self.keyboard is not None and self.keyboard.typed.is_set():
                    for line in self.keyboard.take():
                        if line is None:
                            self.keyboard = None
                            break
                        if callable(line):
                            self._job(line)
                        else:
                            self._typed(line)
                        if s.ended:
                            break
                    continue
                during = self.playback
                try:
                    utt = self._listen()
                except EOFError:
                    s.end("operator_left")
                    break
                self._save_finished()
                if utt.source == "cancelled":
                    continue
                if utt.is_silence:
                    if utt.silence_s > 0:
                        self._show(s.silence(utt.silence_s))
                    continue
                self._spoken(utt, during)
        except KeyboardInterrupt:
            self.echo("")
            if not s.ended:
                s.end("operator_left")
        finally:
            if warmer is not None:
                warmer.stop()
            self._save_finished(wait=True)
        return s.transcript


def cut_in_after(scenario: Scenario) -> float | None:
    """Seconds of the trainee talking before this persona cuts in, or None (never)."""
    persona = scenario.persona
    seconds = getattr(persona, "cuts_in_after_s", None)
    if seconds:
        return float(seconds)
    return DEFAULT_CUT_IN_S if "interrupts" in persona.traits else None


def make_voice_call(
    session: Session,
    speech_in: Any,
    speech_out: Any,
    *,
    store: Any,
    echo: Callable[[str], None],
    keyboard: Keyboard | None,
    recordings: Recordings | None = None,
    observer: Callable[[dict[str, Any]], None] | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
) -> VoiceCall:
    """A voice call over an existing (not yet started) Session, recorded into `store`.

    The terminal (`run_voice_call`) and the app both build their call here; the app
    passes `on_events` to render events itself and a `Keyboard` it feeds from widgets.
    """
    attempt_id = store.attempt_id(session.transcript) if store is not None else None
    if recordings is None and store is not None:
        recordings = Recordings(store)
    return VoiceCall(session, speech_in, speech_out or SilentSpeechOut(), echo=echo,
                     recordings=recordings, attempt_id=attempt_id, keyboard=keyboard,
                     observer=observer, on_events=on_events)


def run_voice_call(
    scenario: Scenario,
    *,
    store: Any,
    trainee: str = "",
    seed: int | None = None,
    speech_in: Any = None,
    speech_out: Any = None,
    echo: Callable[[str], None] = print,
    read_line: Callable[[str], str] | None = None,
    keyboard: bool | None = None,
    recordings: Recordings | None = None,
    observer: Callable[[dict[str, Any]], None] | None = None,
) -> Transcript:
    """Hold a voice call until it ends; returns the transcript (already in `store`).

    `speech_in`/`speech_out` default to the live microphone and speaker; pass fakes
    (TypedSpeechIn, WavSpeechIn, SilentSpeechOut) to drive a call without devices.
    With no microphone the call runs as a text call (`read_line`, default `input`);
    with no audio output, customer lines are shown as text only. `keyboard` (default:
    stdin is a terminal) lets typed lines and /actions in while listening.
    """
    seed = seed if seed is not None else random.randrange(1 << 30)
    read_line = read_line or input
    kit = None
    if speech_in is None or speech_out is None:
        from simulator.speech.kit import open_kit

        kit = open_kit(want_input=speech_in is None, want_output=speech_out is None)
        speech_in = speech_in or kit.speech_in
        speech_out = speech_out or kit.speech_out
        if speech_in is None:  # one message, then the text call
            echo(kit.text_fallback_message())
        elif kit.notes:
            echo(" ".join(kit.notes))
    try:
        if speech_in is None:
            session = new_session(scenario, store=store, trainee=trainee, mode="text", seed=seed)
            run_text_call(session, read_line, echo)
            return session.transcript
        session = new_session(scenario, store=store, trainee=trainee, mode="voice", seed=seed)
        if keyboard is None:
            keyboard = sys.stdin is not None and sys.stdin.isatty()
        echo(scenario.brief)
        echo("Speak when the customer has finished (or over them, if you must). "
             "Type /help for actions; Ctrl-C ends the call.\n")
        call = make_voice_call(session, speech_in, speech_out, store=store, echo=echo,
                               keyboard=Keyboard(read_line) if keyboard else None,
                               recordings=recordings, observer=observer)
        return call.run()
    finally:
        if kit is not None:
            kit.close()
