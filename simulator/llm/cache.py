"""Judge verdicts cached by transcript hash, in one small JSON file.

Judging costs several model calls, and a saved transcript never changes, so the same
call with the same rubric and model is judged once. The file lives in the per-user
cache folder (platformdirs user_cache_dir("callsim")/judge_cache.json, or
CALLSIM_CACHE_DIR); it is safe to delete. Writes go through a temporary file and an
atomic rename so an interrupted run never leaves half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from simulator.scenario import Scenario
from simulator.transcript import Transcript

MAX_ENTRIES = 500


def cache_path() -> Path:
    override = os.environ.get("CALLSIM_CACHE_DIR")
    if override:
        return Path(override) / "judge_cache.json"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("callsim")) / "judge_cache.json"


def transcript_key(transcript: Transcript, scenario: Scenario, *, model: str,
                   rubric_version: str) -> str:
    """sha256 of what the judge reads: the events (not when the call happened)."""
    body = transcript.model_dump(mode="json", exclude={"started_at"})
    blob = json.dumps({"t": body, "scenario": scenario.id, "model": model,
                       "rubric": rubric_version}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class JudgeCache:
    """key -> list of runs (each a JSON-ready dict)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> list[dict[str, Any]]:
        runs = self._load().get(key, {}).get("runs", [])
        return runs if isinstance(runs, list) else []

    def put(self, key: str, runs: list[dict[str, Any]]) -> None:
        data = self._load()
        data.pop(key, None)
        data[key] = {"runs": runs}
        while len(data) > MAX_ENTRIES:  # oldest first: dicts keep insertion order
            data.pop(next(iter(data)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".judge_cache.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, self.path)
