"""`callsim serve`: the locked candidate session in a browser, one session per one-time link.

textual-serve runs a Textual app per browser connection and streams it over a
websocket. Its stock server starts the same command for anyone who opens the page;
here the page only opens with an unused invitation (`/?invite=TOKEN`), its websocket
is `/ws/<token>`, and connecting claims the token and starts the app on that
candidate's session (`callsim hiring candidate-app --session N --remote`). The bare
`/ws` of the stock server is refused, so nothing runs without an invitation.

The app is the same locked candidate screen as at a workstation; the parts that need a
microphone say they are taken at a workstation, and the role-play call is typed.
"""

from __future__ import annotations

import asyncio
import shlex
import sys
from html import escape
from typing import Any

from simulator.hiring.invites import Invites
from simulator.hiring.models import Plan
from simulator.hiring.store import HiringError, HiringStore

USED_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>callsim</title></head>
<body style="font: 16px system-ui, sans-serif; margin: 3rem;"><h1>This link cannot be used</h1>
<p>{why}</p><p>Each invitation opens one session once. Ask the hiring manager for a new link.</p>
</body></html>"""


def candidate_command(session_id: int, db_url: str) -> str:
    """The shell command textual-serve starts for one claimed invitation."""
    return " ".join(shlex.quote(part) for part in (
        sys.executable, "-m", "simulator.cli", "hiring", "candidate-app", "--session", str(session_id),
        "--db", db_url, "--remote"))


def make_server(db_url: str, *, host: str = "127.0.0.1", port: int = 8000,
                public_url: str | None = None) -> Any:
    """A textual-serve Server that opens only invited candidate sessions."""
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    hiring = HiringStore(db_url)
    invites = Invites(hiring)

    class InviteServer(Server):  # type: ignore[misc]
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get("/ws/{token}", self.handle_invite_websocket, name="invite-websocket")
            return app

        async def handle_index(self, request: web.Request) -> Any:
            token = request.query.get("invite", "")
            if not token or invites.peek(token) is None:
                why = "The invitation is missing." if not token else \
                    "It was used already, has expired, or is not one of ours."
                return web.Response(text=USED_PAGE.format(why=escape(why)), status=410,
                                    content_type="text/html")
            context = await self._index_context(request)
            ws_url = context["app_websocket_url"]
            context["app_websocket_url"] = ws_url.removesuffix("/ws") + f"/ws/{token}"
            import aiohttp_jinja2

            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def _index_context(self, request: web.Request) -> dict[str, Any]:
            # the stock handler, without its template decorator: the context only
            return await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            socket = web.WebSocketResponse()
            await socket.prepare(request)
            await socket.close(message=b"an invitation is needed")
            return socket

        async def handle_invite_websocket(self, request: web.Request) -> web.WebSocketResponse:
            socket = web.WebSocketResponse(heartbeat=15)
            claimed = invites.claim(request.match_info["token"])
            await socket.prepare(request)
            if claimed is None:
                await socket.close(message=b"this invitation was used already")
                return socket
            try:
                session = hiring.start(_plan_for(hiring, claimed), claimed["candidate"])
            except (HiringError, FileNotFoundError, ValueError) as exc:
                await socket.send_str(f"\r\n{exc}\r\n")
                await socket.close()
                return socket
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            service = AppService(candidate_command(session["id"], db_url), write_bytes=socket.send_bytes,
                                 write_str=socket.send_str, close=socket.close,
                                 download_manager=self.download_manager, debug=self.debug)
            try:
                await service.start(width, height)
                try:
                    await self._process_messages(socket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await socket.close()
            return socket

    return InviteServer("callsim (candidate session)", host=host, port=port,
                        title="callsim — candidate session", public_url=public_url)


def _int(value: str | None, default: int) -> int:
    try:
        return max(20, min(400, int(value or default)))
    except ValueError:
        return default


def _plan_for(hiring: HiringStore, invite: dict[str, Any]) -> Plan:
    """The plan of an invitation: the candidate's open session's frozen copy, else the file."""
    for s in hiring.sessions(plan_id=invite["plan_id"], candidate=invite["candidate"]):
        if not s["locked"]:
            return Plan.model_validate(s["plan"])
    from simulator.hiring.loading import load_plan

    return load_plan(invite["plan_id"])
