"""Attempts, their events and their scores, committed as they happen.

SQLite in the user's data directory by default (WAL, so a reader — the app's History
screen — never blocks the call being written), any SQLAlchemy URL by option or the
CALLSIM_DB environment variable. Each event is its own committed transaction: a process
killed mid-call leaves every turn up to the kill on disk and the attempt unfinished.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from simulator.privacy import InputError, clean_name
from simulator.transcript import Event, Transcript


class Base(DeclarativeBase):
    pass


class AttemptRow(Base):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(120), index=True)
    trainee: Mapped[str] = mapped_column(String(120), index=True, default="")
    mode: Mapped[str] = mapped_column(String(20), default="text")
    brain: Mapped[str] = mapped_column(String(40), default="scripted")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    ended_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)


SCHEMA_LOCK_KEY = 0x63616C6C  # "call": the PostgreSQL advisory lock held while creating tables
SQLITE_BUSY_S = 30.0  # how long a SQLite writer waits for another process's lock


def default_url() -> str:
    """CALLSIM_DB if set, else a SQLite file in the user's data directory (kept 0700)."""
    if url := os.environ.get("CALLSIM_DB"):
        return url
    folder = private_folder(Path(user_data_dir("callsim", appauthor=False)), own=True)
    return f"sqlite:///{folder / 'callsim.db'}"


def private_folder(folder: Path, *, own: bool = False) -> Path:
    """`folder`, created 0700 where missing; `own` (our data folder) also tightens an
    existing one. Folders the user chose and that exist already are left as they are."""
    missing = []
    p = folder
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700, exist_ok=True)
        os.chmod(d, 0o700)
    if own:
        os.chmod(folder, 0o700)
    return folder


def private_file(path: Path) -> None:
    """Create `path` 0600 if it does not exist (SQLite then gives its -wal and -shm files
    the same mode); an existing file is tightened to 0600."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _retry(what: Any, *, attempts: int = 40) -> Any:
    """Run `what()` again when another process holds the lock or just made the table.

    Two processes opening a new database race on the journal mode and on CREATE TABLE;
    both are idempotent, so the loser waits a little and tries once more.
    """
    delay = 0.02
    for i in range(attempts):
        try:
            return what()
        except (OperationalError, IntegrityError, ProgrammingError) as exc:
            text = str(exc).lower()
            transient = any(w in text for w in ("locked", "busy", "already exists", "duplicate",
                                                "unique"))
            if not transient or i == attempts - 1:
                raise
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.5)
    return None  # pragma: no cover


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    try:
        def wal() -> None:
            mode = cur.execute("PRAGMA journal_mode").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")

        _retry(lambda: _sqlite_call(wal))
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        cur.close()


def _sqlite_call(fn: Any) -> Any:
    """The DB-API's own errors as SQLAlchemy's, so `_retry` recognises them."""
    import sqlite3

    try:
        return fn()
    except sqlite3.OperationalError as exc:
        raise OperationalError("PRAGMA journal_mode", {}, exc) from exc


def create_schema(engine: Engine, metadata: Any = None) -> None:
    """Create the missing tables, safely when several processes do it at once.

    PostgreSQL: under a transaction-scoped advisory lock (DDL is transactional there,
    so the second process waits and then finds the tables). SQLite: create-if-missing,
    retried when another process holds the lock or created the table first.
    """
    if metadata is None:
        import simulator.hiring.store  # noqa: F401  (registers the hiring tables on Base)

        metadata = Base.metadata

    def create() -> None:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            metadata.create_all(conn)

    _retry(create)


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        db = Path(url.removeprefix("sqlite:///")).expanduser()
        private_folder(db.parent)
        private_file(db)
        connect_args["timeout"] = SQLITE_BUSY_S
    engine = create_engine(url, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    create_schema(engine)
    return engine


def finite_json(value: Any) -> Any:
    """`value` with NaN and infinities as None: JSON has no such numbers, and PostgreSQL
    refuses them where SQLite would store them silently."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_json(v) for v in value]
    return value


def _fits(value: str, column: Any, what: str) -> str:
    limit = column.type.length
    if limit and len(value) > limit:
        raise InputError(f"{what} is {len(value)} characters long; at most {limit} are allowed")
    return value


