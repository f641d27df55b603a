"""What a hiring manager reads: summary and order, time per part, the CSV columns, the
chart labels with ten candidates, readable labels, and the call evidence."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from simulator.hiring.html import bar_chart, candidate_html, nice_top
from simulator.hiring.loading import load_plan
from simulator.hiring.models import Plan
from simulator.hiring.reports import (
    candidate_report,
    candidate_text,
    compare_csv,
    compare_report,
    compare_text,
)
from simulator.hiring.runner import CandidateScript, run_candidate
from simulator.hiring.store import HiringStore
from simulator.store import Store

TEXT = "Customer called about order A-7731, which was fifty minutes late. I apologised"


def plan() -> Plan:
    return Plan.model_validate({"id": "rp", "title": "Reports", "keyboard": {
        "typing": {"passage": "customer-notes", "seconds": 30, "pass_wpm": 30}}})


def test_summary_order_and_times(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    hs = HiringStore(store)
    for cand, cps in (("C-1", 1.0), ("C-2", 6.0), ("C-3", 4.0), ("C-4", 0.5)):
        run_candidate(plan(), cand, CandidateScript.model_validate({"typing": {"text": TEXT, "cps": cps}}),
                      store)
    s = hs.start(plan().model_copy(update={"attempts": 1}), "C-5")
    hs.begin_part(s["id"], "typing")
    hs.record(s["id"], "typing", {"wpm": 31.0})
    hs.submit(s["id"])
    report = compare_report(hs, plan())
    order = [(r["candidate"], r["passed"]) for r in report["rows"]]
    assert [c for c, _ in order] == ["C-2", "C-3", "C-5", "C-1", "C-4"]  # passes first, best first
    assert report["summary"] == "3 of 5 pass"
    assert "3 of 5 pass" in compare_text(report) and "generated" in compare_text(report)
    rows = list(csv.DictReader(io.StringIO(compare_csv(report))))
    c5 = next(r for r in rows if r["candidate"] == "C-5")
    assert float(c5["typing.seconds_on_part"]) >= 0 and c5["total_seconds"] == c5["typing.seconds_on_part"]
    assert all(r["rater_override"] == "no" for r in rows)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r["submitted_at"]) for r in rows)
    assert compare_csv(report).count("\n") == len(rows) + 1  # one line per row


def test_ten_names_do_not_run_together_and_axes_are_round() -> None:
    names = [f"Candidate {i:02d} Smith" for i in range(10)]
    svg = bar_chart("WPM", names, [30.0 + i for i in range(10)], threshold=35)
    assert svg.count('class="label"') == 10 and svg.count("rotate(-40") == 10
    few = bar_chart("WPM", ["A", "B"], [30.0, 40.0])
    assert "rotate(" not in few
    assert nice_top(97.0, percent=True) == 100.0 and nice_top(5300) == 10000.0 and nice_top(41) == 50.0


def test_call_evidence_and_readable_labels(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    p = load_plan("inbound-agent")
    script = CandidateScript.model_validate({"call": {"steps": [
        {"say": "Good evening, Pizza Planet, this is Sam. How can I help?"},
        {"say": "I'm so sorry about that. Can I have your phone number?"},
        {"do": "end_call"}]}})
    run_candidate(p, "C-70", script, store)
    report = candidate_report(HiringStore(store), p.id, "C-70")
    call = report["evidence"]["call"]
    assert [line["speaker"] for line in call["transcript"][:2]] == ["customer", "operator"]
    labels = {sc["label"] for sc in call["scores"]}
    assert {"Order capture", "De-escalation"} <= labels and not any("_" in lb for lb in labels)
    text = candidate_text(report)
    assert "Evidence: the role-play call" in text and "I'm so sorry about that" in text
    html = candidate_html(report)
    assert 'id="call-transcript"' in html and "Order capture" in html and "order_capture" not in html
    assert "0 of 6 order checks were right" in html  # the scorecard's reasons beside its score
    quotes = [e for sc in call["scores"] for e in sc["evidence"]]
    assert len(re.findall(r"turn \d+: “", html)) == min(len(quotes), 5 * len(call["scores"]))
