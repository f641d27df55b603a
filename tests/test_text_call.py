"""The plain-text call's commands, driven with a list of lines (no terminal)."""

from __future__ import annotations

import pytest

from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import VirtualClock
from simulator.session import Session
from simulator.text_call import CommandError, parse_command, run_text_call


def session_for(scenario_id: str) -> Session:
    return Session(load_scenario(LIBRARY_DIR / f"{scenario_id}.yaml"), clock=VirtualClock(),
                   seed=0)


def play(scenario_id: str, *lines: str) -> tuple[Session, str]:
    """Run a text call on these lines (then end it); returns the session and what it wrote."""
    session = session_for(scenario_id)
    out: list[str] = []
    feed = iter([*lines, "/end"])
    run_text_call(session, lambda prompt: next(feed), out.append)
    return session, "\n".join(out)


def test_add_refuses_an_option_the_product_does_not_have() -> None:
    """Item 5: `/add PZ-MAR 1 size=family` was accepted."""
    session, out = play("first-order-confused", "/add PZ-MAR 1 size=family")
    assert "size 'family' is not offered for Margherita pizza (expected one of: small, " \
           "medium, large)" in out
    assert session.state.form.lines == {}


def test_add_needs_every_option_of_the_product() -> None:
    session, out = play("first-order-confused", "/add PZ-MAR 1")
    assert "choose a size for Margherita pizza first (small, medium, large)" in out
    assert session.state.form.lines == {}


def test_delivery_window_must_be_a_time() -> None:
    """Item 5: `/delivery window="whenever"` was accepted."""
    session, out = play("first-order-confused", '/delivery window="whenever"')
    assert "window: 'whenever' is not a time" in out
    assert session.state.form.window is None


def test_values_with_spaces_need_no_quotes() -> None:
    """Item 7: values ran only to the next space unless quoted."""
    session, _ = play("first-order-confused",
                      "/delivery address=41 Elm Road window=18:30-19:00",
                      "/receiver Margaret Doyle")
    form = session.state.form
    assert (form.address, form.window, form.receiver) == ("41 Elm Road", "18:30-19:00",
                                                          "Margaret Doyle")
    session, _ = play("first-order-confused", '/delivery address="41 Elm Road" window=18:30')
    assert session.state.form.address == "41 Elm Road"


def test_field_names_are_checked_with_did_you_mean() -> None:
    """Item 7: `/field light=...` was taken silently where the field is light_before."""
    session = session_for("router-reset-support")
    with pytest.raises(CommandError, match="no form field 'light' \\(did you mean "
                                           "'light_before'\\?\\) — /fields lists them"):
        parse_command(session, "/field light=flashing red")
    assert parse_command(session, "/field light_before flashing red") == (
        "set_field", {"name": "light_before", "value": "flashing red"})
    assert parse_command(session, "/field light_before=flashing red") == (
        "set_field", {"name": "light_before", "value": "flashing red"})


def test_fields_and_order_read_as_words() -> None:
    """Item 7: /order printed a Python dict; the form fields could not be discovered."""
    _, out = play("survey-satisfaction", "/fields", "/order")
    assert "Form fields (/field NAME VALUE):" in out
    assert "rating" in out and "a number" in out and "improvement" in out
    assert "{'items'" not in out and "Order form" in out
    _session, out = play("first-order-confused", "/add PZ-MAR 1 size=medium", "/order")
    assert "Items:     1 × Margherita pizza (PZ-MAR), size medium" in out


def test_help_says_values_need_no_quotes() -> None:
    _, out = play("first-order-confused", "/help")
    assert "no quotes needed" in out and "/fields" in out
