"""Typing-test metrics computed the way monkeytype computes them.

Hiring managers compare candidates' typing with numbers they already know from
monkeytype, so the formulas follow its source rather than inventing new ones
(monkeytype `frontend/src/ts/test/test-stats.ts`: `countChars`, `calculateWpmAndRaw`,
`calculateAccuracy`; `test-logic.ts`: `buildCompletedEvent` for consistency;
`packages/util/src/numbers.ts`: `kogasa`, `stdDev`):

* **wpm** = (characters of correctly typed words + the spaces after them) / 5 per
  minute. In a timed test a correct prefix of the word being typed when time runs
  out counts too.
* **raw** = every typed character that sits in a word (correct, incorrect, extra)
  plus the spaces between typed words, / 5 per minute.
* **accuracy** = correct key presses / all key presses × 100. A mistake that is
  later corrected with backspace still counts against accuracy: the press happened.
  Backspace itself is not a key press for accuracy (monkeytype counts characters and
  spaces only). A space is a correct press when the word before it was right.
* **consistency** = kogasa(stdDev / mean) of the per-second raw speeds, where a
  second's raw speed is round(presses in that second / 5 × 60) and
  kogasa(cov) = 100 × (1 − tanh(cov + cov³/3 + cov⁵/5)). Population standard
  deviation (divide by n).
* **errors per key**: for every wrong press, the character that should have been
  typed (an extra letter past a word's end counts under "space": a space was due).

Everything here is pure: `TypingTest` is fed `(time, key)` presses by the app (or by
a recorded log in tests and scripted runs) and `result()` gives the numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

BACKSPACE = "backspace"
SPACE_KEY = "space"


def round2(value: float) -> float:
    """monkeytype's roundTo2: two decimals, half away from zero for positive values."""
    return math.floor(value * 100 + 0.5 + 1e-9) / 100


def kogasa(cov: float) -> float:
    """Map a coefficient of variation in [0, inf) onto a consistency in (0, 100]."""
    return 100 * (1 - math.tanh(cov + cov**3 / 3 + cov**5 / 5))


def consistency(raw_per_second: list[float]) -> float:
    """kogasa of the per-second raw speeds' coefficient of variation (0 when undefined)."""
    if not raw_per_second:
        return 0.0
    mean = sum(raw_per_second) / len(raw_per_second)
    if mean == 0:
        return 0.0
    std = math.sqrt(sum((x - mean) ** 2 for x in raw_per_second) / len(raw_per_second))
    value = round2(kogasa(std / mean))
    return value if value and not math.isnan(value) else 0.0


def passage_words(text: str) -> list[str]:
    """A passage as the words a candidate types: any run of whitespace is one space."""
    return text.split()


@dataclass(frozen=True)
class Keystroke:
    """One key press: seconds since the test started, and the character or 'backspace'."""

    t: float
    key: str

    def as_list(self) -> list[Any]:
        return [round(self.t, 3), self.key]


@dataclass
class CharCounts:
    """monkeytype's countChars output, for the words typed so far."""

    correct_word_chars: int = 0
    all_correct_chars: int = 0
    incorrect_chars: int = 0
    extra_chars: int = 0
    missed_chars: int = 0
    spaces: int = 0
    correct_spaces: int = 0


def count_chars(typed: list[str], target: list[str], *, timed: bool) -> CharCounts:
    """Compare typed words with the passage's words, exactly as monkeytype's countChars.

    `typed` holds every word typed, the last one possibly unfinished. `timed` is True
    when the test ended on time (the partial last word's correct prefix then counts).
    """
    c = CharCounts()
    last = len(typed) - 1
    for i, word in enumerate(typed):
        goal = target[i] if i < len(target) else ""
        if word == goal:
            c.correct_word_chars += len(goal)
            c.all_correct_chars += len(goal)
            if i < last:
                c.correct_spaces += 1
        elif len(word) >= len(goal):
            for j, ch in enumerate(word):
                if j < len(goal):
                    if ch == goal[j]:
                        c.all_correct_chars += 1
                    else:
                        c.incorrect_chars += 1
                else:
                    c.extra_chars += 1
        else:
            right = sum(1 for j, ch in enumerate(word) if ch == goal[j])
            wrong = len(word) - right
            c.all_correct_chars += right
            c.incorrect_chars += wrong
            if i == last and timed:
                if wrong == 0:
                    c.correct_word_chars += right
            else:
                c.missed_chars += len(goal) - len(word)
        if i < last:
            c.spaces += 1
    return c


