"""Account look-up: phone and account numbers exactly, names loosely (item 9)."""

from __future__ import annotations

from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.script import VirtualClock
from simulator.session import Session


def lookup(query: str, scenario_id: str = "late-delivery-angry") -> str:
    session = Session(load_scenario(LIBRARY_DIR / f"{scenario_id}.yaml"), clock=VirtualClock())
    session.start()
    events = session.act("lookup_account", query=query)
    return events[-1].text


def test_a_number_one_digit_swap_away_finds_nothing() -> None:
    # the account's phone is 555-0142; 555-0124 and 555-0143 are other people's
    assert lookup("555-0124") == "No account found for '555-0124'."
    assert lookup("555-0143").startswith("No account found")
    assert lookup("C-1043").startswith("No account found")


def test_numbers_match_without_spaces_and_dashes() -> None:
    for query in ("555-0142", "555 0142", "5550142", "(555) 0142", "c-1042", "C 1042"):
        assert lookup(query).startswith("Account C-1042"), query


def test_names_still_match_loosely() -> None:
    assert lookup("Dana Whitfeld").startswith("Account C-1042")
    assert lookup("dana whitfield").startswith("Account C-1042")
    assert lookup("Dan Brown").startswith("No account found")
