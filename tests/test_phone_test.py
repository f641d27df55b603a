"""The phone test without speech models: passages, bad audio, the manifest contract, the
read-aloud scorer on hand-made analyses, saving, and the app screen (with a WAV, no mic).

The real-audio tests (Piper speaking, Whisper listening, speechocean762 clips) are in
test_phone_test_audio.py and are marked slow.
"""

from __future__ import annotations

import asyncio
import json
import struct
import wave
from pathlib import Path
from typing import Any

import pytest

from scoring.reading import score_reading, unclear_reference_words
from simulator.passages import (
    PASSAGES_DIR,
    check_passage_text,
    load_passages,
    passage_files,
    resolve_passage,
)
from simulator.phone_test import ReadAloud, save_attempt, score_manifest, scorecard
from simulator.store import Store

np = pytest.importorskip("numpy")

from simulator.speech import audio_check  # noqa: E402  (needs numpy)
from simulator.speech.types import Audio  # noqa: E402

TEXT = "Thank you for waiting, let me read your order back to you."


# -- passages -------------------------------------------------------------------------------
def test_shipped_passages_load_and_fit_the_brief() -> None:
    files = passage_files()
    passages = load_passages()
    assert len(passages) == len(files) >= 3
    for p in passages:
        assert 40 <= p.words <= 80, p.id
        assert (PASSAGES_DIR / f"{p.id}.yaml").exists()
    assert resolve_passage(passages[0].id).text == passages[0].text


def test_passage_problems_have_file_and_line() -> None:
    bad = "id: short-one\ntitle: Short\ntext: Too short to judge.\ncolour: red\n"
    passage, problems = check_passage_text(bad, "short-one.yaml")
    assert passage is None
    messages = {p.line: p.message for p in problems}
    assert any("text has 4 words" in m for m in messages.values())
    assert 4 in messages and "unknown field 'colour'" in messages[4]
    _, problems = check_passage_text("id: x\ntitle: [unclosed\n", "x.yaml")
    assert problems and problems[0].file == "x.yaml" and problems[0].line >= 1


def test_unknown_passage_suggests_a_near_one() -> None:
    with pytest.raises(FileNotFoundError, match="Did you mean 'order-confirmation'"):
        resolve_passage("order-confirmaton")


# -- bad audio --------------------------------------------------------------------------------
def tone(seconds: float = 1.5, rate: int = 16_000, amp: float = 0.3) -> Any:
    t = np.arange(int(seconds * rate)) / rate
    env = (np.sin(2 * np.pi * 3 * t) > -0.2).astype(np.float32)  # syllable-like bursts
    return (amp * np.sin(2 * np.pi * 180 * t) * env).astype(np.float32)


def write(path: Path, samples: Any, rate: int = 16_000, channels: int = 1, width: int = 2) -> Path:
    data = np.repeat(samples[:, None], channels, axis=1).reshape(-1) if channels > 1 else samples
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        if width == 2:
            w.writeframes((np.clip(data, -1, 1) * 32767).astype("<i2").tobytes())
        elif width == 1:
            w.writeframes((np.clip(data, -1, 1) * 127 + 128).astype(np.uint8).tobytes())
        else:
            v = (np.clip(data, -1, 1) * 8388607).astype(np.int32)
            w.writeframes(np.stack([v & 255, (v >> 8) & 255, (v >> 16) & 255], 1).astype(np.uint8).tobytes())
    return path


def put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def float_wav(path: Path, samples: Any, rate: int = 16_000) -> Path:
    data = samples.astype("<f4").tobytes()
    fmt = struct.pack("<HHIIHH", 3, 1, rate, rate * 4, 4, 32)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"data" + struct.pack("<I", len(data)) + data)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


@pytest.mark.parametrize(("name", "make", "message"), [
    ("missing", lambda p: p / "nope.wav", "no such file"),
    ("empty-file", lambda p: put(p / "e.wav", b""), r"empty \(0 bytes\)"),
    ("not-wav", lambda p: put(p / "n.wav", b"ID3 this is an mp3"), "not a WAV"),
    ("no-samples", lambda p: write(p / "z.wav", np.zeros(0, np.float32)), "no audio"),
    ("too-short", lambda p: write(p / "s.wav", tone(0.1)), "too short"),
    ("silent", lambda p: write(p / "q.wav", np.zeros(32000, np.float32)), "silent"),
    ("hum", lambda p: write(p / "h.wav", 0.05 * np.ones(32000, np.float32)), "no speech"),
])
def test_bad_audio_gets_a_clear_message(tmp_path: Path, name: str, make: Any, message: str) -> None:
    with pytest.raises(audio_check.AudioProblem, match=message):
        audio_check.load(make(tmp_path))


