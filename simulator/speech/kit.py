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

    def text_fallback_message(self) -> str:
        """What the trainee is told when the call goes on typed: why there is no voice in."""
        why = next((n for n in self.notes if not n.startswith("No audio output")),
                   "No microphone found.")
        return f"{why.removesuffix(': type what you say.').rstrip('.')}: carrying on as a text call."

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


def echo_cancel_wanted(config: SpeechConfig, headset: bool | None = None) -> bool:
    """On when asked, off when asked, else on unless a headset is in use."""
    if config.echo_cancel in ("on", "off"):
        return config.echo_cancel == "on"
    if headset is None:
        from simulator.speech.devices import headset_in_use

        headset = headset_in_use()
    return not headset


def open_kit(config: SpeechConfig | None = None, *, devices: AudioDevices | None = None,
             calibrate_s: float = 0.5, want_input: bool = True, want_output: bool = True,
             warm: Any = None) -> VoiceKit:
    """Live speech in and out where this machine allows; notes for what it does not.

    `warm` (default: the app session's warm models, if started) supplies the loaded
    recogniser and voice, so a call starts without loading anything.
    """
    config = config or SpeechConfig.from_env()
    kit = VoiceKit()
    if warm is None:
        from simulator.speech import warm as warm_mod

        warm = warm_mod.shared()
    models = warm.get() if warm else None  # warm=False: load here (the cold baseline)
    devices = devices or probe(want_microphone=want_input, want_speaker=want_output)
    speak = want_output and config.tts != "silent"
    reference = None
    if want_input and devices.microphone and config.eot != "silence" and speak and devices.speaker \
            and echo_cancel_wanted(config):
        from simulator.speech.echo import EchoReference

        reference = EchoReference()
    if speak and devices.speaker:
        try:
            from simulator.speech.playback import PyAudioPlayer
            from simulator.speech.speaker import SynthSpeechOut

            synth = models.synth if models is not None and models.synth is not None else make_synth(config)
            cache = models.cache if models is not None and models.synth is synth else None
            kit.speech_out = SynthSpeechOut(synth, PyAudioPlayer(), gate=kit.gate, cache=cache)
            kit.speech_out.echo_ref = reference
        except SpeechUnavailable as exc:
            kit.notes.append(f"The customer will be shown as text: {exc}")
    elif speak:
        kit.notes.append("No audio output found: the customer's lines are shown as text.")
    if want_input and devices.microphone:
        try:
            from simulator.speech.listener import VoiceListener
            from simulator.speech.sources import microphone

            recognizer = (models.recognizer if models is not None and models.recognizer is not None
                          else make_recognizer(config))
            echo = None
            if reference is not None and kit.speech_out is not None:
                try:
                    from simulator.speech.echo import EchoCanceller

                    echo = EchoCanceller(reference)
                except SpeechUnavailable as exc:
                    kit.notes.append(f"Echo cancelling is off ({exc}): use a headset.")
            kit.speech_in = VoiceListener(recognizer, microphone(), config=config, gate=kit.gate,
                                          calibrate_s=calibrate_s, echo=echo)
        except SpeechUnavailable as exc:
            kit.notes.append(f"Speech input is off: {exc}")
    elif want_input and "install it with" in devices.problem:  # the voice extra is missing
        kit.notes.append(f"No microphone: {devices.problem}: type what you say.")
    elif want_input:
        kit.notes.append("No microphone found: type what you say.")
    return kit
