"""The app's crash guard: an internal error keeps the call, says so, and exits non-zero.

The error is injected (a handler that raises), so the test does not depend on a
particular bug still being there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import app_factory, drive, settle

import tui
from simulator.store import Store


class Boom(RuntimeError):
    """The injected internal error."""


def test_a_crash_mid_call_keeps_the_call_and_says_what_happened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(f"sqlite:///{tmp_path / 'crash.db'}")
    app = app_factory(tmp_path, trainee="amy")(store=store)

    def broken_hold(self: tui.CallScreen) -> None:
        raise Boom("the hold button broke")

    monkeypatch.setattr(tui.CallScreen, "action_hold", broken_hold)

    async def script(pilot: Pilot) -> None:
        await pilot.press("p")
        await settle(pilot)
        browser = pilot.app.screen
        assert isinstance(browser, tui.BrowserScreen)
        ids = [e.id for e in browser.shown]
        browser.query_one("#scenario-list", OptionList).highlighted = ids.index(
            "late-delivery-angry")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.CallScreen)
        await pilot.press("f5")
        await settle(pilot)

    with pytest.raises(Boom):  # Pilot re-raises the app's error once the app has stopped
        drive(app, script)

    assert app.return_code == 1
    message = app.crash_message
    assert message.startswith("callsim stopped because of an internal error: Boom: "
                              "the hold button broke")
    assert "Your call with Dana Whitfield is saved as unfinished" in message
    assert "Traceback" not in message
    crash_log = tmp_path / "config" / "crash.log"
    assert str(crash_log) in message
    assert "Traceback" in crash_log.read_text(encoding="utf-8")
    (row,) = store.attempts()
    assert not row["finished"]
    transcript = store.transcript(row["id"])
    assert transcript.events[0].speaker == "customer"
    assert "internal error" in transcript.events[-1].text


def test_the_app_command_exits_non_zero_after_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`callsim app` used to exit 0 after Textual's traceback screen."""

    def crashed_run(self: tui.CallsimApp, *args: object, **kwargs: object) -> None:
        self._return_code = 1

    monkeypatch.setattr(tui.CallsimApp, "run", crashed_run)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with pytest.raises(SystemExit) as exit_info:
        tui.run(["--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert exit_info.value.code == 1
