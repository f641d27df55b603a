"""Hiring integrity in the store and the CLI: parts counted from their start, attempts held
by the database under parallel starts, candidate IDs normalised once, the manager's PIN
stored hashed, and every manager action logged beside the machine's result."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scoring.typing import TypingTest
from simulator.hiring.ids import BadCandidateId, normalise_id
from simulator.hiring.loading import keyboard_item, load_plan
from simulator.hiring.models import NumbersCase, Plan
from simulator.hiring.parts import numbers_result, typing_result
from simulator.hiring.reports import candidate_report, candidate_text, compare_report
from simulator.hiring.runner import CandidateScript, run_candidate
from simulator.hiring.store import AttemptsUsed, HiringError, HiringStore, PartTaken
from simulator.store import Store


def callsim() -> list[str]:
    exe = Path(sys.executable).with_name("callsim")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "simulator.cli"]


def small_plan(**extra: object) -> Plan:
    data = {"id": "p1", "title": "P", "keyboard": {
        "typing": {"passage": "customer-notes", "seconds": 30, "pass_wpm": 30},
        "ten_key": {"case": "invoice-amounts", "pass_accuracy": 90}}}
    data.update(extra)
    return Plan.model_validate(data)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'h.db'}"


@pytest.fixture
def hiring(db_url: str) -> HiringStore:
    return HiringStore(Store(db_url))


# -- item 2: a started part is counted; a kill makes it "interrupted" -------------------------
def test_killed_part_is_interrupted_counted_and_only_the_manager_grants_a_retry(
        hiring: HiringStore, db_url: str) -> None:
    plan = small_plan()
    s = hiring.start(plan, "C-1")
    hiring.begin_part(s["id"], "typing")
    hiring.save_progress(s["id"], "typing", {"typed": "Customer called about"})
    # the app is killed here; a new process opens the same session again
    again = HiringStore(Store(db_url))
    resumed = again.start(plan, "C-1")
    assert resumed["id"] == s["id"]
    assert again.interrupt_open_parts(s["id"]) == ["typing"]
    part = again.session(s["id"])["parts"]["typing"]
    assert part["status"] == "interrupted" and part["so_far"]["typed"] == "Customer called about"
    with pytest.raises(PartTaken, match="interrupted"):
        again.begin_part(s["id"], "typing")  # no fresh go
    with pytest.raises(HiringError, match="interrupted"):
        again.record(s["id"], "typing", {"wpm": 90.0})
    again.grant_retry(s["id"], "typing", by="Dana (manager)", reason="power cut")
    again.begin_part(s["id"], "typing")
    again.record(s["id"], "typing", {"wpm": 41.0, "accuracy": 97.0})
    done = again.session(s["id"])["parts"]["typing"]
    assert done["wpm"] == 41.0 and done["previous"][0]["status"] == "interrupted"
    assert done["started_at"] and done["ended_at"] and done["duration_s"] >= 0
    log = again.admin_log(session_id=s["id"])
    assert [(a["action"], a["by"], a["reason"]) for a in log] == [("grant_retry", "Dana (manager)",
                                                                  "power cut")]
    # a part left in progress at submit is interrupted, not silently "to do"
    again.begin_part(s["id"], "ten_key")
    locked = again.submit(s["id"])
    assert locked["parts"]["ten_key"]["status"] == "interrupted"
    text = candidate_text(candidate_report(again, "p1", "c-1"))
    assert "interrupted" in text


# -- 16.9 and item 6: one ID however it is typed ---------------------------------------------
def test_candidate_ids_are_trimmed_case_folded_and_checked(hiring: HiringStore) -> None:
    assert normalise_id("  c-201 ") == "C-201" and normalise_id("C-101  [retake]") == "C-101 [RETAKE]"
    for bad in ("C-1\n2", "C-1\x1b[31m", "", "   ", "x" * 65):
        with pytest.raises(BadCandidateId):
            normalise_id(bad)
    plan = small_plan()
    s = hiring.start(plan, "C-201")
    hiring.submit(s["id"])
    with pytest.raises(AttemptsUsed):
        hiring.start(plan, "c-201")
    with pytest.raises(AttemptsUsed):
        hiring.start(plan, " C-201 ")
    with pytest.raises(HiringError, match="control character"):
        hiring.start(plan, "C-9\x1b]0;owned\x07")


def test_cli_normalises_the_id_once(tmp_path: Path, db_url: str) -> None:
    out = subprocess.run([*callsim(), "hiring", "start", "--plan", "keyboard-only", "--candidate",
                          " c-77 ", "--db", db_url], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "C-77 on keyboard-only, attempt 1 of 1" in out.stdout
    rep = subprocess.run([*callsim(), "report", "candidate", "--plan", "keyboard-only",
                          "--candidate", "C-77 ", "--db", db_url], capture_output=True, text=True)
    assert rep.returncode == 0 and "Traceback" not in rep.stderr, rep.stderr
    assert "Candidate C-77" in rep.stdout
    script = tmp_path / "typing.yaml"
    script.write_text("typing: {text: 'Two cases of oat milk', cps: 4}\n", encoding="utf-8")
    run = subprocess.run([*callsim(), "hiring", "run", "--plan", "keyboard-only", "--candidate", " C-78 ",
                          "--script", str(script), "--db", db_url], capture_output=True, text=True)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr  # was a KeyError
    assert "Candidate C-78" in run.stdout
    bad = subprocess.run([*callsim(), "hiring", "start", "--plan", "keyboard-only", "--candidate",
                          "C-7\nFAKE ROW", "--db", db_url], capture_output=True, text=True)
    assert bad.returncode != 0 and "control character" in bad.stderr and "Traceback" not in bad.stderr


# -- 16.7: the attempt limit is held by the database ------------------------------------------
def test_parallel_hiring_start_processes_make_one_session(db_url: str) -> None:
    HiringStore(Store(db_url))  # the schema exists before the race (first use is another test)

    def start(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*callsim(), "hiring", "start", "--plan", "keyboard-only",
                               "--candidate", "C-RACE", "--db", db_url],
                              capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=6) as pool:
        runs = list(pool.map(start, range(6)))
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    sessions = HiringStore(Store(db_url)).sessions(plan_id="keyboard-only", candidate="C-RACE")
    assert len(sessions) == 1 and sessions[0]["attempt"] == 1
    assert {r.stdout.split(":")[0] for r in runs} == {f"Session {sessions[0]['id']}"}


def test_unique_index_refuses_a_second_attempt_one(hiring: HiringStore) -> None:
    """Even a writer that skips start()'s read cannot add a second "attempt 1"."""
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm import Session

    from simulator.hiring.store import HiringSessionRow

    plan = small_plan()
    s = hiring.start(plan, "C-5")
    with Session(hiring.engine) as db, pytest.raises(IntegrityError), db.begin():
        db.add(HiringSessionRow(plan_id="p1", candidate="C-5", attempt=s["attempt"], plan={},
                                started_at=__import__("datetime").datetime.now()))


