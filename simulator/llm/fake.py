"""FakeLLM: a ChatBackend that answers from a list, for tests and offline demos.

Modelled on livekit's FakeLLM(fake_responses=[...]): each call takes the next entry.
An entry is the content string, a FakeResponse (content or chunks, delays, an error
mid-stream), an exception to raise (LLMTimeout(), LLMRateLimited(status=429), a plain
ConnectionRefusedError...), or a callable that builds the content from the request.
Every request is kept in `.requests` so tests can check what the model was shown.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.llm.backend import ChatRequest
from simulator.llm.errors import LLMError

Entry = Any  # str | FakeResponse | BaseException | Callable[[ChatRequest], str]


def fake_reply(say: str, mood_change: int = 0, revealed_facts: Sequence[str] = (),
               hangs_up: bool = False) -> str:
    """The JSON a well-behaved model would send."""
    return json.dumps({"say": say, "mood_change": mood_change,
                       "revealed_facts": list(revealed_facts), "hangs_up": hangs_up})


_EXAMPLE = re.compile(r'A line that fits \(say it in your own words\): "(.*)"\s*$', re.M)
_FACTS = re.compile(r"Facts you may give this turn \(exactly\): (.*)$", re.M)


def echo_example(request: ChatRequest) -> str:
    """Answer with the prompt's example line: an obedient model, for whole-call tests."""
    user = request.messages[-1]["content"]
    m = _EXAMPLE.search(user)
    facts = _FACTS.search(user)
    names = [p.split(" = ")[0].replace(" ", "_") for p in facts.group(1).split(", ")] if facts else []
    return fake_reply(m.group(1) if m else "Okay.", 0, names)


@dataclass
class FakeResponse:
    """One scripted answer with timing, for the deadline and streaming paths."""

    content: str | None = None
    chunks: list[str] | None = None   # default: content cut into 7-character pieces
    delay_s: float = 0.0              # before anything arrives
    chunk_delay_s: float = 0.0        # between streamed pieces
    error_after: BaseException | None = None  # raised once the chunks are sent

    def pieces(self) -> list[str]:
        if self.chunks is not None:
            return list(self.chunks)
        text = self.content or ""
        return [text[i:i + 7] for i in range(0, len(text), 7)]


@dataclass
class FakeLLM:
    """ChatBackend fake; `default` answers once `fake_responses` run out."""

    fake_responses: list[Entry] = field(default_factory=list)
    default: Entry | None = None
    models: Sequence[str] | BaseException = ("fake-model",)
    name: str = "fake"
    requests: list[ChatRequest] = field(default_factory=list)

    def _next(self, request: ChatRequest) -> FakeResponse:
        self.requests.append(request)
        entry = self.fake_responses.pop(0) if self.fake_responses else self.default
        if entry is None:
            raise LLMError("FakeLLM has no response left")
        if isinstance(entry, BaseException):
            raise entry
        if callable(entry) and not isinstance(entry, FakeResponse):
            entry = entry(request)
        return entry if isinstance(entry, FakeResponse) else FakeResponse(content=str(entry))

    def complete(self, request: ChatRequest) -> str:
        r = self._next(request)
        time.sleep(r.delay_s + r.chunk_delay_s * len(r.pieces()))
        if r.error_after is not None:
            raise r.error_after
        return "".join(r.pieces())

    def stream(self, request: ChatRequest) -> Iterator[str]:
        r = self._next(request)
        time.sleep(r.delay_s)
        for piece in r.pieces():
            if r.chunk_delay_s:
                time.sleep(r.chunk_delay_s)
            yield piece
        if r.error_after is not None:
            raise r.error_after

    def list_models(self, timeout_s: float) -> list[str]:
        if isinstance(self.models, BaseException):
            raise self.models
        return list(self.models)


def obedient(fn: Callable[[ChatRequest], str] = echo_example) -> FakeLLM:
    """A FakeLLM that always answers with the prompt's example line."""
    return FakeLLM(default=fn)
