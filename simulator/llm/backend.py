"""The one place that talks to an OpenAI-compatible endpoint through the `openai` package.

The brain and the judge see only `ChatBackend`: send a request, get the content back
whole or in pieces, list the models. That lets FakeLLM (simulator.llm.fake) stand in
for the network in tests, and keeps `openai` out of `sys.modules` until an LLM is
actually used — the scripted customer must work without the extra installed.

Servers differ in two ways that matter here, both handled in this module:
  * structured output: OpenAI, vLLM, Ollama and llama.cpp's own server take
    {"type": "json_schema", ...}; llama-cpp-python's server only takes
    {"type": "json_object", "schema": ...}. In "auto" mode the first refusal switches
    this backend to the second form for good.
  * system messages: some chat templates (Gemma's, in llama-cpp-python) drop them
    silently, so by default the instructions are sent at the top of the user message.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulator.llm.config import LLMConfig
from simulator.llm.errors import (
    LLMBadOutput,
    LLMConnectionError,
    LLMError,
    LLMRateLimited,
    LLMRequestError,
    LLMServerError,
    LLMTimeout,
    LLMUnavailable,
    classify,
)

INSTALL_HINT = "the LLM customer needs the openai package: pip install 'callsim[llm]'"


@dataclass(frozen=True)
class ChatRequest:
    """One structured-output chat call."""

    messages: list[dict[str, str]]
    schema: dict[str, Any]
    schema_name: str = "reply"
    temperature: float = 0.7
    max_tokens: int = 160
    seed: int | None = None
    timeout_s: float = 6.0
    extra: dict[str, Any] = field(default_factory=dict)


class ChatBackend(Protocol):
    """What the brain, the judge and the doctor need from an endpoint."""

    name: str

    def complete(self, request: ChatRequest) -> str:
        """The whole message content; raises LLMError subclasses."""
        ...

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """Content deltas as they arrive; raises LLMError subclasses."""
        ...

    def list_models(self, timeout_s: float) -> list[str]: ...


def _error_detail(exc: Any) -> str:
    """The server's own message when it sent one: plain words beat a class name."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and err.get("message"):
            return f"HTTP {exc.status_code}: {err['message']}"
        if isinstance(err, str):
            return f"HTTP {exc.status_code}: {err}"
    return f"HTTP {exc.status_code}: {exc}"


def _map_openai_error(exc: BaseException) -> LLMError:
    import openai

    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, openai.APITimeoutError):
        return LLMTimeout(str(exc))
    if isinstance(exc, openai.APIConnectionError):
        return LLMConnectionError(str(exc))
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        detail = _error_detail(exc)
        if status == 429:
            return LLMRateLimited(detail, status=status)
        if status >= 500:
            return LLMServerError(detail, status=status)
        return LLMRequestError(detail, status=status)
    if isinstance(exc, openai.APIResponseValidationError):
        return LLMBadOutput(str(exc))
    return classify(exc)


def merge_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """System messages folded into the top of the first user message."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest


class OpenAIBackend:
    """ChatBackend on the official `openai` client (OpenAI or any compatible server).

    The client's own timeout and max_retries handle one slow or failed HTTP call; the
    caller (simulator.llm.deadline) adds the wall-clock limit over the whole turn,
    because retries with back-off could otherwise add up to far more than the budget.
    """

    name = "openai"

    def __init__(self, config: LLMConfig) -> None:
        try:
            import openai
        except ImportError as exc:
            raise LLMUnavailable(INSTALL_HINT) from exc
        self.config = config
        # which response_format this server takes; "auto" starts with OpenAI's own
        self.format = "json_object" if config.response_format == "json_object" else "json_schema"
        key = config.key_for_client
        self.client = openai.OpenAI(api_key=key, base_url=config.base_url,
                                    timeout=config.timeout_s,
                                    max_retries=config.retries) if key else None

    def _client(self, timeout_s: float) -> Any:
        if self.client is None:
            raise LLMRequestError("no API key: set OPENAI_API_KEY (or OPENAI_BASE_URL for a "
                                  "local server)", status=401)
        return self.client.with_options(timeout=timeout_s)

    def _response_format(self, request: ChatRequest) -> dict[str, Any]:
        if self.format == "json_object":  # llama-cpp-python's server
            return {"type": "json_object", "schema": request.schema}
        return {"type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.schema,
                                "strict": True}}

    def _kwargs(self, request: ChatRequest) -> dict[str, Any]:
        messages = merge_system(request.messages) if self.config.merge_system else request.messages
        kwargs: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
            "response_format": self._response_format(request),
        }
        if request.seed is not None:
            kwargs["seed"] = request.seed
        kwargs.update(request.extra)
        return kwargs

    def _create(self, request: ChatRequest, **more: Any) -> Any:
        """One chat call; in "auto" mode, switch response_format once if it is refused."""
        client = self._client(request.timeout_s)
        try:
            return client.chat.completions.create(**self._kwargs(request), **more)
        except Exception as exc:
            err = _map_openai_error(exc)
            refused = err.status in (400, 422, 500) and "response_format" in str(err)
            if not (refused and self.format == "json_schema"
                    and self.config.response_format == "auto"):
                raise err from exc
        self.format = "json_object"
        try:
            return client.chat.completions.create(**self._kwargs(request), **more)
        except Exception as exc:
            raise _map_openai_error(exc) from exc

    def complete(self, request: ChatRequest) -> str:
        try:
            resp = self._create(request)
            content = resp.choices[0].message.content
        except Exception as exc:
            raise _map_openai_error(exc) from exc
        if not content:
            raise LLMBadOutput("empty answer")
        return str(content)

    def stream(self, request: ChatRequest) -> Iterator[str]:
        stream = self._create(request, stream=True)
        try:
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except Exception as exc:
            raise _map_openai_error(exc) from exc
        finally:
            stream.close()

    def list_models(self, timeout_s: float) -> list[str]:
        try:
            return [m.id for m in self._client(timeout_s).models.list()]
        except Exception as exc:
            raise _map_openai_error(exc) from exc