@dataclass
class TypingResult:
    """The numbers of one finished typing test, ready to store as JSON."""

    passage_id: str
    seconds: float
    wpm: float
    raw: float
    accuracy: float
    consistency: float
    correct_chars: int
    incorrect_chars: int
    extra_chars: int
    missed_chars: int
    key_presses: int
    wrong_presses: int
    errors_per_key: dict[str, int]
    raw_per_second: list[float]
    wpm_per_second: list[float]
    completed: bool
    duration_limit: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "typing", "passage_id": self.passage_id, "seconds": self.seconds,
            "wpm": self.wpm, "raw": self.raw, "accuracy": self.accuracy,
            "consistency": self.consistency, "correct_chars": self.correct_chars,
            "incorrect_chars": self.incorrect_chars, "extra_chars": self.extra_chars,
            "missed_chars": self.missed_chars, "key_presses": self.key_presses,
            "wrong_presses": self.wrong_presses, "errors_per_key": dict(self.errors_per_key),
            "raw_per_second": list(self.raw_per_second),
            "wpm_per_second": list(self.wpm_per_second), "completed": self.completed,
            "duration_limit": self.duration_limit,
        }


@dataclass
class TypingTest:
    """One typing test in progress: the passage, what has been typed, every press.

    The clock starts at the first key press (as monkeytype's does), so a candidate
    reading the passage first is not penalised. Times are seconds on any clock the
    caller likes; only differences matter.
    """

    passage: str
    duration: float | None = 60.0
    passage_id: str = ""
    target: list[str] = field(init=False)
    words: list[str] = field(default_factory=lambda: [""])
    log: list[Keystroke] = field(default_factory=list)
    start: float | None = None
    end: float | None = None
    ended_by: str = ""
    correct_presses: int = 0
    wrong_presses: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    _per_second: Counter[int] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.target = passage_words(self.passage)
        if not self.target:
            raise ValueError("the passage has no words")

    # -- state ----------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self.start is not None

    @property
    def finished(self) -> bool:
        return self.end is not None

    @property
    def index(self) -> int:
        """Index of the word being typed."""
        return len(self.words) - 1

    @property
    def current(self) -> str:
        return self.words[-1]

    def elapsed(self, now: float) -> float:
        if self.start is None:
            return 0.0
        return (self.end if self.end is not None else now) - self.start

    def remaining(self, now: float) -> float | None:
        if self.duration is None:
            return None
        return max(0.0, self.duration - self.elapsed(now))

    def time_up(self, now: float) -> bool:
        """True (and the test ends at exactly the limit) once the time has run out."""
        if self.finished:
            return True
        if self.start is not None and self.duration is not None and now - self.start >= self.duration:
            self.end, self.ended_by = self.start + self.duration, "time"
            return True
        return False

    # -- input ----------------------------------------------------------------------
    def press(self, key: str, now: float) -> None:
        """One key press: a single character (space included) or 'backspace'."""
        if self.finished or self.time_up(now):
            return
        if key == SPACE_KEY:
            key = " "
        if key != BACKSPACE and len(key) != 1:
            raise ValueError(f"not a single key: {key!r}")
        if key == BACKSPACE:
            self._backspace(now)
            return
        if self.start is None:
            self.start = now
        if key == " " and self.current == "":
            return  # monkeytype ignores a space at the start of a word
        self.log.append(Keystroke(now - self.start, key))
        self._per_second[int(now - self.start)] += 1
        goal = self.target[self.index] if self.index < len(self.target) else ""
        if key == " ":
            correct = self.current == goal
            self._count(correct, SPACE_KEY)
            self.words.append("")
            if self.index >= len(self.target):
                self.words.pop()  # the last word was submitted: the test is over
                self.end, self.ended_by = now, "passage"
            return
        pos = len(self.current)
        correct = pos < len(goal) and goal[pos] == key
        self._count(correct, goal[pos] if pos < len(goal) else SPACE_KEY)
        self.words[-1] += key
        if self.index == len(self.target) - 1 and self.current == goal:
            self.end, self.ended_by = now, "passage"  # last word right: done (monkeytype's quote mode)

    def _count(self, correct: bool, expected: str) -> None:
        if correct:
            self.correct_presses += 1
        else:
            self.wrong_presses += 1
            self.errors[SPACE_KEY if expected == " " else expected] += 1

    def _backspace(self, now: float) -> None:
        if self.start is None:
            return
        self.log.append(Keystroke(now - self.start, BACKSPACE))
        if self.current:
            self.words[-1] = self.current[:-1]
        elif len(self.words) > 1 and self.words[-2] != self.target[len(self.words) - 2]:
            # back into the previous word, allowed only when it is wrong (monkeytype's default)
            self.words.pop()

    def stop(self, now: float) -> None:
        """End the test early (the candidate gives up, or the window closes)."""
        if not self.finished and not self.time_up(now):
            if self.start is None:
                self.start = now
            self.end, self.ended_by = now, "stopped"

    # -- live figures -----------------------------------------------------------------
    def live(self, now: float) -> tuple[float, float]:
        """(wpm, accuracy) so far, for the on-screen counter."""
        seconds = self.elapsed(now)
        if seconds <= 0:
            return 0.0, 100.0
        c = count_chars(self.words, self.target, timed=True)
        wpm = (c.correct_word_chars + c.correct_spaces) * (60 / seconds) / 5
        return round(wpm, 0), self.accuracy()

    def accuracy(self) -> float:
        total = self.correct_presses + self.wrong_presses
        return round2(100 * self.correct_presses / total) if total else 100.0

    # -- the result ---------------------------------------------------------------------
    def result(self, now: float | None = None) -> TypingResult:
        """The final numbers; ends the test at `now` if it is still running."""
        if not self.finished:
            if now is None:
                raise ValueError("the test is still running: pass the time to end it at")
            self.stop(now)
        seconds = round2(self.elapsed(0.0)) if self.start is not None else 0.0
        timed = self.ended_by == "time"
        c = count_chars(self.words, self.target, timed=timed)
        if seconds > 0:
            wpm = round2((c.correct_word_chars + c.correct_spaces) * (60 / seconds) / 5)
            raw = round2((c.all_correct_chars + c.spaces + c.incorrect_chars + c.extra_chars)
                         * (60 / seconds) / 5)
        else:
            wpm = raw = 0.0
        raw_seconds = self._raw_per_second(seconds, timed)
        return TypingResult(
            passage_id=self.passage_id, seconds=seconds, wpm=wpm, raw=raw,
            accuracy=self.accuracy(), consistency=consistency(raw_seconds),
            correct_chars=c.correct_word_chars + c.correct_spaces,
            incorrect_chars=c.incorrect_chars, extra_chars=c.extra_chars,
            missed_chars=c.missed_chars, key_presses=self.correct_presses + self.wrong_presses,
            wrong_presses=self.wrong_presses, errors_per_key=dict(sorted(self.errors.items())),
            raw_per_second=raw_seconds, wpm_per_second=self._wpm_per_second(seconds),
            completed=self.ended_by == "passage", duration_limit=self.duration,
        )

    def _raw_per_second(self, seconds: float, timed: bool) -> list[float]:
        """Per-second raw speeds; a final part-second counts as in monkeytype's words mode."""
        whole = int(seconds)
        frac = seconds - whole
        buckets = whole + (1 if frac > 1e-9 and not timed else 0)
        out = [float(round(self._per_second.get(i, 0) / 5 * 60)) for i in range(buckets)]
        if not timed and frac >= 0.5 and out:
            out[-1] = float(round(out[-1] * (1 / frac)))
        return out

    def _wpm_per_second(self, seconds: float) -> list[float]:
        """The running wpm at the end of each second, replayed from the log (for charts)."""
        out: list[float] = []
        replay = TypingTest(self.passage, None, self.passage_id)
        presses = iter(self.log)
        pending = next(presses, None)
        replay.start = 0.0
        for sec in range(1, math.ceil(seconds) + 1):
            while pending is not None and pending.t < sec:
                replay._replay_press(pending)
                pending = next(presses, None)
            c = count_chars(replay.words, replay.target, timed=True)
            out.append(round2((c.correct_word_chars + c.correct_spaces) * (60 / sec) / 5))
        return out

    def _replay_press(self, k: Keystroke) -> None:
        if k.key == BACKSPACE:
            self._backspace(k.t)
        else:
            self.press(k.key, k.t)


def replay(passage: str, presses: Iterable[tuple[float, str]], *, duration: float | None,
           passage_id: str = "", end: float | None = None) -> TypingResult:
    """Play a recorded key log into a fresh test and return its result.

    `end` is when the test stopped (defaults to the time limit, or the last press).
    Used by tests with worked examples and by scripted hiring runs.
    """
    test = TypingTest(passage, duration, passage_id)
    last = 0.0
    for t, key in presses:
        test.press(key, t)
        last = t
    if not test.finished:
        if end is None:
            end = (test.start or 0.0) + duration if duration is not None else last
        test.time_up(end)
    return test.result(end if end is not None else last)
