"""scenarios/schema.json, generated from the scenario models.

Editors with the YAML language server read it (each scenario's first line points to
it) to autocomplete fields and flag mistakes while the trainer types. A test fails
when the committed file is stale, so the schema can never drift from the loader.

The loader accepts a few shorthands the models' own schema does not show (one line
where a list of variants is allowed, a fact given as its bare value, the procedure as a
plain list of steps); `_shorthands` adds them so editors don't flag valid files.
"""

from __future__ import annotations

import json
from typing import Any

from simulator.loading import LIBRARY_DIR
from simulator.scenario import Scenario

SCHEMA_FILE = LIBRARY_DIR / "schema.json"


def _string_lists(node: Any) -> None:
    """Every list-of-strings property also accepts a single string."""
    if isinstance(node, dict):
        for value in node.get("properties", {}).values():
            if value.get("type") == "array" and value.get("items", {}).get("type") == "string":
                array = {k: value.pop(k) for k in list(value) if k not in ("title", "description", "default")}
                value["anyOf"] = [array, {"type": "string"}]
        for value in node.values():
            _string_lists(value)
    elif isinstance(node, list):
        for value in node:
            _string_lists(value)


def _shorthands(schema: dict[str, Any]) -> None:
    _string_lists(schema)
    facts = schema["properties"]["facts"]
    facts["additionalProperties"] = {"anyOf": [facts["additionalProperties"], {"type": "string"}]}
    proc = schema["properties"]["procedure"]
    ref = {k: proc.pop(k) for k in list(proc) if k not in ("title", "description")}
    proc["anyOf"] = [ref, {"type": "array", "items": {"type": "string"}}]


def schema_text() -> str:
    schema = Scenario.model_json_schema(by_alias=True)
    _shorthands(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "callsim scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
