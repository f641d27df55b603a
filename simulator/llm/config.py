"""Where the LLM lives and how long we wait for it: environment first, then a TOML file.

The same settings serve OpenAI itself and local OpenAI-compatible servers (Ollama,
llama.cpp's server, vLLM): only the base URL differs. Environment variables win over
the file so a one-off `OPENAI_BASE_URL=... callsim play ...` never needs an edit, and
the file (platformdirs user_config_dir("callsim")/config.toml) holds the everyday setup:

    [llm]
    base_url = "http://127.0.0.1:8080/v1"   # omit for OpenAI
    model = "gemma-3-270m"
    timeout_s = 6          # the whole customer turn, wall clock
    retries = 1            # extra attempts inside that budget
    api_key = "..."        # optional; OPENAI_API_KEY wins
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT_S = 6.0
DEFAULT_RETRIES = 1
# local servers accept any key, but the openai client insists on having one
LOCAL_PLACEHOLDER_KEY = "sk-local-no-key"


class ConfigError(ValueError):
    """The config file exists but cannot be used; the message names the file and key."""


def config_path() -> Path:
    """CALLSIM_CONFIG, else the per-user config folder's config.toml."""
    override = os.environ.get("CALLSIM_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("callsim")) / "config.toml"


@dataclass(frozen=True)
class LLMConfig:
    """Everything needed to reach the model; `sources` says where each value came from."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    retries: int = DEFAULT_RETRIES
    temperature: float = 0.7
    max_tokens: int = 160
    # "auto" sends OpenAI's json_schema and switches to {"type": "json_object", "schema":
    # ...} (llama-cpp-python's server) when the server rejects it; or force either one
    response_format: str = "auto"
    # some chat templates (Gemma's, in llama-cpp-python) silently drop system messages:
    # sending the instructions inside the user message works everywhere
    merge_system: bool = True
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_local(self) -> bool:
        """A self-hosted server: no real key needed, schema limits (maxLength) understood."""
        return bool(self.base_url) and "api.openai.com" not in (self.base_url or "")

    @property
    def key_for_client(self) -> str | None:
        if self.api_key:
            return self.api_key
        return LOCAL_PLACEHOLDER_KEY if self.base_url else None

    def with_(self, **changes: Any) -> LLMConfig:
        return replace(self, **changes)

    def describe(self) -> list[str]:
        """Human lines for `callsim doctor`: each setting and where it came from."""
        key = "set" if self.api_key else ("not needed (local)" if self.base_url else "MISSING")
        rows = [
            ("endpoint", self.base_url or "OpenAI (api.openai.com)", "base_url"),
            ("model", self.model, "model"),
            ("api key", key, "api_key"),
            ("timeout", f"{self.timeout_s:g} s per customer turn", "timeout_s"),
            ("retries", str(self.retries), "retries"),
        ]
        return [f"{name:<9} {value}  [{self.sources.get(k, 'default')}]" for name, value, k in rows]


_ENV = {
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "model": "CALLSIM_LLM_MODEL",
    "timeout_s": "CALLSIM_LLM_TIMEOUT_S",
    "retries": "CALLSIM_LLM_RETRIES",
}
_TYPES: dict[str, type] = {"base_url": str, "api_key": str, "model": str, "timeout_s": float,
                           "retries": int, "temperature": float, "max_tokens": int,
                           "response_format": str, "merge_system": bool}
RESPONSE_FORMATS = ("auto", "json_schema", "json_object")
# a customer turn waits at most 10 minutes; sampling temperatures above 2 are noise
_UPPER: dict[str, float] = {"timeout_s": 600.0, "temperature": 2.0, "max_tokens": 32768}


def _coerce(key: str, value: Any, where: str) -> Any:
    kind = _TYPES[key]
    try:
        if kind is str:
            if not isinstance(value, str):
                raise TypeError
            out = value.strip() or None
        elif kind is bool:
            if isinstance(value, str) and value.lower() in ("true", "1", "yes", "false", "0", "no"):
                value = value.lower() in ("true", "1", "yes")
            if not isinstance(value, bool):
                raise TypeError
            return value
        elif kind is int and isinstance(value, bool):
            raise TypeError
        else:
            out = kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: `{key}` should be a {kind.__name__}, got {value!r}") from exc
    if out is None or (kind is str and key != "response_format"):
        return out
    if kind is float and not math.isfinite(out):  # inf would overflow the deadline's clock
        raise ConfigError(f"{where}: `{key}` must be a finite number, got {value!r}")
    if key in ("timeout_s", "max_tokens") and out <= 0:
        raise ConfigError(f"{where}: `{key}` must be above 0, got {value!r}")
    for name, top in _UPPER.items():
        if key == name and out > top:
            raise ConfigError(f"{where}: `{key}` must be at most {top:g}, got {value!r}")
    if key == "temperature" and out < 0:
        raise ConfigError(f"{where}: `temperature` must be 0 or more, got {value!r}")
    if key == "response_format" and out not in RESPONSE_FORMATS:
        raise ConfigError(f"{where}: `response_format` must be one of "
                          f"{', '.join(RESPONSE_FORMATS)}, got {value!r}")
    if key == "retries" and not 0 <= out <= 5:
        raise ConfigError(f"{where}: `retries` must be 0..5, got {value!r}")
    return out


def _read_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    section = data.get("llm", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [llm] should be a table")
    unknown = sorted(set(section) - set(_TYPES))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [llm]: {', '.join(unknown)} "
                          f"(known: {', '.join(sorted(_TYPES))})")
    return section


def load_config(path: Path | None = None, env: dict[str, str] | None = None) -> LLMConfig:
    """Defaults, overlaid by the file's [llm] table, overlaid by the environment."""
    env = dict(os.environ) if env is None else env
    path = path or config_path()
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, raw in _read_file(path).items():
        values[key] = _coerce(key, raw, str(path))
        sources[key] = str(path)
    for key, var in _ENV.items():
        raw = env.get(var)
        if raw is not None and raw.strip():
            values[key] = _coerce(key, raw, f"${var}")
            sources[key] = f"${var}"
    values = {k: v for k, v in values.items() if v is not None}
    return LLMConfig(**values, sources=sources)