# -- item 4: the manager's PIN ------------------------------------------------------------------
def test_pin_is_stored_hashed(hiring: HiringStore, tmp_path: Path) -> None:
    assert not hiring.has_pin()
    with pytest.raises(HiringError, match="at least"):
        hiring.set_pin("12")
    hiring.set_pin("80417263")
    assert hiring.check_pin("80417263") and not hiring.check_pin("80417264")
    assert b"80417263" not in (tmp_path / "h.db").read_bytes()
    with pytest.raises(HiringError, match="current one"):
        hiring.set_pin("11112222")
    hiring.set_pin("11112222", old="80417263")
    assert hiring.check_pin("11112222")


# -- session admin and rater overrides ----------------------------------------------------------
def test_override_void_grant_anonymise_delete_are_logged(hiring: HiringStore) -> None:
    plan = small_plan()
    s = hiring.start(plan, "C-8")
    hiring.record(s["id"], "typing", {"wpm": 25.0, "accuracy": 97.0})
    hiring.record(s["id"], "ten_key", {"accuracy": 95.0})
    hiring.submit(s["id"])
    assert not compare_report(hiring, plan)["rows"][0]["passed"]
    with pytest.raises(HiringError, match="note"):
        hiring.override(s["id"], "typing", 31, by="Ravi", reason=" ")
    hiring.override(s["id"], "typing", 31, by="Ravi", reason="keyboard had a sticky E key")
    rep = candidate_report(hiring, "p1", "C-8")
    check = next(c for c in rep["checks"] if c["part"] == "typing")
    assert check["machine_value"] == 25.0 and check["value"] == 31 and check["passed"]
    assert check["override"]["by"] == "Ravi" and "sticky" in check["override"]["reason"]
    text = candidate_text(rep)
    assert "machine 25" in text and "Ravi" in text and "sticky E key" in text
    hiring.grant_attempt("p1", "c-8", by="Ravi", reason="retest after the keyboard fix")
    second = hiring.start(plan, "C-8")
    assert second["attempt"] == 2
    hiring.void(second["id"], by="Ravi", reason="wrong plan")
    assert [r["attempt"] for r in compare_report(hiring, plan)["rows"]] == [1]
    alias = hiring.anonymise("C-8", by="Ravi", reason="candidate asked")
    assert alias.startswith("ANON-") and not hiring.sessions(candidate="C-8")
    assert hiring.delete_candidate(alias, by="Ravi", reason="retention period over") == 2
    actions = [a["action"] for a in hiring.admin_log()]
    assert actions == ["override", "grant_attempt", "void", "anonymise", "delete"]


