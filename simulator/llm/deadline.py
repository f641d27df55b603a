"""A hard wall-clock limit around backend calls, so a call never hangs on the model.

The openai client's timeout bounds each HTTP read, not the whole answer: a server that
trickles one token every few seconds, or retries with back-off, can take far longer
than the trainee should wait. The call runs in a daemon thread and the caller stops
waiting at the deadline; an abandoned worker finishes (or times out) on its own and
its result is dropped.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from simulator.llm.errors import LLMTimeout, classify

T = TypeVar("T")
_DONE = object()


def call_with_deadline(fn: Callable[[], T], timeout_s: float) -> T:
    """`fn()` or LLMTimeout after `timeout_s`; exceptions come back as LLMError."""
    box: queue.Queue[tuple[bool, object]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            box.put((True, fn()))
        except BaseException as exc:
            box.put((False, exc))

    threading.Thread(target=work, name="callsim-llm", daemon=True).start()
    try:
        ok, value = box.get(timeout=max(0.0, timeout_s))
    except queue.Empty:
        raise LLMTimeout(f"no answer within {timeout_s:g} s") from None
    if ok:
        return value  # type: ignore[return-value]
    raise classify(value) from value  # type: ignore[arg-type]


def stream_with_deadline(start: Callable[[], Iterable[str]], timeout_s: float) -> Iterator[str]:
    """Pieces from `start()` as they come, all of them within `timeout_s` of the call.

    Closing the returned generator early (the consumer found what it needed, or gave
    up) tells the worker to stop reading and close the HTTP stream.
    """
    pieces: queue.Queue[object] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        it = None
        try:
            it = iter(start())
            for piece in it:
                if stop.is_set():
                    break
                pieces.put(piece)
            pieces.put(_DONE)
        except BaseException as exc:
            pieces.put(exc)
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()

    deadline = time.monotonic() + timeout_s
    threading.Thread(target=work, name="callsim-llm-stream", daemon=True).start()
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LLMTimeout(f"answer not finished within {timeout_s:g} s")
            try:
                item = pieces.get(timeout=left)
            except queue.Empty:
                raise LLMTimeout(f"answer not finished within {timeout_s:g} s") from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise classify(item) from item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
