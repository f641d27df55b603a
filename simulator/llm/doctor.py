"""`callsim doctor`: is the LLM endpoint usable, and if not, what to do about it.

Each check says what it found in plain words and stops the ones after it that cannot
work (no point timing a round trip to a server that refuses connections). The last
check times a real customer turn against the per-turn budget, because an endpoint
that works but answers in 9 s would silently turn every line into a scripted fallback.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from simulator.llm.backend import INSTALL_HINT, ChatBackend, ChatRequest
from simulator.llm.config import LLMConfig
from simulator.llm.deadline import call_with_deadline
from simulator.llm.errors import (
    LLMBadOutput,
    LLMConnectionError,
    LLMError,
    LLMRateLimited,
    LLMRequestError,
    LLMServerError,
    LLMTimeout,
    LLMUnavailable,
)

PING_SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}, "word": {"type": "string"}},
    "required": ["ok", "word"],
    "additionalProperties": False,
}


@dataclass
class Check:
    name: str
    ok: bool | None  # None: skipped or only a warning
    detail: str
    ms: float | None = None

    def line(self) -> str:
        mark = {True: "ok  ", False: "FAIL", None: "--  "}[self.ok]
        took = f" ({self.ms:.0f} ms)" if self.ms is not None else ""
        return f"{mark} {self.name:<18} {self.detail}{took}"


def explain(exc: LLMError, config: LLMConfig) -> str:
    """An LLMError as advice a trainer can act on."""
    where = config.base_url or "OpenAI"
    if isinstance(exc, LLMConnectionError):
        return (f"cannot connect to {where} ({exc}). Is the server running and the URL right? "
                "scripts/llm_server.sh starts a local one.")
    if isinstance(exc, LLMTimeout):
        return f"{where} did not answer within {config.timeout_s:g} s: overloaded or stuck."
    if isinstance(exc, LLMRateLimited):
        return f"{where} says too many requests (HTTP 429): wait, or check your plan's limits."
    if isinstance(exc, LLMServerError):
        return f"{where} had an internal error ({exc}). Check the server's log."
    if isinstance(exc, LLMRequestError):
        if exc.status == 401:
            return "the API key was refused (HTTP 401): check OPENAI_API_KEY."
        if exc.status == 404:
            return (f"no OpenAI-compatible API at {where} (HTTP 404): the base URL usually "
                    "ends in /v1, and the model name must exist there.")
        return f"the request was refused: {exc}"
    if isinstance(exc, LLMBadOutput):
        return (f"the answer was not the JSON the schema asks for ({exc}); the server may "
                "ignore response_format json_schema.")
    return str(exc)


def run_checks(config: LLMConfig, backend: ChatBackend | None = None, *,
               turn_check: bool = True) -> list[Check]:
    """All checks in order; stops early when the rest cannot work."""
    checks = [Check("settings", None, line) for line in config.describe()]
    if not config.base_url and not config.api_key:
        checks.append(Check("api key", False, "no key: set OPENAI_API_KEY, or point "
                            "OPENAI_BASE_URL at a local server (scripts/llm_server.sh)."))
        return checks
    if backend is None:
        try:
            from simulator.llm.backend import OpenAIBackend

            backend = OpenAIBackend(config)
        except LLMUnavailable:
            checks.append(Check("openai package", False, INSTALL_HINT))
            return checks
    t0 = time.perf_counter()
    try:
        models = call_with_deadline(lambda: backend.list_models(config.timeout_s),
                                    config.timeout_s)
    except LLMError as exc:
        checks.append(Check("reachable", False, explain(exc, config)))
        return checks
    checks.append(Check("reachable", True, f"{config.base_url or 'OpenAI'} answers",
                        (time.perf_counter() - t0) * 1000))
    if not models:
        checks.append(Check("model", None, "the server lists no models; trying anyway"))
    elif config.model in models:
        checks.append(Check("model", True, f"'{config.model}' is offered"))
    else:
        offered = ", ".join(models[:8]) + (" ..." if len(models) > 8 else "")
        checks.append(Check("model", False, f"'{config.model}' is not offered here; it offers: "
                            f"{offered}. Set CALLSIM_LLM_MODEL or [llm] model."))
        return checks
    checks.append(_ping(config, backend))
    if turn_check and checks[-1].ok:
        checks.append(_customer_turn(config, backend))
    return checks


def _ping(config: LLMConfig, backend: ChatBackend) -> Check:
    request = ChatRequest(
        messages=[{"role": "system", "content": "Answer with JSON only."},
                  {"role": "user", "content": 'Reply with {"ok": true, "word": "ready"}.'}],
        schema=PING_SCHEMA, schema_name="ping", temperature=0.0, max_tokens=30, seed=1,
        timeout_s=config.timeout_s,
    )
    t0 = time.perf_counter()
    try:
        content = call_with_deadline(lambda: backend.complete(request), config.timeout_s)
        data = json.loads(content)
        if not isinstance(data, dict) or not isinstance(data.get("ok"), bool):
            raise LLMBadOutput(f"got {content[:80]!r}")
    except json.JSONDecodeError:
        return Check("structured output", False, explain(LLMBadOutput("not JSON"), config))
    except LLMError as exc:
        if isinstance(exc, LLMRequestError) and exc.status == 400:
            return Check("structured output", False,
                         f"the server rejected response_format json_schema ({exc}). callsim "
                         "needs structured output: use a recent llama.cpp, vLLM or Ollama, or "
                         "an OpenAI model that supports it.")
        return Check("structured output", False, explain(exc, config))
    fmt = getattr(backend, "format", None)
    how = f" (response_format {fmt})" if fmt else ""
    return Check("structured output", True, f"JSON-schema answer parsed{how}",
                 (time.perf_counter() - t0) * 1000)


def _customer_turn(config: LLMConfig, backend: ChatBackend) -> Check:
    """One real customer line (streamed), timed against the turn budget."""
    from simulator import director
    from simulator.llm.brain import LLMBrain
    from simulator.loading import LIBRARY_DIR, load_scenario
    from simulator.state import CallState
    from simulator.understanding.types import Analysis

    scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    state = CallState(scenario=scenario, anger=scenario.persona.anger)
    plan = director.Plan()
    plan.add(director.Beat("opening", "", "", tuple(scenario.opening)))
    brain = LLMBrain(backend, config=config)
    t0 = time.perf_counter()
    first: float | None = None
    stream = brain.reply_stream(state, Analysis(text=""), plan)
    for _ in stream:
        first = first or (time.perf_counter() - t0) * 1000
    total = (time.perf_counter() - t0) * 1000
    fallback = [m for m in stream.turn.marks if m.startswith("fallback:")]
    if fallback:
        reason = fallback[0].split(":", 1)[1]
        advice = {"timeout": f"over the {config.timeout_s:g} s budget: raise timeout_s or use a "
                             "faster model, or every line will be the scripted one."}.get(
            reason, "the model's line failed the engine's checks; the scripted line was used "
                    "(a small model does this often; calls still work).")
        return Check("customer turn", None if reason != "timeout" else False,
                     f"fell back ({reason}): {advice}", total)
    return Check("customer turn", True,
                 f"first sentence after {first or total:.0f} ms, whole line: "
                 f"\"{stream.turn.text[:60]}\"", total)


def healthy(checks: list[Check]) -> bool:
    return not any(c.ok is False for c in checks)
