"""Snapshot tests of every screen at 80x24 and 120x40 (pytest-textual-snapshot).

Deterministic by construction: a frozen copy of two scenarios and the catalog
(tests/snapshots/library), a temporary store and settings folder, seed 0, a clock that
only moves when the test says so, and no blinking cursors. The SVGs live in
tests/snapshots/test_tui_snapshots/; after an intended change to the screens, review
and accept them with `pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")
pytest_textual_snapshot = pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, OptionList  # noqa: E402
from tui_helpers import settle  # noqa: E402

import tui  # noqa: E402
from simulator.script import VirtualClock  # noqa: E402
from simulator.store import Store  # noqa: E402

HERE = Path(__file__).resolve().parent
LIBRARY = HERE / "snapshots" / "library"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


class _SnapshotsHere(pytest_textual_snapshot.SVGImageExtension):  # type: ignore[misc]
    """Keep the SVGs in tests/snapshots/ rather than syrupy's default __snapshots__/."""

    @classmethod
    def dirname(cls, *, test_location: Any) -> str:
        return str(HERE / "snapshots" / test_location.basename)


@pytest.fixture(autouse=True)
def _snapshot_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", _SnapshotsHere)


@pytest.fixture
def app(tmp_path: Path) -> tui.CallsimApp:
    return tui.make_app(
        store=Store(f"sqlite:///{tmp_path / 'snap.db'}"), library_dir=LIBRARY,
        config_dir=tmp_path / "config", seed=0, clock=VirtualClock(), trainee="amy",
    )


async def steady(pilot: Pilot) -> None:
    """No blinking cursor in a screenshot: a blink would make the SVG differ run to run."""
    await settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


async def to_browser(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    browser = pilot.app.screen
    assert isinstance(browser, tui.BrowserScreen)
    ids = [e.id for e in browser.shown]
    browser.query_one("#scenario-list", OptionList).highlighted = ids.index(
        "late-delivery-angry")
    await steady(pilot)


async def to_call(pilot: Pilot) -> None:
    await to_browser(pilot)
    await pilot.press("enter")
    await settle(pilot)
    clock = pilot.app.clock  # type: ignore[attr-defined]
    for line in ("Hello, Pizza Planet, this is Amy. I'm so sorry your order is late.",
                 "Could I have the phone number on the order, please?"):
        clock.advance(6)
        box = pilot.app.focused
        assert isinstance(box, Input)
        box.insert_text_at_cursor(line)  # pasted: typing is tested in test_tui.py
        await pilot.press("enter")
        await settle(pilot)
    clock.advance(5)
    await pilot.press("f2", *"555-0142", "enter")
    await steady(pilot)


async def to_scorecard(pilot: Pilot) -> None:
    await to_call(pilot)
    await pilot.press("f8", "y")
    await steady(pilot)
    assert isinstance(pilot.app.screen, tui.ScorecardScreen)


async def to_order_form(pilot: Pilot) -> None:
    await to_call(pilot)
    await pilot.press("f3", *"pepperoni", "enter")
    await settle(pilot)
    await pilot.press("tab", "enter", "down", "down", "down", "enter")
    await settle(pilot)
    await pilot.press("tab", "enter")
    await steady(pilot)


async def to_leave_dialog(pilot: Pilot) -> None:
    await to_call(pilot)
    await pilot.press("escape")
    await steady(pilot)
    assert isinstance(pilot.app.screen, tui.ConfirmScreen)


async def to_help(pilot: Pilot) -> None:
    await to_call(pilot)
    await pilot.press("f1")
    await steady(pilot)


async def to_history(pilot: Pilot) -> None:
    await to_scorecard(pilot)
    await pilot.press("h")
    await steady(pilot)
    assert isinstance(pilot.app.screen, tui.HistoryScreen)


async def to_library(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await steady(pilot)


SCREENS = {
    "home": steady, "browser": to_browser, "library": to_library, "call": to_call,
    "order_form": to_order_form, "help": to_help, "leave_dialog": to_leave_dialog,
    "scorecard": to_scorecard, "history": to_history,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, app, monkeypatch: pytest.MonkeyPatch, screen: str,
                size: str) -> None:
    # History shows when each attempt started: a fixed date keeps the picture still
    monkeypatch.setattr(tui, "local_date", lambda iso: "2026-01-05 09:30")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen])
