"""The record of one call: a list of events, and its JSON form.

The transcript is the single source the scorers read. Everything a scorer needs is
written into the events as the call happens (techniques heard, the customer's anger
after each line, engine marks such as "objection_raised:price"), so a saved call scores
the same tomorrow as today, whatever the engine's defaults become.

Marks (`Event.marks`), each "kind:ref":
    fact:<name>              the customer revealed a fact (its true value)
    fact_wrong:<name>        the customer gave a wrong value first (confused caller)
    objection_raised:<id>    objection_resolved:<id>
    change:<id>              the customer changed the order
    upsell_offered:<sku>     upsell_accepted:<sku>     upsell_declined:<sku>
    hangup                   the customer hung up
    card_readback            the operator read a full card number aloud
    fallback:<why>           an LLM line was replaced by the scripted one
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Speaker = Literal["operator", "customer", "system"]
Kind = Literal["say", "action", "note"]


class Event(BaseModel):
    """One thing that happened in the call, in order."""

    model_config = ConfigDict(extra="ignore")

    turn: int = Field(description="1-based position in the call.")
    t: float = Field(0.0, description="Seconds since the call started.")
    speaker: Speaker
    kind: Kind = "say"
    text: str = ""
    techniques: list[str] = Field(default_factory=list)
    slots: dict[str, list[str]] = Field(default_factory=dict)
    action: str | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    anger: int | None = Field(None, description="Customer anger after this event, 0-100.")
    marks: list[str] = Field(default_factory=list)
    words: list[dict[str, Any]] = Field(
        default_factory=list, description="Per-word timings/confidence (voice mode)."
    )
    audio: dict[str, Any] = Field(
        default_factory=dict,
        description="The turn's audio measurements for diction (voice mode): loudness, "
                    "clipping, pauses, pitch; see docs/diction.md.",
    )

    def has_mark(self, kind: str, ref: str | None = None) -> bool:
        return any(m == kind or (ref is None and m.startswith(kind + ":"))
                   or m == f"{kind}:{ref}" for m in self.marks)

    def mark_refs(self, kind: str) -> list[str]:
        prefix = kind + ":"
        return [m[len(prefix):] for m in self.marks if m.startswith(prefix)]


class Transcript(BaseModel):
    """A whole call. `callsim score` reads this JSON format (docs/transcripts.md)."""

    model_config = ConfigDict(extra="ignore")

    scenario_id: str
    trainee: str = ""
    mode: Literal["text", "voice", "script", "imported", "phone_test"] = "text"
    brain: str = "scripted"
    started_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat())
    finished: bool = False
    ended_by: str | None = Field(None, description="operator, customer_hangup, crash, ...")
    events: list[Event] = Field(default_factory=list)

    @property
    def operator_lines(self) -> list[Event]:
        return [e for e in self.events if e.speaker == "operator" and e.kind == "say"]

    @property
    def customer_lines(self) -> list[Event]:
        return [e for e in self.events if e.speaker == "customer" and e.kind == "say"]

    @property
    def actions(self) -> list[Event]:
        return [e for e in self.events if e.kind == "action"]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    def save(self, path: Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Transcript:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: Any) -> Transcript:
        """Accept hand-written transcripts: missing turn numbers are filled in order."""
        if isinstance(data, dict) and isinstance(data.get("events"), list):
            for i, ev in enumerate(data["events"], start=1):
                if isinstance(ev, dict):
                    ev.setdefault("turn", i)
        return cls.model_validate(data)
