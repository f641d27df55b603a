"""The LLM customer: the model words the director's plan; the engine keeps control.

Each turn the brain first gets the scripted line (the fallback, and an example for
the model), asks the model for a structured answer within a hard deadline, and runs
the guard's checks. Anything wrong — slow, down, rate-limited, malformed, off-plan or
out of character — and the turn is the scripted line, marked `fallback:<reason>`, so
the call goes on exactly as the scripted engine would have run it.

Mood: the session computes the customer's anger itself. The model may only propose
extra anger (see guard.bound_mood); the accepted amount is `LLMTurn.mood_adjust`,
which the session applies after the reply. After a few transport failures in a row
(server down, timeouts) the brain stops asking for a few turns so a dead endpoint
does not cost the trainee a timeout on every line.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field

from simulator.customer.scripted import ScriptedBrain
from simulator.customer.turn import CustomerTurn
from simulator.director import Plan
from simulator.llm.backend import ChatBackend, ChatRequest
from simulator.llm.config import LLMConfig
from simulator.llm.deadline import call_with_deadline, stream_with_deadline
from simulator.llm.errors import TRANSPORT_FAULTS, LLMError
from simulator.llm.guard import (
    TurnRules,
    bound_mood,
    check_reply,
    check_sentence,
    clean_model_text,
    clean_reply,
    turn_rules,
)
from simulator.llm.prompt import build_prompt
from simulator.llm.schema import LOCAL_REPLY_TOKENS, SayExtractor, parse_reply, reply_schema
from simulator.llm.stream import ReplyStream, take_sentences
from simulator.privacy import mask_text
from simulator.state import CallState
from simulator.understanding.types import Analysis

BREAK_AFTER = 2   # transport failures in a row before the brain stops asking...
BREAK_TURNS = 3   # ...for this many turns, then tries again


@dataclass(frozen=True)
class LLMTurn(CustomerTurn):
    """A customer line from the LLM brain, with the mood extra the engine accepted."""

    mood_adjust: int = 0        # add to anger after the reply (0..10, bounded)
    proposed_mood: int | None = None  # what the model asked for, for the record


class _Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Turn:
    """Everything one turn needs, worked out before the model is asked."""

    state: CallState
    operator_text: str
    scripted: CustomerTurn
    rules: TurnRules
    request: ChatRequest
    engine_delta: int
    marks: list[str] = field(default_factory=list)


class LLMBrain:
    """CustomerBrain that asks an OpenAI-compatible model to word the plan."""

    name = "llm"

    def __init__(self, backend: ChatBackend | None = None, *, config: LLMConfig | None = None,
                 fallback: ScriptedBrain | None = None, seed: int = 0) -> None:
        self.config = config or LLMConfig()
        if backend is None:
            from simulator.llm.backend import OpenAIBackend

            backend = OpenAIBackend(self.config)
        self.backend = backend
        self.fallback = fallback or ScriptedBrain(seed)
        self.seed = seed
        self.history: list[tuple[str, str]] = []
        self._anger_seen: int | None = None
        self._faults_in_row = 0
        self._skip_turns = 0
        self._schema = reply_schema(limits=self.config.is_local)

    @property
    def _max_tokens(self) -> int:
        """A local server's grammar bounds the reply; the token budget must hold it."""
        if self.config.is_local:
            return max(self.config.max_tokens, LOCAL_REPLY_TOKENS)
        return self.config.max_tokens

    # -- preparing a turn ---------------------------------------------------------
    def _prepare(self, state: CallState, utterance: Analysis, plan: Plan) -> _Turn:
        scripted = self.fallback.reply(state, utterance, plan)
        # PCI: the endpoint never sees a card number the operator typed or said; only the
        # customer's own card fact goes in, on the turn the plan reveals it
        operator_text = mask_text(utterance.text.strip())
        prompt = build_prompt(state, operator_text, plan, scripted.text, self.history)
        rules = turn_rules(state, plan, prompt.known_text)
        request = ChatRequest(
            messages=prompt.messages, schema=self._schema, schema_name="customer_turn",
            temperature=self.config.temperature, max_tokens=self._max_tokens,
            seed=self.seed * 1000 + state.operator_turns, timeout_s=self.config.timeout_s,
        )
        delta = 0 if self._anger_seen is None else state.anger - self._anger_seen
        return _Turn(state, operator_text, scripted, rules, request, delta)

    def _skipping(self) -> bool:
        if self._skip_turns > 0:
            self._skip_turns -= 1
            return True
        return False

    # -- finishing a turn ---------------------------------------------------------
    def _fallback(self, t: _Turn, reason: str, error: LLMError | None = None) -> CustomerTurn:
        if error is not None and isinstance(error, TRANSPORT_FAULTS):
            self._faults_in_row += 1
            if self._faults_in_row >= BREAK_AFTER:
                self._skip_turns, self._faults_in_row = BREAK_TURNS, 0
        elif reason != "unavailable":
            self._faults_in_row = 0  # the endpoint answered, however badly
        turn = CustomerTurn(t.scripted.text, [*t.scripted.marks, f"fallback:{reason}"])
        self._remember(t, turn.text, 0)
        return turn

    def _accept(self, t: _Turn, say: str, proposed: int) -> LLMTurn:
        self._faults_in_row = 0
        adjust = bound_mood(proposed, engine_delta=t.engine_delta, anger=t.state.anger)
        self._remember(t, say, adjust)
        return LLMTurn(say, list(t.scripted.marks), mood_adjust=adjust, proposed_mood=proposed)

    def _remember(self, t: _Turn, said: str, adjust: int) -> None:
        if t.operator_text:
            self.history.append(("Agent", t.operator_text))
        self.history.append(("You", mask_text(said)))  # history is re-sent every turn
        self._anger_seen = t.state.anger + adjust

    # -- the two ways to get a line -----------------------------------------------
    def reply(self, state: CallState, utterance: Analysis, plan: Plan) -> CustomerTurn:
        """The whole line at once; never raises for model trouble, never hangs."""
        t = self._prepare(state, utterance, plan)
        if self._skipping():
            return self._fallback(t, "unavailable")
        try:
            content = call_with_deadline(lambda: self.backend.complete(t.request),
                                         self.config.timeout_s)
            reply = clean_reply(parse_reply(content))
        except LLMError as exc:
            return self._fallback(t, exc.reason, exc)
        problem = check_reply(reply, t.rules)
        if problem:
            return self._fallback(t, problem)
        return self._accept(t, reply.say, reply.mood_change)

    def reply_stream(self, state: CallState, utterance: Analysis, plan: Plan) -> ReplyStream:
        """Sentence chunks as they pass the checks; `.turn` is the line to record."""
        return ReplyStream(self._stream(self._prepare(state, utterance, plan)))

    def _stream(self, t: _Turn) -> Generator[str, None, CustomerTurn]:
        if self._skipping():
            yield t.scripted.text
            return self._fallback(t, "unavailable")
        extractor = SayExtractor()
        raw: list[str] = []
        pending = ""
        error: LLMError | None = None
        try:
            pieces = stream_with_deadline(lambda: self.backend.stream(t.request),
                                          self.config.timeout_s)
            try:
                for delta in pieces:
                    raw.append(delta)
                    if extractor.done:
                        continue
                    pending += extractor.feed(delta)
                    ready, pending = take_sentences(pending, final=extractor.done)
                    for sentence in map(clean_model_text, ready):
                        problem = check_sentence(sentence, t.rules)
                        if problem:
                            raise _Rejected(problem)
                        yield sentence
            finally:
                pieces.close()
            reply = clean_reply(parse_reply("".join(raw)))
            problem = check_reply(reply, t.rules)
            if problem:
                raise _Rejected(problem)
            if clean_model_text(pending):  # only when the model stopped mid-sentence
                yield clean_model_text(pending)
            return self._accept(t, reply.say, reply.mood_change)
        except LLMError as exc:
            reason, error = exc.reason, exc
        except _Rejected as rej:
            reason = rej.reason
        yield t.scripted.text
        return self._fallback(t, reason, error)
