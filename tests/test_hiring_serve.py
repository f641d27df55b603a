"""`callsim serve` in a real headless Chromium: a one-time link opens the locked candidate
session, the candidate types a test and submits, the result is stored, and the link then
no longer works. Selenium drives the system Chromium through chromedriver
(`scripts/browser_setup.sh`); nothing is downloaded."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.hiring.store import HiringStore
from simulator.store import Store


def need(what: str, found: object) -> None:
    if found:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} missing: scripts/browser_setup.sh and the test extra install it")
    pytest.skip(f"{what} missing here")


def callsim() -> list[str]:
    return [sys.executable, "-m", "simulator.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def until(check: Callable[[], Any], what: str, limit: float = 90.0) -> Any:
    """Poll until `check()` is truthy (a generous limit: only a hang fails here)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    pytest.importorskip("textual_serve")
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    HiringStore(Store(db))
    port = free_port()
    proc = subprocess.Popen([*callsim(), "serve", "--port", str(port), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def up() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        except urllib.error.HTTPError:
            return True  # 410 without an invitation: the server answers
        except OSError:
            return proc.poll() is not None
        return True

    until(up, "the server answers")
    assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
    try:
        yield db, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_invited_candidate_types_submits_and_the_link_is_spent(server: tuple[str, str]) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver_path = shutil.which("chromedriver")
    browser = next((p for n in ("chromium", "chromium-browser", "google-chrome")
                    if (p := shutil.which(n))), None)
    need("chromedriver", driver_path)
    need("Chromium", browser)
    db, base = server
    invite = subprocess.run([*callsim(), "hiring", "invite", "--plan", "keyboard-only", "--candidate",
                             " c-web ", "--url", base, "--db", db], capture_output=True, text=True)
    assert invite.returncode == 0, invite.stderr
    link = invite.stdout.strip()
    assert link.startswith(f"{base}/?invite=")
    hs = HiringStore(Store(db))

    opts = Options()
    opts.binary_location = str(browser)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,800"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=opts)
    try:
        driver.get(link)
        keys = until(lambda: driver.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea"),
                     "the terminal is on the page")[0]

        def session() -> dict[str, Any] | None:
            rows = hs.sessions(plan_id="keyboard-only", candidate="C-WEB")
            return rows[0] if rows else None

        until(session, "the invitation opened a session")

        def pressing(key: str, check: Callable[[], Any], what: str) -> Any:
            """Press `key`, give the app 5 s to show `check()`, and press again if it did not
            (the app in the browser may still be drawing when the first press arrives)."""
            def step() -> Any:
                keys.send_keys(key)
                try:
                    return until(check, what, limit=5.0)
                except AssertionError:
                    return None

            return until(step, what)

        typing = lambda: (session() or {}).get("parts", {}).get("typing")  # noqa: E731
        pressing(Keys.ENTER, typing, "the typing part started")  # the first part: typing
        time.sleep(1.0)  # the test screen takes the keys once drawn (not a timed assertion)
        keys.send_keys("Two cases of oat milk, one litre each. ")
        pressing(Keys.F9, lambda: "wpm" in (typing() or {}), "the typing result is stored")
        keys.send_keys(Keys.ENTER)  # Continue (focused before the result was stored)
        time.sleep(1.0)
        # F10 opens "Submit?", F10 again confirms: pressed until the session is locked
        done = pressing(Keys.F10, lambda: (s := session()) and s["locked"] and s, "the session is submitted")
    finally:
        driver.quit()
    typing = done["parts"]["typing"]
    assert typing["key_presses"] >= 30 and typing["wpm"] > 0 and typing["incomplete"]
    assert done["parts"]["ten_key"]["status"] == "not_taken"
    # the link is spent: the page says so, and its websocket starts nothing
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(link, timeout=10)
    assert err.value.code == 410 and b"cannot be used" in err.value.read()
    assert len(hs.sessions(candidate="C-WEB")) == 1
