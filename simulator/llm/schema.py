"""The structured answer the model must give each customer turn, and how it is read.

    {"say": "...", "mood_change": 3, "revealed_facts": ["order_number"], "hangs_up": false}

`say` comes first on purpose: servers emit properties in schema order, so when
streaming, the customer's words arrive before the bookkeeping and the first sentence
can be spoken early (see SayExtractor). The schema stays within what OpenAI's strict
mode accepts; local servers (llama.cpp grammars) also get length limits, which stop a
small model from rambling until max_tokens cuts the JSON in half.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from simulator.llm.errors import LLMBadOutput

MAX_SAY_CHARS = 320   # the guard's limit for any model
LOCAL_SAY_CHARS = 240  # the grammar's limit on `say`
LOCAL_REPLY_TOKENS = LOCAL_SAY_CHARS + 3 * 30 + 96
"""Tokens that always hold a grammar-bound reply: in the worst case every character of
`say` and of the three fact names is a token of its own, plus keys and spacing. With
fewer, a small model that rambles is cut off mid-JSON (seen in CI: `bad_output`)."""
MOOD_LIMIT = 10


def reply_schema(*, limits: bool) -> dict[str, Any]:
    """JSON schema of one customer turn; `limits` adds maxLength/min/max (local servers)."""
    say: dict[str, Any] = {"type": "string",
                           "description": "What the customer says out loud, in character."}
    mood: dict[str, Any] = {"type": "integer",
                            "description": "Anger change, -10 (calmer) to +10 (angrier)."}
    facts: dict[str, Any] = {"type": "array", "items": {"type": "string"},
                             "description": "Names of the facts this line reveals."}
    if limits:  # bounds also keep a rambling small model from being cut off mid-JSON
        say.update(minLength=1, maxLength=LOCAL_SAY_CHARS)
        mood.update(minimum=-MOOD_LIMIT, maximum=MOOD_LIMIT)
        facts.update(maxItems=3)
        facts["items"] = {"type": "string", "maxLength": 30}
    return {
        "type": "object",
        "properties": {"say": say, "mood_change": mood, "revealed_facts": facts,
                       "hangs_up": {"type": "boolean"}},
        "required": ["say", "mood_change", "revealed_facts", "hangs_up"],
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class ModelReply:
    """One parsed answer, before the engine's checks."""

    say: str
    mood_change: int = 0
    revealed_facts: list[str] = field(default_factory=list)
    hangs_up: bool = False


def parse_reply(content: str) -> ModelReply:
    """Read the model's JSON; anything but the schema's shape is LLMBadOutput."""
    text = content.strip()
    if text.startswith("```"):  # some servers wrap JSON in a fence despite the schema
        text = text.strip("`").removeprefix("json").strip()
    try:
        # strict=False: a raw newline or tab inside a string is still the reply (llama.cpp's
        # grammar for a length-limited string lets them through; seen in the live tests)
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise LLMBadOutput(f"not JSON: {exc.msg} at char {exc.pos}") from exc
    if not isinstance(data, dict):
        raise LLMBadOutput("not a JSON object")
    say = data.get("say")
    if not isinstance(say, str):
        raise LLMBadOutput("`say` missing or not a string")
    mood = data.get("mood_change", 0)
    if isinstance(mood, bool) or not isinstance(mood, int | float):
        raise LLMBadOutput("`mood_change` is not a number")
    facts = data.get("revealed_facts", [])
    if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
        raise LLMBadOutput("`revealed_facts` is not a list of names")
    hangs_up = data.get("hangs_up", False)
    if not isinstance(hangs_up, bool):
        raise LLMBadOutput("`hangs_up` is not true/false")
    return ModelReply(say.strip(), round(mood), facts, hangs_up)


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}


class SayExtractor:
    """Pulls the `say` string out of JSON that is still arriving, character by character.

    Feed it content deltas; `feed` returns the newly decoded characters of `say`. It
    only understands the shape the schema produces (an object whose `say` value is a
    string); the whole JSON is still parsed properly once complete.
    """

    def __init__(self) -> None:
        self._buf = ""
        self._pos = 0
        self._state = "seek"  # seek -> in_string -> done
        self._escape = ""

    @property
    def done(self) -> bool:
        return self._state == "done"

    def feed(self, delta: str) -> str:
        self._buf += delta
        out: list[str] = []
        if self._state == "seek":
            key = self._buf.find('"say"')
            if key < 0:
                return ""
            colon = self._buf.find(":", key + 5)
            if colon < 0:
                return ""
            rest = self._buf[colon + 1:]
            stripped = rest.lstrip()
            if not stripped:
                return ""
            if stripped[0] != '"':
                self._state = "done"  # not a string; parse_reply will complain
                return ""
            self._pos = colon + 1 + (len(rest) - len(stripped)) + 1
            self._state = "in_string"
        while self._state == "in_string" and self._pos < len(self._buf):
            ch = self._buf[self._pos]
            self._pos += 1
            if self._escape:
                self._escape += ch
                if self._escape[1] == "u":
                    if len(self._escape) == 6:
                        with contextlib.suppress(ValueError):
                            out.append(chr(int(self._escape[2:], 16)))
                        self._escape = ""
                else:
                    out.append(_ESCAPES.get(ch, ch))
                    self._escape = ""
            elif ch == "\\":
                self._escape = ch
            elif ch == '"':
                self._state = "done"
            else:
                out.append(ch)
        return "".join(out)
