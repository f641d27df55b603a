"""Diction: clarity, pace and fluency of the operator's speech, from the call's audio data.

Diction can only be judged from audio, so this scorer reads what a voice call stored
on each operator line: recognised words with timings and confidence (`Event.words`)
and the turn's audio measurements (`Event.audio`: loudness, clipping, pauses, pitch;
see simulator/speech/measure.py). It never guesses from text: a typed call has no
audio, and its diction is "not measured" (value None), never 0.

Six sub-scores, each 0-100 against a stated norm (scoring/diction_norms.py, explained
in docs/diction.md): clarity (recogniser confidence; the unclear words are listed),
pace (words a minute and articulation rate), pauses inside turns, fillers a minute,
loudness (level, consistency, clipping) and pitch movement (monotone), the last only
when there is enough voiced speech to measure it. The dimension's value is their
weighted mean over the sub-scores that could be measured.
"""

from __future__ import annotations

from typing import Any

from scoring import diction_norms as norms
from scoring.common import make_score, not_measured, operator_says, plural
from scoring.diction_features import UNCLEAR_P, is_filler, speech_features, unclear_words
from scoring.types import Evidence, Score, Tip
from simulator.scenario import Scenario
from simulator.transcript import Event, Transcript

WEIGHTS = {"clarity": 0.35, "pace": 0.2, "pauses": 0.15, "fillers": 0.15, "loudness": 0.1, "pitch": 0.05}
MIN_WORDS = 5              # fewer spoken words than this: too little to judge
MIN_PITCH_S = 3.0          # voiced speech needed before monotone is judged
MAX_UNCLEAR_SHOWN = 12


def _voice_turns(transcript: Transcript) -> list[Event]:
    return [e for _, e in operator_says(transcript) if e.words]


def _turn_stats(event: Event) -> dict[str, float]:
    return speech_features(event.words, getattr(event, "audio", None) or {})


def measure_call(transcript: Transcript) -> dict[str, Any]:
    """Pooled diction measurements over every spoken operator turn (pure)."""
    turns = _voice_turns(transcript)
    per_turn = [(e, _turn_stats(e)) for e in turns]
    words = sum(s["words"] for _, s in per_turn)
    span = sum(s["span_s"] for _, s in per_turn)
    pause_s = sum(s["pause_s"] for _, s in per_turn)
    fillers = sum(s["fillers"] for _, s in per_turn)
    probs = [float(w.get("probability", 1.0)) for e in turns for w in e.words
             if not is_filler(str(w.get("word", "")))]
    syl = sum(s["articulation_sps"] * max(1e-3, s["span_s"] - s["pause_s"]) for _, s in per_turn)
    audios = [a for e in turns if (a := getattr(e, "audio", None))]
    out: dict[str, Any] = {
        "turns": len(turns),
        "words": int(words),
        "speaking_s": round(span, 2),
        "wpm": round(words / (span / 60.0), 1) if span > 0 else None,
        "articulation_sps": round(syl / max(1e-3, span - pause_s), 2) if span > 0 else None,
        "pause_pct": round(100.0 * pause_s / span, 1) if span > 0 else None,
        "longest_pause_s": round(max((s["longest_pause_s"] for _, s in per_turn), default=0.0), 2),
        "fillers": int(fillers),
        "fillers_pm": round(fillers / (span / 60.0), 1) if span > 0 else None,
        "confidence": round(sum(probs) / len(probs), 3) if probs else None,
        "unclear_share": round(sum(1 for p in probs if p < UNCLEAR_P) / len(probs), 3) if probs else 0.0,
        "audio_turns": len(audios),
    }
    if audios:
        speech = [float(a.get("speech_s", 0.0)) or 1e-3 for a in audios]
        total = sum(speech)
        levels = [float(a["level_db"]) for a in audios if "level_db" in a]
        within = [float(a.get("level_db_std", 0.0)) for a in audios if "level_db" in a]
        if levels:
            mean_level = sum(lv * w for lv, w in zip(levels, speech, strict=False)) / total
            between = (sum((lv - mean_level) ** 2 for lv in levels) / len(levels)) ** 0.5
            out["level_db"] = round(mean_level, 1)
            out["level_std_db"] = round(max(between, sum(within) / len(within)), 1)
        out["clipped_pct"] = round(100.0 * max(float(a.get("clipped_ratio", 0.0)) for a in audios), 3)
        voiced = [(float(a["f0_range_st"]), float(a.get("voiced_pitch_s", 0.0)))
                  for a in audios if "f0_range_st" in a]
        pitch_s = sum(v for _, v in voiced)
        if pitch_s >= MIN_PITCH_S:
            out["pitch_range_st"] = round(sum(r * v for r, v in voiced) / pitch_s, 2)
        out["voiced_pitch_s"] = round(sum(float(a.get("voiced_pitch_s", 0.0)) for a in audios), 2)
    return out


