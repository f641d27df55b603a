"""Synthesised sentences kept for reuse, and made ahead of time while the CPU is idle.

The scripted customer speaks lines written in the scenario (and a few stock lines), so
most of what it will say is known before the call starts. Synthesising those sentences
while the trainee is listening or thinking turns "synthesis to first audio" into a
dictionary look-up. The warm-up yields to recognition: on two cores, a background
synthesis running while Whisper decodes would slow the reply it is meant to speed up.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from simulator.speech.text import pieces
from simulator.speech.types import Audio
from simulator.speech.voices import VoiceSettings


class BusyGate:
    """Counts foreground work (listening to speech, decoding, answering); background
    work waits until the count is zero."""

    def __init__(self) -> None:
        self._busy = 0
        self._cond = threading.Condition()

    def __enter__(self) -> BusyGate:
        with self._cond:
            self._busy += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._busy -= 1
            self._cond.notify_all()

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def wait_idle(self, timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._busy == 0, timeout)


class SynthCache:
    """LRU of (engine, voice, text) -> Audio."""

    def __init__(self, max_items: int = 512) -> None:
        self._items: OrderedDict[tuple[Any, ...], Audio] = OrderedDict()
        self._max = max_items
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...]) -> Audio | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple[Any, ...], audio: Audio) -> None:
        with self._lock:
            self._items[key] = audio
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def __contains__(self, key: tuple[Any, ...]) -> bool:
        with self._lock:
            return key in self._items


class Prewarmer:
    """Synthesises likely lines in a daemon thread, one piece at a time, when idle."""

    def __init__(self, synth_piece: Callable[[str, VoiceSettings], Audio],
                 has: Callable[[str, VoiceSettings], bool], gate: BusyGate) -> None:
        self._synth = synth_piece
        self._has = has
        self._gate = gate
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.done = threading.Event()
        self.count = 0

    def start(self, lines: Iterable[str], voice: VoiceSettings) -> None:
        # only first pieces: they are what the trainee waits for (the rest is made while
        # the first plays), and they are short, so the foreground never waits long for
        # the synthesiser a warm-up piece is holding
        firsts = [ps[0].text for ps in (pieces(line) for line in dict.fromkeys(lines))
                  if ps and not ps[0].sensitive]
        todo = list(dict.fromkeys(firsts))
        self._thread = threading.Thread(target=self._run, args=(todo, voice), daemon=True,
                                        name="callsim-tts-prewarm")
        self._thread.start()

    def _run(self, todo: list[str], voice: VoiceSettings) -> None:
        try:
            for text in todo:
                if self._stop.is_set():
                    return
                while not self._gate.wait_idle(timeout=0.2):
                    if self._stop.is_set():
                        return
                if not self._has(text, voice):
                    self._synth(text, voice)
                    self.count += 1
        finally:
            self.done.set()

    def stop(self, wait_s: float = 5.0) -> None:
        """Stop after the current piece (an engine killed mid-synthesis at interpreter
        exit aborts the process, so callers wait for it)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wait_s)