# -- item 8: scripted runs never touch a real candidate's session ------------------------------
def test_scripted_run_refuses_an_open_session_and_unknown_parts(hiring: HiringStore, db_url: str) -> None:
    plan = load_plan("keyboard-only")
    store = Store(db_url)
    real = hiring.start(plan, "C-300")
    hiring.begin_part(real["id"], "typing")
    script = CandidateScript.model_validate({"ten_key": {"seconds": 30, "entries": ["1"]}})
    with pytest.raises(HiringError, match="open session"):
        run_candidate(plan, "c-300", script, store)
    assert not hiring.session(real["id"])["locked"]
    with_call = CandidateScript.model_validate({"call": {"steps": [{"say": "Hello"}]}})
    with pytest.raises(HiringError, match="does not: call"):
        run_candidate(plan, "C-301", with_call, store)


# -- items 5 and 7: early stops, auto-typers, 10-key accuracy ------------------------------------
def test_typing_stopped_early_is_scored_over_the_full_time_and_bursts_are_flagged() -> None:
    text = "Customer called about order A-7731 and asked for a refund on the late delivery."
    test = TypingTest(text, 60.0, "t")
    for i, ch in enumerate("Customer called about order "):
        test.press(ch, i * 0.4)
    test.stop(12.0)
    r = typing_result(test.result(12.0), times=[k.t for k in test.log])
    assert r["incomplete"] and r["scored_over"] == 60.0
    assert r["wpm"] == pytest.approx(r["measured_wpm"] * 12.0 / 60.0, abs=0.01)
    assert not r["too_fast"]
    bot = TypingTest(text, 60.0, "t")
    for i, ch in enumerate(text):
        bot.press(ch, i * 0.005)  # 200 keys a second
    rb = typing_result(bot.result(1.0), times=[k.t for k in bot.log])
    assert rb["too_fast"] and rb["fastest_cps"] > 100 and not rb["incomplete"]


def test_ten_key_accuracy_is_of_the_numbers_keyed() -> None:
    case = keyboard_item("invoice-amounts")
    assert isinstance(case, NumbersCase)
    keyed = case.numbers[:3]
    r = numbers_result(case, keyed, seconds=30, keystrokes=sum(len(n) + 1 for n in keyed))
    assert r["accuracy"] == 100.0 and r["keyed"] == 3
    assert r["completed"] == round(100 * 3 / len(case.numbers), 1)
    assert r["fields"][-1]["not_keyed"]


def test_phone_test_readings_are_not_call_scores_in_progress(db_url: str) -> None:
    """Item 8: a read-aloud reading was counted as an "Overall call score"."""
    from test_phone_test import analysis

    from simulator.hiring.reports import progress_report
    from simulator.passages import load_passages
    from simulator.phone_test import ReadAloud, save_attempt

    store = Store(db_url)
    passage = load_passages()[0]
    a = analysis(passage.text)
    save_attempt(store, passage, a, ReadAloud.result(a), "amy")
    skills = {s["skill"] for s in progress_report(store, HiringStore(store), "amy")["skills"]}
    assert skills == {"Read-aloud diction"}


def test_an_older_database_gets_the_attempt_index(tmp_path: Path) -> None:
    """A database made before the rule existed is given the unique index when opened."""
    from sqlalchemy import create_engine, inspect, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE hiring_sessions (id INTEGER PRIMARY KEY, plan_id VARCHAR(120), "
                        "candidate VARCHAR(120), attempt INTEGER, plan JSON, started_at DATETIME, "
                        "submitted_at DATETIME)"))
    assert not inspect(engine).get_indexes("hiring_sessions")
    HiringStore(Store(url))
    indexes = {i["name"]: i for i in inspect(create_engine(url)).get_indexes("hiring_sessions")}
    assert indexes["uqx_hiring_attempt"]["unique"]
