"""Pilot tests of the call screen's order form (F3), driven from the keyboard.

Each test reproduces something a trainee met: a second product with options closing the
app, an item added before its size was chosen, fields that took anything, the search
box's Down key and Enter, the table too short to show the order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static
from tui_helpers import app_factory, drive, settle, text_of

import tui

SCENARIO = "first-order-confused"


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., tui.CallsimApp]:
    return app_factory(tmp_path, trainee="amy")


async def open_call(pilot: Pilot, scenario_id: str = SCENARIO) -> tui.CallScreen:
    app = pilot.app
    await pilot.press("p")
    await settle(pilot)
    browser = app.screen
    assert isinstance(browser, tui.BrowserScreen)
    ids = [e.id for e in browser.shown]
    browser.query_one("#scenario-list", OptionList).highlighted = ids.index(scenario_id)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, tui.CallScreen)
    return app.screen


def option_select(call: tui.CallScreen, name: str) -> Select:
    """The item editor's Select for one option of the picked product."""
    (sel,) = [s for s in call.query("#item-options Select").results(Select) if s.name == name]
    return sel


def order_rows(call: tui.CallScreen) -> list[list[str]]:
    table = call.query_one("#order-lines", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def add_sized(pilot: Pilot, call: tui.CallScreen, query: str, downs: int) -> None:
    """F3, search, Enter, open the size menu, choose, Add — all from the keyboard."""
    await pilot.press("f3", *query, "enter")
    await settle(pilot)
    assert pilot.app.focused is call.query_one("#item-qty"), pilot.app.focused
    await pilot.press("tab", "enter", *["down"] * downs, "enter")
    await settle(pilot)
    await pilot.press("tab", "enter")  # "Add to order"
    await settle(pilot)


def test_two_pizzas_with_sizes_on_one_order(make) -> None:
    """Item 1: the second product with options used to raise DuplicateIds('opt-size')."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await add_sized(pilot, call, "pepperoni", 3)
        await add_sized(pilot, call, "veggie", 2)
        assert order_rows(call) == [["Pepperoni pizza", "1", "large"],
                                    ["Veggie pizza", "1", "medium"]]
        assert isinstance(pilot.app.screen, tui.CallScreen)

    drive(make(), script)


def test_enter_on_an_order_line_edits_it(make) -> None:
    """Item 1: Shift+Tab to the order table, Enter loads the line into the editor."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await add_sized(pilot, call, "pepperoni", 3)
        call.query_one("#order-lines", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert option_select(call, "size").value == "large"
        assert "on the order" in text_of(call.query_one("#item-picked", Static))
        call.query_one("#order-lines", DataTable).focus()
        await pilot.press("enter")  # and again: the same product, picked twice
        await settle(pilot)
        assert isinstance(pilot.app.screen, tui.CallScreen)
        qty = call.query_one("#item-qty", Input)
        assert pilot.app.focused is qty
        qty.value = "3"
        await pilot.press("tab", "tab", "enter")  # size (kept), then "Update line"
        await settle(pilot)
        assert order_rows(call) == [["Pepperoni pizza", "3", "large"]]

    drive(make(), script)
