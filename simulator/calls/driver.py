"""Starting a call's session and scoring and saving it when it ends.

Why one module: each front end used to build its `Session` and pair `score_call` with
`save_scorecard` itself (six copies); they drifted (only the app saved the scenario it
was played with, so History could not reopen a CLI attempt after the file changed).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.customer import CustomerBrain
from simulator.scenario import Catalog, Scenario
from simulator.session import Recorder, Session
from simulator.transcript import Transcript

if TYPE_CHECKING:
    from simulator.store import Store


def new_session(scenario: Scenario, *, store: Recorder | None, trainee: str, mode: str,
                seed: int | None = None, clock: Callable[[], float] | None = None,
                catalog: Catalog | None = None, brain: CustomerBrain | None = None) -> Session:
    """A session that records every turn in `store` as it happens (crash-safe).

    With no seed one is drawn at random, so two practice calls differ; a seed given
    (tests, run files, hiring plans) makes the customer repeat exactly.
    """
    return Session(scenario, recorder=store, trainee=trainee, mode=mode,
                   seed=seed if seed is not None else random.randrange(1 << 30),
                   clock=clock, catalog=catalog, brain=brain)


def saved_scorecard(card: dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The card as stored: with the scenario it was played with, so History can open it
    later from another library (`--library`) or after the file changed."""
    return {**card, "scenario_snapshot": scenario.model_dump(mode="json", by_alias=True)}


@dataclass(frozen=True)
class FinishedCall:
    """A scored call: the card to show and the attempt it was saved as (None: not saved)."""

    scorecard: dict[str, Any]
    attempt: int | None


def score_and_save(transcript: Transcript, scenario: Scenario,
                   store: Store | None) -> FinishedCall:
    """Score the ended call with every scorer and save the card beside its turns."""
    from scoring import score_call

    card = score_call(transcript, scenario).as_dict()
    attempt = None if store is None else store.save_scorecard(
        transcript, saved_scorecard(card, scenario))
    return FinishedCall(card, attempt)
