"""What every command-line module does the same way when a file cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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


def write_output(path: Path, text: str, *, overwrite: bool = True, make_parents: bool = False) -> None:
    """Write a report or an export, or exit with one line saying why it cannot be.

    A folder, a missing folder, a file where a folder should be and (unless
    `overwrite`) an existing file are refused. New files are created 0600: exports and
    reports hold names, scores and what was said on calls.
    """
    import os

    if path.is_dir():
        raise click.ClickException(f"{path}: is a folder (give a file name)")
    if path.exists() and not overwrite:
        raise click.ClickException(f"{path}: already exists (add --force to overwrite it)")
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise click.ClickException(f"{path}: folder {path.parent} does not exist")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write: {exc.strerror or exc}") from exc
