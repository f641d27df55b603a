"""Issue 16 items 3, 6 and 8: private files, racing first use, and values PostgreSQL refuses.

Each database test runs on SQLite and on a real PostgreSQL server (the `db_url`
fixture; see tests/pg.py for when the PostgreSQL case skips or fails).
"""

from __future__ import annotations

import math
import multiprocessing as mp
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from pg import REDIRECT

from simulator.cli import main
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.privacy import InputError
from simulator.script import VirtualClock
from simulator.session import Session
from simulator.store import Store, default_url, finite_json

WRITERS = 8
ROUNDS = 3
TURNS = 3  # operator lines per writer: 1 opening + 2 events per line + none after


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- item 3: files only their owner can read -------------------------------------------
@pytest.mark.sqlite_only
def test_database_folder_and_files_are_private(tmp_path: Path) -> None:
    """Before: the database and its -wal/-shm files were 0644 in a 0755 folder."""
    db = tmp_path / "new" / "data" / "callsim.db"
    store = Store(f"sqlite:///{db}")
    scn = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    session = Session(scn, recorder=store, clock=VirtualClock(), trainee="amy")
    session.start()
    session.say("Hello, Pizza Planet, Amy speaking.")
    files = [p for p in db.parent.iterdir() if p.name.startswith("callsim.db")]
    assert {p.name for p in files} >= {"callsim.db", "callsim.db-wal", "callsim.db-shm"}
    for p in files:
        assert _mode(p) == 0o600, (p.name, oct(_mode(p)))
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700


@pytest.mark.sqlite_only
def test_default_data_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "callsim").mkdir(parents=True, mode=0o755)
    url = default_url()
    assert url.endswith("callsim.db")
    assert _mode(tmp_path / "xdg" / "callsim") == 0o700


@pytest.mark.sqlite_only
def test_recordings_are_private(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    from simulator.recording import Recordings
    from simulator.speech.audio import Audio

    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    rec = Recordings(store)
    import numpy as np

    path = rec.save(1, 1, "operator", Audio(np.zeros(1600, dtype=np.float32), 16000))
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700 and _mode(rec.root) == 0o700


# -- item 6: first use by several processes at once ---------------------------------------
def _writer(url: str, n: int, barrier: mp.synchronize.Barrier, out: mp.Queue) -> None:
    try:
        barrier.wait()
        scn = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
        session = Session(scn, recorder=Store(url), clock=VirtualClock(), trainee=f"w{n}",
                          seed=n)
        session.start()
        for _ in range(TURNS):
            if session.ended:
                break
            session.say("I'm so sorry, I understand, let me check that for you.")
        session.end()
        out.put((n, len(session.transcript.events), ""))
    except BaseException as exc:  # the parent reports it
        out.put((n, 0, f"{type(exc).__name__}: {exc}"))


def test_racing_first_use_records_every_run(db_url: str, tmp_path: Path) -> None:
    """Before: 9 of 182 SQLite runs and 2 of 30 PostgreSQL runs on a new database were lost
    ('database is locked' at the WAL pragma, 'table attempts already exists',
    DuplicateTable, UniqueViolation)."""
    ctx = mp.get_context("fork")
    for r in range(ROUNDS):
        url = db_url
        if url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'round{r}' / 'callsim.db'}"
        elif r:
            from pg import PgDatabases, pg_base_url

            dbs = PgDatabases(pg_base_url())
            url = dbs.create()
        barrier, out = ctx.Barrier(WRITERS), ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(url, n, barrier, out)) for n in range(WRITERS)]
        for p in procs:
            p.start()
        results = [out.get(timeout=300) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        errors = [e for _, _, e in results if e]
        assert errors == [], errors
        store = Store(url)
        rows = store.attempts()
        assert sorted(r["trainee"] for r in rows) == sorted(f"w{n}" for n in range(WRITERS))
        expected = {f"w{n}": events for n, events, _ in results}
        assert {r["trainee"]: r["events"] for r in rows} == expected
        assert all(r["finished"] for r in rows)
        store.engine.dispose()
        if url != db_url and not url.startswith("sqlite"):
            dbs.drop_all()


# -- item 8: what PostgreSQL refuses is refused at the edge, on every backend --------------
def test_a_long_trainee_name_is_a_clear_error(db_url: str) -> None:
    """Before: PostgreSQL raised StringDataRightTruncation and nothing was recorded."""
    store = Store(db_url)
    scn = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    with pytest.raises(InputError, match="trainee name is 121 characters long; at most 120"):
        Session(scn, recorder=store, clock=VirtualClock(), trainee="x" * 121).start()
    ok = Session(scn, recorder=store, clock=VirtualClock(), trainee="y" * 120)
    ok.start()
    assert [r["trainee"] for r in store.attempts()] == ["y" * 120]


def test_the_cli_refuses_a_long_trainee_name_in_one_line(db_url: str) -> None:
    result = CliRunner().invoke(main, ["play", "late-delivery-angry", "--trainee", "z" * 200,
                                       "--db", db_url], input="")
    assert result.exit_code == 1
    assert "trainee name is 200 characters long" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_nan_score_is_never_stored(db_url: str) -> None:
    """Before: PostgreSQL refused the scorecard ('invalid input syntax for type json')."""
    store = Store(db_url)
    scn = load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
    session = Session(scn, recorder=store, clock=VirtualClock(), trainee="n")
    session.start()
    card = {"overall": math.nan, "passed": False,
            "scores": {"diction": {"value": math.inf, "evidence": [1.0, -math.inf]}}}
    attempt = store.save_scorecard(session.end(), card)
    saved = store.scorecard(attempt)
    assert saved == {"overall": None, "passed": False,
                     "scores": {"diction": {"value": None, "evidence": [1.0, None]}}}
    assert store.attempts()[0]["overall"] is None


def test_finite_json_keeps_finite_values() -> None:
    assert finite_json({"a": [1, 2.5, "x", None, True]}) == {"a": [1, 2.5, "x", None, True]}


def test_the_postgresql_switch_really_uses_postgresql(tmp_path: Path) -> None:
    """Guards the CI run: CALLSIM_TEST_BACKEND=postgresql must not quietly use SQLite."""
    if not REDIRECT:
        pytest.skip("runs in the PostgreSQL pass of .ci/run")
    assert Store(f"sqlite:///{tmp_path / 'x.db'}").engine.dialect.name == "postgresql"
