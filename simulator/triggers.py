"""The small trigger language trainers use in `when:` fields.

    start                  as soon as the call begins
    turn 4                 after the operator's 4th line
    after offer_solution   after the operator uses a technique (or does an action)
    after fact phone       after the customer has given a fact
    after objection price  after an objection has been resolved
    after change extra     after an order change has happened

Kept as plain strings in YAML because trainers read them aloud; parsed once here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from simulator.vocab import ACTIONS, PROCEDURE_EXTRAS, TECHNIQUES

TriggerKind = Literal["start", "turn", "technique", "fact", "objection", "change"]


@dataclass(frozen=True)
class Trigger:
    kind: TriggerKind
    ref: str = ""
    turn: int = 0


class TriggerError(ValueError):
    """A `when:` text that does not follow the trigger language."""


_TURN = re.compile(r"^turn\s+(\d+)$")
_AFTER_REF = re.compile(r"^after\s+(fact|objection|change)\s+([A-Za-z0-9_\-]+)$")
_AFTER = re.compile(r"^after\s+([a-z_]+)$")


def parse_trigger(text: str) -> Trigger:
    """Parse one `when:` value; raise TriggerError saying what was expected."""
    t = " ".join(text.strip().split())
    if t == "start":
        return Trigger("start")
    if m := _TURN.match(t):
        return Trigger("turn", turn=int(m.group(1)))
    if m := _AFTER_REF.match(t):
        return Trigger(m.group(1), ref=m.group(2))  # type: ignore[arg-type]
    if m := _AFTER.match(t):
        name = m.group(1)
        if name in TECHNIQUES or name in ACTIONS or name in PROCEDURE_EXTRAS:
            return Trigger("technique", ref=name)
        raise TriggerError(f"'{name}' is not a technique or action")
    raise TriggerError(
        "expected 'start', 'turn N', 'after <technique or action>', "
        "'after fact <name>', 'after objection <id>' or 'after change <id>'"
    )
