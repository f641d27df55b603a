"""What every command-line module does the same way when a file cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from simulator.loading import ScenarioError

T = TypeVar("T")


def load_or_exit(load: Callable[[], T]) -> T:
    """Run a loader for a scenario, plan, passage or script. A missing file is a one-line
    error; a broken one prints every problem as file:line and exits with status 1."""
    try:
        return load()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except ScenarioError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc
