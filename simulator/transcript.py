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
import math
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_SECONDS = 24 * 3600.0  # no call, and no word in one, lasts a day
MAX_BYTES = 4 * 1024 * 1024  # a two-hour voice call with word timings is well under 1 MB
MAX_NESTING = 32  # events hold flat dicts; deep JSON is hostile (RecursionError)


def _finite(value: Any, where: str) -> Any:
    """Every number in a JSON-like value finite and within ±MAX_SECONDS·1000."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > MAX_SECONDS * 1000:
            raise ValueError(f"{where}: {value!r} is not a finite number in range")
        return value
    if isinstance(value, dict):
        return {k: _finite(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v, f"{where}[{i}]") for i, v in enumerate(value)]
    raise ValueError(f"{where}: unexpected value {value!r}")

Speaker = Literal["operator", "customer", "system"]
Kind = Literal["say", "action", "note"]


class Event(BaseModel):
    """One thing that happened in the call, in order."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    turn: int = Field(description="1-based position in the call.")
    t: float = Field(0.0, ge=0, le=MAX_SECONDS, description="Seconds since the call started.")
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

    @field_validator("words")
    @classmethod
    def _word_timings(cls, words: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Word timings are numbers from 0 to a day; NaN timings crashed the scorers."""
        for i, w in enumerate(words):
            _finite(w, f"words[{i}]")
            for key in ("start", "end", "probability"):
                v = w.get(key)
                if v is not None and (not isinstance(v, int | float) or isinstance(v, bool)
                                      or v < 0):
                    raise ValueError(f"words[{i}].{key}: {v!r} is not a time of 0 or more")
            if "word" in w and not isinstance(w["word"], str):
                raise ValueError(f"words[{i}].word: expected text, got {w['word']!r}")
        return words

    @field_validator("audio")
    @classmethod
    def _audio_numbers(cls, audio: dict[str, Any]) -> dict[str, Any]:
        return _finite(audio, "audio")  # type: ignore[no-any-return]

    @field_validator("args")
    @classmethod
    def _action_args(cls, args: dict[str, Any]) -> dict[str, Any]:
        """The shapes the order form replays: options a mapping of words, the rest flat."""
        _finite(args, "args")
        options = args.get("options")
        if options is not None and not (isinstance(options, dict) and all(
                isinstance(v, str | int | float) for v in options.values())):
            raise ValueError(f"args.options: expected a mapping of option: value, got {options!r}")
        for key, value in args.items():
            if key != "options" and isinstance(value, dict | list):
                raise ValueError(f"args.{key}: expected a single value, got {value!r}")
        return args

    def has_mark(self, kind: str, ref: str | None = None) -> bool:
        return any(m == kind or (ref is None and m.startswith(kind + ":"))
                   or m == f"{kind}:{ref}" for m in self.marks)

    def mark_refs(self, kind: str) -> list[str]:
        prefix = kind + ":"
        return [m[len(prefix):] for m in self.marks if m.startswith(prefix)]


class Transcript(BaseModel):
    """A whole call. `callsim score` reads this JSON format (docs/transcripts.md)."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

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
        """Read a transcript file; ValueError (one line) for anything that is not one.

        The size is checked before reading and the nesting before parsing, so a hostile
        file is refused in milliseconds with bounded memory."""
        from simulator.safe_yaml import read_file_limited

        raw = read_file_limited(path, MAX_BYTES)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text (byte {exc.start})") from exc
        return cls.from_data(parse_json(text))

    @classmethod
    def from_data(cls, data: Any) -> Transcript:
        """Accept hand-written transcripts: missing turn numbers are filled in order."""
        if isinstance(data, dict) and isinstance(data.get("events"), list):
            for i, ev in enumerate(data["events"], start=1):
                if isinstance(ev, dict):
                    ev.setdefault("turn", i)
        return cls.model_validate(data)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth_exceeds(text: str, limit: int = MAX_NESTING) -> bool:
    """True when brackets nest deeper than `limit` (strings skipped): a cheap scan before
    json.loads and pydantic, which recurse once per level."""
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > limit:
                return True
        elif tok in "]}":
            depth -= 1
    return False


def parse_json(text: str, limit: int = MAX_NESTING) -> Any:
    """json.loads with a nesting bound and NaN/Infinity refused (they are not JSON)."""
    if json_depth_exceeds(text, limit):
        raise ValueError(f"nested more than {limit} levels deep")

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    try:
        return json.loads(text, parse_constant=refuse)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from exc
