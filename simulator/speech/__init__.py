"""Speech for voice calls: the customer's voice out, the trainee's voice in.

Importing this package is cheap and needs none of the `voice` extra: the engines
(faster-whisper, Piper, pyttsx3, SpeechRecognition/PyAudio) live in their own modules
and are imported when a voice call starts. Layout, one job per module:

    types       Word, Utterance, Audio, the SpeechIn/SpeechOut protocols
    voices      persona voice + traits -> VoiceSettings (rate, pitch, volume, sharpness)
    text        reply -> speakable pieces (sentences, first clause, card numbers apart)
    piper_tts, pyttsx3_tts      synthesisers          speaker    streaming SpeechOut
    cache       synthesised-sentence cache and idle-time warm-up
    playback    PyAudio output / null output
    whisper_stt, sphinx_stt     recognisers           listener   SpeechIn on a live source
    sources     microphone and fed (WAV) sources      devices    is there a mic / speaker
    fakes       TypedSpeechIn, WavSpeechIn, SilentSpeechOut
    kit         assemble the live parts, with notes for what is missing
"""

from __future__ import annotations

from simulator.speech.fakes import SilentSpeechOut, TypedSpeechIn, WavSpeechIn
from simulator.speech.types import Audio, SpeechIn, SpeechOut, SpeechUnavailable, Utterance, Word
from simulator.speech.voices import VoiceSettings, settings_for, voice_for

__all__ = [
    "Audio",
    "SilentSpeechOut",
    "SpeechIn",
    "SpeechOut",
    "SpeechUnavailable",
    "TypedSpeechIn",
    "Utterance",
    "VoiceSettings",
    "WavSpeechIn",
    "Word",
    "settings_for",
    "voice_for",
]
