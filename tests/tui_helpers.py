"""Helpers shared by the app's Pilot and snapshot tests."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot) -> None:
    """Wait for the workers and the messages they post back.

    A worker superseded by a newer one of its exclusive group is cancelled; that is
    normal (the newer one does the job), so a cancelled worker is not an error here.
    """
    for _ in range(2):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()
