"""Parallel writers on one attempt store: attempts/s, p95 event commit, lost events.

N processes (2, 8, 32) each replay scripted calls through the real Session and Store
against ONE database that none of them has seen before (so the first-use race on the
schema is part of every round), on SQLite and on PostgreSQL. Every event is its own
committed transaction, as in a real call. Reported per round:

* attempts/s: calls recorded per second of wall time, all writers together;
* p95 commit: the 95th percentile of one event's commit (Store.record), milliseconds;
* lost: events a writer emitted that are not in the database afterwards, plus runs
  that failed outright (must both be 0).

Baseline, in the same process: one writer alone on a fresh database, so a busier
machine shifts both numbers together.

    .venv/bin/python benchmarks/store_load.py                       # SQLite only
    .venv/bin/python benchmarks/store_load.py --pg-url "$(bash scripts/postgres_setup.sh start)"
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import machine

from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import load_script, run_script
from simulator.session import Session
from simulator.store import Store

RUN = LIBRARY_DIR / "runs" / "late-delivery-angry.pass.yaml"


class TimedStore(Store):
    """The real store, timing each event's commit."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.commits: list[float] = []

    def record(self, transcript: Any, ev: Any) -> None:
        t0 = time.perf_counter()
        super().record(transcript, ev)
        self.commits.append(time.perf_counter() - t0)


def _writer(url: str, n: int, calls: int, barrier: Any, out: Any) -> None:
    result: dict[str, Any] = {"n": n, "attempts": [], "events": 0, "commits": [], "error": ""}
    try:
        scenario = load_scenario(RUN.parent.parent / f"{load_script(RUN).scenario}.yaml")
        script = load_script(RUN)
        barrier.wait()
        result["start"] = time.perf_counter()
        store = TimedStore(url)
        for c in range(calls):
            def factory(clock: Any, seed: int, c: int = c) -> Session:
                return Session(scenario, recorder=store, clock=clock, trainee=f"w{n}-{c}",
                               mode="script", seed=seed)

            transcript = run_script(script, factory)
            result["attempts"].append(store.attempt_id(transcript))
            result["events"] += len(transcript.events)
        result["commits"] = store.commits
        store.engine.dispose()
    except Exception as exc:  # reported as a lost run
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    result["end"] = time.perf_counter()
    out.put(result)


def _fresh_url(backend: str, pg_url: str | None, folder: Path) -> tuple[str, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder / uuid.uuid4().hex / 'callsim.db'}", None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(pg_url)
    name = f"callsim_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


def _count(url: str, attempts: list[int]) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session as DB

    from simulator.store import EventRow

    store = Store(url)
    with DB(store.engine) as db:
        n = db.scalar(select(func.count()).select_from(EventRow)
                      .where(EventRow.attempt_id.in_(attempts))) or 0
    store.engine.dispose()
    return int(n)


def one_round(backend: str, writers: int, calls: int, pg_url: str | None, folder: Path) -> dict:
    url, drop = _fresh_url(backend, pg_url, folder)
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, n, calls, barrier, out))
             for n in range(writers)]
    for p in procs:
        p.start()
    results = [out.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    ok = [r for r in results if not r["error"]]
    attempts = [a for r in ok for a in r["attempts"]]
    emitted = sum(r["events"] for r in ok)
    stored = _count(url, attempts) if attempts else 0
    failed_runs = len(results) - len(ok)
    commits = sorted(c for r in ok for c in r["commits"])
    wall = max(r["end"] for r in results) - min(r.get("start", r["end"]) for r in results)
    if drop:
        drop()
    p95 = commits[int(0.95 * (len(commits) - 1))] if commits else float("nan")
    return {
        "backend": backend, "writers": writers, "calls": writers * calls,
        "attempts_per_s": round(len(attempts) / wall, 2) if wall > 0 else None,
        "p95_commit_ms": round(p95 * 1e3, 2),
        "median_commit_ms": round(statistics.median(commits) * 1e3, 2) if commits else None,
        "events": emitted, "lost_events": emitted - stored, "failed_runs": failed_runs,
        "errors": sorted({r["error"] for r in results if r["error"]})[:3],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", default="2,8,32")
    ap.add_argument("--calls", type=int, default=3, help="scripted calls per writer")
    ap.add_argument("--rounds", type=int, default=1, help="fresh databases per size")
    ap.add_argument("--pg-url", help="PostgreSQL server (a role that may CREATE DATABASE)")
    args = ap.parse_args()
    backends = ["sqlite"] + (["postgresql"] if args.pg_url else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            base = one_round(backend, 1, args.calls, args.pg_url, Path(tmp))
            base["writers"] = "1 (baseline)"
            rows.append(base)
            for w in [int(x) for x in args.writers.split(",")]:
                for _ in range(args.rounds):
                    rows.append(one_round(backend, w, args.calls, args.pg_url, Path(tmp)))
    print(json.dumps({"machine": machine(), "run": RUN.name, "rows": rows}, indent=2))
    print("\n| backend | writers | calls | attempts/s | p95 commit ms | lost events | failed runs |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['backend']} | {r['writers']} | {r['calls']} | {r['attempts_per_s']} | "
              f"{r['p95_commit_ms']} | {r['lost_events']} | {r['failed_runs']} |")
    if any(r["lost_events"] or r["failed_runs"] for r in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
