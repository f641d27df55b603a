"""Why an LLM turn failed, as a small closed set the engine can act on.

Every failure of the model — slow, down, rate-limited, talking nonsense — becomes one of
these, and each carries the short `reason` that ends up in the transcript as
`fallback:<reason>`. Mapping the openai client's many exception classes onto this set in
one place (simulator.llm.backend) keeps the brain free of openai imports, so the fake
client and the real one fail the same way.
"""

from __future__ import annotations


class LLMUnavailable(RuntimeError):
    """The llm brain cannot be built at all (missing package, no model configured)."""


class LLMError(Exception):
    """A turn the model could not deliver; `reason` goes into `fallback:<reason>`."""

    reason = "error"

    def __init__(self, message: str = "", *, status: int | None = None) -> None:
        super().__init__(message or self.reason)
        self.status = status


class LLMTimeout(LLMError):
    reason = "timeout"


class LLMConnectionError(LLMError):
    reason = "connection"


class LLMRateLimited(LLMError):
    reason = "rate_limited"


class LLMServerError(LLMError):
    reason = "server_error"


class LLMRequestError(LLMError):
    """A 4xx other than 429: wrong key, unknown model, unsupported response_format."""

    reason = "request_error"


class LLMBadOutput(LLMError):
    """The answer was not the JSON object the schema asks for."""

    reason = "bad_output"


# Failures that say "the endpoint is not answering" (as opposed to "it answered badly"):
# after a few of these in a row the brain stops asking for a while.
TRANSPORT_FAULTS: tuple[type[LLMError], ...] = (
    LLMTimeout, LLMConnectionError, LLMRateLimited, LLMServerError,
)


def classify(exc: BaseException) -> LLMError:
    """Any exception from a backend as an LLMError (already-classified ones pass through).

    Matches by class name as well as by type so transport errors from httpx, httpx2 or
    requests-style clients land in the right bucket without importing any of them.
    """
    if isinstance(exc, LLMError):
        return exc
    names = {c.__name__ for c in type(exc).__mro__}
    if isinstance(exc, TimeoutError) or names & {"TimeoutException", "ReadTimeout"}:
        return LLMTimeout(str(exc) or "timed out")
    if isinstance(exc, ConnectionError) or names & {"TransportError", "NetworkError",
                                                      "RemoteProtocolError"}:
        return LLMConnectionError(str(exc) or "connection failed")
    if isinstance(exc, ValueError | KeyError | IndexError | TypeError | AttributeError):
        return LLMBadOutput(f"{type(exc).__name__}: {exc}")
    return LLMError(f"{type(exc).__name__}: {exc}")
