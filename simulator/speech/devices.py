"""Is there a microphone and a speaker? Asked once, answered plainly.

A machine without a sound card (a server, CI without the virtual device, a container)
must give the trainee one sentence and a text-mode call, not a page of ALSA errors.
The check opens each default device for a moment, because a listed device can still
fail to open (busy, unplugged, no permission).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.speech.extras import need, quiet_native_stderr
from simulator.speech.types import SpeechUnavailable


@dataclass(frozen=True)
class AudioDevices:
    microphone: bool
    speaker: bool
    problem: str = ""


def probe(*, want_microphone: bool = True, want_speaker: bool = True) -> AudioDevices:
    """Open (and close) the default input and output devices through PortAudio."""
    try:
        pyaudio = need("pyaudio", "audio devices")
    except SpeechUnavailable as exc:
        return AudioDevices(False, False, str(exc))
    problems: list[str] = []
    mic = speaker = False
    with quiet_native_stderr():
        try:
            pa = pyaudio.PyAudio()
        except Exception as exc:  # PortAudio itself failed to start
            return AudioDevices(False, False, f"no audio system: {exc}")
        try:
            if want_microphone:
                try:
                    pa.get_default_input_device_info()
                    stream = pa.open(format=pyaudio.paInt16, channels=1, rate=16_000, input=True,
                                     frames_per_buffer=512)
                    stream.close()
                    mic = True
                except (OSError, ValueError) as exc:
                    problems.append(f"no microphone ({exc})")
            if want_speaker:
                try:
                    pa.get_default_output_device_info()
                    stream = pa.open(format=pyaudio.paInt16, channels=1, rate=22_050, output=True)
                    stream.close()
                    speaker = True
                except (OSError, ValueError) as exc:
                    problems.append(f"no audio output ({exc})")
        finally:
            pa.terminate()
    return AudioDevices(mic, speaker, "; ".join(problems))


HEADSET_WORDS = ("headset", "headphone", "earphone", "earbud", "airpods", "hands-free", "handsfree")


def _sink_description() -> str:
    """PulseAudio/PipeWire's description of the default output (form factor, active
    port), or "" where there is no such sound server."""
    import shutil
    import subprocess

    if shutil.which("pactl") is None:
        return ""
    try:
        default = subprocess.run(["pactl", "get-default-sink"], capture_output=True, text=True,
                                 timeout=3).stdout.strip()
        sinks = subprocess.run(["pactl", "list", "sinks"], capture_output=True, text=True,
                               timeout=3).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    for block in sinks.split("\nSink #"):
        if default and f"Name: {default}\n" in block:
            return "\n".join(line for line in block.splitlines()
                             if "form_factor" in line or "Active Port" in line or "Description" in line)
    return ""


def headset_in_use() -> bool:
    """Is the customer's voice going to a headset (so the microphone cannot hear it)?

    Asked of the sound server (the default output's form factor or active port) and
    of PortAudio's default output name. Unknown counts as no headset: cancelling an
    echo that is not there costs a little CPU, while a missing canceller lets the
    customer's voice interrupt itself.
    """
    text = _sink_description().lower()
    try:
        pyaudio = need("pyaudio", "audio devices")
        with quiet_native_stderr():
            pa = pyaudio.PyAudio()
            try:
                text += " " + str(pa.get_default_output_device_info().get("name", "")).lower()
            finally:
                pa.terminate()
    except (SpeechUnavailable, OSError, ValueError):
        pass
    return any(word in text for word in HEADSET_WORDS)
