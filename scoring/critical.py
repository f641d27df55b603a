"""Critical errors: the mistakes that fail a call whatever its average.

Call-centre quality forms have a short list of "auto-fail" items, because some
mistakes cost the business or the caller far more than a missed greeting: the wrong
order is delivered, the caller is sent to the wrong team, account details go to
someone whose identity was never checked, a card number is read out. A polite,
well-structured call that does one of these must not pass on its other merits — and
a hiring manager must be able to point at the line that failed it. So each check here
returns the error with the evidence, the scorecard names it first and fails the call,
and the dimension scores stay as they are. A scenario may switch any check off with
`critical:` in its YAML.
"""

from __future__ import annotations

from scoring.common import accepted_actions, evidence, operator_says
from scoring.matching import (
    address_matches,
    date_matches,
    name_matches,
    payment_matches,
    window_matches,
    words,
)
from scoring.procedure import disclosures_before_check
from scoring.types import CriticalError, Evidence
from simulator.order_form import expected_form, form_from_events
from simulator.scenario import Scenario
from simulator.transcript import Event, Transcript

# the order they are named in when a call has several
KINDS = ("wrong_order", "wrong_team", "disclosure", "card_readback")
_FORM_EDITS = ("add_item", "change_item", "remove_item", "set_delivery", "set_receiver",
               "set_payment")


def critical_errors(transcript: Transcript, scenario: Scenario,
                    names: dict[str, str] | None = None) -> list[CriticalError]:
    """Every critical error in the call that the scenario has switched on."""
    on = scenario.critical
    found: list[CriticalError] = []
    if on.wrong_order:
        found += _wrong_order(transcript, scenario, names or {})
    if on.wrong_team:
        found += _wrong_team(transcript, scenario)
    if on.disclosure:
        found += _disclosure(transcript, scenario)
    if on.card_readback:
        found += _card_readback(transcript)
    return found


def _last_edit(actions: list[tuple[int, Event]], kinds: tuple[str, ...]) -> list[Evidence]:
    hits = [e for _, e in actions if e.action in kinds]
    return [evidence(hits[-1], "entered here")] if hits else []


def _wrong_order(transcript: Transcript, scenario: Scenario,
                 names: dict[str, str]) -> list[CriticalError]:
    """The form as it stands at the end, against what the caller ordered."""
    if scenario.order is None:
        return []
    if transcript.ended_by == "customer_hangup":
        return []  # no order was agreed; the hang-up already fails the call
    want = expected_form(scenario, transcript)
    got = form_from_events(transcript.events)
    actions = accepted_actions(transcript)
    entered = any(e.action in _FORM_EDITS for _, e in actions)
    if not entered:
        if not want.lines:
            return []
        return [CriticalError("wrong_order", "No order was entered: nothing would be "
                              "delivered, though the caller ordered "
                              f"{_items(want.lines, names)}.", [])]
    wrong: list[str] = []
    for sku, line in want.lines.items():
        name = names.get(sku, sku)
        have = got.lines.get(sku)
        if have is None:
            wrong.append(f"{line.qty} × {name} is missing")
            continue
        if have.qty != line.qty:
            wrong.append(f"{name}: {have.qty} entered, {line.qty} ordered")
        for key, value in line.options.items():
            said = have.options.get(key)
            if said is None or said.casefold() != value.casefold():
                wrong.append(f"{name}: {key} {said or 'not set'}, {value} ordered")
    for sku, have in got.lines.items():
        if sku not in want.lines:
            wrong.append(f"{have.qty} × {names.get(sku, sku)} was not ordered")
    checks = (
        # field, matcher, must it be entered at all?
        ("address", address_matches, True),
        ("window", window_matches, False),
        ("date", _same_day, False),
        ("receiver", _same_person, False),
        ("payment", payment_matches, False),
    )
    for label, same, required in checks:
        expected, have_value = getattr(want, label), getattr(got, label)
        if expected is None:
            continue
        if have_value is None:
            if required:
                wrong.append(f"no {label} was entered ({expected} expected)")
            continue
        if not same(have_value, expected):
            wrong.append(f"{label} '{have_value}', the caller said '{expected}'")
    if not wrong:
        return []
    return [CriticalError("wrong_order", "The order would be delivered wrong: "
                          + "; ".join(wrong) + ".", _last_edit(actions, _FORM_EDITS))]


def _same_person(entered: str, expected: str) -> bool:
    """"Dana" or "Ms Whitfield" for Dana Whitfield reaches the right person."""
    if name_matches(entered, expected):
        return True
    have = set(words(entered)) - {"mr", "mrs", "ms", "miss", "dr"}
    return bool(have) and have <= set(words(expected))


def _same_day(entered: str, expected: str) -> bool:
    """"Thu" for Thursday is the same day."""
    if date_matches(entered, expected):
        return True
    a, b = words(entered), words(expected)
    return len(a) == len(b) == 1 and len(a[0]) >= 3 and b[0].startswith(a[0])


def _items(lines: dict, names: dict[str, str]) -> str:  # type: ignore[type-arg]
    return ", ".join(f"{ln.qty} × {names.get(sku, sku)}" for sku, ln in lines.items())


def _wrong_team(transcript: Transcript, scenario: Scenario) -> list[CriticalError]:
    route = scenario.procedure.route
    if route is None:
        return []
    out: list[CriticalError] = []
    for _, e in accepted_actions(transcript):
        if e.action not in ("transfer", "escalate"):
            continue
        target = str(e.args.get("target", "supervisor")) if e.action == "transfer" \
            else "supervisor"
        if target != route:
            pretty = target.replace("_", " ")
            out.append(CriticalError("wrong_team", f"The caller was sent to {pretty}; this "
                                     f"call belongs with {route.replace('_', ' ')}.",
                                     [evidence(e, f"sent to {pretty}")]))
            break
    return out


def _disclosure(transcript: Transcript, scenario: Scenario) -> list[CriticalError]:
    if not (scenario.procedure.verify_before_disclose and scenario.account is not None):
        return []
    leaks = disclosures_before_check(scenario.account, operator_says(transcript),
                                     transcript.events)
    if not leaks:
        return []
    what = sorted({d for _, ds in leaks for d in ds})
    return [CriticalError("disclosure", "Account details (" + ", ".join(what) + ") were "
                          "given before the caller's identity was checked.",
                          [evidence(e, "disclosed before the identity check: " + ", ".join(d))
                           for e, d in leaks[:3]])]


def _card_readback(transcript: Transcript) -> list[CriticalError]:
    hits = [e for e in transcript.events if e.has_mark("card_readback")]
    if not hits:
        return []
    return [CriticalError("card_readback", "A full card number was read back aloud.",
                          [evidence(e, "card number read back") for e in hits[:2]])]


def critical_tip(error: CriticalError) -> str:
    """What to do instead, said plainly; shown first among the tips."""
    return {
        "wrong_order": "Before you close, check the form against what the caller said, item "
                       "by item, and read it back; fix anything they correct.",
        "wrong_team": "Check who handles this before you transfer, and tell the caller "
                      "where you are putting them.",
        "disclosure": "Check who you are speaking to (name, phone or account number) "
                      "before you say anything about the account.",
        "card_readback": "Never read a card number back; confirm only the last four digits.",
    }.get(error.kind, "Avoid this mistake: it fails the call.")
