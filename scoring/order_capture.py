"""Order capture: is the form the operator filled the order the customer wanted?

Both sides are derived from the transcript (`form_from_events` replays the operator's
actions, `expected_form` applies the changes that happened in this call), so a saved
call scores the same as the live one. Each field is a weighted check, compared
tolerantly (see scoring.matching): an item present 2, its quantity 1, each option 1;
an extra item costs 2; address 2; window, date, receiver, payment 1 each; each form
field 2; a read-back after the last item edit 1. value = 100 × earned / possible.
Mid-call changes are named in the reasons, captured or not, but not counted twice.
"""

from __future__ import annotations

from typing import Any

from scoring.common import (
    Check,
    accepted_actions,
    checks_tips,
    checks_value,
    evidence,
    make_score,
    not_measured,
    operator_says,
)
from scoring.matching import (
    address_matches,
    date_matches,
    name_matches,
    payment_matches,
    text_matches,
    window_matches,
)
from scoring.types import Evidence, Score
from simulator.loading import ScenarioError, load_catalog, scenario_catalog
from simulator.order_form import OrderForm, expected_form, form_from_events
from simulator.scenario import Catalog, Scenario
from simulator.transcript import Event, Transcript

ITEM_EDITS = ("add_item", "change_item", "remove_item")


class OrderCaptureScorer:
    name = "order_capture"

    def __init__(self, catalog: Catalog | None = None) -> None:
        self._catalog = catalog

    def _names(self, scenario: Scenario) -> dict[str, str]:
        """SKU -> product name for readable reasons; SKUs alone if the catalog won't load."""
        catalog = self._catalog
        if catalog is None:
            try:
                catalog = load_catalog()
            except (OSError, ScenarioError):
                catalog = Catalog(items=[])
        return {sku: item.name for sku, item in scenario_catalog(scenario, catalog).items()}

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        if scenario.order is None and not scenario.form:
            return not_measured(self.name, "not measured: this scenario has no order or "
                                "form to fill.")
        names = self._names(scenario)
        want = expected_form(scenario, transcript)
        got = form_from_events(transcript.events)
        actions = accepted_actions(transcript)
        checks = _item_checks(want, got, actions, names)
        checks += _field_checks(want, got, actions, scenario)
        if want.lines:
            checks.append(_read_back(transcript, actions, want, names))
        checks += _readback_mistakes(transcript)
        value = checks_value(checks)
        failed = [c for c in checks if not c.ok]
        right = sum(1 for c in checks if c.ok)
        reasons = [f"{right} of {len(checks)} order checks were right ({value:.0f}%)."]
        reasons += [c.reason for c in failed if c.reason]
        evid: list[Evidence] = [e for c in failed for e in c.evidence]
        change_reasons, change_evid = _changes(transcript, scenario, checks)
        reasons += change_reasons
        evid += change_evid
        evid.sort(key=lambda e: e.turn)
        details: dict[str, object] = {
            "expected": want.as_dict(), "entered": got.as_dict(),
            "checks": {c.label: c.ok for c in checks},
        }
        return make_score(self.name, value, scenario, reasons, evid, checks_tips(checks), details)


def _last(actions: list[tuple[int, Event]], kinds: tuple[str, ...], **match: Any) -> Event | None:
    """The last accepted action of these kinds whose args contain `match` (and its key)."""
    found = None
    for _, e in actions:
        if e.action in kinds and all(
            (e.args.get(k) == v if v is not None else k in e.args) for k, v in match.items()
        ):
            found = e
    return found


def _ev(event: Event | None, note: str) -> list[Evidence]:
    return [evidence(event, note)] if event is not None else []