def test_compressed_wav_is_refused_with_a_fix(tmp_path: Path) -> None:
    path = float_wav(tmp_path / "alaw.wav", tone())
    data = bytearray(path.read_bytes())
    data[20:22] = struct.pack("<H", 6)  # WAVE_FORMAT_ALAW
    path.write_bytes(bytes(data))
    with pytest.raises(audio_check.AudioProblem, match=r"unsupported WAV encoding.*uncompressed PCM"):
        audio_check.load(path)


@pytest.mark.parametrize(("kwargs", "note"), [
    ({"rate": 44_100, "channels": 2}, "2 channels mixed down"),
    ({"rate": 8_000}, "resampled from 8000 Hz"),
    ({"width": 3}, "24-bit"),
    ({"width": 1}, "8-bit"),
])
def test_other_formats_are_converted_with_a_note(tmp_path: Path, kwargs: dict[str, int], note: str) -> None:
    rate = kwargs.get("rate", 16_000)
    checked = audio_check.load(write(tmp_path / "x.wav", tone(rate=rate), **kwargs))
    assert checked.audio.rate == 16_000
    assert abs(checked.audio.seconds - 1.5) < 0.05
    assert any(note in n for n in checked.notes), checked.notes


def test_float_wav_is_read(tmp_path: Path) -> None:
    checked = audio_check.load(float_wav(tmp_path / "f.wav", tone()))
    assert any("32-bit float" in n for n in checked.notes)


def test_clipped_audio_is_scored_but_flagged(tmp_path: Path) -> None:
    checked = audio_check.load(write(tmp_path / "c.wav", np.clip(tone(amp=3.0), -1, 1)))
    assert checked.warnings and "clipped" in checked.warnings[0]


def test_truncated_data_chunk_keeps_what_is_there(tmp_path: Path) -> None:
    path = write(tmp_path / "t.wav", tone(2.0))
    path.write_bytes(path.read_bytes()[:-16000])  # header still says 2 s
    assert abs(audio_check.load(path).audio.seconds - 1.5) < 0.05


# -- the read-aloud scorer on hand-made analyses ----------------------------------------------
def analysis(text: str = TEXT, p: float = 0.9, heard: str | None = None, slow: float = 1.0,
             low: frozenset[str] = frozenset()) -> dict[str, Any]:
    words = text.split()
    heard_words = (heard if heard is not None else text).split()
    t, timed = 0.3, []
    for w in heard_words:
        timed.append({"word": w, "start": t, "end": t + 0.3 * slow, "probability": 0.9})
        t += 0.35 * slow
    forced = [{"word": w, "p": 0.05 if w.strip(",.") in low else p, "p_min": p, "p_first": p}
              for w in words]
    span = t - 0.3
    return {"text": text, "text_heard": " ".join(heard_words), "words": timed, "forced": forced,
            "forced_prior": [{"word": w, "p": 0.01} for w in words],
            "forced_reference": [{"word": w, "p": 0.8} for w in words],
            "forced_heard": [{"word": w, "p": 0.9} for w in heard_words],
            "audio": {"span_s": span, "speech_s": span, "pauses": 0, "pause_s": 0.0,
                      "longest_pause_s": 0.0, "lead_s": 0.3, "trail_s": 0.3, "level_db_std": 3.0,
                      "snr_db": 40.0}}


def test_good_reading_beats_a_poor_one() -> None:
    good = score_reading(analysis())
    poor = score_reading(analysis(p=0.1, heard="thank you for the order back"))
    assert 0 <= poor["score"] < good["score"] <= 100
    assert good["completeness"] == 100 and poor["completeness"] < 60
    assert poor["unclear_words"] and not good["unclear_words"]
    for key in ("accuracy", "fluency", "pace_wpm", "reasons", "heard"):
        assert key in good
    assert any("norm" in r for r in good["reasons"])


def test_too_little_speech_for_the_text_is_scaled_down() -> None:
    passage = load_passages()[0]
    full = analysis(passage.text)
    words = passage.text.split()
    short = analysis(passage.text, heard=" ".join(words[:6]))  # six words of sixty-odd
    assert score_reading(short)["score"] < 0.5 * score_reading(full)["score"]
    assert score_reading(short)["reasons"][0].startswith(("too little speech", "much of the passage"))


def test_unclear_words_are_the_weak_ones() -> None:
    a = analysis(low=frozenset({"waiting", "order"}))
    assert unclear_reference_words(a) == ["waiting", "order"]


def test_slow_reading_loses_pace() -> None:
    normal, slow = score_reading(analysis()), score_reading(analysis(slow=2.5))
    assert slow["pace_wpm"] < normal["pace_wpm"]
    assert slow["pace"] < normal["pace"]


