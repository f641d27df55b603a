"""The voice set-up a trainee keeps between runs, and the rules turn-taking uses on words.

No audio here: these are the plain decisions (remembered pause setting and echo
cancelling, the windows they select, what counts as a backchannel or as the customer's
own words coming back); test_voice_turns.py runs them on real audio.
"""

from __future__ import annotations

import json

import pytest

from simulator.speech.config import WINDOWS, SpeechConfig
from simulator.speech.prefs import VoicePrefs
from simulator.speech.text import is_backchannel, trails_off


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ("CALLSIM_EOT", "CALLSIM_PAUSE", "CALLSIM_ECHO_CANCEL", "CALLSIM_END_SILENCE_MS",
                 "CALLSIM_MAX_END_SILENCE_MS", "CALLSIM_SPECULATE_MS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CALLSIM_CONFIG_DIR", str(tmp_path / "config"))


def test_pause_setting_is_remembered_between_runs(tmp_path):
    assert VoicePrefs.load().pause == "normal"
    VoicePrefs(pause="long", echo_cancel="on").save()
    again = VoicePrefs.load()
    assert (again.pause, again.echo_cancel) == ("long", "on")
    config = SpeechConfig.from_env()
    assert (config.end_silence_ms, config.max_end_silence_ms) == WINDOWS[("vad", "long")]
    assert config.echo_cancel == "on"


def test_damaged_or_strange_prefs_file_means_defaults(tmp_path):
    path = tmp_path / "config" / "voice.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert VoicePrefs.load() == VoicePrefs()
    path.write_text(json.dumps({"pause": "forever", "echo_cancel": 3}), encoding="utf-8")
    assert VoicePrefs.load() == VoicePrefs()


def test_environment_overrides_the_remembered_setting(monkeypatch):
    VoicePrefs(pause="long").save()
    monkeypatch.setenv("CALLSIM_PAUSE", "normal")
    monkeypatch.setenv("CALLSIM_EOT", "silence")
    config = SpeechConfig.from_env()
    assert (config.eot, config.end_silence_ms, config.max_end_silence_ms) == ("silence", 300, 700)


def test_long_pauses_stretch_both_windows():
    for eot in ("vad", "silence"):
        short, long = WINDOWS[(eot, "normal")]
        short_l, long_l = WINDOWS[(eot, "long")]
        assert short_l > short and long_l > long


def test_voice_settings_command_saves_and_shows(tmp_path):
    from click.testing import CliRunner

    from simulator.cli import main

    result = CliRunner().invoke(main, ["voice-settings", "--pause", "long", "--echo-cancel", "off"])
    assert result.exit_code == 0, result.output
    assert "pause: long" in result.output and "echo cancel: off" in result.output
    assert VoicePrefs.load() == VoicePrefs(pause="long", echo_cancel="off")
    shown = CliRunner().invoke(main, ["voice-settings"])
    assert "pause: long" in shown.output


@pytest.mark.parametrize("text", ["Mm-hm.", "mm-hmm", "Right.", "Okay, yeah.", "Uh-huh", "I see."])
def test_backchannels(text):
    assert is_backchannel(text)


@pytest.mark.parametrize("text", ["Sorry, can I stop you there?", "Right, let me check that.", "", "No."])
def test_not_backchannels(text):
    assert not is_backchannel(text)


def test_a_short_hum_whisper_wrote_as_words_is_a_backchannel():
    assert is_backchannel("And I'm hm,", seconds=0.5)
    assert not is_backchannel("And I'm hm,", seconds=1.5)
    assert not is_backchannel("And I'm hm,")
    assert is_backchannel("And then the cham,", seconds=0.45)
    assert not is_backchannel("Sorry, wait.", seconds=0.45)
    assert not is_backchannel("I need the order number", seconds=0.45)


def test_own_echo_is_the_customer_line_coming_back():
    pytest.importorskip("speech_recognition")
    from simulator.speech.listener import is_own_echo

    line = "This is the third time I'm calling. Where is my pizza?"
    assert is_own_echo("third time I'm calling, where is my", line)
    assert not is_own_echo("Sorry, let me stop you there.", line)
    assert not is_own_echo("", line)


def test_echo_is_cancelled_unless_a_headset_is_in_use():
    from simulator.speech.kit import echo_cancel_wanted

    auto = SpeechConfig(echo_cancel="auto")
    assert echo_cancel_wanted(auto, headset=False) and not echo_cancel_wanted(auto, headset=True)
    assert echo_cancel_wanted(SpeechConfig(echo_cancel="on"), headset=True)
    assert not echo_cancel_wanted(SpeechConfig(echo_cancel="off"), headset=False)


def test_trailing_words_versus_a_trailing_comma():
    assert trails_off("So what I can do is") and trails_off("the number is, um,") and trails_off("well...")
    assert not trails_off("Can I have the order number,") and not trails_off("I can help.")
