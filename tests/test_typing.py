"""Typing metrics against worked examples computed by hand, as monkeytype computes them."""

from __future__ import annotations

import math

import pytest

from scoring.typing import BACKSPACE, TypingTest, consistency, count_chars, kogasa, replay


def steady(text: str, gap: float) -> list[tuple[float, str]]:
    return [(i * gap, ch) for i, ch in enumerate(text)]


def test_kogasa_values() -> None:
    assert kogasa(0.0) == 100.0
    # cov 0.5: 0.5 + 0.125/3 + 0.03125/5 = 0.5479167; tanh = 0.4990 -> 50.10
    assert kogasa(0.5) == pytest.approx(100 * (1 - math.tanh(0.5479166667)), abs=1e-6)
    assert kogasa(0.5) == pytest.approx(50.10, abs=0.01)
    assert consistency([60, 60, 60]) == 100.0
    assert consistency([]) == 0.0 and consistency([0, 0]) == 0.0


def test_clean_passage_finished_early() -> None:
    """'the cat sat' typed cleanly, one key every 0.25 s (11 presses, t = 0 .. 2.5).

    The last word is right at t = 2.5, which ends the test: 2.5 s.
    correct word chars 9 + correct spaces 2 = 11 -> wpm = 11 * (60 / 2.5) / 5 = 52.8
    raw: 9 correct + 2 spaces = 11 -> 52.8; accuracy 11 / 11 = 100.
    Presses per second: [4, 4, 3] -> raw/s round(n / 5 * 60) = [48, 48, 36]; the last
    second is half a second (>= .5), so it is scaled by 1 / 0.5 -> [48, 48, 72].
    mean 56, population sd sqrt((64 + 64 + 256) / 3) = 11.3137, cov 0.202031
    kogasa: x = 0.202031 + 0.202031^3/3 + 0.202031^5/5 = 0.204846, tanh = 0.202029
    -> 100 * (1 - 0.202029) = 79.80
    """
    r = replay("the cat sat", steady("the cat sat", 0.25), duration=30)
    assert r.seconds == 2.5
    assert (r.wpm, r.raw, r.accuracy) == (52.8, 52.8, 100.0)
    assert r.raw_per_second == [48.0, 48.0, 72.0]
    assert r.consistency == pytest.approx(79.80, abs=0.005)
    assert r.completed and r.errors_per_key == {}


def test_corrected_mistake_still_costs_accuracy_and_timed_partial_word() -> None:
    """'order two pizzas', 5-second test; 'e' typed for 'r', fixed with backspace; time runs
    out during 'px' (x typed for i).

    Typed words: 'order' (right), 'two' (right), 'px' (unfinished, wrong).
    correct word chars 5 + 3 = 8, correct spaces 2 -> wpm = 10 * (60 / 5) / 5 = 24.0
    raw: correct chars 8 + 1 ('p') = 9, spaces 2, incorrect 1 ('x') -> 12 * 12 / 5 = 28.8
    presses (backspace not counted): o r d e e r _ t w o _ p x = 13, wrong 2 (e for r, x
    for i) -> accuracy 11 / 13 = 84.62 (the corrected mistake still counts)
    presses per second [2, 2, 2, 3, 4] -> raw/s [24, 24, 24, 36, 48]; mean 31.2,
    sd sqrt(460.8 / 5) = 9.6, cov 0.307692, x = 0.317954, tanh = 0.307655 -> 69.23
    """
    log = [(0.0, "o"), (0.5, "r"), (1.0, "d"), (1.5, "e"), (2.0, "e"), (2.2, BACKSPACE), (2.5, "r"),
           (3.0, " "), (3.5, "t"), (3.8, "w"), (4.0, "o"), (4.2, " "), (4.5, "p"), (4.8, "x")]
    r = replay("order two pizzas", log, duration=5)
    assert r.seconds == 5.0 and not r.completed
    assert (r.wpm, r.raw, r.accuracy) == (24.0, 28.8, 84.62)
    assert r.raw_per_second == [24.0, 24.0, 24.0, 36.0, 48.0]
    assert r.consistency == pytest.approx(69.23, abs=0.005)
    assert r.errors_per_key == {"r": 1, "i": 1}
    assert (r.key_presses, r.wrong_presses, r.incorrect_chars) == (13, 2, 1)


def test_correct_partial_word_counts_when_time_runs_out() -> None:
    """'pi' of 'pizzas' is right so far: in a timed test it counts (monkeytype's time mode).

    'ab' + space + 'pi' in a 2-second test: correct word chars 2 + 2, correct space 1
    -> wpm = 5 * 30 / 5 = 30.0
    """
    r = replay("ab pizzas", [(0.0, "a"), (0.2, "b"), (0.4, " "), (0.6, "p"), (0.8, "i")], duration=2)
    assert r.wpm == 30.0


def test_wrong_word_and_extra_letters() -> None:
    """'cat' typed as 'catt', then the space: the extra t and the space are wrong presses.

    count_chars: 'catt' vs 'cat' -> 3 correct, 1 extra; not a correct word.
    """
    c = count_chars(["catt", "do"], ["cat", "dog"], timed=False)
    assert (c.correct_word_chars, c.all_correct_chars, c.extra_chars, c.missed_chars) == (0, 5, 1, 1)
    test = TypingTest("cat dog", 30)
    for t, k in steady("catt dog", 0.1):
        test.press(k, t)
    r = test.result()
    assert r.errors_per_key == {"space": 2}  # the extra 't' (a space was due) and the space
    assert r.accuracy == round(100 * 6 / 8, 2)


def test_space_at_word_start_is_ignored_and_backspace_into_wrong_word() -> None:
    test = TypingTest("one two", 30)
    for t, k in [(0.0, " "), (0.1, "o"), (0.2, "x"), (0.3, " "), (0.4, BACKSPACE), (0.5, BACKSPACE),
                 (0.6, "n"), (0.7, "e"), (0.8, " ")]:
        test.press(k, t)
    assert test.words == ["one", ""]
    # a right word cannot be re-entered with backspace
    test.press(BACKSPACE, 0.9)
    assert test.words == ["one", ""]


def test_clock_starts_at_first_key_and_time_limit_ends_the_test() -> None:
    test = TypingTest("alpha beta gamma", 30)
    assert not test.time_up(100.0)  # not started: no time passes
    test.press("a", 100.0)
    assert test.remaining(110.0) == pytest.approx(20.0)
    assert test.time_up(131.0) and test.end == 130.0 and test.ended_by == "time"
    test.press("l", 131.0)  # after the end: ignored
    assert test.words == ["a"]
    assert test.result().seconds == 30.0


def test_key_log_round_trip() -> None:
    """Replaying the test's own log gives the same result (what scripted runs rely on)."""
    test = TypingTest("the quick brown fox", 60, "p")
    for t, k in [(0.0, "t"), (0.3, "h"), (0.5, "r"), (0.6, BACKSPACE), (0.9, "e"), (1.2, " "), (1.4, "q")]:
        test.press(k, t)
    first = test.result(10.0)
    again = replay("the quick brown fox", [(k.t, k.key) for k in test.log], duration=60, end=10.0,
                   passage_id="p")
    assert again.as_dict() == first.as_dict()
