"""Hiring mode: plan files, session rules (attempts, locking) and scripted candidates end to end."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.hiring.loading import check_keyboard_text, check_plan_file, load_keyboard, load_plan
from simulator.hiring.models import Plan
from simulator.hiring.reports import candidate_report, compare_csv, compare_report, evaluate
from simulator.hiring.runner import CandidateScript, load_candidate_script, run_candidate
from simulator.hiring.store import AttemptsUsed, HiringError, HiringStore, SessionLocked
from simulator.store import Store

ROOT = Path(__file__).resolve().parent.parent


def callsim() -> list[str]:
    exe = Path(sys.executable).with_name("callsim")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]


# -- plan files ----------------------------------------------------------------------------
def test_shipped_plans_and_keyboard_files_are_valid() -> None:
    for f in sorted((ROOT / "scenarios" / "plans").glob("*.yaml")):
        plan, problems = check_plan_file(f)
        assert plan is not None, problems
    assert {"customer-notes", "order-maria", "invoice-amounts"} <= set(load_keyboard())


BAD_PLAN = """\
id: bad-plan
title: Broken on purpose
atempts: 2
keyboard:
  typing:
    passage: custmer-notes
    seconds: 45
  ten_key:
    case: invoice-amounts
    pass_accuracy: 120
"""


def test_plan_errors_point_at_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad-plan.yaml"
    path.write_text(BAD_PLAN, encoding="utf-8")
    plan, problems = check_plan_file(path)
    assert plan is None
    text = "\n".join(str(p) for p in problems)
    assert f"{path}:3: atempts: unknown field 'atempts' (did you mean 'attempts'?)" in text
    assert f"{path}:7: keyboard.typing.seconds: must be 30, 60 or 120 (got 45)" in text
    assert f"{path}:10: keyboard.ten_key.pass_accuracy" in text
    # shape first; once the shape is right, the names are checked with a suggestion
    path.write_text(BAD_PLAN.replace("atempts", "attempts").replace("45", "30").replace("120", "90"),
                    encoding="utf-8")
    _, problems = check_plan_file(path)
    assert [(p.line, p.message) for p in problems] == [
        (6, "typing passage 'custmer-notes' is not in the library (did you mean 'customer-notes'?)")]


def test_plan_id_must_match_file_and_keyboard_kind_errors(tmp_path: Path) -> None:
    path = tmp_path / "other-name.yaml"
    path.write_text("id: keyboard-x\ntitle: t\nkeyboard:\n  ten_key: {case: invoice-amounts}\n",
                    encoding="utf-8")
    _, problems = check_plan_file(path)
    assert problems[0].line == 1 and "differs from the file name" in problems[0].message
    _, problems = check_keyboard_text("id: x\ntitle: t\nnumbers: ['1']\n", "k.yaml")
    assert str(problems[0]).startswith("k.yaml:1: kind: required field is missing")
    _, problems = check_keyboard_text("id: x\nkind: numbers\ntitle: t\nnumbers: ['1', 'two', '3']\n",
                                      "k.yaml")
    assert problems[0].line == 4 and "not plain numbers: two" in problems[0].message
    with pytest.raises(FileNotFoundError, match="Did you mean 'inbound-agent'"):
        load_plan("inbound-agnt")


# -- sessions -------------------------------------------------------------------------------
def small_plan(**extra: object) -> Plan:
    data = {"id": "p1", "title": "P", "keyboard": {
        "typing": {"passage": "customer-notes", "seconds": 30, "pass_wpm": 30},
        "ten_key": {"case": "invoice-amounts", "pass_accuracy": 90}}}
    data.update(extra)
    return Plan.model_validate(data)


@pytest.fixture
def hiring(tmp_path: Path) -> HiringStore:
    return HiringStore(Store(f"sqlite:///{tmp_path / 'h.db'}"))


def test_attempts_and_lock(hiring: HiringStore) -> None:
    plan = small_plan()
    s = hiring.start(plan, "C-1")
    assert hiring.start(plan, "C-1")["id"] == s["id"]  # the open session is resumed
    hiring.record(s["id"], "typing", {"wpm": 40.0, "accuracy": 97.0})
    with pytest.raises(HiringError, match="already recorded"):
        hiring.record(s["id"], "typing", {"wpm": 90.0})
    with pytest.raises(HiringError, match="not in plan"):
        hiring.record(s["id"], "call", {"overall": 99})
    done = hiring.submit(s["id"])
    assert done["locked"] and done["parts"]["ten_key"] == {"status": "not_taken"}
    with pytest.raises(SessionLocked):
        hiring.record(s["id"], "ten_key", {"accuracy": 100.0})
    with pytest.raises(SessionLocked):
        hiring.submit(s["id"])
    with pytest.raises(AttemptsUsed, match="1 of 1"):
        hiring.start(plan, "C-1")
    judged = evaluate(done)
    assert [c["passed"] for c in judged["checks"]] == [True, None] and not judged["passed"]
    # a plan allowing two attempts lets the candidate start again
    again = hiring.start(small_plan(attempts=2), "C-1")
    assert again["attempt"] == 2 and again["id"] != s["id"]


def test_plan_is_frozen_into_the_session(hiring: HiringStore) -> None:
    """Raising a pass mark later does not change how a past candidate was judged."""
    s = hiring.start(small_plan(), "C-2")
    hiring.record(s["id"], "typing", {"wpm": 31.0, "accuracy": 90.0})
    hiring.record(s["id"], "ten_key", {"accuracy": 95.0})
    hiring.submit(s["id"])
    stricter = small_plan()
    assert stricter.keyboard and stricter.keyboard.typing
    stricter.keyboard.typing.pass_wpm = 50
    report = compare_report(hiring, stricter)
    assert report["rows"][0]["passed"] is True


# -- scripted candidates, end to end ----------------------------------------------------------
KEYBOARD = {
    "pairs.yaml": "id: pairs\nkind: typing\ntitle: Pairs\ntext: ab cd ef gh ij kl mn op qr st uv wx\n",
    "form-x.yaml": """\
