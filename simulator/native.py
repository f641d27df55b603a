"""Native model calls that interpreter exit must wait for, not cut off.

The sentence encoder and Piper run in onnxruntime, Whisper in CTranslate2: C++ code
reached through pybind11. Background threads (warm-ups, pre-synthesis, the app's
workers) call into them. If the interpreter finalises while such a thread is inside a
call, the thread is ended with `pthread_exit` the moment it asks for the GIL back; the
unwind crosses a C++ destructor and the C++ runtime aborts the whole process
("terminate called without an active exception", exit 134) — after every turn was
saved, but a crash all the same, and a test run that passed fails.

So every such call runs inside `native_call()`. At exit, `wait_for_native_calls` (an
`atexit` hook, which runs before finalisation) waits for the calls in flight to end,
and any background thread that tries to start a new one after that is parked on a
plain lock instead, where being ended at exit is harmless.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_WAIT_S = 60.0
"""Longest an exit waits for calls in flight (a long Whisper window takes seconds)."""

_state = threading.Condition()
_in_flight = 0
_closing = False
_parked = threading.Event()  # never set: where late background calls wait out the exit
_depth = threading.local()  # calls nested in one thread count once and are never parked


@contextmanager
def native_call() -> Iterator[None]:
    """Mark the enclosed block as a call into native model code."""
    global _in_flight
    depth = getattr(_depth, "n", 0)
    if depth:
        _depth.n = depth + 1
        try:
            yield
        finally:
            _depth.n = depth
        return
    with _state:
        if _closing and threading.current_thread() is not threading.main_thread():
            _state.release()
            try:
                _parked.wait()  # the process is exiting; this thread goes no further
            finally:
                _state.acquire()
        _in_flight += 1
    _depth.n = 1
    try:
        yield
    finally:
        _depth.n = 0
        with _state:
            _in_flight -= 1
            _state.notify_all()


def in_flight() -> int:
    """How many native calls are running now (for tests and diagnostics)."""
    with _state:
        return _in_flight


def wait_for_native_calls(timeout_s: float = EXIT_WAIT_S) -> bool:
    """Stop new background calls and wait for the running ones; True if none is left."""
    global _closing
    with _state:
        _closing = True
        return _state.wait_for(lambda: _in_flight == 0, timeout=timeout_s)


atexit.register(wait_for_native_calls)


def release_freed_memory() -> None:
    """Hand memory freed after a model load back to the system (glibc only).

    Building an onnxruntime session parses the whole model file and then frees the
    parse buffers; glibc keeps those pages for later reuse, so the process stays about
    30-60 MB bigger than what it holds (measured on the sentence encoder). Elsewhere
    (another libc, another system) there is nothing to do.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
