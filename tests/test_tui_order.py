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


def test_enter_in_the_quantity_box_needs_the_size_first(make) -> None:
    """Item 3: a Margherita with no size was added with no warning."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await pilot.press("f3", *"margherita", "enter")
        await settle(pilot)
        assert pilot.app.focused is call.query_one("#item-qty")
        await pilot.press("enter")
        await settle(pilot)
        assert order_rows(call) == []
        error = call.query_one("#item-error", Static)
        assert error.display and "choose a size for Margherita pizza first" in text_of(error)
        assert pilot.app.focused is option_select(call, "size")
        await pilot.press("enter", "down", "down", "enter")  # medium
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert order_rows(call) == [["Margherita pizza", "1", "medium"]]
        assert not call.query_one("#item-error", Static).display

    drive(make(), script)


def test_delivery_fields_take_only_what_they_are_for(make) -> None:
    """Item 5: a time window was taken as the address, a question as the window."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await pilot.press("f3")
        await settle(pilot)
        call.query_one("#del-address", Input).value = "08:00-10:00"
        call.query_one("#del-window", Input).value = (
            "And the original order, how did you pay for that?")
        call.query_one("#del-address", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        error = text_of(call.query_one("#delivery-error", Static))
        assert "address: '08:00-10:00' looks like a time, not an address" in error
        assert "window: 'And the original order, how did you pay for that?' is not a time" in error
        assert call.call_view.form["delivery"] == {"address": None, "window": None, "date": None}
        call.query_one("#del-address", Input).value = "41 Elm Road"
        call.query_one("#del-window", Input).value = "18:30-19:00"
        await pilot.press("enter")
        await settle(pilot)
        assert call.call_view.form["delivery"]["address"] == "41 Elm Road"
        assert call.call_view.form["delivery"]["window"] == "18:30-19:00"
        assert not call.query_one("#delivery-error", Static).display

    drive(make(), script)


def test_form_fields_say_their_kind_and_check_it(make) -> None:
    """Items 5 and 7: a number field refuses words; each field says what it holds."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot, "survey-satisfaction")
        await pilot.press("f3")
        await settle(pilot)
        rating = call.query_one("#field-rating", Input)
        assert "(a number)" in rating.placeholder
        rating.value = "very good"
        rating.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "rating: 'very good' is not a number" in text_of(
            call.query_one("#field-error", Static))
        assert call.call_view.form["fields"] == {}
        rating.value = "4"
        await pilot.press("enter")
        await settle(pilot)
        assert call.call_view.form["fields"] == {"rating": "4"}

    drive(make(), script)


def test_search_box_steers_the_results(make) -> None:
    """Item 4: Down scrolled the panel; Enter could act on the previous result list;
    Tab went to the results or not depending on how many there were."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await pilot.press("f3", *"pizza")
        await settle(pilot)
        search = call.query_one("#catalog-search", Input)
        results = call.query_one("#catalog-results", OptionList)
        scroll = call.query_one("#order-scroll")
        assert results.option_count > 2 and results.highlighted == 0
        await pilot.press("down", "down")
        assert pilot.app.focused is search and results.highlighted == 2
        assert scroll.scroll_y == 0
        await pilot.press("up")
        assert results.highlighted == 1
        wanted = results.get_option_at_index(1).id
        await pilot.press("enter")
        await settle(pilot)
        assert call._picked is not None and call._picked.sku == wanted
        # Enter on a list that still shows the previous search picks from the new one
        with search.prevent(Input.Changed):
            search.value = "veggie"
        search.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert call._picked is not None and call._picked.sku == "PZ-VEG"
        # Tab from the search box goes to the quantity, with many results or none
        for query in ("pizza", "zzzz"):
            search.value = query
            search.focus()
            await settle(pilot)
            await pilot.press("tab")
            assert pilot.app.focused is call.query_one("#item-qty"), query

    drive(make(), script)


def test_order_table_stays_in_view_at_80x24(make) -> None:
    """Item 6: at 80x24 the table showed one row; names showed cut ("Espr 6")."""

    async def script(pilot: Pilot) -> None:
        call = await open_call(pilot)
        await add_sized(pilot, call, "pepperoni", 3)
        await add_sized(pilot, call, "veggie", 2)
        await pilot.press(*"espresso", "enter")
        await settle(pilot)
        await pilot.press("6", "enter")
        await settle(pilot)
        table = call.query_one("#order-lines", DataTable)
        assert [r[0] for r in order_rows(call)] == ["Pepperoni pizza", "Veggie pizza",
                                                  "Espresso beans 1 kg"]
        call.query_one("#del-date", Input).focus()  # far down the form
        await settle(pilot)
        screen_box = pilot.app.screen.region
        assert table.region.height >= 4 and screen_box.contains_region(table.region)
        assert table.columns[table.ordered_columns[0].key].width >= len("Espresso beans 1 kg")

    drive(make(), script, size=(80, 24))
