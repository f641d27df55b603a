"""A real PostgreSQL server for the store tests: fresh databases, and the switch that
runs whole SQLite test files against PostgreSQL.

CALLSIM_TEST_PG_URL names a server and a role that may create databases (.ci/run starts
one with scripts/postgres_setup.sh). Without it the PostgreSQL cases skip on a
developer's machine, but FAIL in CI (CI=true): a missing server must never look green.

CALLSIM_TEST_BACKEND=postgresql (with CALLSIM_TEST_PG_URL) makes every
`sqlite:///<file>` store a test opens use a fresh PostgreSQL database instead, one per
file, so the existing store, hiring and report tests run unchanged on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("CALLSIM_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REDIRECT = os.environ.get("CALLSIM_TEST_BACKEND", "") == "postgresql"


def pg_base_url() -> str:
    """The server's URL, or skip (developer machine) / fail (CI) when there is none."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CALLSIM_TEST_PG_URL is not set: CI must run the store tests on "
                        "PostgreSQL (scripts/postgres_setup.sh start prints the URL)")
        pytest.skip("no PostgreSQL server: set CALLSIM_TEST_PG_URL to run these cases")
    return PG_URL


class PgDatabases:
    """Creates throwaway databases on the server and drops them all at the end."""

    def __init__(self, base: str) -> None:
        self.base = make_url(base)
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def create(self, name: str | None = None) -> str:
        name = name or f"callsim_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.names.append(name)
        return self.base.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def redirect_sqlite(monkeypatch: pytest.MonkeyPatch) -> PgDatabases:
    """Point every SQLite file store opened from now on at its own PostgreSQL database."""
    import simulator.store as store_mod

    dbs = PgDatabases(pg_base_url())
    real = store_mod.make_engine
    mapped: dict[str, str] = {}

    def make_engine(url: str | None = None):  # type: ignore[no-untyped-def]
        url = url or store_mod.default_url()
        if url.startswith("sqlite:///") and ":memory:" not in url:
            if url not in mapped:
                digest = hashlib.sha1(f"{url}{uuid.uuid4()}".encode()).hexdigest()[:12]
                mapped[url] = dbs.create(f"callsim_r_{digest}")
            url = mapped[url]
        return real(url)

    monkeypatch.setattr(store_mod, "make_engine", make_engine)
    return dbs
