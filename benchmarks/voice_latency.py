"""How a voice call takes turns: gap, cut-offs, barge-in, echo, warm start.

Trainee turns (synthesised by Piper, then fed to the listener at real-time pace through
the same chunk loop as the microphone) go through the real Whisper model and the
scripted customer; the customer's reply goes through Piper into a null output paced
like a sound card. Every figure is measured for the end-of-turn detector (Silero VAD
with the early transcript, `vad`) and the silence-timer baseline (`silence`: energy
threshold, 300/700 ms windows) in the same run, on the same models:

1. turn gap: end of the trainee's speech (the last voiced sample fed in) to the first
   customer audio, p50/p95, with the stages;
2. false cut-offs: WAVs with a 0.5-1.2 s pause inside a sentence (Piper lines with
   silence inserted, and speechocean762 recordings whose speakers hesitate that long):
   how often the turn ends at the pause;
3. barge-in: the trainee starts talking over the customer -> the customer's audio
   stops (p50/p95), and a backchannel ("Mm-hm.") over the customer, which must not
   stop them;
4. echo (needs the virtual devices, scripts/audio_setup.sh): the customer's own audio
   looped from the speaker into the microphone, with echo cancelling on and off: how
   many customer lines produced a trainee turn;
5. warm start: open the voice kit and start the call (the app's `v`) with the models
   already loaded vs loading them.

Run:  .venv/bin/python benchmarks/voice_latency.py [--turns 10] [--rounds 3]
      [--data ../shared/data/speechocean762-train] [--skip echo,warm]
The last line is `turn_gap p50_ms=<n> p95_ms=<n>` (the VAD detector). Needs the voice extra.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

ROOT = Path(__file__).resolve().parent.parent
LINES = [
    "Hello, Pizza Planet, this is Sam speaking.",
    "I'm so sorry your order is late.",
    "Could I have the phone number on the order?",
    "Thank you, can I have the order number please?",
    "I completely understand how frustrating this is.",
    "I will send the same order again right now at no charge.",
    "It will be with you in about twenty five minutes.",
    "So that is two large pepperoni pizzas to twelve Oak Street.",
    "Is there anything else I can help you with?",
    "Thank you for your patience and have a good evening.",
]
# (before the pause, after it, pause seconds): where people stop to think
PAUSED = [
    ("Let me just check", "your order in the system.", 0.5),
    ("I can see the order was placed", "at twenty to seven.", 0.6),
    ("I'm sorry, I think the driver", "had the wrong address.", 0.7),
    ("So what I can do is", "send the same order again.", 0.8),
    ("Could you give me", "the phone number on the account?", 0.9),
    ("It should be with you", "in about twenty five minutes.", 1.0),
    ("I will add a voucher", "for twenty percent off your next order.", 1.1),
    ("Thank you for waiting, and um", "I do apologise for the delay.", 1.2),
    ("The total comes to", "thirty two dollars and fifty cents.", 0.75),
    ("I understand, and I will", "make sure this does not happen again.", 1.0),
]
BARGE = [
    "Sorry, can I just stop you there?",
    "Okay, let me look into that for you.",
    "Wait, I can fix this right now.",
    "Hold on, let me check the order.",
    "Right, I hear you, one moment please.",
]
MODES = ("silence", "vad")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"p50 {pct(values, 0.5) * 1000:.0f} ms / p95 {pct(values, 0.95) * 1000:.0f} ms"


def config_for(mode: str) -> Any:
    from simulator.speech.config import SpeechConfig
    from simulator.speech.prefs import VoicePrefs

    os.environ["CALLSIM_EOT"] = mode
    try:
        return SpeechConfig.from_env(VoicePrefs())
    finally:
        os.environ.pop("CALLSIM_EOT", None)


def voiced_span(clip: Any) -> tuple[int, int]:
    """First and last voiced sample (16 kHz) of a clip."""
    from simulator.speech import audio as au

    n = au.np()
    pcm = au.resample(clip, 16_000).samples
    voiced = n.nonzero(n.abs(pcm) > 0.02)[0]
    return (int(voiced[0]), int(voiced[-1]) + 1) if len(voiced) else (0, len(pcm))


# -- 1. turn gap ------------------------------------------------------------------------
def turn_gap(mode: str, piper: Any, whisper: Any, clips: list[Any], scenario: Any) -> dict[str, Any]:
    from simulator.speech.cache import BusyGate
    from simulator.speech.fakes import WavSpeechIn
    from simulator.speech.playback import NullPlayer
    from simulator.speech.speaker import SynthSpeechOut
    from simulator.store import Store
    from simulator.voice_call import run_voice_call

    config = config_for(mode)
    gate = BusyGate()
    out = SynthSpeechOut(piper, NullPlayer(paced=True), gate=gate)
    heard = WavSpeechIn(clips, recognizer=whisper, realtime=True, gap_s=0.5, config=config)
    heard.listener.gate = gate
    turns: list[dict[str, Any]] = []
    store = Store(f"sqlite:///{Path(tempfile.mkdtemp(prefix='callsim-bench-')) / 'bench.db'}")
    run_voice_call(scenario, store=store, trainee="bench", seed=11, speech_in=heard, speech_out=out,
                   echo=lambda _line: None, keyboard=False, observer=turns.append)
    heard.close()
    out.close()
    ends = [voiced_span(c)[1] for c in clips]
    truth = [heard.source.time_of(first + ends[i]) for i, (first, _end) in enumerate(heard.fed)]
    rows = []
    for t in turns:
        if t.get("first_audio") is None:
            continue
        near = [x for x in truth if abs(x - t["speech_end"]) < 0.3]
        end = near[0] if near else t["speech_end"]
        if os.environ.get("CALLSIM_BENCH_DEBUG"):
            print(f"    eot {1000 * (t['end_of_turn'] - end):.0f} short {t.get('short_window')} "
                  f"spec {t.get('speculated')} detected-end {1000 * (t['speech_end'] - end):.0f} "
                  f"{t['text'][:40]}")
        rows.append({"gap": t["first_audio"] - end, "eot": t["end_of_turn"] - end,
                     "recog": t["recognised"] - t["end_of_turn"], "brain": t["brain_done"] - t["heard"],
                     "audio": t["first_audio"] - t["brain_done"], "split": not near})
    return {"rows": rows, "turns": len(turns)}


# -- 2. false cut-offs ---------------------------------------------------------------------
def paused_clips(piper: Any, data: Path | None, limit: int) -> list[tuple[str, Any, float]]:
    """(label, clip, seconds of the clip where the speech really ends)."""
    from simulator.speech import audio as au
    from simulator.speech.voices import VoiceSettings

    out = []
    trainee = VoiceSettings(rate=1.0, pitch=0.95)
    for before, after, pause in PAUSED:
        a, b = piper.synthesize(before, trainee), piper.synthesize(after, trainee)
        clip = au.concat([a, au.silence(pause, a.rate), b])
        out.append((f"piper {pause:.2f}s", clip, voiced_span(clip)[1] / 16_000))
    if data is not None and (data / "manifest.jsonl").is_file():
        out.extend(hesitant_recordings(data, limit))
    return out


def hesitant_recordings(data: Path, limit: int) -> list[tuple[str, Any, float]]:
    """speechocean762 recordings with a 0.5-1.2 s pause between words (found with the
    VAD), trimmed to their speech."""
    from simulator.speech import audio as au
    from simulator.speech.turn import SileroVad

    vad = SileroVad()
    found = []
    for line in (data / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        clip = au.resample(au.read_wav(data / row["audio"]), 16_000)
        raw = au.to_int16_bytes(clip)
        vad.reset()
        speech = [vad.prob(raw[i:i + 1024]) >= 0.5 for i in range(0, len(raw) - 1023, 1024)]
        on = [i for i, s in enumerate(speech) if s]
        if len(on) < 10:
            continue
        gaps = [(b - a - 1) * 0.032 for a, b in itertools.pairwise(on)]
        if not any(0.5 <= g <= 1.2 for g in gaps) or max(gaps) > 1.2:
            continue
        first, last = on[0] * 512, (on[-1] + 1) * 512
        trimmed = au.Audio(clip.samples[max(0, first - 1600):last], 16_000)
        found.append((f"so762 {row['id']}", trimmed, (last - max(0, first - 1600)) / 16_000))
        if len(found) >= limit:
            break
    return found


def cut_offs(mode: str, whisper: Any, clips: list[tuple[str, Any, float]]) -> list[bool]:
    """Per clip: did the turn end before the speech did?"""
    from simulator.speech.fakes import WavSpeechIn

    config = config_for(mode)
    cut = []
    for _label, clip, _end in clips:
        heard = WavSpeechIn([clip], recognizer=whisper, realtime=True, gap_s=0.3, config=config)
        utt = heard.listen(timeout_s=5)
        first, _ = heard.fed[0]
        speech_end = heard.source.time_of(first + voiced_span(clip)[1])
        cut.append(utt.timings.get("end_of_turn", 1e18) < speech_end - 0.05)
        heard.close()
    return cut


# -- 3. barge-in --------------------------------------------------------------------------
def barge_in(mode: str, piper: Any, whisper: Any, scenario: Any) -> dict[str, Any]:
    from simulator.speech.fakes import WavSpeechIn
    from simulator.speech.playback import NullPlayer
    from simulator.speech.speaker import SynthSpeechOut
    from simulator.speech.voices import VoiceSettings
    from simulator.store import Store
    from simulator.voice_call import run_voice_call

    config = config_for(mode)
    trainee = VoiceSettings(rate=1.0, pitch=0.95)
    clips = [piper.synthesize(line, trainee) for line in BARGE]
    clips.insert(2, piper.synthesize("Mm-hm.", trainee))
    out = SynthSpeechOut(piper, NullPlayer(paced=True))
    heard = WavSpeechIn(clips, recognizer=whisper, realtime=True, gap_s=0.8, config=config,
                        barge_in=range(len(clips)))
    turns: list[dict[str, Any]] = []
    store = Store(f"sqlite:///{Path(tempfile.mkdtemp(prefix='callsim-bench-')) / 'barge.db'}")
    run_voice_call(scenario, store=store, trainee="bench", seed=3, speech_in=heard, speech_out=out,
                   echo=lambda _line: None, keyboard=False, observer=turns.append)
    heard.close()
    out.close()
    onsets = [heard.source.time_of(first + voiced_span(clips[i])[0])
              for i, (first, _e) in enumerate(heard.fed)]
    reactions = []
    for t in turns:
        if t.get("barged_in") and t.get("silenced"):
            start = min(onsets, key=lambda x: abs(x - t["speech_start"]))
            reactions.append(t["silenced"] - start)
    backchannel_stopped = any(pb.interrupted for pb in out.spoken[2:3]) if len(out.spoken) > 2 else None
    resumed = getattr(heard.listener, "resumed", 0)
    if os.environ.get("CALLSIM_BENCH_DEBUG"):
        for t in turns:
            print("   ", t.get("barged_in"), round(t.get("speech_start", 0) - onsets[0], 2), t["text"][:40])
        for pb in out.spoken:
            print("    customer", pb.interrupted, round(pb.played_s, 2), pb.text[:50])
    return {"reactions": reactions, "barged": sum(bool(t.get("barged_in")) for t in turns),
            "resumed": resumed, "backchannel_stopped": backchannel_stopped}


# -- 4. echo ----------------------------------------------------------------------------
def echo_check(piper: Any, whisper: Any, lines: list[str]) -> dict[str, Any] | None:
    """Customer lines played to the (virtual) speaker and looped into the microphone."""
    if shutil.which("pactl") is None or not os.environ.get("PULSE_SERVER"):
        return None
    from simulator.speech.echo import EchoCanceller, EchoReference
    from simulator.speech.listener import VoiceListener
    from simulator.speech.playback import PyAudioPlayer
    from simulator.speech.sources import microphone
    from simulator.speech.speaker import SynthSpeechOut
    from simulator.speech.voices import VoiceSettings

    loop = subprocess.run(["pactl", "load-module", "module-loopback", "source=callsim_speaker.monitor",
                           "sink=callsim_mic_feed", "latency_msec=60"], capture_output=True, text=True)
    if loop.returncode != 0:
        return None
    result: dict[str, Any] = {}
    try:
        for aec in (False, True):
            ref = EchoReference() if aec else None
            out = SynthSpeechOut(piper, PyAudioPlayer())
            out.echo_ref = ref
            listener = VoiceListener(whisper, microphone(), config=config_for("vad"),
                                     echo=EchoCanceller(ref) if ref is not None else None)
            turns = paused = 0
            with listener:
                for line in lines:
                    pb = out.speak(line, VoiceSettings(rate=1.15))
                    utt = listener.listen(timeout_s=1.0, during=pb)
                    pb.wait(30)
                    turns += 0 if utt.is_silence else 1
                    paused += pb.paused_s > 0
            out.close()
            result["on" if aec else "off"] = {"turns": turns, "paused": paused, "lines": len(lines),
                                              "resumed": listener.resumed}
    finally:
        subprocess.run(["pactl", "unload-module", loop.stdout.strip()], capture_output=True)
    return result


# -- 5. warm start --------------------------------------------------------------------------
def warm_start(scenario: Any) -> dict[str, float] | None:
    """Seconds from "take the call by voice" to the customer's first audio."""
    from simulator.speech.devices import probe

    if not probe().microphone:
        return None
    from simulator.session import Session
    from simulator.speech import warm
    from simulator.speech.kit import open_kit
    from simulator.voice_call import Keyboard, make_voice_call

    def once(models: Any) -> float:
        t0 = time.perf_counter()
        kit = open_kit(warm=models) if models is not None else open_kit(warm=False)
        session = Session(scenario, mode="voice", seed=1)
        keyboard = Keyboard()
        call = make_voice_call(session, kit.speech_in, kit.speech_out, store=None, echo=lambda _l: None,
                               keyboard=keyboard)
        runner = __import__("threading").Thread(target=call.run, daemon=True)
        runner.start()
        while not kit.speech_out.spoken or kit.speech_out.spoken[0].first_audio_at is None:
            time.sleep(0.002)
        took = time.perf_counter() - t0
        call.abandon()
        runner.join(30)
        kit.close()
        return took

    cold = once(None)
    models = warm.WarmModels()
    models.start().get()
    hot = [once(models) for _ in range(3)]
    return {"cold": cold, "warm": min(hot), "warm_max": max(hot)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--turns", type=int, default=len(LINES))
    ap.add_argument("--scenario", default="late-delivery-angry")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "speechocean762-train")
    ap.add_argument("--recordings", type=int, default=10, help="speechocean762 recordings with pauses")
    ap.add_argument("--rounds", type=int, default=3, help="calls per detector for the turn gap")
    ap.add_argument("--skip", default="", help="comma list of: gap,cutoff,barge,echo,warm")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))

    from simulator.loading import load_scenario, resolve_scenario
    from simulator.speech.piper_tts import PiperSynth
    from simulator.speech.voices import VoiceSettings
    from simulator.speech.whisper_stt import WhisperRecognizer

    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f} at start")
    piper = PiperSynth()
    whisper = WhisperRecognizer(config_for("vad"))
    scenario = load_scenario(resolve_scenario(args.scenario))
    for mode in MODES:
        c = config_for(mode)
        print(f"{mode}: end of turn {c.end_silence_ms}/{c.max_end_silence_ms} ms, "
              f"early recognition after {c.speculate_ms} ms")
    trainee = VoiceSettings(rate=1.0, pitch=0.95)
    clips = [piper.synthesize(line, trainee) for line in LINES[:args.turns]]
    gaps: dict[str, list[float]] = {}

    if "gap" not in skip:
        print("\n== 1. turn gap (end of the trainee's speech -> first customer audio)")
        by_mode: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
        for i in range(args.rounds):  # alternate, so load drifting over the run hits both alike
            for mode in (MODES if i % 2 == 0 else MODES[::-1]):
                by_mode[mode].extend(turn_gap(mode, piper, whisper, clips, scenario)["rows"])
        for mode in MODES:
            rows = by_mode[mode]
            gaps[mode] = [r["gap"] for r in rows]
            med = {k: pct([r[k] for r in rows], 0.5) * 1000 for k in ("eot", "recog", "brain", "audio")}
            print(f"{mode:>8}: gap {ms(gaps[mode])}  (stages p50: " +
                  ", ".join(f"{k} {v:.0f}" for k, v in med.items()) +
                  f"; {sum(r['split'] for r in rows)} of {len(rows)} turns split at a pause)")
        if all(gaps.get(m) for m in MODES):
            ratio50 = pct(gaps["vad"], 0.5) / pct(gaps["silence"], 0.5)
            ratio95 = pct(gaps["vad"], 0.95) / pct(gaps["silence"], 0.95)
            print(f"   ratio vad / silence: p50 {ratio50:.2f}, p95 {ratio95:.2f}")

    if "cutoff" not in skip:
        print("\n== 2. false cut-offs at a mid-sentence pause (0.5-1.2 s)")
        found = paused_clips(piper, args.data if args.data.is_dir() else None, args.recordings)
        kinds = sorted({label.split()[0] for label, _c, _e in found})
        for mode in MODES:
            cut = cut_offs(mode, whisper, found)
            parts = []
            for kind in kinds:
                mine = [c for (label, _clip, _e), c in zip(found, cut, strict=True) if label.startswith(kind)]
                parts.append(f"{kind} {sum(mine)}/{len(mine)}")
            print(f"{mode:>8}: cut off " + ", ".join(parts))

    if "barge" not in skip:
        print("\n== 3. barge-in (trainee starts talking over the customer -> customer audio stops)")
        for mode in MODES:
            b = barge_in(mode, piper, whisper, scenario)
            print(f"{mode:>8}: reaction {ms(b['reactions'])} over {len(b['reactions'])} barge-ins; "
                  f"'Mm-hm.' over the customer stopped them: {b['backchannel_stopped']}, "
                  f"lines resumed after a backchannel/echo: {b['resumed']}")

    if "echo" not in skip:
        print("\n== 4. echo (the customer's audio looped from the speaker into the microphone)")
        lines = list(dict.fromkeys([
            *scenario.opening, "I don't want excuses, I want my dinner.", "Are you even listening to me?",
            "My order never arrived. Two large pepperonis, fifty minutes ago!"]))
        e = echo_check(piper, whisper, lines)
        if e is None:
            print("   skipped: no virtual audio devices (scripts/audio_setup.sh start; PULSE_SERVER)")
        else:
            for k in ("off", "on"):
                v = e[k]
                print(f"   echo cancelling {k:>3}: {v['turns']} of {v['lines']} lines made a trainee turn; "
                      f"{v['paused']} paused the customer ({v['resumed']} resumed)")

    if "warm" not in skip:
        print("\n== 5. warm start (open the kit, start the call -> the customer's first audio)")
        with contextlib.suppress(Exception):
            w = warm_start(scenario)
            if w is None:
                print("   skipped: no microphone")
            else:
                print(f"   models loaded per call {w['cold'] * 1000:.0f} ms; warm models "
                      f"{w['warm'] * 1000:.0f}-{w['warm_max'] * 1000:.0f} ms")

    print(f"\nspeech-to-text real-time factor {whisper.real_time_factor:.3f}; "
          f"load average {os.getloadavg()[0]:.2f} at end")
    if gaps.get("silence"):
        print(f"baseline_turn_gap p50_ms={pct(gaps['silence'], 0.5) * 1000:.0f} "
              f"p95_ms={pct(gaps['silence'], 0.95) * 1000:.0f}")
    if gaps.get("vad"):
        print(f"turn_gap p50_ms={pct(gaps['vad'], 0.5) * 1000:.0f} "
              f"p95_ms={pct(gaps['vad'], 0.95) * 1000:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
