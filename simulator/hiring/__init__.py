"""Hiring mode: test plans, candidate sessions, keyboard tests and reports.

A hiring manager writes a plan (YAML under `scenarios/plans/`) naming the phone-test
passages, the role-play call, the keyboard tests, time limits and pass thresholds;
starts a session for a candidate ID; the candidate works through the plan; the
session is locked once submitted; reports compare every candidate on the plan.

Like the rest of `simulator`, nothing here imports the UI.
"""

from __future__ import annotations