# -- the manifest contract (with a stand-in reader) ----------------------------------------------
class CannedReader:
    """ReadAloud with the models replaced by a canned analysis; audio is checked for real."""

    def analyse_file(self, path: Path, text: str) -> dict[str, Any]:
        checked = audio_check.load(path)
        out = analysis(text)
        out["notes"], out["warnings"] = checked.notes, checked.warnings
        return out

    def analyse_audio(self, audio: Audio, text: str, source: str = "") -> dict[str, Any]:
        audio_check.check(audio, source=source)
        return analysis(text)

    result = staticmethod(ReadAloud.result)

    def score_file(self, path: Path, text: str) -> dict[str, Any]:
        return self.result(self.analyse_file(path, text))


def test_manifest_lines_one_out_per_line_in_order(tmp_path: Path) -> None:
    write(tmp_path / "good.wav", tone())
    write(tmp_path / "quiet.wav", np.zeros(16000, np.float32))
    lines = [
        json.dumps({"id": "a", "audio": "good.wav", "text": TEXT}),
        "",
        "{not json",
        json.dumps({"id": "b", "audio": "quiet.wav", "text": TEXT}),
        json.dumps({"id": "c", "text": TEXT}),
        json.dumps({"id": "d", "audio": "good.wav"}),
        json.dumps({"id": "e", "audio": "gone.wav", "text": TEXT}),
        json.dumps([1, 2]),
    ]
    out = list(score_manifest(lines, tmp_path, CannedReader()))
    assert [o["id"] for o in out] == ["a", None, "b", "c", "d", "e", None]
    assert 0 <= out[0]["diction"]["score"] <= 100
    errors = [o["error"] for o in out[1:]]
    assert "not JSON" in errors[0] and "silent" in errors[1] and "'audio'" in errors[2]
    assert "'text'" in errors[3] and "no such file" in errors[4] and "expected an object" in errors[5]
    assert all("diction" not in o for o in out[1:])


def test_saved_attempt_shows_in_history(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'pt.db'}")
    passage = load_passages()[0]
    a = analysis(passage.text)
    result = ReadAloud.result(a)
    attempt = save_attempt(store, passage, a, result, "cand-7")
    rows = store.attempts(trainee="cand-7")
    assert rows[0]["id"] == attempt and rows[0]["mode"] == "phone_test"
    assert rows[0]["overall"] == pytest.approx(result["score"], abs=0.1)
    card = store.scorecard(attempt)
    assert card["scores"]["diction"]["details"]["phone_test"]["score"] == result["score"]
    transcript = store.transcript(attempt)
    assert transcript.events[1].words and transcript.mode == "phone_test"
    assert scorecard(passage, result).scores["diction"].reasons == result["reasons"]


# -- the app screen, with a WAV and no microphone -------------------------------------------------
def test_app_phone_test_screen_scores_a_wav(tmp_path: Path) -> None:
    pytest.importorskip("textual")
    from textual.widgets import Button, Input, Static
    from tui_helpers import settle

    import tui
    from simulator.script import VirtualClock
    from tui_phone_test import PhoneTestScreen

    wav = write(tmp_path / "reading.wav", tone(3.0))
    store = Store(f"sqlite:///{tmp_path / 'tui.db'}")
    app = tui.make_app(store=store, config_dir=tmp_path / "config", seed=0, clock=VirtualClock(),
                       trainee="cand-1")

    async def main() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            app.push_screen(PhoneTestScreen(reader=CannedReader, microphone=False))
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PhoneTestScreen)
            status = str(screen.query_one("#pt-status", Static).render())
            assert "No microphone found" in status and "WAV" in status
            assert screen.query_one("#pt-record", Button).disabled
            screen.query_one("#pt-wav", Input).value = str(tmp_path / "missing.wav")
            await pilot.click("#pt-score-wav")
            await settle(pilot)
            assert "no such file" in str(screen.query_one("#pt-status", Static).render())
            box = screen.query_one("#pt-wav", Input)
            box.value = str(wav)
            box.focus()  # Enter in the path box scores it too (the error's toast may cover the button)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.result is not None, str(screen.query_one("#pt-status", Static).render())
            shown = str(screen.query_one("#pt-result", Static).render())
            assert "Diction" in shown and "Saved as attempt" in shown
            assert not screen.query_one("#pt-call", Button).disabled
            assert app.focused is screen.query_one("#pt-call", Button)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "CallScreen"

    asyncio.run(main())
    modes = [r["mode"] for r in store.attempts(trainee="cand-1")]
    assert "phone_test" in modes  # the read-aloud, saved; the call follows as its own attempt
