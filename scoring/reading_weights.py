"""Placeholder weights; `benchmarks/diction_calibration.py --write` regenerates this file."""

from __future__ import annotations

from typing import Any

_ONE = {"features": ["forced_logp"], "lo": [-9.3], "hi": [0.0], "mean": [-1.5], "scale": [1.0],
        "coef": [1.0], "intercept": 7.5}
MODELS: dict[str, Any] = {"version": "placeholder", "total": _ONE, "accuracy": _ONE, "fluency": _ONE}
