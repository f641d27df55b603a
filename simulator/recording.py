"""Audio recordings of voice attempts: both sides of every turn, linked to the attempt.

Each turn's audio is a WAV file under `<data dir>/recordings/<attempt>/` (the data
dir is the folder of a SQLite store, else platformdirs' user data dir for "callsim"),
indexed in a `recordings` table in the attempt store's own database, so a trainer can
replay any turn of any attempt with `play_turn(attempt_id, turn)`.

PCI: where a card number is spoken, that stretch is muted before the file is written
(the trainee's side from the recogniser's word timings, the customer's from the
synthesised pieces), and the digits in the stored word list are masked. A digit run of
12 or more is treated as a card number whatever its checksum, because a misheard card
number is still a card number (the finding and masking live in `card_words`).

The recordings folder and each attempt's folder are 0700 and every WAV file 0600: they
hold trainees' and candidates' voices.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import JSON, DateTime, Float, Integer, String, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

RECORDING_NOTICE = "This call is recorded for training and quality purposes."


class _Base(DeclarativeBase):
    pass


class RecordingRow(_Base):
    """One side of one turn. `attempt_id` refers to attempts.id (no FK: separate metadata)."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(Integer, index=True)
    turn: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(String(500))
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    muted: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# -- the store of recordings -------------------------------------------------------
def recordings_root(engine: Engine) -> Path:
    """Beside a SQLite database file; otherwise in the user's data folder."""
    if override := os.environ.get("CALLSIM_RECORDINGS"):
        return Path(override).expanduser()
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if db and db != ":memory:":
        return Path(db).expanduser().resolve().parent / "recordings"
    return Path(user_data_dir("callsim", appauthor=False)) / "recordings"


class Recordings:
    """Saves, lists and finds the audio of attempts; shares the store's database."""

    def __init__(self, store_or_engine: Any = None, *, root: Path | None = None) -> None:
        if store_or_engine is None:
            from simulator.store import make_engine

            engine = make_engine()
        elif isinstance(store_or_engine, Engine):
            engine = store_or_engine
        elif isinstance(store_or_engine, str):
            engine = create_engine(store_or_engine)
        else:
            engine = store_or_engine.engine
        self.engine = engine
        self.root = Path(root) if root else recordings_root(engine)
        from simulator.store import create_schema

        create_schema(engine, _Base.metadata)  # safe when several processes start at once

    def save(self, attempt_id: int, turn: int, speaker: str, audio: Any,
             mute: list[tuple[float, float]] | None = None) -> Path:
        """Write one side of one turn (muted where asked) and index it."""
        from simulator.speech import audio as au

        spans = [(round(a, 3), round(b, 3)) for a, b in (mute or [])]
        clip = au.mute(audio, spans) if spans else audio
        from simulator.store import private_file, private_folder

        path = self.root / str(attempt_id) / f"turn-{turn:04d}-{speaker}.wav"
        private_folder(self.root, own=True)  # voices: readable by this user only
        private_folder(path.parent, own=True)
        private_file(path)  # created 0600 before a byte of audio is in it
        au.write_wav(path, clip)
        with Session(self.engine) as db, db.begin():
            db.add(RecordingRow(attempt_id=attempt_id, turn=turn, speaker=speaker, path=str(path),
                                seconds=round(clip.seconds, 3), muted=[list(s) for s in spans],
                                created_at=datetime.now(UTC)))
        return path

    def for_attempt(self, attempt_id: int) -> list[dict[str, Any]]:
        with Session(self.engine) as db:
            rows = db.scalars(select(RecordingRow).where(RecordingRow.attempt_id == attempt_id)
                              .order_by(RecordingRow.turn, RecordingRow.id)).all()
            return [{"turn": r.turn, "speaker": r.speaker, "path": r.path, "seconds": r.seconds,
                     "muted": [tuple(s) for s in r.muted or []]} for r in rows]

    def path(self, attempt_id: int, turn: int) -> Path:
        """The WAV of that turn; KeyError if the turn has no recording."""
        for row in self.for_attempt(attempt_id):
            if row["turn"] == turn:
                return Path(row["path"])
        raise KeyError(f"attempt {attempt_id} has no recording for turn {turn}")


def play_turn(attempt_id: int, turn: int, *, store: Any = None, player: Any = None) -> Path:
    """Replay one turn of a recorded attempt on the default output (or `player`).

    Returns the WAV's path; raises KeyError for an unknown turn and SpeechUnavailable
    when there is nothing to play it on (the path is in the message, to open elsewhere).
    """
    from simulator.speech import audio as au
    from simulator.speech.playback import PyAudioPlayer, play_audio
    from simulator.speech.types import SpeechUnavailable

    path = Recordings(store).path(attempt_id, turn)
    clip = au.read_wav(path)
    if player is None:
        from simulator.speech.devices import probe

        if not probe(want_microphone=False).speaker:
            raise SpeechUnavailable(f"no audio output to play {path} on")
        player = PyAudioPlayer()
        try:
            play_audio(clip, player)
        finally:
            player.close()
    else:
        play_audio(clip, player)
    return path