class Store:
    """The attempt store; also a session Recorder (record/finish)."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url)
        self.url = str(self.engine.url)
        self._attempt_ids: dict[int, int] = {}  # id(transcript) -> attempt id

    # -- Recorder ----------------------------------------------------------------
    def attempt_id(self, transcript: Transcript) -> int:
        """The attempt row for a transcript, created on first use."""
        key = id(transcript)
        if key not in self._attempt_ids:
            cols = AttemptRow.__table__.c
            row = AttemptRow(
                scenario_id=_fits(transcript.scenario_id, cols.scenario_id, "scenario id"),
                trainee=clean_name(transcript.trainee, "trainee name",
                                   cols.trainee.type.length or 120),
                mode=_fits(transcript.mode, cols.mode, "mode"),
                brain=_fits(transcript.brain, cols.brain, "brain name"),
                started_at=datetime.fromisoformat(transcript.started_at),
            )
            with Session(self.engine) as db, db.begin():
                db.add(row)
                db.flush()
                self._attempt_ids[key] = row.id
        return self._attempt_ids[key]

    def record(self, transcript: Transcript, ev: Event) -> None:
        attempt = self.attempt_id(transcript)
        with Session(self.engine) as db, db.begin():
            db.add(EventRow(attempt_id=attempt, turn=ev.turn, data=ev.model_dump_json()))

    def finish(self, transcript: Transcript) -> None:
        attempt = self.attempt_id(transcript)
        with Session(self.engine) as db, db.begin():
            row = db.get(AttemptRow, attempt)
            assert row is not None
            row.finished = True
            row.ended_by = (transcript.ended_by or "")[:60] or None
            row.ended_at = datetime.now(UTC)

    def save_scorecard(self, transcript: Transcript, scorecard: dict[str, Any]) -> int:
        attempt = self.attempt_id(transcript)
        with Session(self.engine) as db, db.begin():
            row = db.get(AttemptRow, attempt)
            assert row is not None
            scorecard = finite_json(scorecard)
            row.scorecard = scorecard
            row.overall = scorecard.get("overall")
            row.passed = scorecard.get("passed")
        return attempt

    # -- reading -----------------------------------------------------------------
    def attempts(
        self, *, trainee: str | None = None, scenario_id: str | None = None, limit: int = 200
    ) -> list[dict[str, Any]]:
        q = select(AttemptRow).order_by(AttemptRow.started_at.desc(), AttemptRow.id.desc())
        if trainee:
            q = q.where(AttemptRow.trainee == trainee)
        if scenario_id:
            q = q.where(AttemptRow.scenario_id == scenario_id)
        with Session(self.engine) as db:
            rows = db.scalars(q.limit(limit)).all()
            counts: dict[int, int] = {
                attempt: n for attempt, n in db.execute(
                    select(EventRow.attempt_id, func.count())
                    .where(EventRow.attempt_id.in_([r.id for r in rows]))
                    .group_by(EventRow.attempt_id))
            }
            return [self._summary(r, counts.get(r.id, 0)) for r in rows]

    @staticmethod
    def _summary(row: AttemptRow, events: int) -> dict[str, Any]:
        return {
            "id": row.id, "scenario_id": row.scenario_id, "trainee": row.trainee,
            "mode": row.mode, "brain": row.brain,
            "started_at": row.started_at.isoformat() if row.started_at else None,
            "finished": row.finished, "ended_by": row.ended_by, "events": events,
            "overall": row.overall, "passed": row.passed,
        }

    def transcript(self, attempt_id: int) -> Transcript:
        """Rebuild an attempt's transcript from its committed events."""
        with Session(self.engine) as db:
            row = db.get(AttemptRow, attempt_id)
            if row is None:
                raise KeyError(f"no attempt {attempt_id}")
            events = [
                Event.model_validate(json.loads(e.data))
                for e in db.scalars(
                    select(EventRow).where(EventRow.attempt_id == attempt_id).order_by(EventRow.turn)
                )
            ]
            return Transcript(
                scenario_id=row.scenario_id, trainee=row.trainee, mode=row.mode,  # type: ignore[arg-type]
                brain=row.brain, started_at=row.started_at.isoformat(), finished=row.finished,
                ended_by=row.ended_by, events=events,
            )

    def scorecard(self, attempt_id: int) -> dict[str, Any] | None:
        with Session(self.engine) as db:
            row = db.get(AttemptRow, attempt_id)
            return row.scorecard if row else None
