"""Shared fixtures: the shipped library, a throwaway store, a virtual clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario
from simulator.script import VirtualClock
from simulator.session import Session
from simulator.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def late_delivery() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def make_session():
    """Build a session on a virtual clock; returns (session, clock)."""

    def build(scenario: Scenario, **kwargs) -> tuple[Session, VirtualClock]:
        clock = VirtualClock()
        return Session(scenario, clock=clock, **kwargs), clock

    return build