def _item_checks(want: OrderForm, got: OrderForm, actions: list[tuple[int, Event]],
                 names: dict[str, str]) -> list[Check]:
    checks: list[Check] = []
    for sku, line in want.lines.items():
        name = names.get(sku, sku)
        entry = got.lines.get(sku)
        last = _last(actions, ("add_item", "change_item"), sku=sku)
        if entry is None:
            weight = 3 + len(line.options)  # the item, its quantity and its options
            checks.append(Check(f"item {sku}", weight, 0, f"{line.qty} × {name} is missing "
                                f"from the form.", _ev(_last(actions, ("remove_item",), sku=sku),
                                                       f"{name} removed"),
                                f"Before closing, check every item the caller asked for is on "
                                f"the form: {line.qty} × {name} was missing."))
            continue
        checks.append(Check(f"item {sku}", 2, 2))
        qty_ok = entry.qty == line.qty
        checks.append(Check(f"qty {sku}", 1, 1 if qty_ok else 0,
                            f"{name}: quantity {entry.qty} entered, {line.qty} expected.",
                            _ev(last, f"quantity {entry.qty}, expected {line.qty}"),
                            f"Repeat quantities back as you type them: 'That's {line.qty} "
                            f"× {name}, correct?'"))
        for key, value in line.options.items():
            have = entry.options.get(key)
            ok = have is not None and have.casefold() == value.casefold()
            checks.append(Check(f"option {sku} {key}", 1, 1 if ok else 0,
                                f"{name}: {key} is {have or 'not set'}, {value} expected.",
                                _ev(last, f"{key}={have}, expected {value}"),
                                f"Ask for every option and confirm it: 'Which {key} would you "
                                f"like for the {name}?'"))
    for sku, entry in got.lines.items():
        if sku not in want.lines:
            name = names.get(sku, sku)
            checks.append(Check(f"extra {sku}", 2, 0, f"{entry.qty} × {name} was added but "
                                f"the caller did not order it.",
                                _ev(_last(actions, ("add_item",), sku=sku), f"extra {name}"),
                                f"Only add what the caller asked for; {name} was not ordered "
                                f"— confirm before adding anything."))
    return checks


def _field_checks(want: OrderForm, got: OrderForm, actions: list[tuple[int, Event]],
                  scenario: Scenario) -> list[Check]:
    checks: list[Check] = []
    fields = (
        ("address", 2, address_matches, ("set_delivery",), "address",
         "Type the address as the caller says it and read it back: 'That's {want}, right?'"),
        ("window", 1, window_matches, ("set_delivery",), "window",
         "Agree the delivery time and enter it exactly: '{want}, does that suit you?'"),
        ("date", 1, date_matches, ("set_delivery",), "date",
         "Confirm the delivery date and enter it: '{want}, is that right?'"),
        ("receiver", 1, name_matches, ("set_receiver",), "name",
         "Ask who will receive the delivery and spell the name back: '{want}, is that right?'"),
        ("payment", 1, payment_matches, ("set_payment",), "method",
         "Confirm how the caller will pay and record it: 'And you'll pay by {want}?'"),
    )
    for label, weight, same, kinds, arg, tip in fields:
        expected = getattr(want, label)
        if expected is None:
            continue
        entered = getattr(got, label)
        ok = entered is not None and same(entered, expected)
        last = _last(actions, kinds, **{arg: None})
        reason = (f"The {label} was not entered (expected {expected})." if entered is None
                  else f"The {label} entered was '{entered}', expected '{expected}'.")
        checks.append(Check(label, weight, weight if ok else 0, reason,
                            _ev(last, f"{label} entered"), tip.format(want=expected)))
    for name, form_field in scenario.form.items():
        expected = want.fields.get(name, "")
        entered = got.fields.get(name)
        ok = entered is not None and text_matches(entered, expected, form_field.match)
        last = _last(actions, ("set_field",), name=name)
        reason = (f"The form field '{name}' was left empty (expected '{expected}')."
                  if entered is None else
                  f"The form field '{name}' says '{entered}', expected '{expected}'.")
        checks.append(Check(f"field {name}", 2, 2 if ok else 0, reason,
                            _ev(last, f"{name} entered"),
                            f"Fill '{name}' with what the caller told you ('{expected}') "
                            f"before you close."))
    return checks


