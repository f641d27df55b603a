"""Helpers shared by the app's Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

import tui
from simulator.script import VirtualClock
from simulator.store import Store


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


def app_factory(tmp_path: Path, **defaults: Any) -> Callable[..., tui.CallsimApp]:
    """Build apps on temporary folders with a fixed seed and a frozen clock; keyword
    arguments (here, then per call) override those defaults."""

    def build(**kwargs: Any) -> tui.CallsimApp:
        for key, value in defaults.items():
            kwargs.setdefault(key, value)
        kwargs.setdefault("store", Store(f"sqlite:///{tmp_path / 'tui.db'}"))
        kwargs.setdefault("config_dir", tmp_path / "config")
        kwargs.setdefault("seed", 0)
        kwargs.setdefault("clock", VirtualClock())
        return tui.make_app(**kwargs)

    return build


def drive(app: tui.CallsimApp, script: Callable[[Pilot], Awaitable[None]],
          size: tuple[int, int] = (80, 24), *, settle_first: bool = True) -> None:
    """Run the app headless at `size` and play `script` against it.

    `settle_first=False` for scripts that start a voice call: its worker runs until the
    call ends, so waiting for every worker would wait for the whole call.
    """

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            if settle_first:
                await settle(pilot)
            else:
                await pilot.pause()
            await script(pilot)

    asyncio.run(main())


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0, *,
                   settle_each: bool = True) -> None:
    """Poll `condition` while the app runs; fail with what has focus if it never holds."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
        if settle_each:
            await settle(pilot)
    raise AssertionError(f"condition not met in {timeout} s; focused={pilot.app.focused!r} "
                         f"screen={pilot.app.screen!r}")


def text_of(widget: Static) -> str:
    return str(widget.render())
