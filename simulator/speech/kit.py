"""Put the live speech parts together for a call, or say plainly why not.

One place decides what a voice call gets on this machine: Piper or the system voice
for the customer, Whisper (or PocketSphinx) on the microphone, and what to tell the
trainee when a part is missing. Each missing part is one short note; nothing here
raises for a missing device or extra.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.speech.cache import BusyGate
from simulator.speech.config import SpeechConfig
from simulator.speech.devices import AudioDevices, probe
from simulator.speech.types import SpeechUnavailable


@dataclass
class VoiceKit:
    speech_in: Any | None = None
    speech_out: Any | None = None
    notes: list[str] = field(default_factory=list)
    gate: BusyGate = field(default_factory=BusyGate)

    def close(self) -> None:
        for part in (self.speech_in, self.speech_out):
            close = getattr(part, "close", None)
            if close is not None:
                close()


def make_synth(config: SpeechConfig) -> Any:
    """Piper unless configured otherwise; the other engine if the first cannot start."""
    from simulator.speech.piper_tts import PiperSynth
    from simulator.speech.pyttsx3_tts import Pyttsx3Synth

    order = [Pyttsx3Synth, PiperSynth] if config.tts == "pyttsx3" else [PiperSynth, Pyttsx3Synth]
    problems = []
    for engine in order:
        try:
            return engine()
        except SpeechUnavailable as exc:
            problems.append(str(exc))
    raise SpeechUnavailable("no speech synthesiser: " + "; ".join(problems))


def make_recognizer(config: SpeechConfig) -> Any:
    """Whisper unless configured otherwise; PocketSphinx only when Whisper cannot run."""
    from simulator.speech.sphinx_stt import SphinxRecognizer
    from simulator.speech.whisper_stt import WhisperRecognizer

    if config.stt == "sphinx":
        return SphinxRecognizer()
    try:
        return WhisperRecognizer(config)
    except SpeechUnavailable as first:
        try:
            return SphinxRecognizer()
        except SpeechUnavailable:
            raise first from None


def open_kit(config: SpeechConfig | None = None, *, devices: AudioDevices | None = None,
             calibrate_s: float = 0.5, want_input: bool = True, want_output: bool = True) -> VoiceKit:
    """Live speech in and out where this machine allows; notes for what it does not."""
    config = config or SpeechConfig.from_env()
    kit = VoiceKit()
    devices = devices or probe(want_microphone=want_input, want_speaker=want_output)
    speak = want_output and config.tts != "silent"
    if speak and devices.speaker:
        try:
            from simulator.speech.playback import PyAudioPlayer
            from simulator.speech.speaker import SynthSpeechOut

            kit.speech_out = SynthSpeechOut(make_synth(config), PyAudioPlayer(), gate=kit.gate)
        except SpeechUnavailable as exc:
            kit.notes.append(f"The customer will be shown as text: {exc}")
    elif speak:
        kit.notes.append("No audio output found: the customer's lines are shown as text.")
    if want_input and devices.microphone:
        try:
            from simulator.speech.listener import VoiceListener
            from simulator.speech.sources import microphone

            kit.speech_in = VoiceListener(make_recognizer(config), microphone(), config=config,
                                          gate=kit.gate, calibrate_s=calibrate_s)
        except SpeechUnavailable as exc:
            kit.notes.append(f"Speech input is off: {exc}")
    elif want_input and "install it with" in devices.problem:  # the voice extra is missing
        kit.notes.append(f"No microphone: {devices.problem}: type what you say.")
    elif want_input:
        kit.notes.append("No microphone found: type what you say.")
    return kit
