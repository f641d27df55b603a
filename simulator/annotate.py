"""Fill in what a hand-written or imported transcript leaves out, before scoring.

A trainer may score a real call's transcript that has only speakers and text. The
scorers need techniques on operator lines, the customer's anger after each line and
the objection marks; this derives them the same way a live call would (understanding
engine, mood rules, the scenario's objection lines), and never overwrites what the
transcript already says.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from simulator import mood
from simulator.loading import load_catalog, scenario_catalog
from simulator.scenario import Scenario
from simulator.session import understanding_context
from simulator.state import CallState
from simulator.transcript import Transcript
from simulator.understanding import analyze

OBJECTION_MATCH = 80


def annotate(transcript: Transcript, scenario: Scenario) -> Transcript:
    """A copy of `transcript` with techniques, anger and objection marks filled in."""
    t = transcript.model_copy(deep=True)
    ctx = understanding_context(scenario, scenario_catalog(scenario, load_catalog()))
    has_anger = any(e.anger is not None for e in t.events if e.speaker == "customer")
    has_marks = any(m.startswith("objection_") for e in t.events for m in e.marks)
    state = CallState(scenario=scenario, anger=scenario.persona.anger)
    open_objections: dict[str, set[str]] = {}
    for ev in t.events:
        if ev.speaker == "operator" and ev.kind == "say":
            if not ev.techniques:
                ev.techniques = list(analyze(ev.text, ctx).techniques)
            if not has_anger:
                delta = mood.mood_change(state, ev.techniques, progress=False)
                state.used.update(ev.techniques)
                mood.apply(state, delta)
            for _oid, used in open_objections.items():
                used.update(ev.techniques)
        elif ev.speaker == "customer" and ev.kind == "say":
            if not has_marks:
                for obj in scenario.objections:
                    if obj.id in open_objections:
                        need = set(obj.resolved_by)
                        used = open_objections[obj.id]
                        done = need <= used if obj.needs == "all" else bool(need & used)
                        if done and f"objection_resolved:{obj.id}" not in ev.marks:
                            ev.marks.append(f"objection_resolved:{obj.id}")
                    elif any(fuzz.partial_ratio(s.lower(), ev.text.lower()) >= OBJECTION_MATCH
                             for s in obj.says):
                        open_objections[obj.id] = set()
                        ev.marks.append(f"objection_raised:{obj.id}")
                        if not has_anger:
                            mood.apply(state, obj.anger)
                for mark in ev.marks:
                    if mark.startswith("objection_resolved:"):
                        open_objections.pop(mark.split(":", 1)[1], None)
            if ev.anger is None:
                ev.anger = state.anger
    return t
