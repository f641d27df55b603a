"""Speaking the first sentence while the rest is still being generated.

`ReplyStream` is what `LLMBrain.reply_stream` returns: iterate it for sentence chunks
to speak, then read `.turn` for the CustomerTurn that goes to the transcript.

The contract, so that nothing unchecked is ever spoken and the transcript is always
the engine's truth:
  * a sentence is yielded only after it passed every check that one sentence allows
    (character, scenario leaks, facts not asked for, invented numbers);
  * the whole answer is checked again at the end (JSON shape, every planned fact said,
    hang-up flag);
  * if anything fails — a check, the deadline, the connection — the stream yields the
    scripted line next and `.turn` is the scripted line with `fallback:<reason>`.
    Whatever safe sentence was already spoken stays in `.spoken`, not in the
    transcript: the transcript records the line the engine stands behind.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from simulator.customer.reply import reply_with  # noqa: F401  (its old home; the session uses the new one)
from simulator.customer.turn import CustomerTurn
from simulator.llm.guard import SENTENCE_END


class ReplyStream(Iterator[str]):
    """Sentence chunks of one customer line; `.turn` once exhausted."""

    def __init__(self, gen: Generator[str, None, CustomerTurn]) -> None:
        self._gen = gen
        self._turn: CustomerTurn | None = None
        self.spoken: list[str] = []

    def __iter__(self) -> ReplyStream:
        return self

    def __next__(self) -> str:
        if self._turn is not None:
            raise StopIteration
        try:
            chunk = next(self._gen)
        except StopIteration as stop:
            self._turn = stop.value
            raise
        self.spoken.append(chunk)
        return chunk

    @property
    def turn(self) -> CustomerTurn:
        """The final line; reading it early drains (and discards) the rest of the stream."""
        for _ in self:
            pass
        assert self._turn is not None
        return self._turn


def take_sentences(buffer: str, *, final: bool = False) -> tuple[list[str], str]:
    """Complete sentences at the front of `buffer`, and what is left over."""
    out: list[str] = []
    while True:
        m = SENTENCE_END.search(buffer)
        if not m:
            break
        sentence, buffer = buffer[:m.end()].strip(), buffer[m.end():]
        if sentence:
            out.append(sentence)
    if final and buffer.strip():
        out.append(buffer.strip())
        buffer = ""
    return out, buffer
