"""Quitting while a background thread is inside the model must not abort the process.

Before `simulator.native`, a daemon thread still encoding when the interpreter
finalised was ended mid-call and the C++ runtime aborted the process (exit 134,
"terminate called without an active exception"): the test run that had passed
failed in CI, and the app could die the same way on quit during a warm-up.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from simulator import native

ROOT = Path(__file__).resolve().parents[1]

BUSY_AT_EXIT = textwrap.dedent("""
    import sys, threading, time
    sys.path.insert(0, sys.argv[1])
    from simulator.understanding.encoder import get_encoder
    enc = get_encoder()
    enc.encode("a first line, so the model is loaded")
    def keep_encoding():
        i = 0
        while True:
            enc.encode_many([(f"order number {i}, two large pizzas " * 12, None)])
            i += 1
    threading.Thread(target=keep_encoding, daemon=True).start()
    time.sleep(0.8)
    print("leaving with the encoder busy")
""")


def test_exit_with_the_encoder_busy_in_a_daemon_thread_is_clean() -> None:
    for _ in range(3):  # without the guard this aborted every time
        done = subprocess.run([sys.executable, "-c", BUSY_AT_EXIT, str(ROOT)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "terminate called" not in done.stderr
        assert "leaving with the encoder busy" in done.stdout


def test_a_late_background_call_is_parked_not_run() -> None:
    """After the exit wait began, a background thread asking for a new native call
    waits there (its model would be torn down under it), while nested calls in a
    thread already inside go on."""
    entered = threading.Event()
    ran_late = threading.Event()

    def late() -> None:
        entered.set()
        with native.native_call():
            ran_late.set()

    saved = native._closing
    try:
        with native.native_call(), native.native_call():  # nested: counted once
            assert native.in_flight() == 1
        assert native.wait_for_native_calls(timeout_s=1.0)
        worker = threading.Thread(target=late, daemon=True)
        worker.start()
        assert entered.wait(5)
        worker.join(0.5)
        assert worker.is_alive() and not ran_late.is_set()
        assert native.in_flight() == 0
    finally:
        native._closing = saved
