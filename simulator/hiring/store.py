"""Candidate sessions, their results, and keyboard practice results, in the attempt store.

New tables beside the attempt store's own (same database, same SQLAlchemy `Base`), so
one file or one server holds a trainee's calls and a candidate's interview alike.
The rules a hiring manager relies on are enforced here, not in the UI:

* a candidate may submit at most `plan.attempts` sessions on a plan; an open session
  is resumed, never duplicated;
* each part of a session is recorded once;
* a submitted session is locked: nothing can be recorded into it again.

The plan is copied into the session when it starts, so editing a plan file later
never changes the pass marks a past candidate was judged by.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from simulator.hiring.models import Plan
from simulator.store import Base, Store


class HiringError(Exception):
    """A rule of the hiring session was broken (attempts used, session locked, ...)."""


class AttemptsUsed(HiringError):
    pass


class SessionLocked(HiringError):
    pass


class HiringSessionRow(Base):
    __tablename__ = "hiring_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(120), index=True)
    candidate: Mapped[str] = mapped_column(String(120), index=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class HiringPartRow(Base):
    __tablename__ = "hiring_parts"
    __table_args__ = (UniqueConstraint("session_id", "part", name="uq_hiring_part"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("hiring_sessions.id"), index=True)
    part: Mapped[str] = mapped_column(String(40))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id"), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class KeyboardResultRow(Base):
    __tablename__ = "keyboard_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    test_id: Mapped[str] = mapped_column(String(120))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def session_dict(row: HiringSessionRow, parts: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": row.id, "plan_id": row.plan_id, "candidate": row.candidate, "attempt": row.attempt,
        "plan": row.plan, "started_at": _iso(row.started_at), "submitted_at": _iso(row.submitted_at),
        "locked": row.submitted_at is not None, "parts": parts or {},
    }


class HiringStore:
    """Sessions and results on the attempt store's engine."""

    def __init__(self, store: Store | Engine | str | None = None) -> None:
        if isinstance(store, Engine):
            self.engine = store
        else:
            self.engine = (store if isinstance(store, Store) else Store(store)).engine
        Base.metadata.create_all(self.engine)  # adds only the tables that are missing

    # -- sessions ---------------------------------------------------------------------------
    def start(self, plan: Plan, candidate: str, *, now: datetime | None = None) -> dict[str, Any]:
        """The candidate's open session on the plan, or a new one if attempts remain."""
        candidate = candidate.strip()
        if not candidate:
            raise HiringError("a candidate ID is needed")
        with Session(self.engine) as db, db.begin():
            rows = db.scalars(select(HiringSessionRow).where(
                HiringSessionRow.plan_id == plan.id, HiringSessionRow.candidate == candidate,
            ).order_by(HiringSessionRow.id)).all()
            open_rows = [r for r in rows if r.submitted_at is None]
            if open_rows:
                return session_dict(open_rows[-1], self._parts(db, open_rows[-1].id))
            used = len(rows)
            if used >= plan.attempts:
                raise AttemptsUsed(
                    f"{candidate} has used {used} of {plan.attempts} attempt(s) on plan "
                    f"'{plan.id}'; results are locked")
            row = HiringSessionRow(plan_id=plan.id, candidate=candidate, attempt=used + 1,
                                   plan=plan.model_dump(mode="json"),
                                   started_at=now or datetime.now(UTC))
            db.add(row)
            db.flush()
            return session_dict(row)

    def session(self, session_id: int) -> dict[str, Any]:
        with Session(self.engine) as db:
            row = db.get(HiringSessionRow, session_id)
            if row is None:
                raise KeyError(f"no hiring session {session_id}")
            return session_dict(row, self._parts(db, session_id))

    def sessions(self, *, plan_id: str | None = None, candidate: str | None = None,
                 submitted_only: bool = False) -> list[dict[str, Any]]:
        q = select(HiringSessionRow).order_by(HiringSessionRow.started_at, HiringSessionRow.id)
        if plan_id:
            q = q.where(HiringSessionRow.plan_id == plan_id)
        if candidate:
            q = q.where(HiringSessionRow.candidate == candidate)
        if submitted_only:
            q = q.where(HiringSessionRow.submitted_at.is_not(None))
        with Session(self.engine) as db:
            return [session_dict(r, self._parts(db, r.id)) for r in db.scalars(q).all()]

    def attempts_used(self, plan_id: str, candidate: str) -> int:
        with Session(self.engine) as db:
            return int(db.scalar(select(func.count()).select_from(HiringSessionRow).where(
                HiringSessionRow.plan_id == plan_id, HiringSessionRow.candidate == candidate)) or 0)

    @staticmethod
    def _parts(db: Session, session_id: int) -> dict[str, dict[str, Any]]:
        rows = db.scalars(select(HiringPartRow).where(HiringPartRow.session_id == session_id)
                          .order_by(HiringPartRow.id)).all()
        out = {}
        for r in rows:
            result = dict(r.result)
            if r.attempt_id is not None:
                result.setdefault("attempt_id", r.attempt_id)
            out[r.part] = result
        return out

    # -- results ------------------------------------------------------------------------------
    def record(self, session_id: int, part: str, result: dict[str, Any], *,
               attempt_id: int | None = None, now: datetime | None = None) -> None:
        """Record one part's result; refused if the session is locked or the part is done."""
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was submitted; its results are locked")
            if part not in Plan.model_validate(row.plan).parts():
                raise HiringError(f"part '{part}' is not in plan '{row.plan_id}'")
            done = db.scalar(select(HiringPartRow.id).where(
                HiringPartRow.session_id == session_id, HiringPartRow.part == part))
            if done is not None:
                raise HiringError(f"part '{part}' of session {session_id} is already recorded")
            db.add(HiringPartRow(session_id=session_id, part=part, result=result,
                                 attempt_id=attempt_id, recorded_at=now or datetime.now(UTC)))

    def submit(self, session_id: int, *, now: datetime | None = None) -> dict[str, Any]:
        """Lock the session. Parts not taken are recorded as not taken (they fail their marks)."""
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was already submitted")
            done = set(self._parts(db, session_id))
            stamp = now or datetime.now(UTC)
            for part in Plan.model_validate(row.plan).parts():
                if part not in done:
                    db.add(HiringPartRow(session_id=session_id, part=part, recorded_at=stamp,
                                         result={"status": "not_taken"}))
            row.submitted_at = stamp
        return self.session(session_id)

    # -- keyboard practice ----------------------------------------------------------------------
    def save_practice(self, person: str, result: dict[str, Any], *, now: datetime | None = None) -> int:
        """A trainee's keyboard test outside any interview (counted in progress reports)."""
        test_id = str(result.get("passage_id") or result.get("case_id") or "")
        with Session(self.engine) as db, db.begin():
            row = KeyboardResultRow(person=person, kind=str(result.get("kind", "typing")),
                                    test_id=test_id, result=result, created_at=now or datetime.now(UTC))
            db.add(row)
            db.flush()
            return row.id

    def practice(self, person: str) -> list[dict[str, Any]]:
        with Session(self.engine) as db:
            rows = db.scalars(select(KeyboardResultRow).where(KeyboardResultRow.person == person)
                              .order_by(KeyboardResultRow.created_at, KeyboardResultRow.id)).all()
            return [{"id": r.id, "kind": r.kind, "test_id": r.test_id, "result": r.result,
                     "created_at": _iso(r.created_at)} for r in rows]


def _open_row(db: Session, session_id: int, if_locked: str) -> HiringSessionRow:
    """The session's row, locked for this transaction; KeyError if there is none,
    SessionLocked ("session N <if_locked>") once it was submitted."""
    row = db.get(HiringSessionRow, session_id, with_for_update=True)
    if row is None:
        raise KeyError(f"no hiring session {session_id}")
    if row.submitted_at is not None:
        raise SessionLocked(f"session {session_id} {if_locked}")
    return row
