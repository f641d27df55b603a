"""schema.json is generated from the models, current, and accepts the library."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from simulator.loading import LIBRARY_DIR, library_files
from simulator.schema import SCHEMA_FILE, schema_text


def test_schema_file_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "scenarios/schema.json is stale: run `callsim schema`"
    )


@pytest.mark.parametrize("path", library_files(), ids=lambda p: p.stem)
def test_scenario_points_editors_at_the_schema(path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


@pytest.mark.parametrize("path", library_files(), ids=lambda p: p.stem)
def test_editor_view_of_scenario_matches_schema(path) -> None:
    """What an editor sees (plain YAML types) validates against the shipped schema."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_library_dir_has_the_schema() -> None:
    assert (LIBRARY_DIR / "schema.json").exists()
