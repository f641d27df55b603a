"""Attempts, their events and their scores, committed as they happen.

SQLite in the user's data directory by default (WAL, so a reader — the app's History
screen — never blocks the call being written), any SQLAlchemy URL by option or the
CALLSIM_DB environment variable. Each event is its own committed transaction: a process
killed mid-call leaves every turn up to the kill on disk and the attempt unfinished.
"""

from __future__ import annotations

import json
import os
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
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

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


def default_url() -> str:
    """CALLSIM_DB if set, else a SQLite file in the user's data directory."""
    if url := os.environ.get("CALLSIM_DB"):
        return url
    folder = Path(user_data_dir("callsim", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'callsim.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    return engine


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
            with Session(self.engine) as db, db.begin():
                row = AttemptRow(
                    scenario_id=transcript.scenario_id, trainee=transcript.trainee,
                    mode=transcript.mode, brain=transcript.brain,
                    started_at=datetime.fromisoformat(transcript.started_at),
                )
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
            row.ended_by = transcript.ended_by
            row.ended_at = datetime.now(UTC)

    def save_scorecard(self, transcript: Transcript, scorecard: dict[str, Any]) -> int:
        attempt = self.attempt_id(transcript)
        with Session(self.engine) as db, db.begin():
            row = db.get(AttemptRow, attempt)
            assert row is not None
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
