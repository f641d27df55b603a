"""Call procedure: the company's required steps, in order, and its hard rules.

Procedures exist for reasons the trainee may not see on a single call (debt policy,
routing key clients, data protection, PCI), so each is a weighted check:

- each required step 1 point (half when out of order). Order is measured by first
  occurrence; the longest increasing subsequence of those positions is "in order", so
  one misplaced step costs one step, not every step after it;
- debt checked (lookup_account) before the first add_item 2; routed to the right
  target (transfer, or escalate for "supervisor") 2; upsell offers within min..max 2,
  minus 0.5 per offer outside the range; no account detail disclosed before
  verify_identity 2, minus 1 per disclosure; no full card number read back 2.

value = 100 × earned / possible. A card number read back when the scenario forbids it
fails the dimension hard (value capped at 20) whatever else went right, and so does an
order taken from an account with overdue debt before the account was checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rapidfuzz import fuzz

from scoring.common import (
    Check,
    accepted_actions,
    checks_tips,
    checks_value,
    evidence,
    example,
    identity_check,
    make_score,
    not_measured,
    operator_says,
    plain,
    plural,
)
from scoring.matching import digits, normalize_address, parse_number, words
from scoring.types import Score
from simulator.scenario import Account, Scenario
from simulator.transcript import Event, Transcript

CARD_CAP = 20.0
_RECORDING = re.compile(r"\brecord(ed|ing)?\b", re.IGNORECASE)
_DEBT_WORDS = re.compile(r"\b(overdue|outstanding|owe|owing|debt|arrears)\b", re.IGNORECASE)
_STOP = frozenset({"with", "from", "that", "this", "were", "have", "your", "their", "about"})


class ProcedureScorer:
    name = "procedure"

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        p = scenario.procedure
        if not (p.steps or p.debt_check or p.route or p.upsell or p.verify_before_disclose
                or p.no_card_readback):
            return not_measured(self.name, "not measured: this scenario sets no call procedure.")
        says = operator_says(transcript)
        actions = accepted_actions(transcript)
        checks = _step_checks(p.steps, transcript, says, actions)
        debt_missed = False
        if p.debt_check:
            debt = _debt_check(actions)
            checks.append(debt)
            # an order taken from an account in arrears without looking is the one
            # mistake the debt policy exists to stop: it fails the dimension outright
            debt_missed = not debt.ok and bool(scenario.account and scenario.account.overdue > 0) \
                and any(e.action == "add_item" for _, e in actions)
        if p.route:
            checks.append(_route_check(p.route, actions, scenario.account))
        if p.upsell:
            checks.append(_upsell_check(p.upsell.min, p.upsell.max, says))
        if p.verify_before_disclose and scenario.account is not None:
            checks.append(_disclose_check(scenario.account, says, transcript.events))
        readbacks = [e for e in transcript.events if e.has_mark("card_readback")]
        hard = (bool(readbacks) and p.no_card_readback) or debt_missed
        if p.no_card_readback:
            checks.append(Check("no_card_readback", 2, 0 if readbacks else 2,
                                "A full card number was read back aloud: failed (never "
                                "repeat a card number).",
                                [evidence(e, "card number read back") for e in readbacks],
                                "Never read a card number back; confirm only the last four "
                                "digits: 'That's the card ending 4242?'"))
        value = checks_value(checks)
        if hard:
            value = min(value, CARD_CAP)
        done = sum(1 for c in checks if c.ok)
        reasons = [f"{done} of {len(checks)} procedure checks were met ({value:.0f}%)."]
        reasons += [c.reason for c in checks if not c.ok and c.reason]
        if readbacks and not p.no_card_readback:
            reasons.append("A full card number was read back; avoid that even when not scored.")
        evid = sorted((e for c in checks if not c.ok for e in c.evidence), key=lambda e: e.turn)
        details: dict[str, object] = {"checks": {c.label: c.ok for c in checks},
                                      "upsell_offers": sum("upsell" in e.techniques
                                                           for _, e in says)}
        return make_score(self.name, value, scenario, reasons, evid, checks_tips(checks),
                          details, hard)


def _occurrences(step: str, transcript: Transcript, says: list[tuple[int, Event]],
                 actions: list[tuple[int, Event]]) -> list[tuple[int, Event]]:
    """Where a step happened: an operator technique, an accepted action, or an extra."""
    if step == "check_debt":
        return [(i, e) for i, e in actions if e.action == "lookup_account"]
    if step == "mention_recording":
        return [(i, e) for i, e in says if _RECORDING.search(e.text)]
    if step == "verify_identity":
        return [(i, e) for i, e in says if identity_check(e)]
    found = [(i, e) for i, e in says if step in e.techniques]
    found += [(i, e) for i, e in actions if e.action == step]
    return sorted(found, key=lambda x: x[0])


def _lis(positions: list[int]) -> set[int]:
    """Indexes (into positions) of one longest non-decreasing subsequence.

    Non-decreasing, because two steps done in one line ("Good evening, I'm so sorry")
    share a position and are in order.
    """
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(positions)
    for k, pos in enumerate(positions):
        j = bisect_right(tails, pos)
        if j == len(tails):
            tails.append(pos)
            tail_at.append(k)
        else:
            tails[j], tail_at[j] = pos, k
        parent[k] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        keep.add(k)
        k = parent[k]
    return keep


def _step_checks(steps: list[str], transcript: Transcript, says: list[tuple[int, Event]],
                 actions: list[tuple[int, Event]]) -> list[Check]:
    seen: dict[str, int] = {}
    found: list[tuple[str, tuple[int, Event] | None]] = []
    for step in steps:
        nth = seen.get(step, 0)
        seen[step] = nth + 1
        hits = _occurrences(step, transcript, says, actions)
        found.append((step, hits[nth] if nth < len(hits) else None))
    present = [k for k, (_, hit) in enumerate(found) if hit is not None]
    in_order = {present[j] for j in _lis([found[k][1][0] for k in present])}  # type: ignore[index]
    checks: list[Check] = []
    for k, (step, hit) in enumerate(found):
        label = f"step {k + 1} {step}"
        if hit is None:
            checks.append(Check(label, 1, 0, f"The step '{step}' was missing.", [],
                                f"Don't forget to {plain(step)}: {example(step)}"))
        elif k in in_order:
            checks.append(Check(label, 1, 1))
        else:
            checks.append(Check(label, 1, 0.5,
                                f"The step '{step}' came out of order (turn {hit[1].turn}).",
                                [evidence(hit[1], f"'{step}' out of order")],
                                f"Follow the call steps in order: "
                                f"{' → '.join(plain(st) for st in steps)}."))
    return checks


def _debt_check(actions: list[tuple[int, Event]]) -> Check:
    lookup = next((i for i, e in actions if e.action == "lookup_account"), None)
    first_add = next(((i, e) for i, e in actions if e.action == "add_item"), None)
    ok = lookup is not None and (first_add is None or lookup < first_add[0])
    reason = ("The account was never checked for overdue debt." if lookup is None else
              "An item was added before the account was checked for overdue debt.")
    return Check("debt_check", 2, 2 if ok else 0, reason,
                 [evidence(first_add[1], "item added before the debt check")] if first_add
                 else [],
                 "Check the account for overdue debt (lookup_account) before you take the "
                 "first item.")


def _route_check(route: str, actions: list[tuple[int, Event]], account: Account | None) -> Check:
    transfers = [e for _, e in actions if e.action == "transfer"]
    ok = any(e.args.get("target") == route for e in transfers) or (
        route == "supervisor" and any(e.action == "escalate" for _, e in actions))
    wrong = [e for e in transfers if e.args.get("target") != route]
    who = f" ({account.manager})" if route == "manager" and account and account.manager else ""
    reason = (f"The call went to {', '.join(str(e.args.get('target')) for e in wrong)} "
              f"instead of {route}." if wrong else f"The call was never routed to {route}.")
    return Check("route", 2, 2 if ok else 0, reason,
                 [evidence(e, f"transferred to {e.args.get('target')}") for e in wrong],
                 f"Route this caller to {route}{who}: say 'I'll put you through to the right "
                 f"person now' and transfer to {route}.")


def _upsell_check(low: int, high: int, says: list[tuple[int, Event]]) -> Check:
    offers = [e for _, e in says if "upsell" in e.techniques]
    n = len(offers)
    off = max(0, low - n, n - high)
    span = f"{low}–{high}" if low != high else str(low)
    reason = (f"You offered {plural(n, 'extra item')}; {span} are expected."
              if n < low else f"You offered {plural(n, 'extra item')}; more than {high} "
              f"feels pushy.")
    extra = [evidence(e, "one offer too many") for e in offers[high:]] if n > high else []
    tip = (f"Offer {span} extra items before closing, one at a time: {example('upsell')}"
           if n < low else f"Stop after {high} offers; when the caller declines, move on.")
    return Check("upsell", 2, max(0.0, 2 - 0.5 * off), reason, extra, tip)


def _disclosures(account: Account, text: str) -> list[str]:
    """Which account details an operator line gives away."""
    said: list[str] = []
    line = " ".join(words(text))
    phone = digits(account.phone or "")
    if len(phone) >= 4 and phone in digits(text):
        said.append("phone")
    if account.address:
        addr = normalize_address(account.address)
        nums = set(re.findall(r"\d+", addr))
        if nums <= set(re.findall(r"\d+", line)) and fuzz.partial_ratio(
            addr, normalize_address(text)
        ) >= 85:
            said.append("address")
    if account.overdue > 0:
        amounts = {parse_number(m) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        if account.overdue in amounts or _DEBT_WORDS.search(text):
            said.append("overdue amount")
    for entry in account.history:
        key = {w for w in words(entry) if len(w) >= 4 and w not in _STOP}
        if len(key) >= 2 and len(key & set(line.split())) >= max(2, int(0.6 * len(key))):
            said.append("history")
            break
    return said


def disclosures_before_check(account: Account, says: list[tuple[int, Event]],
                             events: list[Event] | None = None
                             ) -> list[tuple[Event, list[str]]]:
    """Operator lines that gave account details away before identity was checked.

    Repeating what the caller has already said ("six kilos of beans, two boxes of
    cups" after they ordered it) discloses nothing, so with `events` a detail the
    caller's own earlier lines contain is not counted."""
    verified = next((i for i, e in says if identity_check(e)), None)
    out: list[tuple[Event, list[str]]] = []
    for i, e in says:
        if verified is not None and i >= verified:
            continue
        found = _disclosures(account, e.text)
        if found and events is not None:
            heard = " ".join(c.text for c in events[:i] if c.speaker == "customer")
            found = [d for d in found if d not in _disclosures(account, heard)]
        if found:
            out.append((e, found))
    return out


def _disclose_check(account: Account, says: list[tuple[int, Event]],
                    events: list[Event]) -> Check:
    leaks = disclosures_before_check(account, says, events)
    found = [evidence(e, f"disclosed before verifying identity: {', '.join(d)}")
             for e, d in leaks]
    reason = (f"Account details were shared before verifying identity "
              f"({plural(len(leaks), 'time')}).")
    return Check("verify_before_disclose", 2, max(0.0, 2.0 - len(leaks)), reason, found,
                 f"Verify identity before sharing any account details: "
                 f"{example('verify_identity')}")
