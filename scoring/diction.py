"""Diction: clarity, pace and fluency of the operator's speech — a placeholder for now.

Diction can only be judged from audio (word timings, recogniser confidence,
pronunciation), and the audio scorer is a later piece of work. Until then this scorer
keeps the contract honest: it never guesses from text, it returns value None ("not
measured"), so the scorecard shows the dimension with its reason and the weighted
mean drops it instead of counting it as 0.
"""

from __future__ import annotations

from scoring.common import not_measured
from scoring.types import Score
from simulator.scenario import Scenario
from simulator.transcript import Transcript


class DictionScorer:
    name = "diction"

    def score(self, transcript: Transcript, scenario: Scenario) -> Score:
        has_audio = transcript.mode == "voice" or any(e.words for e in transcript.events)
        if not has_audio:
            return not_measured(self.name, "not measured: no audio in this call")
        return not_measured(self.name, "not measured: diction scoring from audio is not "
                            "available yet", {"audio": True})
