"""How long does the trainee wait for the customer to answer, in a voice call?

Trainee turns (synthesised by Piper, then fed to the listener at real-time pace through
the same SpeechRecognition end-of-turn detection as the microphone) go through the
real Whisper model and the scripted customer; the customer's reply goes through Piper
into a null output paced like a sound card. Per turn it measures the gap from the end
of the trainee's speech (the last voiced sample fed in) to the first customer audio
handed to the output, by stage:

    end-of-turn wait   end of speech -> end of turn detected
    recognition        end of turn -> transcript (0 when early recognition was ready)
    customer brain     transcript -> the customer's reply (Session.say)
    first audio        reply -> first synthesised block out (a cache hit is ~0)

Run:  .venv/bin/python benchmarks/voice_latency.py [--turns 10] [--no-speculate]
      [--no-prewarm] [--end-silence-ms 300]
The last line is `turn_gap p50_ms=<n> p95_ms=<n>`. Needs the voice extra.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

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


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--turns", type=int, default=len(LINES))
    ap.add_argument("--scenario", default="late-delivery-angry")
    ap.add_argument("--no-speculate", action="store_true", help="recognise only after the end of turn")
    ap.add_argument("--no-prewarm", action="store_true", help="no synthesis ahead of time")
    ap.add_argument("--end-silence-ms", type=int, default=None)
    args = ap.parse_args()
    if args.no_speculate:
        os.environ["CALLSIM_SPECULATE_MS"] = "0"
    if args.end_silence_ms:
        os.environ["CALLSIM_END_SILENCE_MS"] = str(args.end_silence_ms)

    from simulator.loading import load_scenario, resolve_scenario
    from simulator.speech import audio as au
    from simulator.speech.cache import BusyGate
    from simulator.speech.config import SpeechConfig
    from simulator.speech.fakes import WavSpeechIn
    from simulator.speech.piper_tts import PiperSynth
    from simulator.speech.playback import NullPlayer
    from simulator.speech.speaker import SynthSpeechOut
    from simulator.speech.voices import VoiceSettings
    from simulator.speech.whisper_stt import WhisperRecognizer
    from simulator.store import Store
    from simulator.voice_call import run_voice_call

    config = SpeechConfig.from_env()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f} at start")
    t0 = time.perf_counter()
    piper = PiperSynth()
    t_piper = time.perf_counter() - t0
    whisper = WhisperRecognizer(config)
    print(f"models loaded once: piper {t_piper:.2f}s, whisper {whisper.load_s:.2f}s "
          f"({whisper.model_name}, {config.whisper_compute}, {config.whisper_threads} threads)")
    print(f"end of turn {config.end_silence_ms}/{config.max_end_silence_ms} ms, "
          f"early recognition after {config.speculate_ms} ms, prewarm {'off' if args.no_prewarm else 'on'}")

    trainee = VoiceSettings(rate=1.0, pitch=0.95)
    clips = [piper.synthesize(line, trainee) for line in LINES[:args.turns]]
    n = au.np()
    speech_ends = []  # per clip: samples (16 kHz) from its start to its last voiced sample
    for clip in clips:
        pcm = au.resample(clip, 16_000).samples
        voiced = n.nonzero(n.abs(pcm) > 0.02)[0]
        speech_ends.append(int(voiced[-1]) + 1 if len(voiced) else len(pcm))

    gate = BusyGate()
    out = SynthSpeechOut(piper, NullPlayer(paced=True), gate=gate)
    if args.no_prewarm:
        out.prewarm = None  # type: ignore[assignment,method-assign]
    heard = WavSpeechIn(clips, recognizer=whisper, realtime=True, gap_s=0.5, config=config)
    heard.listener.gate = gate
    turns: list[dict[str, float]] = []
    scenario = load_scenario(resolve_scenario(args.scenario))
    folder = Path(tempfile.mkdtemp(prefix="callsim-bench-"))
    store = Store(f"sqlite:///{folder / 'bench.db'}")

    def observe(t: dict) -> None:
        turns.append(t)

    t_call = time.perf_counter()
    run_voice_call(scenario, store=store, trainee="bench", seed=11, speech_in=heard, speech_out=out,
                   echo=lambda _line: None, keyboard=False, observer=observe)
    call_s = time.perf_counter() - t_call
    heard.close()
    out.close()

    # the true end of each clip's speech on the stream's clock
    truth = [heard.source.time_of(first + speech_ends[i]) for i, (first, _end) in enumerate(heard.fed)]
    gaps, rows, split = [], [], 0
    print(f"\n{'turn':>4} {'gap':>6} {'eot':>6} {'recog':>6} {'brain':>6} {'audio':>6}  early short  text")
    for i, t in enumerate(turns):
        if t.get("first_audio") is None:
            continue
        near = [x for x in truth if abs(x - t["speech_end"]) < 0.15]
        if near:
            speech_end = near[0]
        else:  # the turn was cut at a pause inside a clip: the listener's own estimate
            speech_end = t["speech_end"]
            split += 1
        stages = {
            "gap": t["first_audio"] - speech_end,
            "eot": t["end_of_turn"] - speech_end,
            "recog": t["recognised"] - t["end_of_turn"],
            "brain": t["brain_done"] - t["heard"],
            "audio": t["first_audio"] - t["brain_done"],
        }
        gaps.append(stages["gap"])
        rows.append(stages)
        ms = {k: round(v * 1000) for k, v in stages.items()}
        print(f"{i + 1:>4} {ms['gap']:>6} {ms['eot']:>6} {ms['recog']:>6} {ms['brain']:>6} {ms['audio']:>6}"
              f"  {'yes' if t.get('speculated') else 'no':>5} {'yes' if t.get('short_window') else 'no':>5}"
              f"  {t['text'][:48]}")
    if not gaps:
        print("no turn produced customer audio")
        return 1
    if split:
        print(f"\n{split} turn(s) ended at a pause inside a trainee line "
              "(timed from the listener's estimate)")
    medians = {k: statistics.median(r[k] for r in rows) * 1000 for k in ("eot", "recog", "brain", "audio")}
    print("\nstage medians (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in medians.items()))
    firsts = [pb.first_audio_s for pb in out.spoken if pb.first_audio_s is not None]
    print(f"speech-to-text real-time factor {whisper.real_time_factor:.3f} "
          f"({whisper.calls} decodes, {whisper.audio_s:.1f}s audio, {whisper.busy_s:.1f}s decoding)")
    print(f"time to first audio (speak -> first block) p50 {pct(firsts, 0.5) * 1000:.0f} ms, "
          f"p95 {pct(firsts, 0.95) * 1000:.0f} ms; "
          f"synth cache {out.cache.hits} hits / {out.cache.misses} misses")
    print(f"call wall time {call_s:.1f}s for {len(turns)} turns; "
          f"load average {os.getloadavg()[0]:.2f} at end")
    print(f"turn_gap p50_ms={pct(gaps, 0.5) * 1000:.0f} p95_ms={pct(gaps, 0.95) * 1000:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