def _read_back(transcript: Transcript, actions: list[tuple[int, Event]], want: OrderForm,
               names: dict[str, str]) -> Check:
    """A read_back line after the last item edit; the tip shows the read-back to say."""
    edits = [(i, e) for i, e in actions if e.action in ITEM_EDITS]
    after = edits[-1][0] if edits else -1
    # a short confirmation of a late addition ("a cola, that's added for you") reads
    # back the item that was just entered, which is all that changed
    last_sku = str(edits[-1][1].args.get("sku", "")) if edits else ""
    earlier = [i for i, e in edits[:-1]]
    read_before = bool(earlier) and any(
        "read_back" in e.techniques for i, e in operator_says(transcript)
        if earlier[-1] < i < after)
    done = any("read_back" in e.techniques
               or (read_before and last_sku and last_sku in e.slots.get("item", []))
               for i, e in operator_says(transcript) if i > after)
    parts = [f"{ln.qty} × {names.get(ln.sku, ln.sku)}"
             + (f" ({', '.join(ln.options.values())})" if ln.options else "")
             for ln in want.lines.values()]
    items = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    where = f", to {want.address}" if want.address else ""
    when = f" at {want.window}" if want.window else ""
    return Check("read_back", 1, 1 if done else 0,
                 "The order was not read back after the last item was entered.",
                 _ev(edits[-1][1] if edits else None, "last item edit, no read-back after it"),
                 f"Read the whole order back after the last item: 'So that's {items}{where}"
                 f"{when} — is that all correct?'")


READBACK_WORDS = {"quantity": "quantity", "option": "size or option", "item": "item",
                  "address": "address", "time": "delivery time", "receiver": "receiver",
                  "payment": "payment method", "phone": "phone number"}


def _readback_mistakes(transcript: Transcript) -> list[Check]:
    """Each wrong detail the operator read back or stated (engine mark
    `readback_wrong:<field>` on the caller's answer) is a failed check — whether the
    caller corrected it or, being a persona that misses mistakes, let it pass."""
    checks: list[Check] = []
    events = transcript.events
    for i, event in enumerate(events):
        fields = event.mark_refs("readback_wrong")
        if not fields:
            continue
        missed = set(event.mark_refs("readback_missed"))
        said = next((e for e in reversed(events[:i])
                     if e.speaker == "operator" and e.kind == "say"), None)
        for f in fields:
            what = READBACK_WORDS.get(f, f)
            how = ("the caller did not notice, but it still counts" if f in missed
                   else "the caller had to correct you")
            checks.append(Check(
                f"readback {f} turn {event.turn}", 1, 0,
                f"You stated the wrong {what} (turn {said.turn if said else event.turn}); "
                f"{how}.",
                _ev(said, f"wrong {what} read back ({'missed' if f in missed else 'corrected'})"),
                f"Read the {what} back from what the caller said, not from memory, and "
                f"check it: 'Just to be sure, that's … — is that right?'"))
    return checks


def _changes(transcript: Transcript, scenario: Scenario,
             checks: list[Check]) -> tuple[list[str], list[Evidence]]:
    """Name each mid-call change that happened, and whether the form caught it."""
    by_label = {c.label: c for c in checks}
    reasons: list[str] = []
    evid: list[Evidence] = []
    for change in scenario.changes:
        event = next((e for e in transcript.events if e.has_mark("change", change.id)), None)
        if event is None:
            continue
        labels = [f"item {s}" for s in (*(ln.sku for ln in change.add), *change.set_qty)]
        labels += [f"qty {s}" for s in change.set_qty]
        labels += [f"extra {s}" for s in change.remove]
        if change.delivery:
            labels += [k for k in ("address", "window", "date") if getattr(change.delivery, k)]
        labels += [k for k in ("receiver", "payment") if getattr(change, k)]
        missed = [by_label[label] for label in labels
                  if label in by_label and not by_label[label].ok]
        if missed:
            reasons.append(f"The change '{change.id}' (turn {event.turn}) was not captured: "
                           + " ".join(c.reason for c in missed))
            evid.append(evidence(event, f"change '{change.id}' not captured"))
        else:
            reasons.append(f"The change '{change.id}' (turn {event.turn}) was captured.")
    return reasons, evid
