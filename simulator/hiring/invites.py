"""One-time links for remote candidates: `callsim hiring invite` makes one, `callsim serve`
honours it once.

The link carries a random token (32 bytes, URL-safe); only its SHA-256 is stored, so the
database alone cannot open a session. A token is claimed in one UPDATE guarded by
"not used yet", so two browsers opening the same link at once cannot both get in:
the second sees a used link.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from simulator.hiring.store import HiringError, HiringStore, candidate_key
from simulator.store import Base

DEFAULT_DAYS = 7


class InviteRow(Base):
    __tablename__ = "hiring_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    plan_id: Mapped[str] = mapped_column(String(120))
    candidate: Mapped[str] = mapped_column(String(120), index=True)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Invites:
    """Invitations on the hiring store's database."""

    def __init__(self, hiring: HiringStore) -> None:
        self.hiring = hiring
        self.engine = hiring.engine
        Base.metadata.create_all(self.engine, tables=[InviteRow.__table__])  # type: ignore[list-item]

    def create(self, plan_id: str, candidate: str, *, by: str = "", days: int = DEFAULT_DAYS,
               now: datetime | None = None) -> str:
        """A new token for the candidate on the plan (shown once; only its hash is kept)."""
        if not 0 < days <= 90:
            raise HiringError("an invitation lasts 1 to 90 days")
        token = secrets.token_urlsafe(32)
        stamp = now or datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            db.add(InviteRow(token_hash=_hash(token), plan_id=plan_id, candidate=candidate_key(candidate),
                             created_by=by, created_at=stamp, expires_at=stamp + timedelta(days=days)))
        return token

    def peek(self, token: str, *, now: datetime | None = None) -> dict[str, Any] | None:
        """The invitation if it can still be used (not used, not expired), else None."""
        with Session(self.engine) as db:
            row = db.scalar(select(InviteRow).where(InviteRow.token_hash == _hash(token)))
            if row is None or row.used_at is not None or _aware(row.expires_at) < (now or datetime.now(UTC)):
                return None
            return {"plan_id": row.plan_id, "candidate": row.candidate}

    def claim(self, token: str, *, now: datetime | None = None) -> dict[str, Any] | None:
        """Use the invitation up: the first caller gets it, every later one gets None."""
        stamp = now or datetime.now(UTC)
        with Session(self.engine) as db, db.begin():
            done = db.execute(update(InviteRow).where(
                InviteRow.token_hash == _hash(token), InviteRow.used_at.is_(None),
                InviteRow.expires_at >= stamp).values(used_at=stamp))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = db.scalar(select(InviteRow).where(InviteRow.token_hash == _hash(token)))
            assert row is not None
            return {"plan_id": row.plan_id, "candidate": row.candidate}
