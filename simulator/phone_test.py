"""The interview phone test: read a passage aloud, get a diction score, then take a call.

`ReadAloud` loads Whisper once and scores recordings against their text (a file, the
microphone, or audio already in memory); `score_manifest` is the stable batch contract
behind `callsim phone-test score --manifest`; `save_attempt` keeps the result with an
attempt in the store, so the phone test shows in history next to calls.

The scoring itself is pure and lives in `scoring/reading.py`; this module only gets
the recording in shape (`simulator/speech/audio_check.py`: converted where that is
sound, refused with a clear message where not) and runs the models
(`simulator/speech/pronunciation.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from scoring.reading import score_reading
from scoring.types import Evidence, Score, Scorecard, Tip
from simulator.passages import Passage
from simulator.speech.audio_check import AudioProblem, Checked, check, load
from simulator.speech.types import Audio
from simulator.transcript import Event, Transcript

PASS_MARK = 60
SCENARIO_PREFIX = "phone-test:"


class ReadAloud:
    """Whisper (and Piper for the neutral reference reading), loaded once per run."""

    def __init__(self, recognizer: Any = None, *, reference: bool = True) -> None:
        from simulator.speech.pronunciation import PronunciationProbe

        self.probe = PronunciationProbe(recognizer, reference=reference)

    def _analyse(self, checked: Checked, text: str) -> dict[str, Any]:
        analysis = self.probe.analyse(checked.audio, text, measures=checked.measures)
        analysis["notes"] = list(checked.notes)
        analysis["warnings"] = list(checked.warnings)
        return analysis

    def analyse_file(self, path: Path | str, text: str) -> dict[str, Any]:
        """Analysis dict of a WAV file read against `text`; AudioProblem if unusable."""
        return self._analyse(load(path), text)

    def analyse_audio(self, audio: Audio, text: str, *, source: str = "recording") -> dict[str, Any]:
        return self._analyse(check(audio, source=source), text)

    @staticmethod
    def result(analysis: dict[str, Any]) -> dict[str, Any]:
        """The scored result of an analysis, with any conversion notes and warnings."""
        out = score_reading(analysis)
        if analysis.get("notes"):
            out["notes"] = analysis["notes"]
        if analysis.get("warnings"):
            out["warnings"] = analysis["warnings"]
            out["reasons"] = [*out["reasons"], *analysis["warnings"]]
        return out

    def score_file(self, path: Path | str, text: str) -> dict[str, Any]:
        return self.result(self.analyse_file(path, text))

    def score_audio(self, audio: Audio, text: str) -> dict[str, Any]:
        return self.result(self.analyse_audio(audio, text))


def _line_error(item_id: Any, message: str) -> dict[str, Any]:
    return {"id": item_id, "error": message}


def score_manifest(lines: Iterable[str], base: Path, reader: ReadAloud | Any) -> Iterator[dict[str, Any]]:
    """One output dict per non-blank input line, in order: `{"id", "diction": {...}}` or
    `{"id", "error"}`. Never raises for a bad line or a bad recording."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield _line_error(None, f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            yield _line_error(None, f"line {number}: expected an object with id, audio and text")
            continue
        item_id = item.get("id")
        audio, text = item.get("audio"), item.get("text")
        if not isinstance(audio, str) or not audio.strip():
            yield _line_error(item_id, f"line {number}: 'audio' (a WAV path) is missing")
            continue
        if not isinstance(text, str) or not text.strip():
            yield _line_error(item_id, f"line {number}: 'text' (what was read) is missing")
            continue
        path = Path(audio)
        if not path.is_absolute():
            path = base / path
        try:
            yield {"id": item_id, "diction": reader.score_file(path, text)}
        except AudioProblem as exc:
            yield _line_error(item_id, str(exc))
        except Exception as exc:  # a model failure on one clip must not stop the batch
            yield _line_error(item_id, f"could not score: {type(exc).__name__}: {exc}")


def scorecard(passage: Passage, result: dict[str, Any]) -> Scorecard:
    """The phone test's read-aloud result as a Scorecard, so history and the app show it
    like any call: one dimension, diction, with its reasons and unclear words."""
    value = float(result["score"])
    unclear = result.get("unclear_words", [])
    tips = []
    if unclear:
        tips.append(Tip("Practise these words slowly, then at speed: " + ", ".join(unclear[:6]) + ".",
                        round(100 - value, 1)))
    if result.get("pace", 100) < 100:
        tips.append(Tip("Read at about 150 words a minute: not rushed, no long gaps.",
                        round(100 - float(result["pace"]), 1)))
    ev = [Evidence(1, passage.text[:120], "the passage read aloud")]
    score = Score("diction", round(value, 1), value >= PASS_MARK, list(result["reasons"]), ev, tips,
                  {"phone_test": result, "passage_id": passage.id, "unclear_words": unclear})
    return Scorecard(SCENARIO_PREFIX + passage.id, round(value, 1), value >= PASS_MARK, PASS_MARK,
                     {"diction": score}, tips, {"diction": 1.0})


def transcript_for(passage: Passage, analysis: dict[str, Any], trainee: str) -> Transcript:
    """The read-aloud as a two-event transcript: the passage shown, what was heard."""
    events = [
        Event(turn=1, speaker="system", kind="note", text=f"Read aloud: {passage.title}. {passage.text}"),
        Event(turn=2, speaker="operator", kind="say", text=analysis.get("text_heard") or "(nothing heard)",
              words=list(analysis.get("words") or []), audio=dict(analysis.get("audio") or {})),
    ]
    return Transcript(scenario_id=SCENARIO_PREFIX + passage.id, trainee=trainee, mode="phone_test",
                      finished=True, ended_by="operator", events=events)


def save_attempt(store: Any, passage: Passage, analysis: dict[str, Any], result: dict[str, Any],
                 trainee: str = "", audio: Audio | None = None, recordings: Any = None) -> int:
    """Store the read-aloud as an attempt (events, scorecard, recording if given)."""
    transcript = transcript_for(passage, analysis, trainee)
    for event in transcript.events:
        store.record(transcript, event)
    store.finish(transcript)
    attempt = int(store.save_scorecard(transcript, scorecard(passage, result).as_dict()))
    if audio is not None and recordings is not None:
        recordings.save(attempt, 2, "operator", audio, [])
    return attempt
