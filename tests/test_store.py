"""The store: every event committed as it happens; a killed process loses no turn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.store import Store
from simulator.transcript import Transcript


def test_attempt_round_trip(store: Store, make_session, late_delivery) -> None:
    session, _ = make_session(late_delivery, recorder=store, trainee="amy")
    session.start()
    session.say("Hello, Pizza Planet, this is Amy.")
    transcript = session.end()
    attempt = store.save_scorecard(transcript, {"overall": 55.0, "passed": False})
    rows = store.attempts(trainee="amy")
    assert [r["id"] for r in rows] == [attempt]
    assert rows[0]["finished"] and rows[0]["overall"] == 55.0 and rows[0]["events"] == 4
    again = store.transcript(attempt)
    assert [e.text for e in again.events] == [e.text for e in transcript.events]
    assert isinstance(again, Transcript)


@pytest.mark.sqlite_only
def test_sqlite_uses_wal(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.sqlite_only  # the child process writes to the SQLite file itself
def test_killed_process_loses_no_turn(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    child = textwrap.dedent(f"""
        import sys, time
        from simulator.loading import LIBRARY_DIR, load_scenario
        from simulator.session import Session
        from simulator.store import Store
        scenario = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
        session = Session(scenario, recorder=Store("sqlite:///{db}"), trainee="kim")
        session.start()
        session.say("Hello, this is Kim at Pizza Planet.")
        session.say("I am so sorry about that, let me look into it.")
        print("ready", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    store = Store(f"sqlite:///{db}")
    (row,) = store.attempts()
    assert row["trainee"] == "kim" and not row["finished"] and row["events"] == 5
    texts = [e.text for e in store.transcript(row["id"]).events]
    assert texts[1] == "Hello, this is Kim at Pizza Planet."
    assert texts[3] == "I am so sorry about that, let me look into it."
