"""Voice calls without audio: the speech package's pure parts and the call loop on fakes.

These run without the `voice` extra (numpy, Whisper, Piper...) installed: the loop,
barge-in, dead air, the recording notice and PCI helpers are all plain Python.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from simulator.card_words import card_spans, mask_misheard_card, redact_words
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.speech import SilentSpeechOut, TypedSpeechIn, voice_for
from simulator.speech.kit import VoiceKit
from simulator.speech.text import pieces, sentences, sounds_finished, spell_digits
from simulator.speech.voices import VoiceSettings, settings_for
from simulator.speech.wer import corpus_wer, wer
from simulator.voice_call import likely_lines, run_voice_call


@pytest.fixture
def late():
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


# -- package hygiene ---------------------------------------------------------------
def test_simulator_imports_without_loading_speech_engines():
    code = textwrap.dedent("""
        import sys
        import simulator, simulator.session, simulator.speech, simulator.voice_call, simulator.recording
        import simulator.speech.kit, simulator.speech.fakes, simulator.speech.text
        heavy = {"numpy", "faster_whisper", "ctranslate2", "piper", "onnxruntime", "pyttsx3",
                 "speech_recognition", "pyaudio"}
        print(sorted(heavy & set(sys.modules)))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_extra_names_the_install_command(monkeypatch):
    from simulator.speech.extras import need
    from simulator.speech.types import SpeechUnavailable

    with pytest.raises(SpeechUnavailable, match=r"pip install 'callsim\[voice\]'"):
        need("no_such_speech_engine_xyz")


def test_no_devices_path_is_quiet():
    """Without a sound card (or the extra) the probe says so in one line, and nothing
    from ALSA/JACK reaches the terminal."""
    code = ("from simulator.speech.devices import probe; d = probe(); "
            "print(d.microphone, d.speaker, bool(d.problem) or (d.microphone and d.speaker))")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("PULSE")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip().endswith("True")
    assert "ALSA lib" not in out.stderr and "jack" not in out.stderr.lower()


# -- voices --------------------------------------------------------------------------
def test_angry_caller_is_fast_and_sharp_elderly_is_slow(late):
    angry = voice_for(late.persona)
    confused = load_scenario(LIBRARY_DIR / "first-order-confused.yaml").persona
    slow = settings_for(confused.voice, ("elderly", "confused"))
    assert angry.rate > 1.15 and angry.pitch > 1.0 and angry.sharpness > 0
    assert slow.rate < 0.85 and slow.pitch <= 1.0
    assert angry.words_per_minute > slow.words_per_minute
    assert angry.piper_length_scale < slow.piper_length_scale
    assert angry.sentence_gap_s < slow.sentence_gap_s
    assert settings_for(angry) is angry


# -- text ----------------------------------------------------------------------------
def test_pieces_first_clause_sentences_and_card_numbers():
    ps = pieces("This is the third time I am calling, and nobody told me. Where is my pizza?")
    assert [p.text for p in ps] == ["This is the third time I am calling,", "and nobody told me.",
                                    "Where is my pizza?"]
    card = pieces("Okay, it's 4111 1111 1111 1111. Twelve, twenty-seven.")
    assert [p.sensitive for p in card] == [False, True, False]
    assert card[1].text.startswith("four one one one, one one one one")
    assert sentences("It costs 12.50 today. Really?") == ["It costs 12.50 today.", "Really?"]
    assert spell_digits("Call 555-0142 for 2 pizzas") == "Call five five five, zero one four two for 2 pizzas"


def test_sounds_finished():
    assert sounds_finished("Could I have your phone number?")
    assert not sounds_finished("Could I have your, um.")
    assert not sounds_finished("I'll check that and")
    assert not sounds_finished("")


def test_wer():
    assert wer("Thank you for calling Tony's Pizza.", "thank you for calling tony's pizza") == 0
    assert wer("one two three", "1 2 4") == pytest.approx(1 / 3)
    assert corpus_wer([("a b c d", "a b c d"), ("a b", "a x")]) == pytest.approx(1 / 6)


# -- PCI -----------------------------------------------------------------------------
def _words(text: str, step: float = 0.3) -> list[dict]:
    return [{"word": w, "start": i * step, "end": i * step + 0.25, "probability": 0.9}
            for i, w in enumerate(text.split())]


def test_card_digits_are_muted_and_masked_in_words():
    words = _words("So that is for 111, 111, 111, 111, 111, 111 is that right?")
    masked, spans = redact_words(words)
    assert [w["word"] for w in masked][3:10] == ["***", "***,", "***,", "***,", "***,", "***,", "***"]
    assert len(spans) == 1
    start, end = spans[0]
    assert start <= words[3]["start"] and end >= words[9]["end"]
    assert masked[0]["word"] == "So" and masked[-1]["word"] == "right?"


