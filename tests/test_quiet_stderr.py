"""Hiding C libraries' stderr noise must leave stderr as it found it, across threads."""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from pathlib import Path

import pytest

from simulator.speech import extras


def _same_file(fd: int, path: Path) -> bool:
    here, there = os.fstat(fd), os.stat(path)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def test_two_threads_hushing_at_once_restore_the_real_stderr(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "stderr.txt"
    with open(log, "w", encoding="utf-8") as stream:  # stands in for the process's stderr
        monkeypatch.setattr(sys, "__stderr__", stream)
        monkeypatch.setattr(sys, "stderr", stream)
        fd = stream.fileno()
        rng = random.Random(5)
        pauses = [[rng.random() / 2000 for _ in range(150)] for _ in range(2)]

        def probe_devices(mine: list[float]) -> None:
            for pause in mine:
                with extras.quiet_native_stderr():
                    os.write(fd, b"ALSA lib pcm.c: cannot find card '0'\n")
                    time.sleep(pause)
                time.sleep(pause / 2)

        threads = [threading.Thread(target=probe_devices, args=(p,)) for p in pauses]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert _same_file(fd, log), "stderr was left pointing at /dev/null"
        os.write(fd, b"a real error after the probes\n")
    text = log.read_text(encoding="utf-8")
    assert "ALSA lib" not in text
    assert "a real error after the probes" in text


def test_a_replaced_stderr_is_never_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The full-screen app and the test runner replace sys.stderr with their own file:
    its descriptor is theirs, so nothing is redirected under them."""
    log = tmp_path / "theirs.txt"
    with open(log, "w", encoding="utf-8") as theirs:
        monkeypatch.setattr(sys, "stderr", theirs)
        with extras.quiet_native_stderr():
            assert _same_file(theirs.fileno(), log)
