"""One call: the turn loop, the clock, the event log and the call state.

Front ends (the plain-terminal call, scripted runs, the Textual app) drive a Session by
calling `start`, `say`, `act`, `silence` and `end`; each returns the events it added so
the front end can render them. Every event goes to the recorder the moment it exists,
so a crash mid-call loses nothing that was said.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any, Protocol

from simulator import director, hearing, mood, readback
from simulator.account_lookup import account_matches
from simulator.card_payment import CardError, take_card
from simulator.customer import CustomerBrain, CustomerTurn, ScriptedBrain
from simulator.customer.reply import reply_with
from simulator.form_checks import check_action
from simulator.loading import load_catalog, scenario_catalog
from simulator.order_form import ActionError, apply_action
from simulator.privacy import clean_name, mask_args, mask_event, mask_text
from simulator.scenario import Catalog, CatalogItem, Scenario
from simulator.state import CallState
from simulator.transcript import Event, Transcript
from simulator.understanding import analyze
from simulator.understanding.types import Analysis, CatalogHint, Context, FactHint
from simulator.vocab import ACTIONS, HARMFUL_TECHNIQUES, TRANSFER_TARGETS

_FORM_ACTIONS = {"add_item", "change_item", "remove_item", "set_delivery", "set_payment",
                 "set_receiver", "set_field"}


class Recorder(Protocol):
    """Receives every event as it happens (the store commits each one)."""

    def record(self, transcript: Transcript, event: Event) -> None: ...

    def finish(self, transcript: Transcript) -> None: ...


class SessionError(RuntimeError):
    """Something the operator asked for that cannot happen (call over, bad action)."""


def understanding_context(scenario: Scenario, products: dict[str, CatalogItem]) -> Context:
    """What the understanding engine should know about this scenario."""
    facts = tuple(
        FactHint(name, (name.replace("_", " "), *fact.asked_by))
        for name, fact in scenario.facts.items()
    )
    catalog = tuple(
        CatalogHint(item.sku, (item.name, *item.aliases),
                    {k: tuple(v) for k, v in item.options.items()})
        for item in products.values()
    )
    return Context(
        catalog=catalog,
        facts=facts,
        extra_phrases={k: tuple(v) for k, v in scenario.phrases.items()},
        customer_name=scenario.persona.name,
    )


class Session:
    """A call between the operator (trainee) and the simulated customer."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        brain: CustomerBrain | None = None,
        recorder: Recorder | None = None,
        clock: Callable[[], float] | None = None,
        catalog: Catalog | None = None,
        trainee: str = "",
        mode: str = "text",
        seed: int = 0,
        on_sentence: Callable[[str], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.products = scenario_catalog(scenario, catalog or load_catalog())
        self.brain = brain or ScriptedBrain(seed)
        self.recorder = recorder
        self._clock = clock or time.monotonic
        self._t0 = self._clock()
        self.state = CallState(
            scenario=scenario,
            anger=scenario.persona.anger,
            product_names={sku: item.name for sku, item in self.products.items()},
            product_phrases=readback.product_phrases(self.products),
            product_options={sku: {k: tuple(v) for k, v in item.options.items()}
                             for sku, item in self.products.items()},
            seed=seed,
        )
        self.context = understanding_context(scenario, self.products)
        self.transcript = Transcript(
            scenario_id=scenario.id, trainee=clean_name(trainee, "trainee name"),
            mode=mode,  # type: ignore[arg-type]
            brain=getattr(self.brain, "name", "scripted"),
        )
        self._last_customer_line = ""
        self._spoken: dict[int, str] = {}
        # each customer sentence as soon as it may be spoken (speech out starts early)
        self.on_sentence = on_sentence

    def _reply(self, analysis: Analysis, plan: director.Plan) -> CustomerTurn:
        """The brain's wording of the plan; an LLM's extra anger (bounded) is applied."""
        turn = reply_with(self.brain, self.state, analysis, plan, self.on_sentence)
        mood.apply(self.state, getattr(turn, "mood_adjust", 0))
        return turn

    # -- event log ---------------------------------------------------------------
    @property
    def ended(self) -> bool:
        return self.state.ended

    def _now(self) -> float:
        return round(self._clock() - self._t0, 2)

    def _emit(self, **fields: Any) -> Event:
        # PCI: the one place every event passes through before it is stored, shown or
        # sent, so no field of any event kind can carry a full card number
        event = mask_event(Event(turn=len(self.transcript.events) + 1, t=self._now(), **fields))
        self.transcript.events.append(event)
        if self.recorder is not None:
            self.recorder.record(self.transcript, event)
        return event

    def note(self, text: str) -> Event:
        """A system note in the transcript (e.g. "this call is recorded")."""
        self._guard()
        return self._emit(speaker="system", kind="note", text=text)

    def spoken_text(self, event: Event) -> str:
        """The customer's line as it must be spoken: card digits unmasked, for the voice
        only; the transcript and the store keep the masked text."""
        return self._spoken.get(event.turn, event.text)

    def _customer(self, text: str, marks: list[str]) -> Event:
        self._last_customer_line = text
        self._spoken[len(self.transcript.events) + 1] = text
        # PCI: a card number never reaches the transcript or the store, whoever said it
        return self._emit(speaker="customer", text=text, anger=self.state.anger,
                          marks=marks)

    def _guard(self) -> None:
        if self.state.ended:
            raise SessionError("the call has ended")

    # -- the call ----------------------------------------------------------------
    def start(self) -> list[Event]:
        """The customer's opening line (inbound) or how they answer (outbound)."""
        if self.transcript.events:
            raise SessionError("the call has already started")
        plan = director.Plan()
        plan.add(director.Beat("opening", "", "", tuple(self.scenario.opening)))
        # objections due at "start" are raised with the opening
        for obj in self.scenario.objections:
            if director.parse_trigger(obj.when).kind == "start":
                self.state.raised.append(obj.id)
                self.state.objection_progress[obj.id] = set()
                plan.add(director.Beat("raise", obj.id, "", tuple(obj.says)),
                         f"objection_raised:{obj.id}")
        turn = self._reply(Analysis(text=""), plan)
        return [self._customer(turn.text, plan.marks + turn.marks)]

    def analyze(self, text: str) -> Analysis:
        ctx = self.context
        if self._last_customer_line:
            ctx = Context(**{**ctx.__dict__, "previous_customer_line": self._last_customer_line})
        return analyze(text, ctx)

    def say(
        self, text: str, *, words: list[dict[str, Any]] | None = None, interrupted: bool = False,
        audio: dict[str, Any] | None = None,
    ) -> list[Event]:
        """The operator speaks; returns the operator's event and the customer's reply.

        `interrupted` (voice mode): the operator talked over the customer, which counts as
        the harmful technique "interrupt" whatever the words were. `audio` (voice mode):
        the turn's audio measurements, stored on the event for diction scoring.
        """
        self._guard()
        text = text.strip()
        if not text:
            raise SessionError("nothing was said")
        analysis = hearing.heard(self.analyze(text))
        if interrupted and "interrupt" not in analysis.techniques:
            analysis = dataclasses.replace(analysis, techniques=(*analysis.techniques, "interrupt"))
        s = self.state
        items = readback.mentions(s, analysis)
        if len(items) > len(analysis.items):
            named = (*analysis.slots.get("item", ()), *(m.sku for m in items))
            analysis = dataclasses.replace(
                analysis, items=items,
                slots={**analysis.slots, "item": tuple(dict.fromkeys(named))})
        if "read_back" not in analysis.techniques and readback.reads_order_back(s, analysis):
            analysis = dataclasses.replace(analysis,
                                           techniques=(*analysis.techniques, "read_back"))
        if "upsell" not in analysis.techniques and readback.offers_extra(s, analysis):
            analysis = dataclasses.replace(analysis, techniques=(*analysis.techniques, "upsell"))
        if s.on_hold:
            # the customer is on hold and hears nothing: the line is kept, said to nobody
            return [self._emit(speaker="operator", text=mask_text(text),
                               techniques=list(analysis.techniques), words=words or [],
                               marks=["on_hold"], audio=dict(audio or {}))]
        s.operator_turns += 1
        s.last_operator_line = text
        marks = ["card_readback"] if analysis.card_number_spoken and self._card_was_given() else []
        if interrupted:
            marks.append("barge_in")
        slots = {k: list(v) for k, v in analysis.slots.items() if k != "card"}
        op = self._emit(
            speaker="operator", text=text, techniques=list(analysis.techniques),
            slots=slots, words=words or [], marks=marks, audio=dict(audio or {}),
        )
        out = [op]
        now = set(analysis.techniques)
        delta = mood.mood_change(s, now, progress=bool(analysis.asks))
        s.used.update(now)
        s.last_techniques = frozenset(now)
        if now & HARMFUL_TECHNIQUES:
            s.harmful_lines += 1
            s.since_harm.clear()
        else:
            s.since_harm.update(now)
        if mood.out_of_patience(s) and s.anger > mood.SETTLED:
            # the caller has had enough of being blamed, argued with or talked down to
            mood.apply(s, 100)
            out.append(self._customer_line_for("hangup", ["hangup"]))
            out.extend(self._finish("customer_hangup"))
            return out
        if "close" in now and s.operator_turns > 1 and s.open_objections:
            # a customer with an open objection does not let the call be closed on them
            oid = s.open_objections[0]
            obj = next(o for o in self.scenario.objections if o.id == oid)
            mood.apply(s, delta + 5)
            plan = director.Plan()
            plan.add(director.Beat("not_done", oid, "", tuple(obj.says)))
            turn = self._reply(analysis, plan)
            out.append(self._customer(turn.text, turn.marks))
            return out
        if "close" in now and s.operator_turns > 1 and analysis.is_question:
            # "Is there anything else I can help with?" invites an answer, not a hang-up
            mood.apply(s, delta)
            out.append(self._customer_line_for("nothing_else"))
            return out
        if "close" in now and s.operator_turns > 1:
            mood.apply(s, delta)
            out.append(self._customer_line_for("goodbye"))
            out.extend(self._finish("operator"))
            return out
        plan = director.plan_reply(s, analysis, now)
        mood.apply(s, delta + plan.anger_delta)
        mood.settle(s)
        if s.anger >= 100:
            out.append(self._customer_line_for("hangup", ["hangup"]))
            out.extend(self._finish("customer_hangup"))
            return out
        turn = self._reply(analysis, plan)
        out.append(self._customer(turn.text, plan.marks + turn.marks))
        return out

    def _card_was_given(self) -> bool:
        return "card_number" in self.state.revealed

    def _customer_line_for(self, kind: str, marks: list[str] | None = None) -> Event:
        plan = director.Plan()
        plan.add(director.Beat(kind))
        turn = self._reply(Analysis(text=""), plan)
        return self._customer(turn.text, (marks or []) + turn.marks)

    def silence(self, seconds: float) -> list[Event]:
        """The operator said nothing for `seconds`; past the limit it is dead air."""
        self._guard()
        s = self.state
        if seconds < self.scenario.dead_air_s or s.on_hold:
            return []  # silence on hold is the hold, not dead air
        ev = self._emit(speaker="operator", kind="note", text=f"[silence {seconds:.0f}s]",
                        techniques=["dead_air"])
        mood.apply(s, mood.mood_change(s, ["dead_air"], progress=False))
        s.used.update(["dead_air"])
        out = [ev]
        if s.anger >= 100:
            out.append(self._customer_line_for("hangup", ["hangup"]))
            out.extend(self._finish("customer_hangup"))
        else:
            out.append(self._customer("Hello? Are you still there?", []))
        return out

    def act(self, action: str, **args: Any) -> list[Event]:
        """An operator action (look-up, order form, hold, transfer, end)."""
        self._guard()
        # masked before use, so the live form, error messages and look-up notes are the
        # same as the form replayed from the stored (masked) events; the card panel's
        # number is checked first (take_card needs every digit) and returns it masked
        raw_card = dict(args) if action == "take_card" else None
        args = mask_args(args)
        action = mask_text(str(action))
        if action not in ACTIONS:
            raise SessionError(f"unknown action '{action}' (expected one of: {', '.join(ACTIONS)})")
        s = self.state
        marks: list[str] = []
        note = ""
        if action in _FORM_ACTIONS:
            if action in ("add_item", "change_item") and args.get("sku") not in self.products:
                raise SessionError(f"no product with SKU '{args.get('sku')}' in the catalog")
            problem = check_action(self.scenario, self.products, action, args)
            if problem:
                raise SessionError(problem)
            try:
                apply_action(s.form, action, args)
            except ActionError as exc:
                raise SessionError(str(exc)) from exc
        elif action == "take_card":
            # PCI: only the masked card (last four, expiry) is recorded, never the code
            try:
                args, note = take_card(self.scenario, raw_card or args)
                args = mask_args(args)
            except CardError as exc:
                raise SessionError(str(exc)) from exc
            apply_action(s.form, action, args)
        elif action == "lookup_account":
            note = self._lookup(str(args.get("query", "")))
        elif action == "hold":
            s.on_hold = True
            s.hold_since = self._now()
        elif action == "resume":
            held = self._now() - s.hold_since if s.on_hold and s.hold_since is not None else 0.0
            s.on_hold, s.hold_since = False, None
            cost = mood.hold_cost(held)
            if cost:
                mood.apply(s, cost)
                marks.append(f"long_hold:{held:.0f}")
        elif action == "transfer":
            target = str(args.get("target", ""))
            if target not in TRANSFER_TARGETS:
                raise SessionError(
                    f"unknown transfer target '{target}' (expected: {', '.join(TRANSFER_TARGETS)})"
                )
        s.used.update([action])
        out = [self._emit(speaker="operator", kind="action", action=action, args=args, marks=marks)]
        if note:
            out.append(self._emit(speaker="system", kind="note", text=note))
        if action in ("transfer", "escalate"):
            target = args.get("target", "supervisor") if action == "transfer" else "supervisor"
            right = self.scenario.procedure.route in (target, None)
            out.append(self._customer_line_for("transfer_ok" if right else "transfer_bad"))
            out.extend(self._finish(f"{action}:{target}"))
        elif action == "end_call":
            out.extend(self._finish("operator"))
        elif action == "resume" and marks:
            if s.anger >= 100:
                out.append(self._customer_line_for("hangup", ["hangup"]))
                out.extend(self._finish("customer_hangup"))
            else:
                out.append(self._customer_line_for("long_hold"))
        return out

    def _lookup(self, query: str) -> str:
        acc = self.scenario.account
        if acc is None or not account_matches(
            query, numbers=[acc.id, acc.phone or ""],
            names=[acc.name or "", self.scenario.persona.name],
        ):
            return f"No account found for '{query}'."
        self.state.account_found = True
        manager = acc.manager or "none"
        parts = [
            f"Account {acc.id}: {acc.name or self.scenario.persona.name}",
            f"phone {acc.phone or '-'}", f"address {acc.address or '-'}",
            f"overdue {acc.overdue:.2f}", f"key client: {'yes' if acc.key_client else 'no'}",
            f"new client: {'yes' if acc.new_client else 'no'}", f"manager: {manager}",
        ]
        if acc.history:
            parts.append("history: " + "; ".join(acc.history))
        if acc.notes:
            parts.append("notes: " + acc.notes)
        return ", ".join(parts)

    def _finish(self, by: str) -> list[Event]:
        s = self.state
        s.ended, s.ended_by = True, by
        self.transcript.finished = True
        self.transcript.ended_by = by
        ev = self._emit(speaker="system", kind="note", text=f"Call ended ({by}).")
        if self.recorder is not None:
            self.recorder.finish(self.transcript)
        return [ev]

    def end(self, by: str = "operator") -> Transcript:
        """End the call (if it is still going) and return the transcript."""
        if not self.state.ended:
            self._finish(by)
        return self.transcript
