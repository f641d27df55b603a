"""scenarios/schema.json, generated from the scenario models.

Editors with the YAML language server read it (each scenario's first line points to
it) to autocomplete fields and flag mistakes while the trainer types. A test fails
when the committed file is stale, so the schema can never drift from the loader.
"""

from __future__ import annotations

import json

from simulator.loading import LIBRARY_DIR
from simulator.scenario import Scenario

SCHEMA_FILE = LIBRARY_DIR / "schema.json"


def schema_text() -> str:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "callsim scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
