"""The order form: what the operator has entered, and what it should say.

Both are derived, never stored: the entered form is the replay of the operator's
actions in the transcript, and the expected form is the scenario's order plus the
changes and upsells that actually happened in this call. Deriving both from the
transcript keeps `callsim score` on a saved call identical to the live scorecard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.scenario import OrderLine, Scenario
from simulator.transcript import Event, Transcript


@dataclass
class FormLine:
    sku: str
    qty: int = 1
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class OrderForm:
    """An order form's fields; lines keyed by SKU (one line per product)."""

    lines: dict[str, FormLine] = field(default_factory=dict)
    address: str | None = None
    window: str | None = None
    date: str | None = None
    receiver: str | None = None
    payment: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": [
                {"sku": ln.sku, "qty": ln.qty, "options": dict(ln.options)}
                for ln in self.lines.values()
            ],
            "delivery": {"address": self.address, "window": self.window, "date": self.date},
            "receiver": self.receiver,
            "payment": self.payment,
            "fields": dict(self.fields),
        }


class ActionError(ValueError):
    """An operator action that cannot apply (unknown SKU, missing argument)."""


def _qty(value: Any) -> int:
    try:
        qty = int(value)
    except (TypeError, ValueError) as exc:
        raise ActionError(f"quantity must be a whole number, got {value!r}") from exc
    if qty < 1:
        raise ActionError("quantity must be at least 1")
    return qty


def apply_action(form: OrderForm, action: str, args: dict[str, Any]) -> None:
    """Apply one form-changing action in place; other actions are ignored."""
    if action == "add_item":
        sku = str(args.get("sku") or "")
        if not sku:
            raise ActionError("add_item needs a sku")
        qty = _qty(args.get("qty", 1))
        options = {str(k): str(v) for k, v in (args.get("options") or {}).items()}
        if sku in form.lines:
            form.lines[sku].qty += qty
            form.lines[sku].options.update(options)
        else:
            form.lines[sku] = FormLine(sku, qty, options)
    elif action == "change_item":
        sku = str(args.get("sku") or "")
        if sku not in form.lines:
            raise ActionError(f"{sku or 'that item'} is not on the order")
        if "qty" in args:
            form.lines[sku].qty = _qty(args["qty"])
        if args.get("options"):
            form.lines[sku].options.update({str(k): str(v) for k, v in args["options"].items()})
    elif action == "remove_item":
        sku = str(args.get("sku") or "")
        if sku not in form.lines:
            raise ActionError(f"{sku or 'that item'} is not on the order")
        del form.lines[sku]
    elif action == "set_delivery":
        for key in ("address", "window", "date"):
            if args.get(key) is not None:
                setattr(form, key, str(args[key]))
    elif action == "set_payment":
        form.payment = str(args.get("method") or "") or None
    elif action == "take_card":  # a card taken into the payment screen (masked)
        if not args.get("declined"):
            form.payment = "card"
    elif action == "set_receiver":
        form.receiver = str(args.get("name") or "") or None
    elif action == "set_field":
        name = str(args.get("name") or "")
        if not name:
            raise ActionError("set_field needs a name")
        form.fields[name] = str(args.get("value") or "")


def form_from_events(events: list[Event]) -> OrderForm:
    """Replay the operator's actions; actions the engine rejected are skipped."""
    form = OrderForm()
    for ev in events:
        if ev.kind == "action" and ev.speaker == "operator" and ev.action and not ev.has_mark(
            "rejected"
        ):
            try:
                apply_action(form, ev.action, ev.args)
            except ActionError:
                continue
    return form


def _line(ol: OrderLine) -> FormLine:
    return FormLine(ol.sku, ol.qty, dict(ol.options))


def expected_form(scenario: Scenario, transcript: Transcript | None = None, *,
                  happened: set[str] | None = None,
                  accepted: list[str] | None = None) -> OrderForm:
    """The correct final form for this call: the order, then the changes that happened.

    Changes and accepted upsells count only when the transcript shows them (a change
    the customer never got to make is not expected). With no transcript, every change
    applies, which is what a trainer previewing the scenario wants to see — unless
    `happened`/`accepted` say which did (the live customer checking a read-back
    mid-call knows exactly which changes it has made so far).
    """
    form = OrderForm()
    order = scenario.order
    if order is not None:
        for ol in order.items:
            form.lines[ol.sku] = _line(ol)
        if order.delivery:
            form.address, form.window, form.date = (
                order.delivery.address, order.delivery.window, order.delivery.date
            )
        form.receiver, form.payment = order.receiver, order.payment
    accepted = list(accepted or [])
    if transcript is not None:
        happened = set()
        for ev in transcript.events:
            happened.update(ev.mark_refs("change"))
            accepted.extend(ev.mark_refs("upsell_accepted"))
    for change in scenario.changes:
        if happened is not None and change.id not in happened:
            continue
        for sku in change.remove:
            form.lines.pop(sku, None)
        for sku, qty in change.set_qty.items():
            if sku in form.lines:
                form.lines[sku].qty = qty
            else:
                form.lines[sku] = FormLine(sku, qty)
        for ol in change.add:
            form.lines[ol.sku] = _line(ol)
        if change.delivery:
            for key in ("address", "window", "date"):
                value = getattr(change.delivery, key)
                if value is not None:
                    setattr(form, key, value)
        if change.receiver:
            form.receiver = change.receiver
        if change.payment:
            form.payment = change.payment
    for sku in accepted:
        form.lines.setdefault(sku, FormLine(sku, 1))
    for name, f in scenario.form.items():
        form.fields[name] = f.expected if f.expected is not None else scenario.facts[f.fact].value
    return form
