"""What a trainee's voice set-up remembers between runs: pause length, echo cancelling.

Non-native speakers and careful thinkers pause longer mid-sentence; a turn window
sized for a fluent speaker cuts them off, and the customer answers half a sentence.
`pause: long` stretches the end-of-turn windows for that trainee. `echo_cancel`
says whether the customer's voice is cancelled from the microphone: "auto" (on when
no headset is detected), "on" (laptop speakers), "off" (a headset). Kept as a small
JSON file in the user's config folder; a missing or damaged file means the defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

PAUSES = ("normal", "long")
ECHO_CANCEL = ("auto", "on", "off")


def config_dir() -> Path:
    """CALLSIM_CONFIG_DIR, else the platform's per-user config folder for callsim."""
    override = os.environ.get("CALLSIM_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("callsim", appauthor=False))


@dataclass
class VoicePrefs:
    pause: str = "normal"
    echo_cancel: str = "auto"

    @classmethod
    def load(cls, folder: Path | None = None) -> VoicePrefs:
        path = (folder or config_dir()) / "voice.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        pause = data.get("pause", "normal")
        echo = data.get("echo_cancel", "auto")
        return cls(pause if pause in PAUSES else "normal", echo if echo in ECHO_CANCEL else "auto")

    def save(self, folder: Path | None = None) -> Path:
        """Write atomically, so a crash mid-write keeps the old settings."""
        path = (folder or config_dir()) / "voice.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path
