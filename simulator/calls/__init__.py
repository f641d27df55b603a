"""What every front end does with a call: start a session, finish and save the attempt.

The app's call screen, `callsim play` (text, voice, run files), the hiring runner and
the candidate app all begin and end a call the same way; doing it in one place keeps
their attempts identical in the store (same seed rule, same saved scorecard).
"""

from __future__ import annotations

from simulator.calls.driver import FinishedCall, new_session, saved_scorecard, score_and_save

__all__ = ["FinishedCall", "new_session", "saved_scorecard", "score_and_save"]