def _fmt(value: float | None, unit: str) -> str:
    return "?" if value is None else f"{value:g} {unit}"


class DictionScorer:
    name = "diction"

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        turns = _voice_turns(transcript)
        if transcript.mode != "voice" and not turns:
            return not_measured(self.name, "not measured: no audio in this call")
        m = measure_call(transcript)
        if m["words"] < MIN_WORDS or not m["speaking_s"]:
            return not_measured(self.name, f"not measured: only {plural(m['words'], 'word')} spoken "
                                f"(at least {MIN_WORDS} are needed)", {"audio": True, **m})
        subs: dict[str, float] = {}
        reasons: list[str] = []
        tips: list[Tip] = []
        ev: list[Evidence] = []

        # clarity: recogniser confidence, and the words that came out unclear
        unclear: list[str] = []
        worst: tuple[int, Event] | None = None
        for e in turns:
            u = unclear_words(e.words)
            unclear.extend(w for w in u if w not in unclear)
            if u and (worst is None or len(u) > worst[0]):
                worst = (len(u), e)
        if m["confidence"] is not None:
            share = 100.0 * m["unclear_share"]
            subs["clarity"] = min(norms.CLARITY.score(m["confidence"]), norms.UNCLEAR_SHARE.score(share))
            line = (f"clarity {subs['clarity']:.0f}: recogniser confidence {m['confidence']:.2f} a word "
                    f"(norm {norms.CLARITY.describe()}), {share:.0f}% of words unclear "
                    f"(norm {norms.UNCLEAR_SHARE.describe()})")
            if unclear:
                line += f"; unclear: {', '.join(unclear[:MAX_UNCLEAR_SHOWN])}"
                tips.append(Tip("Say each word fully and a little slower: "
                                f"{', '.join(unclear[:4])} came out unclear.", 100 - subs["clarity"]))
            reasons.append(line)
            if worst is not None:
                ev.append(Evidence(worst[1].turn, worst[1].text[:120],
                                   f"unclear: {', '.join(unclear_words(worst[1].words))}"))

        # pace
        wpm = m["wpm"] or 0.0
        pace = norms.PACE_CALL.score(wpm)
        art = m["articulation_sps"]
        if art is not None:
            pace = min(pace, max(norms.ARTICULATION.score(art), pace - 30))
        subs["pace"] = pace
        reasons.append(f"pace {pace:.0f}: {wpm:.0f} words/min (norm {norms.PACE_CALL.describe()}), "
                       f"articulation {_fmt(art, 'syllables/s')} (norm {norms.ARTICULATION.describe()})")
        if wpm > norms.PACE_CALL.good_hi:
            tips.append(Tip("Slow down: aim for about 150 words a minute on the phone.", 100 - pace))
        elif wpm < norms.PACE_CALL.good_lo:
            tips.append(Tip("Keep the pace up: aim for about 150 words a minute.", 100 - pace))

        # pauses inside turns
        pct = m["pause_pct"] or 0.0
        pauses = min(norms.PAUSES.score(pct), norms.LONGEST_PAUSE.score(m["longest_pause_s"]))
        subs["pauses"] = pauses
        reasons.append(f"pauses {pauses:.0f}: {pct:.0f}% of speaking time in pauses, longest "
                       f"{m['longest_pause_s']:.1f} s (norms {norms.PAUSES.describe()}, "
                       f"longest {norms.LONGEST_PAUSE.describe()})")
        if pauses < 100:
            tips.append(Tip("Plan the sentence before you start it, so it comes out without long pauses.",
                            100 - pauses))
            pausy = max(turns, key=lambda e: _turn_stats(e)["longest_pause_s"])
            ev.append(Evidence(pausy.turn, pausy.text[:120],
                               f"pause of {_turn_stats(pausy)['longest_pause_s']:.1f} s"))

        # fillers
        fpm = m["fillers_pm"] or 0.0
        subs["fillers"] = norms.FILLERS.score(fpm)
        reasons.append(f"fillers {subs['fillers']:.0f}: {m['fillers']} um/uh, {fpm:.1f} a minute "
                       f"(norm {norms.FILLERS.describe()})")
        if subs["fillers"] < 100:
            tips.append(Tip("Replace 'um' and 'uh' with a short silent pause.", 100 - subs["fillers"]))
            filled = max(turns, key=lambda e: _turn_stats(e)["fillers"])
            ev.append(Evidence(filled.turn, filled.text[:120],
                               f"{int(_turn_stats(filled)['fillers'])} fillers"))

        # loudness
        if "level_db" in m:
            parts = [norms.LEVEL.score(m["level_db"]), norms.LOUDNESS_STD.score(m["level_std_db"]),
                     norms.CLIPPING.score(m["clipped_pct"])]
            subs["loudness"] = min(parts)
            reasons.append(f"loudness {subs['loudness']:.0f}: level {m['level_db']:.0f} dBFS "
                           f"(norm {norms.LEVEL.describe()}), varies {m['level_std_db']:.1f} dB "
                           f"(norm {norms.LOUDNESS_STD.describe()}), clipped {m['clipped_pct']:.2f}% "
                           f"(norm {norms.CLIPPING.describe()})")
            if parts[2] < 100:
                tips.append(Tip("Lower the microphone gain or move it away from your mouth: "
                                "the recording clips.", 100 - parts[2]))
            elif parts[0] < 100:
                tips.append(Tip("Speak up or bring the microphone closer.", 100 - parts[0]))
            elif parts[1] < 100:
                tips.append(Tip("Keep an even volume from start to end of each sentence.", 100 - parts[1]))
        else:
            reasons.append("loudness: not measured (no audio measurements stored for this call)")

        # pitch movement (monotone), only with enough voiced speech
        if "pitch_range_st" in m:
            subs["pitch"] = norms.PITCH_RANGE.score(m["pitch_range_st"])
            reasons.append(f"pitch {subs['pitch']:.0f}: moves ±{m['pitch_range_st']:.1f} semitones "
                           f"(norm {norms.PITCH_RANGE.describe()})")
            if subs["pitch"] < 100:
                tips.append(Tip("Let your voice rise and fall: a flat delivery sounds bored.",
                                100 - subs["pitch"]))
        else:
            reasons.append(f"pitch: not measured (needs {MIN_PITCH_S:g} s of voiced speech, "
                           f"had {m.get('voiced_pitch_s', 0.0):g} s)")

        total_w = sum(WEIGHTS[k] for k in subs)
        value = sum(WEIGHTS[k] * v for k, v in subs.items()) / total_w
        reasons.insert(0, f"diction {value:.0f} from {len(turns)} spoken turns, {m['words']} words")
        details = {"audio": True, "subscores": {k: round(v, 1) for k, v in subs.items()},
                   "unclear_words": unclear, "weights": {k: WEIGHTS[k] for k in subs}, **m}
        return make_score(self.name, value, scenario, reasons, ev, tips, details)