id: form-x
kind: form
title: Form
customer: Ann
says: "Ann Lee, 555 0101, 1 High Street. Two teas. Leave at the door."
answer:
  name: Ann Lee
  phone: "555-0101"
  address: 1 High Street
  order: [{item: Tea, qty: 2}]
  notes: {keywords: [door]}
""",
    "nums.yaml": "id: nums\nkind: numbers\ntitle: N\nnumbers: ['1.00', '2.00', '3.05']\n",
}
PLAN = {"id": "e2e", "title": "End to end", "keyboard": {
    "typing": {"passage": "pairs", "seconds": 30, "pass_wpm": 3, "pass_accuracy": 80},
    "data_entry": {"case": "form-x", "pass_score": 80},
    "ten_key": {"case": "nums", "pass_accuracy": 60, "pass_kph": 700}}}
CANDIDATE_A = {
    # presses every 0.5 s: a b _ c d _ e x _ g h (11 presses, t = 0 .. 5.0), then time runs out at 30 s
    "typing": {"text": "ab cd ex gh", "cps": 2},
    "data_entry": {"seconds": 100, "keystrokes": 300, "fields": {
        "name": "Ann Lee", "phone": "555 0110", "address": "1 High St", "order": "2 tea",
        "notes": "leave at door"}},
    "ten_key": {"seconds": 50, "entries": ["1.00", "2.00", "3.50"]},
}
CANDIDATE_B = {"typing": {"text": "ab", "cps": 1}}


def test_two_scripted_candidates_and_the_comparison_csv(tmp_path: Path) -> None:
    """Hand-worked numbers for candidate A:

    typing (30 s, timed): words ab ✓ cd ✓ ex ✗ gh ✓(current word) -> correct word chars 6,
      correct spaces 2 -> wpm = 8 * (60 / 30) / 5 = 3.2; raw: correct chars 7 + spaces 3 +
      incorrect 1 = 11 -> 4.4; presses 11, wrong 2 (x, and the space after 'ex') -> 81.82 %
    data entry: phone wrong (0), the other four right (100) -> score 80, fields right 80 %,
      300 keystrokes in 100 s -> 10800 KPH
    10-key: 2 of 3 right -> 66.7 %; net keystrokes (4 + 1) * 2 = 10 in 50 s -> 720 net KPH;
      gross (5 + 5 + 5) = 15 -> 1080 KPH
    Candidate B typed 'ab' only: wpm = 2 * 2 / 5 = 0.8 (fails), data entry and 10-key not taken.
    """
    kb = tmp_path / "keyboard"
    kb.mkdir()
    for name, text in KEYBOARD.items():
        (kb / name).write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'e2e.db'}")
    plan = Plan.model_validate(PLAN)
    run_candidate(plan, "A", CandidateScript.model_validate(CANDIDATE_A), store, keyboard_dir=kb)
    run_candidate(plan, "B", CandidateScript.model_validate(CANDIDATE_B), store, keyboard_dir=kb)
    hiring = HiringStore(store)
    rows = {r["candidate"]: r for r in csv.DictReader(io.StringIO(compare_csv(compare_report(hiring, plan))))}
    a, b = rows["A"], rows["B"]
    assert (a["typing.wpm"], a["typing.raw"], a["typing.accuracy"]) == ("3.2", "4.4", "81.82")
    assert (a["data_entry.score"], a["data_entry.accuracy"], a["data_entry.kph"]) == ("80.0", "80.0", "10800")
    assert (a["ten_key.accuracy"], a["ten_key.net_kph"], a["ten_key.kph"]) == ("66.7", "720", "1080")
    assert a["pass:typing.wpm>=3"] == "pass" and a["pass:typing.accuracy>=80"] == "pass"
    assert a["pass:data_entry.score>=80"] == "pass" and a["pass:ten_key.accuracy>=60"] == "pass"
    assert a["pass:ten_key.net_kph>=700"] == "pass" and a["passed"] == "pass"
    assert b["typing.wpm"] == "0.8" and b["pass:typing.wpm>=3"] == "fail"
    assert b["data_entry.score"] == "" and b["pass:data_entry.score>=80"] == "not taken"
    assert b["passed"] == "fail"
    report = candidate_report(hiring, "e2e", "A")
    fields = {f["field"]: f for f in report["session"]["parts"]["data_entry"]["fields"]}
    assert not fields["phone"]["correct"] and fields["address"]["correct"]
    with pytest.raises(AttemptsUsed):  # results are locked: the script cannot run again
        run_candidate(plan, "A", CandidateScript.model_validate(CANDIDATE_A), store, keyboard_dir=kb)


def test_cli_plan_run_and_reports(tmp_path: Path) -> None:
    """The README's hiring walkthrough: validate, two scripted candidates, reports."""
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runs = ROOT / "scenarios" / "plans" / "runs"
    ok = subprocess.run([*callsim(), "plan", "validate"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    for cand, kind in (("C-101", "strong"), ("C-102", "weak")):
        out = subprocess.run([*callsim(), "hiring", "run", "--plan", "inbound-agent", "--candidate", cand,
                              "--script", str(runs / f"inbound-agent.{kind}.yaml"), "--db", db],
                             capture_output=True, text=True, check=False)
        assert out.returncode == 0, out.stderr
        assert ("Overall: PASS" if kind == "strong" else "Overall: FAIL") in out.stdout
    again = subprocess.run([*callsim(), "hiring", "start", "--plan", "inbound-agent", "--candidate", "C-101",
                            "--db", db], capture_output=True, text=True, check=False)
    assert again.returncode == 1 and "locked" in again.stderr
    out = subprocess.run([*callsim(), "report", "compare", "--plan", "inbound-agent", "--format", "csv",
                          "--db", db], capture_output=True, text=True, check=True)
    rows = {r["candidate"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    # 16 amounts keyed right in 60 s: 89 digits and points + 16 Enters = 105 -> 6300 net KPH
    assert rows["C-101"]["ten_key.net_kph"] == "6300" and rows["C-101"]["passed"] == "pass"
    assert rows["C-102"]["passed"] == "fail" and rows["C-102"]["pass:call.overall>=60"] == "fail"
    html = tmp_path / "compare.html"
    subprocess.run([*callsim(), "report", "compare", "--plan", "inbound-agent", "--format", "html",
                    "--out", str(html), "--db", db], capture_output=True, text=True, check=True)
    assert "<svg" in html.read_text(encoding="utf-8")
    text = subprocess.run([*callsim(), "report", "candidate", "--plan", "inbound-agent", "--candidate",
                           "C-102", "--db", db], capture_output=True, text=True, check=True).stdout
    assert "Data entry" in text and "XX phone" in text


def test_candidate_script_errors_have_lines(tmp_path: Path) -> None:
    bad = tmp_path / "cand.yaml"
    bad.write_text("typing:\n  text: abc\n  cps: 0\ndata_entry:\n  secs: 3\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_candidate_script(bad)
    text = str(info.value)
    assert f"{bad}:3: typing.cps" in text and f"{bad}:5: data_entry.secs: unknown field" in text


def test_phone_test_passages_are_checked(tmp_path: Path) -> None:
    """Read-aloud passages come from the phone test's library (scenarios/passages/)."""
    path = tmp_path / "phone.yaml"
    path.write_text("id: phone\ntitle: Phone\nphone_test:\n  passages: [order-confirmation, delivery-dealy]\n"
                    "  scenario: late-delivery-angry\n  pass_diction: 60\n", encoding="utf-8")
    _, problems = check_plan_file(path)
    assert [(p.line, p.message) for p in problems] == [
        (4, "read-aloud passage 'delivery-dealy' is not in the library (did you mean 'delivery-delay'?)")]
    path.write_text(path.read_text(encoding="utf-8").replace("dealy", "delay"), encoding="utf-8")
    plan, problems = check_plan_file(path)
    assert plan is not None and plan.parts() == ["read_aloud", "call"], problems


def test_unscorable_reading_is_recorded_as_not_taken(tmp_path: Path) -> None:
    from simulator.hiring.runner import ReadAloudRun, score_readings

    result = score_readings(ReadAloudRun(recordings={"order-confirmation": "missing.wav"}), tmp_path)
    assert result["status"] == "not_taken" and "could not score" in result["reason"]
