"""FakeOpenAIServer: a tiny OpenAI-compatible HTTP server on loopback, for tests.

FakeLLM replaces the client; this replaces the server, so the real `openai` client,
its timeouts, retries and error classes are exercised end to end without a model:
429s, 5xx, garbage bodies, slow answers, server-sent-event streams. Each request to
/v1/chat/completions takes the next `ServerReply`; /v1/models lists `models`.
Standard library only; binds 127.0.0.1 on a free port; stop() shuts it down.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ServerReply:
    """One scripted HTTP answer."""

    content: str | None = None  # the assistant message (JSON text for our schemas)
    status: int = 200
    delay_s: float = 0.0
    raw: bytes | None = None    # send these bytes as the body instead
    message: str = "fake error"
    chunk_delay_s: float = 0.0


def _completion(content: str) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
    body = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
            "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n".encode()


class FakeOpenAIServer:
    """Scripted OpenAI-compatible endpoint; `requests` keeps every chat request body."""

    def __init__(self, replies: list[ServerReply] | None = None, *,
                 models: list[str] | None = None, default: ServerReply | None = None) -> None:
        self.replies = list(replies or [])
        self.default = default
        self.models = ["fake-model"] if models is None else models
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("retry-after-ms", "10")
                self.end_headers()
                # the client may have given up (a timeout test): nothing to tell it then
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                            for m in server.models]
                    self._send(200, json.dumps({"object": "list", "data": data}).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.endswith("/chat/completions"):
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                with server._lock:
                    server.requests.append(body)
                    reply = server.replies.pop(0) if server.replies else server.default
                if reply is None:
                    self._send(500, b'{"error": {"message": "no reply scripted"}}')
                    return
                time.sleep(reply.delay_s)
                if reply.raw is not None:
                    self._send(reply.status, reply.raw)
                elif reply.status != 200:
                    err = {"error": {"message": reply.message, "type": "fake", "code": None}}
                    self._send(reply.status, json.dumps(err).encode())
                elif body.get("stream"):
                    self._stream(reply)
                else:
                    self._send(200, json.dumps(_completion(reply.content or "")).encode())

            def _stream(self, reply: ServerReply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                text = reply.content or ""
                try:
                    self.wfile.write(_chunk({"role": "assistant", "content": ""}))
                    for i in range(0, len(text), 6):
                        time.sleep(reply.chunk_delay_s)
                        self.wfile.write(_chunk({"content": text[i:i + 6]}))
                        self.wfile.flush()
                    self.wfile.write(_chunk({}, "stop"))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
