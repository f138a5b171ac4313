"""Every request body bounded in size and time, and a write's token checked before its body.

:class:`BodyGuard` is ASGI middleware: it sits in front of every handler of the app, so no
handler ever reads a body that is too large, too slow, or sent without the right token.
"""

from __future__ import annotations

import asyncio
import time

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import http_documents
from api.context import Context, bearer
from api.errors import error_body, http_error_body, http_status
from graph.errors import SelarasError

__all__ = ["BODY_LIMIT", "MIN_RATE", "BodyGuard"]

BODY_LIMIT = 1024 * 1024  # the body of any request but an upload
MULTIPART_ROOM = 1024 * 1024  # an upload's part headers, over its files' own bytes
MIN_RATE = 10 * 1024  # bytes a second a body must keep up, after the first wait
CLOSE = {"Connection": "close"}


class BodyGuard:
    """Every request body bounded in size and in time, before any handler reads it.

    A body is refused with 413 as soon as its ``Content-Length`` or the bytes received pass
    its limit (an upload: ``max_upload_bytes`` plus 1 MB of part headers; anything else:
    :data:`BODY_LIMIT`), and cut with 408 when it stops coming: it may take
    ``upload_timeout_s`` plus one second per :data:`MIN_RATE` bytes received. An upload or a
    delete without a valid write token is refused (401/403) before its body is read. An answer
    given before the whole body came closes the connection.
    """

    def __init__(self, app: ASGIApp, context: Context) -> None:
        self.app, self.ctx = app, context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = self.ctx.settings
        write = _is_write(scope)
        limit = settings.max_upload_bytes + MULTIPART_ROOM if write else BODY_LIMIT
        body = _Body(receive, limit, settings.upload_timeout_s, _declared(scope))
        try:
            if write:
                self.ctx.tokens.check(bearer(Request(scope)), "write")
        except SelarasError as exc:
            refusal = JSONResponse(error_body(exc), http_status(exc), headers=CLOSE)
            await refusal(scope, receive, send)
            return
        if body.declared is not None and body.declared > limit:
            too_large = http_error_body(413, f"Content-Length {body.declared} > {limit} bytes")
            await JSONResponse(too_large, 413, headers=CLOSE)(scope, receive, send)
            return
        await self.app(scope, body.receive, body.closing(send))


def _is_write(scope: Scope) -> bool:
    """An upload or a delete: a POST or DELETE under the documents router."""
    path, prefix = scope["path"], http_documents.router.prefix
    documents = path == prefix or path.startswith(prefix + "/")
    return documents and scope["method"] in ("POST", "DELETE")


def _declared(scope: Scope) -> int | None:
    """The body length a request announces: its Content-Length, -1 for a chunked body, None
    for no body."""
    headers = dict(scope["headers"])
    if b"transfer-encoding" in headers:
        return -1
    length = headers.get(b"content-length", b"0").strip()
    return int(length) if length.isdigit() and int(length) > 0 else None


class _Body:
    """One request's body as the app reads it: counted, timed, and finished or not."""

    def __init__(self, receive: Receive, limit: int, timeout: float, declared: int | None):
        self._receive, self.limit, self.timeout, self.declared = receive, limit, timeout, declared
        self.started, self.received, self.done = time.monotonic(), 0, declared is None

    async def receive(self) -> Message:
        if self.done:
            return await self._receive()
        wait = self.started + self.timeout + self.received / MIN_RATE - time.monotonic()
        try:
            message = await asyncio.wait_for(self._receive(), max(wait, 0.001))
        except TimeoutError:
            waited = time.monotonic() - self.started
            detail = f"{self.received} bytes in {waited:.0f} s"
            raise HTTPException(408, detail, headers=CLOSE) from None
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            self.done = not message.get("more_body", False)
            if self.received > self.limit:
                raise HTTPException(413, f"> {self.limit} bytes", headers=CLOSE)
        return message

    def closing(self, send: Send) -> Send:
        """``send`` that closes the connection when the answer starts before the body ended."""

        async def closing_send(message: Message) -> None:
            if message["type"] == "http.response.start" and not self.done:
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"connection", b"close")],
                }
            await send(message)

        return closing_send
