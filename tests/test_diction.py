"""The diction scorer on hand-made word timings and audio measurements.

No audio and no models here: the scorer is a pure function of what a voice call stores
on each operator line (`Event.words`, `Event.audio`), so each case builds those by hand
and checks the direction of the score and the reason given.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from scoring import score_call
from scoring.diction import DictionScorer
from scoring.diction_features import lcs_match, speech_features, syllables, unclear_words
from scoring.diction_norms import ALL, PACE_CALL
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.session import Session
from simulator.transcript import Event, Transcript

SCENARIO = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
LINES = [
    "Hello, thank you for calling Pizza Planet, my name is Amy, how can I help you today?",
    "I am so sorry your order is late, let me look into that for you right away.",
    "Could I have the phone number on the order please, so I can find it quickly?",
    "Thank you, I can see it now, the driver will be with you in about ten minutes.",
]


def timed(text: str, *, word_s: float = 0.36, gap_s: float = 0.04, prob: float = 0.95,
          pause_after: dict[int, float] | None = None, low: set[str] | None = None) -> list[dict[str, Any]]:
    """Word dicts as the recogniser stores them: `word_s` per word, `gap_s` between."""
    out, t = [], 0.3
    for i, w in enumerate(text.split()):
        p = 0.2 if low and w.strip(",.?") in low else prob
        out.append({"word": w, "start": round(t, 3), "end": round(t + word_s, 3), "probability": p})
        t += word_s + gap_s + (pause_after or {}).get(i, 0.0)
    return out


def audio_for(words: list[dict[str, Any]], **over: Any) -> dict[str, Any]:
    span = words[-1]["end"] - words[0]["start"]
    gaps = [b["start"] - a["end"] for a, b in itertools.pairwise(words)]
    pauses = [g for g in gaps if g >= 0.25]
    base = {"duration_s": span + 0.6, "speech_s": span - sum(pauses), "span_s": span, "lead_s": 0.3,
            "trail_s": 0.3, "pauses": len(pauses), "pause_s": sum(pauses),
            "longest_pause_s": max(pauses, default=0.0), "level_db": -24.0, "level_db_std": 3.0,
            "clipped_ratio": 0.0, "peak_db": -6.0, "snr_db": 40.0, "voiced_pitch_s": span * 0.6,
            "f0_range_st": 3.5}
    base.update(over)
    return base


def voice_call(make: Any = None, **audio_over: Any) -> Transcript:
    events = [Event(turn=1, speaker="customer", text="Where is my pizza?")]
    for i, line in enumerate(LINES):
        words = make(line) if make else timed(line)
        events.append(Event(turn=len(events) + 1, speaker="operator", text=line, words=words,
                            audio=audio_for(words, **audio_over)))
        events.append(Event(turn=len(events) + 1, speaker="customer", text=f"Reply {i}."))
    return Transcript(scenario_id=SCENARIO.id, mode="voice", events=events)


def diction(t: Transcript):
    return DictionScorer().score(t, SCENARIO)


def test_text_call_is_not_measured_never_zero() -> None:
    session = Session(SCENARIO, mode="text")
    session.start()
    session.say("Hello, Pizza Planet, this is Amy. I'm so sorry your order is late.")
    score = diction(session.transcript)
    assert score.value is None and score.passed is None
    assert "not measured" in score.reasons[0]
    card = score_call(session.transcript, SCENARIO)
    assert card.scores["diction"].value is None
    assert "diction" not in card.weights_used


def test_clear_even_speech_scores_high_with_reasons() -> None:
    score = diction(voice_call())
    assert score.value is not None and score.value >= 90
    text = " ".join(score.reasons)
    for part in ("clarity", "pace", "pauses", "fillers", "loudness", "pitch"):
        assert part in text
    assert "words/min" in text and "norm" in text
    assert score.details["unclear_words"] == []


def test_unclear_words_are_listed_and_lower_clarity() -> None:
    clear = diction(voice_call())
    low = {"Planet", "order", "driver", "phone", "number", "late", "calling", "help", "minutes"}
    mumbled = diction(voice_call(lambda line: timed(line, low=low)))
    assert mumbled.value < clear.value
    assert mumbled.details["subscores"]["clarity"] < clear.details["subscores"]["clarity"]
    assert {"Planet", "order", "driver"} <= set(mumbled.details["unclear_words"])
    assert any("unclear" in r for r in mumbled.reasons)
    assert any("unclear" in e.note for e in mumbled.evidence)


def test_too_fast_and_too_slow_lose_pace_points() -> None:
    normal = diction(voice_call())
    fast = diction(voice_call(lambda line: timed(line, word_s=0.16, gap_s=0.01)))
    slow = diction(voice_call(lambda line: timed(line, word_s=0.7, gap_s=0.15)))
    assert normal.details["subscores"]["pace"] == 100
    assert fast.details["wpm"] > PACE_CALL.good_hi and fast.details["subscores"]["pace"] < 80
    assert slow.details["wpm"] < PACE_CALL.good_lo and slow.details["subscores"]["pace"] < 80
    assert any("Slow down" in t.text for t in fast.tips)
    assert any("pace up" in t.text for t in slow.tips)


def test_long_pauses_inside_turns_cost_points() -> None:
    pausy = diction(voice_call(lambda line: timed(line, pause_after={3: 1.8, 8: 1.2})))
    assert pausy.details["subscores"]["pauses"] < 60
    assert pausy.details["longest_pause_s"] >= 1.8
    assert any("pause of" in e.note for e in pausy.evidence)


def test_fillers_per_minute_cost_points() -> None:
    def with_fillers(line: str) -> list[dict[str, Any]]:
        words = line.split()
        words[1:1] = ["um,"]
        words[5:5] = ["uh,"]
        words[9:9] = ["um"]
        return timed(" ".join(words))

    filled = diction(voice_call(with_fillers))
    assert filled.details["fillers"] == 12
    assert filled.details["subscores"]["fillers"] < 50
    assert any("um" in t.text for t in filled.tips)


def test_clipping_and_monotone_are_reported() -> None:
    clipped = diction(voice_call(clipped_ratio=0.02))
    assert clipped.details["subscores"]["loudness"] == 0
    assert any("clips" in t.text for t in clipped.tips)
    flat = diction(voice_call(f0_range_st=0.6))
    assert flat.details["subscores"]["pitch"] == 0
    unmeasured = diction(voice_call(voiced_pitch_s=0.2))
    assert "pitch" not in unmeasured.details["subscores"]
    assert any(r.startswith("pitch: not measured") for r in unmeasured.reasons)


def test_voice_call_without_audio_measurements_still_scores_from_words() -> None:
    events = [Event(turn=1, speaker="operator", text=LINES[0], words=timed(LINES[0])),
              Event(turn=2, speaker="operator", text=LINES[1], words=timed(LINES[1]))]
    score = diction(Transcript(scenario_id=SCENARIO.id, mode="voice", events=events))
    assert score.value is not None
    assert any("loudness: not measured" in r for r in score.reasons)


def test_too_few_words_is_not_measured() -> None:
    events = [Event(turn=1, speaker="operator", text="Yes.", words=timed("Yes."))]
    score = diction(Transcript(scenario_id=SCENARIO.id, mode="voice", events=events))
    assert score.value is None and "not measured" in score.reasons[0]


def test_voice_scorecard_includes_diction_and_round_trips() -> None:
    card = score_call(voice_call(), SCENARIO)
    assert card.scores["diction"].value is not None
    from scoring.types import Scorecard

    again = Scorecard.from_dict(card.as_dict())
    assert again.scores["diction"].details["unclear_words"] == []


def test_session_stores_audio_measurements_on_the_event() -> None:
    session = Session(SCENARIO, mode="voice")
    session.start()
    events = session.say(LINES[0], words=timed(LINES[0]), audio={"level_db": -20.0})
    assert events[0].audio == {"level_db": -20.0}
    again = Transcript.model_validate_json(session.transcript.to_json())
    assert again.events[events[0].turn - 1].audio == {"level_db": -20.0}


def test_feature_helpers() -> None:
    assert syllables("pizza") == 2 and syllables("the") == 1 and syllables("delivery") >= 3
    assert lcs_match(["two", "large", "pepperoni", "pizzas"], ["um", "two", "large", "uh", "pizzas"]) == \
        [True, True, False, True]
    assert lcs_match(["five", "three"], ["5", "3"]) == [True, True]
    words = timed("um hello there", pause_after={1: 1.0})
    f = speech_features(words, None)
    assert f["fillers"] == 1 and f["pauses"] == 1 and f["words"] == 2
    found = unclear_words([{"word": "hello", "probability": 0.3}, {"word": "uh", "probability": 0.1}])
    assert found == ["hello"]


@pytest.mark.parametrize("norm", ALL, ids=lambda n: n.name)
def test_every_norm_says_where_it_comes_from(norm: Any) -> None:
    assert norm.source and norm.unit
    inside = norm.good_lo if norm.good_lo > float("-inf") else norm.good_hi
    assert norm.score(inside) == 100