def test_phone_numbers_are_not_muted():
    spans, hit = card_spans(_words("My number is 555 0142 thanks"))
    assert spans == [] and hit == set()


def test_misheard_card_number_is_masked_in_text():
    assert mask_misheard_card("it is for 111, 111, 111, 111, 111, 111") == "it is for **************1111"
    assert mask_misheard_card("call 555-0142") == "call 555-0142"
    valid = "4111 1111 1111 1111"
    assert mask_misheard_card(f"it is {valid}") == f"it is {valid}"  # the session masks and flags it


# -- the call loop on fakes ---------------------------------------------------------
def _call(scenario, store, lines, *, barge=(), seconds_per_line=0.0, seed=7):
    out = SilentSpeechOut(seconds_per_line=seconds_per_line)
    heard = TypedSpeechIn(lines, barge_in=barge)
    echoed: list[str] = []
    transcript = run_voice_call(scenario, store=store, trainee="amy", seed=seed, speech_in=heard,
                                speech_out=out, echo=echoed.append, keyboard=False)
    return transcript, out, echoed


def test_voice_call_on_fakes_speaks_customer_in_persona_voice(late, store):
    transcript, out, echoed = _call(late, store, [
        "Hello, Pizza Planet, this is Amy. I'm so sorry your order is late.",
        "Could I have the phone number on the order?",
    ])
    assert transcript.mode == "voice"
    notes = [e for e in transcript.events if e.speaker == "system"]
    assert "recorded" in notes[0].text and notes[0].turn == 2
    assert any("recorded" in line for line in echoed)
    assert out.texts[0] == transcript.customer_lines[0].text
    assert len(out.said) == len(transcript.customer_lines)
    assert all(s.voice == voice_for(late.persona) for s in out.said)
    op = transcript.operator_lines[0]
    assert op.words and op.words[0]["word"] == "Hello," and op.words[1]["start"] > op.words[0]["start"]
    assert store.transcript(store.attempt_id(transcript)).events[-1].text.startswith("Call ended")


def test_dead_air_is_an_event_the_customer_reacts_to(late, store):
    transcript, _, _ = _call(late, store, ["Hello, Pizza Planet.", None])
    silence = [e for e in transcript.events if "dead_air" in e.techniques]
    assert len(silence) == 1 and silence[0].text == f"[silence {late.dead_air_s:.0f}s]"
    after = transcript.events[transcript.events.index(silence[0]) + 1]
    assert after.speaker == "customer" and "there" in after.text.lower()


def test_barge_in_stops_the_customer_and_counts_as_interrupt(late, store, tmp_path):
    from simulator.store import Store

    line = "I'm listening, go on."
    polite, _, _ = _call(late, store, [line], seconds_per_line=0.3)
    rude, _out, echoed = _call(late, Store(f"sqlite:///{tmp_path / 'b.db'}"), [line], barge=[0],
                              seconds_per_line=1.5)
    op_polite, op_rude = polite.operator_lines[0], rude.operator_lines[0]
    assert "interrupt" not in op_polite.techniques and "interrupt" in op_rude.techniques
    assert any("talked over" in e for e in echoed)
    # an angry caller minds: anger after the interruption is higher than without it
    assert rude.customer_lines[1].anger > polite.customer_lines[1].anger


def test_typed_lines_when_listening_runs_out_end_the_call(late, store):
    transcript, _, _ = _call(late, store, [])
    assert transcript.finished and transcript.ended_by == "operator_left"


def test_no_microphone_falls_back_to_text_with_one_message(late, store, monkeypatch):
    import simulator.speech.kit as kit

    monkeypatch.setattr(kit, "open_kit", lambda *a, **k: VoiceKit(
        notes=["No audio output found: the customer's lines are shown as text.",
               "No microphone found: type what you say."]))
    typed = iter(["Hello, Pizza Planet, this is Amy.", "/end"])
    echoed: list[str] = []
    transcript = run_voice_call(late, store=store, trainee="amy", seed=1, echo=echoed.append,
                                read_line=lambda _prompt: next(typed))
    assert transcript.mode == "text" and transcript.finished
    messages = [e for e in echoed if "No microphone" in e]
    assert len(messages) == 1 and "text call" in messages[0]
    assert transcript.operator_lines[0].text == "Hello, Pizza Planet, this is Amy."


def test_likely_lines_cover_the_scenario(late):
    lines = likely_lines(late)
    assert lines[0] == late.opening[0]
    assert "A voucher? I want my money back, not a voucher." in lines
    assert "It's A-7731." in lines  # a fact line with its value filled in
    assert all("{" not in line for line in lines)


def test_voice_settings_are_hashable_keys():
    assert VoiceSettings(rate=1.2).key() != VoiceSettings().key()
