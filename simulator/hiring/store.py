"""Candidate sessions, their results, and keyboard practice results, in the attempt store.

New tables beside the attempt store's own (same database, same SQLAlchemy `Base`), so
one file or one server holds a trainee's calls and a candidate's interview alike.
The rules a hiring manager relies on are enforced here, not in the UI:

* a candidate may submit at most `plan.attempts` sessions on a plan (plus any the
  manager grants); an open session is resumed, never duplicated. The limit is held by
  a unique index on (plan, candidate, attempt number), so two processes starting the
  same candidate at once cannot both make "attempt 1 of 1": the loser of the race
  gets the winner's session;
* each part of a session is taken once. A part is written down when it *starts*
  (`begin_part`), so killing the app mid-part does not give a fresh go: when the
  session is opened again the part is "interrupted", it is counted, and only the
  manager can grant a retry (`grant_retry`);
* a submitted session is locked: nothing can be recorded into it again.

Every manager action (void, grant an attempt, a retry or extra time, override a
score, anonymise or delete a candidate) is a row of `hiring_admin_log`: the log *is*
the state, so what was done, by whom, when and why can always be shown.

The plan is copied into the session when it starts, so editing a plan file later
never changes the pass marks a past candidate was judged by.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    delete,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column

from simulator.hiring.ids import BadCandidateId, normalise_id
from simulator.hiring.models import Plan
from simulator.store import AttemptRow, Base, EventRow, Store

# Part states kept in a part's result while it is not finished.
IN_PROGRESS, INTERRUPTED, RETRY = "in_progress", "interrupted", "retry_granted"
OPEN_STATES = (IN_PROGRESS, INTERRUPTED, RETRY)


class HiringError(Exception):
    """A rule of the hiring session was broken (attempts used, session locked, ...)."""


class AttemptsUsed(HiringError):
    pass


class SessionLocked(HiringError):
    pass


class PartTaken(HiringError):
    """The part was started (or finished) before: it is not taken twice."""


class HiringSessionRow(Base):
    __tablename__ = "hiring_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(String(120), index=True)
    candidate: Mapped[str] = mapped_column(String(120), index=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


# One attempt number per candidate and plan. An index (not a table constraint) so that
# databases made before it existed get it too (`create(checkfirst=True)` below).
ATTEMPT_INDEX = Index("uqx_hiring_attempt", HiringSessionRow.plan_id, HiringSessionRow.candidate,
                      HiringSessionRow.attempt, unique=True)


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


class HiringAdminRow(Base):
    """One manager action; `data` holds what the action needs (a value, seconds, ...)."""

    __tablename__ = "hiring_admin_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40), index=True)
    plan_id: Mapped[str | None] = mapped_column(String(120), nullable=True, index=True)
    candidate: Mapped[str | None] = mapped_column(String(120), nullable=True, index=True)
    session_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    part: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HiringSettingRow(Base):
    """Settings that must be the same on every seat (the manager's PIN hash)."""

    __tablename__ = "hiring_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def session_dict(row: HiringSessionRow, parts: dict[str, dict[str, Any]] | None = None,
                 admin: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    admin = admin or []
    voided = next((a for a in admin if a["action"] == "void"), None)
    return {
        "id": row.id, "plan_id": row.plan_id, "candidate": row.candidate, "attempt": row.attempt,
        "plan": row.plan, "started_at": _iso(row.started_at), "submitted_at": _iso(row.submitted_at),
        "locked": row.submitted_at is not None, "parts": parts or {}, "admin": admin,
        "voided": voided,
        "overrides": {a["part"]: a for a in admin if a["action"] == "override" and a["part"]},
        "extra_seconds": {a["part"]: a["data"].get("seconds", 0) for a in admin
                          if a["action"] == "extra_time" and a["part"]},
    }


def candidate_key(candidate: str) -> str:
    """The canonical ID, or HiringError (the store's one error type) with the reason."""
    try:
        return normalise_id(candidate)
    except BadCandidateId as exc:
        raise HiringError(str(exc)) from exc


# -- the manager's PIN ---------------------------------------------------------------------
PIN_MIN = 4
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """scrypt with a random salt, as `scrypt$n$r$p$salt-hex$hash-hex` (never the PIN itself)."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt), dklen=32,
                             n=int(n), r=int(r), p=int(p))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


class HiringStore:
    """Sessions and results on the attempt store's engine."""

    def __init__(self, store: Store | Engine | str | None = None) -> None:
        # The attempt store too, when there is one: reports read a call's transcript and
        # scorecard from it as the evidence beside a candidate's result.
        self.store: Store | None = None
        if isinstance(store, Engine):
            self.engine = store
        else:
            self.store = store if isinstance(store, Store) else Store(store)
            self.engine = self.store.engine
        Base.metadata.create_all(self.engine)  # adds only the tables that are missing
        # An older database with duplicate attempts cannot take the index, and two first
        # uses may race to create it: either way start() still reads before it writes.
        with contextlib.suppress(DBAPIError):
            ATTEMPT_INDEX.create(self.engine, checkfirst=True)

    # -- sessions ---------------------------------------------------------------------------
    def attempts_allowed(self, db: Session, plan: Plan, candidate: str) -> int:
        granted = db.scalar(select(func.count()).select_from(HiringAdminRow).where(
            HiringAdminRow.action == "grant_attempt", HiringAdminRow.plan_id == plan.id,
            HiringAdminRow.candidate == candidate)) or 0
        return plan.attempts + int(granted)

    def start(self, plan: Plan, candidate: str, *, now: datetime | None = None) -> dict[str, Any]:
        """The candidate's open session on the plan, or a new one if attempts remain.

        SELECT then INSERT would let two processes both see "no session" and both
        insert attempt 1; the unique index refuses the second insert, and the loser
        reads again and resumes the winner's session.
        """
        candidate = candidate_key(candidate)
        for _ in range(5):
            try:
                with Session(self.engine) as db, db.begin():
                    rows = db.scalars(select(HiringSessionRow).where(
                        HiringSessionRow.plan_id == plan.id, HiringSessionRow.candidate == candidate,
                    ).order_by(HiringSessionRow.attempt)).all()
                    open_rows = [r for r in rows if r.submitted_at is None]
                    if open_rows:
                        return self._dict(db, open_rows[-1])
                    used = max((r.attempt for r in rows), default=0)
                    allowed = self.attempts_allowed(db, plan, candidate)
                    if used >= allowed:
                        raise AttemptsUsed(
                            f"{candidate} has used {used} of {allowed} attempt(s) on plan "
                            f"'{plan.id}'; results are locked")
                    row = HiringSessionRow(plan_id=plan.id, candidate=candidate, attempt=used + 1,
                                           plan=plan.model_dump(mode="json"), started_at=_now(now))
                    db.add(row)
                    db.flush()
                    return session_dict(row)
            except IntegrityError:
                continue  # another process made this attempt first: read again
            except OperationalError as exc:  # SQLite busy under a burst of writers
                if "locked" not in str(exc):
                    raise
                continue
        raise HiringError(f"could not open a session for {candidate}: the database is busy; try again")

    def _dict(self, db: Session, row: HiringSessionRow) -> dict[str, Any]:
        return session_dict(row, self._parts(db, row.id), self._admin(db, session_id=row.id))

    def session(self, session_id: int) -> dict[str, Any]:
        with Session(self.engine) as db:
            row = db.get(HiringSessionRow, session_id)
            if row is None:
                raise KeyError(f"no hiring session {session_id}")
            return self._dict(db, row)

    def sessions(self, *, plan_id: str | None = None, candidate: str | None = None,
                 submitted_only: bool = False, include_void: bool = True) -> list[dict[str, Any]]:
        q = select(HiringSessionRow).order_by(HiringSessionRow.started_at, HiringSessionRow.id)
        if plan_id:
            q = q.where(HiringSessionRow.plan_id == plan_id)
        if candidate:
            try:
                candidate = normalise_id(candidate)
            except BadCandidateId:
                return []
            q = q.where(HiringSessionRow.candidate == candidate)
        if submitted_only:
            q = q.where(HiringSessionRow.submitted_at.is_not(None))
        with Session(self.engine) as db:
            out = [self._dict(db, r) for r in db.scalars(q).all()]
        return out if include_void else [s for s in out if not s["voided"]]

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

    @staticmethod
    def _admin(db: Session, **where: Any) -> list[dict[str, Any]]:
        q = select(HiringAdminRow).order_by(HiringAdminRow.id)
        for key, value in where.items():
            q = q.where(getattr(HiringAdminRow, key) == value)
        return [{"id": a.id, "at": _iso(a.at), "by": a.by, "action": a.action, "plan_id": a.plan_id,
                 "candidate": a.candidate, "session_id": a.session_id, "part": a.part,
                 "reason": a.reason, "data": dict(a.data or {})} for a in db.scalars(q).all()]

    # -- parts --------------------------------------------------------------------------------
    def begin_part(self, session_id: int, part: str, *, now: datetime | None = None,
                   so_far: dict[str, Any] | None = None) -> dict[str, Any]:
        """Write down that the part has started, before the candidate sees it.

        Refused (PartTaken) when the part was started before, unless the manager granted
        a retry; the earlier tries are kept in the result's `previous` list.
        """
        stamp = _now(now)
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was submitted; its results are locked")
            if part not in Plan.model_validate(row.plan).parts():
                raise HiringError(f"part '{part}' is not in plan '{row.plan_id}'")
            prow = db.scalar(select(HiringPartRow).where(
                HiringPartRow.session_id == session_id, HiringPartRow.part == part))
            fresh = {"status": IN_PROGRESS, "started_at": _iso(stamp), "so_far": so_far or {}}
            if prow is None:
                db.add(HiringPartRow(session_id=session_id, part=part, result=fresh, recorded_at=stamp))
                return fresh
            status = prow.result.get("status")
            if status != RETRY:
                raise PartTaken(_taken_message(part, status))
            fresh["previous"] = list(prow.result.get("previous", []))
            prow.result, prow.recorded_at, prow.attempt_id = fresh, stamp, None
            return fresh

    def save_progress(self, session_id: int, part: str, so_far: dict[str, Any], *,
                      attempt_id: int | None = None) -> None:
        """What the candidate has done so far in a started part (shown if it is cut off)."""
        with Session(self.engine) as db, db.begin():
            prow = db.scalar(select(HiringPartRow).where(
                HiringPartRow.session_id == session_id, HiringPartRow.part == part))
            if prow is None or prow.result.get("status") != IN_PROGRESS:
                return
            prow.result = dict(prow.result, so_far=so_far)
            if attempt_id is not None:
                prow.attempt_id = attempt_id

    def interrupt_open_parts(self, session_id: int, *, now: datetime | None = None) -> list[str]:
        """Parts left "in progress" by an app that is gone become "interrupted" (counted)."""
        cut: list[str] = []
        with Session(self.engine) as db, db.begin():
            for prow in db.scalars(select(HiringPartRow).where(HiringPartRow.session_id == session_id)):
                if prow.result.get("status") == IN_PROGRESS:
                    prow.result = dict(prow.result, status=INTERRUPTED, ended_at=_iso(_now(now)))
                    cut.append(prow.part)
        return cut

    def record(self, session_id: int, part: str, result: dict[str, Any], *,
               attempt_id: int | None = None, now: datetime | None = None) -> None:
        """Record one part's result; refused if the session is locked or the part is done.

        A part begun with `begin_part` gets its start, end and duration added; a part
        recorded without one (a scripted run) gets its end only.
        """
        stamp = _now(now)
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was submitted; its results are locked")
            if part not in Plan.model_validate(row.plan).parts():
                raise HiringError(f"part '{part}' is not in plan '{row.plan_id}'")
            prow = db.scalar(select(HiringPartRow).where(
                HiringPartRow.session_id == session_id, HiringPartRow.part == part))
            final = dict(result, ended_at=_iso(stamp))
            if prow is None:
                db.add(HiringPartRow(session_id=session_id, part=part, result=final,
                                     attempt_id=attempt_id, recorded_at=stamp))
                return
            if prow.result.get("status") != IN_PROGRESS:
                raise HiringError(f"part '{part}' of session {session_id} is already recorded"
                                  if prow.result.get("status") not in OPEN_STATES
                                  else _taken_message(part, prow.result.get("status")))
            started = prow.result.get("started_at")
            final["started_at"] = started
            if started:
                begun = datetime.fromisoformat(started)
                final["duration_s"] = round((stamp - begun).total_seconds(), 1)
            if prow.result.get("previous"):
                final["previous"] = prow.result["previous"]
            prow.result, prow.recorded_at = final, stamp
            prow.attempt_id = attempt_id if attempt_id is not None else prow.attempt_id

    def submit(self, session_id: int, *, now: datetime | None = None) -> dict[str, Any]:
        """Lock the session. Parts not taken are recorded as not taken (they fail their marks);
        a part still in progress (or waiting for a granted retry) is interrupted."""
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was already submitted")
            stamp = _now(now)
            rows = {p.part: p for p in db.scalars(select(HiringPartRow).where(
                HiringPartRow.session_id == session_id))}
            for part in Plan.model_validate(row.plan).parts():
                prow = rows.get(part)
                if prow is None:
                    db.add(HiringPartRow(session_id=session_id, part=part, recorded_at=stamp,
                                         result={"status": "not_taken"}))
                elif prow.result.get("status") in (IN_PROGRESS, RETRY):
                    prow.result = dict(prow.result, status=INTERRUPTED,
                                       ended_at=prow.result.get("ended_at") or _iso(stamp))
            row.submitted_at = stamp
        return self.session(session_id)

    # -- the manager's actions (each one logged) ------------------------------------------------
    def _log(self, db: Session, action: str, by: str, reason: str, *, plan_id: str | None = None,
             candidate: str | None = None, session_id: int | None = None, part: str | None = None,
             data: dict[str, Any] | None = None, now: datetime | None = None) -> None:
        if not by.strip():
            raise HiringError("say who is doing this (--by)")
        db.add(HiringAdminRow(at=_now(now), by=_one_line(by)[:120], action=action, plan_id=plan_id,
                              candidate=candidate, session_id=session_id, part=part,
                              reason=_one_line(reason)[:500], data=data or {}))

    def _session_row(self, db: Session, session_id: int) -> HiringSessionRow:
        row = db.get(HiringSessionRow, session_id, with_for_update=True)
        if row is None:
            raise HiringError(f"no hiring session {session_id}")
        return row

    def grant_retry(self, session_id: int, part: str, *, by: str, reason: str,
                    now: datetime | None = None) -> None:
        """Let the candidate take a started (interrupted) part again; the try is kept."""
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was submitted; grant another attempt instead")
            prow = db.scalar(select(HiringPartRow).where(
                HiringPartRow.session_id == session_id, HiringPartRow.part == part))
            if prow is None:
                raise HiringError(f"part '{part}' of session {session_id} was never started")
            old = {k: v for k, v in prow.result.items() if k != "previous"}
            if old.get("status") == IN_PROGRESS:
                old["status"] = INTERRUPTED
            prow.result = {"status": RETRY, "previous": [*prow.result.get("previous", []), old]}
            prow.attempt_id = None
            self._log(db, "grant_retry", by, reason, plan_id=row.plan_id, candidate=row.candidate,
                      session_id=session_id, part=part, now=now)

    def grant_attempt(self, plan_id: str, candidate: str, *, by: str, reason: str,
                      now: datetime | None = None) -> None:
        """One more session for the candidate on the plan."""
        with Session(self.engine) as db, db.begin():
            self._log(db, "grant_attempt", by, reason, plan_id=plan_id,
                      candidate=candidate_key(candidate), now=now)

    def grant_time(self, session_id: int, part: str, seconds: int, *, by: str, reason: str,
                   now: datetime | None = None) -> None:
        """Extra time on one keyboard part (an accommodation); set before the part starts."""
        if not 0 < seconds <= 3600:
            raise HiringError("extra time: between 1 and 3600 seconds")
        with Session(self.engine) as db, db.begin():
            row = _open_row(db, session_id, "was submitted")
            self._log(db, "extra_time", by, reason, plan_id=row.plan_id, candidate=row.candidate,
                      session_id=session_id, part=part, data={"seconds": int(seconds)}, now=now)

    def void(self, session_id: int, *, by: str, reason: str, now: datetime | None = None) -> None:
        """The session does not count in reports (it stays in the database, marked void)."""
        with Session(self.engine) as db, db.begin():
            row = self._session_row(db, session_id)
            if row.submitted_at is None:
                row.submitted_at = _now(now)
            self._log(db, "void", by, reason, plan_id=row.plan_id, candidate=row.candidate,
                      session_id=session_id, now=now)

    def override(self, session_id: int, part: str, value: float, *, by: str, reason: str,
                 now: datetime | None = None) -> None:
        """A rater's score for a part beside the machine's; both are kept and reported,
        and the rater's is the one the pass mark is judged by."""
        if not reason.strip():
            raise HiringError("an override needs a note saying why")
        if not (0 <= value <= 100_000) or value != value:
            raise HiringError("override: a finite number from 0")
        with Session(self.engine) as db, db.begin():
            row = self._session_row(db, session_id)
            if part not in Plan.model_validate(row.plan).parts():
                raise HiringError(f"part '{part}' is not in plan '{row.plan_id}'")
            self._log(db, "override", by, reason, plan_id=row.plan_id, candidate=row.candidate,
                      session_id=session_id, part=part, data={"value": float(value)}, now=now)

    def anonymise(self, candidate: str, *, by: str, reason: str, now: datetime | None = None) -> str:
        """Replace the candidate's ID everywhere with `ANON-<n>`; results stay for statistics."""
        key = candidate_key(candidate)
        with Session(self.engine) as db, db.begin():
            rows = db.scalars(select(HiringSessionRow).where(HiringSessionRow.candidate == key)).all()
            if not rows:
                raise HiringError(f"no sessions for candidate {key}")
            alias = f"ANON-{rows[0].id}"
            for r in rows:
                r.candidate = alias
            for a in db.scalars(select(AttemptRow).where(AttemptRow.trainee == key)):
                a.trainee = alias
            for a in db.scalars(select(HiringAdminRow).where(HiringAdminRow.candidate == key)):
                a.candidate = alias
            self._log(db, "anonymise", by, reason, candidate=alias, now=now)
        return alias

    def delete_candidate(self, candidate: str, *, by: str, reason: str,
                         now: datetime | None = None) -> int:
        """Delete the candidate's sessions, results and interview calls; the log keeps what
        was done and why, with the ID removed."""
        key = candidate_key(candidate)
        with Session(self.engine) as db, db.begin():
            rows = db.scalars(select(HiringSessionRow).where(HiringSessionRow.candidate == key)).all()
            if not rows:
                raise HiringError(f"no sessions for candidate {key}")
            ids = [r.id for r in rows]
            attempts = [a for a in db.scalars(select(HiringPartRow.attempt_id).where(
                HiringPartRow.session_id.in_(ids))) if a is not None]
            db.execute(delete(HiringPartRow).where(HiringPartRow.session_id.in_(ids)))
            db.execute(delete(HiringSessionRow).where(HiringSessionRow.id.in_(ids)))
            if attempts:
                db.execute(delete(EventRow).where(EventRow.attempt_id.in_(attempts)))
                db.execute(delete(AttemptRow).where(AttemptRow.id.in_(attempts)))
            for a in db.scalars(select(HiringAdminRow).where(HiringAdminRow.candidate == key)):
                a.candidate = None  # the actions stay in the log, without whom they concerned
            self._log(db, "delete", by, reason, data={"sessions": len(ids)}, now=now)
        return len(ids)

    def admin_log(self, **where: Any) -> list[dict[str, Any]]:
        with Session(self.engine) as db:
            return self._admin(db, **where)

    # -- the manager's PIN ------------------------------------------------------------------------
    def has_pin(self) -> bool:
        with Session(self.engine) as db:
            return db.get(HiringSettingRow, "manager_pin") is not None

    def set_pin(self, pin: str, *, by: str = "manager", old: str | None = None) -> None:
        """Store the PIN's scrypt hash; changing it needs the old one."""
        if len(pin.strip()) < PIN_MIN or pin != pin.strip():
            raise HiringError(f"the PIN needs at least {PIN_MIN} characters (no spaces at the ends)")
        with Session(self.engine) as db, db.begin():
            row = db.get(HiringSettingRow, "manager_pin")
            if row is not None and not (old is not None and pin_matches(old, row.value)):
                raise HiringError("a PIN is set already; give the current one to change it")
            if row is None:
                db.add(HiringSettingRow(key="manager_pin", value=hash_pin(pin)))
            else:
                row.value = hash_pin(pin)
            self._log(db, "set_pin", by, "")

    def check_pin(self, pin: str) -> bool:
        with Session(self.engine) as db:
            row = db.get(HiringSettingRow, "manager_pin")
            return row is not None and pin_matches(pin, row.value)

    # -- keyboard practice ----------------------------------------------------------------------
    def save_practice(self, person: str, result: dict[str, Any], *, now: datetime | None = None) -> int:
        """A trainee's keyboard test outside any interview (counted in progress reports)."""
        test_id = str(result.get("passage_id") or result.get("case_id") or "")
        with Session(self.engine) as db, db.begin():
            row = KeyboardResultRow(person=person, kind=str(result.get("kind", "typing")),
                                    test_id=test_id, result=result, created_at=_now(now))
            db.add(row)
            db.flush()
            return row.id

    def practice(self, person: str) -> list[dict[str, Any]]:
        with Session(self.engine) as db:
            rows = db.scalars(select(KeyboardResultRow).where(KeyboardResultRow.person == person)
                              .order_by(KeyboardResultRow.created_at, KeyboardResultRow.id)).all()
            return [{"id": r.id, "kind": r.kind, "test_id": r.test_id, "result": r.result,
                     "created_at": _iso(r.created_at)} for r in rows]


def _one_line(text: str) -> str:
    """Free text (who, why) as one printable line: a newline would add a fake row to a
    text or CSV report, and an escape would reach the manager's terminal."""
    from simulator.hiring.ids import printable

    return printable(" ".join(text.split()))


def _taken_message(part: str, status: Any) -> str:
    if status == INTERRUPTED:
        return (f"part '{part}' was interrupted and counts as taken; only the manager can "
                f"grant a retry")
    if status == IN_PROGRESS:
        return f"part '{part}' was started already; each part is taken once"
    return f"part '{part}' is already recorded"


def _open_row(db: Session, session_id: int, if_locked: str) -> HiringSessionRow:
    """The session's row, locked for this transaction; KeyError if there is none,
    SessionLocked ("session N <if_locked>") once it was submitted."""
    row = db.get(HiringSessionRow, session_id, with_for_update=True)
    if row is None:
        raise KeyError(f"no hiring session {session_id}")
    if row.submitted_at is not None:
        raise SessionLocked(f"session {session_id} {if_locked}")
    return row
